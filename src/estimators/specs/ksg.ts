/** k-nearest-neighbour estimators: KSG (Kraskov et al. 2004), mixed KSG for labels (Ross 2014), Kozachenko-Leonenko. */
import { booleanParam, integerParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

/**
 * Predicted seconds of one continuous neighbour search in `dims` joint dimensions, following the size rule of
 * core/knn (a k-d tree for dims <= 8 and n >= 2^(dims + 8), brute force otherwise): the tree measured 0.21 s at
 * n = 100000 for 2 dimensions and 0.97 s for 4; brute force about 0.14 s at n = 4096, d = 15.
 */
function searchSeconds(n: number, dims: number): number {
  if (dims <= 8 && n >= 2 ** (dims + 8)) return 1.3e-7 * n * Math.log2(n) * 2 ** (dims - 2);
  return 6e-10 * n * n * dims;
}

export const KSG_SPEC = defineSpec({
  name: 'ksg',
  summary: 'k-nearest-neighbour MI: KSG for continuous pairs (Kraskov et al. 2004), Ross (2014) for labels; Kozachenko-Leonenko entropy',
  reference: 'Kraskov, Stoegbauer & Grassberger 2004; Ross 2014; Kozachenko & Leonenko 1987',
  nativeUnits: 'nats',
  cost: 'O(n log n) for up to 8 joint dimensions, O(n^2 d) above and for labels',
  // a point runs the continuous search on (X, T) and the mixed one (labels, always brute force) on T
  costModel: (n, d, dx) => searchSeconds(n, d + dx) + (dx > 0 ? 6e-10 * n * n * d : 0),
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    // its upper bound n - 1 depends on the data: checked where n is known
    k: integerParam({ default: 3, min: 1, description: 'number of neighbours, in [1, n - 1]' }),
    standardize: booleanParam({ default: false, description: 'divide each column by its population std first, as scikit-learn does' }),
    clipZero: booleanParam({ default: false, description: 'report max(0, I), as scikit-learn does' }),
    ...SUBSAMPLING_PARAMS,
  },
  notFor: { entropy: ['standardize', 'clipZero'] },
});
