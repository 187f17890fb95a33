/**
 * Seeded subsampling of the rows of an estimate's variables, stratified by class when class labels are given:
 * the one implementation behind every estimator's `maxSamples` option.
 */
import { Labels, toLabels } from './labels';
import { randomSource, sampleIndices } from './random';

/**
 * `maxSamples` row indices of n, ascending, drawn with `seed`; all rows (undefined) when n <= maxSamples.
 * With `labels`, the draw is stratified: each class keeps its share of the rows (largest remainders, ties to the
 * smaller class id), drawn uniformly within the class, so the class proportions, and H(Y), are kept.
 *
 * @example
 * subsampleRows(6, 4, 0, toLabels([0, 0, 0, 0, 1, 1])); // => 3 rows of class 0 and 1 of class 1, e.g. Int32Array [0, 2, 3, 5]
 */
export function subsampleRows(n: number, maxSamples: number, seed: number, labels?: Labels): Int32Array | undefined {
  if (n <= maxSamples) return undefined;
  const random = randomSource(seed);
  if (!labels) return sampleIndices(n, maxSamples, random);
  const classes = labels.counts.length;
  const quota = new Int32Array(classes);
  const remainder: Array<[number, number]> = [];
  let given = 0;
  for (let c = 0; c < classes; c++) {
    const share = (maxSamples * labels.counts[c]) / n;
    quota[c] = Math.floor(share);
    given += quota[c];
    remainder.push([share - quota[c], c]);
  }
  remainder.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; given < maxSamples; j++, given++) quota[remainder[j][1]]++;
  const members: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < n; i++) members[labels.ids[i]].push(i);
  const out: number[] = [];
  for (let c = 0; c < classes; c++) {
    const picked = sampleIndices(members[c].length, quota[c], random);
    for (const p of picked) out.push(members[c][p]);
  }
  return Int32Array.from(out.sort((a, b) => a - b));
}

/** The labels of the rows `rows` (in that order), with the original class values. */
export function selectLabels(labels: Labels, rows: ArrayLike<number>): Labels {
  const values = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) values[k] = labels.classes[labels.ids[rows[k]]];
  return toLabels({ data: values, n: rows.length, d: 1 });
}
