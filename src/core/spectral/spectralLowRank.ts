/**
 * Diffusion spectral entropy (power 1) of the diffusion operator K = D^-1/2 G D^-1/2 from a truncated pivoted
 * Cholesky factorisation K ~ Z Z', with a rigorous two-sided bound (see `lowRankBracket`).
 *
 * ## Method
 * Greedy pivoted Cholesky (the pivot is the largest remaining diagonal entry of the residual R = K - Z Z') adds one
 * column of Z per step at O(n r) cost and keeps the residual diagonal, so trace(R) is known at every step.
 * When a cheap lower bound on the bracket width says the target may be met, the r nonzero eigenvalues of Z Z'
 * (those of the r x r matrix Z'Z) are computed and the bracket evaluated. Gaussian kernels with a bandwidth
 * large compared with the data (the DSE default sigma = 10 on activations) are numerically of low rank, so a
 * few hundred columns usually suffice even at n = 4096, at a cost of O(n r^2) instead of O(n^3).
 * Each step makes one pass over Z that both updates the new column and completes the Gram row of the previous
 * one (WebAssembly SIMD when available, `spectralKernels.wat`). The Gram entries are dot products of the final
 * columns: forming them from Z'k_p - (Z'Z) c instead loses the small eigenvalues to cancellation.
 * While the bracket is still wide, the decay of trace(R) is extrapolated (log-linear in the rank) and the
 * factorisation is abandoned early when it predicts more than `maxRank` columns (`predictedRank`).
 *
 * Kernel: trusts its input.
 */
import { symmetricEigenvalues } from './symmetricEigenvalues';
import { CholeskyWorkspace, wasmCholeskyWorkspace } from './spectralWasm';
import { EntropyBracket, entropyTerm, lowRankBracket, ZERO_TERM, SPECTRAL_EPS } from './spectralEntropy';

export interface LowRankResult {
  /** The bracket on DSE (bits) at the last evaluation. */
  bracket: EntropyBracket;
  /** Columns of Z used. */
  rank: number;
  /** trace(K - Z Z') at the end. */
  residualTrace: number;
  /** True when the bracket is narrower than the tolerance (or the factorisation is exact). */
  converged: boolean;
  /**
   * Set when the factorisation was abandoned early because the decay of trace(K - Z Z') so far predicts that more
   * than `maxRank` columns would be needed: that predicted number of columns.
   */
  predictedRank?: number;
}

/**
 * Pivoted Cholesky of the PSD matrix K, given by its diagonal `diag` and a function writing row p of K into
 * `out`, stopped as soon as the DSE bracket is narrower than `tolerance` bits or `maxRank` columns were used.
 * `total` = trace(K). O(n r^2) time plus r row evaluations; 8 n maxRank + 8 maxRank^2 bytes, no n x n matrix.
 */
export function lowRankDiffusionEntropy(
  row: (p: number, out: Float64Array) => void,
  diag: Float64Array,
  n: number,
  total: number,
  tolerance: number,
  maxRank: number,
  options: { wasm?: boolean } = {},
): LowRankResult {
  const { wasm = true } = options;
  const limit = Math.max(1, Math.min(maxRank, n));
  const ws = (wasm ? wasmCholeskyWorkspace(n, limit) : null) ?? typescriptWorkspace(n, limit);
  try {
    return factorize(ws, row, diag, n, total, tolerance, limit);
  } finally {
    ws.release();
  }
}

function factorize(
  ws: CholeskyWorkspace,
  row: (p: number, out: Float64Array) => void,
  diag: Float64Array,
  n: number,
  total: number,
  tolerance: number,
  limit: number,
): LowRankResult {
  const { z, gram, stride } = ws;
  const resid = new Float64Array(n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    resid[i] = diag[i];
    maxDiag = Math.max(maxDiag, resid[i]);
  }
  // A lower bound of the largest eigenvalue of Z Z' (the largest squared column norm: a diagonal entry of Z'Z),
  // whose slope f' bounds the cheap width estimate below.
  let topLowerBound = maxDiag;
  let bracket: EntropyBracket = { lo: -Infinity, hi: Infinity };
  let rank = 0;
  let tau = total;
  let evaluateBelow = Infinity; // evaluate the bracket once tau falls below this (predicted from the last one)
  let evaluatedAt = -1;
  const tauAt = new Float64Array(limit + 1); // trace(K - Z Z') after each column
  tauAt[0] = total;
  let nextForecast = Math.max(64, Math.ceil(0.05 * n));
  const eigenvalues = (): Float64Array => gramEigenvalues(z, n, stride, gram, limit, rank);
  while (rank < limit) {
    let p = 0;
    let piv = -Infinity;
    for (let i = 0; i < n; i++) {
      if (resid[i] > piv) {
        piv = resid[i];
        p = i;
      }
    }
    if (!(piv > 0)) {
      tau = 0;
      break;
    }
    const col = z.subarray(rank * stride, rank * stride + n);
    row(p, col);
    if (stride > n) z.fill(0, rank * stride + n, (rank + 1) * stride); // the padding of the SIMD kernel
    // col = k_p - Z c (c = row p of Z), fused with the pending Gram row of the previous column.
    ws.update(rank, p);
    const inv = 1 / Math.sqrt(piv);
    tau = 0;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] * inv;
      col[i] = v;
      norm2 += v * v;
      const left = resid[i] - v * v;
      resid[i] = left;
      if (left > 0) tau += left;
    }
    resid[p] = 0;
    gram[rank * limit + rank] = norm2; // the rest of this row is filled by the next update (or by gramEigenvalues)
    topLowerBound = Math.max(topLowerBound, norm2);
    rank++;
    tauAt[rank] = tau;
    const forecast = rank >= nextForecast && rank < limit && limit < n; // with limit = n the end is exact anyway
    if (rank < limit && tau > evaluateBelow && !forecast) continue;
    // Cheap necessary condition: width >= (spread tau over the n - r zero values) - (tau on the top value).
    const zeros = n - rank;
    const spread = zeros > 0 ? zeros * (entropyTerm(tau / (zeros * total)) - ZERO_TERM) : 0;
    const slopeAtTop = -Math.log2(topLowerBound / total + SPECTRAL_EPS) - 1 / Math.LN2;
    const widthLowerBound = spread - (tau / total) * slopeAtTop;
    if (forecast) {
      // log tau falls about linearly with the rank: extrapolate from the last half to the tau the target needs.
      nextForecast = Math.ceil(rank * 1.25);
      const half = Math.floor(rank / 2);
      const slope = (Math.log(tau) - Math.log(tauAt[half])) / (rank - half);
      const needed = widthLowerBound > 0 ? tau * (tolerance / widthLowerBound) : tau;
      if (widthLowerBound >= tolerance && slope < 0 && tau > 0) {
        const predictedRank = Math.ceil(rank + (Math.log(needed) - Math.log(tau)) / slope);
        if (predictedRank > limit) return { bracket, rank, residualTrace: tau, converged: false, predictedRank };
      } else if (!(slope < 0) && widthLowerBound >= tolerance) {
        return { bracket, rank, residualTrace: tau, converged: false, predictedRank: Infinity };
      }
    }
    // Evaluate a little past the cheap bound's crossing, so that one O(r^3) evaluation usually suffices.
    if (widthLowerBound >= 0.9 * tolerance && rank < limit) continue;
    bracket = lowRankBracket(eigenvalues(), tau, total, n);
    evaluatedAt = rank;
    const width = bracket.hi - bracket.lo;
    if (width < tolerance) return { bracket, rank, residualTrace: tau, converged: true };
    // The width shrinks about in proportion to tau: aim just below the predicted crossing.
    evaluateBelow = tau * Math.min(0.95, (0.95 * tolerance) / width);
  }
  if (evaluatedAt !== rank || tau === 0) bracket = lowRankBracket(eigenvalues(), tau, total, n);
  return { bracket, rank, residualTrace: tau, converged: tau === 0 || rank === n || bracket.hi - bracket.lo < tolerance };
}

/** Plain TypeScript storage and column update (the fallback of the WebAssembly kernel). */
function typescriptWorkspace(n: number, limit: number): CholeskyWorkspace {
  const z = new Float64Array(limit * n);
  const gram = new Float64Array(limit * limit);
  return {
    z,
    gram,
    stride: n,
    update: (rank, p) => updateColumn(z, n, rank, p, gram, limit),
    release: () => undefined,
  };
}

/**
 * col <- col - sum_{l < rank} z_l[p] z_l, fused with the pending Gram row of column rank - 1 (its dot products
 * with columns 0..rank-2). Columns are taken four at a time so that each load of col and z_{rank-1} serves four.
 */
function updateColumn(z: Float64Array, n: number, rank: number, p: number, gram: Float64Array, stride: number): void {
  const col = z.subarray(rank * n, (rank + 1) * n);
  const prev = rank - 1;
  const zp = prev * n;
  const gRow = prev * stride;
  let l = 0;
  for (; l + 4 <= prev; l += 4) {
    const z0 = l * n;
    const z1 = z0 + n;
    const z2 = z1 + n;
    const z3 = z2 + n;
    const c0 = z[z0 + p];
    const c1 = z[z1 + p];
    const c2 = z[z2 + p];
    const c3 = z[z3 + p];
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = 0; i < n; i++) {
      const v0 = z[z0 + i];
      const v1 = z[z1 + i];
      const v2 = z[z2 + i];
      const v3 = z[z3 + i];
      const w = z[zp + i];
      d0 += v0 * w;
      d1 += v1 * w;
      d2 += v2 * w;
      d3 += v3 * w;
      col[i] -= c0 * v0 + c1 * v1 + (c2 * v2 + c3 * v3); // the WebAssembly kernel's order
    }
    gram[gRow + l] = d0;
    gram[gRow + l + 1] = d1;
    gram[gRow + l + 2] = d2;
    gram[gRow + l + 3] = d3;
  }
  for (; l < prev; l++) {
    const zl = l * n;
    const c = z[zl + p];
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const v = z[zl + i];
      dot += v * z[zp + i];
      col[i] -= c * v;
    }
    gram[gRow + l] = dot;
  }
  if (prev >= 0) {
    const c = z[zp + p];
    for (let i = 0; i < n; i++) col[i] -= c * z[zp + i];
  }
}

/**
 * Eigenvalues of Z'Z for the first r columns of Z (stored one after another, `zStride` apart), completing the pending
 * Gram row of the last column first. The stored lower triangle has row stride `stride`.
 */
function gramEigenvalues(z: Float64Array, n: number, zStride: number, gram: Float64Array, stride: number, r: number): Float64Array {
  const last = r - 1;
  for (let l = 0; l < last; l++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += z[l * zStride + i] * z[last * zStride + i];
    gram[last * stride + l] = dot;
  }
  const m = new Float64Array(r * r);
  for (let a = 0; a < r; a++) m.set(gram.subarray(a * stride, a * stride + a + 1), a * r);
  return symmetricEigenvalues(m, r, { overwrite: true });
}
