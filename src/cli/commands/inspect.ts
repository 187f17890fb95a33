/** `infoplane inspect RUN...`: summarise run files (layers, epochs, estimators, units, final points, truncation). */
import { printable } from '../../core/printable';
import { combineRuns } from '../../run/combineRuns';
import { readRun } from '../../run/parseRun';
import { formatRunSummary, summarizeRun } from '../../run/summarizeRun';
import { choiceParam } from '../../estimators/specs/params';
import { CliCommand, CliIO } from '../command';
import { readCommandFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';

const HELP = `Usage: infoplane inspect RUN... [--combine] [--spread minmax|quartiles] [--json]

Summarises each run file (written by infoplane train, infoplane demo or the infoPlaneCallback): run id, data
set, probe size, layers, estimators with their parameters, units, recorded epochs, the last logs, the final
point of every (estimator, layer), and whether the last line was cut short by a crash (every earlier line is
kept and readable).

  --combine               also combine the runs (e.g. seeds): median and spread per (estimator, layer, epoch),
                          shown for the last common epoch
  --spread S              minmax (default) or quartiles, with --combine
  --json                  print JSON: {"runs": [summary...], "combined"?: {...}}
`;

/** `--spread`: the spread of combined runs. */
const SPREAD = choiceParam(['minmax', 'quartiles'], { description: 'spread of combined runs' });

async function inspect(args: ParsedArgs, io: CliIO): Promise<void> {
  if (args.positionals.length === 0) throw new UsageError('infoplane inspect: give at least one run file (see infoplane inspect --help)');
  const spreadRaw = readCommandFlag(args, 'infoplane inspect', 'spread', SPREAD) ?? 'minmax';
  if (args.flags.has('spread') && !args.flags.has('combine')) throw new UsageError('infoplane inspect: --spread goes with --combine');
  const runs = args.positionals.map((file) => readRun(file));
  runs.forEach((r, i) => {
    for (const k of r.skipped ?? []) io.stderr(`infoplane inspect: warning: ${printable(args.positionals[i], { oneLine: true })}: line ${k.line} left out: ${printable(k.reason, { oneLine: true })}\n`);
  });
  const summaries = runs.map(summarizeRun);
  const combined = args.flags.has('combine') ? combineRuns(runs, { spread: spreadRaw }) : undefined;
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ runs: summaries.map((s, i) => ({ file: args.positionals[i], ...s })), ...(combined ? { combined } : {}) })}\n`);
    return;
  }
  summaries.forEach((s, i) => {
    const file = printable(args.positionals[i], { oneLine: true });
    if (summaries.length > 1) io.stdout(`== ${file}\n`);
    else io.stdout(`file: ${file}\n`);
    io.stdout(formatRunSummary(s));
  });
  if (combined) {
    const f = (v: { median: number; lo: number; hi: number } | undefined) => (v ? `${v.median.toFixed(3)} [${v.lo.toFixed(3)}, ${v.hi.toFixed(3)}]` : '-');
    io.stdout(`== combined (${runs.length} runs, median [${combined.spread === 'minmax' ? 'min, max' : 'q1, q3'}], ${combined.units}), last epoch of each (estimator, layer):\n`);
    const last = new Map<string, (typeof combined.points)[number]>();
    for (const p of combined.points) last.set(`${p.estimator}\u0000${p.layer}`, p);
    for (const p of last.values()) {
      io.stdout(`  ${printable(p.estimator, { oneLine: true })}  ${printable(p.layer, { oneLine: true })}  epoch ${p.epoch} (${p.runs} runs)  I(X;T) ${f(p.ixt)}  I(T;Y) ${f(p.ity)}${p.hT ? `  H(T) ${f(p.hT)}` : ''}\n`);
    }
  }
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'summarise run files: layers, epochs, estimators, units, final points, truncated lines',
  usage: 'infoplane inspect RUN... [--combine] [--spread minmax|quartiles] [--json]',
  flags: ['combine', 'spread', 'json', 'help'],
  booleans: ['combine', 'json', 'help'],
  help: () => HELP,
  run: inspect,
  paramFlags: { file: 'RUN', text: 'RUN' },
};
