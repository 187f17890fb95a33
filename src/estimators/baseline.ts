/**
 * A bias floor by shuffling: the estimate with the labels (or the second variable) permuted R times. A permuted
 * Y carries no information about T, so the shuffled estimates show what the estimator reports for nothing: an
 * I(T;Y) inside their spread is not evidence of information. Permutations are seeded (reproducible).
 */
import { describeValue, fail } from '../core/errors';
import { isLabels, Labels, toLabels } from '../core/labels';
import { permutation, randomSource } from '../core/random';
import { isSamples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { checkNumber, checkOptionNames } from '../core/validate';
import { estimatorSpec } from './registry';
import { EstimatorSpec } from './specs/spec';

/** Options of the shuffle baseline: `shuffles` (R, an integer in [1, 10000]) and `seed` (of the permutations; default 0). */
export interface BaselineOptions {
  shuffles: number;
  seed?: number;
}

/** The shuffled estimates' summary, in the estimate's units. */
export interface ShuffleBaseline {
  shuffles: number;
  seed: number;
  mean: number;
  /** Sample standard deviation (R - 1 in the denominator; 0 for one shuffle). */
  sd: number;
  min: number;
  max: number;
  /** Every shuffled estimate, in shuffle order. */
  values: number[];
}

/** A uniformly random permutation of 0..n-1 (one implementation, in core/random). */
export { permutation };

/** Labels with their per-sample classes permuted by `p` (same classes and counts). */
export function permuteLabels(labels: Labels, p: Int32Array): Labels {
  const ids = new Int32Array(labels.n);
  for (let i = 0; i < labels.n; i++) ids[i] = labels.ids[p[i]];
  return { ids, classes: labels.classes, counts: labels.counts, n: labels.n };
}

/** Mean, sd, min and max of values. */
export function summarizeShuffles(values: number[], seed: number): ShuffleBaseline {
  const r = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / r;
  const sd = r > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (r - 1)) : 0;
  return { shuffles: r, seed, mean, sd, min: Math.min(...values), max: Math.max(...values), values };
}

function checkBaseline(fn: string, options: BaselineOptions): { shuffles: number; seed: number } {
  if (typeof options !== 'object' || options === null) fail('invalid_type', { fn, param: 'baseline', expected: 'an object {shuffles, seed?}', received: describeValue(options) });
  checkOptionNames(fn, options, ['shuffles', 'seed']);
  checkNumber(fn, 'shuffles', options.shuffles, { integer: true, min: 1, max: 10000 });
  const seed = options.seed ?? 0;
  checkNumber(fn, 'seed', seed, { integer: true, min: 0 });
  return { shuffles: options.shuffles, seed };
}

function specOf(fn: string, estimator: string | EstimatorSpec): EstimatorSpec {
  return typeof estimator === 'string' ? estimatorSpec(estimator, fn) : estimator;
}

/**
 * The I(T;Y) an estimator gives with the labels permuted `shuffles` times (seeded): the floor under which an
 * information-plane I(T;Y) means nothing. Cost: `shuffles` estimates.
 *
 * @param estimator a registered name (`binning`, `kde`...) or spec with a `point` operation
 * @param options `{shuffles, seed}` and the estimator's own options under `estimatorOptions`
 * @example
 * pointBaseline('binning', x, t, labels, {shuffles: 20}); // => {shuffles: 20, seed: 0, mean: 0.21, sd: 0.03, ...}
 */
export function pointBaseline(
  estimator: string | EstimatorSpec,
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: BaselineOptions & { estimatorOptions?: Record<string, unknown> },
): ShuffleBaseline {
  const fn = 'pointBaseline';
  const { estimatorOptions = {}, ...rest } = options ?? ({} as BaselineOptions);
  const { shuffles, seed } = checkBaseline(fn, rest as BaselineOptions);
  const spec = specOf(fn, estimator);
  if (!spec.point) fail('invalid_option', { fn, param: 'estimator', expected: 'an estimator with information-plane points', received: spec.name });
  const ys = toLabels(labels as SamplesLike | Labels, { fn, param: 'labels' });
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const random = randomSource(seed);
  const values: number[] = [];
  for (let r = 0; r < shuffles; r++) values.push(spec.point(xs, ts, permuteLabels(ys, permutation(ys.n, random)), estimatorOptions).ity);
  return summarizeShuffles(values, seed);
}

/**
 * The I(A;B) an estimator gives with the rows of `b` (labels or a variable) permuted `shuffles` times (seeded).
 * Cost: `shuffles` estimates.
 * @example
 * miBaseline('ksg', a, b, {shuffles: 50, seed: 1}).mean; // => ~0 (KSG is nearly unbiased under independence)
 */
export function miBaseline(
  estimator: string | EstimatorSpec,
  a: SamplesLike,
  b: SamplesLike | Labels,
  options: BaselineOptions & { estimatorOptions?: Record<string, unknown> },
): ShuffleBaseline {
  const fn = 'miBaseline';
  const { estimatorOptions = {}, ...rest } = options ?? ({} as BaselineOptions);
  const { shuffles, seed } = checkBaseline(fn, rest as BaselineOptions);
  const spec = specOf(fn, estimator);
  if (!spec.mi) fail('invalid_option', { fn, param: 'estimator', expected: 'an estimator with a mutual information', received: spec.name });
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  const random = randomSource(seed);
  const values: number[] = [];
  if (isLabels(b)) {
    for (let r = 0; r < shuffles; r++) values.push(spec.mi(as, permuteLabels(b, permutation(b.n, random)), estimatorOptions).value);
  } else {
    const bs = isSamples(b) ? b : toSamples(b, { fn, param: 'b', minSamples: 2 });
    for (let r = 0; r < shuffles; r++) values.push(spec.mi(as, selectRows(bs, permutation(bs.n, random)), estimatorOptions).value);
  }
  return summarizeShuffles(values, seed);
}
