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
  // Gram matrices and, at most, five full spectra (a point: X, T, Y and the two joint ones) at the eigensolver's
  // n^3 rate (as dse); measured 33 s for a point at n = 4096 (the model: 52 s; alpha = 2 needs no spectrum)
  costModel: (n, d, dx) => 2e-9 * n * n * (d + dx) + 5 * 1.5e-10 * n * n * n,
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
