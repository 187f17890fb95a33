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
import { estimatorNames, estimatorSpec } from '../estimators/registry';
import { EstimatorSpec } from '../estimators/spec';
import { readLabelsFile, readMatrixFile } from '../io';
import { booleanParameterFlags, estimatorOptions } from './estimatorOptions';
import { commandHelp, mainHelp } from './help';
import { flagOf, parseArgs, ParsedArgs, UsageError } from './parseArgs';
import { VERSION } from '../version';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Command = (args: ParsedArgs, io: CliIO) => Promise<void>;

/** Per-command flags (besides the estimator's parameters). Boolean ones take no value. */
export const COMMAND_FLAGS: Record<string, { flags: string[]; booleans: string[] }> = {
  point: { flags: ['input', 'activations', 'labels', 'estimator', 'units', 'json', 'help'], booleans: ['json', 'help'] },
  mi: { flags: ['estimator', 'labels', 'units', 'json', 'help'], booleans: ['labels', 'json', 'help'] },
  entropy: { flags: ['estimator', 'units', 'json', 'help'], booleans: ['json', 'help'] },
  demo: { flags: ['seed', 'json', 'help'], booleans: ['json', 'help'] },
};

const COMMANDS: Record<string, Command> = { point, mi, entropy, demo };

export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(mainHelp());
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`infoplane: unknown command "${command}"; commands are ${Object.keys(COMMANDS).join(', ')} (see infoplane --help)`);
    const spec = COMMAND_FLAGS[command];
    const booleans = new Set([...spec.booleans, ...booleanParameterFlags()]);
    const args = parseArgs(rest, booleans, `infoplane ${command}`);
    if (args.flags.has('help')) {
      io.stdout(commandHelp(command));
      return 0;
    }
    await run(args, io);
    return 0;
  } catch (error) {
    return report(error, command ?? '', io);
  }
}

const PARAM_FLAG: Record<string, Record<string, string>> = {
  point: { x: '--input', t: '--activations', labels: '--labels' },
  mi: { a: 'X', b: 'Y', x: 'X', y: 'Y', t: 'X', labels: 'Y' },
  entropy: { a: 'X', t: 'X', x: 'X' },
};

function report(error: unknown, command: string, io: CliIO): number {
  const prefix = `infoplane${command && COMMAND_FLAGS[command] ? ` ${command}` : ''}`;
  if (error instanceof UsageError) {
    io.stderr(`${error.message}\n`);
    return 2;
  }
  if (error instanceof InfoplaneError) {
    // Name the command-line flag rather than the API parameter where they differ.
    const mapped = PARAM_FLAG[command]?.[error.param];
    const param = mapped ?? (error.param.startsWith('--') || /^[A-Z]$/.test(error.param) ? error.param : `--${flagOf(error.param)}`);
    const detail = error.detail ? ` (${error.detail})` : '';
    const expected = error.expected.replace(/as many as (\w+)/, (_, other: string) => `as many as ${PARAM_FLAG[command]?.[other] ?? other}`);
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

function resolveEstimator(args: ParsedArgs, command: string): { spec: EstimatorSpec; options: Record<string, unknown>; units: Units } {
  const name = requireFlag(args, 'estimator', command);
  let spec: EstimatorSpec;
  try {
    spec = estimatorSpec(name, `infoplane ${command}`);
  } catch {
    throw new UsageError(`infoplane ${command}: unknown estimator "${name}"; valid estimators are ${estimatorNames().join(', ')}`);
  }
  const options = estimatorOptions(`infoplane ${command}`, spec, args.flags, COMMAND_FLAGS[command].flags);
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

function unsupported(spec: EstimatorSpec, command: string, what: string): never {
  throw new UsageError(`infoplane ${command}: the ${spec.name} estimator does not compute ${what}`);
}

async function point(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'point';
  checkPositionals(args, command, []);
  const { spec, options, units } = resolveEstimator(args, command);
  if (!spec.point) unsupported(spec, command, 'an information-plane point');
  const fn = `infoplane ${command}`;
  const x: Samples = readMatrixFile(requireFlag(args, 'input', command), { fn, param: '--input' }).samples;
  const t: Samples = readMatrixFile(requireFlag(args, 'activations', command), { fn, param: '--activations' }).samples;
  const labels: Labels = readLabelsFile(requireFlag(args, 'labels', command), { fn, param: '--labels' });
  const p: PlanePoint = await spec.point(x, t, labels, { ...options, units });
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
  if (!spec.mi) unsupported(spec, command, 'mutual information');
  const fn = `infoplane ${command}`;
  const a = readMatrixFile(xPath, { fn, param: 'X' }).samples;
  const b: Samples | Labels = args.flags.has('labels') ? readLabelsFile(yPath, { fn, param: 'Y' }) : readMatrixFile(yPath, { fn, param: 'Y' }).samples;
  printEstimate(io, args, spec.name, await spec.mi(a, b, { ...options, units }), 'I(X;Y)');
}

async function entropy(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'entropy';
  const [xPath] = checkPositionals(args, command, ['X']);
  const { spec, options, units } = resolveEstimator(args, command);
  if (!spec.entropy) unsupported(spec, command, 'entropy');
  const a = readMatrixFile(xPath, { fn: `infoplane ${command}`, param: 'X' }).samples;
  printEstimate(io, args, spec.name, await spec.entropy(a, { ...options, units }), 'H(X)');
}

async function demo(args: ParsedArgs, io: CliIO): Promise<void> {
  checkPositionals(args, 'demo', []);
  for (const flag of args.flags.keys()) {
    if (!COMMAND_FLAGS.demo.flags.includes(flag)) throw new UsageError(`infoplane demo: unknown flag --${flag}; valid flags are --seed, --json`);
  }
  const rawSeed = args.flags.get('seed') ?? '0';
  const seed = Number(rawSeed);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`infoplane demo: --seed must be a non-negative integer; got "${rawSeed}"`);
  const { randomNetworkDemo, formatDemo } = await import('../demo/randomNetworkDemo');
  const result = await randomNetworkDemo({ seed });
  io.stdout(args.flags.has('json') ? `${JSON.stringify(result)}\n` : formatDemo(result));
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
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && typeof v !== 'object' || Array.isArray(v))
    .map(([k, v]) => `--${flagOf(k)} ${Array.isArray(v) ? v.join(',') : String(v)}`);
  return `estimator: ${name}${parts.length ? ` (${parts.join(' ')})` : ''}`;
}
