/**
 * `saturated`: an estimate at its ceiling. I(X;T) cannot exceed H(X) (log n for n distinct inputs) and I(T;Y)
 * cannot exceed H(Y); an estimate within 1% of its ceiling says more about the estimator (every sample in its
 * own cell, a kernel narrower than the gaps between samples) than about the layer: it cannot show compression.
 */
import { Labels } from '../../core/labels';
import { entropyOfIds, rowIdsFloat64 } from '../../core/rowIds';
import { Samples } from '../../core/samples';
import { fromNats, Units } from '../../core/units';
import { EstimateWarning } from '../types';

/** Relative distance to the ceiling that counts as saturated (1%). */
export const SATURATION_TOLERANCE = 0.01;

/** Plug-in H(X) of the distinct rows of `x`, in nats (ln n when every row is distinct). */
export function rowEntropyNats(x: Samples): number {
  const ids = rowIdsFloat64(x.data, x.n, x.d);
  return entropyOfIds(ids.ids, ids.count);
}

/** Plug-in H(Y) of class labels, in nats. */
export function labelEntropyNats(labels: Labels): number {
  let h = 0;
  for (const c of labels.counts) if (c > 0) h -= (c / labels.n) * Math.log(c / labels.n);
  return h;
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4).replace(/\.?0+$/, ''));

/**
 * A `saturated` warning when `value` (in `units`) is at or within `tolerance` of `ceilingNats` (the quantity's
 * largest possible value), else nothing.
 */
export function saturationWarning(
  quantity: string,
  value: number,
  ceilingNats: number,
  ceilingName: string,
  units: Units,
  tolerance = SATURATION_TOLERANCE,
): EstimateWarning[] {
  if (!(ceilingNats > 0) || !Number.isFinite(value)) return [];
  const ceiling = fromNats(ceilingNats, units);
  if (value < (1 - tolerance) * ceiling) return [];
  return [
    {
      code: 'saturated',
      message:
        `${quantity} = ${fmt(value)} ${units} is within ${tolerance * 100}% of its ceiling ${ceilingName} = ${fmt(ceiling)} ${units}: ` +
        'the estimator has saturated (every sample in its own cell or kernel) and cannot show compression; use more samples, coarser bins or a wider kernel',
      quantity,
      value,
      ceiling,
      ceilingName,
      tolerance,
    },
  ];
}
