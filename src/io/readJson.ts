/**
 * Parse a JSON matrix into `Samples`.
 */
import { describeValue, fail } from '../core/errors';
import { toSamples } from '../core/samples';
import { checkOptionNames } from '../core/validate';
import { MatrixData, ReadContextOptions } from './types';

export type ReadJsonOptions = ReadContextOptions;

const OPTION_NAMES = ['fn', 'param'] as const;
const FORMS = 'a JSON array of numbers, an array of rows, or {"data" (or "values"): [...], "shape": [n, d]}';

/**
 * Parse JSON text holding a matrix: a flat array of numbers (one column), an array of equal-length rows, or an
 * object `{data: [...], shape: [n] | [n, d]}` (`values` is accepted for `data`; `data` may also be an array of rows
 * whose size matches `shape`). Optional `columns: string[]` in the object form are returned as column names.
 *
 * Errors (`InfoplaneError`): invalid JSON (`file_malformed`, with the parser's position), another shape of
 * value (`invalid_type`), non-numeric entries such as strings or `null` (what `JSON.stringify` writes for NaN),
 * ragged rows and empty arrays, each with the 0-based row and column.
 *
 * Cost: O(characters).
 *
 * @example
 * readJson('[[1, 2], [3, 4]]'); // => {samples: {data: Float64Array [1, 2, 3, 4], n: 2, d: 2}}
 * readJson('{"data": [1, 2, 3, 4], "shape": [2, 2]}'); // the same matrix
 */
export function readJson(text: string, options: ReadJsonOptions = {}): MatrixData {
  const { fn = 'readJson', param = 'text' } = options;
  checkOptionNames(fn, options, OPTION_NAMES);
  if (typeof text !== 'string') fail('invalid_type', { fn, param, expected: 'a string of JSON', received: describeValue(text) });
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    fail('file_malformed', { fn, param, expected: 'valid JSON', received: describeValue(text.trim()), detail: (e as Error).message });
  }
  if (Array.isArray(value)) {
    checkNotDeeper(value, fn, param);
    return { samples: toSamples(value, { fn, param }) };
  }
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const data = obj.data ?? obj.values;
    const shape = obj.shape;
    if (data === undefined || shape === undefined) {
      fail('invalid_type', { fn, param, expected: FORMS, received: `an object with keys ${Object.keys(obj).map((k) => JSON.stringify(k)).join(', ') || '(none)'}` });
    }
    if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
      fail('invalid_type', { fn, param, expected: 'a "shape" of one or two non-negative integers', received: describeValue(shape) });
    }
    if (!Array.isArray(data)) fail('invalid_type', { fn, param, expected: 'a "data" array', received: describeValue(data) });
    let flat: unknown[] = data;
    if (data.length > 0 && Array.isArray(data[0])) {
      checkNotDeeper(data, fn, param);
      const rows = toSamples(data, { fn, param });
      flat = Array.from(rows.data);
    }
    const samples = toSamples({ data: flat as number[], shape: shape as number[] }, { fn, param });
    const columns = obj.columns;
    if (columns === undefined) return { samples };
    if (!Array.isArray(columns) || columns.length !== samples.d || !columns.every((c) => typeof c === 'string')) {
      fail('invalid_type', { fn, param, expected: `"columns" as ${samples.d} string${samples.d === 1 ? '' : 's'} (one per column)`, received: describeValue(columns) });
    }
    return { samples, columns: columns as string[] };
  }
  fail('invalid_type', { fn, param, expected: FORMS, received: describeValue(value) });
}

/** Reject a 3-D nesting with an explicit message (toSamples would report an array where a number belongs). */
function checkNotDeeper(rows: unknown[], fn: string, param: string): void {
  const first = rows[0];
  if (Array.isArray(first) && first.length > 0 && Array.isArray(first[0])) {
    fail('unsupported_format', {
      fn,
      param,
      expected: 'a 1-D or 2-D array',
      received: 'an array nested 3 or more levels deep',
      detail: 'flatten each sample into one row first',
    });
  }
}
