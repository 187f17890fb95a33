/**
 * Dense pairwise kernels, for estimators that need the whole n x n matrix (eigenvalues: DSE, matrix-based
 * Renyi). Estimators that only reduce the matrix (KDE bounds, CS-QMI) use the streaming kernels of
 * `core/kernels` instead, in O(n) memory.
 *
 * Pairwise squared Euclidean distances D_ij = |s_i - s_j|^2 as a dense n x n row-major matrix: symmetric (each
 * pair computed once, from direct differences, rows four at a time; the lower triangle is mirrored in
 * cache-sized tiles), exactly zero on the diagonal and for equal rows, never negative. O(n^2 d / 2) time,
 * 8 n^2 bytes. Kernel: trusts its input.
 */
import { expNeg } from './kernels/expNeg';
import { Samples } from './samples';

const TILE = 64;

export function pairwiseSquaredDistances(s: Samples): Float64Array {
  const { data, n, d } = s;
  const out = new Float64Array(n * n);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    // the pairs inside the block of 4
    for (let a = i; a < i + 4; a++) {
      for (let b = a + 1; b < i + 4; b++) out[a * n + b] = distance(data, a * d, b * d, d);
    }
    upperRows4(data, d, n, i, out);
  }
  for (; i < n; i++) {
    for (let j = i + 1; j < n; j++) out[i * n + j] = distance(data, i * d, j * d, d);
  }
  // mirror the upper triangle, tile by tile
  for (let I = 0; I < n; I += TILE) {
    const iEnd = Math.min(n, I + TILE);
    for (let J = I; J < n; J += TILE) {
      const jEnd = Math.min(n, J + TILE);
      for (let r = I; r < iEnd; r++) {
        for (let c = Math.max(J, r + 1); c < jEnd; c++) out[c * n + r] = out[r * n + c];
      }
    }
  }
  return out;
}

/**
 * Gaussian Gram matrix G_ij = exp(-|s_i - s_j|^2 / (2 sigma^2)), dense n x n, symmetric, 1 on the diagonal.
 * Uses `expNeg` (within 4e-16 relative of `Math.exp`). O(n^2 d / 2) time, 8 n^2 bytes. Kernel: trusts its input.
 */
export function gaussianGram(s: Samples, sigma: number): Float64Array {
  const g = pairwiseSquaredDistances(s);
  const scale = -1 / (2 * sigma * sigma);
  for (let i = 0; i < g.length; i++) g[i] = expNeg(g[i] * scale);
  return g;
}

function distance(data: Float64Array, a: number, b: number, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const t = data[a + k] - data[b + k];
    sum += t * t;
  }
  return sum;
}

/** Rows i..i+3 against rows i+4..n-1, written to the upper triangle of `out`. */
function upperRows4(x: Float64Array, d: number, n: number, i: number, out: Float64Array): void {
  const b0 = i * d;
  const b1 = b0 + d;
  const b2 = b1 + d;
  const b3 = b2 + d;
  const o0 = i * n;
  const o1 = o0 + n;
  const o2 = o1 + n;
  const o3 = o2 + n;
  for (let j = i + 4, bj = (i + 4) * d; j < n; j++, bj += d) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
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
    out[o0 + j] = s0;
    out[o1 + j] = s1;
    out[o2 + j] = s2;
    out[o3 + j] = s3;
  }
}
