/**
 * Entropy of a normalised spectrum as diffusion spectral entropy (DSE) defines it, and two-sided bounds on it
 * when only part of the spectrum is known.
 *
 * Definition (Liao, Liu et al. 2023; ESTIMATORS.md section 5): with mu_i = |lambda_i|^t, p_i = mu_i / sum(mu) and
 * q_i = p_i + eps (eps = 2^-52, added to EVERY one of the n normalised values, after normalising),
 * DSE = sum_i f(p_i) with f(x) = -(x + eps) log2(x + eps). Unit: bits.
 *
 * Kernels: trust their inputs.
 */

/** The constant added to every normalised eigenvalue (numpy's float64 machine epsilon). */
export const SPECTRAL_EPS = 2.220446049250313e-16;

/** f(x) = -(x + eps) log2(x + eps): the contribution of one normalised eigenvalue x, in bits. */
export function entropyTerm(x: number): number {
  const q = x + SPECTRAL_EPS;
  return -q * Math.log2(q);
}

/** f(0) = -eps log2 eps, the contribution of one (numerically) zero eigenvalue: about 1.15e-14 bits. */
export const ZERO_TERM = entropyTerm(0);

/**
 * DSE in bits from all n eigenvalues: mu = |lambda|^power, p = mu / sum(mu), sum_i f(p_i).
 * O(n). Returns 0 for an all-zero spectrum (which a diffusion operator never has).
 */
export function spectralEntropyBits(eigenvalues: ArrayLike<number>, power: number): number {
  const n = eigenvalues.length;
  const mu = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(eigenvalues[i]);
    const m = power === 1 ? v : power === 2 ? v * v : Math.pow(v, power);
    mu[i] = m;
    total += m;
  }
  if (!(total > 0)) return 0;
  let h = 0;
  for (let i = 0; i < n; i++) h += entropyTerm(mu[i] / total);
  return h;
}

/** A two-sided bound on an entropy in bits. */
export interface EntropyBracket {
  lo: number;
  hi: number;
}

/**
 * Bounds on DSE when the k largest powered eigenvalues `top` (mu_1 >= ... >= mu_k >= 0) of an n-value spectrum
 * are known, together with the exact total `total` = sum of all n powered eigenvalues.
 *
 * The n - k unseen values are non-negative, sum to M = total - sum(top) (as fractions: m = M / total) and are
 * each at most mu_k (so at most b = mu_k / total once normalised). Because f is concave, the unseen part
 * sum_j f(p_j), over that polytope, is
 * - largest when spread evenly: (n - k) f(m / (n - k));
 * - smallest at a vertex, as concentrated as the cap allows: floor(m / b) values at b, one value holding the
 *   remainder, and the rest at 0, each of which still contributes f(0) = -eps log2 eps.
 * O(k).
 */
export function tailBracket(top: ArrayLike<number>, total: number, n: number): EntropyBracket {
  const k = top.length;
  let known = 0;
  let seen = 0;
  let smallest = Infinity;
  for (let i = 0; i < k; i++) {
    known += entropyTerm(top[i] / total);
    seen += top[i];
    smallest = Math.min(smallest, top[i]);
  }
  const rest = n - k;
  const m = Math.max(0, total - seen) / total;
  if (rest <= 0) return { lo: known, hi: known };
  const hi = known + rest * entropyTerm(m / rest);
  const b = k > 0 ? smallest / total : 1;
  let lo: number;
  if (m <= 0) {
    lo = known + rest * ZERO_TERM;
  } else if (!(b > 0) || m >= rest * b) {
    // The cap cannot be met (only possible through rounding): fall back to the uncapped minimum.
    lo = known + entropyTerm(m) + (rest - 1) * ZERO_TERM;
  } else {
    const full = Math.min(Math.floor(m / b), rest - 1);
    const remainder = Math.max(0, m - full * b);
    lo = known + full * entropyTerm(b) + entropyTerm(remainder) + (rest - full - 1) * ZERO_TERM;
  }
  return { lo: Math.min(lo, hi), hi };
}

/**
 * Bounds on DSE at power 1 for a PSD matrix K = Z Z' + R with R PSD (a truncated pivoted Cholesky
 * factorisation), given the eigenvalues `nu` of Z Z' (any order, r of them; the other n - r are 0), the residual
 * trace tau = trace(R) and the exact total = trace(K).
 *
 * By Weyl's monotonicity theorem lambda_i(K) >= nu_i for every i (both sorted), and sum_i (lambda_i - nu_i) = tau.
 * Over that set of spectra the concave sum_i f(lambda_i / total)
 * - is largest when tau is water-filled onto the smallest values (raise them to a common level L);
 * - is smallest at a vertex, all of tau on one value; the increment f(x + a) - f(x) falls as x grows, so the
 *   vertex is the largest value.
 * O(r log r).
 */
export function lowRankBracket(nu: ArrayLike<number>, tau: number, total: number, n: number): EntropyBracket {
  const r = nu.length;
  const values = Float64Array.from(nu, (v) => Math.max(0, v)).sort(); // ascending
  const zeros = n - r;
  let base = zeros * ZERO_TERM;
  for (let i = 0; i < r; i++) base += entropyTerm(values[i] / total);
  if (!(tau > 0)) return { lo: base, hi: base };
  const largest = r > 0 ? values[r - 1] : 0;
  const lo = base - (r > 0 ? entropyTerm(largest / total) : ZERO_TERM) + entropyTerm((largest + tau) / total);
  // Water-filling: the first `count` values (in ascending order, zeros first) are raised to `level`.
  let count = zeros;
  let sum = 0;
  let next = 0; // index into values of the first value not yet raised
  let level = count > 0 ? tau / count : -Infinity;
  while (next < r && (count === 0 || level > values[next])) {
    sum += values[next];
    next++;
    count++;
    level = (tau + sum) / count;
  }
  let hi = count * entropyTerm(level / total);
  for (let i = next; i < r; i++) hi += entropyTerm(values[i] / total);
  return { lo: Math.min(lo, hi), hi: Math.max(hi, lo) };
}
