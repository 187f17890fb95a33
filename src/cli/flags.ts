/**
 * The one flag reader of the command line: a flag's raw text becomes a value by the kind of its parameter
 * declaration (`Param`, the same declarations the estimator specs use), so estimator parameters and command
 * flags are parsed, and their mistakes worded, alike: `infoplane point: --bins must be an integer; got "abc"`.
 */
import { readFileSync } from 'node:fs';
import { fail } from '../core/errors';
import { describeRule } from '../core/validate';
import { Param } from '../estimators/specs/params';
import { flagOf, ParsedArgs, UsageError } from './parseArgs';

export interface FlagReadOptions {
  /**
   * Also check the declaration's range and choices here (command flags). Estimator parameters leave ranges to
   * the estimator, whose error names the function. Defaults to false.
   */
  checkRange?: boolean;
}

function parseNumber(prefix: string, flag: string, raw: string, p: Param, checkRange: boolean): number {
  const integer = p.kind === 'integer' || p.rule?.integer === true;
  const v = raw.trim() === '' ? NaN : Number(raw);
  const rule = p.rule ?? {};
  const bad = !Number.isFinite(v) || (integer && !Number.isInteger(v));
  const outside =
    checkRange &&
    ((rule.min !== undefined && (rule.minExclusive ? !(v > rule.min) : !(v >= rule.min))) ||
      (rule.max !== undefined && (rule.maxExclusive ? !(v < rule.max) : !(v <= rule.max))));
  if (bad || outside) {
    const expected = checkRange ? describeRule({ ...rule, integer }).replace('a finite number', 'a number') : integer ? 'an integer' : 'a finite number';
    throw new UsageError(`${prefix}: --${flag} must be ${expected}; got "${raw}"`);
  }
  return v;
}

/** The value of one flag's raw text (`true` for a flag given without value) under its declaration. */
export function parseFlagValue(prefix: string, flag: string, p: Param, raw: string | true, options: FlagReadOptions = {}): unknown {
  const checkRange = options.checkRange ?? false;
  if (p.kind === 'boolean') return raw === true ? true : raw === 'true';
  if (raw === true) throw new UsageError(`${prefix}: --${flag} needs a value`);
  switch (p.kind) {
    case 'number':
    case 'integer':
      return parseNumber(prefix, flag, raw, p, checkRange);
    case 'range': {
      const parts = raw.split(',');
      if (parts.length !== 2) throw new UsageError(`${prefix}: --${flag} must be LO,HI (two numbers separated by a comma); got "${raw}"`);
      return parts.map((part) => parseNumber(prefix, flag, part, { kind: 'number', description: '' }, false));
    }
    case 'choice':
      if (!p.choices!.includes(raw)) throw new UsageError(`${prefix}: --${flag} must be one of ${p.choices!.join(', ')}; got "${raw}"`);
      return raw;
    case 'sigma': {
      if (p.choices?.includes(raw)) return raw;
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) {
        throw new UsageError(`${prefix}: --${flag} must be a number${p.choices?.length ? ` or one of ${p.choices.join(', ')}` : ''}; got "${raw}"`);
      }
      return v;
    }
    case 'json': {
      let text: string;
      try {
        text = readFileSync(raw, 'utf8');
      } catch (error) {
        fail('file_unreadable', { fn: prefix, param: `--${flag}`, expected: 'a readable JSON file', received: JSON.stringify(raw), detail: (error as NodeJS.ErrnoException).code });
      }
      try {
        return JSON.parse(text);
      } catch (error) {
        fail('file_malformed', { fn: prefix, param: `--${flag}`, expected: 'a JSON file', received: JSON.stringify(raw), detail: (error as Error).message });
      }
    }
  }
}

/** The value of flag `--FLAG` of `args` under declaration `p`, or undefined when it is not given. */
export function readFlag<V>(args: ParsedArgs, prefix: string, flag: string, p: Param<V>, options: FlagReadOptions = {}): V | undefined {
  const raw = args.flags.get(flag);
  return raw === undefined ? undefined : (parseFlagValue(prefix, flag, p, raw, options) as V);
}

/** A command flag's value, range and choices checked: `readFlag` with `checkRange`. */
export function readCommandFlag<V>(args: ParsedArgs, prefix: string, flag: string, p: Param<V>): V | undefined {
  return readFlag(args, prefix, flag, p, { checkRange: true });
}

/** The values of the flags named after `params` (kebab-case), keyed by parameter name; flags not given are left out. */
export function readParamFlags(args: ParsedArgs, prefix: string, params: Readonly<Record<string, Param>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(params)) {
    const v = readFlag(args, prefix, flagOf(name), p);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** A flag that takes free text (a path, a title), or undefined when not given; `what` names the value expected. */
export function readTextFlag(args: ParsedArgs, prefix: string, flag: string, what = 'a value'): string | undefined {
  const raw = args.flags.get(flag);
  if (raw === true) throw new UsageError(`${prefix}: --${flag} needs ${what}`);
  return raw;
}

/** A comma-separated list flag (`--layers a,b`), or undefined when not given; an empty list is a usage error. */
export function readListFlag(args: ParsedArgs, prefix: string, flag: string): string[] | undefined {
  const raw = readTextFlag(args, prefix, flag);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(`${prefix}: --${flag} needs a comma-separated list; got "${raw}"`);
  return items;
}
