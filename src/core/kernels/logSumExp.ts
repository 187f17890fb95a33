/**
 * Row-wise log-sum-exp of a dense row-major m x n matrix: out_i = ln sum_j exp(M_ij), stable (the row maximum
 * is taken out first). O(m n). The dense counterpart of the streaming kernels, used where a matrix exists
 * anyway and as their test oracle. Kernel: trusts its input (no NaN).
 */
export function logSumExpRows(matrix: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const base = i * n;
    let max = -Infinity;
    for (let j = 0; j < n; j++) if (matrix[base + j] > max) max = matrix[base + j];
    if (max === -Infinity) {
      out[i] = -Infinity;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(matrix[base + j] - max);
    out[i] = max + Math.log(sum);
  }
  return out;
}
