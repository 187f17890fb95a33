/**
 * Validators for the public boundary. Each throws an `InfoplaneError` whose message names the function,
 * the parameter, the accepted range and the value received, e.g.
 * `binning: bins must be an integer in [2, 100000]; got 1.`
 * Kernels behind the boundary trust their inputs.
 */
import { describeValue, fail } from './errors';
import { Units } from './units';

export interface NumberRule {
  /** Inclusive lower bound (unless `minExclusive`). */
  min?: number;
  /** Inclusive upper bound (unless `maxExclusive`). */
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Require an integer. */
  integer?: boolean;
}

/** Describe a rule in words: `an integer in [2, 100000]`, `a number > 0`. */
export function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    const lo = rule.minExclusive ? '(' : '[';
    const hi = rule.maxExclusive ? ')' : ']';
    return `${kind} in ${lo}${min}, ${max}${hi}`;
  }
  if (min !== undefined) return `${kind} ${rule.minExclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${rule.maxExclusive ? '<' : '<='} ${max}`;
  return kind;
}

/** Check that `value` is a finite number obeying `rule`; return it. */
export function checkNumber(fn: string, param: string, value: unknown, rule: NumberRule = {}): number {
  const expected = describeRule(rule);
  if (typeof value !== 'number') fail('invalid_type', { fn, param, expected, received: describeValue(value) });
  if (!Number.isFinite(value)) fail('out_of_range', { fn, param, expected, received: describeValue(value) });
  if (rule.integer && !Number.isInteger(value)) fail('out_of_range', { fn, param, expected, received: describeValue(value) });
  const { min, max } = rule;
  if (min !== undefined && (rule.minExclusive ? !(value > min) : !(value >= min))) {
    fail('out_of_range', { fn, param, expected, received: describeValue(value) });
  }
  if (max !== undefined && (rule.maxExclusive ? !(value < max) : !(value <= max))) {
    fail('out_of_range', { fn, param, expected, received: describeValue(value) });
  }
  return value;
}

/** Check that `value` is one of `choices`; return it. */
export function checkChoice<T extends string>(fn: string, param: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail(typeof value === 'string' ? 'invalid_option' : 'invalid_type', {
      fn,
      param,
      expected: `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`,
      received: describeValue(value),
    });
  }
  return value as T;
}

/** Check a boolean option; return it. */
export function checkBoolean(fn: string, param: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail('invalid_type', { fn, param, expected: 'true or false', received: describeValue(value) });
  return value;
}

/** Check the `units` option. */
export function checkUnits(fn: string, value: unknown): Units {
  return checkChoice(fn, 'units', value, ['bits', 'nats'] as const);
}

/** Reject option names that `fn` does not know, listing the valid ones. */
export function checkOptionNames(fn: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') {
    fail('invalid_type', { fn, param: 'options', expected: 'an object', received: describeValue(options) });
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      fail('invalid_option', {
        fn,
        param: 'options',
        expected: `made of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
        received: `unknown option ${JSON.stringify(key)}`,
      });
    }
  }
}

/** Check that every named variable has the same number of samples. */
export function checkSameCount(fn: string, counts: ReadonlyArray<readonly [string, number]>): void {
  const [firstName, first] = counts[0];
  for (const [name, count] of counts.slice(1)) {
    if (count !== first) {
      fail('length_mismatch', {
        fn,
        param: name,
        expected: `${first} samples, as many as ${firstName}`,
        received: `${count} samples`,
      });
    }
  }
}
