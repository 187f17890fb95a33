/**
 * Read integer class labels from a file.
 */
import { Labels, toLabels } from '../core/labels';
import { checkOptionNames } from '../core/validate';
import { withFile } from './fileErrors';
import { ColumnRef, readMatrixFile, ReadMatrixFileOptions, resolveColumns } from './readMatrixFile';

export interface ReadLabelsFileOptions extends Omit<ReadMatrixFileOptions, 'selectColumns' | 'dropColumns'> {
  /**
   * The column holding the labels, by header name or 0-based index (-1 is the last column), for a file that holds
   * other columns too (features and a `label` column). Defaults to all columns: one column of labels, or a one-hot
   * matrix.
   */
  column?: ColumnRef;
}

const OPTION_NAMES = ['format', 'header', 'delimiter', 'column', 'fn', 'param'] as const;

/**
 * Read class labels from a `.csv`/`.tsv`/`.txt`, `.npy` or `.json` file (see `readMatrixFile`): one column of
 * non-negative integers, a one-hot matrix, or one column (`column`) of a wider table. The result is a `Labels`
 * (dense ids 0..C-1 in ascending order of the original labels).
 *
 * Errors are `InfoplaneError`s naming `fn`, `param` and the file: those of `readMatrixFile`, and non-integer or
 * negative labels or rows that are not one-hot (`invalid_label`, with the 0-based index).
 *
 * Cost: O(bytes) to read, O(n log C) to index the classes.
 *
 * @example
 * readLabelsFile('labels.npy', {fn: 'point', param: '--labels'}).classes; // => [0, 1]
 * readLabelsFile('ib12.csv', {column: 'label'}).counts; // => Int32Array [1978, 2118]
 */
export function readLabelsFile(path: string, options: ReadLabelsFileOptions = {}): Labels {
  const { column, fn = 'readLabelsFile', param = 'path', ...rest } = options;
  checkOptionNames(fn, options, OPTION_NAMES);
  const { samples, columns } = readMatrixFile(path, { ...rest, fn, param });
  return withFile(path, () => {
    if (column === undefined) return toLabels(samples, { fn, param });
    const [j] = resolveColumns([column], samples.d, columns, fn, 'column');
    const values = new Float64Array(samples.n);
    for (let i = 0; i < samples.n; i++) values[i] = samples.data[i * samples.d + j];
    return toLabels(values, { fn, param });
  });
}
