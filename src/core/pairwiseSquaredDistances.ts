/**
 * Pairwise squared Euclidean distances D_ij = |s_i - s_j|^2 as a dense n x n row-major matrix.
 * Symmetric (each pair computed once), zero on the diagonal, never negative. O(n^2 d) time, 8 n^2 bytes.
 * Kernel: trusts its input.
 */
import { Samples } from './samples';

export function pairwiseSquaredDistances(s: Samples): Float64Array {
  const { data, n, d } = s;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const bi = i * d;
    for (let j = i + 1; j < n; j++) {
      const bj = j * d;
      let sum = 0;
      for (let k = 0; k < d; k++) {
        const diff = data[bi + k] - data[bj + k];
        sum += diff * diff;
      }
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  }
  return out;
}

/** Gaussian Gram matrix G_ij = exp(-|s_i - s_j|^2 / (2 sigma^2)), dense n x n. Kernel: trusts its input. */
export function gaussianGram(s: Samples, sigma: number): Float64Array {
  const g = pairwiseSquaredDistances(s);
  const scale = -1 / (2 * sigma * sigma);
  for (let i = 0; i < g.length; i++) g[i] = Math.exp(g[i] * scale);
  return g;
}
