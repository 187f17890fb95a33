/**
 * Fused, streaming row sums of a Gaussian kernel: R_i = sum_j exp(-scale * |s_i - s_j|^2), the diagonal
 * (j = i, a term of 1) included, without storing the n x n matrix.
 *
 * When the rows are sorted into contiguous groups (classes), the same pass also gives the row sums restricted
 * to each row's own group, W_i = sum_{j in group(i)} exp(-scale D_ij): what the KDE bounds need for H(T|Y=y)
 * and what CS-QMI with class labels needs for sum(K o K_labels).
 *
 * ## Method
 * Each unordered pair {i, j} is visited once (i < j): its squared distance is formed from direct differences
 * (never negative, exact for equal rows), passed through `expNeg`, and added to both R_i and R_j. Rows are
 * taken four at a time (a row block of 4 against a stream of rows j), so every loaded value of row j serves four
 * distances. Narrow kernels (KDE's small variances) make most values exactly 0: once the four partial distances
 * pass 745.14 / scale, the rest of the columns are skipped (exact: the kernel value is 0 either way).
 * O(n^2 d / 2) time at worst, O(n) memory.
 *
 * Kernel: trusts its input (finite values, scale >= 0, groupEnd consistent with the row order).
 */
import { reportPairProgress } from '../progress';
import { Samples } from '../samples';
import { expNeg } from './expNeg';

/** Distances are accumulated CHUNK columns at a time between checks for an exactly-zero kernel value. */
const CHUNK = 16;
/** exp(-z) is exactly 0 in double precision (as `Math.exp` and `expNeg` return it) for every z > 745.14. */
const ZERO_BEYOND = 745.14;

export interface GaussianRowSums {
  /** R_i = sum over all j (j = i included) of exp(-scale D_ij). Every R_i >= 1. */
  all: Float64Array;
  /** W_i = sum over j in the group of i (j = i included). Equal to `all` when no groups are given. */
  within: Float64Array;
}

/**
 * Row sums of exp(-scale |s_i - s_j|^2).
 * @param s samples; when `groupEnd` is given, the rows of a group must be contiguous.
 * @param scale the factor of the squared distance, 1 / (2 variance) for a Gaussian of that variance.
 * @param groupEnd optional: for each row i, the (exclusive) index where the contiguous group of i ends.
 */
export function gaussianRowSums(s: Samples, scale: number, groupEnd?: Int32Array): GaussianRowSums {
  const { n } = s;
  const within = new Float64Array(n);
  const cross = groupEnd ? new Float64Array(n) : within;
  accumulateRowSums(s.data, n, s.d, scale, groupEnd ?? null, 0, 1, within, cross, null);
  return combineRowSums(within, cross, groupEnd !== undefined);
}

/** `all` = within + cross (when grouped). */
export function combineRowSums(within: Float64Array, cross: Float64Array, grouped: boolean): GaussianRowSums {
  if (!grouped) return { all: within, within };
  const all = new Float64Array(within.length);
  for (let i = 0; i < all.length; i++) all[i] = within[i] + cross[i];
  return { all, within };
}

/**
 * The work of `gaussianRowSums`, split into units (a block of 4 rows, or a single leftover row, against all later
 * rows) of which this call does those with unit index = part (mod parts): what one thread of a pool does.
 * Adds same-group values to `within` and other-group values to `cross` (the same array when ungrouped), at both
 * ends of each pair. `progress[part]`, if given, counts the units done (a pool's watchdog reads it).
 */
export function accumulateRowSums(
  data: Float64Array,
  n: number,
  d: number,
  scale: number,
  groupEnd: Int32Array | null,
  part: number,
  parts: number,
  within: Float64Array,
  cross: Float64Array,
  progress: Int32Array | null,
): void {
  const acc = new Float64Array(4);
  let unit = 0;
  let start = 0;
  while (start < n) {
    const end = groupEnd ? groupEnd[start] : n;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      if (unit++ % parts !== part) continue;
      // the 4 x 4 diagonal block: 6 pairs, plus the 4 diagonal terms
      for (let a = i; a < i + 4; a++) {
        within[a] += 1;
        for (let b = a + 1; b < i + 4; b++) {
          const e = expNeg(-scale * squaredDistance(data, a * d, b * d, d));
          within[a] += e;
          within[b] += e;
        }
      }
      block4(data, d, i, i + 4, end, scale, within, acc);
      within[i] += acc[0];
      within[i + 1] += acc[1];
      within[i + 2] += acc[2];
      within[i + 3] += acc[3];
      if (end < n) {
        block4(data, d, i, end, n, scale, cross, acc);
        cross[i] += acc[0];
        cross[i + 1] += acc[1];
        cross[i + 2] += acc[2];
        cross[i + 3] += acc[3];
      }
      if (progress) Atomics.add(progress, part, 1);
      if ((unit & 31) === 0) reportPairProgress('kernel row sums', i, n);
    }
    for (; i < end; i++) {
      if (unit++ % parts !== part) continue;
      within[i] += 1 + block1(data, d, i, i + 1, end, scale, within);
      if (end < n) cross[i] += block1(data, d, i, end, n, scale, cross);
    }
    start = end;
  }
}

/** |row a - row b|^2 from direct differences. */
export function squaredDistance(data: Float64Array, a: number, b: number, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const t = data[a + k] - data[b + k];
    sum += t * t;
  }
  return sum;
}

/**
 * Rows i..i+3 against rows j0..j1-1: adds each kernel value to target[j] and returns the four row totals in acc.
 */
function block4(
  x: Float64Array,
  d: number,
  i: number,
  j0: number,
  j1: number,
  scale: number,
  target: Float64Array,
  acc: Float64Array,
): void {
  const b0 = i * d;
  const b1 = b0 + d;
  const b2 = b1 + d;
  const b3 = b2 + d;
  const limit = ZERO_BEYOND / scale;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = j0, bj = j0 * d; j < j1; j++, bj += d) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k0 = 0; k0 < d; k0 += CHUNK) {
      const kEnd = k0 + CHUNK < d ? k0 + CHUNK : d;
      for (let k = k0; k < kEnd; k++) {
        const v = x[bj + k];
        let t = x[b0 + k] - v;
        s0 += t * t;
        t = x[b1 + k] - v;
        s1 += t * t;
        t = x[b2 + k] - v;
        s2 += t * t;
        t = x[b3 + k] - v;
        s3 += t * t;
      }
      // partial sums only grow: past `limit` every remaining kernel value is exactly 0, as it would be anyway
      if (s0 > limit && s1 > limit && s2 > limit && s3 > limit) break;
    }
    const e0 = expNeg(-scale * s0);
    const e1 = expNeg(-scale * s1);
    const e2 = expNeg(-scale * s2);
    const e3 = expNeg(-scale * s3);
    a0 += e0;
    a1 += e1;
    a2 += e2;
    a3 += e3;
    target[j] += e0 + e1 + e2 + e3;
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/** Row i against rows j0..j1-1: adds each kernel value to target[j] and returns the row total. */
function block1(x: Float64Array, d: number, i: number, j0: number, j1: number, scale: number, target: Float64Array): number {
  const bi = i * d;
  let acc = 0;
  for (let j = j0, bj = j0 * d; j < j1; j++, bj += d) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const t = x[bi + k] - x[bj + k];
      s += t * t;
    }
    const e = expNeg(-scale * s);
    acc += e;
    target[j] += e;
  }
  return acc;
}
