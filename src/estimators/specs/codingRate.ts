/** Coding rate and rate reduction of MCR2 (Yu, Chan, You, Song & Ma 2020). */
import { booleanParam, numberParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

export const CODING_RATE_SPEC = defineSpec({
  name: 'coding-rate',
  summary: 'coding rate R(T) and rate reduction ΔR(T;Y) of MCR2 (Yu, Chan et al. 2020): log-determinants, no bins, bandwidths or k',
  reference: 'Yu, Chan, You, Song & Ma 2020 (MCR2); Yu et al. 2023 (CRATE)',
  nativeUnits: 'nats',
  cost: 'O(n d min(n, d))',
  // the Gram matrix of T and of each class (about n d min(n, d) multiply-adds), then Cholesky factors
  costModel: (n, d) => 2e-9 * n * d * Math.min(n, d) + 1e-9 * Math.min(n, d) ** 3,
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'labels',
  quantities: { ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)', hT: 'coding rate R(T)' },
  params: {
    eps: numberParam({
      default: Math.SQRT1_2,
      min: 0,
      minExclusive: true,
      description: 'allowed distortion eps, entering as d / (n eps^2); sqrt(0.5) is the eps^2 = 0.5 of the MCR2 experiments (their --eps is eps^2)',
    }),
    center: booleanParam({ default: false, description: 'subtract the mean row of T first (MCR2 does not centre)' }),
    normalize: booleanParam({ default: false, description: 'scale every row of T to unit length first (after centring), as MCR2 features are' }),
    ...SUBSAMPLING_PARAMS,
  },
});
