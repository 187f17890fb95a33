/**
 * Data-driven Gaussian bandwidths (sigma, a length in the units of the data) for Gram-matrix estimators.
 *
 * - `medianDistance`: the median of the n(n-1)/2 Euclidean distances |s_i - s_j|, i < j (the mean of the two
 *   middle values for an even count). Zero median (more than half of the pairs identical: dead ReLU units,
 *   unbalanced one-hot labels): the mean distance instead; all rows identical: 1 (any bandwidth then gives the
 *   same kernel, all ones).
 * - `csIbBandwidth`: the rule of the CS-IB reference code (Yu et al. 2024, `sigma_estimation`): the median m of
 *   the SQUARED distances of the sample stacked on itself (2n rows, below the diagonal: n zeros and every pair
 *   four times), the mean of that multiset if m <= 0, floored at 0.01; sigma = 10 m.
 *
 * Both are computed by selection, O(n^2 d / 2) time and 4 n^2 bytes, on at most `maxRows` rows: above that, on a
 * fixed pseudo-random subset of `maxRows` rows (seed 0, so the result is deterministic). The label forms are
 * closed forms for one-hot class labels (squared distances 0 or 2), exact for every n.
 * Kernels: trust their input.
 */
import { randomSource, sampleIndices } from '../random';
import { Samples, selectRows } from '../samples';
import { pairSquaredDistances } from './pairSquaredDistances';
import { selectKth, selectPair } from './select';

/**
 * Above this many rows the data-driven bandwidths use a fixed seeded subset of this many rows (523,776 pairs),
 * which bounds their cost at about 20 ms whatever n.
 */
export const BANDWIDTH_MAX_ROWS = 1024;

/** The rows a bandwidth rule looks at: all of them, or a fixed seeded subset of `maxRows`. */
export function bandwidthRows(s: Samples, maxRows = BANDWIDTH_MAX_ROWS): Samples {
  if (s.n <= maxRows) return s;
  return selectRows(s, sampleIndices(s.n, maxRows, randomSource(0)));
}

/** Median pairwise Euclidean distance (see the module comment for the fallbacks and the subset). */
export function medianDistance(s: Samples, maxRows = BANDWIDTH_MAX_ROWS): number {
  const sub = bandwidthRows(s, maxRows);
  if (sub.n < 2) return 1;
  const sq = pairSquaredDistances(sub);
  const m = sq.length;
  let median: number;
  if (m % 2 === 1) {
    median = Math.sqrt(selectKth(sq, (m - 1) / 2));
  } else {
    const [lo, hi] = selectPair(sq, m / 2 - 1);
    median = (Math.sqrt(lo) + Math.sqrt(hi)) / 2;
  }
  if (median > 0) return median;
  let sum = 0;
  for (let p = 0; p < m; p++) sum += Math.sqrt(sq[p]);
  return sum > 0 ? sum / m : 1;
}

/** The CS-IB reference rule: 10 x (median, else mean, floored at 0.01) of the stacked squared distances. */
export function csIbBandwidth(s: Samples, maxRows = BANDWIDTH_MAX_ROWS): number {
  const sub = bandwidthRows(s, maxRows);
  const n = sub.n;
  const sq = pairSquaredDistances(sub);
  const total = n + 4 * sq.length; // n zeros, then every pair four times
  // 0-based position r of the stacked multiset (sorted) -> index into the sorted pairs, or -1 for the zeros
  const pairIndex = (r: number): number => (r < n ? -1 : Math.floor((r - n) / 4));
  let median: number;
  if (total % 2 === 1) {
    const q = pairIndex((total - 1) / 2);
    median = q < 0 ? 0 : selectKth(sq, q);
  } else {
    const q1 = pairIndex(total / 2 - 1);
    const q2 = pairIndex(total / 2);
    let v1 = 0;
    let v2 = 0;
    if (q2 >= 0) {
      if (q1 < 0) v2 = selectKth(sq, q2);
      else if (q1 === q2) v1 = v2 = selectKth(sq, q1);
      else [v1, v2] = selectPair(sq, q1);
    }
    median = (v1 + v2) / 2;
  }
  if (median <= 0) {
    let sum = 0;
    for (let p = 0; p < sq.length; p++) sum += sq[p];
    median = (4 * sum) / total;
  }
  if (median < 0.01) median = 0.01;
  return 10 * median;
}

/** Pairs of one-hot labels: `same` pairs at distance 0 and `differ` pairs at squared distance 2. */
function labelPairs(counts: ArrayLike<number>): { n: number; same: number; differ: number } {
  let n = 0;
  let same = 0;
  for (let c = 0; c < counts.length; c++) {
    n += counts[c];
    same += (counts[c] * (counts[c] - 1)) / 2;
  }
  return { n, same, differ: (n * (n - 1)) / 2 - same };
}

/** `medianDistance` of the one-hot matrix of labels with these class counts, in closed form. */
export function medianDistanceOfLabels(counts: ArrayLike<number>): number {
  const { same, differ } = labelPairs(counts);
  const m = same + differ;
  if (m === 0) return 1;
  const at = (r: number): number => (r < same ? 0 : Math.SQRT2);
  const median = m % 2 === 1 ? at((m - 1) / 2) : (at(m / 2 - 1) + at(m / 2)) / 2;
  if (median > 0) return median;
  return differ > 0 ? (differ * Math.SQRT2) / m : 1;
}

/** `csIbBandwidth` of the one-hot matrix of labels with these class counts, in closed form. */
export function csIbBandwidthOfLabels(counts: ArrayLike<number>): number {
  const { n, same, differ } = labelPairs(counts);
  const total = n + 4 * (same + differ);
  const zeros = n + 4 * same;
  const at = (r: number): number => (r < zeros ? 0 : 2);
  let median = total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
  if (median <= 0) median = (8 * differ) / total;
  if (median < 0.01) median = 0.01;
  return 10 * median;
}
