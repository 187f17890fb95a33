/**
 * Typed parameter declarations, the single source of an estimator family's options: each builder returns a
 * `Param<V>` that carries the value type V (for the options types), the default, the accepted range or values
 * and a one-line description. Validation (`resolveOptions`), the CLI flag reader, `--help`, the docs tables and
 * the run header are all generated from these declarations.
 */
import { describeValue, fail } from '../../core/errors';
import { checkBoolean, checkChoice, checkNumber, describeRule, NumberRule } from '../../core/validate';

/** How a parameter's value is written on the command line (and described in help). */
export type ParamKind =
  | 'number' // a finite number
  | 'integer' // an integer
  | 'range' // "LO,HI" -> [lo, hi]
  | 'choice' // one of `choices`
  | 'boolean' // a flag without value (or true/false)
  | 'sigma' // a number or one of `choices` (a bandwidth rule such as 'median', or threads 'auto')
  | 'json'; // the path of a JSON file, whose parsed content is the value

/** A declared parameter whose values have type V. */
export interface Param<V = unknown, D extends boolean = boolean> {
  kind: ParamKind;
  /** One line for `--help` and the docs, without the default (it is appended from `default`). */
  description: string;
  /** The value used when the option is not given; undefined = no default (unset unless given). */
  default?: V;
  /** Where there is no fixed default: the name of the parameter whose value it takes (sigmaX <- sigma). */
  defaultFrom?: string;
  /** Words for a default that depends on the data or is unset: "0 if all values >= 0, ...". */
  defaultText?: string;
  /** Accepted strings, for 'choice' and 'sigma' kinds. */
  choices?: readonly string[];
  /** Accepted numbers, for 'number', 'integer' and 'sigma' kinds. */
  rule?: NumberRule;
  /**
   * Whether the value is reported in a result's `params` (and so in a run header). False for parameters that
   * change only the speed (threads). Defaults to true.
   */
  reported?: boolean;
  /** Extra validation after the kind's own (e.g. lo < hi); throws an InfoplaneError. */
  check?(fn: string, name: string, value: V): void;
  /**
   * Whether the value used depends on the data (an adaptive edge left unset, a bandwidth rule): such parameters
   * are listed as data-dependent in a run header, and their values are found in each result's `params`.
   */
  fromData?(value: V | undefined): boolean;
  /** Phantom: the value type. */
  readonly __value?: V;
  /** Phantom: whether a value is always there after defaults are applied. */
  readonly __hasDefault?: D;
}

/** Whether a declaration object gives a default (fixed or from another parameter). */
type Defaulted<T> = T extends { default: unknown } | { defaultFrom: string } ? true : false;

type Described = { description: string; reported?: boolean; defaultText?: string; fromData?(value: unknown): boolean };

/** A finite number obeying `rule`. */
export function numberParam<const T extends Described & NumberRule & { default?: number; defaultFrom?: string }>(p: T): Param<number, Defaulted<T>> {
  const { description, reported, defaultText, default: def, defaultFrom, fromData, ...rule } = p;
  return { kind: rule.integer ? 'integer' : 'number', description, reported, defaultText, default: def, defaultFrom, fromData, rule };
}

/** An integer obeying `rule`. */
export function integerParam<const T extends Described & Omit<NumberRule, 'integer'> & { default?: number }>(p: T): Param<number, Defaulted<T>> {
  return numberParam({ ...p, integer: true }) as Param<number, Defaulted<T>>;
}

/** One of `choices`. */
export function choiceParam<const C extends readonly string[], const T extends Described & { default?: C[number] }>(choices: C, p: T): Param<C[number], Defaulted<T>> {
  return { kind: 'choice', choices, ...p };
}

/** true or false. */
export function booleanParam<const T extends Described & { default?: boolean }>(p: T): Param<boolean, Defaulted<T>> {
  return { kind: 'boolean', ...p };
}

/** An interval [lo, hi] with finite lo < hi. */
export function rangeParam<const T extends Described & { default?: readonly [number, number] }>(p: T): Param<readonly [number, number], Defaulted<T>> {
  return { kind: 'range', ...p, check: checkRange } as Param<readonly [number, number], Defaulted<T>>;
}

/** A bandwidth: a number obeying `rule`, or the name of a rule that picks it from the data. */
export function bandwidthParam<const C extends readonly string[], const T extends Described & { default?: number | C[number]; defaultFrom?: string; rule?: NumberRule }>(
  rules: C,
  p: T,
): Param<number | C[number], Defaulted<T>> {
  // a rule name is resolved from the data
  return { kind: 'sigma', choices: rules, fromData: (v: unknown) => typeof v === 'string', ...p, rule: p.rule ?? { min: 0, minExclusive: true } } as Param<number | C[number], Defaulted<T>>;
}

/**
 * A thread count: an integer in [1, 64], or 'auto' (every core when the job is large enough to gain, else one).
 * Never reported: threads change only the speed.
 */
export function threadsParam<const T extends Described & { default?: number | 'auto' }>(p: T): Param<number | 'auto', Defaulted<T>> {
  return { kind: 'sigma', choices: ['auto'], rule: { integer: true, min: 1, max: 64 }, ...p, reported: false };
}

/** A value read from a JSON file on the command line (any JSON value through the API), checked by `check`. */
export function jsonParam<V>(p: Described & { check?(fn: string, name: string, value: V): void }): Param<V, false> {
  return { kind: 'json', ...p };
}

function checkRange(fn: string, param: string, range: unknown): void {
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    typeof range[0] === 'number' &&
    typeof range[1] === 'number' &&
    Number.isFinite(range[0]) &&
    Number.isFinite(range[1]) &&
    range[0] < range[1];
  if (!ok) {
    fail(Array.isArray(range) ? 'out_of_range' : 'invalid_type', {
      fn,
      param,
      expected: '[lo, hi] with finite lo < hi',
      received: Array.isArray(range) ? `[${range.map((v) => describeValue(v)).join(', ')}]` : describeValue(range),
    });
  }
}

/** Check one value against its declaration; return it. */
export function checkParam<V>(fn: string, name: string, p: Param<V>, value: unknown): V {
  switch (p.kind) {
    case 'number':
    case 'integer':
      checkNumber(fn, name, value, p.rule);
      break;
    case 'choice':
      checkChoice(fn, name, value, p.choices!);
      break;
    case 'boolean':
      checkBoolean(fn, name, value);
      break;
    case 'sigma':
      if (typeof value === 'number') checkNumber(fn, name, value, p.rule);
      else if (typeof value === 'string') checkChoice(fn, name, value, p.choices!);
      else fail('invalid_type', { fn, param: name, expected: describeParamValues(p), received: describeValue(value) });
      break;
    case 'range':
    case 'json':
      break;
  }
  p.check?.(fn, name, value as V);
  return value as V;
}

/** The accepted values of a parameter in words: `a number > 0`, `one of "upper", "lower"`, `a number > 0 or 'median'`. */
export function describeParamValues(p: Param): string {
  switch (p.kind) {
    case 'number':
    case 'integer':
      return describeRule(p.rule ?? {});
    case 'choice':
      return `one of ${p.choices!.map((c) => JSON.stringify(c)).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'range':
      return '[lo, hi] with finite lo < hi';
    case 'sigma': {
      const rules = p.choices!.map((c) => `'${c}'`);
      const number = describeRule(p.rule ?? {}).replace('a finite number', 'a number');
      return rules.length === 1 ? `${number} or ${rules[0]}` : `${number}, ${rules.slice(0, -1).join(', ')} or ${rules[rules.length - 1]}`;
    }
    case 'json':
      return 'a JSON value';
  }
}

/** The default of a parameter in words, for help and docs. */
export function describeDefault(p: Param): string {
  if (p.defaultText !== undefined) return p.defaultText;
  if (p.default === undefined) return p.defaultFrom !== undefined ? p.defaultFrom : 'unset';
  if (Array.isArray(p.default)) return p.default.join(',');
  return String(p.default);
}
