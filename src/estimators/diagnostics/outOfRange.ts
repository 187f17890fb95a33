/**
 * `out-of-range`: values outside a fixed binning range. Binning with fixed edges puts every value beyond the
 * range into an end bin (or wraps it), so a ReLU layer with many values above 1 is measured on a handful of cells
 * without any error: the share of such values and the range that would hold them are reported instead.
 */
import { EstimateWarning } from '../types';

/** Share of values outside the range that is reported (1%). */
export const OUT_OF_RANGE_SHARE = 0.01;

/** An `out-of-range` warning when more than 1% of `values` lie outside [lo, hi], else nothing. */
export function outOfRangeWarning(param: string, values: ArrayLike<number>, range: readonly [number, number]): EstimateWarning[] {
  const [lo, hi] = range;
  let below = 0;
  let above = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) below++;
    else if (v > hi) above++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const total = values.length;
  const share = total > 0 ? (below + above) / total : 0;
  if (share <= OUT_OF_RANGE_SHARE) return [];
  const pct = (c: number): string => `${((100 * c) / total).toFixed(1)}%`;
  const holding: [number, number] = [Math.min(lo, min), Math.max(hi, max)];
  return [
    {
      code: 'out-of-range',
      message:
        `${pct(below + above)} of the values of ${param} lie outside the binning range [${lo}, ${hi}] (${pct(below)} below, ${pct(above)} above) ` +
        `and are lumped into the end bins; the range [${holding[0]}, ${holding[1]}] holds them all (set range, or use binSize or adaptive-binning)`,
      param,
      share,
      below: below / total,
      above: above / total,
      range: [lo, hi],
      dataRange: holding,
    },
  ];
}
