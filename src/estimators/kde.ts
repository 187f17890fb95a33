/**
 * KDE mixture-entropy bounds on H(T) and the information-plane quantities built on them
 * (Kolchinsky & Tracey 2017, "Estimating mixture entropy with pairwise distances"; used by Saxe et al. 2018).
 *
 * T is treated as a mixture of n Gaussians of variance `noiseVariance` centred on its rows (the "noise" that
 * makes a deterministic layer's MI finite). With D_ij = |t_i - t_j|^2 (j = i included):
 * - upper (KL) bound: H(T) = d/2 - mean_i [ ln sum_j exp(-D_ij / (2 var)) - ln n - (d/2) ln(2 pi var) ]
 * - lower (Bhattacharyya) bound: the upper expression at 4 var, plus (d/2) ln(1/4)
 * - H(T|X) = (d/2)(ln(2 pi var) + 1) (the Gaussian noise entropy; X determines the centre)
 * - I(X;T) = H(T) - H(T|X), I(T;Y) = H(T) - sum_y p(y) H(T|Y=y), one bound throughout.
 */
import { fail } from '../core/errors';
import { gaussianRowSumsThreaded, Threads } from '../core/threads/kernelThreads';
import { sortByGroup } from '../core/kernels/sortByGroup';
import { isLabels, Labels, toLabels } from '../core/labels';
import { isSamples, Samples, SamplesLike, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkOptionNames, checkUnits } from '../core/validate';
import { planeInputs } from '../core/planeInputs';
import { KDE_SPEC } from './specs/kde';
import { OptionsOf, resolveOptions, specDefaults } from './specs/spec';
import { subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { diagnose, DiagnosticFacts, meanLogRowSum } from './diagnostics';
import { ClassTerms, Estimate, PlanePoint } from './types';

/** Which mixture-entropy bound to use. */
export type KdeBound = 'upper' | 'lower';

/**
 * Options of `kde` and `kdeEntropy`, declared in `specs/kde.ts`: `noiseVariance` (the VARIANCE of the Gaussian
 * noise added to each sample of T, in squared units of T; it sets the scale below which T's structure is ignored
 * and caps I(X;T) at ln n; default 1e-3, as in Saxe et al. 2018), `bound` ('upper' Kullback-Leibler or 'lower'
 * Bhattacharyya; default 'upper'), `threads` (worker threads for the pairwise pass, the calling one included:
 * an integer in [1, 64] or 'auto', every core when the pass is predicted to take 20 ms or more, else one; the
 * values are bit-identical for any count; default 'auto') and `units`.
 * `maxSamples` and `seed`: a seeded subset of the rows, stratified by label (see subsampling.ts); default all rows.
 */
export type KdeOptions = OptionsOf<typeof KDE_SPEC.params>;

/** The defaults of `kde` and `kdeEntropy` (from the spec). */
export const KDE_DEFAULTS = specDefaults(KDE_SPEC) as { noiseVariance: number; bound: KdeBound; threads: Threads; units: Units };

/** The entropies behind one KDE point, in nats. */
export interface KdeTerms {
  hT: number;
  hTgivenX: number;
  hTgivenY: number;
  /** H(T|Y=c) of each class with samples (ascending label order), the same bound as `hT`. */
  classes?: { label: number; n: number; hT: number }[];
}

/**
 * KDE bound on the mixture entropy from kernel row sums R_i (diagonal included) at variance `variance`, in nats:
 * d/2 + ln n + (d/2) ln(2 pi variance) - mean_i ln R_i.
 */
function entropyFromRowSums(rowSums: Float64Array, from: number, to: number, d: number, variance: number): number {
  const count = to - from;
  let meanLog = 0;
  for (let i = from; i < to; i++) meanLog += Math.log(rowSums[i]);
  meanLog /= count;
  return d / 2 + Math.log(count) + (d / 2) * Math.log(2 * Math.PI * variance) - meanLog;
}

/**
 * H(T), H(T|X) and sum_y p(y) H(T|Y=y) in nats, from ONE fused pass over the pairs of T (rows grouped by class).
 * Kernel: trusts its input (labels.n === t.n, variance > 0).
 */
export function kdeTerms(t: Samples, labels: Labels, variance: number, bound: KdeBound, threads: Threads = 1): KdeTerms {
  const { n, d } = t;
  const kernelVariance = bound === 'lower' ? 4 * variance : variance;
  const shift = bound === 'lower' ? (d / 2) * Math.log(0.25) : 0;
  const classes = labels.classes.length;
  const { sorted, groupEnd, starts } = sortByGroup(t, labels.ids, classes);
  const sums = gaussianRowSumsThreaded(sorted, 1 / (2 * kernelVariance), groupEnd, threads);
  const hT = entropyFromRowSums(sums.all, 0, n, d, kernelVariance) + shift;
  let hTgivenY = 0;
  const perClass: { label: number; n: number; hT: number }[] = [];
  for (let c = 0; c < classes; c++) {
    const from = starts[c];
    const to = starts[c + 1];
    if (to === from) continue;
    const hc = entropyFromRowSums(sums.within, from, to, d, kernelVariance) + shift;
    perClass.push({ label: labels.classes[c], n: to - from, hT: hc });
    hTgivenY += ((to - from) / n) * hc;
  }
  const hTgivenX = (d / 2) * (Math.log(2 * Math.PI * variance) + 1);
  return { hT, hTgivenX, hTgivenY, classes: perClass };
}

/** The bound on H(T) alone, in nats. Kernel: trusts its input. */
export function kdeEntropyNats(t: Samples, variance: number, bound: KdeBound, threads: Threads = 1): number {
  const kernelVariance = bound === 'lower' ? 4 * variance : variance;
  const shift = bound === 'lower' ? (t.d / 2) * Math.log(0.25) : 0;
  const { all } = gaussianRowSumsThreaded(t, 1 / (2 * kernelVariance), undefined, threads);
  return entropyFromRowSums(all, 0, t.n, t.d, kernelVariance) + shift;
}

/**
 * The diagnostic facts of a KDE estimate (`kde-regime`): the kernel variance as applied (x4 for the lower bound,
 * x `scale` for adaptive KDE) and mean_i ln R_i recovered from the bound on H(T) in nats.
 */
export function kdeFacts(t: Samples, variance: number, bound: KdeBound, hTNats: number, scale = 1): DiagnosticFacts {
  const factor = bound === 'lower' ? 4 : 1;
  const kernelVariance = factor * variance;
  const shift = bound === 'lower' ? (t.d / 2) * Math.log(0.25) : 0;
  return { kde: { t, kernelVariance, varianceScale: factor * scale, meanLogRowSum: meanLogRowSum(hTNats - shift, t.n, t.d, kernelVariance) } };
}

/**
 * A PlanePoint from KDE terms in nats, with I(X;T|Y) = H(T|Y) - H(T|X) (given X the centre is fixed, so Y adds
 * nothing: H(T|X,Y) = H(T|X)) and the warnings of `facts`.
 */
export function kdePlanePoint(terms: KdeTerms, units: Units, params: Record<string, unknown>, facts: DiagnosticFacts = {}): PlanePoint {
  return diagnose(
    {
      ixt: fromNats(terms.hT - terms.hTgivenX, units),
      ity: fromNats(terms.hT - terms.hTgivenY, units),
      hT: fromNats(terms.hT, units),
      hTgivenX: fromNats(terms.hTgivenX, units),
      hTgivenY: fromNats(terms.hTgivenY, units),
      ixtGivenY: fromNats(terms.hTgivenY - terms.hTgivenX, units),
      ...(terms.classes ? { perClass: kdeClassTerms(terms, units) } : {}),
      units,
      params,
      warnings: [],
    },
    facts,
  );
}

/**
 * The per-class terms of a KDE point: H(T|Y=c) (the bound of `hT`), p_c (H(T) - H(T|Y=c)) and
 * I(X;T|Y=c) = H(T|Y=c) - H(T|X). With either bound the terms sum to the point's `ity`: H(T) and every H(T|Y=c)
 * use the same bound, so ity = H(T) - sum_c p_c H(T|Y=c) = sum_c p_c (H(T) - H(T|Y=c)) (with the lower bound
 * this is the plug-in of the lower bounds, not itself a bound on I(T;Y)).
 */
function kdeClassTerms(terms: KdeTerms, units: Units): ClassTerms[] {
  const total = terms.classes!.reduce((sum, c) => sum + c.n, 0);
  return terms.classes!.map(({ label, n, hT }) => {
    const weight = n / total;
    return {
      label,
      n,
      weight,
      hTgivenY: fromNats(hT, units),
      ityTerm: fromNats(weight * (terms.hT - hT), units),
      ixtGivenY: fromNats(hT - terms.hTgivenX, units),
    };
  });
}

/**
 * KDE bounds on the information plane of one layer: I(X;T) and I(T;Y), with H(T), H(T|X) and H(T|Y).
 *
 * I(X;T) = H(T) - H(T|X) where H(T|X) = (d/2)(ln(2 pi var) + 1) is the entropy of the added Gaussian noise;
 * I(T;Y) = H(T) - sum_y p(y) H(T|Y=y); H(T) and every H(T|Y=y) use the same bound. With the upper bound,
 * I(X;T) = ln n - mean_i ln sum_j exp(-D_ij / (2 var)) <= ln n. Entropies may be negative (differential).
 * `perClass` lists each class's H(T|Y=y), its term p(y) (H(T) - H(T|Y=y)) of I(T;Y) (the terms sum to `ity`, for
 * either bound) and I(X;T|Y=y) = H(T|Y=y) - H(T|X), from the same pass.
 *
 * Unit: `units` (bits by default; computed in nats and converted once). Cost: one fused pass over the n(n-1)/2
 * pairs of T, O(n^2 d / 2) time and O(n + n d) memory (no n x n matrix), in WebAssembly SIMD where available:
 * about 0.1 s at n = 4096, d = 12 and 2 s at n = 20000, d = 64 on one thread (`threads` splits it over worker
 * threads; 'auto', the default, uses every core for such sizes: 1.1 s on two).
 * Reference: Kolchinsky & Tracey 2017; Saxe et al. 2018 (`artemyk/ibsgd`, kde.py), whose values it reproduces.
 *
 * @param x the network input, one row per sample; only its sample count is used (H(T|X) is a closed form).
 * @param t the layer's activations, one row per sample.
 * @param labels integer class labels (or a one-hot matrix), one per sample.
 * @param options `noiseVariance`, `bound`, `units`, `threads`; see {@link KdeOptions}.
 * @returns a PlanePoint; `params` = `{noiseVariance, bound}` (threads change only the speed).
 * @throws InfoplaneError for NaN/Infinity, ragged or empty data, fewer than 2 samples, mismatched counts,
 *   invalid labels, noiseVariance <= 0, an unknown bound, units or option.
 * @example
 * kde(x, t, labels, {noiseVariance: 1e-3});
 * // => {ixt: 9.449, ity: 0.996, hT: -11.10, hTgivenX: -20.55, hTgivenY: -12.10, units: 'bits',
 * //     params: {noiseVariance: 0.001, bound: 'upper'}}   (the ib12 layer of the reference cases, n = 700)
 */
export function kde(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: KdeOptions = {}): PlanePoint {
  return subsampledPoint(KDE_SPEC, 'kde', kdeAllRows, x, t, labels, options);
}

/** `kde` on every row it is given (the rows `maxSamples` drew, or all). */
function kdeAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: KdeOptions = {}): PlanePoint {
  const fn = 'kde';
  const { noiseVariance, bound, units, threads } = resolveOptions(KDE_SPEC, fn, options, 'point');
  const inputs = planeInputs(fn, x, t, labels);
  const terms = kdeTerms(inputs.t, inputs.labels, noiseVariance, bound, threads);
  return kdePlanePoint(terms, units, { noiseVariance, bound }, { ...kdeFacts(inputs.t, noiseVariance, bound, terms.hT), n: inputs.x.n, x: inputs.x, labels: inputs.labels });
}

/**
 * KDE bound on the differential entropy H(T) of a Gaussian mixture centred on the rows of `t`
 * (see {@link kde} for the formula). Unit: `units` (bits by default); may be negative.
 * Cost: O(n^2 d / 2) time, O(n) extra memory. Reference: Kolchinsky & Tracey 2017.
 * @throws InfoplaneError for invalid data, fewer than 2 samples, noiseVariance <= 0, unknown options.
 * @example
 * kdeEntropy(t, {noiseVariance: 1e-2, bound: 'lower'}); // => {value: -3.14, units: 'bits', params: {noiseVariance: 0.01, bound: 'lower'}}
 */
export function kdeEntropy(t: SamplesLike, options: KdeOptions = {}): Estimate {
  return subsampledEntropy(KDE_SPEC, 'kdeEntropy', kdeEntropyAllRows, t, options, 't');
}

/** `kdeEntropy` on every row it is given (the rows `maxSamples` drew, or all). */
function kdeEntropyAllRows(t: SamplesLike, options: KdeOptions = {}): Estimate {
  const fn = 'kdeEntropy';
  const { noiseVariance, bound, units, threads } = resolveOptions(KDE_SPEC, fn, options, 'entropy');
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const nats = kdeEntropyNats(ts, noiseVariance, bound, threads);
  return diagnose({ value: fromNats(nats, units), units, params: { noiseVariance, bound }, warnings: [] }, { ...kdeFacts(ts, noiseVariance, bound, nats), n: ts.n });
}

/**
 * The adaptive-KDE pipeline of the released code of Chelombiev, Houghton & O'Donnell 2019
 * (`calc_kde_info_for_layer`): t' = |t + noise|, then the KDE UPPER bound with variance 0.01 (no scaling by
 * max(t)). Their code draws `noise` ~ N(0, 0.01^2) afresh; here it is given, so the result is reproducible.
 * Not a public estimator name (see `adaptiveKde` for the paper's definition); kept to check the reference.
 * Unit: `units` (bits by default). Cost: as {@link kde}.
 * @example
 * kdeChelombievPipeline(t, noise, labels); // => {ixt: 8.36, ity: 0.996, units: 'bits', ...}
 */
export function kdeChelombievPipeline(
  t: SamplesLike,
  noise: SamplesLike,
  labels: SamplesLike | Labels,
  options: { units?: Units } = {},
): PlanePoint {
  const { units = KDE_DEFAULTS.units } = options;
  const fn = 'kdeChelombievPipeline';
  checkOptionNames(fn, options, ['units']);
  checkUnits(fn, units);
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const ns = toSamples(noise, { fn, param: 'noise', minSamples: 2 });
  if (ns.n !== ts.n || ns.d !== ts.d) {
    fail('length_mismatch', { fn, param: 'noise', expected: `the shape of t (${ts.n} x ${ts.d})`, received: `${ns.n} x ${ns.d}` });
  }
  const shifted = new Float64Array(ts.data.length);
  for (let i = 0; i < shifted.length; i++) shifted[i] = Math.abs(ts.data[i] + ns.data[i]);
  const noiseVariance = 0.01;
  return kde(ts, { data: shifted, n: ts.n, d: ts.d }, labels, { noiseVariance, bound: 'upper', units });
}

/**
 * Class labels for I(T;Y) of the KDE bounds: a continuous `b` (a `Samples` object) is refused; KDE bounds give
 * I(T;Y) for discrete Y only (use `kde` for I(X;T)).
 */
export function requireLabels(fn: string, b: SamplesLike | Labels): Labels {
  if (isSamples(b)) {
    fail('invalid_type', {
      fn,
      param: 'b',
      expected: 'integer class labels (KDE bounds give I(T;Y) for discrete Y; use point for I(X;T))',
      received: `a continuous variable of ${b.n} x ${b.d} values`,
    });
  }
  return isLabels(b) ? b : toLabels(b, { fn, param: 'b' });
}

/**
 * The KDE bound on I(A;Y) = H(A) - sum_y p(y) H(A|Y=y) for integer class labels Y (the I(T;Y) of {@link kde}).
 * Unit: `units` (bits by default). Cost: as {@link kde}.
 * @throws InfoplaneError as {@link kde}, and for a continuous `labels` (a `Samples` object).
 * @example
 * kdeMutualInformation(t, labels); // => {value: 0.996, units: 'bits', params: {noiseVariance: 0.001, bound: 'upper'}, warnings: []}
 */
export function kdeMutualInformation(a: SamplesLike, labels: SamplesLike | Labels, options: KdeOptions = {}): Estimate {
  return subsampledMi(KDE_SPEC, 'kdeMutualInformation', kdeMutualInformationAllRows, a, labels, options, 'labels', ['a', 'labels']);
}

/** `kdeMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function kdeMutualInformationAllRows(a: SamplesLike, labels: SamplesLike | Labels, options: KdeOptions = {}): Estimate {
  const fn = 'kdeMutualInformation';
  const { noiseVariance, bound, units, threads } = resolveOptions(KDE_SPEC, fn, options, 'mi');
  const { t, labels: ys } = planeInputs(fn, a, a, requireLabels(fn, labels));
  const terms = kdeTerms(t, ys, noiseVariance, bound, threads);
  const point = kdePlanePoint(terms, units, { noiseVariance, bound }, { ...kdeFacts(t, noiseVariance, bound, terms.hT), n: t.n });
  return diagnose({ value: point.ity, units, params: point.params, warnings: point.warnings }, { labels: ys });
}
