/**
 * Largest eigenvalues of a symmetric matrix by the Lanczos process with full reorthogonalisation.
 *
 * ## Method
 * q_1 is a seeded random unit vector; each step computes w = A q_j, removes its components along every previous
 * q (classical Gram-Schmidt, twice: "twice is enough"), and appends alpha_j = q_j'A q_j and beta_j = |w| to the
 * tridiagonal matrix T. A breakdown (beta ~ 0: an invariant subspace was found) restarts from a fresh random
 * vector orthogonal to all previous ones, so eigenvalues of higher multiplicity are eventually found too.
 * At check points the eigenvalues of T (Ritz values) are computed with their residual norms
 * |A y - theta y| = beta_j |s_j| (s_j = last component of T's eigenvector, found by inverse iteration), and a
 * caller-supplied test decides whether to stop.
 *
 * Cost: one matrix-vector product (O(n^2) for a dense matrix) and O(n j) reorthogonalisation per step.
 * Kernel: trusts its input.
 */
import { randomSource } from '../random';
import { tridiagonalEigenvalues } from './symmetricEigenvalues';

/** Ritz values (descending) of the current Krylov space and their residual norms. */
export interface RitzValues {
  values: Float64Array;
  residuals: Float64Array;
  /** Lanczos steps taken (the dimension of the Krylov space). */
  steps: number;
}

export interface LanczosOptions {
  /** Most steps to take (at most n). */
  maxSteps: number;
  /** Seed of the starting vector. */
  seed: number;
  /** Evaluate `stop` after this many steps, then every `checkEvery` more (grown by 15% of the steps taken). */
  checkEvery?: number;
}

/** y = A x for the dense symmetric row-major n x n matrix A (row dot products, two rows at a time). */
export function denseProduct(a: Float64Array, n: number, x: Float64Array, y: Float64Array): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < n; j++) {
      const xj = x[j];
      s0 += a[r0 + j] * xj;
      s1 += a[r1 + j] * xj;
    }
    y[i] = s0;
    y[i + 1] = s1;
  }
  if (i < n) {
    const r0 = i * n;
    let s0 = 0;
    for (let j = 0; j < n; j++) s0 += a[r0 + j] * x[j];
    y[i] = s0;
  }
}

/**
 * Run Lanczos on the operator `apply` (y = A x) of order n until `stop(ritz)` returns true or `maxSteps` steps
 * were taken. Returns the last Ritz values computed (always computed at the final step).
 */
export function lanczos(
  apply: (x: Float64Array, y: Float64Array) => void,
  n: number,
  options: LanczosOptions,
  stop: (ritz: RitzValues) => boolean,
): RitzValues {
  const maxSteps = Math.max(1, Math.min(options.maxSteps, n));
  const random = randomSource(options.seed);
  const q = new Float64Array((maxSteps + 1) * n);
  const alpha = new Float64Array(maxSteps);
  const beta = new Float64Array(maxSteps);
  const w = new Float64Array(n);
  const coef = new Float64Array(maxSteps + 1);
  randomUnit(q, 0, n, 0, random);
  let nextCheck = options.checkEvery ?? 10;
  let scale = 0; // running estimate of |A| for the breakdown test
  let ritz: RitzValues = { values: new Float64Array(0), residuals: new Float64Array(0), steps: 0 };
  for (let j = 0; j < maxSteps; j++) {
    const qj = q.subarray(j * n, (j + 1) * n);
    apply(qj, w);
    let a = 0;
    for (let i = 0; i < n; i++) a += qj[i] * w[i];
    alpha[j] = a;
    scale = Math.max(scale, Math.abs(a));
    orthogonalize(w, q, j + 1, n, coef);
    orthogonalize(w, q, j + 1, n, coef);
    let b = 0;
    for (let i = 0; i < n; i++) b += w[i] * w[i];
    b = Math.sqrt(b);
    const steps = j + 1;
    const last = steps === maxSteps;
    if (b <= 1e-13 * Math.max(scale, b)) {
      // Invariant subspace: restart with a fresh direction (T decouples here).
      beta[j] = 0;
      if (!last && !randomUnit(q, steps, n, steps, random)) {
        ritz = ritzValues(alpha, beta, steps);
        stop(ritz);
        return ritz;
      }
    } else {
      beta[j] = b;
      if (!last) {
        const next = steps * n;
        const inv = 1 / b;
        for (let i = 0; i < n; i++) q[next + i] = w[i] * inv;
      }
    }
    if (steps >= nextCheck || last) {
      ritz = ritzValues(alpha, beta, steps);
      if (stop(ritz) || last) return ritz;
      nextCheck = steps + Math.max(options.checkEvery ?? 10, Math.ceil(0.15 * steps));
    }
  }
  return ritz;
}

/** w <- w - Q Q' w over the first `count` rows of q (classical Gram-Schmidt). */
function orthogonalize(w: Float64Array, q: Float64Array, count: number, n: number, coef: Float64Array): void {
  for (let l = 0; l < count; l++) {
    const ql = l * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += q[ql + i] * w[i];
    coef[l] = s;
  }
  for (let l = 0; l < count; l++) {
    const ql = l * n;
    const c = coef[l];
    for (let i = 0; i < n; i++) w[i] -= c * q[ql + i];
  }
}

/**
 * Store at row `row` of q a random unit vector orthogonal to the first `count` rows. Returns false when the
 * space is exhausted (count = n).
 */
function randomUnit(q: Float64Array, row: number, n: number, count: number, random: ReturnType<typeof randomSource>): boolean {
  if (count >= n) return false;
  const v = q.subarray(row * n, (row + 1) * n);
  const coef = new Float64Array(count);
  for (let attempt = 0; attempt < 5; attempt++) {
    for (let i = 0; i < n; i++) v[i] = random.normal();
    if (count > 0) {
      orthogonalize(v, q, count, n, coef);
      orthogonalize(v, q, count, n, coef);
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i] * v[i];
    if (s > 1e-20) {
      const inv = 1 / Math.sqrt(s);
      for (let i = 0; i < n; i++) v[i] *= inv;
      return true;
    }
  }
  return false;
}

/** Ritz values (descending) of T_m and their residual norms beta_m |s_m|. */
export function ritzValues(alpha: Float64Array, beta: Float64Array, m: number): RitzValues {
  const values = tridiagonalEigenvalues(alpha.subarray(0, m), beta.subarray(0, m - 1)).reverse();
  const residuals = new Float64Array(m);
  const bm = Math.abs(beta[m - 1]);
  if (bm > 0) {
    for (let i = 0; i < m; i++) residuals[i] = bm * Math.abs(lastComponent(alpha, beta, m, values[i]));
  }
  return { values, residuals, steps: m };
}

/**
 * Last component of the unit eigenvector of the tridiagonal T_m (diagonal alpha, off-diagonal beta) for the
 * eigenvalue theta: two steps of inverse iteration with a partially pivoted tridiagonal solve.
 */
function lastComponent(alpha: Float64Array, beta: Float64Array, m: number, theta: number): number {
  if (m === 1) return 1;
  let norm = 0;
  for (let i = 0; i < m; i++) norm = Math.max(norm, Math.abs(alpha[i]) + (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.abs(beta[i]) : 0));
  const shift = theta + 1e-14 * Math.max(norm, 1e-300);
  let x: Float64Array = new Float64Array(m).fill(1 / Math.sqrt(m));
  for (let iteration = 0; iteration < 2; iteration++) {
    x = solveShiftedTridiagonal(alpha, beta, m, shift, x);
    let s = 0;
    for (let i = 0; i < m; i++) s += x[i] * x[i];
    s = Math.sqrt(s);
    if (!(s > 0) || !Number.isFinite(s)) return 1; // pessimistic: report the whole beta as residual
    for (let i = 0; i < m; i++) x[i] /= s;
  }
  return x[m - 1];
}

/** Solve (T - shift I) x = rhs, T symmetric tridiagonal, by Gaussian elimination with partial pivoting. */
function solveShiftedTridiagonal(alpha: Float64Array, beta: Float64Array, m: number, shift: number, rhs: Float64Array): Float64Array {
  // Row i of the band: sub[i] (column i-1), diag[i], sup[i] (column i+1), sup2[i] (column i+2, from pivoting).
  const diag = new Float64Array(m);
  const sup = new Float64Array(m);
  const sup2 = new Float64Array(m);
  const sub = new Float64Array(m);
  const b = Float64Array.from(rhs);
  for (let i = 0; i < m; i++) {
    diag[i] = alpha[i] - shift;
    if (i + 1 < m) sup[i] = beta[i];
    if (i > 0) sub[i] = beta[i - 1];
  }
  const tiny = 1e-300;
  for (let i = 0; i + 1 < m; i++) {
    // eliminate sub[i + 1] using rows i and i + 1, swapping when row i + 1 has the larger pivot
    if (Math.abs(sub[i + 1]) > Math.abs(diag[i])) {
      // swap rows i and i + 1
      const d0 = diag[i], s0 = sup[i], t0 = sup2[i], b0 = b[i];
      diag[i] = sub[i + 1];
      sup[i] = diag[i + 1];
      sup2[i] = sup[i + 1];
      b[i] = b[i + 1];
      sub[i + 1] = d0;
      diag[i + 1] = s0;
      sup[i + 1] = t0;
      b[i + 1] = b0;
    }
    const piv = diag[i] === 0 ? tiny : diag[i];
    diag[i] = piv;
    const factor = sub[i + 1] / piv;
    diag[i + 1] -= factor * sup[i];
    sup[i + 1] -= factor * sup2[i];
    b[i + 1] -= factor * b[i];
    sub[i + 1] = 0;
  }
  if (diag[m - 1] === 0) diag[m - 1] = tiny;
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    if (i + 1 < m) s -= sup[i] * x[i + 1];
    if (i + 2 < m) s -= sup2[i] * x[i + 2];
    x[i] = s / diag[i];
  }
  return x;
}
