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
 * ## Summation order (the same numbers from every path)
 * The work is cut into `kernelParts(n)` parts, a number fixed by n alone: unit k (a block of 4 rows, or a
 * leftover row, against all later rows) belongs to part k mod parts. Each part is accumulated from zero into its
 * own arrays, and the parts are added in part order. A block's row totals are kept in two accumulators, one for
 * even j and one for odd j, added at the end: the order of the WebAssembly SIMD kernel (`gaussianSumsWasm.ts`,
 * whose two lanes are rows j and j+1). So the TypeScript path, the WebAssembly path and any number of threads
 * (which only decide who computes which part) give bit-identical results.
 *
 * Kernel: trusts its input (finite values, scale >= 0, groupEnd consistent with the row order).
 */
import { reportPairProgress } from '../progress';
import { Samples } from '../samples';
import { expNeg } from './expNeg';

/** Distances are accumulated CHUNK columns at a time between checks for an exactly-zero kernel value. */
const CHUNK = 16;
/** exp(-z) is exactly 0 in double precision (as `Math.exp` and `expNeg` return it) for every z > 745.14. */
export const ZERO_BEYOND = 745.14;

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
  return rowSumsOverParts(tsRowSumsEngine(s.data, s.n, s.d, groupEnd !== undefined), s.n, scale, groupEnd ?? null);
}

/** Most parts the pairwise work is cut into (each holds O(n) sums of its own while threads run). */
export const MAX_KERNEL_PARTS = 32;

/**
 * The number of parts of the pairwise work on n rows: a function of n alone, never of the thread count, so
 * that the order of the additions, hence the result, is the same however many threads share the parts.
 */
export function kernelParts(n: number): number {
  return Math.max(1, Math.min(MAX_KERNEL_PARTS, Math.ceil(n / 4)));
}

/** The sums of one part: views that the engine may reuse at its next call. */
export interface RowSumsPart {
  within: Float64Array;
  /** The same array as `within` when ungrouped. */
  cross: Float64Array;
}

/** Computes part `part` of `parts` of the row sums of one data set, from zero (TypeScript or WebAssembly). */
export type RowSumsEngine = (scale: number, groupEnd: Int32Array | null, part: number, parts: number, progress: Int32Array | null) => RowSumsPart;

/** The TypeScript engine: one pair of n-arrays, cleared for each part. */
export function tsRowSumsEngine(data: Float64Array, n: number, d: number, grouped: boolean): RowSumsEngine {
  const within = new Float64Array(n);
  const cross = grouped ? new Float64Array(n) : within;
  return (scale, groupEnd, part, parts, progress) => {
    within.fill(0);
    cross.fill(0);
    accumulateRowSums(data, n, d, scale, groupEnd, part, parts, within, cross, progress, null);
    return { within, cross };
  };
}

/** The row sums from every part of `engine`, added in part order (one thread, O(n) memory). */
export function rowSumsOverParts(engine: RowSumsEngine, n: number, scale: number, groupEnd: Int32Array | null): GaussianRowSums {
  const grouped = groupEnd !== null;
  const within = new Float64Array(n);
  const cross = grouped ? new Float64Array(n) : within;
  const parts = kernelParts(n);
  for (let part = 0; part < parts; part++) {
    const sums = engine(scale, groupEnd, part, parts, null);
    addInto(within, sums.within);
    if (grouped) addInto(cross, sums.cross);
  }
  return combineRowSums(within, cross, grouped);
}

/** target += source, element-wise. */
export function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
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
 * ends of each pair. `progress[part]`, if given, counts the units done (a pool's watchdog reads it). `block`
 * computes the 4-row blocks against a range of rows (the WebAssembly kernel); null = the TypeScript `block4`.
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
  block: Block4 | null,
): void {
  const acc = new Float64Array(4);
  const run: Block4 = block ?? ((i, j0, j1, target, out) => block4(data, d, i, j0, j1, scale, target, out));
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
      run(i, i + 4, end, within, acc);
      within[i] += acc[0];
      within[i + 1] += acc[1];
      within[i + 2] += acc[2];
      within[i + 3] += acc[3];
      if (end < n) {
        run(i, end, n, cross, acc);
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
 * Rows i..i+3 against rows j0..j1-1 (of the same data and scale as the call that uses it): adds each kernel value
 * to target[j] and writes the four row totals to acc[0..3].
 */
export type Block4 = (i: number, j0: number, j1: number, target: Float64Array, acc: Float64Array) => void;

/**
 * Rows i..i+3 against rows j0..j1-1: adds each kernel value to target[j] and returns the four row totals in acc,
 * each summed over even j and odd j apart, then added (the order of the SIMD kernel's two lanes).
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
  // row totals over even j (a) and odd j (o)
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let o0 = 0;
  let o1 = 0;
  let o2 = 0;
  let o3 = 0;
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
    if (j & 1) {
      o0 += e0;
      o1 += e1;
      o2 += e2;
      o3 += e3;
    } else {
      a0 += e0;
      a1 += e1;
      a2 += e2;
      a3 += e3;
    }
    target[j] += e0 + e1 + e2 + e3;
  }
  acc[0] = a0 + o0;
  acc[1] = a1 + o1;
  acc[2] = a2 + o2;
  acc[3] = a3 + o3;
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
