/**
 * Diffusion spectral entropy (DSE) and diffusion spectral mutual information (DSMI) of Liao, Liu et al. (2023),
 * "Assessing neural network representations during training using noise-resilient diffusion spectral entropy":
 * the public functions, validated through the family's specs (`specs/dse.ts`). The kernel (spectra, bounds,
 * subsets, threads) is `core/spectral/diffusionEntropy.ts`. Definitions: ESTIMATORS.md section 5.
 */
import { equalWidthClasses } from '../core/binning/equalWidth';
import { describeValue, fail } from '../core/errors';
import { Labels, toLabels } from '../core/labels';
import { isSamples, Samples, SamplesLike, toSamples } from '../core/samples';
import { checkDenseMatrixFits, DseBits, dseKernel, DseSettings, DsmiBits, dsmiKernel, KNN_KERNEL_METHODS } from '../core/spectral/diffusionEntropy';
import { firstPrincipalScores } from '../core/spectral/principalScores';
import { fromNats, LN2, Units } from '../core/units';
import { checkSameCount } from '../core/validate';
import { DSE_DEFAULT_T, DSE_KERNELS, DSE_METHODS, DSE_SPEC, DSMI_SPEC } from './specs/dse';
import { OptionsOf, resolveOptions, ResolvedOf, specDefaults } from './specs/spec';
import { diagnose } from './diagnostics';
import { ClassTerms, Estimate, PlanePoint, UsedParams } from './types';

export { checkDenseMatrixFits };

/**
 * How the spectrum is obtained.
 * - 'full': every eigenvalue (Householder + QL), exact, O(n^3).
 * - 'lanczos': the largest eigenvalues by Lanczos with full reorthogonalisation; the unseen tail is bounded from
 *   both sides by its mass (known for t = 1 from trace(K) and for t = 2 from |K|_F^2) and the smallest eigenvalue
 *   found (Ritz values count once their residual is below 1e-10; the bound assumes no larger eigenvalue was
 *   missed, which restarts after breakdowns make unlikely even for repeated eigenvalues). Other t: 'full'.
 * - 'cholesky': a truncated pivoted Cholesky factorisation K ~ Z Z' with the exact residual trace; the bound is
 *   rigorous (Weyl: every eigenvalue of K is at least the matching one of Z Z'), needs t = 1 (other t: 'full')
 *   and never stores an n x n matrix.
 * - 'auto': 'full' up to n = 1000; above, 'cholesky' for t = 1, 'lanczos' for t = 2, 'full' otherwise.
 * The approximate methods stop when the bound is narrower than `tolerance` and fall back to 'full' when the
 * spectrum is too flat for them to pay.
 * - 'slq' (opt-in, never chosen by 'auto'): stochastic Lanczos quadrature, a randomised ESTIMATE with no bound:
 *   `probes` seeded Rademacher probes, `steps` Lanczos steps each (Gauss quadrature of f(|lambda|^t / S)); the
 *   normaliser S is exact for t = 1 (trace K) and t = 2 (|K|_F^2) and estimated by the same quadrature otherwise.
 *   It reports its own `standardError` (the spread of the per-probe estimates), which covers its error on
 *   spread spectra (small sigma, DSE near log2 n: typically < 0.3% off, where the bounded methods fall back to
 *   the O(n^3) solver; about 3.5x faster than 'full' at n = 4096). Caveat: when one eigenvalue dominates (the
 *   default sigma = 10 on activations) it is several % off (measured 2-11% at n = 500 and 5-9% at n = 4096; the
 *   standard error is then as large, the errors stayed within 1.5 of it): there use 'auto', exact and cheap.
 */
export type DseMethod = (typeof DSE_METHODS)[number];

/**
 * The kernel of the diffusion operator.
 * - 'gaussian' (the reference, default): G_ij = exp(-|t_i - t_j|^2 / (2 sigma^2)) with one bandwidth `sigma` in the
 *   units of the data; DSE then depends on the scale of the activations (a layer whose activations grow looks
 *   like one blob at a fixed sigma). Default t = 1.
 * - 'knn' (scale-free): sigma_i = Euclidean distance from t_i to its k-th nearest other row (`k`, default 15);
 *   K_ij = exp(-|t_i - t_j|^2 / (sigma_i sigma_j)) (the self-tuning kernel of Zelnik-Manor & Perona 2004: symmetric,
 *   and unchanged when every row is multiplied by c > 0, so DSE(cT) = DSE(T)); then the density normalisation of
 *   Coifman & Lafon 2006, K~ = D^-alpha K D^-alpha with D = row sums of K (`alpha`, default 1: the operator no
 *   longer follows the sampling density); then the row-stochastic P = D'^-1 K~ (D' = row sums of K~), whose
 *   eigenvalues are those of the symmetric D'^-1/2 K~ D'^-1/2 (real, in [-1, 1]). Default t = 3, the practice of
 *   DSE users with this kernel. Duplicates: a row with at least k exact copies has sigma_i = 0; the kernel takes
 *   its limit there (1 between identical rows, 0 to any other), so copies form one atom and nothing is NaN. With
 *   fewer than k + 1 rows (small DSMI classes), k = n - 1 is used (a DSE reports it as `kUsed`).
 *   Methods: 'full' ('auto' always picks it) and 'slq'. 'lanczos' and 'cholesky' are refused: their bounds need a
 *   positive semidefinite kernel (trace = sum |lambda|, K ~ Z Z'), and the self-tuning kernel is not one in
 *   general (its operator can have negative eigenvalues; DSE takes |lambda|^t as always). Cost: O(n^2 d) for the
 *   neighbours and the kernel, O(n^3) for the eigenvalues (about 0.15 s at n = 1000, minutes at n = 10000).
 * `t` left unset follows the kernel (1 or 3); `sigma` is unused by 'knn', `k` and `alpha` by 'gaussian' (all are
 * reported, as `probes` and `steps` are outside 'slq').
 */
export type DseKernel = (typeof DSE_KERNELS)[number];

/**
 * Options of `diffusionSpectralEntropy`, declared in `specs/dse.ts` (defaults in `DSE_DEFAULTS`, those of the
 * reference code plus the kernel choice, the method and its tolerance):
 * - `kernel`: 'gaussian' (the reference) or 'knn' (scale-free), see `DseKernel` ('gaussian');
 * - `sigma`: bandwidth of the Gaussian kernel exp(-|t_i - t_j|^2 / (2 sigma^2)), in the units of the data (10);
 * - `k`: kernel 'knn', sigma_i = distance to the k-th nearest other row (15);
 * - `alpha`: kernel 'knn', density normalisation exponent, 0 = none (1);
 * - `t`: diffusion power, eigenvalues enter as |lambda|^t (1 with 'gaussian', 3 with 'knn');
 * - `maxSamples`: above this many rows, a seeded random subset of this many rows is used, with a warning (10000);
 * - `seed`: seed of the `maxSamples` subset, of the Lanczos starting vector and of the 'slq' probes (0);
 * - `method`: how the spectrum is obtained, see `DseMethod` ('auto');
 * - `tolerance`: largest width, in bits, of the bound the approximate methods stop at; they report its
 *   midpoint (1e-6);
 * - `probes`: method 'slq' only, Rademacher probes (the standard error falls as 1 / sqrt(probes)) (30);
 * - `steps`: method 'slq' only, Lanczos steps (Gauss quadrature nodes) per probe, at most n (30);
 * - `units`: of the result; DSE is natively in bits (nats = bits x ln 2) ('bits').
 */
export type DiffusionSpectralEntropyOptions = OptionsOf<typeof DSE_SPEC.params>;

/** The DSE options after validation and defaults. */
type DseResolved = ResolvedOf<typeof DSE_SPEC.params>;

/** The defaults of `diffusionSpectralEntropy` (from the spec; `t` that of the default kernel, 'gaussian'). */
export const DSE_DEFAULTS = { ...specDefaults(DSE_SPEC), t: DSE_DEFAULT_T.gaussian } as DseResolved & { t: number };

/**
 * The settings the kernel takes (`t` is the diffusion `power` there, the kernel's default when unset). A bounded
 * method asked for with the 'knn' kernel is refused here: its bound would not hold (see `DseKernel`).
 */
function dseSettings(fn: string, o: DseResolved): DseSettings {
  const { kernel, sigma, k, alpha, maxSamples, seed, method, tolerance, probes, steps } = o;
  if (kernel === 'knn' && !KNN_KERNEL_METHODS.includes(method)) {
    fail('invalid_option', {
      fn,
      param: 'method',
      expected: `one of ${KNN_KERNEL_METHODS.map((m) => `"${m}"`).join(', ')} with kernel "knn" (the ${method} bound needs a positive semidefinite kernel)`,
      received: describeValue(method),
    });
  }
  return { kernel, sigma, k, alpha, power: o.t ?? DSE_DEFAULT_T[kernel], maxSamples, seed, method, tolerance, probes, steps };
}

/** The `params` of a DSE result: the settings, the method used and what it needed, the bracket in `units`. */
function dseParams(settings: DseSettings, r: DseBits, units: Units): UsedParams {
  const params: UsedParams = {
    kernel: settings.kernel,
    sigma: settings.sigma,
    k: settings.k,
    alpha: settings.alpha,
    t: settings.power,
    maxSamples: settings.maxSamples,
    seed: settings.seed,
    method: r.method,
    methodRequested: settings.method,
    tolerance: settings.tolerance,
    samplesUsed: r.samplesUsed,
    eigenvaluesUsed: r.eigenvaluesUsed,
    bracket: [fromNats(r.bracket.lo * LN2, units), fromNats(r.bracket.hi * LN2, units)],
    probes: settings.probes,
    steps: settings.steps,
  };
  if (r.method === 'slq') params.standardError = fromNats((r.standardError ?? 0) * LN2, units);
  if (r.fallback) params.fallback = r.fallback;
  if (r.kUsed !== undefined) params.kUsed = r.kUsed;
  return params;
}

/**
 * Diffusion spectral entropy of the rows of `t`: the entropy of the normalised spectrum of the diffusion
 * operator of a Gaussian kernel (default) or of the scale-free kNN kernel (`kernel: 'knn'`, see `DseKernel`:
 * adaptive bandwidths, alpha-normalised, t = 3 unless given; methods 'full' and 'slq').
 *
 * G_ij = exp(-|t_i - t_j|^2 / (2 sigma^2)); K = D^-1/2 G D^-1/2 with D = diag(row sums of G) (it has the
 * eigenvalues of the random-walk matrix D^-1 G, all in [0, 1]); mu = |eig(K)|^t; p = mu / sum(mu) + eps
 * (eps = 2^-52 added to every one of the n values after normalising); DSE = -sum p log2 p.
 * Natively in bits; near 0 for data that look like one blob at scale sigma, log2(c) for c far-apart clusters.
 *
 * Cost: O(n^2 d) for the kernel, then O(n^3) for 'full' (about 0.15 s at n = 1000), O(n r^2) for 'cholesky'
 * with r columns (about 0.5 s at n = 4096, d = 12, sigma = 10 on tanh activations: r ~ 660), O(n^2 k) for
 * 'lanczos' with k steps, O(n^2 probes steps) for 'slq'; 4 n^2 bytes for 'full' (K is written straight into the
 * solver's packed triangle), 8 n^2 for 'lanczos' and 'slq', 8 n r for 'cholesky' (4 n^2 when it falls back). The result's `params` report the method used, the number of eigenvalues (or Cholesky columns, or
 * for 'slq' quadrature nodes per probe) it needed and the `bracket` [lo, hi] that holds the exact value
 * (lo = hi for 'full'), with every option used (`probes` and `steps` included, though only 'slq' uses them).
 * Method 'slq' is an estimate, not a bound: its `params` add `standardError`, and its `bracket` is value -/+ 3
 * standard errors (see `DseMethod` for its caveat).
 *
 * Reference: Liao, Liu et al. 2023 (ChenLiu-1996/DiffusionSpectralEntropy, `diffusion_spectral_entropy`); the
 * kNN kernel: Zelnik-Manor & Perona 2004 (self-tuning bandwidths), Coifman & Lafon 2006 (alpha-normalisation).
 *
 * @param t - activations, one row per sample.
 * @throws InfoplaneError for invalid data or options, 'lanczos' or 'cholesky' with kernel 'knn', or an n x n
 * matrix beyond the memory budget.
 * @example
 * diffusionSpectralEntropy([[0, 0], [1000, 0], [0, 1000]]).value; // => 1.5849625007211563 (log2 3, bits)
 * // the kNN kernel is scale-free: three equidistant points give the same value at any scale (t = 3 by default)
 * diffusionSpectralEntropy([[1, 0, 0], [0, 1, 0], [0, 0, 1]], { kernel: 'knn' }).value; // => 0.5181415715654201
 * diffusionSpectralEntropy([[1000, 0, 0], [0, 1000, 0], [0, 0, 1000]], { kernel: 'knn' }).value; // => 0.5181415715654206
 */
export function diffusionSpectralEntropy(t: SamplesLike, options: DiffusionSpectralEntropyOptions = {}): Estimate {
  const fn = 'diffusionSpectralEntropy';
  const o = resolveOptions(DSE_SPEC, fn, options, 'entropy');
  return dse(fn, toSamples(t, { fn, param: 't', minSamples: 2 }), o);
}

/** DSE of validated samples with validated options, as a result in `o.units`. */
function dse(fn: string, s: Samples, o: DseResolved): Estimate {
  const settings = dseSettings(fn, o);
  const r = dseKernel(fn, s, settings);
  return diagnose({ value: fromNats(r.bits * LN2, o.units), units: o.units, params: dseParams(settings, r, o.units), warnings: [] }, { n: s.n });
}

// ---------------------------------------------------------------------------------------------------------------
// DSMI

/** 'reference': sum_b p(b) (mean DSE of random subsets of size n_b - DSE(T | b)); 'conditional': DSE(T) - sum_b p(b) DSE(T | b). */
export type DsmiVariant = 'reference' | 'conditional';

/**
 * Options of `diffusionSpectralMutualInformation` and `dsmiPoint`, declared in `specs/dse.ts` (defaults in
 * `DSMI_DEFAULTS`): those of `diffusionSpectralEntropy` (see {@link DiffusionSpectralEntropyOptions}), and
 * - `repetitions`: random subsets of each class's size drawn (from all rows) to estimate the unconditional
 *   DSE (5);
 * - `subsets`: explicit subsets, `subsets[c][r]` lists the 0-based rows repetition r uses for the c-th class
 *   (ascending label order), as the reference cases store them (`subsample_indices`); replaces the seeded draw
 *   (default: the seeded draw, the generator re-seeded with `seed` for every class, as the reference code does,
 *   so classes of equal size share their subsets);
 * - `variant`: which definition, see `DsmiVariant` ('reference');
 * - `clusters`: continuous targets (a one-column `Samples`) are min-max scaled and cut into this many
 *   equal-width bins; `dsmiPoint` also bins X into at most this many clusters (10);
 * - `threads`: threads (the calling one included) that compute the independent DSEs (per class, per
 *   repetition) in parallel; the result is identical for any number; 1 = no worker threads. Worker threads need
 *   the compiled package (`dist`); run from the TypeScript sources everything stays on the calling thread (2).
 */
export type DiffusionSpectralMutualInformationOptions = OptionsOf<typeof DSMI_SPEC.params>;

/** The DSMI options after validation and defaults. */
type DsmiResolved = ResolvedOf<typeof DSMI_SPEC.params>;

/** The defaults of `diffusionSpectralMutualInformation` (from the spec). */
export const DSMI_DEFAULTS = specDefaults(DSMI_SPEC) as Omit<DsmiResolved, 'subsets'>;

/**
 * Diffusion spectral mutual information between the rows of `t` and class labels (or a continuous target).
 *
 * For each class b with n_b of the n rows: h_b = DSE(T[Y = b]) and h*_b = the mean of DSE over `repetitions`
 * random subsets of n_b rows drawn from ALL rows; DSMI = sum_b (n_b / n)(h*_b - h_b) (variant 'reference', the
 * authors' definition). Variant 'conditional': DSE(T) - sum_b (n_b / n) DSE(T[Y = b]), deterministic.
 * A continuous target (a one-column `Samples`) is min-max scaled and cut into `clusters` equal-width bins.
 * Natively in bits. Cost: about (1 + repetitions) DSE evaluations of each class's size, independent, run on
 * `threads` threads (worker threads, each DSE whole on one thread: the result does not depend on `threads`).
 * `params` report every option used (`probes`, `steps` and `clusters` included, also where they are unused), the
 * DSEs behind the value and, with method 'slq', `standardError`: the DSEs' standard errors combined (as independent).
 *
 * Reference: Liao, Liu et al. 2023 (ChenLiu-1996/DiffusionSpectralEntropy, `diffusion_spectral_mutual_information`).
 *
 * @param t - activations, one row per sample.
 * @param labels - integer class labels (flat array, one-hot matrix or `Labels`), or a `Samples` for a continuous target.
 * @example
 * // two far-apart clusters, labelled by cluster: 1 bit
 * diffusionSpectralMutualInformation([[0], [0], [0], [1000], [1000], [1000]], [0, 0, 0, 1, 1, 1]).value; // => 0.9999999999999887
 */
export function diffusionSpectralMutualInformation(
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: DiffusionSpectralMutualInformationOptions = {},
): Estimate {
  const fn = 'diffusionSpectralMutualInformation';
  const o = resolveOptions(DSMI_SPEC, fn, options, 'mi');
  return dsmi(fn, toSamples(t, { fn, param: 't', minSamples: 2 }), labels, o).estimate;
}

/**
 * DSMI of validated samples and (unvalidated) labels or continuous target, with validated options; with the
 * per-class terms behind it (see `dsmiClassTerms`).
 */
function dsmi(fn: string, s: Samples, labels: SamplesLike | Labels, o: DsmiResolved): { estimate: Estimate; perClass: ClassTerms[] } {
  const { units, repetitions, variant, clusters, threads, subsets } = o;
  const settings = dseSettings(fn, o);
  let y: Labels;
  if (isSamples(labels)) {
    const target = toSamples(labels, { fn, param: 'labels' });
    checkSameCount(fn, [['t', s.n], ['labels', target.n]]);
    y = equalWidthClusters(target, clusters);
  } else {
    y = toLabels(labels, { fn, param: 'labels' });
    checkSameCount(fn, [['t', s.n], ['labels', y.n]]);
  }
  const given = subsets === undefined ? null : checkSubsets(fn, subsets, y, s.n);
  const r = dsmiKernel(fn, s, y, settings, variant, repetitions, given, threads);
  const params: UsedParams = {
    kernel: settings.kernel,
    sigma: settings.sigma,
    k: settings.k,
    alpha: settings.alpha,
    t: settings.power,
    maxSamples: settings.maxSamples,
    seed: settings.seed,
    method: settings.method,
    tolerance: settings.tolerance,
    repetitions: given ? given.map((g) => g.length) : repetitions,
    variant,
    subsets: given ? 'given' : 'seeded',
    classes: y.classes.length,
    classDse: r.classDse.map((b) => fromNats(b * LN2, units)),
    randomDse: r.randomDse.map((b) => fromNats(b * LN2, units)),
    eigenvaluesUsed: r.eigenvaluesUsed,
    threads,
    probes: settings.probes,
    steps: settings.steps,
  };
  if (settings.method === 'slq' && r.standardError !== undefined) params.standardError = fromNats(r.standardError * LN2, units);
  params.clusters = clusters;
  if (r.hT !== undefined) params.hT = fromNats(r.hT * LN2, units);
  const estimate = diagnose({ value: fromNats(r.bits * LN2, units), units, params, warnings: [] }, { n: s.n });
  return { estimate, perClass: dsmiClassTerms(r, y, units) };
}

/**
 * The per-class terms of a DSMI, from the DSEs the kernel already computed: hTgivenY = DSE(T[Y = c]) and the class's
 * term of the value, p_c (h*_c - DSE(T[Y = c])) for variant 'reference' (h*_c, the mean DSE of the random subsets of
 * n_c rows, is `hTrandom`) or p_c (DSE(T) - DSE(T[Y = c])) for 'conditional': the same products the kernel sums, so
 * the terms add up to the value. A class of one row has DSE 0 (no spectrum to speak of), as in the value.
 */
function dsmiClassTerms(r: DsmiBits, y: Labels, units: Units): ClassTerms[] {
  const out: ClassTerms[] = [];
  const u = (bits: number) => fromNats(bits * LN2, units);
  y.classes.forEach((label, c) => {
    const nb = y.counts[c];
    if (nb === 0) return;
    const weight = nb / y.n;
    const h = r.classDse[c];
    if (r.hT !== undefined) {
      out.push({ label, n: nb, weight, hTgivenY: u(h), ityTerm: u(weight * (r.hT - h)) });
    } else {
      const mean = r.randomDse[c];
      out.push({ label, n: nb, weight, hTgivenY: u(h), ityTerm: u(weight * (mean - h)), hTrandom: u(mean) });
    }
  });
  return out;
}

/**
 * The DSMI information plane of one layer T: I(T;Y) = DSMI(T; labels), I(X;T) = DSMI(T; clusters of X) with the
 * clusters of `inputClusters` (the distinct rows of X if there are at most `clusters` of them, else `clusters`
 * equal-width bins of its first principal direction), and H(T) = DSE(T). `perClass` lists, per class of the
 * labels, DSE(T[Y = c]) as `hTgivenY` and the class's term of I(T;Y) (the terms sum to `ity`); with variant
 * 'reference' each class is compared with `hTrandom`, the mean DSE of random subsets of its size, not with H(T).
 * `params` are those of the I(T;Y) estimate plus `xClusters` (the number of clusters of X), `ixtParams` and
 * `hTParams` (the params of the I(X;T) and H(T) estimates).
 *
 * Unit: `units` (natively bits). Cost: two DSMIs and one DSE of T (see `diffusionSpectralMutualInformation`),
 * plus O(n d) to cluster X (O(n d^2) when X has more than `clusters` distinct rows). Reference: Liao, Liu et al.
 * 2023 (ChenLiu-1996/DiffusionSpectralEntropy).
 *
 * @param x - the network input, one row per sample.
 * @param t - the layer's activations, one row per sample.
 * @param labels - integer class labels (flat array, one-hot matrix or `Labels`), or a `Samples` for a continuous target.
 * @throws InfoplaneError for invalid data, fewer than 2 samples, mismatched counts, invalid labels or options.
 * @example
 * // two far-apart clusters of T, labelled by cluster, with two distinct inputs
 * dsmiPoint([[0], [0], [0], [1], [1], [1]], [[0], [0], [0], [1000], [1000], [1000]], [0, 0, 0, 1, 1, 1]);
 * // => {ixt: 0.9999999999999887, ity: 0.9999999999999887, hT: 1.0000000000000488, units: 'bits', params: {...}, warnings: []}
 */
export function dsmiPoint(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: DiffusionSpectralMutualInformationOptions = {}): PlanePoint {
  const fn = 'dsmiPoint';
  const o = resolveOptions(DSMI_SPEC, fn, options, 'point');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  checkSameCount(fn, [['x', xs.n], ['t', ts.n]]);
  const { estimate: ity, perClass } = dsmi(fn, ts, labels, o);
  const xLabels = inputClusters(xs, o.clusters);
  const ixt = dsmi(fn, ts, xLabels, o).estimate;
  const hT = dse(fn, ts, o);
  const point: PlanePoint = {
    ixt: ixt.value,
    ity: ity.value,
    hT: hT.value,
    perClass,
    units: o.units,
    params: { ...ity.params, xClusters: xLabels.classes.length, ixtParams: ixt.params, hTParams: hT.params },
    warnings: [...ity.warnings, ...ixt.warnings, ...hT.warnings],
  };
  // the nested ixtParams and hTParams are diagnosed too (a fallback of the H(T) estimate is a `flat-spectrum`)
  return diagnose(point, { n: xs.n });
}

/**
 * Cluster ids of the network input X for I(X;T) = DSMI(T; clusters of X): the distinct rows of X when there are
 * at most `clusters` of them, otherwise equal-width bins of the first principal direction of X (see
 * `equalWidthClusters`; with one column this is the continuous-target rule).
 */
export function inputClusters(x: Samples, clusters: number): Labels {
  const keys = new Map<string, number>();
  const raw = new Array<number>(x.n);
  for (let i = 0; i < x.n; i++) {
    const key = Array.from(x.data.subarray(i * x.d, (i + 1) * x.d)).join(',');
    let id = keys.get(key);
    if (id === undefined) {
      id = keys.size;
      keys.set(key, id);
      if (keys.size > clusters) return equalWidthClusters(x, clusters);
    }
    raw[i] = id;
  }
  return toLabels(raw);
}

/**
 * Cut a continuous variable into `clusters` equal-width bins after min-max scaling (a constant variable is one
 * cluster; `equalWidthClasses`). With several columns the rows are first projected on their first principal
 * direction (power iteration on the d x d covariance), so one column gives exactly the reference's rule.
 * Returns dense labels.
 */
export function equalWidthClusters(s: Samples, clusters: number): Labels {
  const values = s.d === 1 ? s.data : firstPrincipalScores(s);
  return toLabels({ data: Float64Array.from(equalWidthClasses(values.subarray(0, s.n), clusters)), n: s.n, d: 1 });
}

/** Validate `subsets` against the classes; return them as Int32Arrays. */
function checkSubsets(fn: string, subsets: unknown, labels: Labels, n: number): Int32Array[][] {
  const C = labels.classes.length;
  if (!Array.isArray(subsets) || subsets.length !== C) {
    fail('invalid_type', { fn, param: 'subsets', expected: `an array with one list of subsets per class (${C})`, received: describeValue(subsets) });
  }
  return subsets.map((perClass: unknown, c: number) => {
    if (!Array.isArray(perClass) || perClass.length === 0) {
      fail('invalid_type', { fn, param: 'subsets', expected: 'a non-empty list of index lists per class', received: describeValue(perClass), detail: `class ${c}` });
    }
    return perClass.map((list: unknown, r: number) => {
      if (!Array.isArray(list) && !ArrayBuffer.isView(list)) {
        fail('invalid_type', { fn, param: 'subsets', expected: 'lists of row indices', received: describeValue(list), detail: `class ${c}, repetition ${r}` });
      }
      const arr = list as ArrayLike<unknown>;
      if (arr.length < 1) {
        fail('too_few_samples', { fn, param: 'subsets', expected: 'at least 1 index per subset', received: '0', detail: `class ${c}, repetition ${r}` });
      }
      const out = new Int32Array(arr.length);
      for (let k = 0; k < arr.length; k++) {
        const v = arr[k];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
          fail('out_of_range', { fn, param: 'subsets', expected: `row indices, integers in [0, ${n - 1}]`, received: describeValue(v), detail: `class ${c}, repetition ${r}, position ${k}` });
        }
        out[k] = v;
      }
      return out;
    });
  });
}
