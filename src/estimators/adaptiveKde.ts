/**
 * Adaptive KDE (Chelombiev, Houghton & O'Donnell 2019, as the paper describes it): the KDE bounds of
 * {@link kde} with a noise variance proportional to the layer's activity, var = noiseVariance x max(T)
 * (the maximum over all units and samples of this layer at this epoch), so that layers of different scale
 * (ReLU layers growing during training) are compared at the same relative resolution.
 */
import { fail } from '../core/errors';
import { Labels } from '../core/labels';
import { Samples, SamplesLike } from '../core/samples';
import { Units } from '../core/units';
import { KdeBound, kdePlanePoint, kdeTerms, planeInputs, requireLabels, resolveKdeOptions } from './kde';
import { EstimatorSpec, SpecOptions } from './spec';
import { PlanePoint } from './types';

export interface AdaptiveKdeOptions {
  /**
   * Base noise variance, multiplied by max(T) to give the kernel variance actually used (reported as
   * `params.effectiveVariance`). Defaults to 1e-3, the paper's value.
   */
  noiseVariance?: number;
  /** `'upper'` (Kullback-Leibler) or `'lower'` (Bhattacharyya) bound. Defaults to 'upper'. */
  bound?: KdeBound;
  /** Units of the results: `'bits'` or `'nats'`. Defaults to 'bits'. */
  units?: Units;
  /** Threads for the pairwise pass (see `KdeOptions.threads`), an integer in [1, 64]. Defaults to 1. */
  threads?: number;
}

export const ADAPTIVE_KDE_DEFAULTS = { noiseVariance: 1e-3, bound: 'upper', units: 'bits', threads: 1 } as const;

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
  const fn = 'adaptiveKde';
  const { noiseVariance, bound, units, threads } = resolveKdeOptions(fn, options);
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
  return kdePlanePoint(kdeTerms(inputs.t, inputs.labels, effectiveVariance, bound, threads), units, {
    noiseVariance,
    effectiveVariance,
    bound,
  });
}

/** CLI estimator `adaptive-kde`: KDE bounds with var = noiseVariance x max(T) (Chelombiev et al. 2019). */
export const adaptiveKdeSpec: EstimatorSpec = {
  name: 'adaptive-kde',
  summary: 'adaptive KDE (Chelombiev et al. 2019): KDE bounds with noise variance = noiseVariance x max(T)',
  params: [
    { name: 'noiseVariance', kind: 'number', description: 'base variance, multiplied by max(T). Defaults to 1e-3.' },
    { name: 'bound', kind: 'choice', choices: ['upper', 'lower'], description: "'upper' (KL) or 'lower' (Bhattacharyya). Defaults to 'upper'." },
    { name: 'threads', kind: 'integer', description: 'threads for the pairwise pass (worker threads, synchronous result). Defaults to 1.' },
  ],
  point: (x, t, labels, options: SpecOptions) => adaptiveKde(x, t, labels, options as AdaptiveKdeOptions),
  mi: (a, b, options: SpecOptions) => {
    const point = adaptiveKde(a, a, requireLabels('adaptive-kde', b), options as AdaptiveKdeOptions);
    return { value: point.ity, units: point.units, params: point.params };
  },
};
