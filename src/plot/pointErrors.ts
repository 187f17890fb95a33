/**
 * The error bar of a recorded point's I(X;T) or I(T;Y): its bootstrap percentile interval when the recorder ran
 * one, else value -/+ 1.96 standard errors when the estimator reports a natural standard error (KSG:
 * `standardErrorXT` / `standardErrorTY`; an I(X;T)-only estimate's `standardError`), i.e. a 95% normal interval.
 */
import { RunPointRecord } from '../run/types';

/** Half-width of a 95% normal interval, in standard errors. */
export const NORMAL_95 = 1.959963984540054;

/** [lower, upper] of the point's `quantity`, with how it was obtained; undefined when the point carries neither. */
export function pointInterval(p: RunPointRecord, quantity: 'ixt' | 'ity'): { lower: number; upper: number; source: 'bootstrap' | 'standard error' } | undefined {
  const value = p[quantity];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const b = p.bootstrap?.intervals?.[quantity];
  // a percentile interval need not contain the estimate (the bootstrap's own bias, e.g. resamples hold ~63% distinct
  // rows, so a binned I(X;T) of distinct inputs shrinks): the bar is stretched to reach the point it belongs to
  if (b && Number.isFinite(b.lower) && Number.isFinite(b.upper)) return { lower: Math.min(b.lower, value), upper: Math.max(b.upper, value), source: 'bootstrap' };
  const params = (p.params ?? {}) as Record<string, unknown>;
  const se = quantity === 'ixt' ? params.standardErrorXT ?? (p.ity === undefined ? params.standardError : undefined) : params.standardErrorTY;
  if (typeof se === 'number' && Number.isFinite(se) && se > 0) return { lower: value - NORMAL_95 * se, upper: value + NORMAL_95 * se, source: 'standard error' };
  return undefined;
}
