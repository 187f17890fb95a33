/**
 * The one internal sample type: n rows (samples) by d columns (units), row-major in a Float64Array.
 * Converters accept what researchers have at hand and validate once.
 */
import { describeValue, fail } from './errors';

/** n samples of d values each, row-major: value (i, j) is `data[i * d + j]`. */
export interface Samples {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** A flat numeric array: `number[]` or any numeric typed array. */
export type NumberArray = ArrayLike<number>;

/** A tensor stored as flat values plus a shape, e.g. `{values: t.dataSync(), shape: t.shape}`. */
export interface ShapedArray {
  shape: readonly number[];
  data?: ArrayLike<number>;
  values?: ArrayLike<number>;
}

/**
 * What every estimator accepts as a variable:
 * a `Samples`; a flat array (one column); an array of rows (`number[][]`, or what `tensor.arraySync()` gives
 * for a 2-D tensor); or a flat array with a 2-D shape.
 */
export type SamplesLike = Samples | NumberArray | ArrayLike<NumberArray> | ShapedArray;

/** Build a `Samples` from a flat row-major array without copying or checking. For kernels and tests. */
export function samples(data: Float64Array, n: number, d: number): Samples {
  return { data, n, d };
}

export interface ToSamplesOptions {
  /** Function name for error messages. Defaults to "toSamples". */
  fn?: string;
  /** Parameter name for error messages. Defaults to "x". */
  param?: string;
  /** Minimum number of samples. Defaults to 1 (an empty variable is always an error). */
  minSamples?: number;
}

export function isSamples(value: unknown): value is Samples {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Samples).data instanceof Float64Array &&
    typeof (value as Samples).n === 'number' &&
    typeof (value as Samples).d === 'number'
  );
}

function isShaped(value: unknown): value is ShapedArray {
  return typeof value === 'object' && value !== null && Array.isArray((value as ShapedArray).shape) && !ArrayBuffer.isView(value);
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    ArrayBuffer.isView(value) ||
    Array.isArray(value) ||
    (typeof value === 'object' && value !== null && typeof (value as ArrayLike<unknown>).length === 'number')
  );
}

const ACCEPTED = 'a non-empty number[], number[][], typed array, Samples or {data, shape: [n, d]}';

/**
 * Convert and validate a variable. Copies the values into a fresh Float64Array (except for a valid `Samples`,
 * which is checked and returned as is). Errors name the row and column of a NaN or Infinity, the first ragged
 * row, an empty input, and too few samples.
 */
export function toSamples(input: unknown, options: ToSamplesOptions = {}): Samples {
  const { fn = 'toSamples', param = 'x', minSamples = 1 } = options;
  let out: Samples;
  if (isSamples(input)) {
    if (!Number.isInteger(input.n) || !Number.isInteger(input.d) || input.data.length !== input.n * input.d) {
      fail('invalid_type', { fn, param, expected: 'a Samples with data.length = n * d', received: `n = ${input.n}, d = ${input.d}, data.length = ${input.data.length}` });
    }
    out = input;
  } else if (isShaped(input)) {
    out = fromShaped(input, fn, param);
  } else if (isArrayLike(input)) {
    out = fromArray(input, fn, param);
  } else {
    fail('invalid_type', { fn, param, expected: ACCEPTED, received: describeValue(input) });
  }
  if (out.n === 0 || out.d === 0) {
    fail('empty', { fn, param, expected: 'non-empty (at least one sample and one column)', received: `${out.n} samples of ${out.d} columns` });
  }
  checkFinite(out, fn, param);
  if (out.n < minSamples) {
    fail('too_few_samples', { fn, param, expected: `at least ${minSamples} samples`, received: `${out.n} sample${out.n === 1 ? '' : 's'}` });
  }
  return out;
}

function fromShaped(input: ShapedArray, fn: string, param: string): Samples {
  const values = input.data ?? input.values;
  const shape = input.shape;
  if (!values || !isArrayLike(values)) {
    fail('invalid_type', { fn, param, expected: 'a {data, shape} object with numeric data', received: describeValue(input) });
  }
  if (shape.length < 1 || shape.length > 2 || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    fail('invalid_type', { fn, param, expected: 'a 1-D or 2-D shape', received: `shape [${shape.join(', ')}]` });
  }
  const n = shape[0];
  const d = shape.length === 2 ? shape[1] : 1;
  if (values.length !== n * d) {
    fail('invalid_type', { fn, param, expected: `${n * d} values for shape [${shape.join(', ')}]`, received: `${values.length} values` });
  }
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') failEntry(fn, param, v, Math.floor(i / d), i % d);
    data[i] = v;
  }
  return { data, n, d };
}

function fromArray(input: ArrayLike<unknown>, fn: string, param: string): Samples {
  const n = input.length;
  if (n === 0) return { data: new Float64Array(0), n: 0, d: 0 };
  const first = input[0];
  if (typeof first === 'number' || ArrayBuffer.isView(input)) {
    // a flat array: n samples of one column
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = input[i];
      if (typeof v !== 'number') failEntry(fn, param, v, i, 0);
      data[i] = v as number;
    }
    return { data, n, d: 1 };
  }
  if (!isArrayLike(first)) {
    fail('invalid_type', { fn, param, expected: ACCEPTED, received: `row 0 is ${describeValue(first)}` });
  }
  const d = first.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = input[i];
    if (!isArrayLike(row) || typeof row === 'string') {
      fail('invalid_type', { fn, param, expected: ACCEPTED, received: `row ${i} is ${describeValue(row)}` });
    }
    if (row.length !== d) {
      fail('ragged', { fn, param, expected: `rows of equal length (${d} values, as row 0)`, received: `row ${i} with ${row.length} values` });
    }
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number') failEntry(fn, param, v, i, j);
      data[base + j] = v as number;
    }
  }
  return { data, n, d };
}

function failEntry(fn: string, param: string, v: unknown, row: number, col: number): never {
  fail('invalid_type', { fn, param, expected: 'numbers only', received: describeValue(v), detail: `at row ${row}, column ${col}` });
}

/** Throw `non_finite` naming the first NaN or Infinity (0-based row and column). */
export function checkFinite(s: Samples, fn: string, param: string): void {
  const { data, d } = s;
  // v - v is 0 for a finite v and NaN otherwise: four independent sums of it (no branch per value) settle the
  // usual case several times faster than a test per value; only when they are not 0 does the loop below find
  // the first bad value to name it
  const length = data.length;
  const four = length - (length % 4);
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  for (let i = 0; i < four; i += 4) {
    a += data[i] - data[i];
    b += data[i + 1] - data[i + 1];
    c += data[i + 2] - data[i + 2];
    e += data[i + 3] - data[i + 3];
  }
  for (let i = four; i < length; i++) a += data[i] - data[i];
  if (a + b + c + e === 0) return;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      fail('non_finite', {
        fn,
        param,
        expected: 'finite numbers (no NaN or Infinity)',
        received: describeValue(v),
        detail: `at row ${Math.floor(i / d)}, column ${i % d}`,
      });
    }
  }
}

/** A view of rows `indices` of `s` as a new Samples (copied). */
export function selectRows(s: Samples, indices: ArrayLike<number>): Samples {
  const { d } = s;
  const data = new Float64Array(indices.length * d);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * d;
    data.set(s.data.subarray(src, src + d), k * d);
  }
  return { data, n: indices.length, d };
}

/** Rows of `s` as an array of plain arrays (for JSON output and small displays). */
export function toRows(s: Samples): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < s.n; i++) rows.push(Array.from(s.data.subarray(i * s.d, (i + 1) * s.d)));
  return rows;
}
