/** Cauchy-Schwarz quadratic mutual information and conditional divergence (Yu et al. 2024, CS-IB). */
import { bandwidthParam, integerParam, numberParam, threadsParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

/** The bandwidth rules CS-QMI accepts besides a number (see `Bandwidth` in estimators/cauchySchwarz.ts). */
export const CS_BANDWIDTH_RULES = ['median', 'cs-ib'] as const;

const CS_PARAMS = {
  sigma: bandwidthParam(CS_BANDWIDTH_RULES, { default: 'median', description: "Gaussian bandwidth of every variable: a number, 'median' or 'cs-ib'" }),
  sigmaX: bandwidthParam(CS_BANDWIDTH_RULES, { defaultFrom: 'sigma', description: 'bandwidth of X (the input, or the first variable of mi)' }),
  sigmaT: bandwidthParam(CS_BANDWIDTH_RULES, { defaultFrom: 'sigma', description: 'bandwidth of the layer T (point only)' }),
  sigmaY: bandwidthParam(CS_BANDWIDTH_RULES, { defaultFrom: 'sigma', description: 'bandwidth of Y (one-hot labels, or the second variable of mi)' }),
  bandwidthRows: integerParam({ min: 2, defaultText: 'all rows (exact)', description: "compute the 'median' / 'cs-ib' bandwidths on a fixed seeded subset of this many rows (faster, approximate)" }),
  threads: threadsParam({ default: 'auto', description: "threads for the pairwise pass, or 'auto' (all cores when it gains; same value for any count)" }),
};

export const CS_SPEC = defineSpec({
  name: 'cs',
  summary: 'Cauchy-Schwarz quadratic MI (Yu et al. 2024, CS-IB) from Gaussian Gram matrices, in bits',
  reference: 'Yu et al. 2024 (CS-IB)',
  nativeUnits: 'bits',
  cost: 'O(n^2 d), O(n) memory',
  // Gram sums over pairs of each variable (about 0.2 s at n = 4096)
  costModel: (n, d, dx) => 1e-9 * n * n * (d + dx + 4),
  operations: ['point', 'mi'],
  miTarget: 'either',
  params: { ...CS_PARAMS, ...SUBSAMPLING_PARAMS },
  notFor: { mi: ['sigmaT'] },
});

export const CS_NORMALIZED_SPEC = defineSpec({
  ...CS_SPEC,
  name: 'cs-normalized',
  summary: 'normalised Cauchy-Schwarz QMI, CS-QMI(X;Y) / sqrt(CS-QMI(X;X) CS-QMI(Y;Y)) (Yu et al. 2024)',
  dimensionless: true,
});

/** The conditional CS divergence (the `divergence` command; CLI name `cs`). */
export const CS_DIVERGENCE_SPEC = defineSpec({
  name: 'cs',
  summary: 'conditional Cauchy-Schwarz divergence between p(y1|x) and p(y2|x), the regression loss of CS-IB (Yu et al. 2024)',
  reference: 'Yu et al. 2024 (CS-IB)',
  nativeUnits: 'bits',
  cost: 'O(n^2 d), O(n) memory',
  // Gram sums over pairs of each variable (about 0.2 s at n = 4096)
  costModel: (n, d, dx) => 1e-9 * n * n * (d + dx + 4),
  operations: ['divergence'],
  params: {
    sigma: numberParam({ default: 1, min: 0, minExclusive: true, description: 'kernel bandwidth of all four Gram matrices' }),
  },
});
