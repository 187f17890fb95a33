/**
 * Symmetric label noise: a seeded fraction of the labels replaced by another class drawn uniformly, the corruption
 * under which a network memorises wrong labels (Zhang et al. 2017's random labels; "Compressing Features for
 * Learning with Noisy Labels"). Training on such labels while measuring I(T;Y) against both the corrupted and the
 * true labels shows a layer fitting the noise while its information about the true labels stalls.
 */
import { describeValue, fail } from './errors';
import { Labels, toLabels } from './labels';
import { randomSource, sampleIndices } from './random';
import { SamplesLike } from './samples';
import { checkNumber, checkOptionNames } from './validate';

export interface FlipLabelsOptions {
  /** Fraction p of the eligible samples whose label is flipped, in [0, 1): exactly round(p * eligible) change. Required. */
  fraction: number;
  /** Seed of the choice of samples and of their new classes. Defaults to 0. */
  seed?: number;
  /** The samples eligible for flipping (e.g. the training split), as indices. Defaults to every sample. */
  rows?: ArrayLike<number>;
}

export interface FlippedLabels {
  /** The labels with the flips applied, as the original label values (not dense ids). */
  labels: Float64Array;
  /** Indices of the flipped samples, ascending. */
  flipped: Int32Array;
}

/**
 * Flip exactly round(fraction * eligible) labels, chosen without replacement among `rows` (all samples by
 * default), each to one of the other classes present in `labels`, uniformly. Seeded: the same labels, rows,
 * fraction and seed give the same flips. O(n).
 *
 * @param labels Class labels (flat, one column, one-hot or `Labels`); at least two classes.
 * @example
 * const {labels: noisy, flipped} = flipLabels([0, 1, 0, 1, 1, 0, 0, 1, 0, 1], {fraction: 0.2, seed: 3});
 * flipped.length; // => 2, and noisy differs from the input exactly at those indices
 */
export function flipLabels(labels: SamplesLike | Labels, options: FlipLabelsOptions): FlippedLabels {
  const fn = 'flipLabels';
  if (typeof options !== 'object' || options === null) fail('invalid_type', { fn, param: 'options', expected: 'an object {fraction, seed?, rows?}', received: describeValue(options) });
  checkOptionNames(fn, options, ['fraction', 'seed', 'rows']);
  const { fraction, seed = 0 } = options;
  checkNumber(fn, 'fraction', fraction, { min: 0, max: 1, maxExclusive: true });
  checkNumber(fn, 'seed', seed, { integer: true, min: 0 });
  const y = toLabels(labels, { fn, param: 'labels' });
  const classes = y.classes.length;
  if (classes < 2 && fraction > 0) fail('invalid_label', { fn, param: 'labels', expected: 'at least two classes to flip between', received: `${classes} class` });
  let rows: Int32Array;
  if (options.rows === undefined) {
    rows = Int32Array.from({ length: y.n }, (_, i) => i);
  } else {
    const given = options.rows;
    if (typeof given !== 'object' || given === null || typeof given.length !== 'number') fail('invalid_type', { fn, param: 'rows', expected: 'an array of sample indices', received: describeValue(given) });
    rows = Int32Array.from(given);
    const seen = new Uint8Array(y.n);
    for (let i = 0; i < rows.length; i++) {
      const r = given[i];
      if (!Number.isInteger(r) || r < 0 || r >= y.n || seen[r]) {
        fail('out_of_range', { fn, param: `rows[${i}]`, expected: `distinct sample indices in [0, ${y.n - 1}]`, received: describeValue(r) });
      }
      seen[r] = 1;
    }
  }
  const random = randomSource(seed);
  const k = Math.round(fraction * rows.length);
  const picked = sampleIndices(rows.length, k, random);
  const ids = Int32Array.from(y.ids);
  const flipped = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    const row = rows[picked[i]];
    // one of the other classes - 1 ids after the current one, cyclically: uniform over the others
    ids[row] = (ids[row] + 1 + random.int(classes - 1)) % classes;
    flipped[i] = row;
  }
  flipped.sort();
  const out = new Float64Array(y.n);
  for (let i = 0; i < y.n; i++) out[i] = y.classes[ids[i]];
  return { labels: out, flipped };
}
