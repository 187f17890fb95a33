/**
 * The `infoplane` command line. `runCli(argv, io)` returns the exit code: 0 on success, 2 for a usage error
 * (unknown command or flag, a parameter out of range), 1 for bad data (unreadable or malformed files, NaN,
 * mismatched lengths...). A user's mistake is one line on stderr, never a stack trace.
 */
import { InfoplaneError } from '../core/errors';
import { Labels } from '../core/labels';
import { Samples } from '../core/samples';
import { Units } from '../core/units';
import { Estimate, PlanePoint } from '../estimators/types';
import { DIVERGENCES, estimatorNames, estimatorSpec } from '../estimators/registry';
import { EstimatorSpec, Operation } from '../estimators/specs/spec';
import { readLabelsFile, readMatrixFile } from '../io';
import { booleanParameterFlags, estimatorOptions } from './estimatorOptions';
import { readParamFlags } from './flags';
import { commandHelp, mainHelp } from './help';
import { flagOf, parseArgs, ParsedArgs, UsageError } from './parseArgs';
import { VERSION } from '../version';
import { CliCommand, CliIO } from './command';
import { EXTRA_COMMANDS } from './commands';

export type { CliIO } from './command';

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const ESTIMATE_COMMANDS: CliCommand[] = [
  {
    name: 'point',
    summary: 'I(X;T) and I(T;Y) of one layer: its information-plane point',
    usage: 'infoplane point --input X --activations T --labels Y --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--json]',
    flags: ['input', 'activations', 'labels', 'estimator', 'units', 'json', 'help'],
    booleans: ['json', 'help'],
    estimatorParams: true,
    help: () => commandHelp('point'),
    run: point,
    paramFlags: { x: '--input', t: '--activations', labels: '--labels' },
  },
  {
    name: 'mi',
    summary: 'mutual information I(X;Y) between two files (--labels: Y holds integer class labels)',
    usage: 'infoplane mi X Y --estimator NAME [--labels] [--PARAM VALUE ...] [--units bits|nats] [--json]',
    flags: ['estimator', 'labels', 'units', 'json', 'help'],
    booleans: ['labels', 'json', 'help'],
    estimatorParams: true,
    help: () => commandHelp('mi'),
    run: mi,
    paramFlags: { a: 'X', b: 'Y', x: 'X', y: 'Y', t: 'X', labels: 'Y' },
  },
  {
    name: 'entropy',
    summary: 'entropy H(X) of one file',
    usage: 'infoplane entropy X --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--json]',
    flags: ['estimator', 'units', 'json', 'help'],
    booleans: ['json', 'help'],
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

export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
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
    io.stderr(`${error.message}\n`);
    return 2;
  }
  if (error instanceof InfoplaneError) {
    // Name the command-line flag rather than the API parameter where they differ.
    const mapped = paramFlags[error.param];
    const param = mapped ?? (error.param.startsWith('--') || /^[A-Z]$/.test(error.param) ? error.param : `--${flagOf(error.param)}`);
    const detail = error.detail ? ` (${error.detail})` : '';
    const expected = error.expected.replace(/as many as (\w+)/, (_, other: string) => `as many as ${paramFlags[other] ?? other}`);
    io.stderr(`${prefix}: ${param} must be ${expected}; got ${error.received}${detail}. [${error.fn}]\n`);
    return error.isUsageError ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${prefix}: internal error: ${message} (please report it; set INFOPLANE_DEBUG=1 for details)\n`);
  if (process.env.INFOPLANE_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return 1;
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
  const x: Samples = readMatrixFile(requireFlag(args, 'input', command), { fn, param: '--input' }).samples;
  const t: Samples = readMatrixFile(requireFlag(args, 'activations', command), { fn, param: '--activations' }).samples;
  const labels: Labels = readLabelsFile(requireFlag(args, 'labels', command), { fn, param: '--labels' });
  const p: PlanePoint = spec.point!(x, t, labels, { ...options, units });
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ estimator: spec.name, units: p.units, ixt: p.ixt, ity: p.ity, params: p.params })}\n`);
  } else {
    io.stdout(`I(X;T) = ${fmt(p.ixt)} ${p.units}\nI(T;Y) = ${fmt(p.ity)} ${p.units}\n${describeParams(spec.name, p.params)}\n`);
  }
}

async function mi(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'mi';
  const [xPath, yPath] = checkPositionals(args, command, ['X', 'Y']);
  const { spec, options, units } = resolveEstimator(args, command);
  const fn = `infoplane ${command}`;
  const a = readMatrixFile(xPath, { fn, param: 'X' }).samples;
  const b: Samples | Labels = args.flags.has('labels') ? readLabelsFile(yPath, { fn, param: 'Y' }) : readMatrixFile(yPath, { fn, param: 'Y' }).samples;
  printEstimate(io, args, spec.name, spec.mi!(a, b, { ...options, units }), 'I(X;Y)');
}

async function entropy(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'entropy';
  const [xPath] = checkPositionals(args, command, ['X']);
  const { spec, options, units } = resolveEstimator(args, command);
  const a = readMatrixFile(xPath, { fn: `infoplane ${command}`, param: 'X' }).samples;
  printEstimate(io, args, spec.name, spec.entropy!(a, { ...options, units }), 'H(X)');
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

function printEstimate(io: CliIO, args: ParsedArgs, name: string, e: Estimate, label: string): void {
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ estimator: name, units: e.units, value: e.value, params: e.params })}\n`);
  } else {
    io.stdout(`${label} = ${fmt(e.value)} ${e.units}\n${describeParams(name, e.params)}\n`);
  }
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
