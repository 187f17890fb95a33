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
    // d x d: the scatter matrix sum_i z_i z_i' (lower triangle), one pass over the rows
    k = d;
    g = new Float64Array(k * k);
    for (let i = 0; i < m; i++) {
      const b = row(i);
      for (let p = 0; p < d; p++) {
        const zp = data[b + p];
        if (zp === 0) continue;
        const off = p * k;
        for (let q = 0; q <= p; q++) g[off + q] += zp * data[b + q];
      }
    }
    for (let i = 0; i < k * k; i++) g[i] *= a;
  }
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
