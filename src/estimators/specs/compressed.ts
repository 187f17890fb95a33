/** Mutual information of lossy-compressed variables (Butakov et al., ICLR 2024). */
import { choiceParam, integerParam, numberParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

/** How a variable is compressed to a few dimensions (see estimators/compressed.ts). */
export const COMPRESSORS = ['pca', 'random-projection', 'first'] as const;

/** How the compressed coordinates are rescaled before the kNN search (see estimators/compressed.ts). */
export const RESCALES = ['coordinates', 'variable', 'none'] as const;

/** The k-nearest-neighbour estimator applied to the compressed variables. */
export const INNER_ESTIMATORS = ['ksg', 'kl'] as const;

export const COMPRESSED_SPEC = defineSpec({
  name: 'compressed',
  summary: 'kNN MI between variables compressed to a few dimensions (Butakov et al. 2024), with a standard error',
  reference: 'Butakov, Tolmachev, Malanchuk et al., ICLR 2024; Kraskov et al. 2004; Ross 2014',
  nativeUnits: 'nats',
  cost: 'O(n d (dims + 8) iterations + n^2 dims)',
  // PCA: a few subspace iterations on decaying spectra (2 passes over the data each, 12 columns); then brute-force kNN in 4 + 4 dimensions
  costModel: (n, d, dx) => 8e-8 * n * (d + dx) + 1.2e-8 * n * n,
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    compressor: choiceParam(COMPRESSORS, { default: 'pca', description: "'pca' (principal axes), 'random-projection' (seeded Gaussian) or 'first' coordinates" }),
    dims: integerParam({ default: 4, min: 1, max: 64, description: 'dimensions each variable is compressed to' }),
    dimsX: numberParam({ defaultFrom: 'dims', integer: true, min: 1, max: 64, description: 'dimensions X is compressed to (point)' }),
    dimsT: numberParam({ defaultFrom: 'dims', integer: true, min: 1, max: 64, description: 'dimensions T is compressed to (point)' }),
    noiseStd: numberParam({ default: 1e-3, min: 0, description: 'std of the seeded Gaussian noise added to T (to continuous variables in mi, entropy) before compression' }),
    rescale: choiceParam(RESCALES, { default: 'coordinates', description: "after compression: 'coordinates' (each std 1), 'variable' (one factor per variable: RMS std 1) or 'none'" }),
    inner: choiceParam(INNER_ESTIMATORS, { default: 'ksg', description: "'ksg' (KSG; Ross with labels) or 'kl' (Kozachenko-Leonenko entropies combined)" }),
    k: integerParam({ default: 5, min: 1, description: 'number of neighbours, in [1, n - 1]' }),
    seed: integerParam({ default: 0, min: 0, max: 2 ** 32 - 1, description: 'seed of the noise, of the random projection, of the PCA start and of the maxSamples subset' }),
    pcaIterations: integerParam({
      default: 30,
      min: 1,
      max: 1000,
      description: 'most PCA subspace iterations; it stops once the axes converge (params.pcaConverged); a small cap is faster but gives approximate axes',
    }),
    // its own seed (above) draws the maxSamples subset too
    maxSamples: SUBSAMPLING_PARAMS.maxSamples,
  },
  notFor: { mi: ['dimsX', 'dimsT'], entropy: ['dimsX', 'dimsT', 'inner', 'rescale'] },
});
