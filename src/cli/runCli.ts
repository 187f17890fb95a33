/**
 * The `infoplane` command line. `runCli(argv, io)` returns the exit code: 0 on success, 2 for a usage error
 * (unknown command or flag, a parameter out of range), 1 for bad data (unreadable or malformed files, NaN,
 * mismatched lengths...). A user's mistake is one line on stderr, never a stack trace.
 */
import { InfoplaneError } from '../core/errors';
import { printable } from '../core/printable';
import { finiteReplacer } from '../run/runFile';
import { InterruptedError } from './interrupt';
import { adviseOnCost, adviseOnSaturation, checkCost } from './costAdvice';
import { withProgress } from './progress';
import { Labels } from '../core/labels';
import { Samples } from '../core/samples';
import { Units } from '../core/units';
import { formatWarning } from '../estimators/diagnostics';
import { ClassTerms, Estimate, EstimateWarning, PlanePoint } from '../estimators/types';
import { DIVERGENCES, estimatorNames, estimatorSpec } from '../estimators/registry';
import { EstimatorSpec, Operation } from '../estimators/specs/spec';
import { extensionOf, readLabelsFile, readMatrixFile } from '../io';
import { readNpyHeader } from '../io/readNpy';
import { booleanParameterFlags, estimatorOptions } from './estimatorOptions';
import { readCommandFlag, readParamFlags } from './flags';
import { BaselineOptions, miBaseline, pointBaseline, ShuffleBaseline } from '../estimators/baseline';
import { Bootstrap, BootstrapOptions, miBootstrap, pointBootstrap } from '../estimators/bootstrap';
import { integerParam, Param } from '../estimators/specs/params';
import { commandHelp, mainHelp } from './help';
import { flagOf, parseArgs, ParsedArgs, UsageError } from './parseArgs';
import { VERSION } from '../version';
import { CliCommand, CliIO } from './command';
import { EXTRA_COMMANDS } from './commands';

export type { CliIO } from './command';

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  terminal: (text) => process.stderr.write(text),
};

/** `--baseline-shuffles R [--baseline-seed S]`: the estimate with the labels (or Y) permuted R times, seeded. */
const BASELINE_FLAGS = ['baseline-shuffles', 'baseline-seed'];
const BASELINE_SHUFFLES = integerParam({ min: 1, max: 10000, description: 'shuffles of the labels (or Y) for the bias floor' });
const BASELINE_SEED = integerParam({ min: 0, max: 2 ** 32 - 1, description: 'seed of the shuffles' });

/** A seeded repetition count from `--COUNT N [--SEED S]` (the seed defaults to 0 and needs the count). */
function readSeededCount(args: ParsedArgs, command: string, countFlag: string, seedFlag: string, count: Param<number>, seed: Param<number>): { count: number; seed: number } | undefined {
  const prefix = `infoplane ${command}`;
  const n = readCommandFlag(args, prefix, countFlag, count);
  const s = readCommandFlag(args, prefix, seedFlag, seed);
  if (n === undefined) {
    if (s !== undefined) throw new UsageError(`${prefix}: --${seedFlag} goes with --${countFlag}`);
    return undefined;
  }
  return { count: n, seed: s ?? 0 };
}

function readBaseline(args: ParsedArgs, command: string): BaselineOptions | undefined {
  const r = readSeededCount(args, command, 'baseline-shuffles', 'baseline-seed', BASELINE_SHUFFLES, BASELINE_SEED);
  return r && { shuffles: r.count, seed: r.seed };
}

/** `--bootstrap B [--bootstrap-seed S]`: percentile intervals (95%) from B resamples of the samples, seeded. */
const BOOTSTRAP_FLAGS = ['bootstrap', 'bootstrap-seed'];
const BOOTSTRAP_B = integerParam({ min: 2, max: 10000, description: 'bootstrap resamples of the samples' });
const BOOTSTRAP_SEED = integerParam({ min: 0, max: 2 ** 32 - 1, description: 'seed of the bootstrap resamples' });

function readBootstrap(args: ParsedArgs, command: string): BootstrapOptions | undefined {
  const r = readSeededCount(args, command, 'bootstrap', 'bootstrap-seed', BOOTSTRAP_B, BOOTSTRAP_SEED);
  return r && { bootstrap: r.count, seed: r.seed };
}

function describeBootstrap(labels: Record<string, string>, b: Bootstrap<string>, units: string): string {
  return Object.entries(b.intervals)
    .map(([q, i]) => {
      const dropped = i.nonFinite ? `; ${i.nonFinite} resamples not finite, left out` : '';
      return `${labels[q] ?? q} ${fmt(100 * b.level)}% bootstrap interval (${b.bootstrap} resamples, seed ${b.seed}): [${fmt(i.lower)}, ${fmt(i.upper)}] ${units}, sd ${fmt(i.sd)}${dropped}`;
    })
    .join('\n');
}

function describeBaseline(quantity: string, b: ShuffleBaseline, units: string): string {
  return `${quantity} with shuffled labels (${b.shuffles} shuffles, seed ${b.seed}): mean ${fmt(b.mean)} ${units}, sd ${fmt(b.sd)}, range [${fmt(b.min)}, ${fmt(b.max)}]`;
}

const ESTIMATE_COMMANDS: CliCommand[] = [
  {
    name: 'point',
    summary: 'I(X;T) and I(T;Y) of one layer: its information-plane point',
    usage: 'infoplane point --input X --activations T --labels Y --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--baseline-shuffles R [--baseline-seed S]] [--bootstrap B [--bootstrap-seed S]] [--per-class] [--json]',
    flags: ['input', 'activations', 'labels', 'estimator', 'units', 'json', 'help', 'allow-slow', 'per-class', ...BASELINE_FLAGS, ...BOOTSTRAP_FLAGS],
    booleans: ['json', 'help', 'allow-slow', 'per-class'],
    estimatorParams: true,
    help: () => commandHelp('point'),
    run: point,
    paramFlags: { x: '--input', t: '--activations', labels: '--labels' },
  },
  {
    name: 'mi',
    summary: 'mutual information I(X;Y) between two files (--labels: Y holds integer class labels)',
    usage: 'infoplane mi X Y --estimator NAME [--labels] [--PARAM VALUE ...] [--units bits|nats] [--baseline-shuffles R [--baseline-seed S]] [--bootstrap B [--bootstrap-seed S]] [--json]',
    flags: ['estimator', 'labels', 'units', 'json', 'help', 'allow-slow', ...BASELINE_FLAGS, ...BOOTSTRAP_FLAGS],
    booleans: ['labels', 'json', 'help', 'allow-slow'],
    estimatorParams: true,
    help: () => commandHelp('mi'),
    run: mi,
    paramFlags: { a: 'X', b: 'Y', x: 'X', y: 'Y', t: 'X', labels: 'Y' },
  },
  {
    name: 'entropy',
    summary: 'entropy H(X) of one file',
    usage: 'infoplane entropy X --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--json]',
    flags: ['estimator', 'units', 'json', 'help', 'allow-slow'],
    booleans: ['json', 'help', 'allow-slow'],
    estimatorParams: true,
    help: () => commandHelp('entropy'),
    run: entropy,
    paramFlags: { a: 'X', t: 'X', x: 'X' },
  },
  {
    name: 'divergence',
    summary: 'conditional Cauchy-Schwarz divergence between p(y1|x) and p(y2|x) (the regression loss of CS-IB)',
    usage: 'infoplane divergence X Y1 Y2 --estimator cs [--sigma S] [--units bits|nats] [--json]',
    flags: ['estimator', 'sigma', 'units', 'json', 'help'],
    booleans: ['json', 'help'],
    help: () => commandHelp('divergence'),
    run: divergence,
    paramFlags: { x: 'X', y1: 'Y1', y2: 'Y2' },
  },
];

/** Every command, in the order `--help` lists them. A command in EXTRA_COMMANDS replaces a built-in of the same name. */
export const COMMANDS: readonly CliCommand[] = ESTIMATE_COMMANDS
  .filter((c) => !EXTRA_COMMANDS.some((e) => e.name === c.name))
  .concat(EXTRA_COMMANDS);

/** Flags of a command (besides estimator parameters), for checks. */
export const COMMAND_FLAGS: Record<string, { flags: readonly string[]; booleans: readonly string[] }> = Object.fromEntries(
  COMMANDS.map((c) => [c.name, { flags: c.flags, booleans: c.booleans }]),
);

export async function runCli(argv: readonly string[], terminalIO: CliIO = processIO): Promise<number> {
  // Everything printed goes through `printable`: text quoted from the input cannot drive the terminal.
  const io = printableIO(terminalIO);
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(mainHelp(COMMANDS));
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const cmd = COMMANDS.find((c) => c.name === command);
    if (!cmd) throw new UsageError(`infoplane: unknown command "${command}"; commands are ${COMMANDS.map((c) => c.name).join(', ')} (see infoplane --help)`);
    const booleans = new Set([...cmd.booleans, 'help', ...(cmd.estimatorParams ? booleanParameterFlags() : [])]);
    const args = parseArgs(rest, booleans, `infoplane ${command}`);
    if (args.flags.has('help')) {
      io.stdout(cmd.help());
      return 0;
    }
    if (!cmd.estimatorParams) {
      for (const flag of args.flags.keys()) {
        if (flag !== 'help' && !cmd.flags.includes(flag)) {
          throw new UsageError(`infoplane ${command}: unknown flag --${flag}; valid flags are ${cmd.flags.map((f) => `--${f}`).join(', ')}`);
        }
      }
    }
    await cmd.run(args, io);
    return 0;
  } catch (error) {
    return report(error, command ?? '', io);
  }
}

function report(error: unknown, command: string, io: CliIO): number {
  const cmd = COMMANDS.find((c) => c.name === command);
  const prefix = `infoplane${cmd ? ` ${command}` : ''}`;
  const paramFlags = cmd?.paramFlags ?? {};
  if (error instanceof UsageError) {
    io.stderr(`${printable(error.message, { oneLine: true })}\n`);
    return 2;
  }
  if (error instanceof InterruptedError) {
    io.stderr(`${prefix}: ${printable(error.message, { oneLine: true })}; stopped without writing it (exit code ${error.exitCode})\n`);
    return error.exitCode;
  }
  if (error instanceof InfoplaneError) {
    // Name the command-line flag rather than the API parameter where they differ.
    const mapped = paramFlags[error.param];
    const param = mapped ?? (error.param.startsWith('--') || /^[A-Z]$/.test(error.param) ? error.param : `--${flagOf(error.param)}`);
    const detail = error.detail ? ` (${error.detail})` : '';
    const expected = error.expected.replace(/as many as (\w+)/, (_, other: string) => `as many as ${paramFlags[other] ?? other}`);
    io.stderr(`${printable(`${prefix}: ${param} must be ${expected}; got ${error.received}${detail}. [${error.fn}]`, { oneLine: true })}\n`);
    return error.isUsageError ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${prefix}: internal error: ${printable(message, { oneLine: true })} (please report it; set INFOPLANE_DEBUG=1 for details)\n`);
  if (process.env.INFOPLANE_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return 1;
}

/** The shape of a .npy file from its header (no data read); undefined for other formats. */
function shapeOf(file: string, fn: string, param: string): { n: number; d: number } | undefined {
  return extensionOf(file) === '.npy' ? readNpyHeader(file, { fn, param }) : undefined;
}

function requireFlag(args: ParsedArgs, flag: string, command: string): string {
  const v = args.flags.get(flag);
  if (v === undefined) throw new UsageError(`infoplane ${command}: --${flag} is required (see infoplane ${command} --help)`);
  if (v === true) throw new UsageError(`infoplane ${command}: --${flag} needs a value`);
  return v;
}

function resolveEstimator(args: ParsedArgs, command: Operation): { spec: EstimatorSpec; options: Record<string, unknown>; units: Units } {
  const name = requireFlag(args, 'estimator', command);
  let spec: EstimatorSpec;
  try {
    spec = estimatorSpec(name, `infoplane ${command}`);
  } catch {
    throw new UsageError(`infoplane ${command}: unknown estimator "${name}"; valid estimators are ${estimatorNames().join(', ')}`);
  }
  if (!spec.operations.includes(command)) unsupported(spec, command);
  const options = estimatorOptions(`infoplane ${command}`, spec, args.flags, COMMAND_FLAGS[command].flags, command);
  const rawUnits = args.flags.get('units') ?? 'bits';
  if (rawUnits !== 'bits' && rawUnits !== 'nats') {
    throw new UsageError(`infoplane ${command}: --units must be bits or nats; got "${rawUnits === true ? '' : rawUnits}"`);
  }
  return { spec, options, units: rawUnits };
}

function checkPositionals(args: ParsedArgs, command: string, names: string[]): string[] {
  if (args.positionals.length !== names.length) {
    throw new UsageError(
      `infoplane ${command}: expected ${names.length} file argument${names.length === 1 ? '' : 's'} (${names.join(' ')}); got ${args.positionals.length}${
        args.positionals.length ? ` (${args.positionals.join(' ')})` : ''
      }`,
    );
  }
  return args.positionals;
}

const WHAT: Record<Operation, string> = {
  point: 'an information-plane point',
  mi: 'mutual information',
  entropy: 'entropy',
  divergence: 'a divergence',
};

function unsupported(spec: EstimatorSpec, command: Operation): never {
  throw new UsageError(`infoplane ${command}: the ${spec.name} estimator does not compute ${WHAT[command]}`);
}

async function point(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'point';
  checkPositionals(args, command, []);
  const { spec, options, units } = resolveEstimator(args, command);
  const fn = `infoplane ${command}`;
  const xPath = requireFlag(args, 'input', command);
  const tPath = requireFlag(args, 'activations', command);
  const baselineOptions = readBaseline(args, command);
  const bootstrapOptions = readBootstrap(args, command);
  // with .npy files the shapes are in the headers: a call too slow to run is refused before reading the data
  const tShape = shapeOf(tPath, fn, '--activations');
  const xShape = shapeOf(xPath, fn, '--input');
  const early = tShape !== undefined && xShape !== undefined;
  if (tShape && xShape) adviseOnCost(io.stderr, checkCost(command, spec, tShape.n, tShape.d, xShape.d, options), args.flags.has('allow-slow'));
  const x: Samples = readMatrixFile(xPath, { fn, param: '--input' }).samples;
  const t: Samples = readMatrixFile(tPath, { fn, param: '--activations' }).samples;
  const labels: Labels = readLabelsFile(requireFlag(args, 'labels', command), { fn, param: '--labels' });
  if (!early) adviseOnCost(io.stderr, checkCost(command, spec, t.n, t.d, x.d, options), args.flags.has('allow-slow'));
  const p: PlanePoint = withProgress(() => spec.point!(x, t, labels, { ...options, units }));
  const ixtGivenY = p.ixtGivenY === undefined ? {} : { ixtGivenY: p.ixtGivenY };
  const perClass = p.perClass === undefined ? {} : { perClass: p.perClass };
  const baseline = baselineOptions && pointBaseline(spec, x, t, labels, { ...baselineOptions, estimatorOptions: { ...options, units } });
  const boot = bootstrapOptions && pointBootstrap(spec, x, t, labels, { ...bootstrapOptions, estimatorOptions: { ...options, units } });
  if (args.flags.has('json')) {
    const b = baseline ? { baseline: { ity: baseline } } : {};
    const bs = boot ? { bootstrap: boot } : {};
    io.stdout(`${JSON.stringify({ estimator: spec.name, units: p.units, ixt: p.ixt, ity: p.ity, ...ixtGivenY, ...perClass, params: p.params, ...b, ...bs, warnings: p.warnings }, finiteReplacer)}\n`);
  } else {
    // a representation measure (coding-rate) names its own pair
    const ixtName = spec.quantities?.ixt ?? 'I(X;T)';
    const ityName = spec.quantities?.ity ?? 'I(T;Y)';
    const conditional = p.ixtGivenY === undefined ? '' : `I(X;T|Y) = ${fmt(p.ixtGivenY)} ${p.units}\n`;
    const floor = baseline ? `${describeBaseline(ityName, baseline, p.units)}\n` : '';
    const bars = boot ? `${describeBootstrap({ ixt: ixtName, ity: ityName, ixtGivenY: 'I(X;T|Y)' }, boot, p.units)}\n` : '';
    const classes = args.flags.has('per-class') && p.perClass ? describePerClass(p.perClass, p.units) : '';
    io.stdout(`${ixtName} = ${fmt(p.ixt)} ${p.units}\n${ityName} = ${fmt(p.ity)} ${p.units}\n${conditional}${classes}${floor}${bars}${describeParams(spec.name, p.params)}\n`);
    if (args.flags.has('per-class') && !p.perClass) io.stderr(`infoplane point: --per-class: ${spec.name} gives no per-class terms (binning, adaptive-binning, kde, adaptive-kde and dsmi do)\n`);
    printWarnings(io, p.warnings);
  }
  if (!args.flags.has('json')) adviseOnSaturation(io.stderr, spec, p, t);
}

async function mi(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'mi';
  const [xPath, yPath] = checkPositionals(args, command, ['X', 'Y']);
  const { spec, options, units } = resolveEstimator(args, command);
  const fn = `infoplane ${command}`;
  const baselineOptions = readBaseline(args, command);
  const bootstrapOptions = readBootstrap(args, command);
  const aShape = shapeOf(xPath, fn, 'X');
  const bShape = args.flags.has('labels') ? { n: 0, d: 0 } : shapeOf(yPath, fn, 'Y');
  if (aShape && bShape) adviseOnCost(io.stderr, checkCost(command, spec, aShape.n, aShape.d + bShape.d, 0, options), args.flags.has('allow-slow'));
  const a = readMatrixFile(xPath, { fn, param: 'X' }).samples;
  const b: Samples | Labels = args.flags.has('labels') ? readLabelsFile(yPath, { fn, param: 'Y' }) : readMatrixFile(yPath, { fn, param: 'Y' }).samples;
  if (!(aShape && bShape)) adviseOnCost(io.stderr, checkCost(command, spec, a.n, a.d + ('d' in b ? b.d : 0), 0, options), args.flags.has('allow-slow'));
  const e = withProgress(() => spec.mi!(a, b, { ...options, units }));
  const baseline = baselineOptions && miBaseline(spec, a, b, { ...baselineOptions, estimatorOptions: { ...options, units } });
  const boot = bootstrapOptions && miBootstrap(spec, a, b, { ...bootstrapOptions, estimatorOptions: { ...options, units } });
  printEstimate(io, args, spec.name, e, spec.quantities?.ity ?? 'I(X;Y)', baseline, boot);
}

async function entropy(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'entropy';
  const [xPath] = checkPositionals(args, command, ['X']);
  const { spec, options, units } = resolveEstimator(args, command);
  const early = shapeOf(xPath, `infoplane ${command}`, 'X');
  if (early) adviseOnCost(io.stderr, checkCost(command, spec, early.n, early.d, 0, options), args.flags.has('allow-slow'));
  const a = readMatrixFile(xPath, { fn: `infoplane ${command}`, param: 'X' }).samples;
  if (!early) adviseOnCost(io.stderr, checkCost(command, spec, a.n, a.d, 0, options), args.flags.has('allow-slow'));
  printEstimate(io, args, spec.name, withProgress(() => spec.entropy!(a, { ...options, units })), spec.quantities?.hT ?? 'H(X)');
}

async function divergence(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'divergence';
  const [xPath, y1Path, y2Path] = checkPositionals(args, command, ['X', 'Y1', 'Y2']);
  const name = requireFlag(args, 'estimator', command);
  const spec = DIVERGENCES.find((e) => e.name === name);
  if (!spec) {
    throw new UsageError(`infoplane ${command}: --estimator must be ${DIVERGENCES.map((e) => e.name).join(' or ')} (the only divergence estimator); got "${name}"`);
  }
  const options = readParamFlags(args, `infoplane ${command}`, spec.params);
  const rawUnits = args.flags.get('units') ?? 'bits';
  if (rawUnits !== 'bits' && rawUnits !== 'nats') throw new UsageError(`infoplane ${command}: --units must be bits or nats; got "${rawUnits}"`);
  const fn = `infoplane ${command}`;
  const x = readMatrixFile(xPath, { fn, param: 'X' }).samples;
  const y1 = readMatrixFile(y1Path, { fn, param: 'Y1' }).samples;
  const y2 = readMatrixFile(y2Path, { fn, param: 'Y2' }).samples;
  printEstimate(io, args, spec.name, spec.divergence!(x, y1, y2, { ...options, units: rawUnits }), 'D_CS(p(y1|x) || p(y2|x))');
}

function printEstimate(io: CliIO, args: ParsedArgs, name: string, e: Estimate, label: string, baseline?: ShuffleBaseline, boot?: Bootstrap<'value'>): void {
  if (args.flags.has('json')) {
    const why = nonFiniteReason(label, e.value);
    const b = baseline ? { baseline } : {};
    const bs = boot ? { bootstrap: boot } : {};
    io.stdout(`${JSON.stringify({ estimator: name, units: e.units, value: e.value, ...(why ? { nonFinite: why } : {}), params: e.params, ...b, ...bs, warnings: e.warnings }, finiteReplacer)}\n`);
  } else {
    const why = nonFiniteReason(label, e.value);
    const floor = baseline ? `${describeBaseline(label, baseline, e.units)}\n` : '';
    const bars = boot ? `${describeBootstrap({ value: label }, boot, e.units)}\n` : '';
    io.stdout(`${label} = ${fmt(e.value)} ${e.units}\n${why ? `(${why})\n` : ''}${floor}${bars}${describeParams(name, e.params)}\n`);
    printWarnings(io, e.warnings);
  }
}

/** A result's warnings, one line each on stderr (human output; `--json` carries them in "warnings"). */
function printWarnings(io: CliIO, warnings: readonly EstimateWarning[]): void {
  for (const w of warnings) io.stderr(`infoplane: warning: ${formatWarning(w)}\n`);
}

/**
 * Why an estimate is not a finite number, or undefined when it is. JSON has no -Infinity or NaN (JSON.stringify
 * writes null): `--json` writes them as the strings "-Infinity", "Infinity", "NaN", as run files do, with this reason.
 */
function nonFiniteReason(label: string, v: number): string | undefined {
  if (Number.isFinite(v)) return undefined;
  if (Number.isNaN(v)) return `${label} is undefined (NaN) for this data: see the warnings`;
  if (v < 0) return `${label} is -Infinity: the data has no spread at the estimator's scale (e.g. exact duplicate rows, where k-NN distances are 0); see the warnings, add tiny noise or use a binning estimator`;
  return `${label} is Infinity for this data: see the warnings`;
}

/** `io` with every text made printable (control characters escaped; line feeds kept). */
function printableIO(io: CliIO): CliIO {
  return { stdout: (text) => io.stdout(printable(text)), stderr: (text) => io.stderr(printable(text)), terminal: io.terminal ?? ((text) => io.stderr(text)) };
}

/**
 * The per-class table of `point --per-class`: one row per class with its count, weight p_c, H(T|Y=c), its term of
 * I(T;Y) (the column sums to I(T;Y)) and I(X;T|Y=c) or DSMI's random-subset DSE where the estimator gives them.
 */
function describePerClass(perClass: ClassTerms[], units: string): string {
  const extra: [keyof ClassTerms, string][] = [];
  if (perClass.some((c) => c.ixtGivenY !== undefined)) extra.push(['ixtGivenY', 'I(X;T|Y=c)']);
  if (perClass.some((c) => c.hTrandom !== undefined)) extra.push(['hTrandom', 'H(random n_c)']);
  const head = ['label', 'n', 'weight', 'H(T|Y=c)', 'I(T;Y) term', ...extra.map(([, h]) => h)];
  const rows = perClass.map((c) => [String(c.label), String(c.n), fmt(c.weight), fmt(c.hTgivenY), fmt(c.ityTerm), ...extra.map(([k]) => (c[k] === undefined ? '' : fmt(c[k] as number)))]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => `  ${cells.map((v, k) => v.padStart(widths[k])).join('  ')}`;
  return `per class (${units}; the I(T;Y) terms sum to I(T;Y)):\n${[head, ...rows].map(line).join('\n')}\n`;
}

function fmt(v: number): string {
  return Math.abs(v) !== 0 && Math.abs(v) < 1e-4 ? v.toExponential(6) : v.toFixed(6);
}

function describeParams(name: string, params: Record<string, unknown>): string {
  const show = (v: unknown): string => (Array.isArray(v) ? `[${v.map(show).join(', ')}]` : typeof v === 'object' && v !== null ? '{...}' : String(v));
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${show(v)}`);
  return `estimator: ${name}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
