/**
 * A small, strict argv parser: positionals, `--flag value`, `--flag=value`, and value-less boolean flags.
 * Unknown flags are reported by the commands, which know which flags they accept.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positionals: string[];
  /** Flag name without the leading dashes (kebab-case) -> value (`true` for a boolean flag). */
  flags: Map<string, string | true>;
}

/**
 * Parse `argv`. `booleanFlags` take no value. A flag given twice is an error (it is almost always a mistake).
 */
export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>, prefix: string): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d|^-\./.test(arg)) {
        throw new UsageError(`${prefix}: unknown option ${arg}; flags start with two dashes (see --help)`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flags.has(name)) throw new UsageError(`${prefix}: --${name} is given twice`);
    if (booleanFlags.has(name)) {
      if (eq >= 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UsageError(`${prefix}: --${name} takes no value or true/false; got "${v}"`);
        if (v === 'true') flags.set(name, true);
      } else {
        flags.set(name, true);
      }
      continue;
    }
    if (eq >= 0) {
      flags.set(name, arg.slice(eq + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new UsageError(`${prefix}: --${name} needs a value`);
      }
      flags.set(name, value);
      i++;
    }
  }
  return { positionals, flags };
}

/** camelCase option name -> kebab-case flag name: noiseVariance -> noise-variance. */
export function flagOf(name: string): string {
  return name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}
