/**
 * ln det(I + a Z'Z) for a set of rows Z of a row-major matrix, the log-determinant behind the coding rate of MCR2.
 *
 * ## Method
 * Sylvester's determinant identity, det(I_d + a Z'Z) = det(I_m + a Z Z') for Z with m rows and d columns, lets the
 * smaller of the two Gram matrices carry the work: the m x m one (inner products of rows) when m <= d, else the
 * d x d scatter matrix. I + a G has every eigenvalue >= 1, so its Cholesky factor L exists and is well
 * conditioned for any a >= 0; ln det = 2 sum_j ln L_jj.
 *
 * Cost: O(m d min(m, d)) to form the Gram matrix plus O(min(m, d)^3 / 3) for the factor; 8 min(m, d)^2 bytes.
 * Kernel: trusts its input (finite values, valid row indices, a >= 0); callers check the memory first.
 */
import { wasmScatterGroups, wasmScatterSets } from './scatterWasm';

/** The order of the Gram matrix `logDetIdentityPlusGram` factors for `rows` rows of `d` columns. */
export function gramOrder(rows: number, d: number): number {
  return Math.min(rows, d);
}

/**
 * ln det(I + a Z'Z) (natural log), Z = the rows `rows` of the row-major n x d matrix `data` (all rows when
 * `rows` is undefined).
 *
 * @example
 * // Z = [[1, 0], [0, 2]]: Z'Z = diag(1, 4), ln det(I + Z'Z) = ln 2 + ln 5
 * logDetIdentityPlusGram(new Float64Array([1, 0, 0, 2]), 2, 2, 1); // => 2.302585092994046
 */
export function logDetIdentityPlusGram(data: Float64Array, n: number, d: number, a: number, rows?: ArrayLike<number>): number {
  const m = rows ? rows.length : n;
  const row = (i: number): number => (rows ? rows[i] : i) * d;
  if (m === 0 || d === 0) return 0;
  let g: Float64Array;
  let k: number;
  if (m <= d) {
    // m x m: inner products of the rows (lower triangle)
    k = m;
    g = new Float64Array(k * k);
    for (let i = 0; i < m; i++) {
      const bi = row(i);
      for (let j = 0; j <= i; j++) {
        const bj = row(j);
        let s = 0;
        for (let c = 0; c < d; c++) s += data[bi + c] * data[bj + c];
        g[i * k + j] = a * s;
      }
    }
  } else {
    // d x d: the scatter matrix sum_i z_i z_i' (lower triangle), one pass over the rows per block of entries
    k = d;
    g = new Float64Array(k * k);
    scatterLowerSets(data, n, d, false, [rows], [g]);
    return logDetIdentityPlusScaled(g, k, a);
  }
  for (let i = 0; i < k; i++) g[i * k + i] += 1;
  return choleskyLogDet(g, k);
}

/**
 * ln det(I + a S) of a symmetric positive semi-definite k x k matrix S given by its lower triangle (row-major;
 * overwritten), a >= 0: the d x d side of `logDetIdentityPlusGram` for a scatter matrix already summed
 * (`scatterLower`).
 */
export function logDetIdentityPlusScaled(g: Float64Array, k: number, a: number): number {
  for (let i = 0; i < k * k; i++) g[i] *= a;
  for (let i = 0; i < k; i++) g[i * k + i] += 1;
  return choleskyLogDet(g, k);
}

/**
 * ln det of a symmetric positive definite k x k row-major matrix from its lower triangle, by an in-place
 * Cholesky factorisation (the lower triangle is overwritten by the factor). A non-positive pivot (a matrix that
 * is not positive definite) gives NaN.
 */
export function choleskyLogDet(g: Float64Array, k: number): number {
  let logDet = 0;
  for (let j = 0; j < k; j++) {
    const rj = j * k;
    let s = g[rj + j];
    for (let c = 0; c < j; c++) s -= g[rj + c] * g[rj + c];
    if (!(s > 0)) return NaN;
    const ljj = Math.sqrt(s);
    g[rj + j] = ljj;
    logDet += Math.log(ljj);
    for (let i = j + 1; i < k; i++) {
      const ri = i * k;
      let t = g[ri + j];
      for (let c = 0; c < j; c++) t -= g[ri + c] * g[rj + c];
      g[ri + j] = t / ljj;
    }
  }
  return 2 * logDet;
}

/**
 * The column means of the row-major n x d matrix `data`: each column summed over the rows in their order, then
 * divided by n (the order the WebAssembly kernel keeps, lane by lane).
 */
export function columnMeans(data: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += data[i * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;
  return mean;
}

/**
 * Below this many products summed (rows x d (d + 1) / 2 over the sets), `scatterLowerSets` keeps to TypeScript:
 * the copy into WebAssembly memory and the calls cost more than they save (measured: even at about 500, e.g.
 * 64 rows of 4 columns; 2-4x faster in WebAssembly from a few thousand products; equal for d = 1).
 */
export const SCATTER_WASM_MIN_PRODUCTS = 512;

/**
 * `scatterLower` for several row sets of one row-major n x d matrix: the lower triangle of the scatter matrix of
 * each set (a list of row indices, or undefined for all n rows) into the matching d x d matrix of `gs`, centred
 * when `center` on the column means of all n rows (`columnMeans`), which are returned (undefined uncentred).
 * Large inputs go to the WebAssembly SIMD kernel (scatterWasm.ts, one copy of the data for all the sets), the
 * others to `scatterLower`; both give the same numbers bit for bit.
 * Kernel: trusts its input.
 */
export function scatterLowerSets(
  data: Float64Array,
  n: number,
  d: number,
  center: boolean,
  sets: readonly (ArrayLike<number> | undefined)[],
  gs: readonly Float64Array[],
): Float64Array | undefined {
  let rows = 0;
  for (const set of sets) rows += set ? set.length : n;
  if (rows * d * (d + 1) >= 2 * SCATTER_WASM_MIN_PRODUCTS) {
    const done = wasmScatterSets(data, n, d, center, sets, gs);
    if (done) return done.mean;
  }
  const mean = center ? columnMeans(data, n, d) : undefined;
  for (let k = 0; k < sets.length; k++) {
    const set = sets[k];
    scatterLower(data, d, set ? set.length : n, gs[k], set, mean);
  }
  return mean;
}

/**
 * `scatterLowerSets` (uncentred) for the classes of the n rows: gs[c] gets the scatter matrix of the rows i with
 * ids[i] = c, in increasing order of i (`counts[c]` of them; every id in 0..gs.length - 1). In WebAssembly when
 * large, grouping included; the same numbers as `scatterLower` on each class's rows.
 * Kernel: trusts its input.
 */
export function scatterLowerGroups(data: Float64Array, n: number, d: number, ids: Int32Array, counts: ArrayLike<number>, gs: readonly Float64Array[]): void {
  if (n * d * (d + 1) >= 2 * SCATTER_WASM_MIN_PRODUCTS && wasmScatterGroups(data, n, d, ids, counts, gs)) return;
  const rows = gs.map((_, c) => new Int32Array(counts[c]));
  const fill = new Int32Array(gs.length);
  for (let i = 0; i < n; i++) {
    const c = ids[i];
    rows[c][fill[c]++] = i;
  }
  for (let c = 0; c < gs.length; c++) scatterLower(data, d, rows[c].length, gs[c], rows[c]);
}

/**
 * The lower triangle of the d x d scatter matrix sum_i (z_i - mean)(z_i - mean)' of rows z_i of the row-major
 * matrix `data`: the rows `rows` (in that order), or the first `count` rows when `rows` is undefined; `mean` is
 * all zeros when undefined. Written into `g` (row-major d x d, entry (p, q), q <= p, at g[p d + q]; the upper
 * triangle is left as it was).
 *
 * Each entry is the sum over the rows, in their order, of the products (z_ip - mean_p)(z_iq - mean_q): the same
 * sum, rounding for rounding, as a row-by-row rank-one update or a centred copy would give. The speed comes from
 * accumulating 4 x 4 blocks of entries in locals over all rows (registers, not a load and a store of g per
 * product) and from centring on the fly instead of copying the matrix. Cost: O(count d^2 / 2).
 * Kernel: trusts its input.
 *
 * @example
 * const g = new Float64Array(4);
 * scatterLower(new Float64Array([1, 2, 3, 4]), 2, 2, g); // g => [10, 0, 14, 20] (lower triangle of Z'Z)
 */
export function scatterLower(data: Float64Array, d: number, count: number, g: Float64Array, rows?: ArrayLike<number>, mean?: Float64Array): void {
  const mu = mean ?? new Float64Array(d);
  let base: Int32Array | undefined;
  if (rows) {
    base = new Int32Array(count);
    for (let i = 0; i < count; i++) base[i] = rows[i] * d;
  }
  for (let p0 = 0; p0 < d; p0 += 4) {
    const pw = Math.min(4, d - p0);
    for (let q0 = 0; q0 <= p0; q0 += 4) {
      if (pw < 4) smallBlock(data, d, count, base, mu, p0, pw, q0, g);
      else if (q0 === p0) diagonalBlock4(data, d, count, base, mu, p0, g);
      else block4(data, d, count, base, mu, p0, q0, g);
    }
  }
}

/** The entries (p0 + r, q0 + c), r < pw, c < 4 (c <= r on the diagonal), of `scatterLower` for the last, narrower block row. */
function smallBlock(data: Float64Array, d: number, count: number, base: Int32Array | undefined, mu: Float64Array, p0: number, pw: number, q0: number, g: Float64Array): void {
  const qw = q0 === p0 ? pw : 4;
  const s = new Float64Array(16);
  for (let i = 0; i < count; i++) {
    const b = base === undefined ? i * d : base[i];
    for (let r = 0; r < pw; r++) {
      const z = data[b + p0 + r] - mu[p0 + r];
      const cEnd = q0 === p0 ? r + 1 : qw;
      for (let c = 0; c < cEnd; c++) s[r * 4 + c] += z * (data[b + q0 + c] - mu[q0 + c]);
    }
  }
  for (let r = 0; r < pw; r++) {
    const cEnd = q0 === p0 ? r + 1 : qw;
    for (let c = 0; c < cEnd; c++) g[(p0 + r) * d + q0 + c] = s[r * 4 + c];
  }
}

/** The 4 x 4 diagonal block at (p0, p0) of `scatterLower` (its lower triangle). */
function diagonalBlock4(data: Float64Array, d: number, count: number, base: Int32Array | undefined, mu: Float64Array, p0: number, g: Float64Array): void {
  const q0 = p0;
  const mp0 = mu[p0], mp1 = mu[p0 + 1], mp2 = mu[p0 + 2], mp3 = mu[p0 + 3];
  let s00 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s22 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let i = 0; i < count; i++) {
    const b = base === undefined ? i * d : base[i];
    const p = b + p0;
    const z0 = data[p] - mp0, z1 = data[p + 1] - mp1, z2 = data[p + 2] - mp2, z3 = data[p + 3] - mp3;
    s00 += z0 * z0;
    s10 += z1 * z0;
    s11 += z1 * z1;
    s20 += z2 * z0;
    s21 += z2 * z1;
    s22 += z2 * z2;
    s30 += z3 * z0;
    s31 += z3 * z1;
    s32 += z3 * z2;
    s33 += z3 * z3;
  }
  const r0 = (p0 + 0) * d + q0;
  g[r0 + 0] = s00;
  const r1 = (p0 + 1) * d + q0;
  g[r1 + 0] = s10;
  g[r1 + 1] = s11;
  const r2 = (p0 + 2) * d + q0;
  g[r2 + 0] = s20;
  g[r2 + 1] = s21;
  g[r2 + 2] = s22;
  const r3 = (p0 + 3) * d + q0;
  g[r3 + 0] = s30;
  g[r3 + 1] = s31;
  g[r3 + 2] = s32;
  g[r3 + 3] = s33;
}

/** The 4 x 4 block at (p0, q0), q0 < p0, of `scatterLower`. */
function block4(data: Float64Array, d: number, count: number, base: Int32Array | undefined, mu: Float64Array, p0: number, q0: number, g: Float64Array): void {
  const mp0 = mu[p0], mp1 = mu[p0 + 1], mp2 = mu[p0 + 2], mp3 = mu[p0 + 3];
  const mq0 = mu[q0], mq1 = mu[q0 + 1], mq2 = mu[q0 + 2], mq3 = mu[q0 + 3];
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let i = 0; i < count; i++) {
    const b = base === undefined ? i * d : base[i];
    const p = b + p0;
    const z0 = data[p] - mp0, z1 = data[p + 1] - mp1, z2 = data[p + 2] - mp2, z3 = data[p + 3] - mp3;
    const q = b + q0;
    const y0 = data[q] - mq0, y1 = data[q + 1] - mq1, y2 = data[q + 2] - mq2, y3 = data[q + 3] - mq3;
    s00 += z0 * y0;
    s01 += z0 * y1;
    s02 += z0 * y2;
    s03 += z0 * y3;
    s10 += z1 * y0;
    s11 += z1 * y1;
    s12 += z1 * y2;
    s13 += z1 * y3;
    s20 += z2 * y0;
    s21 += z2 * y1;
    s22 += z2 * y2;
    s23 += z2 * y3;
    s30 += z3 * y0;
    s31 += z3 * y1;
    s32 += z3 * y2;
    s33 += z3 * y3;
  }
  const r0 = (p0 + 0) * d + q0;
  g[r0 + 0] = s00;
  g[r0 + 1] = s01;
  g[r0 + 2] = s02;
  g[r0 + 3] = s03;
  const r1 = (p0 + 1) * d + q0;
  g[r1 + 0] = s10;
  g[r1 + 1] = s11;
  g[r1 + 2] = s12;
  g[r1 + 3] = s13;
  const r2 = (p0 + 2) * d + q0;
  g[r2 + 0] = s20;
  g[r2 + 1] = s21;
  g[r2 + 2] = s22;
  g[r2 + 3] = s23;
  const r3 = (p0 + 3) * d + q0;
  g[r3 + 0] = s30;
  g[r3 + 1] = s31;
  g[r3 + 2] = s32;
  g[r3 + 3] = s33;
}
