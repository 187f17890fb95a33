/**
 * k-nearest-neighbour estimators: KSG mutual information (Kraskov, Stoegbauer & Grassberger 2004, algorithm 1),
 * its mixed continuous/discrete variant for class labels (Ross 2014), and the Kozachenko-Leonenko entropy that
 * both build on. Definitions: ESTIMATORS.md section 8.
 */
import { digamma } from '../core/digamma';
import { fail } from '../core/errors';
import { countWithinRadius } from '../core/knn/countWithinRadius';
import { jointNeighborCounts } from '../core/knn/jointNeighborCounts';
import { kthNeighborDistances } from '../core/knn/kthNeighborDistances';
import { isLabels, Labels, toLabels } from '../core/labels';
import { planeInputs } from '../core/planeInputs';
import { Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkNumber, checkSameCount } from '../core/validate';
import { KSG_SPEC } from './specs/ksg';
import { OptionsOf, paramNames, ResolvedOf, resolveOptions, specDefaults } from './specs/spec';
import { subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { diagnose, DiagnosticFacts, labelIds, sampleIds } from './diagnostics';
import { Estimate, PlanePoint } from './types';

/**
 * Options of `ksg`, `ksgMixed`, `ksgPoint` and `ksgMutualInformation`, declared in `specs/ksg.ts`: `k` (number of
 * neighbours, an integer in [1, n - 1]; default 3), `standardize` (divide every column of each continuous
 * variable by its population standard deviation, ddof = 0, first, as scikit-learn does; a constant column is
 * left as it is; the max-norm is not scale invariant, so this changes the estimate; default false), `clipZero`
 * (return max(0, I) instead of I, scikit-learn's convention: the raw estimate can be slightly negative; default
 * false), `units` ('bits' or 'nats'; default 'bits') and `maxSamples` and `seed` (a seeded subset of the rows,
 * stratified by label; see subsampling.ts).
 */
export type KsgOptions = OptionsOf<typeof KSG_SPEC.params>;

/** The defaults of `ksg` and `ksgMixed` (from the spec). */
export const KSG_DEFAULTS = specDefaults(KSG_SPEC) as { k: number; standardize: boolean; clipZero: boolean; units: Units };

/**
 * Options of `kozachenkoLeonenko` (the `entropy` operation of the KSG spec): `k` (number of neighbours, an integer
 * in [1, n - 1]; default 3), `units` ('bits' or 'nats'; default 'bits') and `maxSamples` and `seed` (a seeded
 * subset of the rows; see subsampling.ts).
 */
export type KozachenkoLeonenkoOptions = Pick<KsgOptions, 'k' | 'maxSamples' | 'seed' | 'units'>;

/** The defaults of `kozachenkoLeonenko` (from the spec: the parameters of its `entropy` operation). */
export const KOZACHENKO_LEONENKO_DEFAULTS = Object.fromEntries(
  [...paramNames(KSG_SPEC, 'entropy'), 'units'].map((name) => [name, KSG_DEFAULTS[name as keyof typeof KSG_DEFAULTS]]),
) as { k: number; units: Units };

type Resolved = ResolvedOf<typeof KSG_SPEC.params>;

/** k must be an integer in [1, n - 1] (the spec checks the integer >= 1; the upper bound needs n). */
function checkK(fn: string, k: unknown, n: number): asserts k is number {
  checkNumber(fn, 'k', k, { integer: true, min: 1 });
  if ((k as number) > n - 1) {
    fail('out_of_range', { fn, param: 'k', expected: `an integer in [1, ${n - 1}] (n = ${n})`, received: String(k) });
  }
}

/**
 * Standard error of a mean of per-sample terms, sd / sqrt(n) (population sd). The terms of the kNN estimators
 * share neighbours, so they are not independent: this is the usual approximate error bar, not a bound.
 */
function meanStandardError(sum: number, sumSquares: number, n: number): number {
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSquares / n - mean * mean) / n);
}

/** The diagnostic facts of a KSG estimate of I(A;B) between continuous variables: ties in A (joint with B) and in B. */
function tieFacts(k: number, a: Samples, b: Samples, names: readonly [string, string]): DiagnosticFacts {
  return {
    ties: [
      { param: names[0], s: a, k, partner: { param: names[1], ids: sampleIds(b) } },
      { param: names[1], s: b }, // its ties are counted in the joint space of the first
    ],
  };
}

/** A copy of `s` with every column divided by its population standard deviation (constant columns unchanged). */
export function standardizeColumns(s: Samples): Samples {
  const { data, n, d } = s;
  const out = new Float64Array(data.length);
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + c];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const diff = data[i * d + c] - mean;
      ss += diff * diff;
    }
    const std = Math.sqrt(ss / n);
    const scale = std > 0 ? std : 1;
    for (let i = 0; i < n; i++) out[i * d + c] = data[i * d + c] / scale;
  }
  return { data: out, n, d };
}

/** I in `r.units`, clipped at 0 when `r.clipZero`. */
function valueOf(nats: number, r: Resolved): number {
  return fromNats(r.clipZero ? Math.max(0, nats) : nats, r.units);
}

function finish(nats: number, r: Resolved, extra: Record<string, unknown>, standardErrorNats?: number): Estimate {
  const params: Record<string, unknown> = { k: r.k, standardize: r.standardize, clipZero: r.clipZero, ...extra };
  if (standardErrorNats !== undefined) params.standardError = fromNats(standardErrorNats, r.units);
  return { value: valueOf(nats, r), units: r.units, params, warnings: [] };
}

/** The KSG estimate (algorithm 1) of I(X;Y) in nats, from validated samples of equal counts, with the standard error of its per-sample terms. */
function ksgNats(fn: string, xs: Samples, ys: Samples, r: Resolved, _names: readonly [string, string]): { nats: number; standardError: number } {
  checkK(fn, r.k, xs.n);
  if (r.standardize) {
    xs = standardizeColumns(xs);
    ys = standardizeColumns(ys);
  }
  const n = xs.n;
  // ties (repeats, eps = 0) are reported by the `ties` diagnostic of the public functions
  const { nx, ny } = jointNeighborCounts(xs, ys, r.k);
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const term = digamma(nx[i] + 1) + digamma(ny[i] + 1);
    sum += term;
    sumSquares += term * term;
  }
  return { nats: digamma(r.k) + digamma(n) - sum / n, standardError: meanStandardError(sum, sumSquares, n) };
}

/** The mixed KSG estimate (Ross 2014) of I(X;Y) in nats, its standard error and the number of samples kept, from validated inputs. */
function ksgMixedNats(fn: string, xs: Samples, ys: Labels, r: Resolved, names: readonly [string, string]): { nats: number; samplesUsed: number; standardError: number } {
  checkK(fn, r.k, xs.n);
  if (r.standardize) xs = standardizeColumns(xs);
  const { n } = xs;
  const { counts } = ys;
  // keep the samples whose label occurs at least twice
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (counts[ys.ids[i]] > 1) kept.push(i);
  const nKept = kept.length;
  if (nKept === 0) {
    fail('too_few_samples', {
      fn,
      param: names[1],
      expected: 'at least one class with 2 or more samples',
      received: `${ys.classes.length} classes of one sample each`,
    });
  }
  // dropped singletons and ties are reported by the `dropped-samples` and `ties` diagnostics of the public functions
  const keptX = nKept === n ? xs : selectRows(xs, kept);
  // squared radius r_i^2 to the k_i-th same-label neighbour, per kept sample
  const radius2 = new Float64Array(nKept);
  let sumK = 0;
  let sumLabel = 0;
  const membersOf: number[][] = ys.classes.map(() => []);
  for (let p = 0; p < nKept; p++) membersOf[ys.ids[kept[p]]].push(p);
  for (let c = 0; c < membersOf.length; c++) {
    const members = membersOf[c];
    const count = members.length;
    if (count < 2) continue;
    const kc = Math.min(r.k, count - 1);
    const dist = kthNeighborDistances(selectRows(keptX, members), kc, 'sqeuclidean');
    for (let q = 0; q < count; q++) radius2[members[q]] = dist[q];
    sumK += count * digamma(kc);
    sumLabel += count * digamma(count);
  }
  const m = countWithinRadius(keptX, radius2, 'sqeuclidean', true);
  let sumM = 0;
  // per-sample terms psi(k_i) - psi(n_y(i)) - psi(m_i), for the standard error
  let sumTerms = 0;
  let sumSquares = 0;
  const classOf = new Int32Array(nKept);
  for (let c = 0; c < membersOf.length; c++) for (const p of membersOf[c]) classOf[p] = c;
  for (let p = 0; p < nKept; p++) {
    sumM += digamma(m[p]);
    const count = membersOf[classOf[p]].length;
    const term = digamma(Math.min(r.k, count - 1)) - digamma(count) - digamma(m[p]);
    sumTerms += term;
    sumSquares += term * term;
  }
  return { nats: digamma(nKept) + (sumK - sumLabel - sumM) / nKept, samplesUsed: nKept, standardError: meanStandardError(sumTerms, sumSquares, nKept) };
}

/**
 * KSG estimate of the mutual information I(X;Y) between two continuous variables (Kraskov, Stoegbauer &
 * Grassberger 2004, algorithm 1).
 *
 * ## Method
 * Distances are max-norms in each marginal space, and the joint distance is the larger of the two. For each
 * sample i, eps_i is the joint distance to its k-th nearest other sample; n_x(i) counts the other samples
 * strictly closer than eps_i in x, n_y(i) likewise in y. Then
 * I = psi(k) + psi(n) - mean_i[psi(n_x(i) + 1) + psi(n_y(i) + 1)] (nats, converted once at the end).
 * Ties make the estimator ill-posed: exact repeats within x or y emit a warning (with their count), and so does a
 * zero eps_i (k or more exact copies of sample i in the joint space), for which the counts take the samples at
 * distance 0 (scikit-learn's convention, which keeps the value finite).
 *
 * Units: bits by default. Cost: in few dimensions (dx + dy <= 8 and n >= 2^(dx + dy + 8)) k-d trees and sorted
 * columns, O(n log n) time (about 0.2 s at n = 100000, dx = dy = 1); otherwise brute force, O(n^2 (dx + dy))
 * (WebAssembly SIMD, about 0.14 s at n = 4096, dx = 12, dy = 3). Both searches give identical numbers (the rule:
 * `useTree` in core/knn). O(n (dx + dy)) memory.
 * Reference: Kraskov, Stoegbauer & Grassberger, Estimating mutual information, Phys. Rev. E 69, 066138 (2004).
 * Options `standardize: true, clipZero: true` reproduce scikit-learn's `mutual_info_regression`; the defaults
 * reproduce NPEET's `mi` (without its jitter).
 *
 * @param x first variable, n rows of dx values
 * @param y second variable, n rows of dy values
 * @example
 * ksg(x, y, {k: 3, units: 'nats'}); // => {value: 0.378, units: 'nats', params: {k: 3, ...}} (x, y Gaussian, rho = 0.75)
 */
export function ksg(x: SamplesLike, y: SamplesLike, options: KsgOptions = {}): Estimate {
  return subsampledMi(KSG_SPEC, 'ksg', (xs, ys, o: KsgOptions) => ksgOf('ksg', xs, ys as SamplesLike, o), x, y, options, 'continuous', ['x', 'y']);
}

function ksgOf(fn: string, x: SamplesLike, y: SamplesLike, options: KsgOptions, names: readonly [string, string] = ['x', 'y']): Estimate {
  const r = resolveOptions(KSG_SPEC, fn, options, 'mi');
  const xs = toSamples(x, { fn, param: names[0], minSamples: 2 });
  const ys = toSamples(y, { fn, param: names[1], minSamples: 2 });
  checkSameCount(fn, [
    [names[0], xs.n],
    [names[1], ys.n],
  ]);
  const { nats, standardError } = ksgNats(fn, xs, ys, r, names);
  return diagnose(finish(nats, r, { metric: 'max-norm' }, standardError), { ...tieFacts(r.k, xs, ys, names), n: xs.n });
}

/**
 * Mixed KSG estimate of the mutual information I(X;Y) between a continuous variable X and integer class labels
 * Y (Ross 2014, the estimator of scikit-learn's `mutual_info_classif`).
 *
 * ## Method
 * Euclidean distances. Samples whose label occurs once are dropped (n' samples remain). For each kept sample i
 * of label y with n_y samples, k_i = min(k, n_y - 1), r_i is the distance to its k_i-th nearest neighbour
 * among the samples of its label, and m_i counts the kept samples of any label, i included, strictly closer
 * than r_i. Then I = psi(n') + mean psi(k_i) - mean psi(n_y(i)) - mean psi(m_i) (nats, converted at the end).
 * A zero r_i (k_i or more exact copies of sample i in its class) counts the samples at distance 0 instead and
 * emits a warning; exact repeats among the rows of x and dropped singleton samples also emit warnings.
 *
 * Units: bits by default. Cost: O(n^2 d) time, brute force, O(n d) memory.
 * Reference: B. C. Ross, Mutual information between discrete and continuous data sets, PLoS ONE 9, e87357 (2014).
 * Options `standardize: true, clipZero: true` reproduce scikit-learn's `mutual_info_classif`.
 *
 * @param x continuous variable, n rows of d values
 * @param labels integer class labels, n of them (or a one-hot matrix)
 * @example
 * ksgMixed(t, labels, {k: 3, units: 'nats'}); // => {value: 1.029, units: 'nats', ...} (3 disjoint classes)
 */
export function ksgMixed(x: SamplesLike, labels: SamplesLike | Labels, options: KsgOptions = {}): Estimate {
  return subsampledMi(KSG_SPEC, 'ksgMixed', (xs, ls, o: KsgOptions) => ksgMixedOf('ksgMixed', xs, ls, o), x, labels, options, 'labels', ['x', 'labels']);
}

function ksgMixedOf(fn: string, x: SamplesLike, labels: SamplesLike | Labels, options: KsgOptions, names: readonly [string, string] = ['x', 'labels']): Estimate {
  const r = resolveOptions(KSG_SPEC, fn, options, 'mi');
  const xs = toSamples(x, { fn, param: names[0], minSamples: 2 });
  const ys = toLabels(labels, { fn, param: names[1] });
  checkSameCount(fn, [
    [names[0], xs.n],
    [names[1], ys.n],
  ]);
  const { nats, samplesUsed, standardError } = ksgMixedNats(fn, xs, ys, r, names);
  return diagnose(finish(nats, r, { metric: 'euclidean', samplesUsed }, standardError), {
    n: xs.n,
    labels: ys,
    ties: [{ param: names[0], s: xs, k: r.k, partner: { param: names[1], ids: labelIds(ys) } }],
    droppedFrom: { param: names[1], labels: ys },
  });
}

/**
 * Kozachenko-Leonenko k-nearest-neighbour estimate of the differential entropy H(X), with max-norm distances
 * (the entropy estimator KSG is built from; NPEET's `entropy`):
 * H = psi(n) - psi(k) + d ln 2 + (d / n) sum_i ln eps_i, where eps_i is the max-norm distance from sample i to
 * its k-th nearest other sample (2 eps_i is the side of the cube holding its k neighbours).
 * Exact duplicates (eps_i = 0) make it -Infinity; a warning is emitted then.
 *
 * Units: bits by default (a differential entropy: it can be negative). Cost: O(n log n) time by a k-d tree when
 * d <= 8 and n >= 2^(d + 7), else O(n^2 d) brute force (identical numbers); O(n d) memory.
 * Reference: L. F. Kozachenko & N. N. Leonenko, Probl. Inf. Transm. 23, 95-101 (1987); Kraskov et al. (2004), eq. 20.
 *
 * @param x n rows of d values
 * @example
 * kozachenkoLeonenko(uniformSquare, {units: 'nats'}); // => {value: ~0 (nats), ...} (uniform on [0, 1]^2)
 */
export function kozachenkoLeonenko(x: SamplesLike, options: KozachenkoLeonenkoOptions = {}): Estimate {
  return subsampledEntropy(KSG_SPEC, 'kozachenkoLeonenko', kozachenkoLeonenkoAllRows, x, options, 'x');
}

/** `kozachenkoLeonenko` on every row it is given (the rows `maxSamples` drew, or all). */
function kozachenkoLeonenkoAllRows(x: SamplesLike, options: KozachenkoLeonenkoOptions = {}): Estimate {
  const fn = 'kozachenkoLeonenko';
  const { k, units } = resolveOptions(KSG_SPEC, fn, options, 'entropy');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  checkK(fn, k, xs.n);
  const { n, d } = xs;
  const eps = kthNeighborDistances(xs, k, 'chebyshev');
  let sumLog = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const log = Math.log(eps[i]);
    sumLog += log;
    sumSquares += log * log;
  }
  const nats = digamma(n) - digamma(k) + d * Math.LN2 + (d * sumLog) / n;
  // per-sample terms d ln eps_i; with exact duplicates (eps = 0, reported by `ties`) there is no error bar
  const se = Number.isFinite(sumLog) ? d * meanStandardError(sumLog, sumSquares, n) : NaN;
  const params: Record<string, unknown> = { k, metric: 'max-norm' };
  if (Number.isFinite(se)) params.standardError = fromNats(se, units);
  return diagnose({ value: fromNats(nats, units), units, params, warnings: [] }, { n, ties: [{ param: 'x', s: xs, k }] });
}

/**
 * Information-plane point of a layer T by k-nearest neighbours: I(X;T) by KSG (algorithm 1, max-norm; see
 * {@link ksg}) and I(T;Y) by the mixed estimator of Ross (2014, Euclidean; see {@link ksgMixed}), both with the
 * same `k`, `standardize` and `clipZero`.
 *
 * Units: bits by default (computed in nats, converted once). Cost: I(X;T) as {@link ksg} (O(n log n) in few
 * dimensions, else O(n^2 (dx + dt))) plus O(n^2 dt) for I(T;Y), brute force; O(n (dx + dt)) memory.
 * References: Kraskov, Stoegbauer & Grassberger, Phys. Rev. E 69, 066138 (2004); B. C. Ross, PLoS ONE 9,
 * e87357 (2014).
 *
 * @param x network inputs, n rows of dx values
 * @param t the layer's activations, n rows of dt values
 * @param labels integer class labels, n of them (or a one-hot matrix)
 * @returns a PlanePoint; `params` = `{k, standardize, clipZero, metricXT: 'max-norm', metricTY: 'euclidean',
 *   samplesUsedTY}` (samplesUsedTY: the samples whose label occurs at least twice)
 * @throws InfoplaneError for invalid data or labels, mismatched counts, k outside [1, n - 1], unknown options.
 * @example
 * ksgPoint(x, t, labels, {k: 3, units: 'nats'});
 * // => {ixt: ~0, ity: 1.029, units: 'nats', params: {k: 3, standardize: false, clipZero: false, metricXT: 'max-norm',
 * //     metricTY: 'euclidean', samplesUsedTY: 1500}, warnings: []}
 * //    (t, labels: 3 classes with disjoint supports, n = 1500, I(T;Y) = H(Y) = 1.030 nats; x independent of t)
 */
export function ksgPoint(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: KsgOptions = {}): PlanePoint {
  return subsampledPoint(KSG_SPEC, 'ksgPoint', ksgPointAllRows, x, t, labels, options);
}

/** `ksgPoint` on every row it is given (the rows `maxSamples` drew, or all). */
function ksgPointAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: KsgOptions = {}): PlanePoint {
  const fn = 'ksgPoint';
  const r = resolveOptions(KSG_SPEC, fn, options, 'point');
  const inputs = planeInputs(fn, x, t, labels);
  const ixt = ksgNats(fn, inputs.x, inputs.t, r, ['x', 't']);
  const ity = ksgMixedNats(fn, inputs.t, inputs.labels, r, ['t', 'labels']);
  const point: PlanePoint = {
    ixt: valueOf(ixt.nats, r),
    ity: valueOf(ity.nats, r),
    units: r.units,
    params: {
      k: r.k,
      standardize: r.standardize,
      clipZero: r.clipZero,
      metricXT: 'max-norm',
      metricTY: 'euclidean',
      samplesUsedTY: ity.samplesUsed,
      standardErrorXT: fromNats(ixt.standardError, r.units),
      standardErrorTY: fromNats(ity.standardError, r.units),
    },
    warnings: [],
  };
  return diagnose(point, {
    n: inputs.x.n,
    x: inputs.x,
    labels: inputs.labels,
    ties: [
      { param: 'x', s: inputs.x, k: r.k, partner: { param: 't', ids: sampleIds(inputs.t) } },
      { param: 't', s: inputs.t, k: r.k, partner: { param: 'labels', ids: labelIds(inputs.labels) } },
    ],
    droppedFrom: { param: 'labels', labels: inputs.labels },
  });
}

/**
 * k-nearest-neighbour estimate of the mutual information I(A;B): the mixed estimator of Ross (2014,
 * {@link ksgMixed}) when `b` is class labels (a `Labels` object: `toLabels(y)`), else KSG (algorithm 1,
 * {@link ksg}) between two continuous variables.
 *
 * Units: bits by default. Cost: as {@link ksg} or {@link ksgMixed} (O(n^2 da), brute force); O(n (da + db)) memory.
 * References: Kraskov, Stoegbauer & Grassberger 2004; Ross 2014.
 *
 * @param a first variable, n rows
 * @param b second variable (n rows) or class labels (`toLabels`)
 * @throws InfoplaneError as {@link ksg} or {@link ksgMixed}.
 * @example
 * ksgMutualInformation(t, toLabels(labels), {units: 'nats'}); // => {value: 1.029, units: 'nats', params: {k: 3, metric: 'euclidean', ...}, warnings: []}
 */
export function ksgMutualInformation(a: SamplesLike, b: SamplesLike | Labels, options: KsgOptions = {}): Estimate {
  return subsampledMi(KSG_SPEC, 'ksgMutualInformation', ksgMutualInformationAllRows, a, b, options);
}

/** `ksgMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function ksgMutualInformationAllRows(a: SamplesLike, b: SamplesLike | Labels, options: KsgOptions = {}): Estimate {
  const fn = 'ksgMutualInformation';
  return isLabels(b) ? ksgMixedOf(fn, a, b, options, ['a', 'b']) : ksgOf(fn, a, b, options, ['a', 'b']);
}
