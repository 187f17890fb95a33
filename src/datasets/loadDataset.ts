/**
 * Load the small data sets shipped in `datasets/`: ib12, digits and diabetes.
 */
import { describeValue, fail } from '../core/errors';
import { Labels, toLabels } from '../core/labels';
import { Samples } from '../core/samples';
import { readMatrixFile } from '../io/readMatrixFile';
import { datasetPath } from './datasetPath';

/** Names of the shipped data sets. */
export type DatasetName = 'ib12' | 'digits' | 'diabetes';

/** What each shipped data set is: its file, target column and task. */
export const DATASETS: Readonly<Record<DatasetName, { file: string; target: string; task: 'classification' | 'regression'; summary: string }>> = {
  ib12: {
    file: 'ib12.csv',
    target: 'label',
    task: 'classification',
    summary: '4096 x 12 binary inputs (all 12-bit patterns), binary label; Shwartz-Ziv & Tishby 2017',
  },
  digits: {
    file: 'digits.csv',
    target: 'label',
    task: 'classification',
    summary: '1797 x 64 pixel intensities 0..16 (8x8 handwritten digits), labels 0..9; UCI optdigits via scikit-learn',
  },
  diabetes: {
    file: 'diabetes.csv',
    target: 'target',
    task: 'regression',
    summary: '442 x 10 raw baseline variables, continuous disease-progression target 25..346; Efron et al. 2004',
  },
};

/** A classification data set: inputs and integer labels. */
export interface ClassificationDataset {
  name: DatasetName;
  task: 'classification';
  /** Inputs, n x d, raw values as stored (not scaled). */
  x: Samples;
  /** Labels as dense class ids with counts. */
  labels: Labels;
  /** The original integer label of each sample. */
  y: Int32Array;
  /** Names of the d input columns. */
  columns: string[];
  /** Name of the label column in the file. */
  target: string;
}

/** A regression data set: inputs and a continuous target. */
export interface RegressionDataset {
  name: DatasetName;
  task: 'regression';
  /** Inputs, n x d, raw values as stored (not standardised). */
  x: Samples;
  /** The continuous target of each sample (usable as a one-column variable). */
  y: Float64Array;
  /** Names of the d input columns. */
  columns: string[];
  /** Name of the target column in the file. */
  target: string;
}

export type Dataset = ClassificationDataset | RegressionDataset;

/**
 * Load a shipped data set by name: `'ib12'` (classification, 4096 x 12), `'digits'` (classification, 1797 x 64) or
 * `'diabetes'` (regression, 442 x 10). Values are returned as stored: scale them before training (see each
 * `datasets/NAME/README.md`). Reads the CSV on each call (a few ms).
 *
 * Errors: an unknown name (`invalid_option`, listing the names); a missing or damaged file (`file_unreadable`,
 * `file_malformed`).
 *
 * @example
 * const {x, labels} = loadDataset('digits') as ClassificationDataset;
 * x.n; // => 1797
 * labels.classes; // => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
 */
export function loadDataset(name: 'ib12' | 'digits'): ClassificationDataset;
export function loadDataset(name: 'diabetes'): RegressionDataset;
export function loadDataset(name: DatasetName): Dataset;
export function loadDataset(name: DatasetName): Dataset {
  const fn = 'loadDataset';
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(DATASETS, name)) {
    fail(typeof name === 'string' ? 'invalid_option' : 'invalid_type', {
      fn,
      param: 'name',
      expected: `one of ${Object.keys(DATASETS).map((k) => JSON.stringify(k)).join(', ')}`,
      received: describeValue(name),
    });
  }
  const spec = DATASETS[name];
  const file = datasetPath(name, spec.file);
  const { samples, columns } = readMatrixFile(file, { fn, param: 'name', header: true, delimiter: ',' });
  const names = columns as string[];
  const t = names.indexOf(spec.target);
  if (t < 0) {
    fail('file_malformed', { fn, param: 'name', expected: `a header with a ${JSON.stringify(spec.target)} column`, received: `columns ${names.join(',')}`, detail: `file ${file}` });
  }
  const { n, d: width, data } = samples;
  const d = width - 1;
  const x = new Float64Array(n * d);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0, c = 0; j < width; j++) {
      const v = data[i * width + j];
      if (j === t) target[i] = v;
      else x[i * d + c++] = v;
    }
  }
  const inputColumns = names.filter((_, j) => j !== t);
  const common = { name, x: { data: x, n, d }, columns: inputColumns, target: spec.target };
  if (spec.task === 'regression') return { ...common, task: 'regression', y: target };
  const labels = toLabels(target, { fn, param: 'name' });
  return { ...common, task: 'classification', labels, y: Int32Array.from(target) };
}
