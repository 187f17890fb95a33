/** k-nearest-neighbour estimators: KSG (Kraskov et al. 2004), mixed KSG for labels (Ross 2014), Kozachenko-Leonenko. */
import { booleanParam, integerParam } from './params';
import { defineSpec } from './spec';

export const KSG_SPEC = defineSpec({
  name: 'ksg',
  summary: 'k-nearest-neighbour MI: KSG for continuous pairs (Kraskov et al. 2004), Ross (2014) for labels; Kozachenko-Leonenko entropy',
  reference: 'Kraskov, Stoegbauer & Grassberger 2004; Ross 2014; Kozachenko & Leonenko 1987',
  nativeUnits: 'nats',
  cost: 'O(n^2 d)',
  // brute-force kNN (about 0.14 s at n = 4096, d = 15); a point runs two searches
  costModel: (n, d, dx) => 6e-10 * n * n * (d + dx) + (dx > 0 ? 6e-10 * n * n * d : 0),
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    // its upper bound n - 1 depends on the data: checked where n is known
    k: integerParam({ default: 3, min: 1, description: 'number of neighbours, in [1, n - 1]' }),
    standardize: booleanParam({ default: false, description: 'divide each column by its population std first, as scikit-learn does' }),
    clipZero: booleanParam({ default: false, description: 'report max(0, I), as scikit-learn does' }),
  },
  notFor: { entropy: ['standardize', 'clipZero'] },
});
