/**
 * The `maxSamples` and `seed` parameters of every subsampled family, declared once and spread into each family
 * spec's `params` (so the options types, the CLI flags, help and docs tables list them). They live among the specs,
 * not in `../subsampling.ts` (which draws the subset), because specs may not import the estimator layer.
 */
import { integerParam } from './params';

/** The parameters every subsampled estimator declares (families with their own seed spread `maxSamples` only). */
export const SUBSAMPLING_PARAMS = {
  maxSamples: integerParam({ min: 2, description: 'use a seeded random subset of this many rows (stratified by label when labels are given)', defaultText: 'all rows' }),
  // no fixed default, so results without a subset do not report a seed that played no part (0 is used)
  seed: integerParam({ min: 0, max: 2 ** 32 - 1, description: 'seed of the maxSamples subset', defaultText: '0' }),
};
