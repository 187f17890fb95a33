/** Matrix-based Renyi alpha-entropy and mutual information (Sanchez Giraldo, Rao & Principe 2015). */
import { bandwidthParam, numberParam } from './params';
import { defineSpec } from './spec';

export const RENYI_SPEC = defineSpec({
  name: 'renyi',
  summary: 'matrix-based Renyi alpha-entropy and MI from Gaussian Gram matrices (Sanchez Giraldo, Rao & Principe 2015)',
  reference: 'Sanchez Giraldo, Rao & Principe 2015',
  nativeUnits: 'nats',
  cost: 'O(n^3) (alpha = 2: O(n^2 d))',
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    alpha: numberParam({ default: 1.01, min: 0, minExclusive: true, description: 'order alpha > 0; 1 = von Neumann, 2 needs no eigenvalues' }),
    sigma: bandwidthParam(['median'], { default: 'median', description: "Gaussian bandwidth of every variable, a number > 0 or 'median' (median pairwise distance)" }),
    sigmaX: bandwidthParam(['median'], { defaultFrom: 'sigma', description: 'bandwidth of X (the input, or the first variable)' }),
    sigmaY: bandwidthParam(['median'], { defaultFrom: 'sigma', description: 'bandwidth of Y (the one-hot labels, or the second variable)' }),
    sigmaT: bandwidthParam(['median'], { defaultFrom: 'sigma', description: 'bandwidth of the layer T in point' }),
  },
  notFor: { mi: ['sigmaT'], entropy: ['sigmaX', 'sigmaY', 'sigmaT'] },
});
