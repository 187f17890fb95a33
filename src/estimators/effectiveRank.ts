/**
 * Effective rank of a layer: the von Neumann entropy of its trace-normalised covariance, the measure of "mode
 * diversity" that "Information Shapes Koopman Representation" (Cheng, Yuan et al. 2025) adds to keep a latent
 * space from collapsing, and exp of it, the effective rank of Roy & Vetterli (2007) on the covariance spectrum.
 * Definitions: ESTIMATORS.md section 10.
 *
 * C = T_c'T_c / (n - 1) for the column-centred T_c; rho = C / tr(C) (unit trace, positive semi-definite: a
 * density matrix); S = -sum_i lambda_i ln lambda_i over the eigenvalues of rho (0 ln 0 = 0), in nats natively;
 * effective rank = exp(S_nats), between 1 (all variance on one axis) and rank(C) <= min(n - 1, d) (equal variance
 * in every direction it spans). Invariant to rotations, to translations (when centred) and to the scale of T.
 *
 * Not the matrix-based Renyi entropy (`renyi`, ESTIMATORS.md section 7), although both are von Neumann entropies
 * of unit-trace matrices: Renyi's is that of the n x n Gaussian Gram matrix K / tr(K) of the samples (it depends on
 * a bandwidth and grows with the number of distinguishable samples, up to log n), this one's that of the d x d
 * covariance of the units (no bandwidth; only second moments; at most log min(n - 1, d)). It is also not RankMe
 * (Garrido et al. 2023), which normalises the singular values of T rather than their squares.
 */
import { checkMemory } from '../core/memory';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { columnMeans, scatterLowerSets } from '../core/spectral/gramLogDet';
import { symmetricEigenvalues } from '../core/spectral/symmetricEigenvalues';
import { fromNats } from '../core/units';
import { EFFECTIVE_RANK_SPEC } from './specs/effectiveRank';
import { OptionsOf, resolveOptions, ResolvedOf, specDefaults } from './specs/spec';
import { subsampledEntropy } from './subsampling';
import { diagnose } from './diagnostics';
import { Estimate } from './types';

/**
 * Options of `effectiveRankEntropy`, declared in `specs/effectiveRank.ts`:
 * - `center`: centre the columns of T first (a covariance, as the definition). With false the second-moment
 *   matrix T'T / n is used (uncentred embeddings). Defaults to true.
 * - `collapseFraction`: a `collapse` warning when exp(S) < collapseFraction x min(n - 1, d) (min(n, d) uncentred);
 *   0 turns it off. Defaults to 0.1: an isotropic Gaussian sample of n >= 2d rows keeps exp(S) above about 0.8 d
 *   (Marchenko-Pastur), trained layers typically keep tens of percent, so below 10% more than nine directions in
 *   ten carry almost no variance (dead or saturated units, a rank-deficient map).
 * - `units`: of the result. Defaults to 'bits'.
 * - `maxSamples`, `seed`: a seeded subset of the rows (see subsampling.ts). Default: all rows.
 */
export type EffectiveRankOptions = OptionsOf<typeof EFFECTIVE_RANK_SPEC.params>;

type Resolved = ResolvedOf<typeof EFFECTIVE_RANK_SPEC.params>;

/** The defaults of `effectiveRankEntropy` (from the spec). */
export const EFFECTIVE_RANK_DEFAULTS = specDefaults(EFFECTIVE_RANK_SPEC) as Resolved;

/**
 * The eigenvalues of the second-moment matrix of the rows of `s` (centred first when `center`), unnormalised: of
 * the d x d matrix T'T, or of the n x n matrix TT' when n < d (the same nonzero eigenvalues), and their sum
 * (the trace, the sum of the matrix's diagonal, not of the eigenvalues).
 */
function spectrum(s: Samples, center: boolean): { values: Float64Array; trace: number } {
  const { n, d } = s;
  let trace = 0;
  let m: number;
  let g: Float64Array;
  if (n < d) {
    // the n x n Gram matrix of the centred rows (few rows: a centred copy is cheap)
    let data = s.data;
    if (center) {
      const mean = columnMeans(s.data, n, d);
      data = Float64Array.from(s.data);
      for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) data[i * d + c] -= mean[c];
    }
    m = n;
    g = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let c = 0; c < d; c++) sum += data[i * d + c] * data[j * d + c];
        g[i * m + j] = sum;
      }
    }
  } else {
    // the d x d scatter matrix, centred on the column means (WebAssembly for large inputs; T is not modified)
    m = d;
    g = new Float64Array(m * m);
    scatterLowerSets(s.data, n, d, center, [undefined], [g]);
  }
  for (let i = 0; i < m; i++) trace += g[i * m + i];
  return { values: symmetricEigenvalues(g, m, { overwrite: true }), trace };
}

/**
 * The von Neumann entropy S = -sum lambda ln lambda of the trace-normalised covariance of the rows of `t`, in
 * `units` (bits by default); its `params` report `effectiveRank` = exp(S in nats), the number of directions that
 * carry variance, with `rankBound` = min(n - 1, d) (min(n, d) uncentred), `n`, `d`, `center` and
 * `collapseFraction`. A layer whose effective rank is below `collapseFraction` x `rankBound` carries a
 * `collapse` warning. A constant layer (zero covariance) gives S = 0, `effectiveRank` 0 and the warning.
 *
 * Cost: O(n d min(n, d)) for the covariance (d x d, or the n x n Gram matrix of the rows when n < d) and
 * O(min(n, d)^3) for its eigenvalues; 8 min(n, d)^2 bytes, checked against the memory budget.
 *
 * Reference: Roy & Vetterli 2007 (effective rank); Cheng, Yuan et al. 2025 (von Neumann entropy of Koopman latents).
 *
 * @param t - activations, one row per sample.
 * @example
 * // centred rows +-e1, +-e2: covariance proportional to I_2, S = ln 2 nats, effective rank 2
 * const r = effectiveRankEntropy([[1, 0], [-1, 0], [0, 1], [0, -1]]);
 * r.value; // => 1 (bit)
 * r.params.effectiveRank; // => 2
 */
export function effectiveRankEntropy(t: SamplesLike, options: EffectiveRankOptions = {}): Estimate {
  return subsampledEntropy(EFFECTIVE_RANK_SPEC, 'effectiveRankEntropy', effectiveRankEntropyAllRows, t, options, 't');
}

/** `effectiveRankEntropy` on every row it is given (the rows `maxSamples` drew, or all). */
function effectiveRankEntropyAllRows(t: SamplesLike, options: EffectiveRankOptions = {}): Estimate {
  const fn = 'effectiveRankEntropy';
  const o = resolveOptions(EFFECTIVE_RANK_SPEC, fn, options, 'entropy');
  const s = toSamples(t, { fn, param: 't', minSamples: 2 });
  const m = Math.min(s.n, s.d);
  checkMemory(fn, 't', {
    bytes: 8 * (m * m + (o.center && s.n < s.d ? s.n * s.d : 0)),
    largestArray: m * m,
    what: 'the min(n, d) x min(n, d) covariance or Gram matrix',
    received: `${s.n} samples of ${s.d} columns`,
    wayOut: 'use maxSamples (a subset of the rows)',
  });
  const { values, trace } = spectrum(s, o.center);
  let nats = 0;
  if (trace > 0) {
    for (const v of values) {
      const l = v / trace;
      // eigenvalues below 0 are rounding (the matrix is positive semi-definite)
      if (l > 0) nats -= l * Math.log(l);
    }
  }
  const effectiveRank = trace > 0 ? Math.exp(nats) : 0;
  const rankBound = Math.min(o.center ? s.n - 1 : s.n, s.d);
  const params = { center: o.center, collapseFraction: o.collapseFraction, effectiveRank, rankBound, n: s.n, d: s.d };
  return diagnose({ value: fromNats(nats, o.units), units: o.units, params, warnings: [] }, { n: s.n, collapse: { effectiveRank, rankBound, fraction: o.collapseFraction } });
}
