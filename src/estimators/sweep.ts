/**
 * Bandwidth / variance diagnostics: evaluate an estimator over a grid of one parameter, for sensitivity plots.
 * Every kernel estimator's result depends on its bandwidth (KDE noise variance, CS sigma); a sweep shows how
 * much, and whether the information-plane picture survives a change of scale.
 */
import { planeInputs } from '../core/planeInputs';
import { fail } from '../core/errors';
import { Labels } from '../core/labels';
import { Samples, SamplesLike } from '../core/samples';
import { Units } from '../core/units';
import { checkChoice, checkOptionNames } from '../core/validate';
import { ESTIMATORS, estimatorSpec } from './registry';
import { PlanePoint, UsedParams } from './types';

/** An information-plane estimator as a function: the shape of `kde`, `adaptiveKde`, `csPoint`. */
export type PointFunction = (x: Samples, t: Samples, labels: Labels, options: Record<string, unknown>) => PlanePoint;

/** The estimators `sweep` knows by name: every registered estimator with an information-plane point. */
export function sweepEstimatorNames(): string[] {
  return ESTIMATORS.filter((e) => e.point).map((e) => e.name);
}

function pointOf(fn: string, name: string): PointFunction {
  const spec = estimatorSpec(name, fn);
  if (!spec.point) checkChoice(fn, 'estimator', name, sweepEstimatorNames());
  return (x, t, labels, options) => spec.point!(x, t, labels, options);
}

export interface SweepOptions {
  /** The option to vary, e.g. `'noiseVariance'` for KDE or `'sigma'` / `'sigmaT'` for CS. Required. */
  param: string;
  /** The grid of values the option takes, in order (numbers, or rule names such as 'median'). Required, non-empty. */
  values: ReadonlyArray<number | string>;
  /** The estimator's other options, held fixed (e.g. `{bound: 'lower', units: 'nats'}`). Defaults to {}. */
  options?: Record<string, unknown>;
}

export interface SweepResult {
  /** The estimator's name (or 'custom' for a function). */
  estimator: string;
  param: string;
  values: Array<number | string>;
  /** I(X;T) at each value, in `units`. */
  ixt: number[];
  /** I(T;Y) at each value, in `units`. */
  ity: number[];
  units: Units;
  /** The parameters each point actually used (resolved bandwidths, effective variances). */
  params: UsedParams[];
}

/**
 * Evaluate an information-plane estimator over a grid of one of its parameters.
 *
 * The data are validated and converted once; each grid value costs one estimator call (e.g. O(n^2 d / 2) for
 * KDE). Unit: the estimator's (`options.units`, bits by default).
 *
 * @param estimator the name of a registered estimator with a point (`'binning'`, `'kde'`, `'cs'`, ...; see
 *   {@link sweepEstimatorNames}), or any {@link PointFunction}.
 * @param x network input; t layer activations; labels integer class labels.
 * @throws InfoplaneError for an unknown estimator, a missing param, an empty grid, invalid data, or (from the
 *   estimator) an invalid value of the grid, naming that parameter.
 * @example
 * sweep('kde', x, t, labels, {param: 'noiseVariance', values: [1e-4, 1e-3, 1e-2]});
 * // => {estimator: 'kde', param: 'noiseVariance', values: [0.0001, 0.001, 0.01],
 * //     ixt: [9.451, 9.449, 9.064], ity: [0.996, 0.996, 0.956], units: 'bits', params: [...]}   (ib12 layer)
 */
export function sweep(
  estimator: string | PointFunction,
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: SweepOptions,
): SweepResult {
  const fn = 'sweep';
  const { param, values, options: fixed = {} } = options ?? ({} as SweepOptions);
  checkOptionNames(fn, options, ['param', 'values', 'options']);
  let point: PointFunction;
  let name: string;
  if (typeof estimator === 'function') {
    point = estimator;
    name = 'custom';
  } else {
    name = estimator;
    point = pointOf(fn, estimator);
  }
  if (typeof param !== 'string' || param.length === 0) {
    fail('invalid_type', { fn, param: 'param', expected: 'the name of an option to vary', received: String(param) });
  }
  if (!Array.isArray(values) || values.length === 0) {
    fail('empty', { fn, param: 'values', expected: 'a non-empty array of values', received: Array.isArray(values) ? 'an empty array' : String(values) });
  }
  if (typeof fixed !== 'object' || fixed === null) {
    fail('invalid_type', { fn, param: 'options', expected: 'an object of fixed options', received: String(fixed) });
  }
  const { x: xs, t: ts, labels: ls } = planeInputs(fn, x, t, labels);
  const ixt: number[] = [];
  const ity: number[] = [];
  const params: UsedParams[] = [];
  let units: Units = 'bits';
  for (const value of values) {
    const p = point(xs, ts, ls, { ...fixed, [param]: value });
    ixt.push(p.ixt);
    ity.push(p.ity);
    params.push(p.params);
    units = p.units;
  }
  return { estimator: name, param, values: values.slice(), ixt, ity, units, params };
}

/**
 * The most general sweep: `estimate(value)` for each value of `grid`, in order. Use it for a single number
 * (an entropy, a CS divergence) as a function of a bandwidth.
 * @example
 * bandwidthSweep((v) => kdeEntropy(t, {noiseVariance: v}).value, [1e-3, 1e-2]); // => {values: [...], estimates: [...]}
 */
export function bandwidthSweep<V>(estimate: (value: V) => number, grid: readonly V[]): { values: V[]; estimates: number[] } {
  if (typeof estimate !== 'function') {
    fail('invalid_type', { fn: 'bandwidthSweep', param: 'estimate', expected: 'a function (value) => number', received: typeof estimate });
  }
  if (!Array.isArray(grid) || grid.length === 0) {
    fail('empty', { fn: 'bandwidthSweep', param: 'grid', expected: 'a non-empty array of values', received: Array.isArray(grid) ? 'an empty array' : String(grid) });
  }
  return { values: grid.slice(), estimates: grid.map((v) => estimate(v)) };
}
