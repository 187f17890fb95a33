/**
 * `collapse`: a representation whose variance sits in few directions. The effective rank exp(S) of the
 * trace-normalised covariance (S its von Neumann entropy) counts the directions that carry variance; below a
 * fraction of the most it can be, min(n - 1, d) (a centred sample of n rows spans at most n - 1 directions),
 * the layer has collapsed onto a few modes (dead units, a saturated or rank-deficient layer): information-plane
 * estimates of such a layer describe those few directions only.
 */
import { EstimateWarning } from '../types';

/** Default fraction of min(n - 1, d) below which the effective rank counts as collapsed (10%). */
export const COLLAPSE_FRACTION = 0.1;

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3).replace(/\.?0+$/, ''));

/**
 * A `collapse` warning when `effectiveRank` < `fraction` x `rankBound` (or the variable has no variance at all),
 * else nothing; `fraction` 0 turns the check off.
 */
export function collapseWarning(effectiveRank: number, rankBound: number, fraction = COLLAPSE_FRACTION): EstimateWarning[] {
  if (!(fraction > 0) || !(rankBound > 0)) return [];
  if (effectiveRank === 0) {
    return [{ code: 'collapse', message: 'the layer is constant (zero covariance): it has collapsed to a point', effectiveRank, rankBound, fraction }];
  }
  if (!(effectiveRank < fraction * rankBound)) return [];
  return [
    {
      code: 'collapse',
      message:
        `effective rank ${fmt(effectiveRank)} is below ${fmt(fraction * 100)}% of min(n - 1, d) = ${rankBound}: ` +
        'the variance sits in a few directions (collapsed or dead units); estimates of this layer describe those few directions',
      effectiveRank,
      rankBound,
      fraction,
    },
  ];
}
