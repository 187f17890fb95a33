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
import { rowIdsFloat64 } from '../core/rowIds';
import { Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkBoolean, checkNumber, checkOptionNames, checkSameCount, checkUnits } from '../core/validate';
import { warn } from '../core/warn';
import { EstimatorSpec } from './spec';
import { Estimate, PlanePoint } from './types';

export interface KsgOptions {
  /** Number of neighbours k, an integer in [1, n - 1]. Defaults to 3. */
  k?: number;
  /**
   * Divide every column of each continuous variable by its population standard deviation (ddof = 0) first, as
   * scikit-learn does; a constant column is left as it is. The max-norm is not scale invariant, so this changes
   * the estimate. Defaults to false.
   */
  standardize?: boolean;
  /** Return max(0, I) instead of I (scikit-learn's convention; the raw estimate can be slightly negative). Defaults to false. */
  clipZero?: boolean;
  /** Units of the result. Defaults to 'bits'. */
  units?: Units;
}

/** The defaults of `ksg` and `ksgMixed`. */
export const KSG_DEFAULTS = { k: 3, standardize: false, clipZero: false, units: 'bits' as Units };

export interface KozachenkoLeonenkoOptions {
  /** Number of neighbours k, an integer in [1, n - 1]. Defaults to 3. */
  k?: number;
  /** Units of the result. Defaults to 'bits'. */
  units?: Units;
}

/** The defaults of `kozachenkoLeonenko`. */
export const KOZACHENKO_LEONENKO_DEFAULTS = { k: 3, units: 'bits' as Units };

const OPTION_NAMES = ['k', 'standardize', 'clipZero', 'units'] as const;
const TIE_HINT = 'add tiny noise (e.g. 1e-10 times the data scale) or use a binning estimator';

interface Resolved {
  k: number;
  standardize: boolean;
  clipZero: boolean;
  units: Units;
}

/** Validate the options (k only as an integer >= 1: its upper bound needs n, see `checkK`). */
function resolve(fn: string, options: KsgOptions | undefined): Resolved {
  checkOptionNames(fn, options, OPTION_NAMES);
  const {
    k = KSG_DEFAULTS.k,
    standardize = KSG_DEFAULTS.standardize,
    clipZero = KSG_DEFAULTS.clipZero,
    units = KSG_DEFAULTS.units,
  } = options ?? {};
  checkNumber(fn, 'k', k, { integer: true, min: 1 });
  checkBoolean(fn, 'standardize', standardize);
  checkBoolean(fn, 'clipZero', clipZero);
  checkUnits(fn, units);
  return { k, standardize, clipZero, units };
}

/** k must be an integer in [1, n - 1]. */
function checkK(fn: string, k: unknown, n: number): asserts k is number {
  checkNumber(fn, 'k', k, { integer: true, min: 1 });
  if ((k as number) > n - 1) {
    fail('out_of_range', { fn, param: 'k', expected: `an integer in [1, ${n - 1}] (n = ${n})`, received: String(k) });
  }
}

/**
 * Warn when some rows of `s` repeat another row exactly (dead ReLU units, saturated tanh, discrete data): the
 * strict neighbour counts of KSG then see ties, and the estimate is biased. O(n d) expected time (row hashing).
 */
function warnDuplicates(fn: string, param: string, s: Samples): void {
  const { ids, count } = rowIdsFloat64(s.data, s.n, s.d);
  if (count === s.n) return;
  const size = new Int32Array(count);
  for (let i = 0; i < s.n; i++) size[ids[i]]++;
  let repeated = 0;
  for (let i = 0; i < s.n; i++) if (size[ids[i]] > 1) repeated++;
  const share = ((100 * repeated) / s.n).toFixed(1);
  warn(
    `${fn}: ${repeated} of ${s.n} samples of ${param} (${share}%) repeat another sample exactly (dead or saturated units, ` +
      `discrete values?); KSG assumes continuous data and ties bias its neighbour counts; ${TIE_HINT}.`,
  );
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

function finish(nats: number, r: Resolved, extra: Record<string, unknown>): Estimate {
  const value = r.clipZero ? Math.max(0, nats) : nats;
  return {
    value: fromNats(value, r.units),
    units: r.units,
    params: { k: r.k, standardize: r.standardize, clipZero: r.clipZero, ...extra },
  };
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
 * Units: bits by default. Cost: O(n^2 (dx + dy)) time, brute force (WebAssembly SIMD, about 0.14 s at
 * n = 4096, dx = 12, dy = 3), O(n (dx + dy)) memory.
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
  const fn = 'ksg';
  const r = resolve(fn, options);
  let xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  let ys = toSamples(y, { fn, param: 'y', minSamples: 2 });
  checkSameCount(fn, [
    ['x', xs.n],
    ['y', ys.n],
  ]);
  checkK(fn, r.k, xs.n);
  if (r.standardize) {
    xs = standardizeColumns(xs);
    ys = standardizeColumns(ys);
  }
  const n = xs.n;
  warnDuplicates(fn, 'x', xs);
  warnDuplicates(fn, 'y', ys);
  const { eps, nx, ny } = jointNeighborCounts(xs, ys, r.k);
  let zero = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (eps[i] === 0) zero++;
    sum += digamma(nx[i] + 1) + digamma(ny[i] + 1);
  }
  if (zero > 0) {
    warn(
      `${fn}: ${zero} of ${n} samples have k = ${r.k} or more exact duplicates in the joint space (eps = 0), ` +
        `which makes the KSG estimate ill-posed; ${TIE_HINT}.`,
    );
  }
  const nats = digamma(r.k) + digamma(n) - sum / n;
  return finish(nats, r, { metric: 'max-norm' });
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
  const fn = 'ksgMixed';
  const r = resolve(fn, options);
  let xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ys = toLabels(labels, { fn, param: 'labels' });
  checkSameCount(fn, [
    ['x', xs.n],
    ['labels', ys.n],
  ]);
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
      param: 'labels',
      expected: 'at least one class with 2 or more samples',
      received: `${ys.classes.length} classes of one sample each`,
    });
  }
  if (nKept < n) {
    warn(`${fn}: ${n - nKept} samples whose label occurs only once were dropped (the Ross estimator needs 2 per class).`);
  }
  const keptX = nKept === n ? xs : selectRows(xs, kept);
  warnDuplicates(fn, 'x', keptX);
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
  let zero = 0;
  let sumM = 0;
  for (let p = 0; p < nKept; p++) {
    if (radius2[p] === 0) zero++;
    sumM += digamma(m[p]);
  }
  if (zero > 0) {
    warn(
      `${fn}: ${zero} of ${nKept} samples have k or more exact duplicates within their class (radius 0), ` +
        `which makes the estimate ill-posed; ${TIE_HINT}.`,
    );
  }
  const nats = digamma(nKept) + (sumK - sumLabel - sumM) / nKept;
  return finish(nats, r, { metric: 'euclidean', samplesUsed: nKept });
}

/**
 * Kozachenko-Leonenko k-nearest-neighbour estimate of the differential entropy H(X), with max-norm distances
 * (the entropy estimator KSG is built from; NPEET's `entropy`):
 * H = psi(n) - psi(k) + d ln 2 + (d / n) sum_i ln eps_i, where eps_i is the max-norm distance from sample i to
 * its k-th nearest other sample (2 eps_i is the side of the cube holding its k neighbours).
 * Exact duplicates (eps_i = 0) make it -Infinity; a warning is emitted then.
 *
 * Units: bits by default (a differential entropy: it can be negative). Cost: O(n^2 d) time, O(n d) memory.
 * Reference: L. F. Kozachenko & N. N. Leonenko, Probl. Inf. Transm. 23, 95-101 (1987); Kraskov et al. (2004), eq. 20.
 *
 * @param x n rows of d values
 * @example
 * kozachenkoLeonenko(uniformSquare, {units: 'nats'}); // => {value: ~0 (nats), ...} (uniform on [0, 1]^2)
 */
export function kozachenkoLeonenko(x: SamplesLike, options: KozachenkoLeonenkoOptions = {}): Estimate {
  const { k = KOZACHENKO_LEONENKO_DEFAULTS.k, units = KOZACHENKO_LEONENKO_DEFAULTS.units } = options;
  const fn = 'kozachenkoLeonenko';
  checkOptionNames(fn, options, ['k', 'units']);
  checkNumber(fn, 'k', k, { integer: true, min: 1 });
  checkUnits(fn, units);
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  checkK(fn, k, xs.n);
  const { n, d } = xs;
  const eps = kthNeighborDistances(xs, k, 'chebyshev');
  let zero = 0;
  let sumLog = 0;
  for (let i = 0; i < n; i++) {
    if (eps[i] === 0) zero++;
    sumLog += Math.log(eps[i]);
  }
  if (zero > 0) {
    warn(`${fn}: ${zero} of ${n} samples have k = ${k} or more exact duplicates (eps = 0), so the entropy is -Infinity; ${TIE_HINT}.`);
  }
  const nats = digamma(n) - digamma(k) + d * Math.LN2 + (d * sumLog) / n;
  return { value: fromNats(nats, units), units, params: { k, metric: 'max-norm' } };
}

/** Command-line and recorder description of the KSG family. */
export const ksgSpec: EstimatorSpec = {
  name: 'ksg',
  summary: 'k-nearest-neighbour MI: KSG for continuous pairs (Kraskov et al. 2004), Ross (2014) for labels; Kozachenko-Leonenko entropy',
  params: [
    { name: 'k', kind: 'integer', description: `number of neighbours, in [1, n - 1] (default ${KSG_DEFAULTS.k})` },
    {
      name: 'standardize',
      kind: 'boolean',
      description: `divide each column by its population std first, as scikit-learn does (default ${KSG_DEFAULTS.standardize})`,
    },
    { name: 'clipZero', kind: 'boolean', description: `report max(0, I), as scikit-learn does (default ${KSG_DEFAULTS.clipZero})` },
  ],
  point(x, t, labels, options): PlanePoint {
    const { units = KSG_DEFAULTS.units, ...rest } = options;
    const ixt = ksg(x, t, { ...rest, units });
    const ity = ksgMixed(t, labels, { ...rest, units });
    return {
      ixt: ixt.value,
      ity: ity.value,
      units,
      params: {
        k: ixt.params.k,
        standardize: ixt.params.standardize,
        clipZero: ixt.params.clipZero,
        metricXT: 'max-norm',
        metricTY: 'euclidean',
        samplesUsedTY: ity.params.samplesUsed,
      },
    };
  },
  mi: (a, b, options) => (isLabels(b) ? ksgMixed(a, b, options) : ksg(a, b, options)),
  entropy(a, options) {
    const { k, units } = options;
    return kozachenkoLeonenko(a, { ...(k === undefined ? {} : { k: k as number }), ...(units === undefined ? {} : { units }) });
  },
};
