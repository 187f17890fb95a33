/**
 * Typed errors raised at infoplane's public boundary.
 *
 * Every error names the function, the parameter, what was expected and what was received, and carries
 * those as fields so that programs (the CLI, notebooks) can report them in one line.
 */

/** Machine-readable error codes. */
export type ErrorCode =
  | 'invalid_type' // the wrong kind of value (a string where a number was expected, ...)
  | 'out_of_range' // a parameter outside its accepted range
  | 'invalid_option' // an unknown option name or an unknown choice (estimator name, units, ...)
  | 'non_finite' // NaN or Infinity in data
  | 'ragged' // rows of different lengths
  | 'empty' // no samples, or zero columns
  | 'too_few_samples' // a single sample where at least two are needed
  | 'length_mismatch' // X, T and labels with different numbers of samples
  | 'invalid_label' // non-integer or negative labels
  | 'file_unreadable' // a file that cannot be opened or read
  | 'file_unwritable' // a file that cannot be created, written or replaced (no space, read-only, permissions...)
  | 'file_busy' // a run file that another writer owns
  | 'file_malformed' // a file whose contents cannot be parsed
  | 'unsupported_format' // a well-formed file in a format infoplane does not read
  | 'too_large'; // an allocation that would not fit in memory

/** Codes that describe a mistake in how a function or command was called (CLI exit code 2). */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['invalid_type', 'out_of_range', 'invalid_option']);

export interface InfoplaneErrorDetails {
  /** The function or command that raised the error, e.g. `binning`. */
  fn: string;
  /** The parameter at fault, e.g. `bins` or `t`. */
  param: string;
  /** What was accepted, e.g. `an integer in [2, 1000000]`. */
  expected: string;
  /** What was received, already formatted for a message. */
  received: string;
  /** Extra context appended to the message (row and column of a NaN, a file name...). */
  detail?: string;
}

/** The single error type of infoplane. `code`, `param`, `expected` and `received` are always set. */
export class InfoplaneError extends Error {
  readonly code: ErrorCode;
  readonly fn: string;
  readonly param: string;
  readonly expected: string;
  readonly received: string;
  /** Extra context (row and column of a NaN, a file name...), or undefined. */
  readonly detail?: string;

  constructor(code: ErrorCode, details: InfoplaneErrorDetails) {
    const { fn, param, expected, received, detail } = details;
    super(`${fn}: ${param} must be ${expected}; got ${received}${detail ? ` (${detail})` : ''}.`);
    this.name = 'InfoplaneError';
    this.code = code;
    this.fn = fn;
    this.param = param;
    this.expected = expected;
    this.received = received;
    this.detail = detail;
  }

  /** True when the error is about how a function was called rather than about the data given to it. */
  get isUsageError(): boolean {
    return USAGE_CODES.has(this.code);
  }
}

/** Shorthand used by validators: `fail('out_of_range', {fn, param, expected, received})`. */
export function fail(code: ErrorCode, details: InfoplaneErrorDetails): never {
  throw new InfoplaneError(code, details);
}

/** Format a received value for an error message: short, unambiguous, never the whole of a large array. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}
