/** KDE mixture-entropy bounds (Kolchinsky & Tracey 2017) and adaptive KDE (Chelombiev et al. 2019). */
import { choiceParam, numberParam, threadsParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

const KDE_PARAMS = {
  noiseVariance: numberParam({ default: 1e-3, min: 0, minExclusive: true, description: 'variance of the Gaussian noise (a variance, not a std)' }),
  bound: choiceParam(['upper', 'lower'], { default: 'upper', description: "mixture-entropy bound, 'upper' (KL) or 'lower' (Bhattacharyya)" }),
  threads: threadsParam({
    default: 'auto',
    description: "threads for the pairwise pass, or 'auto' (all cores when it gains; same value for any count)",
  }),
};

export const KDE_SPEC = defineSpec({
  name: 'kde',
  summary: 'KDE mixture-entropy bounds (Kolchinsky & Tracey 2017): I(X;T), I(T;Y) and H(T) of a noisy layer',
  reference: 'Kolchinsky & Tracey 2017; Saxe et al. 2018',
  nativeUnits: 'nats',
  cost: 'O(n^2 d), O(n) memory',
  // Gaussian sums over the n(n-1)/2 pairs of T (about 0.1 s at n = 4096, d = 12)
  costModel: (n, d) => 1e-9 * n * n * (d + 4),
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'labels',
  params: { ...KDE_PARAMS, ...SUBSAMPLING_PARAMS },
});

export const ADAPTIVE_KDE_SPEC = defineSpec({
  name: 'adaptive-kde',
  summary: 'adaptive KDE (Chelombiev et al. 2019): KDE bounds with noise variance = noiseVariance x max(T)',
  reference: "Chelombiev, Houghton & O'Donnell 2019",
  nativeUnits: 'nats',
  cost: 'O(n^2 d), O(n) memory',
  // Gaussian sums over the n(n-1)/2 pairs of T (about 0.1 s at n = 4096, d = 12)
  costModel: (n, d) => 1e-9 * n * n * (d + 4),
  operations: ['point', 'mi'],
  miTarget: 'labels',
  params: {
    ...KDE_PARAMS,
    noiseVariance: numberParam({ default: 1e-3, min: 0, minExclusive: true, description: 'base variance, multiplied by max(T)' }),
    ...SUBSAMPLING_PARAMS,
  },
});
