/** Diffusion spectral entropy and mutual information (Liao, Liu et al. 2023). */
import { choiceParam, integerParam, jsonParam, numberParam } from './params';
import { defineSpec } from './spec';

/** How the spectrum is obtained (see `DseMethod` in estimators/dse.ts). */
export const DSE_METHODS = ['auto', 'full', 'lanczos', 'cholesky', 'slq'] as const;

const DSE_PARAMS = {
  sigma: numberParam({ default: 10, min: 0, minExclusive: true, description: 'Gaussian kernel bandwidth' }),
  t: numberParam({ default: 1, min: 0, minExclusive: true, max: 1000, description: 'diffusion power: eigenvalues enter as |lambda|^t' }),
  maxSamples: integerParam({ default: 10000, min: 2, description: 'above this many rows use a seeded random subset' }),
  seed: integerParam({ default: 0, min: 0, max: 2 ** 32 - 1, description: 'seed of subsampling, of the Lanczos start vector and of the slq probes' }),
  method: choiceParam(DSE_METHODS, {
    default: 'auto',
    description: 'spectrum: auto, full, lanczos, cholesky or slq (approximate, opt-in)',
    // 'auto' picks the method from the number of rows and t; a DSE result's params report the one used
    fromData: (v) => v === 'auto',
  }),
  tolerance: numberParam({ default: 1e-6, min: 0, minExclusive: true, max: 1, description: 'bound width, in bits, at which lanczos/cholesky stop' }),
  probes: integerParam({ default: 30, min: 2, max: 100000, description: 'slq: random probes' }),
  steps: integerParam({ default: 30, min: 1, max: 10000, description: 'slq: Lanczos steps per probe' }),
};

export const DSE_SPEC = defineSpec({
  name: 'dse',
  summary: 'diffusion spectral entropy of a Gaussian-kernel diffusion operator (Liao, Liu et al. 2023)',
  reference: 'Liao, Liu et al. 2023',
  nativeUnits: 'bits',
  cost: 'O(n^2 d) + eigenvalues',
  operations: ['entropy'],
  params: DSE_PARAMS,
});

export const DSMI_SPEC = defineSpec({
  name: 'dsmi',
  summary: 'diffusion spectral mutual information with labels (Liao, Liu et al. 2023); I(X;T) uses clusters of X',
  reference: 'Liao, Liu et al. 2023',
  nativeUnits: 'bits',
  cost: 'several DSEs, on worker threads',
  operations: ['point', 'mi'],
  miTarget: 'either',
  params: {
    ...DSE_PARAMS,
    repetitions: integerParam({ default: 5, min: 1, max: 10000, description: 'random subsets per class' }),
    clusters: integerParam({ default: 10, min: 1, max: 1_000_000, description: 'equal-width bins of a continuous target or of X' }),
    variant: choiceParam(['reference', 'conditional'], { default: 'reference', description: 'reference (random subsets) or conditional' }),
    threads: integerParam({ default: 2, min: 1, max: 64, reported: false, description: 'threads computing the independent DSEs in parallel, same result' }),
    subsets: jsonParam<ReadonlyArray<ReadonlyArray<ArrayLike<number>>>>({
      description: "JSON file of explicit subsample indices [class][repetition][row], e.g. the reference's",
      defaultText: 'seeded random subsets',
    }),
  },
});
