/**
 * Adaptive KDE (Chelombiev, Houghton & O'Donnell 2019, as the paper describes it): the KDE bounds of
 * {@link kde} with a noise variance proportional to the layer's activity, var = noiseVariance x max(T)
 * (the maximum over all units and samples of this layer at this epoch), so that layers of different scale
 * (ReLU layers growing during training) are compared at the same relative resolution.
 */
import { fail } from '../core/errors';
import { Labels } from '../core/labels';
import { Samples, SamplesLike } from '../core/samples';
import { Threads } from '../core/threads/kernelThreads';
import { Units } from '../core/units';
import { planeInputs } from '../core/planeInputs';
import { diagnose } from './diagnostics';
import { KdeBound, kdeFacts, kdePlanePoint, kdeTerms, requireLabels } from './kde';
import { ADAPTIVE_KDE_SPEC } from './specs/kde';
import { OptionsOf, resolveOptions, specDefaults } from './specs/spec';
import { subsampledMi, subsampledPoint } from './subsampling';
import { Estimate, PlanePoint } from './types';

/**
 * Options of `adaptiveKde`, declared in `specs/kde.ts`: `noiseVariance` (base noise variance, multiplied by max(T)
 * to give the kernel variance actually used, reported as `params.effectiveVariance`; default 1e-3, the paper's
 * value), `bound` ('upper' or 'lower'; default 'upper'), `threads` (see `KdeOptions`; default 'auto') and `units`.
 * `maxSamples` and `seed`: a seeded subset of the rows, stratified by label (see subsampling.ts); default all rows.
 */
export type AdaptiveKdeOptions = OptionsOf<typeof ADAPTIVE_KDE_SPEC.params>;

/** The defaults of `adaptiveKde` (from the spec). */
export const ADAPTIVE_KDE_DEFAULTS = specDefaults(ADAPTIVE_KDE_SPEC) as { noiseVariance: number; bound: KdeBound; threads: Threads; units: Units };

/** max over all entries of t. Kernel: trusts its input. */
function maxOf(t: Samples): number {
  let m = -Infinity;
  for (let i = 0; i < t.data.length; i++) if (t.data[i] > m) m = t.data[i];
  return m;
}

/**
 * Adaptive-KDE information-plane point: the KDE bounds with var = noiseVariance x max(T).
 *
 * Unit: `units` (bits by default). Cost: as {@link kde}, O(n^2 d / 2) time, O(n d) memory.
 * Reference: Chelombiev, Houghton & O'Donnell 2019 (the paper's definition; their released code instead adds
 * noise of std 0.01, takes abs() and uses var = 0.01: see `kdeChelombievPipeline`).
 *
 * @param x the network input (only its sample count is used).
 * @param t the layer's activations; max(t) must be > 0 (e.g. not an all-zero ReLU layer).
 * @param labels integer class labels (or a one-hot matrix).
 * @returns a PlanePoint; `params` = `{noiseVariance, effectiveVariance, bound}`.
 * @throws InfoplaneError as {@link kde}, and when max(t) <= 0.
 * @example
 * adaptiveKde(x, t, labels); // => {ixt: 9.44, ity: 1.99, params: {effectiveVariance: 0.00514, ...}, ...}
 */
export function adaptiveKde(
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: AdaptiveKdeOptions = {},
): PlanePoint {
  const full = (xs: SamplesLike, ts: SamplesLike, ls: SamplesLike | Labels, o: AdaptiveKdeOptions) => adaptiveKdeOf('adaptiveKde', xs, ts, ls, o, 'point');
  return subsampledPoint(ADAPTIVE_KDE_SPEC, 'adaptiveKde', full, x, t, labels, options);
}

function adaptiveKdeOf(fn: string, x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: AdaptiveKdeOptions, operation: 'point' | 'mi'): PlanePoint {
  const { noiseVariance, bound, units, threads } = resolveOptions(ADAPTIVE_KDE_SPEC, fn, options, operation);
  const inputs = planeInputs(fn, x, t, labels);
  const max = maxOf(inputs.t);
  if (!(max > 0)) {
    fail('out_of_range', {
      fn,
      param: 't',
      expected: 'activations with a positive maximum (the kernel variance is noiseVariance x max(t))',
      received: `max(t) = ${max}`,
      detail: 'an all-zero or all-negative layer; use kde with an explicit noiseVariance instead',
    });
  }
  const effectiveVariance = noiseVariance * max;
  const terms = kdeTerms(inputs.t, inputs.labels, effectiveVariance, bound, threads);
  const facts = kdeFacts(inputs.t, effectiveVariance, bound, terms.hT, max);
  // `mi` has no X (x = t here): only the labels' ceiling applies, added by the caller
  if (operation === 'point') Object.assign(facts, { n: inputs.x.n, x: inputs.x, labels: inputs.labels });
  return kdePlanePoint(terms, units, { noiseVariance, effectiveVariance, bound }, facts);
}

/**
 * The adaptive-KDE bound on I(A;Y) for integer class labels Y (the I(T;Y) of {@link adaptiveKde}).
 * Unit: `units` (bits by default). Cost: as {@link adaptiveKde}.
 * @throws InfoplaneError as {@link adaptiveKde}, and for a continuous `labels` (a `Samples` object).
 * @example
 * adaptiveKdeMutualInformation(t, labels); // => {value: 1.99, units: 'bits', params: {effectiveVariance: 0.00514, ...}, warnings: []}
 */
export function adaptiveKdeMutualInformation(a: SamplesLike, labels: SamplesLike | Labels, options: AdaptiveKdeOptions = {}): Estimate {
  return subsampledMi(ADAPTIVE_KDE_SPEC, 'adaptiveKdeMutualInformation', adaptiveKdeMutualInformationAllRows, a, labels, options, 'labels', ['a', 'labels']);
}

/** `adaptiveKdeMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function adaptiveKdeMutualInformationAllRows(a: SamplesLike, labels: SamplesLike | Labels, options: AdaptiveKdeOptions = {}): Estimate {
  const fn = 'adaptiveKdeMutualInformation';
  const ys = requireLabels(fn, labels);
  const point = adaptiveKdeOf(fn, a, a, ys, options, 'mi');
  return diagnose({ value: point.ity, units: point.units, params: point.params, warnings: point.warnings }, { labels: ys });
}
