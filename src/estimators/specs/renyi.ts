/** Matrix-based Renyi alpha-entropy and mutual information (Sanchez Giraldo, Rao & Principe 2015). */
import { bandwidthParam, integerParam, numberParam, threadsParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

export const RENYI_SPEC = defineSpec({
  name: 'renyi',
  summary: 'matrix-based Renyi alpha-entropy and MI from Gaussian Gram matrices (Sanchez Giraldo, Rao & Principe 2015)',
  reference: 'Sanchez Giraldo, Rao & Principe 2015',
  nativeUnits: 'nats',
  cost: 'O(n^3) (alpha = 2: O(n^2 d))',
  // Gram matrices and their eigenvalues (one per variable, and the joint one)
  costModel: (n, d, dx) => 2e-9 * n * n * (d + dx) + 3 * 3e-9 * n * n * n,
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    alpha: numberParam({ default: 1.01, min: 0, minExclusive: true, description: 'order alpha > 0; 1 = von Neumann, 2 needs no eigenvalues' }),
    sigma: bandwidthParam(['median'], { default: 'median', description: "Gaussian bandwidth of every variable, a number > 0 or 'median' (median pairwise distance)" }),
    sigmaX: bandwidthParam(['median'], { defaultFrom: 'sigma', description: 'bandwidth of X (the input, or the first variable)' }),
    sigmaY: bandwidthParam(['median'], { defaultFrom: 'sigma', description: 'bandwidth of Y (the one-hot labels, or the second variable)' }),
    sigmaT: bandwidthParam(['median'], { defaultFrom: 'sigma', description: 'bandwidth of the layer T in point' }),
    bandwidthRows: integerParam({ min: 2, defaultText: 'all rows (exact)', description: "compute the 'median' bandwidths on a fixed seeded subset of this many rows (faster, approximate)" }),
    threads: threadsParam({
      default: 'auto',
      description: "threads for the pairwise passes (alpha = 2, 'median' bandwidths), or 'auto' (all cores when it gains; same value for any count)",
    }),
    ...SUBSAMPLING_PARAMS,
  },
  notFor: { mi: ['sigmaT'], entropy: ['sigmaX', 'sigmaY', 'sigmaT'] },
});
