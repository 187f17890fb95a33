/**
 * The scale-free diffusion operator of DSE's 'knn' kernel (ESTIMATORS.md, "DSE with a kNN kernel"): an adaptive
 * Gaussian kernel whose bandwidths are neighbour distances, alpha-normalised (Coifman & Lafon 2006), returned in
 * the symmetric form whose eigenvalues are those of the row-stochastic diffusion operator.
 *
 * - Bandwidths: sigma_i = Euclidean distance from row i to its k-th nearest other row (`kthNeighborDistances`).
 * - Kernel: K_ij = exp(-|t_i - t_j|^2 / (sigma_i sigma_j)), the self-tuning kernel of Zelnik-Manor & Perona
 *   (2004): symmetric by construction, 1 on the diagonal. Multiplying every row by c > 0 multiplies both the
 *   squared distances and sigma_i sigma_j by c^2, so K (and all that follows) does not change: scale-free.
 * - Duplicates: a row with at least k exact copies has sigma_i = 0, where the formula reads 0 / 0. The rule is
 *   the kernel's limit as sigma_i -> 0: K_ij = 1 when t_i = t_j (the pair is at distance 0, whatever the
 *   bandwidths), and 0 when t_i != t_j and sigma_i sigma_j = 0. So such a row and its copies form one atom,
 *   disconnected from the rest; the diagonal stays 1, every row sum is >= 1, and nothing is NaN. The rule is
 *   scale-free too (it only tests distances against 0).
 * - Density normalisation: K^(alpha) = D^-alpha K D^-alpha with D = diag(row sums of K); alpha = 0 keeps K,
 *   alpha = 1 removes the influence of the sampling density on the operator (the Laplace-Beltrami limit).
 * - Diffusion operator P = D'^-1 K^(alpha), D' = diag(row sums of K^(alpha)). P is similar to the symmetric
 *   S = D'^-1/2 K^(alpha) D'^-1/2 (P = D'^-1/2 S D'^1/2), so its eigenvalues are real, in [-1, 1], with 1 the
 *   largest: S is what this file returns, for a symmetric eigensolver.
 *
 * The self-tuning kernel is not positive semidefinite in general (unlike a fixed-bandwidth Gaussian), and S has
 * its inertia (congruent to K), so eigenvalues can be negative: DSE takes |lambda|^t.
 * Kernels: trust their inputs.
 */
import { kthNeighborDistances } from '../knn/kthNeighborDistances';
import { expNeg } from '../kernels/expNeg';
import { pairwiseSquaredDistances } from '../pairwiseSquaredDistances';
import { Samples } from '../samples';

/**
 * sigma_i = Euclidean distance from row i to its k-th nearest other row (ties with multiplicity: 0 for a row with
 * at least k exact copies). Requires 1 <= k <= n - 1. O(n^2 d) (the kNN kernels of core/knn), O(n) memory.
 * @example
 * knnBandwidths({ data: Float64Array.of(0, 1, 3), n: 3, d: 1 }, 1); // => Float64Array [1, 1, 2]
 */
export function knnBandwidths(s: Samples, k: number): Float64Array {
  const sigma = kthNeighborDistances(s, k, 'sqeuclidean');
  for (let i = 0; i < sigma.length; i++) sigma[i] = Math.sqrt(sigma[i]);
  return sigma;
}

/**
 * The self-tuning kernel K_ij = exp(-|t_i - t_j|^2 / (sigma_i sigma_j)) as a dense n x n row-major matrix, with
 * the duplicate rule of the module comment (1 at distance 0, 0 elsewhere where sigma_i sigma_j = 0).
 * O(n^2 d) time, 8 n^2 bytes.
 */
export function knnKernelMatrix(s: Samples, sigma: Float64Array): Float64Array {
  const { n } = s;
  const g = pairwiseSquaredDistances(s);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const si = sigma[i];
    for (let j = 0; j < n; j++) {
      const d2 = g[row + j];
      if (d2 === 0) {
        g[row + j] = 1;
        continue;
      }
      const sj = sigma[j];
      // divide twice rather than by the product: sigma_i sigma_j may underflow where each ratio does not
      g[row + j] = si === 0 || sj === 0 ? 0 : expNeg(-(d2 / si / sj));
    }
  }
  return g;
}

/**
 * In place: turn the symmetric kernel `g` (n x n, positive diagonal, non-negative entries) into
 * S = D'^-1/2 K^(alpha) D'^-1/2 (module comment). With q_i = D_i^-alpha, K^(alpha)_ij = q_i K_ij q_j and
 * D'_i = q_i sum_j K_ij q_j, so S_ij = K_ij w_i w_j with w_i = q_i / sqrt(D'_i): two passes over K, O(n^2).
 * Returns the trace of S (= sum_i K_ii w_i^2), which is the trace of P.
 */
export function alphaNormalisedSymmetricOperator(g: Float64Array, n: number, alpha: number): number {
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += g[row + j];
    q[i] = alpha === 0 ? 1 : alpha === 1 ? 1 / sum : Math.pow(sum, -alpha);
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += g[row + j] * q[j];
    w[i] = q[i] / Math.sqrt(q[i] * sum);
  }
  let trace = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const wi = w[i];
    for (let j = 0; j < n; j++) g[row + j] *= wi * w[j];
    trace += g[row + i];
  }
  return trace;
}

/**
 * The symmetric form S of the alpha-normalised diffusion operator of the kNN kernel of the rows of `s` (module
 * comment), dense n x n row-major. `k` is clamped to n - 1 (a subset with fewer rows than k + 1 uses every other
 * row). Requires n >= 2. O(n^2 d) time, 8 n^2 bytes (checked by the caller against the memory budget).
 * @example
 * // three equidistant points: K = 1 on the diagonal, e^-1 elsewhere; P = K / (1 + 2 e^-1)
 * knnDiffusionOperator({ data: Float64Array.of(0, 0, 1, 0, 0.5, Math.sqrt(3) / 2), n: 3, d: 2 }, 15, 1);
 */
export function knnDiffusionOperator(s: Samples, k: number, alpha: number): Float64Array {
  const sigma = knnBandwidths(s, Math.min(k, s.n - 1));
  const g = knnKernelMatrix(s, sigma);
  alphaNormalisedSymmetricOperator(g, s.n, alpha);
  return g;
}
