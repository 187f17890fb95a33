/**
 * `infoplane bmi SAMPLES.csv DIM_X DIM_Y`: the external-estimator contract of the `bmi` benchmark (Czyz et al.
 * 2023, "Beyond Normal: On the Evaluation of Mutual Information Estimators"): read a CSV of samples whose first
 * DIM_X columns are X and next DIM_Y columns are Y (bmi writes them with a header X0..X(m-1), Y0..Y(n-1)), and
 * print only the MI estimate in nats on stdout. bmi reads the command's output with stderr merged into it and
 * parses it as one float, so nothing else is printed on success: warnings go to stderr only with --warnings.
 * The older form `SAMPLES.csv SEED DIM_X DIM_Y` (a first column `seed`, rows of that seed used) is accepted too.
 */
import { fail } from '../../core/errors';
import { Samples } from '../../core/samples';
import { setWarningHandler } from '../../core/warn';
import { estimatorSpec } from '../../estimators/registry';
import { integerParam } from '../../estimators/specs/params';
import { readMatrixFile } from '../../io/readMatrixFile';
import { CliCommand, CliIO } from '../command';
import { estimatorOptions } from '../estimatorOptions';
import { parseFlagValue, readTextFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';

const FLAGS = ['estimator', 'warnings', 'help'] as const;
const PREFIX = 'infoplane bmi';
const DIM = integerParam({ min: 1, max: 1_000_000, description: 'dimension' });
const SEED = integerParam({ description: 'seed column value' });

const HELP = `Usage: infoplane bmi SAMPLES.csv DIM_X DIM_Y [--estimator NAME] [--PARAM V ...] [--warnings]
       infoplane bmi SAMPLES.csv SEED DIM_X DIM_Y [...]

The external-estimator contract of the bmi benchmark (Czyz et al. 2023, "Beyond Normal"): reads a CSV whose
first DIM_X columns are X and next DIM_Y columns are Y (a header line such as X0,X1,Y0 is allowed), and prints
only I(X;Y) in nats. With SEED, the CSV's first column is "seed" and only the rows of that seed are used.
Nothing else is printed on success (bmi parses the output, stderr included, as one number).

  --estimator NAME        an estimator of I(X;Y) between continuous variables (default ksg; also kde, cs,
                          renyi, binning, adaptive-binning, compressed...)
  --PARAM V               the estimator's parameters (--k 5, --dims 4...)
  --warnings              print the estimator's warnings on stderr (breaks bmi's parsing: for checks by hand)

In bmi (Python), as an ExternalEstimator whose _build_command returns
  ["node", "/path/to/node_modules/infoplane/dist/cli/main.js", "bmi", str(path), str(dim_x), str(dim_y), "--estimator", "ksg", "--k", "5"]
(see docs/guide.md, "Inside the bmi benchmark").
`;

async function bmi(args: ParsedArgs, io: CliIO): Promise<void> {
  const p = args.positionals;
  if (p.length !== 3 && p.length !== 4) throw new UsageError(`${PREFIX}: expected SAMPLES.csv DIM_X DIM_Y (or SAMPLES.csv SEED DIM_X DIM_Y); got ${p.length} arguments`);
  const file = p[0];
  const seed = p.length === 4 ? (parseFlagValue(PREFIX, 'SEED', SEED, p[1], { checkRange: true }) as number) : undefined;
  const [dx, dy] = p.slice(p.length - 2).map((raw, i) => parseFlagValue(PREFIX, i === 0 ? 'DIM_X' : 'DIM_Y', DIM, raw, { checkRange: true }) as number);
  const name = readTextFlag(args, PREFIX, 'estimator') ?? 'ksg';
  const spec = estimatorSpec(name, PREFIX);
  if (!spec.mi || spec.miTarget === 'labels') {
    throw new UsageError(`${PREFIX}: --estimator ${name} does not estimate I(X;Y) between continuous variables; use ksg, kde, cs, renyi, compressed or another with 'mi'`);
  }
  const options = estimatorOptions(PREFIX, spec, args.flags, FLAGS, 'mi');
  const { samples, columns } = readMatrixFile(file, { fn: PREFIX, param: 'SAMPLES.csv' });
  let s: Samples = samples;
  let first = 0;
  if (seed !== undefined) {
    if (columns?.[0]?.trim().toLowerCase() !== 'seed') fail('invalid_option', { fn: PREFIX, param: 'SAMPLES.csv', expected: 'a first column named seed (with SEED given)', received: columns ? JSON.stringify(columns[0]) : 'no header' });
    s = rowsWhere(s, (row) => s.data[row * s.d] === seed);
    if (s.n === 0) fail('empty', { fn: PREFIX, param: 'SEED', expected: 'a seed present in the seed column', received: String(seed) });
    first = 1;
  }
  if (s.d - first !== dx + dy) {
    fail('invalid_option', { fn: PREFIX, param: 'SAMPLES.csv', expected: `DIM_X + DIM_Y = ${dx + dy} columns${first ? ' after the seed column' : ''}`, received: `${s.d - first}` });
  }
  const x = columnsOf(s, first, dx);
  const y = columnsOf(s, first + dx, dy);
  const previous = setWarningHandler(args.flags.has('warnings') ? (m) => io.stderr(`${PREFIX}: warning: ${m}\n`) : null);
  try {
    const e = spec.mi(x, y, { ...options, units: 'nats' });
    if (args.flags.has('warnings')) for (const w of e.warnings) io.stderr(`${PREFIX}: warning: ${w.message}\n`);
    io.stdout(`${e.value}\n`);
  } finally {
    setWarningHandler(previous);
  }
}

function rowsWhere(s: Samples, keep: (row: number) => boolean): Samples {
  const rows: number[] = [];
  for (let i = 0; i < s.n; i++) if (keep(i)) rows.push(i);
  const data = new Float64Array(rows.length * s.d);
  rows.forEach((r, k) => data.set(s.data.subarray(r * s.d, (r + 1) * s.d), k * s.d));
  return { data, n: rows.length, d: s.d };
}

function columnsOf(s: Samples, from: number, count: number): Samples {
  const data = new Float64Array(s.n * count);
  for (let i = 0; i < s.n; i++) for (let j = 0; j < count; j++) data[i * count + j] = s.data[i * s.d + from + j];
  return { data, n: s.n, d: count };
}

export const bmiCommand: CliCommand = {
  name: 'bmi',
  summary: 'the bmi benchmark\'s external-estimator contract: I(X;Y) in nats of a CSV, printed alone',
  usage: 'infoplane bmi SAMPLES.csv DIM_X DIM_Y [--estimator NAME] [--PARAM V ...]',
  flags: FLAGS,
  booleans: ['warnings', 'help'],
  estimatorParams: true,
  help: () => HELP,
  run: bmi,
  paramFlags: { a: 'X', b: 'Y' },
};
