/** Diffusion spectral entropy and mutual information (Liao, Liu et al. 2023). */
import { choiceParam, integerParam, jsonParam, numberParam } from './params';
import { defineSpec } from './spec';

/** How the spectrum is obtained (see `DseMethod` in estimators/dse.ts). */
export const DSE_METHODS = ['auto', 'full', 'lanczos', 'cholesky', 'slq'] as const;

/** The kernels of the diffusion operator (see `DseKernel` in estimators/dse.ts). */
export const DSE_KERNELS = ['gaussian', 'knn'] as const;

/**
 * The diffusion power t when none is given, by kernel: 1 for the Gaussian kernel (the reference's default), 3 for
 * the kNN kernel (the practice of its users). The value used is in every result's `params`.
 */
export const DSE_DEFAULT_T = { gaussian: 1, knn: 3 } as const;

const DSE_PARAMS = {
  kernel: choiceParam(DSE_KERNELS, {
    default: 'gaussian',
    description: "gaussian (bandwidth sigma, the reference) or knn (bandwidths from neighbour distances, scale-free; methods auto, full, slq)",
  }),
  sigma: numberParam({ default: 10, min: 0, minExclusive: true, description: 'Gaussian kernel bandwidth (kernel gaussian)' }),
  k: integerParam({ default: 15, min: 1, max: 1_000_000, description: 'knn kernel: sigma_i = distance to the k-th neighbour (at most n - 1 used)' }),
  alpha: numberParam({ default: 1, min: 0, max: 1, description: 'knn kernel: density normalisation D^-alpha K D^-alpha (0 = none)' }),
  t: numberParam({
    min: 0,
    minExclusive: true,
    max: 1000,
    defaultText: '1; 3 with knn',
    description: 'diffusion power: eigenvalues enter as |lambda|^t',
    // left unset, it follows the kernel (DSE_DEFAULT_T); every result's params report the value used
    fromData: (v) => v === undefined,
  }),
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

/**
 * Predicted seconds of one DSE: the n x n kernel (n^2 d) and, as an upper bound, every eigenvalue (n^3; the full
 * solver measured 5.3-8.3 s at n = 4096 on two threads, 10-12 s on one); 'auto' often stops far sooner on the
 * low-rank path.
 */
function dseSeconds(n: number, d: number): number {
  return 1e-9 * n * n * (d + 4) + 1.5e-10 * n * n * n;
}

export const DSE_SPEC = defineSpec({
  name: 'dse',
  summary: 'diffusion spectral entropy of a Gaussian- or kNN-kernel diffusion operator (Liao, Liu et al. 2023)',
  reference: 'Liao, Liu et al. 2023',
  nativeUnits: 'bits',
  cost: 'O(n^2 d) + eigenvalues',
  costModel: dseSeconds,
  operations: ['entropy'],
  params: DSE_PARAMS,
});

export const DSMI_SPEC = defineSpec({
  name: 'dsmi',
  summary: 'diffusion spectral mutual information with labels (Liao, Liu et al. 2023); I(X;T) uses clusters of X',
  reference: 'Liao, Liu et al. 2023',
  nativeUnits: 'bits',
  cost: 'several DSEs, on worker threads',
  // DSE(T) once, then per class (10 clusters of X by default) the DSEs of n/10 rows with 5 random subsets each;
  // measured 213 s at n = 10000, d = 256 and 263 s with a 784-wide X (defaults, two threads; the model: 264 s)
  costModel: (n, d) => 1.5 * dseSeconds(n, d),
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
