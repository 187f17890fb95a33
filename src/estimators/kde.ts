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
import { gaussianRowSumsThreaded } from '../core/kernels/kernelThreads';
import { sortByGroup } from '../core/kernels/sortByGroup';
import { isLabels, Labels } from '../core/labels';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkChoice, checkNumber, checkOptionNames, checkUnits } from '../core/validate';
import { EstimatorSpec, SpecOptions } from './spec';
import { planeInputs } from '../core/planeInputs';
import { Estimate, PlanePoint } from './types';

/** Which mixture-entropy bound to use. */
export type KdeBound = 'upper' | 'lower';

export interface KdeOptions {
  /**
   * Variance of the Gaussian noise added to each sample of T (a VARIANCE, in squared units of T). It sets the
   * scale below which T's structure is ignored and caps I(X;T) at ln n. Defaults to 1e-3, as in the reference
   * notebooks (Saxe et al. 2018).
   */
  noiseVariance?: number;
  /** `'upper'` (Kullback-Leibler) or `'lower'` (Bhattacharyya) bound on the mixture entropy. Defaults to 'upper'. */
  bound?: KdeBound;
  /** Units of the results: `'bits'` or `'nats'`. Defaults to 'bits'. */
  units?: Units;
  /**
   * Threads for the pairwise pass (the calling one included), an integer in [1, 64]. Above 1, a persistent pool
   * of worker threads shares the work and the call still returns synchronously; the values are the same up to
   * rounding (~1e-16 relative). Worth it from n ~ 1000 up. Defaults to 1.
   */
  threads?: number;
}

export const KDE_DEFAULTS = { noiseVariance: 1e-3, bound: 'upper', units: 'bits', threads: 1 } as const;

/** The option names of `kde`, `kdeEntropy` and `adaptiveKde`. */
export const KDE_OPTION_NAMES = ['noiseVariance', 'bound', 'units', 'threads'] as const;

/** Validate the `threads` option. */
export function checkThreads(fn: string, threads: unknown): number {
  return checkNumber(fn, 'threads', threads, { min: 1, max: 64, integer: true });
}

/** Validate KDE options (shared by `kde`, `kdeEntropy` and `adaptiveKde`) and fill in the defaults. */
export function resolveKdeOptions(fn: string, options: KdeOptions): { noiseVariance: number; bound: KdeBound; units: Units; threads: number } {
  const {
    noiseVariance = KDE_DEFAULTS.noiseVariance,
    bound = KDE_DEFAULTS.bound,
    units = KDE_DEFAULTS.units,
    threads = KDE_DEFAULTS.threads,
  } = options;
  checkOptionNames(fn, options, KDE_OPTION_NAMES);
  checkNumber(fn, 'noiseVariance', noiseVariance, { min: 0, minExclusive: true });
  checkChoice(fn, 'bound', bound, ['upper', 'lower'] as const);
  checkUnits(fn, units);
  checkThreads(fn, threads);
  return { noiseVariance, bound, units, threads };
}

/** The entropies behind one KDE point, in nats. */
export interface KdeTerms {
  hT: number;
  hTgivenX: number;
  hTgivenY: number;
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
export function kdeTerms(t: Samples, labels: Labels, variance: number, bound: KdeBound, threads = 1): KdeTerms {
  const { n, d } = t;
  const kernelVariance = bound === 'lower' ? 4 * variance : variance;
  const shift = bound === 'lower' ? (d / 2) * Math.log(0.25) : 0;
  const classes = labels.classes.length;
  const { sorted, groupEnd, starts } = sortByGroup(t, labels.ids, classes);
  const sums = gaussianRowSumsThreaded(sorted, 1 / (2 * kernelVariance), groupEnd, threads);
  const hT = entropyFromRowSums(sums.all, 0, n, d, kernelVariance) + shift;
  let hTgivenY = 0;
  for (let c = 0; c < classes; c++) {
    const from = starts[c];
    const to = starts[c + 1];
    if (to === from) continue;
    hTgivenY += ((to - from) / n) * (entropyFromRowSums(sums.within, from, to, d, kernelVariance) + shift);
  }
  const hTgivenX = (d / 2) * (Math.log(2 * Math.PI * variance) + 1);
  return { hT, hTgivenX, hTgivenY };
}

/** The bound on H(T) alone, in nats. Kernel: trusts its input. */
export function kdeEntropyNats(t: Samples, variance: number, bound: KdeBound, threads = 1): number {
  const kernelVariance = bound === 'lower' ? 4 * variance : variance;
  const shift = bound === 'lower' ? (t.d / 2) * Math.log(0.25) : 0;
  const { all } = gaussianRowSumsThreaded(t, 1 / (2 * kernelVariance), undefined, threads);
  return entropyFromRowSums(all, 0, t.n, t.d, kernelVariance) + shift;
}

/** A PlanePoint from KDE terms in nats. */
export function kdePlanePoint(terms: KdeTerms, units: Units, params: Record<string, unknown>): PlanePoint {
  return {
    ixt: fromNats(terms.hT - terms.hTgivenX, units),
    ity: fromNats(terms.hT - terms.hTgivenY, units),
    hT: fromNats(terms.hT, units),
    hTgivenX: fromNats(terms.hTgivenX, units),
    hTgivenY: fromNats(terms.hTgivenY, units),
    units,
    params,
  };
}

export { planeInputs } from '../core/planeInputs';

/**
 * KDE bounds on the information plane of one layer: I(X;T) and I(T;Y), with H(T), H(T|X) and H(T|Y).
 *
 * I(X;T) = H(T) - H(T|X) where H(T|X) = (d/2)(ln(2 pi var) + 1) is the entropy of the added Gaussian noise;
 * I(T;Y) = H(T) - sum_y p(y) H(T|Y=y); H(T) and every H(T|Y=y) use the same bound. With the upper bound,
 * I(X;T) = ln n - mean_i ln sum_j exp(-D_ij / (2 var)) <= ln n. Entropies may be negative (differential).
 *
 * Unit: `units` (bits by default; computed in nats and converted once). Cost: one fused pass over the n(n-1)/2
 * pairs of T, O(n^2 d / 2) time and O(n + n d) memory (no n x n matrix): about 0.1 s at n = 4096, d = 12 and
 * 4 s at n = 20000, d = 64 on one thread (`threads` splits it over worker threads).
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
  const fn = 'kde';
  const { noiseVariance, bound, units, threads } = resolveKdeOptions(fn, options);
  const inputs = planeInputs(fn, x, t, labels);
  return kdePlanePoint(kdeTerms(inputs.t, inputs.labels, noiseVariance, bound, threads), units, { noiseVariance, bound });
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
  const fn = 'kdeEntropy';
  const { noiseVariance, bound, units, threads } = resolveKdeOptions(fn, options);
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const nats = kdeEntropyNats(ts, noiseVariance, bound, threads);
  return { value: fromNats(nats, units), units, params: { noiseVariance, bound } };
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

/** Spec helpers shared with adaptive KDE: I(A;Y) for class labels only. */
export function requireLabels(fn: string, b: Samples | Labels): Labels {
  if (!isLabels(b)) {
    fail('invalid_type', {
      fn,
      param: 'b',
      expected: 'integer class labels (KDE bounds give I(T;Y) for discrete Y; use point for I(X;T))',
      received: `a continuous variable of ${(b as Samples).n} x ${(b as Samples).d} values`,
    });
  }
  return b;
}

function specKdeOptions(options: SpecOptions): KdeOptions {
  return options as KdeOptions;
}

/** CLI estimator `kde`: KDE upper/lower bounds (Kolchinsky & Tracey 2017). */
export const kdeSpec: EstimatorSpec = {
  name: 'kde',
  summary: 'KDE mixture-entropy bounds (Kolchinsky & Tracey 2017): I(X;T), I(T;Y) and H(T) of a noisy layer',
  params: [
    { name: 'noiseVariance', kind: 'number', description: 'variance of the Gaussian noise (a variance, not a std). Defaults to 1e-3.' },
    { name: 'bound', kind: 'choice', choices: ['upper', 'lower'], description: "mixture-entropy bound, 'upper' (KL) or 'lower' (Bhattacharyya). Defaults to 'upper'." },
    { name: 'threads', kind: 'integer', description: 'threads for the pairwise pass (worker threads, synchronous result). Defaults to 1.' },
  ],
  point: (x, t, labels, options) => kde(x, t, labels, specKdeOptions(options)),
  mi: (a, b, options) => {
    const point = kde(a, a, requireLabels('kde', b), specKdeOptions(options));
    return { value: point.ity, units: point.units, params: point.params };
  },
  entropy: (a, options) => kdeEntropy(a, specKdeOptions(options)),
};
