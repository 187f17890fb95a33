/**
 * Fused, streaming sums for the conditional Cauchy-Schwarz divergence (Yu et al. 2024), one shared
 * bandwidth: with K = G(x, x), L1 = G(y1, y1), L2 = G(y2, y2), L21_ij = G(y2_i, y1_j) and
 * G(u, v) = exp(-scale |u - v|^2), the per-row sums w_i = sum_j K_ij^2, h1_i = sum_j K_ij L1_ij,
 * h2_i = sum_j K_ij L2_ij and h21_i = sum_j K_ij L21_ij (j = i included), without storing any n x n matrix.
 *
 * Each unordered pair {i, j} is visited once; L21 is not symmetric, so both L21_ij and L21_ji are formed there.
 * O(n^2 (dx + 4 dy) / 2) time, O(n) memory. Kernel: trusts its input (equal n; y1 and y2 with equal d).
 */
import { Samples } from '../samples';
import { expNeg } from './expNeg';

export interface ConditionalCsSums {
  w: Float64Array;
  h1: Float64Array;
  h2: Float64Array;
  h21: Float64Array;
}

export function conditionalCsSums(x: Samples, y1: Samples, y2: Samples, scale: number): ConditionalCsSums {
  const { n } = x;
  const dx = x.d;
  const dy = y1.d;
  const X = x.data;
  const A = y1.data;
  const B = y2.data;
  const w = new Float64Array(n);
  const h1 = new Float64Array(n);
  const h2 = new Float64Array(n);
  const h21 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = i * dx;
    const yi = i * dy;
    // diagonal: K_ii = L1_ii = L2_ii = 1, L21_ii = G(y2_i, y1_i)
    w[i] += 1;
    h1[i] += 1;
    h2[i] += 1;
    h21[i] += expNeg(-scale * dist(B, yi, A, yi, dy));
    let wi = 0;
    let h1i = 0;
    let h2i = 0;
    let h21i = 0;
    for (let j = i + 1; j < n; j++) {
      const yj = j * dy;
      const k = expNeg(-scale * dist(X, xi, X, j * dx, dx));
      const k2 = k * k;
      const l1 = k * expNeg(-scale * dist(A, yi, A, yj, dy));
      const l2 = k * expNeg(-scale * dist(B, yi, B, yj, dy));
      wi += k2;
      w[j] += k2;
      h1i += l1;
      h1[j] += l1;
      h2i += l2;
      h2[j] += l2;
      h21i += k * expNeg(-scale * dist(B, yi, A, yj, dy));
      h21[j] += k * expNeg(-scale * dist(B, yj, A, yi, dy));
    }
    w[i] += wi;
    h1[i] += h1i;
    h2[i] += h2i;
    h21[i] += h21i;
  }
  return { w, h1, h2, h21 };
}

function dist(P: Float64Array, p: number, Q: Float64Array, q: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = P[p + k] - Q[q + k];
    s += t * t;
  }
  return s;
}
