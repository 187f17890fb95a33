/**
 * Coding rate and rate reduction of "Learning Diverse and Discriminative Representations via the Principle of
 * Maximal Coding Rate Reduction" (MCR2; Yu, Chan, You, Song & Ma, NeurIPS 2020), the measure "White-Box
 * Transformers via Sparse Rate Reduction" (CRATE; Yu et al. 2023) optimises layer by layer. Definitions:
 * ESTIMATORS.md section 10.
 *
 * With n rows t_i of d columns (rows are samples; the papers write Z = T' as d x n) and a distortion eps:
 * - R(T, eps) = 1/2 ln det(I_d + d / (n eps^2) T'T), the rate (nats) of coding the rows up to distortion eps with
 *   a Gaussian codebook;
 * - R_c = 1/2 ln det(I_d + d / (n_c eps^2) T_c'T_c) for the n_c rows of class c (the paper's
 *   tr(Pi_c) / (2 n) ln det(I + d / (tr(Pi_c) eps^2) Z Pi_c Z') is (n_c / n) R_c);
 * - ΔR(T; Y) = R(T) - sum_c (n_c / n) R_c, the rate reduction (>= 0 up to rounding for any labels: the
 *   log-determinant is concave).
 *
 * The eps convention: our `eps` is the paper's eps; the squared value enters the formula and is reported as
 * `epsSquared`. The authors' code takes eps^2 itself as its `eps` argument (`scalar = p / (m * self.eps)` in
 * ryanchankh/mcr2 loss.py; its training scripts' `--eps 0.5` help text reads "eps squared"), so their `--eps E`
 * is our `eps: Math.sqrt(E)`. The default eps = sqrt(0.5) is their experiments' eps^2 = 0.5 (their loss class
 * defaults to eps^2 = 0.01, i.e. eps = 0.1). Their code adds 1e-8 to tr(Pi_c), a guard against empty classes
 * we do not need (classes here are never empty); the difference is below 1e-8 relative.
 *
 * No transform is applied unless asked: MCR2's networks end in a normalisation to the unit sphere and the
 * papers do not centre; `center` and `normalize` apply those steps here, reported in `params`. R depends on the
 * scale of T relative to eps (scaling T by s is the same as dividing eps by s).
 */
import { isLabels, Labels, toLabels } from '../core/labels';
import { checkMemory } from '../core/memory';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { gramOrder, logDetIdentityPlusGram, logDetIdentityPlusScaled, scatterLowerGroups } from '../core/spectral/gramLogDet';
import { fromNats } from '../core/units';
import { checkSameCount } from '../core/validate';
import { CODING_RATE_SPEC } from './specs/codingRate';
import { OptionsOf, resolveOptions, ResolvedOf, specDefaults } from './specs/spec';
import { subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { diagnose } from './diagnostics';
import { Estimate, PlanePoint, UsedParams } from './types';

/**
 * Options of `codingRate`, `rateReduction` and `codingRatePoint`, declared in `specs/codingRate.ts`:
 * - `eps`: the allowed distortion eps > 0, in the units of T; eps^2 enters the formula (d / (n eps^2)).
 *   Defaults to sqrt(0.5) = 0.7071067811865476 (the MCR2 experiments' eps^2 = 0.5).
 * - `center`: subtract the mean row of T first. Defaults to false (as MCR2).
 * - `normalize`: scale every row of T to unit Euclidean length first (after centring; a zero row stays zero),
 *   as the features MCR2 measures are. Defaults to false.
 * - `units`: of the result. Defaults to 'bits' (computed in nats).
 * - `maxSamples`, `seed`: a seeded subset of the rows, stratified by label (see subsampling.ts). Default: all rows.
 */
export type CodingRateOptions = OptionsOf<typeof CODING_RATE_SPEC.params>;

type Resolved = ResolvedOf<typeof CODING_RATE_SPEC.params>;

/** The defaults of the coding-rate functions (from the spec). */
export const CODING_RATE_DEFAULTS = specDefaults(CODING_RATE_SPEC) as Resolved;

/** T after the requested transforms (a copy when any applies). */
function prepare(s: Samples, o: Resolved): Samples {
  if (!o.center && !o.normalize) return s;
  const { n, d } = s;
  const data = Float64Array.from(s.data);
  if (o.center) {
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += data[i * d + c];
    for (let c = 0; c < d; c++) mean[c] /= n;
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) data[i * d + c] -= mean[c];
  }
  if (o.normalize) {
    for (let i = 0; i < n; i++) {
      let ss = 0;
      for (let c = 0; c < d; c++) ss += data[i * d + c] ** 2;
      if (ss === 0) continue;
      const inv = 1 / Math.sqrt(ss);
      for (let c = 0; c < d; c++) data[i * d + c] *= inv;
    }
  }
  return { data, n, d };
}

function checkSize(fn: string, s: Samples): void {
  const k = gramOrder(s.n, s.d);
  checkMemory(fn, 't', {
    bytes: 8 * k * k,
    largestArray: k * k,
    what: 'the min(n, d) x min(n, d) Gram matrix',
    received: `${s.n} samples of ${s.d} columns`,
    wayOut: 'use maxSamples (a subset of the rows)',
  });
}

/** R of the rows `rows` of T (all rows when undefined), in nats: 1/2 ln det(I + d / (m eps^2) T_rows'T_rows). */
function rateNats(s: Samples, eps: number, rows?: ArrayLike<number>): number {
  const m = rows ? rows.length : s.n;
  return 0.5 * logDetIdentityPlusGram(s.data, s.n, s.d, s.d / (m * eps * eps), rows);
}

function baseParams(o: Resolved, s: Samples): UsedParams {
  return { eps: o.eps, epsSquared: o.eps * o.eps, center: o.center, normalize: o.normalize, n: s.n, d: s.d };
}

interface Reduction {
  rNats: number;
  /** sum_c (n_c / n) R_c, nats. */
  conditionalNats: number;
  classRatesNats: number[];
}

function reduction(s: Samples, labels: Labels, eps: number): Reduction {
  const { n, d } = s;
  const C = labels.classes.length;
  const counts = labels.counts;
  let classRatesNats: number[];
  let rNats: number;
  if (n > d && counts.every((m) => m > d)) {
    // Every class has more rows than columns: each R_c factors the d x d scatter matrix of its rows, and their
    // sum is that of all rows, so T'T comes from the class matrices (one pass over the rows, not two; the sum
    // is exact up to rounding in another order, relative 1e-16). The class matrices come from one call (one
    // copy of T into WebAssembly memory, the rows grouped there).
    const gs = Array.from({ length: C }, () => new Float64Array(d * d));
    scatterLowerGroups(s.data, n, d, labels.ids, counts, gs);
    const total = new Float64Array(d * d);
    classRatesNats = gs.map((g, c) => {
      for (let i = 0; i < d * d; i++) total[i] += g[i];
      return 0.5 * logDetIdentityPlusScaled(g, d, d / (counts[c] * eps * eps));
    });
    rNats = 0.5 * logDetIdentityPlusScaled(total, d, d / (n * eps * eps));
  } else {
    const rows: Int32Array[] = Array.from({ length: C }, (_, c) => new Int32Array(counts[c]));
    const fill = new Int32Array(C);
    for (let i = 0; i < n; i++) {
      const c = labels.ids[i];
      rows[c][fill[c]++] = i;
    }
    classRatesNats = rows.map((r) => rateNats(s, eps, r));
    rNats = rateNats(s, eps);
  }
  let conditionalNats = 0;
  for (let c = 0; c < C; c++) conditionalNats += (counts[c] / n) * classRatesNats[c];
  return { rNats, conditionalNats, classRatesNats };
}

/**
 * The coding rate R(T, eps) = 1/2 ln det(I_d + d / (n eps^2) T'T) of the rows of `t`, the number of nats
 * (bits by default) needed to code them up to distortion eps with a Gaussian codebook (MCR2's R).
 *
 * Cost: O(n d min(n, d)) for the Gram matrix (n x n or d x d, the smaller; det(I + a T'T) = det(I + a TT'))
 * plus O(min(n, d)^3 / 3) for its Cholesky factor; 8 min(n, d)^2 bytes, checked against the memory budget.
 * `params`: eps, epsSquared, center, normalize, n, d.
 *
 * Reference: Yu, Chan, You, Song & Ma 2020 (MCR2), eq. (2) with Z = T'.
 *
 * @param t - activations, one row per sample.
 * @example
 * // T'T = 2 I (two orthogonal rows of squared length 2), d = n = 2, eps = 1: R = ln(1 + 2) nats = log2 3 bits
 * codingRate([[Math.SQRT2, 0], [0, Math.SQRT2]], {eps: 1}).value; // => 1.584962500721156
 */
export function codingRate(t: SamplesLike, options: CodingRateOptions = {}): Estimate {
  return subsampledEntropy(CODING_RATE_SPEC, 'codingRate', codingRateAllRows, t, options, 't');
}

/** `codingRate` on every row it is given (the rows `maxSamples` drew, or all). */
function codingRateAllRows(t: SamplesLike, options: CodingRateOptions = {}): Estimate {
  const fn = 'codingRate';
  const o = resolveOptions(CODING_RATE_SPEC, fn, options, 'entropy');
  const s = prepare(toSamples(t, { fn, param: 't', minSamples: 2 }), o);
  checkSize(fn, s);
  const value = fromNats(rateNats(s, o.eps), o.units);
  return diagnose({ value, units: o.units, params: baseParams(o, s), warnings: [] }, { n: s.n });
}

/**
 * The rate reduction ΔR(T; Y) = R(T) - sum_c (n_c / n) R(T_c) between the rows of `t` and class labels (MCR2's
 * ΔR with the class-membership matrices of the labels): large when the classes span different subspaces and
 * each class is compact; 0 when every class is the whole of T.
 *
 * Cost: one coding rate of T and one of each class (see `codingRate`). `params` add `codingRate` (R(T)),
 * `classRates` (R_c, ascending label order) and `classes`, all rates in `units`.
 *
 * Reference: Yu, Chan, You, Song & Ma 2020 (MCR2), eqs. (3)-(4).
 *
 * @param t - activations, one row per sample.
 * @param labels - integer class labels (flat array, one-hot matrix or `Labels`).
 * @example
 * // two classes on orthogonal axes, eps = 1: T'T = 2 I, R = ln 2 nats; R_0 = R_1 = 1/2 ln 3; ΔR = ln 2 - 1/2 ln 3
 * rateReduction([[1, 0], [1, 0], [0, 1], [0, 1]], [0, 0, 1, 1], {eps: 1, units: 'nats'}).value; // => 0.1438410362258905
 */
export function rateReduction(t: SamplesLike, labels: SamplesLike | Labels, options: CodingRateOptions = {}): Estimate {
  return subsampledMi(CODING_RATE_SPEC, 'rateReduction', rateReductionAllRows, t, labels, options, 'labels', ['t', 'labels']);
}

/** `rateReduction` on every row it is given (the rows `maxSamples` drew, or all). */
function rateReductionAllRows(t: SamplesLike, labels: SamplesLike | Labels, options: CodingRateOptions = {}): Estimate {
  const fn = 'rateReduction';
  const o = resolveOptions(CODING_RATE_SPEC, fn, options, 'mi');
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const y = isLabels(labels) ? labels : toLabels(labels, { fn, param: 'labels' });
  checkSameCount(fn, [['t', ts.n], ['labels', y.n]]);
  const s = prepare(ts, o);
  checkSize(fn, s);
  const r = reduction(s, y, o.eps);
  const u = (nats: number) => fromNats(nats, o.units);
  const params: UsedParams = { ...baseParams(o, s), codingRate: u(r.rNats), classRates: r.classRatesNats.map(u), classes: y.classes.length };
  return diagnose({ value: u(r.rNats - r.conditionalNats), units: o.units, params, warnings: [] }, { n: s.n });
}

/**
 * The MCR2 pair of one layer T, in place of an information-plane point: `ixt` = `hT` = R(T) (the coding rate, the
 * analogue of H(T) = I(X;T) for a deterministic network) and `ity` = ΔR(T; Y) = R(T) - `hTgivenY` (the rate
 * reduction, the analogue of I(T;Y) = H(T) - H(T|Y)), with `hTgivenY` = sum_c (n_c / n) R(T_c). These are coding
 * rates, not mutual informations: the registered estimator declares their names, and figures title their axes
 * "coding rate R(T)" and "rate reduction ΔR(T;Y)". `x` only fixes the number of samples (R needs no X).
 *
 * Cost: see `rateReduction`. `params` as `rateReduction`.
 *
 * @param x - the network input, one row per sample (unused beyond its row count).
 * @param t - the layer's activations, one row per sample.
 * @param labels - integer class labels (flat array, one-hot matrix or `Labels`).
 * @example
 * codingRatePoint([[0], [1], [2], [3]], [[1, 0], [1, 0], [0, 1], [0, 1]], [0, 0, 1, 1], {eps: 1, units: 'nats'});
 * // => {ixt: 0.6931 (ln 2), ity: 0.1438, hT: 0.6931, hTgivenY: 0.5493 (1/2 ln 3), units: 'nats', params: {...}, warnings: []}
 */
export function codingRatePoint(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CodingRateOptions = {}): PlanePoint {
  return subsampledPoint(CODING_RATE_SPEC, 'codingRatePoint', codingRatePointAllRows, x, t, labels, options);
}

/** `codingRatePoint` on every row it is given (the rows `maxSamples` drew, or all). */
function codingRatePointAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CodingRateOptions = {}): PlanePoint {
  const fn = 'codingRatePoint';
  const o = resolveOptions(CODING_RATE_SPEC, fn, options, 'point');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const y = isLabels(labels) ? labels : toLabels(labels, { fn, param: 'labels' });
  checkSameCount(fn, [['x', xs.n], ['t', ts.n], ['labels', y.n]]);
  const s = prepare(ts, o);
  checkSize(fn, s);
  const r = reduction(s, y, o.eps);
  const u = (nats: number) => fromNats(nats, o.units);
  const params: UsedParams = { ...baseParams(o, s), codingRate: u(r.rNats), classRates: r.classRatesNats.map(u), classes: y.classes.length };
  const point: PlanePoint = {
    ixt: u(r.rNats),
    ity: u(r.rNats - r.conditionalNats),
    hT: u(r.rNats),
    hTgivenY: u(r.conditionalNats),
    units: o.units,
    params,
    warnings: [],
  };
  // no saturation checks: R(T) is not bounded by H(X), nor ΔR by H(Y)
  return diagnose(point, { n: xs.n });
}
