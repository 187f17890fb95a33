/**
 * Mutual information of lossy-compressed variables (Butakov, Tolmachev, Malanchuk et al., "Information
 * Bottleneck Analysis of Deep Neural Networks via Lossy Compression", ICLR 2024): make the layer stochastic with
 * small Gaussian noise, compress X and the layer to a few dimensions, and estimate the mutual information of the
 * compressed vectors with k-nearest-neighbour estimators, with the standard error of the per-sample terms.
 *
 * Why: in a 256-wide layer every sample sits in its own bin or kernel and the classic estimators saturate at
 * log n; a few principal coordinates keep what varies, and kNN estimators work well in 4 to 10 dimensions.
 * What it measures: I(C_X(X); C_T(T + noise)), the information between the compressed variables, which is at
 * most I(X; T + noise) (data processing) and equal to it when the compression loses nothing the other variable
 * depends on.
 */
import { digamma } from '../core/digamma';
import { fail } from '../core/errors';
import { countWithinRadius } from '../core/knn/countWithinRadius';
import { jointNeighborCounts } from '../core/knn/jointNeighborCounts';
import { kthNeighborDistances } from '../core/knn/kthNeighborDistances';
import { isLabels, Labels, toLabels } from '../core/labels';
import { canonicalJointOrder, canonicalRowOrder, principalComponents, projectOnAxes } from '../core/pca';
import { planeInputs } from '../core/planeInputs';
import { reportProgress } from '../core/progress';
import { randomSource } from '../core/random';
import { Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { fromNats } from '../core/units';
import { checkSameCount } from '../core/validate';
import { warn } from '../core/warn';
import { standardizeColumns } from './ksg';
import { COMPRESSED_SPEC } from './specs/compressed';
import { OptionsOf, ResolvedOf, resolveOptions, specDefaults } from './specs/spec';
import { subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { Estimate, PlanePoint } from './types';

/**
 * Options of `compressedPoint`, `compressedMutualInformation` and `compressedEntropy`, declared in
 * `specs/compressed.ts`: `compressor` ('pca', 'random-projection' or 'first'; default 'pca'), `dims` (default 4),
 * `dimsX` and `dimsT` (point only; default `dims`), `noiseStd` (default 1e-3), `inner` ('ksg' or 'kl'; default
 * 'ksg'), `k` (default 5), `seed` (default 0; it draws the `maxSamples` subset too), `units` ('bits' or 'nats';
 * default 'bits') and `maxSamples` (a seeded subset of the rows, stratified by label; see subsampling.ts).
 */
export type CompressedOptions = OptionsOf<typeof COMPRESSED_SPEC.params>;

/** The defaults of the compressed estimators (from the spec). */
export const COMPRESSED_DEFAULTS = specDefaults(COMPRESSED_SPEC);

type Resolved = ResolvedOf<typeof COMPRESSED_SPEC.params>;

/** A point with the standard errors of its two estimates. */
export interface CompressedPlanePoint extends PlanePoint {
  /** Standard error of I(X;T), in `units`: std of the per-sample terms / sqrt(n). */
  ixtError: number;
  /** Standard error of I(T;Y), in `units`. */
  ityError: number;
}

/** An estimate with its standard error. */
export interface CompressedEstimate extends Estimate {
  /** Standard error of `value`, in `units`: std of the per-sample terms / sqrt(n). */
  error: number;
}

/** A compressed variable and what the compression kept. */
interface Compression {
  samples: Samples;
  /** Fraction of the total variance kept (1 when the variable was not compressed). */
  explained: number;
  /** PCA subspace iterations (pca only). */
  iterations?: number;
  /** Whether the PCA axes converged within the iterations allowed (pca only). */
  converged?: boolean;
}

/** `{pcaConverged}` for PCA compressions: whether every PCA in the estimate converged within `pcaIterations`. */
function pcaConvergence(compressor: Resolved['compressor'], ...compressions: Compression[]): { pcaConverged?: boolean } {
  if (compressor !== 'pca') return {};
  return { pcaConverged: compressions.every((c) => c.converged !== false) };
}

/** Independent random streams from one seed. */
function streamSeed(seed: number, stream: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(stream, 0x85ebca6b) + stream) >>> 0;
}

/** Relative change of the Ritz values at which the PCA axes count as converged. */
const PCA_TOLERANCE = 1e-6;

const STREAM_NOISE_T = 1;
const STREAM_NOISE_B = 2;
const STREAM_COMPRESS = 3;

/** Total variance (sum of the column variances) of `s`. */
function totalVariance(s: Samples): number {
  const { data, n, d } = s;
  let total = 0;
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + c];
    mean /= n;
    for (let i = 0; i < n; i++) total += (data[i * d + c] - mean) ** 2;
  }
  return total / n;
}

/**
 * Compress the rows of `s` to `dims` dimensions (unchanged when dims >= d), then rescale. Why: the max-norm of KSG
 * and Kozachenko-Leonenko weighs coordinates by their scale, so a layer whose values are 100 times smaller than
 * the input's looks independent of it at any finite n. 'coordinates' (the default, KSG's usual standardisation)
 * divides each coordinate by its own std; it also amplifies coordinates that carry little but noise, which biases
 * KSG down when `dims` exceeds the intrinsic dimension of the variable. 'variable' divides the whole compressed
 * variable by one factor (the root mean variance of its coordinates): X and T on the same scale, weak principal
 * coordinates kept weak, but a dominant coordinate (a large class offset) then squeezes the others.
 * Rescaling is invertible, so the mutual information itself is unchanged; only the estimator's bias is.
 */
function compress(s: Samples, dims: number, compressor: Resolved['compressor'], seed: number, rescale: Resolved['rescale'], pcaIterations: number, noise?: Noise): Compression {
  const raw = compressRaw(s, dims, compressor, seed, pcaIterations);
  const c = noise ? { ...raw, samples: addNoise(raw.samples, noise.std, noise.seed, noise.order) } : raw;
  if (rescale === 'coordinates') return { ...c, samples: standardizeColumns(c.samples) };
  if (rescale === 'variable') {
    const rms = Math.sqrt(totalVariance(c.samples) / c.samples.d);
    if (rms > 0) return { ...c, samples: { ...c.samples, data: c.samples.data.map((v) => v / rms) } };
  }
  return c;
}

function compressRaw(s: Samples, dims: number, compressor: Resolved['compressor'], seed: number, pcaIterations: number): Compression {
  if (dims >= s.d) return { samples: s, explained: 1 };
  if (compressor === 'pca') {
    const pca = principalComponents(s, dims, { seed: streamSeed(seed, STREAM_COMPRESS), maxIterations: pcaIterations, tolerance: PCA_TOLERANCE });
    return { samples: projectOnAxes(s, pca), explained: pca.explained, iterations: pca.iterations, converged: pca.converged };
  }
  const total = totalVariance(s);
  let out: Samples;
  if (compressor === 'first') {
    const data = new Float64Array(s.n * dims);
    for (let i = 0; i < s.n; i++) data.set(s.data.subarray(i * s.d, i * s.d + dims), i * dims);
    out = { data, n: s.n, d: dims };
  } else {
    // a seeded random orthogonal projection: Gaussian axes, orthonormalised (an isometry onto a random subspace)
    const random = randomSource(streamSeed(seed, STREAM_COMPRESS));
    const axes = new Float64Array(dims * s.d);
    for (let j = 0; j < dims; j++) {
      const a = axes.subarray(j * s.d, (j + 1) * s.d);
      for (let c = 0; c < s.d; c++) a[c] = random.normal();
      for (let m = 0; m < j; m++) {
        const b = axes.subarray(m * s.d, (m + 1) * s.d);
        let dot = 0;
        for (let c = 0; c < s.d; c++) dot += a[c] * b[c];
        for (let c = 0; c < s.d; c++) a[c] -= dot * b[c];
      }
      let norm = 0;
      for (let c = 0; c < s.d; c++) norm += a[c] * a[c];
      norm = Math.sqrt(norm);
      for (let c = 0; c < s.d; c++) a[c] /= norm;
    }
    out = projectOnAxes(s, { mean: new Float64Array(s.d), axes, k: dims, d: s.d });
  }
  return { samples: out, explained: total > 0 ? Math.min(1, totalVariance(out) / total) : 1 };
}

/** A cheap fingerprint of the values, so a cached compression of a reused array is not served after the array changed. */
function fingerprint(s: Samples): number {
  const { data } = s;
  let a = 0;
  let b = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    a += v * ((i & 7) + 1);
    b += v * v;
  }
  return a * 1.000001 + b;
}

/**
 * Compressions of X, by array: the recorder passes the same probe inputs at every epoch, so X is compressed once
 * per run. Keyed by the array's identity and checked against a fingerprint of its values.
 */
const X_CACHE = new WeakMap<Float64Array, Map<string, { print: number; compression: Compression }>>();

function compressCached(s: Samples, dims: number, compressor: Resolved['compressor'], seed: number, rescale: Resolved['rescale'], pcaIterations: number): Compression {
  const key = `${compressor}|${dims}|${seed}|${rescale}|${pcaIterations}|${s.n}|${s.d}`;
  const print = fingerprint(s);
  let byKey = X_CACHE.get(s.data);
  const hit = byKey?.get(key);
  if (hit && hit.print === print) return hit.compression;
  const compression = compress(s, dims, compressor, seed, rescale, pcaIterations);
  if (!byKey) X_CACHE.set(s.data, (byKey = new Map()));
  byKey.set(key, { print, compression });
  return compression;
}

/**
 * Gaussian noise of std `std` added to a variable. It is drawn after the (orthonormal, linear) projection, in
 * the compressed coordinates: P(T + E) = P T + P E, and P E of E ~ N(0, std^2 I_d) is N(0, std^2 I_dims) for a
 * projection with orthonormal axes, so this is T + noise compressed, without drawing n x d normals or copying T.
 * (The PCA axes are those of T itself; with std = 1e-3 the noise would barely move them.)
 */
interface Noise {
  std: number;
  seed: number;
  /** Canonical order of the samples: the noise is drawn in it, so a permutation of the samples permutes the noise with them. */
  order: Int32Array;
}

/** A copy of `s` plus Gaussian noise of std `std`, drawn row by row in the order `order`; `s` itself when std = 0. */
function addNoise(s: Samples, std: number, seed: number, order: Int32Array): Samples {
  if (std === 0) return s;
  const random = randomSource(seed);
  const data = Float64Array.from(s.data);
  const { d } = s;
  for (let r = 0; r < s.n; r++) {
    const b = order[r] * d;
    for (let c = 0; c < d; c++) data[b + c] += std * random.normal();
  }
  return { data, n: s.n, d };
}

/** Mean and standard error (sample std / sqrt(m)) of per-sample terms. */
function meanAndError(terms: Float64Array): { nats: number; error: number } {
  const m = terms.length;
  let sum = 0;
  for (let i = 0; i < m; i++) sum += terms[i];
  const mean = sum / m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (terms[i] - mean) ** 2;
  return { nats: mean, error: m > 1 ? Math.sqrt(ss / (m - 1) / m) : 0 };
}

/** k must be at most n - 1. */
function checkK(fn: string, k: number, n: number): void {
  if (k > n - 1) fail('out_of_range', { fn, param: 'k', expected: `an integer in [1, ${n - 1}] (n = ${n})`, received: String(k) });
}

const TIE_HINT = 'raise noiseStd, or check the data for repeated rows';

/**
 * KSG (Kraskov et al. 2004, algorithm 1) per-sample terms psi(k) + psi(n) - psi(n_x + 1) - psi(n_y + 1), whose
 * mean is the estimate of I(X;Y) in nats.
 */
export function ksgTerms(fn: string, x: Samples, y: Samples, k: number): Float64Array {
  const { eps, nx, ny } = jointNeighborCounts(x, y, k);
  const n = x.n;
  const base = digamma(k) + digamma(n);
  const terms = new Float64Array(n);
  let zero = 0;
  for (let i = 0; i < n; i++) {
    if (eps[i] === 0) zero++;
    terms[i] = base - digamma(nx[i] + 1) - digamma(ny[i] + 1);
  }
  if (zero > 0) warn(`${fn}: ${zero} of ${n} compressed samples have k = ${k} or more exact duplicates (eps = 0); ${TIE_HINT}.`);
  return terms;
}

/** Samples whose label occurs at least twice, and the labels' members among them. */
function keptByClass(fn: string, labels: Labels, param: string): { kept: number[]; members: number[][] } {
  const kept: number[] = [];
  for (let i = 0; i < labels.n; i++) if (labels.counts[labels.ids[i]] > 1) kept.push(i);
  if (kept.length === 0) {
    fail('too_few_samples', { fn, param, expected: 'at least one class with 2 or more samples', received: `${labels.classes.length} classes of one sample each` });
  }
  if (kept.length < labels.n) warn(`${fn}: ${labels.n - kept.length} samples whose label occurs only once were dropped (a class needs 2 samples).`);
  const members: number[][] = labels.classes.map(() => []);
  kept.forEach((i, p) => members[labels.ids[i]].push(p));
  return { kept, members };
}

/**
 * Ross (2014) per-sample terms psi(n') + psi(k_i) - psi(n_y(i)) - psi(m_i) over the n' samples whose label
 * occurs twice or more (Euclidean distances); their mean is the estimate of I(X;Y) in nats.
 */
export function rossTerms(fn: string, x: Samples, labels: Labels, k: number): Float64Array {
  const { kept, members } = keptByClass(fn, labels, 'labels');
  const xs = kept.length === x.n ? x : selectRows(x, kept);
  const m = kept.length;
  const radius2 = new Float64Array(m);
  const own = new Float64Array(m);
  for (const list of members) {
    const count = list.length;
    if (count < 2) continue;
    const kc = Math.min(k, count - 1);
    const dist = kthNeighborDistances(selectRows(xs, list), kc, 'sqeuclidean');
    const term = digamma(kc) - digamma(count);
    list.forEach((p, q) => {
      radius2[p] = dist[q];
      own[p] = term;
    });
  }
  const within = countWithinRadius(xs, radius2, 'sqeuclidean', true);
  const base = digamma(m);
  const terms = new Float64Array(m);
  let zero = 0;
  for (let p = 0; p < m; p++) {
    if (radius2[p] === 0) zero++;
    terms[p] = base + own[p] - digamma(within[p]);
  }
  if (zero > 0) warn(`${fn}: ${zero} of ${m} compressed samples have k or more exact duplicates within their class; ${TIE_HINT}.`);
  return terms;
}

/**
 * Kozachenko-Leonenko per-sample terms psi(n) - psi(k) + d ln 2 + d ln eps_i (max-norm), whose mean is the
 * differential entropy in nats.
 */
export function klTerms(fn: string, x: Samples, k: number, param = 'x'): Float64Array {
  const eps = kthNeighborDistances(x, k, 'chebyshev');
  const { n, d } = x;
  const base = digamma(n) - digamma(k) + d * Math.LN2;
  const terms = new Float64Array(n);
  let zero = 0;
  for (let i = 0; i < n; i++) {
    if (eps[i] === 0) zero++;
    terms[i] = base + d * Math.log(eps[i]);
  }
  if (zero > 0) {
    // ln 0: the entropy is -Infinity and a difference of such entropies is undefined
    fail('non_finite', {
      fn,
      param,
      expected: 'continuous values (Kozachenko-Leonenko needs no k-fold exact duplicates after compression)',
      received: `${zero} of ${n} samples with a zero distance to their k-th neighbour`,
      detail: "raise noiseStd, or use inner: 'ksg'",
    });
  }
  return terms;
}

/** Rows of x and y side by side. */
function concatColumns(x: Samples, y: Samples): Samples {
  const d = x.d + y.d;
  const data = new Float64Array(x.n * d);
  for (let i = 0; i < x.n; i++) {
    data.set(x.data.subarray(i * x.d, (i + 1) * x.d), i * d);
    data.set(y.data.subarray(i * y.d, (i + 1) * y.d), i * d + x.d);
  }
  return { data, n: x.n, d };
}

/** I(X;Y) = H(X) + H(Y) - H(X,Y), per sample, by Kozachenko-Leonenko (max-norm; the joint norm is the larger marginal one). */
function klMiTerms(fn: string, x: Samples, y: Samples, k: number, names: readonly [string, string]): Float64Array {
  const hx = klTerms(fn, x, k, names[0]);
  const hy = klTerms(fn, y, k, names[1]);
  const hxy = klTerms(fn, concatColumns(x, y), k, `(${names[0]}, ${names[1]})`);
  return hx.map((v, i) => v + hy[i] - hxy[i]);
}

/** I(X;Y) = H(X) - sum_y p(y) H(X | Y = y), per sample, by Kozachenko-Leonenko (k_c = min(k, n_c - 1) in class c). */
function klLabelTerms(fn: string, x: Samples, labels: Labels, k: number, param: string): Float64Array {
  const { kept, members } = keptByClass(fn, labels, 'labels');
  const xs = kept.length === x.n ? x : selectRows(x, kept);
  const terms = klTerms(fn, xs, k, param);
  for (const list of members) {
    if (list.length < 2) continue;
    const within = klTerms(fn, selectRows(xs, list), Math.min(k, list.length - 1), param);
    list.forEach((p, q) => (terms[p] -= within[q]));
  }
  return terms;
}

function continuousTerms(fn: string, x: Samples, y: Samples, r: Resolved, names: readonly [string, string]): Float64Array {
  checkK(fn, r.k, x.n);
  return r.inner === 'ksg' ? ksgTerms(fn, x, y, r.k) : klMiTerms(fn, x, y, r.k, names);
}

function labelTerms(fn: string, x: Samples, labels: Labels, r: Resolved, param: string): Float64Array {
  checkK(fn, r.k, x.n);
  return r.inner === 'ksg' ? rossTerms(fn, x, labels, r.k) : klLabelTerms(fn, x, labels, r.k, param);
}

/**
 * Information-plane point of a layer T from compressed variables (Butakov et al. 2024): T is made stochastic
 * with seeded Gaussian noise of std `noiseStd` (activation units), X is compressed to `dimsX` and T + noise to
 * `dimsT` dimensions, then I(X;T) is estimated between the compressed vectors by KSG (`inner: 'ksg'`, max-norm)
 * or by Kozachenko-Leonenko entropies H(X') + H(T') - H(X',T') (`'kl'`), and I(T;Y) from the compressed T by
 * Ross's estimator (`'ksg'`) or H(T') - sum_y p(y) H(T'|y) (`'kl'`).
 *
 * ## Method
 * Compressors: 'pca' projects on the first principal axes (subspace iteration, core/pca.ts; the fraction of the
 * variance kept is reported); 'random-projection' on a seeded random orthonormal basis; 'first' keeps the first
 * coordinates. X's compression depends only on X and is cached per array (once per run in the recorder).
 * An autoencoder compressor (trained with TensorFlow.js) lives in 'infoplane/tfjs': `compressedWithAutoencoder`
 * encodes X and T + noise and calls this function on the codes with `compressor: 'first'`.
 * Errors: `ixtError` and `ityError` are the standard errors of the per-sample terms (their std / sqrt(n)), the
 * error bar of the paper; the terms are not independent, so read them as the scale of the sampling noise, not
 * as a confidence interval. The noise is drawn in a canonical order of the samples, so the estimate does not
 * depend on their order.
 *
 * Units: bits by default. Cost: O(n d l i) for PCA (l = dims + 8 columns, i subspace iterations, at most `pcaIterations`),
 * then O(n^2 (dimsX + dimsT)) for the kNN search; O(n dims + d l) memory beyond the inputs.
 * Reference: I. Butakov, A. Tolmachev, S. Malanchuk, A. Neopryatnaya, A. Frolov, K. Andreev, Information
 * Bottleneck Analysis of Deep Neural Networks via Lossy Compression, ICLR 2024.
 *
 * @example
 * compressedPoint(x, t, labels, {dims: 4});
 * // => {ixt, ity, ixtError, ityError, units: 'bits', params: {compressor: 'pca', dimsX: 4, dimsT: 4,
 * //     explainedVarianceX, explainedVarianceT, ...}, warnings: []}
 */
export function compressedPoint(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CompressedOptions = {}): CompressedPlanePoint {
  return subsampledPoint(COMPRESSED_SPEC, 'compressedPoint', compressedPointAllRows, x, t, labels, options);
}

/** `compressedPoint` on every row it is given (the rows `maxSamples` drew, or all). */
function compressedPointAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CompressedOptions = {}): CompressedPlanePoint {
  const fn = 'compressedPoint';
  const r = resolveOptions(COMPRESSED_SPEC, fn, options, 'point');
  const inputs = planeInputs(fn, x, t, labels);
  const order = canonicalJointOrder([inputs.x, inputs.t], inputs.labels.ids);
  reportProgress('compressed: compressing X', 0, 4);
  const cx = compressCached(inputs.x, r.dimsX, r.compressor, r.seed, r.rescale, r.pcaIterations);
  reportProgress('compressed: compressing T + noise', 1, 4);
  const ct = compress(inputs.t, r.dimsT, r.compressor, r.seed, r.rescale, r.pcaIterations, { std: r.noiseStd, seed: streamSeed(r.seed, STREAM_NOISE_T), order });
  reportProgress('compressed: I(X;T)', 2, 4);
  const ixt = meanAndError(continuousTerms(fn, cx.samples, ct.samples, r, ['x', 't']));
  reportProgress('compressed: I(T;Y)', 3, 4);
  const ityTerms = labelTerms(fn, ct.samples, inputs.labels, r, 't');
  reportProgress('compressed: done', 4, 4);
  const ity = meanAndError(ityTerms);
  return {
    ixt: fromNats(ixt.nats, r.units),
    ity: fromNats(ity.nats, r.units),
    ixtError: fromNats(ixt.error, r.units),
    ityError: fromNats(ity.error, r.units),
    units: r.units,
    params: {
      compressor: r.compressor,
      dims: r.dims,
      dimsX: cx.samples.d,
      dimsT: ct.samples.d,
      noiseStd: r.noiseStd,
      rescale: r.rescale,
      inner: r.inner,
      k: r.k,
      seed: r.seed,
      pcaIterations: r.pcaIterations,
      ...pcaConvergence(r.compressor, cx, ct),
      explainedVarianceX: cx.explained,
      explainedVarianceT: ct.explained,
      samplesUsedTY: ityTerms.length,
    },
    warnings: [],
  };
}

/**
 * Mutual information I(A;B) between compressed variables (Butakov et al. 2024): seeded noise of std `noiseStd`
 * is added to A (and to B when it is continuous), each continuous variable is compressed to `dims` dimensions,
 * then KSG (or Ross's estimator when `b` is class labels, a `Labels` object) or Kozachenko-Leonenko entropies
 * combined (`inner: 'kl'`). `error` is the standard error of the per-sample terms. See {@link compressedPoint}.
 *
 * Units: bits by default. Cost: O(n d l i) for PCA, then O(n^2 dims).
 *
 * @example
 * compressedMutualInformation(a, b, {dims: 2}); // => {value, error, units: 'bits', params: {..., explainedVarianceA, explainedVarianceB}}
 */
export function compressedMutualInformation(a: SamplesLike, b: SamplesLike | Labels, options: CompressedOptions = {}): CompressedEstimate {
  return subsampledMi(COMPRESSED_SPEC, 'compressedMutualInformation', compressedMutualInformationAllRows, a, b, options);
}

/** `compressedMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function compressedMutualInformationAllRows(a: SamplesLike, b: SamplesLike | Labels, options: CompressedOptions = {}): CompressedEstimate {
  const fn = 'compressedMutualInformation';
  const r = resolveOptions(COMPRESSED_SPEC, fn, options, 'mi');
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  const bLabels = isLabels(b) ? toLabels(b, { fn, param: 'b' }) : undefined;
  const bs = bLabels ? undefined : toSamples(b, { fn, param: 'b', minSamples: 2 });
  checkSameCount(fn, [
    ['a', as.n],
    ['b', bLabels ? bLabels.n : bs!.n],
  ]);
  const order = canonicalJointOrder(bs ? [as, bs] : [as], bLabels?.ids);
  const ca = compress(as, r.dims, r.compressor, r.seed, r.rescale, r.pcaIterations, { std: r.noiseStd, seed: streamSeed(r.seed, STREAM_NOISE_T), order });
  const params: Record<string, unknown> = { compressor: r.compressor, dims: r.dims, noiseStd: r.noiseStd, rescale: r.rescale, inner: r.inner, k: r.k, seed: r.seed, pcaIterations: r.pcaIterations };
  let terms: Float64Array;
  if (bLabels) {
    terms = labelTerms(fn, ca.samples, bLabels, r, 'a');
    Object.assign(params, { dimsA: ca.samples.d, explainedVarianceA: ca.explained, samplesUsed: terms.length, ...pcaConvergence(r.compressor, ca) });
  } else {
    const cb = compress(bs!, r.dims, r.compressor, r.seed, r.rescale, r.pcaIterations, { std: r.noiseStd, seed: streamSeed(r.seed, STREAM_NOISE_B), order });
    terms = continuousTerms(fn, ca.samples, cb.samples, r, ['a', 'b']);
    Object.assign(params, { dimsA: ca.samples.d, dimsB: cb.samples.d, explainedVarianceA: ca.explained, explainedVarianceB: cb.explained, ...pcaConvergence(r.compressor, ca, cb) });
  }
  const { nats, error } = meanAndError(terms);
  return { value: fromNats(nats, r.units), error: fromNats(error, r.units), units: r.units, params, warnings: [] };
}

/**
 * Differential entropy of a compressed variable: seeded noise of std `noiseStd`, compression to `dims`
 * dimensions, then the Kozachenko-Leonenko estimate (max-norm) with the standard error of its per-sample terms.
 * It is the entropy of the compressed variable, not of the original one (a projection changes the entropy).
 *
 * Units: bits by default (a differential entropy: it can be negative). Cost: O(n d l i) for PCA, then O(n^2 dims).
 *
 * @example
 * compressedEntropy(t, {dims: 2}); // => {value, error, units: 'bits', params: {..., dimsA: 2, explainedVarianceA}}
 */
export function compressedEntropy(a: SamplesLike, options: CompressedOptions = {}): CompressedEstimate {
  return subsampledEntropy(COMPRESSED_SPEC, 'compressedEntropy', compressedEntropyAllRows, a, options);
}

/** `compressedEntropy` on every row it is given (the rows `maxSamples` drew, or all). */
function compressedEntropyAllRows(a: SamplesLike, options: CompressedOptions = {}): CompressedEstimate {
  const fn = 'compressedEntropy';
  const r = resolveOptions(COMPRESSED_SPEC, fn, options, 'entropy');
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  checkK(fn, r.k, as.n);
  // no rescaling: it would change the entropy
  const ca = compress(as, r.dims, r.compressor, r.seed, 'none', r.pcaIterations, { std: r.noiseStd, seed: streamSeed(r.seed, STREAM_NOISE_T), order: canonicalRowOrder(as) });
  const { nats, error } = meanAndError(klTerms(fn, ca.samples, r.k, 'a'));
  return {
    value: fromNats(nats, r.units),
    error: fromNats(error, r.units),
    units: r.units,
    params: { compressor: r.compressor, dims: r.dims, noiseStd: r.noiseStd, k: r.k, seed: r.seed, pcaIterations: r.pcaIterations, ...pcaConvergence(r.compressor, ca), dimsA: ca.samples.d, explainedVarianceA: ca.explained },
    warnings: [],
  };
}

