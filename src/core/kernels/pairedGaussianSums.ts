/**
 * Fused, streaming sums over two Gaussian kernels on the same n samples, Ka_ij = exp(-scaleA |a_i - a_j|^2)
 * and Kb_ij = exp(-scaleB |b_i - b_j|^2), without storing either n x n matrix: the row sums Ka 1 and Kb 1
 * and the sum of the element-wise product sum_ij Ka_ij Kb_ij. These are all that CS-QMI needs:
 * sum(Ka) = sum_i (Ka 1)_i and 1' Ka Kb 1 = sum_i (Ka 1)_i (Kb 1)_i.
 *
 * ## Method
 * As `gaussianRowSums`: each unordered pair visited once, direct differences, `expNeg`, rows four at a time, the
 * work cut into `kernelParts(n)` parts added in part order, a block's totals (and products) kept apart for even
 * and odd j: the order of the WebAssembly kernel (`gaussianSumsWasm.ts`), so every path and any number of
 * threads give bit-identical results. O(n^2 (da + db) / 2) time, O(n) memory.
 *
 * Kernel: trusts its input (a.n === b.n, finite values, scales >= 0).
 */
import { reportPairProgress } from '../progress';
import { Samples } from '../samples';
import { expNeg } from './expNeg';
import { addInto, kernelParts, squaredDistance } from './gaussianRowSums';

export interface PairedGaussianSums {
  /** (Ka 1)_i, diagonal included. */
  rowA: Float64Array;
  /** (Kb 1)_i, diagonal included. */
  rowB: Float64Array;
  /** sum_j Kb_ij over j in the group of i (diagonal included); equal to `rowB` when no groups are given. */
  withinB: Float64Array;
  /** sum_ij Ka_ij Kb_ij, diagonal included (n terms of 1). */
  sumProduct: number;
}

/**
 * Row sums of Ka and Kb and sum(Ka o Kb) in one pass.
 * @param groupEnd optional: rows grouped into contiguous classes, `groupEnd[i]` = exclusive end of the group of
 *   row i; then `withinB` holds the within-group row sums of Kb as well (what CS-QMI of b with class labels needs).
 */
export function pairedGaussianSums(
  a: Samples,
  b: Samples,
  scaleA: number,
  scaleB: number,
  groupEnd?: Int32Array,
): PairedGaussianSums {
  const engine = tsPairedSumsEngine(a.data, a.d, b.data, b.d, a.n, groupEnd !== undefined);
  return pairedSumsOverParts(engine, a.n, scaleA, scaleB, groupEnd ?? null);
}

/** The sums of one part: views that the engine may reuse at its next call. */
export interface PairedSumsPart {
  rowA: Float64Array;
  withinB: Float64Array;
  /** The same array as `withinB` when ungrouped. */
  crossB: Float64Array;
  product: number;
}

/** Computes part `part` of `parts` of the paired sums of one pair of data sets, from zero. */
export type PairedSumsEngine = (
  scaleA: number,
  scaleB: number,
  groupEnd: Int32Array | null,
  part: number,
  parts: number,
  progress: Int32Array | null,
) => PairedSumsPart;

/** The TypeScript engine: n-arrays cleared for each part. */
export function tsPairedSumsEngine(xa: Float64Array, da: number, xb: Float64Array, db: number, n: number, grouped: boolean): PairedSumsEngine {
  const rowA = new Float64Array(n);
  const withinB = new Float64Array(n);
  const crossB = grouped ? new Float64Array(n) : withinB;
  return (scaleA, scaleB, groupEnd, part, parts, progress) => {
    rowA.fill(0);
    withinB.fill(0);
    crossB.fill(0);
    const product = accumulatePairedSums(xa, da, xb, db, n, scaleA, scaleB, groupEnd, part, parts, rowA, withinB, crossB, progress, null);
    return { rowA, withinB, crossB, product };
  };
}

/** The paired sums from every part of `engine`, added in part order (one thread, O(n) memory). */
export function pairedSumsOverParts(engine: PairedSumsEngine, n: number, scaleA: number, scaleB: number, groupEnd: Int32Array | null): PairedGaussianSums {
  const grouped = groupEnd !== null;
  const rowA = new Float64Array(n);
  const withinB = new Float64Array(n);
  const crossB = grouped ? new Float64Array(n) : withinB;
  let product = 0;
  const parts = kernelParts(n);
  for (let part = 0; part < parts; part++) {
    const sums = engine(scaleA, scaleB, groupEnd, part, parts, null);
    addInto(rowA, sums.rowA);
    addInto(withinB, sums.withinB);
    if (grouped) addInto(crossB, sums.crossB);
    product += sums.product;
  }
  return combinePairedSums(rowA, withinB, crossB, product, grouped);
}

/** The result from accumulated arrays: rowB = withinB + crossB when grouped. */
export function combinePairedSums(
  rowA: Float64Array,
  withinB: Float64Array,
  crossB: Float64Array,
  product: number,
  grouped: boolean,
): PairedGaussianSums {
  if (!grouped) return { rowA, rowB: withinB, withinB, sumProduct: product };
  const rowB = new Float64Array(rowA.length);
  for (let i = 0; i < rowB.length; i++) rowB[i] = withinB[i] + crossB[i];
  return { rowA, rowB, withinB, sumProduct: product };
}

/**
 * The work of `pairedGaussianSums`, in units (a block of 4 rows, or a leftover row, against all later rows) of
 * which this call does those with unit index = part (mod parts): what one thread of a pool does. Adds to rowA,
 * and to withinB / crossB (the same array when ungrouped), at both ends of each pair; returns this part's share
 * of sum(Ka o Kb), diagonal terms of its rows included. `progress[part]` counts the units done, if given.
 * `block` computes the 4-row blocks (the WebAssembly kernel); null = the TypeScript `pairBlock4`.
 */
export function accumulatePairedSums(
  xa: Float64Array,
  da: number,
  xb: Float64Array,
  db: number,
  n: number,
  scaleA: number,
  scaleB: number,
  groupEnd: Int32Array | null,
  part: number,
  parts: number,
  rowA: Float64Array,
  withinB: Float64Array,
  crossB: Float64Array,
  progress: Int32Array | null,
  block: PairBlock4 | null,
): number {
  const run: PairBlock4 = block ?? ((i, j0, j1, targetB) => pairBlock4(xa, da, xb, db, i, j0, j1, scaleA, scaleB, rowA, targetB));
  let product = 0;
  let unit = 0;
  let start = 0;
  while (start < n) {
    const end = groupEnd ? groupEnd[start] : n;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      if (unit++ % parts !== part) continue;
      product += 4; // the diagonal terms of these rows
      for (let p = i; p < i + 4; p++) {
        rowA[p] += 1;
        withinB[p] += 1;
        for (let q = p + 1; q < i + 4; q++) {
          const ea = expNeg(-scaleA * squaredDistance(xa, p * da, q * da, da));
          const eb = expNeg(-scaleB * squaredDistance(xb, p * db, q * db, db));
          rowA[p] += ea;
          rowA[q] += ea;
          withinB[p] += eb;
          withinB[q] += eb;
          product += 2 * ea * eb;
        }
      }
      product += 2 * run(i, i + 4, end, withinB);
      if (end < n) product += 2 * run(i, end, n, crossB);
      if (progress) Atomics.add(progress, part, 1);
      if ((unit & 31) === 0) reportPairProgress('paired kernel sums', i, n);
    }
    for (; i < end; i++) {
      if (unit++ % parts !== part) continue;
      product += 1;
      rowA[i] += 1;
      withinB[i] += 1;
      product += 2 * pairRow(xa, da, xb, db, i, i + 1, end, scaleA, scaleB, rowA, withinB);
      if (end < n) product += 2 * pairRow(xa, da, xb, db, i, end, n, scaleA, scaleB, rowA, crossB);
    }
    start = end;
  }
  return product;
}

/** Row i against rows j0..j1-1 of both variables: adds to rowA / targetB (both ends), returns sum of products. */
function pairRow(
  xa: Float64Array,
  da: number,
  xb: Float64Array,
  db: number,
  i: number,
  j0: number,
  j1: number,
  scaleA: number,
  scaleB: number,
  rowA: Float64Array,
  targetB: Float64Array,
): number {
  let prod = 0;
  let ra = 0;
  let rb = 0;
  for (let j = j0; j < j1; j++) {
    const ea = expNeg(-scaleA * squaredDistance(xa, i * da, j * da, da));
    const eb = expNeg(-scaleB * squaredDistance(xb, i * db, j * db, db));
    ra += ea;
    rowA[j] += ea;
    rb += eb;
    targetB[j] += eb;
    prod += ea * eb;
  }
  rowA[i] += ra;
  targetB[i] += rb;
  return prod;
}

/**
 * Rows i..i+3 against rows j0..j1-1 of both variables (of the call that uses it): adds the kernel values to the
 * call's rowA and to targetB at both ends of each pair; returns the sum of the products Ka Kb over these pairs.
 */
export type PairBlock4 = (i: number, j0: number, j1: number, targetB: Float64Array) => number;

/**
 * Rows i..i+3 against rows j0..j1-1 of both variables: adds the kernel values to rowA and targetB at both ends
 * of each pair; returns the sum of the products Ka Kb over these pairs. Row totals and products are summed over
 * even j and odd j apart, then added (the order of the SIMD kernel's two lanes).
 */
function pairBlock4(
  xa: Float64Array,
  da: number,
  xb: Float64Array,
  db: number,
  i: number,
  j0: number,
  j1: number,
  scaleA: number,
  scaleB: number,
  rowA: Float64Array,
  rowB: Float64Array,
): number {
  const a0 = i * da;
  const a1 = a0 + da;
  const a2 = a1 + da;
  const a3 = a2 + da;
  const c0 = i * db;
  const c1 = c0 + db;
  const c2 = c1 + db;
  const c3 = c2 + db;
  let ra0 = 0;
  let ra1 = 0;
  let ra2 = 0;
  let ra3 = 0;
  let rb0 = 0;
  let rb1 = 0;
  let rb2 = 0;
  let rb3 = 0;
  let prod = 0;
  // the same over odd j
  let oa0 = 0;
  let oa1 = 0;
  let oa2 = 0;
  let oa3 = 0;
  let ob0 = 0;
  let ob1 = 0;
  let ob2 = 0;
  let ob3 = 0;
  let oprod = 0;
  for (let j = j0, ja = j0 * da, jb = j0 * db; j < j1; j++, ja += da, jb += db) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < da; k++) {
      const v = xa[ja + k];
      let t = xa[a0 + k] - v;
      s0 += t * t;
      t = xa[a1 + k] - v;
      s1 += t * t;
      t = xa[a2 + k] - v;
      s2 += t * t;
      t = xa[a3 + k] - v;
      s3 += t * t;
    }
    let u0 = 0;
    let u1 = 0;
    let u2 = 0;
    let u3 = 0;
    for (let k = 0; k < db; k++) {
      const v = xb[jb + k];
      let t = xb[c0 + k] - v;
      u0 += t * t;
      t = xb[c1 + k] - v;
      u1 += t * t;
      t = xb[c2 + k] - v;
      u2 += t * t;
      t = xb[c3 + k] - v;
      u3 += t * t;
    }
    const ea0 = expNeg(-scaleA * s0);
    const ea1 = expNeg(-scaleA * s1);
    const ea2 = expNeg(-scaleA * s2);
    const ea3 = expNeg(-scaleA * s3);
    const eb0 = expNeg(-scaleB * u0);
    const eb1 = expNeg(-scaleB * u1);
    const eb2 = expNeg(-scaleB * u2);
    const eb3 = expNeg(-scaleB * u3);
    if (j & 1) {
      oa0 += ea0;
      oa1 += ea1;
      oa2 += ea2;
      oa3 += ea3;
      ob0 += eb0;
      ob1 += eb1;
      ob2 += eb2;
      ob3 += eb3;
      oprod += ea0 * eb0 + ea1 * eb1 + ea2 * eb2 + ea3 * eb3;
    } else {
      ra0 += ea0;
      ra1 += ea1;
      ra2 += ea2;
      ra3 += ea3;
      rb0 += eb0;
      rb1 += eb1;
      rb2 += eb2;
      rb3 += eb3;
      prod += ea0 * eb0 + ea1 * eb1 + ea2 * eb2 + ea3 * eb3;
    }
    rowA[j] += ea0 + ea1 + ea2 + ea3;
    rowB[j] += eb0 + eb1 + eb2 + eb3;
  }
  rowA[i] += ra0 + oa0;
  rowA[i + 1] += ra1 + oa1;
  rowA[i + 2] += ra2 + oa2;
  rowA[i + 3] += ra3 + oa3;
  rowB[i] += rb0 + ob0;
  rowB[i + 1] += rb1 + ob1;
  rowB[i + 2] += rb2 + ob2;
  rowB[i + 3] += rb3 + ob3;
  return prod + oprod;
}
