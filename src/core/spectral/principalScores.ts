/** The first principal direction of a set of rows (for cutting several columns into equal-width clusters). */
import { checkMemory } from '../memory';
import { Samples } from '../samples';

/**
 * Scores of the rows of `s` on their first principal direction: the d x d covariance, its leading eigenvector by
 * power iteration (200 steps at most, from the start vector 1 + j / d) and the centred rows' projections on it.
 * The sums run over the rows in lexicographic order, so that the scores, bit for bit, do not depend on the order
 * of the rows (values that fall on a bin edge are then cut the same way whatever the order).
 * Cost: O(n d^2 + n d log n) time, O(d^2 + n) memory; the d x d covariance is checked against the memory budget
 * first (`checkMemory`: a `too_large` error names `fn` and `param`). Otherwise a kernel: trusts its input (finite values).
 * @example
 * firstPrincipalScores({ data: Float64Array.from([0, 0, 1, 1, 2, 2]), n: 3, d: 2 }); // => Float64Array [-1.414..., 0, 1.414...]
 */
export function firstPrincipalScores(s: Samples, fn = 'firstPrincipalScores', param = 'x'): Float64Array {
  const { n, d, data } = s;
  checkMemory(fn, param, {
    bytes: 8 * d * d,
    largestArray: d * d,
    what: 'the d x d covariance of its columns (to cluster the rows along their first principal direction)',
    received: `${d} columns`,
    wayOut: 'reduce the columns first (e.g. a random projection or PCA to a few hundred)',
  });
  const rows = Array.from({ length: n }, (_, i) => i).sort((p, q) => {
    for (let j = 0; j < d; j++) {
      const diff = data[p * d + j] - data[q * d + j];
      if (diff !== 0) return diff;
    }
    return 0;
  });
  const mean = new Float64Array(d);
  for (const i of rows) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (const i of rows) {
    for (let a = 0; a < d; a++) {
      const xa = data[i * d + a] - mean[a];
      for (let b = 0; b < d; b++) cov[a * d + b] += xa * (data[i * d + b] - mean[b]);
    }
  }
  let v = new Float64Array(d).map((_, j) => 1 + j / d);
  for (let it = 0; it < 200; it++) {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += cov[a * d + b] * v[b];
    let norm = 0;
    for (const x of w) norm += x * x;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) break;
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] /= norm;
      change = Math.max(change, Math.abs(w[a] - v[a]));
    }
    v = w;
    if (change < 1e-12) break;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sc = 0;
    for (let j = 0; j < d; j++) sc += (data[i * d + j] - mean[j]) * v[j];
    scores[i] = sc;
  }
  return scores;
}
