/**
 * Read a matrix from a file, choosing the parser by extension: `.csv`, `.tsv`, `.txt` (delimited text), `.npy`
 * (NumPy) or `.json`.
 */
import { describeValue, fail } from '../core/errors';
import { Samples } from '../core/samples';
import { checkChoice, checkOptionNames } from '../core/validate';
import { readFileBytes, withFile } from './fileErrors';
import { CsvDelimiter, readCsv } from './readCsv';
import { readJson } from './readJson';
import { readNpy } from './readNpy';
import { MatrixData, ReadContextOptions } from './types';

/** File formats `readMatrixFile` reads. */
export type MatrixFormat = 'csv' | 'npy' | 'json';

/** Accepted extensions and the format each one selects. */
export const MATRIX_EXTENSIONS: Readonly<Record<string, MatrixFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.npy': 'npy',
  '.json': 'json',
};

/** A column chosen by header name or by 0-based index (negative counts from the end: -1 is the last column). */
export type ColumnRef = string | number;

export interface ReadMatrixFileOptions extends ReadContextOptions {
  /** File format; `'auto'` chooses by extension (see `MATRIX_EXTENSIONS`). Defaults to `'auto'`. */
  format?: 'auto' | MatrixFormat;
  /** Header line of a text file: `true`, `false` or `'auto'` (see `readCsv`). Defaults to `'auto'`. */
  header?: boolean | 'auto';
  /** Field separator of a text file (see `readCsv`). Defaults to `'auto'` (`'\t'` for a `.tsv` file). */
  delimiter?: CsvDelimiter;
  /** Keep only these columns, in this order (names need a header). Defaults to all columns. */
  selectColumns?: readonly ColumnRef[];
  /** Remove these columns (applied after `selectColumns`). Defaults to none. */
  dropColumns?: readonly ColumnRef[];
}

/** Defaults of `readMatrixFile`. */
export const READ_MATRIX_FILE_DEFAULTS = { format: 'auto', header: 'auto', delimiter: 'auto' } as const;

const OPTION_NAMES = ['format', 'header', 'delimiter', 'selectColumns', 'dropColumns', 'fn', 'param'] as const;

/** The extension of `path` in lower case, with its dot (`''` when there is none). */
export function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * Read a numeric matrix from a file: delimited text (`readCsv`), a NumPy `.npy` (`readNpy`) or JSON (`readJson`),
 * chosen by extension unless `format` says otherwise. Optionally keep or drop columns.
 *
 * Every error is an `InfoplaneError` whose `fn` and `param` are the ones passed in (the CLI passes the command and
 * the argument, e.g. `--x`), and whose message ends with the file name: a missing or unreadable file
 * (`file_unreadable`), an unknown extension (`unsupported_format`, listing the accepted ones), and every parse
 * error of the chosen reader (with line and column for text, row and column for arrays).
 *
 * Cost: one read of the file, then the parser's cost (O(bytes)).
 *
 * @param path File to read.
 * @returns `{samples, columns}` (`columns` when the file has a header, after selection).
 * @example
 * readMatrixFile('activations.npy', {fn: 'point', param: '--t'}).samples; // => {data, n: 4096, d: 10}
 * readMatrixFile('digits.csv', {dropColumns: ['label']}).columns; // => ['p0', ..., 'p63']
 */
export function readMatrixFile(path: string, options: ReadMatrixFileOptions = {}): MatrixData {
  const {
    format = READ_MATRIX_FILE_DEFAULTS.format,
    header = READ_MATRIX_FILE_DEFAULTS.header,
    delimiter,
    selectColumns,
    dropColumns,
    fn = 'readMatrixFile',
    param = 'path',
  } = options;
  checkOptionNames(fn, options, OPTION_NAMES);
  checkChoice(fn, 'format', format, ['auto', 'csv', 'npy', 'json'] as const);
  if (typeof path !== 'string' || path.length === 0) fail('invalid_type', { fn, param, expected: 'a file path', received: describeValue(path) });
  const ext = extensionOf(path);
  let chosen: MatrixFormat;
  if (format !== 'auto') {
    chosen = format;
  } else {
    const byExt = Object.prototype.hasOwnProperty.call(MATRIX_EXTENSIONS, ext) ? MATRIX_EXTENSIONS[ext] : undefined;
    if (!byExt) {
      fail('unsupported_format', {
        fn,
        param,
        expected: `a file with one of the extensions ${Object.keys(MATRIX_EXTENSIONS).join(', ')}`,
        received: describeValue(path),
        detail: ext === '.npz' ? 'extract the arrays with np.load and save each with np.save' : 'or pass the format explicitly',
      });
    }
    chosen = byExt;
  }
  const bytes = readFileBytes(path, fn, param);
  return withFile(path, () => {
    let result: MatrixData;
    if (chosen === 'npy') {
      const { samples } = readNpy(bytes, { fn, param });
      result = { samples };
    } else {
      const text = bytes.toString('utf8');
      if (chosen === 'json') result = readJson(text, { fn, param });
      else result = readCsv(text, { fn, param, header, delimiter: delimiter ?? (ext === '.tsv' ? '\t' : 'auto') });
    }
    if (selectColumns !== undefined) result = pickColumns(result, selectColumns, 'keep', fn);
    if (dropColumns !== undefined) result = pickColumns(result, dropColumns, 'drop', fn);
    return result;
  });
}

/** Resolve column references to 0-based indices of a matrix with `d` columns and optional names. */
export function resolveColumns(refs: readonly ColumnRef[], d: number, names: string[] | undefined, fn: string, param: string): number[] {
  if (!Array.isArray(refs)) fail('invalid_type', { fn, param, expected: 'an array of column names or indices', received: describeValue(refs) });
  return refs.map((ref) => {
    if (typeof ref === 'number') {
      if (!Number.isInteger(ref) || ref < -d || ref >= d) {
        fail('out_of_range', { fn, param, expected: `column indices in [${-d}, ${d - 1}] (the file has ${d} columns)`, received: describeValue(ref) });
      }
      return ref < 0 ? d + ref : ref;
    }
    if (typeof ref !== 'string') fail('invalid_type', { fn, param, expected: 'column names or integer indices', received: describeValue(ref) });
    const j = names ? names.indexOf(ref) : -1;
    if (j < 0) {
      fail('invalid_option', {
        fn,
        param,
        expected: names ? `column names among ${names.map((c) => JSON.stringify(c)).join(', ')}` : 'column indices (the file has no header line)',
        received: describeValue(ref),
      });
    }
    return j;
  });
}

function pickColumns(m: MatrixData, refs: readonly ColumnRef[], mode: 'keep' | 'drop', fn: string): MatrixData {
  const { n, d, data } = m.samples;
  const chosen = resolveColumns(refs, d, m.columns, fn, mode === 'keep' ? 'selectColumns' : 'dropColumns');
  const keep = mode === 'keep' ? chosen : range(d).filter((j) => !chosen.includes(j));
  if (keep.length === 0) {
    fail('empty', { fn, param: mode === 'keep' ? 'selectColumns' : 'dropColumns', expected: 'at least one column left', received: 'no columns' });
  }
  const k = keep.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = data[i * d + keep[c]];
  const samples: Samples = { data: out, n, d: k };
  return m.columns ? { samples, columns: keep.map((j) => (m.columns as string[])[j]) } : { samples };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
