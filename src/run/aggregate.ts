/**
 * The median and spread of one quantity over seeds (runs), shared by `combineRuns` and the figure builders of
 * `infoplane/plot`.
 *
 * One spread vocabulary: 'range' (minimum and maximum), 'quartiles' (first and third quartiles, linear
 * interpolation) or 'none' (lo = hi = median). The public options keep their own names, mapped onto it:
 * - `combineRuns({spread})` and `infoplane inspect --spread` take 'minmax' (= 'range') or 'quartiles';
 * - the plot options (`infoPlaneFigure`, `seedsFigure`, `informationCurvesFigure`, `trainingFigure`, `infoplane
 *   plot`) take 'iqr' (= 'quartiles'), 'range' or 'none'.
 */

/** Which spread `aggregate` reports. */
export type SpreadKind = 'range' | 'quartiles' | 'none';

/** Every public spread name (of `combineRuns` and of the plot options) and the spread it means. */
export const SPREAD_NAMES = {
  range: 'range',
  minmax: 'range',
  quartiles: 'quartiles',
  iqr: 'quartiles',
  none: 'none',
} as const satisfies Record<string, SpreadKind>;

/** Median and spread of one quantity across runs. */
export interface Spread {
  median: number;
  /** Lower end: the minimum ('range', 'minmax'), the first quartile ('quartiles', 'iqr') or the median ('none'). */
  lo: number;
  /** Upper end: the maximum ('range', 'minmax'), the third quartile ('quartiles', 'iqr') or the median ('none'). */
  hi: number;
}

/**
 * Median and spread of `values` (non-empty, finite; not modified). `spread` is any public spread name (see
 * `SPREAD_NAMES`). Cost: O(n log n).
 *
 * @example
 * aggregate([3, 1, 2, 4], 'quartiles'); // => {median: 2.5, lo: 1.75, hi: 3.25}
 */
export function aggregate(values: readonly number[], spread: keyof typeof SPREAD_NAMES): Spread {
  const v = values.slice().sort((a, b) => a - b);
  const median = quantileSorted(v, 0.5);
  const kind: SpreadKind = SPREAD_NAMES[spread];
  if (kind === 'none') return { median, lo: median, hi: median };
  if (kind === 'range') return { median, lo: v[0], hi: v[v.length - 1] };
  return { median, lo: quantileSorted(v, 0.25), hi: quantileSorted(v, 0.75) };
}

/** Quantile of sorted values with linear interpolation between order statistics (NumPy's default). */
export function quantileSorted(v: readonly number[], q: number): number {
  const pos = (v.length - 1) * q;
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < v.length ? v[i] + frac * (v[i + 1] - v[i]) : v[i];
}
