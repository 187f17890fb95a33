/**
 * Error bars by the bootstrap: the estimate recomputed on B resamples of the samples (n rows drawn with
 * replacement, seeded), summarised by a percentile interval. For estimators without a natural standard error
 * (binning, KDE...). Resampling with replacement duplicates rows: k-NN estimators (KSG, KL) see zero distances
 * there, so use their own `standardError` instead; replicates that are not finite are counted (`nonFinite`), never
 * silently mixed into the interval. A resample holds about 63% distinct rows, so quantities that count distinct
 * inputs (a binned I(X;T) of distinct inputs, whose ceiling is log n) shrink under resampling: their interval
 * sits below the estimate, and its width (sd), not its location, is what it tells.
 */
import { describeValue, fail } from '../core/errors';
import { isLabels, Labels, toLabels } from '../core/labels';
import { randomSource, Random } from '../core/random';
import { isSamples, Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { checkNumber, checkOptionNames, checkSameCount } from '../core/validate';
import { estimatorSpec } from './registry';
import { EstimatorSpec } from './specs/spec';

/** Options of the bootstrap: `bootstrap` (B, an integer in [2, 10000]), `seed` (default 0), `level` (of the interval, in (0, 1); default 0.95). */
export interface BootstrapOptions {
  bootstrap: number;
  seed?: number;
  level?: number;
}

/** The bootstrap summary of one quantity, in the estimate's units. */
export interface BootstrapInterval {
  /** Mean of the finite replicates. */
  mean: number;
  /** Sample standard deviation of the finite replicates (B - 1 in the denominator). */
  sd: number;
  /** Percentile interval: the (1 - level)/2 and (1 + level)/2 quantiles of the finite replicates (linear interpolation). */
  lower: number;
  upper: number;
  /** Replicates that were not finite (left out of mean, sd and interval). */
  nonFinite: number;
}

/** A bootstrap over samples: settings and, per quantity, its interval. */
export interface Bootstrap<Q extends string> {
  bootstrap: number;
  seed: number;
  level: number;
  intervals: Record<Q, BootstrapInterval>;
}

/**
 * The q-quantile (q in [0, 1]) of sorted values by linear interpolation between order statistics (the "type 7"
 * definition of Hyndman & Fan, the default of R and numpy).
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean, sd and percentile interval of replicate values. */
export function summarizeReplicates(values: readonly number[], level: number): BootstrapInterval {
  const finite = values.filter((v) => Number.isFinite(v));
  const r = finite.length;
  const mean = r ? finite.reduce((a, b) => a + b, 0) / r : NaN;
  const sd = r > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (r - 1)) : NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  return { mean, sd, lower: quantileSorted(sorted, (1 - level) / 2), upper: quantileSorted(sorted, (1 + level) / 2), nonFinite: values.length - r };
}

/** n indices drawn uniformly with replacement from 0..n-1. */
export function resampleIndices(n: number, random: Random): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = random.int(n);
  return p;
}

/** Labels of rows `p` (classes that no drawn row has are dropped, as for any labels). */
export function selectLabels(labels: Labels, p: ArrayLike<number>): Labels {
  const raw = new Array<number>(p.length);
  for (let i = 0; i < p.length; i++) raw[i] = labels.classes[labels.ids[p[i]]];
  return toLabels(raw);
}

function checkBootstrap(fn: string, options: BootstrapOptions): { bootstrap: number; seed: number; level: number } {
  if (typeof options !== 'object' || options === null) fail('invalid_type', { fn, param: 'options', expected: 'an object {bootstrap, seed?, level?}', received: describeValue(options) });
  checkOptionNames(fn, options, ['bootstrap', 'seed', 'level']);
  checkNumber(fn, 'bootstrap', options.bootstrap, { integer: true, min: 2, max: 10000 });
  const seed = options.seed ?? 0;
  checkNumber(fn, 'seed', seed, { integer: true, min: 0 });
  const level = options.level ?? 0.95;
  checkNumber(fn, 'level', level, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  return { bootstrap: options.bootstrap, seed, level };
}

function specOf(fn: string, estimator: string | EstimatorSpec): EstimatorSpec {
  return typeof estimator === 'string' ? estimatorSpec(estimator, fn) : estimator;
}

function summarize<Q extends string>(settings: { bootstrap: number; seed: number; level: number }, replicates: Record<Q, number[]>): Bootstrap<Q> {
  const intervals = {} as Record<Q, BootstrapInterval>;
  for (const q of Object.keys(replicates) as Q[]) intervals[q] = summarizeReplicates(replicates[q], settings.level);
  return { ...settings, intervals };
}

/**
 * Percentile intervals of an information-plane point (I(X;T), I(T;Y) and, where the estimator gives it,
 * I(X;T|Y)) from `bootstrap` resamples of the samples (rows of x, t and labels drawn together; seeded).
 * Cost: `bootstrap` estimates.
 *
 * @param estimator a registered name (`binning`, `kde`...) or spec with a `point` operation
 * @param options `{bootstrap, seed, level}` and the estimator's own options under `estimatorOptions`
 * @example
 * pointBootstrap('binning', x, t, labels, {bootstrap: 200, seed: 1}).intervals.ity; // => {mean, sd, lower, upper, nonFinite: 0}
 */
export function pointBootstrap(
  estimator: string | EstimatorSpec,
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: BootstrapOptions & { estimatorOptions?: Record<string, unknown> },
): Bootstrap<'ixt' | 'ity' | 'ixtGivenY'> | Bootstrap<'ixt' | 'ity'> {
  const fn = 'pointBootstrap';
  const { estimatorOptions = {}, ...rest } = options ?? ({} as BootstrapOptions);
  const settings = checkBootstrap(fn, rest as BootstrapOptions);
  const spec = specOf(fn, estimator);
  if (!spec.point) fail('invalid_option', { fn, param: 'estimator', expected: 'an estimator with information-plane points', received: spec.name });
  const ys = toLabels(labels as SamplesLike | Labels, { fn, param: 'labels' });
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  checkSameCount(fn, [['x', xs.n], ['t', ts.n], ['labels', ys.n]]);
  const random = randomSource(settings.seed);
  const ixt: number[] = [];
  const ity: number[] = [];
  const ixtGivenY: number[] = [];
  for (let b = 0; b < settings.bootstrap; b++) {
    const p = resampleIndices(xs.n, random);
    const r = spec.point(selectRows(xs, p), selectRows(ts, p), selectLabels(ys, p), estimatorOptions);
    ixt.push(r.ixt);
    ity.push(r.ity);
    if (r.ixtGivenY !== undefined) ixtGivenY.push(r.ixtGivenY);
  }
  return ixtGivenY.length === settings.bootstrap ? summarize(settings, { ixt, ity, ixtGivenY }) : summarize(settings, { ixt, ity });
}

/**
 * Percentile interval of I(A;B) from `bootstrap` resamples of the rows of a and b (drawn together; seeded).
 * Cost: `bootstrap` estimates.
 * @example
 * miBootstrap('kde', a, b, {bootstrap: 100}).intervals.value; // => {mean, sd, lower, upper, nonFinite: 0}
 */
export function miBootstrap(
  estimator: string | EstimatorSpec,
  a: SamplesLike,
  b: SamplesLike | Labels,
  options: BootstrapOptions & { estimatorOptions?: Record<string, unknown> },
): Bootstrap<'value'> {
  const fn = 'miBootstrap';
  const { estimatorOptions = {}, ...rest } = options ?? ({} as BootstrapOptions);
  const settings = checkBootstrap(fn, rest as BootstrapOptions);
  const spec = specOf(fn, estimator);
  if (!spec.mi) fail('invalid_option', { fn, param: 'estimator', expected: 'an estimator with a mutual information', received: spec.name });
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  const bs: Samples | Labels = isLabels(b) ? b : isSamples(b) ? b : toSamples(b, { fn, param: 'b', minSamples: 2 });
  checkSameCount(fn, [['a', as.n], ['b', bs.n]]);
  const random = randomSource(settings.seed);
  const value: number[] = [];
  for (let r = 0; r < settings.bootstrap; r++) {
    const p = resampleIndices(as.n, random);
    const bp = isLabels(bs) ? selectLabels(bs, p) : selectRows(bs, p);
    value.push(spec.mi(selectRows(as, p), bp, estimatorOptions).value);
  }
  return summarize(settings, { value });
}
