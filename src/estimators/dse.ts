/**
 * Diffusion spectral entropy (DSE) and diffusion spectral mutual information (DSMI) of Liao, Liu et al. (2023),
 * "Assessing neural network representations during training using noise-resilient diffusion spectral entropy".
 * Definitions: ESTIMATORS.md section 5.
 */
import * as os from 'node:os';
import { describeValue, fail } from '../core/errors';
import { Labels, toLabels } from '../core/labels';
import { denseProduct, lanczos, RitzValues } from '../core/lanczos';
import { expNeg } from '../core/kernels/expNeg';
import { gaussianRowSums, squaredDistance } from '../core/kernels/gaussianRowSums';
import { gaussianGram } from '../core/pairwiseSquaredDistances';
import { randomSource, sampleIndices } from '../core/random';
import { isSamples, Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { EntropyBracket, spectralEntropyBits, tailBracket } from '../core/spectralEntropy';
import { DseTaskResult, runDseTasks } from '../core/dseThreads';
import { lowRankDiffusionEntropy } from '../core/spectralLowRank';
import { denseBlockOperator, SlqResult, slqSpectralEntropy } from '../core/spectralSlq';
import { wasmAvailable } from '../core/spectralWasm';
import { symmetricEigenvalues } from '../core/symmetricEigenvalues';
import { fromNats, LN2, Units } from '../core/units';
import { checkChoice, checkNumber, checkOptionNames, checkSameCount, checkUnits } from '../core/validate';
import { warn } from '../core/warn';
import { EstimatorSpec } from './spec';
import { Estimate, PlanePoint, UsedParams } from './types';

/**
 * How the spectrum is obtained.
 * - 'full': every eigenvalue (Householder + QL), exact, O(n^3).
 * - 'lanczos': the largest eigenvalues by Lanczos with full reorthogonalisation; the unseen tail is bounded from
 *   both sides by its mass (known for t = 1 from trace(K) and for t = 2 from |K|_F^2) and the smallest eigenvalue
 *   found (Ritz values count once their residual is below 1e-10; the bound assumes no larger eigenvalue was
 *   missed, which restarts after breakdowns make unlikely even for repeated eigenvalues). Other t: 'full'.
 * - 'cholesky': a truncated pivoted Cholesky factorisation K ~ Z Z' with the exact residual trace; the bound is
 *   rigorous (Weyl: every eigenvalue of K is at least the matching one of Z Z'), needs t = 1 (other t: 'full')
 *   and never stores an n x n matrix.
 * - 'auto': 'full' up to n = 1000; above, 'cholesky' for t = 1, 'lanczos' for t = 2, 'full' otherwise.
 * The approximate methods stop when the bound is narrower than `tolerance` and fall back to 'full' when the
 * spectrum is too flat for them to pay.
 * - 'slq' (opt-in, never chosen by 'auto'): stochastic Lanczos quadrature, a randomised ESTIMATE with no bound:
 *   `probes` seeded Rademacher probes, `steps` Lanczos steps each (Gauss quadrature of f(|lambda|^t / S)); the
 *   normaliser S is exact for t = 1 (trace K) and t = 2 (|K|_F^2) and estimated by the same quadrature otherwise.
 *   It reports its own `standardError` (the spread of the per-probe estimates), which covers its error on
 *   spread spectra (small sigma, DSE near log2 n: typically < 0.3% off, where the bounded methods fall back to
 *   the O(n^3) solver; about 3.5x faster than 'full' at n = 4096). Caveat: when one eigenvalue dominates (the
 *   default sigma = 10 on activations) it is several % off (measured 2-11% at n = 500 and 5-9% at n = 4096; the
 *   standard error is then as large, the errors stayed within 1.5 of it): there use 'auto', exact and cheap.
 */
export type DseMethod = 'auto' | 'full' | 'lanczos' | 'cholesky' | 'slq';

const METHODS: readonly DseMethod[] = ['auto', 'full', 'lanczos', 'cholesky', 'slq'];

export interface DiffusionSpectralEntropyOptions {
  /** Bandwidth of the Gaussian kernel exp(-|t_i - t_j|^2 / (2 sigma^2)), in the units of the data. Defaults to 10. */
  sigma?: number;
  /** Diffusion power: eigenvalues enter as |lambda|^t. Defaults to 1. */
  t?: number;
  /** Above this many rows, a seeded random subset of this many rows is used (with a warning). Defaults to 10000. */
  maxSamples?: number;
  /** Seed of the `maxSamples` subset, of the Lanczos starting vector and of the 'slq' probes. Defaults to 0. */
  seed?: number;
  /** How the spectrum is obtained (see `DseMethod`). Defaults to 'auto'. */
  method?: DseMethod;
  /** Largest width, in bits, of the bound the approximate methods stop at; they report its midpoint. Defaults to 1e-6. */
  tolerance?: number;
  /** Method 'slq' only: Rademacher probes (the standard error falls as 1 / sqrt(probes)). Defaults to 30. */
  probes?: number;
  /** Method 'slq' only: Lanczos steps (Gauss quadrature nodes) per probe, at most n. Defaults to 30. */
  steps?: number;
  /** Units of the result. DSE is natively in bits (nats = bits x ln 2). Defaults to 'bits'. */
  units?: Units;
}

/** The defaults of `diffusionSpectralEntropy` (those of the reference code, plus the method and its tolerance). */
export const DSE_DEFAULTS = {
  sigma: 10,
  t: 1,
  maxSamples: 10000,
  seed: 0,
  method: 'auto' as DseMethod,
  tolerance: 1e-6,
  probes: 30,
  steps: 30,
  units: 'bits' as Units,
};

const DSE_OPTION_NAMES = ['sigma', 't', 'maxSamples', 'seed', 'method', 'tolerance', 'probes', 'steps', 'units'] as const;

/** Largest n for which 'auto' uses the full solver (about 0.3 s). */
const AUTO_FULL_LIMIT = 1000;

interface DseSettings {
  sigma: number;
  power: number;
  maxSamples: number;
  seed: number;
  method: DseMethod;
  tolerance: number;
  probes: number;
  steps: number;
}

/** The result of one DSE evaluation, in bits. */
interface DseBits {
  bits: number;
  /** The bound on the exact value (for 'slq': bits -/+ 3 standard errors, not a bound). */
  bracket: EntropyBracket;
  method: 'full' | 'lanczos' | 'cholesky' | 'slq';
  eigenvaluesUsed: number;
  samplesUsed: number;
  fallback?: string;
  /** 'slq' only: the standard error of `bits`. */
  standardError?: number;
}

function checkDseSettings(fn: string, options: DiffusionSpectralEntropyOptions & Record<string, unknown>): DseSettings {
  const {
    sigma = DSE_DEFAULTS.sigma,
    t: power = DSE_DEFAULTS.t,
    maxSamples = DSE_DEFAULTS.maxSamples,
    seed = DSE_DEFAULTS.seed,
    method = DSE_DEFAULTS.method,
    tolerance = DSE_DEFAULTS.tolerance,
    probes = DSE_DEFAULTS.probes,
    steps = DSE_DEFAULTS.steps,
  } = options;
  checkNumber(fn, 'sigma', sigma, { min: 0, minExclusive: true });
  checkNumber(fn, 't', power, { min: 0, minExclusive: true, max: 1000 });
  checkNumber(fn, 'maxSamples', maxSamples, { integer: true, min: 2 });
  checkNumber(fn, 'seed', seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  checkChoice(fn, 'method', method, METHODS);
  checkNumber(fn, 'tolerance', tolerance, { min: 0, minExclusive: true, max: 1 });
  checkNumber(fn, 'probes', probes, { integer: true, min: 2, max: 100000 });
  checkNumber(fn, 'steps', steps, { integer: true, min: 1, max: 10000 });
  return { sigma, power, maxSamples, seed, method, tolerance, probes, steps };
}

/**
 * Refuse an n x n float64 matrix (plus `extraBytes`) that would not fit in memory, with a clear `too_large` error
 * instead of an allocation failure deep inside V8. The limit is 90% of min(free memory, 80% of total memory).
 * @example
 * checkDenseMatrixFits('diffusionSpectralEntropy', 't', 1e6); // throws InfoplaneError (code 'too_large')
 */
export function checkDenseMatrixFits(fn: string, param: string, n: number, extraBytes = 0): void {
  const bytes = 8 * n * n + extraBytes;
  const available = Math.min(os.freemem(), 0.8 * os.totalmem());
  const maxElements = 2 ** 32 - 1; // largest typed array V8 allows on 64-bit platforms (conservative)
  if (bytes > 0.9 * available || n * n > maxElements) {
    const gb = (v: number): string => `${(v / 2 ** 30).toFixed(2)} GB`;
    fail('too_large', {
      fn,
      param,
      expected: `few enough samples for an n x n kernel matrix to fit in memory (${gb(available)} available)`,
      received: `${n} samples (${gb(bytes)} needed)`,
      detail: 'lower maxSamples to subsample',
    });
  }
}

/** Subsample to `maxSamples` rows with a seeded generator, warning once. */
function capSamples(fn: string, s: Samples, maxSamples: number, seed: number): Samples {
  if (s.n <= maxSamples) return s;
  warn(`${fn}: ${s.n} samples exceed maxSamples = ${maxSamples}; using a seeded random subset of ${maxSamples} rows (seed ${seed}).`);
  return selectRows(s, sampleIndices(s.n, maxSamples, randomSource(seed)));
}

/**
 * DSE of validated samples, in bits. Kernel: trusts `s` and the settings.
 * Subsamples to `maxSamples`, resolves the method, computes D^-1/2 and trace(K), then runs the method
 * ('cholesky' without any n x n matrix; 'lanczos' and 'full' on the dense K), falling back to 'full' when an
 * approximate method cannot reach the tolerance at a price below the full solver's.
 */
function dseKernel(fn: string, s0: Samples, settings: DseSettings): DseBits {
  const s = capSamples(fn, s0, settings.maxSamples, settings.seed);
  const { n } = s;
  const { power, tolerance, seed } = settings;
  if (n === 1) return { bits: 0, bracket: { lo: 0, hi: 0 }, method: 'full', eigenvaluesUsed: 1, samplesUsed: 1 };
  let method = settings.method;
  if (method === 'auto') method = n <= AUTO_FULL_LIMIT ? 'full' : power === 1 ? 'cholesky' : power === 2 ? 'lanczos' : 'full';
  // Most Cholesky columns worth trying before the full solver is cheaper: the WebAssembly kernel makes columns
  // cheaper, and above about n = 2500 the full solver slows down (its n^2 / 2 packed matrix leaves the cache).
  const maxRank = Math.min(n, Math.max(64, Math.ceil((wasmAvailable() ? (n > 2500 ? 0.65 : 0.5) : 0.35) * n)));
  // Any method may fall back to the full solver, which needs the n x n matrix: refuse early what cannot fit.
  // ('slq' copies K into WebAssembly memory: two n x n matrices for a moment.)
  checkDenseMatrixFits(fn, 't', n, method === 'cholesky' ? 8 * n * maxRank : method === 'slq' ? 8 * n * n : 0);
  const gamma = 1 / (2 * settings.sigma * settings.sigma);
  // The approximate Cholesky path never stores G: it streams the row sums and computes kernel rows on demand.
  let g: Float64Array | null = method === 'cholesky' && power === 1 ? null : gaussianGram(s, settings.sigma);
  const rowSums = g ? denseRowSums(g, n) : gaussianRowSums(s, gamma).all;
  // D^-1/2 and trace(K) = sum_i G_ii / D_i = sum_i 1 / D_i.
  const scale = new Float64Array(n);
  const diag = new Float64Array(n);
  let trace = 0;
  for (let i = 0; i < n; i++) {
    scale[i] = 1 / Math.sqrt(rowSums[i]);
    diag[i] = 1 / rowSums[i];
    trace += diag[i];
  }
  let fallback: string | undefined;
  if ((method === 'cholesky' && power !== 1) || (method === 'lanczos' && power !== 1 && power !== 2)) {
    fallback = `${method} needs t = 1${method === 'lanczos' ? ' or 2' : ''}`;
    method = 'full';
  }
  if (method === 'cholesky') {
    const { data, d } = s;
    // Row p of K, computed from the data on demand: K_pi = exp(-gamma |s_p - s_i|^2) / sqrt(D_p D_i).
    const row = (p: number, out: Float64Array): void => {
      const base = p * d;
      const sp = scale[p];
      for (let i = 0; i < n; i++) out[i] = expNeg(-gamma * squaredDistance(data, base, i * d, d)) * sp * scale[i];
    };
    const r = lowRankDiffusionEntropy(row, diag, n, trace, tolerance, maxRank);
    if (r.converged) {
      return { bits: (r.bracket.lo + r.bracket.hi) / 2, bracket: r.bracket, method, eigenvaluesUsed: r.rank, samplesUsed: n };
    }
    fallback =
      r.predictedRank !== undefined
        ? `cholesky stopped at ${r.rank} columns: about ${r.predictedRank} would be needed (at most ${maxRank} pay)`
        : `cholesky did not reach the tolerance with ${r.rank} columns`;
    method = 'full';
  }
  if (!g) g = gaussianGram(s, settings.sigma);
  // K = D^-1/2 G D^-1/2, in place.
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const si = scale[i];
    for (let j = 0; j < n; j++) g[row + j] *= si * scale[j];
  }
  if (method === 'slq') {
    let total: number | null = power === 1 ? trace : null;
    if (power === 2) {
      total = 0;
      for (let i = 0; i < g.length; i++) total += g[i] * g[i];
    }
    const op = denseBlockOperator(g, n);
    g = null; // the WebAssembly operator holds its own copy: let this one be collected
    let r: SlqResult;
    try {
      r = slqSpectralEntropy(op, power, total, { probes: settings.probes, steps: settings.steps, seed });
    } finally {
      op.release();
    }
    const se = r.standardError;
    return {
      bits: r.bits,
      bracket: { lo: r.bits - 3 * se, hi: r.bits + 3 * se },
      method,
      eigenvaluesUsed: r.steps,
      samplesUsed: n,
      standardError: se,
    };
  }
  if (method === 'lanczos') {
    let total = trace;
    if (power === 2) {
      total = 0;
      for (let i = 0; i < g.length; i++) total += g[i] * g[i];
    }
    const maxSteps = Math.min(n, Math.max(80, Math.ceil(n / 4)));
    let best: { bracket: EntropyBracket; used: number } | null = null;
    const stop = (ritz: RitzValues): boolean => {
      const top = convergedTop(ritz, power);
      if (top.length === 0) return false;
      const bracket = tailBracket(top, total, n);
      best = { bracket, used: top.length };
      return bracket.hi - bracket.lo < tolerance;
    };
    const k: Float64Array = g;
    lanczos((x, y) => denseProduct(k, n, x, y), n, { maxSteps, seed, checkEvery: 4 }, stop);
    const found = best as { bracket: EntropyBracket; used: number } | null;
    if (found && found.bracket.hi - found.bracket.lo < tolerance) {
      const { bracket, used } = found;
      return { bits: (bracket.lo + bracket.hi) / 2, bracket, method, eigenvaluesUsed: used, samplesUsed: n, fallback };
    }
    fallback = `lanczos did not reach the tolerance in ${maxSteps} steps`;
    method = 'full';
  }
  const eigenvalues = symmetricEigenvalues(g, n, { overwrite: true });
  const bits = spectralEntropyBits(eigenvalues, power);
  return { bits, bracket: { lo: bits, hi: bits }, method: 'full', eigenvaluesUsed: n, samplesUsed: n, fallback };
}

/** Row sums of a dense n x n matrix. */
function denseRowSums(g: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += g[row + j];
    out[i] = sum;
  }
  return out;
}

/** The leading Ritz values (powered) whose residual is negligible, all of them above every unconverged one. */
function convergedTop(ritz: RitzValues, power: number): Float64Array {
  const { values, residuals } = ritz;
  const top = Math.abs(values[0]);
  const limit = 1e-10 * Math.max(top, 1e-300);
  let k = 0;
  while (k < values.length && residuals[k] <= limit && values[k] >= 0) k++;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = power === 1 ? values[i] : power === 2 ? values[i] * values[i] : Math.pow(values[i], power);
  return out;
}

function dseParams(settings: DseSettings, r: DseBits, units: Units): UsedParams {
  const params: UsedParams = {
    sigma: settings.sigma,
    t: settings.power,
    maxSamples: settings.maxSamples,
    seed: settings.seed,
    method: r.method,
    methodRequested: settings.method,
    tolerance: settings.tolerance,
    samplesUsed: r.samplesUsed,
    eigenvaluesUsed: r.eigenvaluesUsed,
    bracket: [fromNats(r.bracket.lo * LN2, units), fromNats(r.bracket.hi * LN2, units)],
  };
  if (r.method === 'slq') {
    params.probes = settings.probes;
    params.steps = settings.steps;
    params.standardError = fromNats((r.standardError ?? 0) * LN2, units);
  }
  if (r.fallback) params.fallback = r.fallback;
  return params;
}

/**
 * Diffusion spectral entropy of the rows of `t`: the entropy of the normalised spectrum of the diffusion
 * operator of a Gaussian kernel.
 *
 * G_ij = exp(-|t_i - t_j|^2 / (2 sigma^2)); K = D^-1/2 G D^-1/2 with D = diag(row sums of G) (it has the
 * eigenvalues of the random-walk matrix D^-1 G, all in [0, 1]); mu = |eig(K)|^t; p = mu / sum(mu) + eps
 * (eps = 2^-52 added to every one of the n values after normalising); DSE = -sum p log2 p.
 * Natively in bits; near 0 for data that look like one blob at scale sigma, log2(c) for c far-apart clusters.
 *
 * Cost: O(n^2 d) for the kernel, then O(n^3) for 'full' (about 0.15 s at n = 1000), O(n r^2) for 'cholesky'
 * with r columns (about 0.5 s at n = 4096, d = 12, sigma = 10 on tanh activations: r ~ 660), O(n^2 k) for
 * 'lanczos' with k steps, O(n^2 probes steps) for 'slq'; 8 n^2 bytes for 'full', 'lanczos' and 'slq', 8 n r for
 * 'cholesky'. The result's `params` report the method used, the number of eigenvalues (or Cholesky columns, or
 * for 'slq' quadrature nodes per probe) it needed and the `bracket` [lo, hi] that holds the exact value
 * (lo = hi for 'full'). Method 'slq' is an estimate, not a bound: its `params` add `probes`, `steps` and
 * `standardError`, and its `bracket` is value -/+ 3 standard errors (see `DseMethod` for its caveat).
 *
 * Reference: Liao, Liu et al. 2023 (ChenLiu-1996/DiffusionSpectralEntropy, `diffusion_spectral_entropy`).
 *
 * @param t - activations, one row per sample.
 * @example
 * diffusionSpectralEntropy([[0, 0], [1000, 0], [0, 1000]]).value; // => 1.5849625007211563 (log2 3, bits)
 */
export function diffusionSpectralEntropy(t: SamplesLike, options: DiffusionSpectralEntropyOptions = {}): Estimate {
  const fn = 'diffusionSpectralEntropy';
  checkOptionNames(fn, options, DSE_OPTION_NAMES);
  const { units = DSE_DEFAULTS.units } = options;
  checkUnits(fn, units);
  const settings = checkDseSettings(fn, options as DiffusionSpectralEntropyOptions & Record<string, unknown>);
  const s = toSamples(t, { fn, param: 't', minSamples: 2 });
  const r = dseKernel(fn, s, settings);
  return { value: fromNats(r.bits * LN2, units), units, params: dseParams(settings, r, units) };
}

// ---------------------------------------------------------------------------------------------------------------
// DSMI

/** 'reference': sum_b p(b) (mean DSE of random subsets of size n_b - DSE(T | b)); 'conditional': DSE(T) - sum_b p(b) DSE(T | b). */
export type DsmiVariant = 'reference' | 'conditional';

export interface DiffusionSpectralMutualInformationOptions extends DiffusionSpectralEntropyOptions {
  /** Random subsets of each class's size drawn (from all rows) to estimate the unconditional DSE. Defaults to 5. */
  repetitions?: number;
  /**
   * Explicit subsets: `subsets[c][r]` lists the 0-based rows repetition r uses for the c-th class (ascending
   * label order), as the reference cases store them (`subsample_indices`). Replaces the seeded draw.
   * Defaults to undefined (seeded draw: the generator is re-seeded with `seed` for every class, as the reference
   * code does, so classes of equal size share their subsets).
   */
  subsets?: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
  /** Which definition (see `DsmiVariant`). Defaults to 'reference'. */
  variant?: DsmiVariant;
  /** Continuous targets (a one-column `Samples`) are min-max scaled and cut into this many equal-width bins. Defaults to 10. */
  clusters?: number;
  /**
   * Threads (the calling one included) that compute the independent DSEs (per class, per repetition) in
   * parallel; the result is identical for any number. 1 = no worker threads. Worker threads need the compiled
   * package (`dist`); run from the TypeScript sources everything stays on the calling thread. Defaults to 2.
   */
  threads?: number;
}

/** The defaults of `diffusionSpectralMutualInformation`. */
export const DSMI_DEFAULTS = {
  ...DSE_DEFAULTS,
  repetitions: 5,
  variant: 'reference' as DsmiVariant,
  clusters: 10,
  threads: 2,
};

const DSMI_OPTION_NAMES = [...DSE_OPTION_NAMES, 'repetitions', 'subsets', 'variant', 'clusters', 'threads'] as const;

/**
 * Cut a continuous variable into `clusters` equal-width bins after min-max scaling (a constant variable is one
 * cluster). With several columns the rows are first projected on their first principal direction (power
 * iteration on the d x d covariance), so one column gives exactly the reference's rule. Returns dense labels.
 */
export function equalWidthClusters(s: Samples, clusters: number): Labels {
  const { n, d, data } = s;
  let values: Float64Array;
  if (d === 1) {
    values = data;
  } else {
    values = firstPrincipalScores(s);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const raw = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = hi > lo ? (values[i] - lo) / (hi - lo) : 0;
    raw[i] = Math.min(clusters - 1, Math.floor(x * clusters));
  }
  return toLabels(raw);
}

/** Scores of the rows on the first principal direction (power iteration, 200 steps at most). */
function firstPrincipalScores(s: Samples): Float64Array {
  const { n, d, data } = s;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = data[i * d + a] - mean[a];
      for (let b = 0; b < d; b++) cov[a * d + b] += xa * (data[i * d + b] - mean[b]);
    }
  }
  let v = new Float64Array(d).map((_, j) => 1 + j / d);
  for (let it = 0; it < 200; it++) {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += cov[a * d + b] * v[b];
    let norm = 0;
    for (const x of w) norm += x * x;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) break;
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] /= norm;
      change = Math.max(change, Math.abs(w[a] - v[a]));
    }
    v = w;
    if (change < 1e-12) break;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sc = 0;
    for (let j = 0; j < d; j++) sc += (data[i * d + j] - mean[j]) * v[j];
    scores[i] = sc;
  }
  return scores;
}

/** Validate `subsets` against the classes; return them as Int32Arrays. */
function checkSubsets(fn: string, subsets: unknown, labels: Labels, n: number): Int32Array[][] {
  const C = labels.classes.length;
  if (!Array.isArray(subsets) || subsets.length !== C) {
    fail('invalid_type', { fn, param: 'subsets', expected: `an array with one list of subsets per class (${C})`, received: describeValue(subsets) });
  }
  return subsets.map((perClass: unknown, c: number) => {
    if (!Array.isArray(perClass) || perClass.length === 0) {
      fail('invalid_type', { fn, param: 'subsets', expected: 'a non-empty list of index lists per class', received: describeValue(perClass), detail: `class ${c}` });
    }
    return perClass.map((list: unknown, r: number) => {
      if (!Array.isArray(list) && !ArrayBuffer.isView(list)) {
        fail('invalid_type', { fn, param: 'subsets', expected: 'lists of row indices', received: describeValue(list), detail: `class ${c}, repetition ${r}` });
      }
      const arr = list as ArrayLike<unknown>;
      if (arr.length < 1) {
        fail('too_few_samples', { fn, param: 'subsets', expected: 'at least 1 index per subset', received: '0', detail: `class ${c}, repetition ${r}` });
      }
      const out = new Int32Array(arr.length);
      for (let k = 0; k < arr.length; k++) {
        const v = arr[k];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
          fail('out_of_range', { fn, param: 'subsets', expected: `row indices, integers in [0, ${n - 1}]`, received: describeValue(v), detail: `class ${c}, repetition ${r}, position ${k}` });
        }
        out[k] = v;
      }
      return out;
    });
  });
}

/**
 * Diffusion spectral mutual information between the rows of `t` and class labels (or a continuous target).
 *
 * For each class b with n_b of the n rows: h_b = DSE(T[Y = b]) and h*_b = the mean of DSE over `repetitions`
 * random subsets of n_b rows drawn from ALL rows; DSMI = sum_b (n_b / n)(h*_b - h_b) (variant 'reference', the
 * authors' definition). Variant 'conditional': DSE(T) - sum_b (n_b / n) DSE(T[Y = b]), deterministic.
 * A continuous target (a one-column `Samples`) is min-max scaled and cut into `clusters` equal-width bins.
 * Natively in bits. Cost: about (1 + repetitions) DSE evaluations of each class's size, independent, run on
 * `threads` threads (worker threads, each DSE whole on one thread: the result does not depend on `threads`).
 * With method 'slq', `params.standardError` combines the DSEs' standard errors (as independent estimates).
 *
 * Reference: Liao, Liu et al. 2023 (ChenLiu-1996/DiffusionSpectralEntropy, `diffusion_spectral_mutual_information`).
 *
 * @param t - activations, one row per sample.
 * @param labels - integer class labels (flat array, one-hot matrix or `Labels`), or a `Samples` for a continuous target.
 * @example
 * // two far-apart clusters, labelled by cluster: 1 bit
 * diffusionSpectralMutualInformation([[0], [0], [0], [1000], [1000], [1000]], [0, 0, 0, 1, 1, 1]).value; // => 0.9999999999999887
 */
export function diffusionSpectralMutualInformation(
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: DiffusionSpectralMutualInformationOptions = {},
): Estimate {
  const fn = 'diffusionSpectralMutualInformation';
  checkOptionNames(fn, options, DSMI_OPTION_NAMES);
  const {
    units = DSMI_DEFAULTS.units,
    repetitions = DSMI_DEFAULTS.repetitions,
    variant = DSMI_DEFAULTS.variant,
    clusters = DSMI_DEFAULTS.clusters,
    threads = DSMI_DEFAULTS.threads,
    subsets,
  } = options;
  checkUnits(fn, units);
  const settings = checkDseSettings(fn, options as DiffusionSpectralEntropyOptions & Record<string, unknown>);
  checkNumber(fn, 'repetitions', repetitions, { integer: true, min: 1, max: 10000 });
  checkChoice(fn, 'variant', variant, ['reference', 'conditional'] as const);
  checkNumber(fn, 'clusters', clusters, { integer: true, min: 1, max: 1_000_000 });
  checkNumber(fn, 'threads', threads, { integer: true, min: 1, max: 64 });
  const s = toSamples(t, { fn, param: 't', minSamples: 2 });
  let y: Labels;
  let continuous = false;
  if (isSamples(labels)) {
    const target = toSamples(labels, { fn, param: 'labels' });
    checkSameCount(fn, [['t', s.n], ['labels', target.n]]);
    y = equalWidthClusters(target, clusters);
    continuous = true;
  } else {
    y = toLabels(labels, { fn, param: 'labels' });
    checkSameCount(fn, [['t', s.n], ['labels', y.n]]);
  }
  const given = subsets === undefined ? null : checkSubsets(fn, subsets, y, s.n);
  const r = dsmiKernel(fn, s, y, settings, variant, repetitions, given, threads);
  const params: UsedParams = {
    sigma: settings.sigma,
    t: settings.power,
    maxSamples: settings.maxSamples,
    seed: settings.seed,
    method: settings.method,
    tolerance: settings.tolerance,
    repetitions: given ? given.map((g) => g.length) : repetitions,
    variant,
    subsets: given ? 'given' : 'seeded',
    classes: y.classes.length,
    classDse: r.classDse.map((b) => fromNats(b * LN2, units)),
    randomDse: r.randomDse.map((b) => fromNats(b * LN2, units)),
    eigenvaluesUsed: r.eigenvaluesUsed,
    threads,
  };
  if (settings.method === 'slq') {
    params.probes = settings.probes;
    params.steps = settings.steps;
    if (r.standardError !== undefined) params.standardError = fromNats(r.standardError * LN2, units);
  }
  if (continuous) params.clusters = clusters;
  if (r.hT !== undefined) params.hT = fromNats(r.hT * LN2, units);
  return { value: fromNats(r.bits * LN2, units), units, params };
}

interface DsmiBits {
  bits: number;
  classDse: number[];
  randomDse: number[];
  hT?: number;
  eigenvaluesUsed: number[];
  /** 'slq' only: standard error of `bits` (the DSEs' errors combined as independent). */
  standardError?: number;
}

function dsmiKernel(
  fn: string,
  s: Samples,
  y: Labels,
  settings: DseSettings,
  variant: DsmiVariant,
  repetitions: number,
  given: Int32Array[][] | null,
  threads: number,
): DsmiBits {
  const { n } = s;
  const C = y.classes.length;
  const members: Int32Array[] = [];
  const fill = new Int32Array(C);
  for (let c = 0; c < C; c++) members.push(new Int32Array(y.counts[c]));
  for (let i = 0; i < n; i++) {
    const c = y.ids[i];
    members[c][fill[c]++] = i;
  }
  // First list every DSE needed, in the order the definition uses them; classes of equal size draw the same
  // subsets (the generator is re-seeded per class), so each distinct row list is one task. Then run the tasks
  // (independent: on `threads` threads) and assemble.
  const taskOf = new Map<string, number>();
  const tasks: Array<ArrayLike<number>> = [];
  const need = (rows: ArrayLike<number>): number => {
    if (rows.length < 2) return -1;
    const key = Array.prototype.join.call(rows, ',');
    let k = taskOf.get(key);
    if (k === undefined) {
      k = tasks.length;
      taskOf.set(key, k);
      tasks.push(rows);
    }
    return k;
  };
  const classTasks = members.map(need);
  let allTask = -1;
  const randomTasks: number[][] = [];
  if (variant === 'conditional') {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    allTask = need(all);
  } else {
    for (let c = 0; c < C; c++) {
      let lists: ArrayLike<number>[];
      if (given) {
        lists = given[c];
      } else {
        const random = randomSource(settings.seed); // re-seeded for every class, as the reference does
        lists = [];
        for (let r = 0; r < repetitions; r++) lists.push(sampleIndices(n, y.counts[c], random));
      }
      randomTasks.push(lists.map(need));
    }
  }
  // Subsample (with its warning) here, so that workers get at most maxSamples rows and never warn.
  const inputs = tasks.map((rows) => capSamples(fn, selectRows(s, rows), settings.maxSamples, settings.seed));
  const results = runDseTasks(fn, inputs, settings, threads, (t) => dseTask(fn, t, settings));
  const bitsOf = (k: number): number => (k < 0 ? 0 : results[k].bits);
  const eigenvaluesUsed = results.map((r) => r.eigenvaluesUsed);
  const errors = results.map((r) => r.standardError);
  // Standard error of sum_k c_k bits_k (independent estimates; a task used several times counts its weights together).
  const standardErrorOf = (weights: Map<number, number>): number | undefined => {
    if (!errors.every((e) => e !== undefined)) return undefined;
    let v = 0;
    for (const [k, w] of weights) if (k >= 0) v += (w * (errors[k] as number)) ** 2;
    return Math.sqrt(v);
  };
  const weights = new Map<number, number>();
  const add = (k: number, w: number): void => {
    weights.set(k, (weights.get(k) ?? 0) + w);
  };
  const classDse = classTasks.map(bitsOf);
  const randomDse: number[] = [];
  if (variant === 'conditional') {
    const hT = bitsOf(allTask);
    add(allTask, 1);
    let cond = 0;
    for (let c = 0; c < C; c++) {
      cond += (y.counts[c] / n) * classDse[c];
      add(classTasks[c], -y.counts[c] / n);
    }
    return { bits: hT - cond, classDse, randomDse, hT, eigenvaluesUsed, standardError: standardErrorOf(weights) };
  }
  let total = 0;
  for (let c = 0; c < C; c++) {
    const nb = y.counts[c];
    const list = randomTasks[c];
    let mean = 0;
    for (const k of list) {
      mean += bitsOf(k);
      add(k, nb / n / list.length);
    }
    mean /= list.length;
    randomDse.push(mean);
    total += (nb / n) * (mean - classDse[c]);
    add(classTasks[c], -nb / n);
  }
  return { bits: total, classDse, randomDse, eigenvaluesUsed, standardError: standardErrorOf(weights) };
}

/**
 * One DSE of validated samples for the thread pool (`dseThreads.ts`): value in bits, eigenvalues (or columns, or
 * quadrature nodes) used and, for 'slq', the standard error. `settings` are the validated DSE settings.
 * Kernel: trusts its inputs.
 */
export function dseTask(fn: string, s: Samples, settings: unknown): DseTaskResult {
  const r = dseKernel(fn, s, settings as DseSettings);
  return r.standardError === undefined
    ? { bits: r.bits, eigenvaluesUsed: r.eigenvaluesUsed }
    : { bits: r.bits, eigenvaluesUsed: r.eigenvaluesUsed, standardError: r.standardError };
}

// ---------------------------------------------------------------------------------------------------------------
// Command-line and recorder descriptions

const DSE_PARAMS = [
  { name: 'sigma', kind: 'number', description: `Gaussian kernel bandwidth (default ${DSE_DEFAULTS.sigma})` },
  { name: 't', kind: 'number', description: `diffusion power: eigenvalues enter as |lambda|^t (default ${DSE_DEFAULTS.t})` },
  { name: 'maxSamples', kind: 'integer', description: `above this many rows use a seeded random subset (default ${DSE_DEFAULTS.maxSamples})` },
  { name: 'seed', kind: 'integer', description: `seed of subsampling, of the Lanczos start vector and of the slq probes (default ${DSE_DEFAULTS.seed})` },
  { name: 'method', kind: 'choice', choices: METHODS, description: `spectrum: auto, full, lanczos, cholesky or slq (approximate, opt-in) (default ${DSE_DEFAULTS.method})` },
  { name: 'tolerance', kind: 'number', description: `bound width, in bits, at which lanczos/cholesky stop (default ${DSE_DEFAULTS.tolerance})` },
  { name: 'probes', kind: 'integer', description: `slq: random probes (default ${DSE_DEFAULTS.probes})` },
  { name: 'steps', kind: 'integer', description: `slq: Lanczos steps per probe (default ${DSE_DEFAULTS.steps})` },
] as const;

/** Entropy options a spec passes on (the CLI gives only the ones set). */
function pick(options: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of names) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

/** `dse`: H(T) = diffusion spectral entropy. */
export const dseSpec: EstimatorSpec = {
  name: 'dse',
  summary: 'diffusion spectral entropy of a Gaussian-kernel diffusion operator (Liao, Liu et al. 2023)',
  params: DSE_PARAMS,
  entropy: (a, options) => diffusionSpectralEntropy(a, pick(options, DSE_OPTION_NAMES) as DiffusionSpectralEntropyOptions),
};

/**
 * Cluster ids of the network input X for I(X;T) = DSMI(T; clusters of X): the distinct rows of X when there are
 * at most `clusters` of them, otherwise equal-width bins of the first principal direction of X (see
 * `equalWidthClusters`; with one column this is the continuous-target rule).
 */
export function inputClusters(x: Samples, clusters: number): Labels {
  const keys = new Map<string, number>();
  const raw = new Array<number>(x.n);
  for (let i = 0; i < x.n; i++) {
    const key = Array.from(x.data.subarray(i * x.d, (i + 1) * x.d)).join(',');
    let id = keys.get(key);
    if (id === undefined) {
      id = keys.size;
      keys.set(key, id);
      if (keys.size > clusters) return equalWidthClusters(x, clusters);
    }
    raw[i] = id;
  }
  return toLabels(raw);
}

/**
 * `dsmi`: I(T;Y) = DSMI(T; labels) and, in the information plane, I(X;T) = DSMI(T; clusters of X) with
 * `inputClusters` (distinct rows of X if at most `clusters`, else equal-width bins of its first principal
 * direction). H(T) = DSE(T) is reported as well.
 */
export const dsmiSpec: EstimatorSpec = {
  name: 'dsmi',
  summary: 'diffusion spectral mutual information with labels (Liao, Liu et al. 2023); I(X;T) uses clusters of X',
  params: [
    ...DSE_PARAMS,
    { name: 'repetitions', kind: 'integer', description: `random subsets per class (default ${DSMI_DEFAULTS.repetitions})` },
    { name: 'clusters', kind: 'integer', description: `equal-width bins of a continuous target or of X (default ${DSMI_DEFAULTS.clusters})` },
    { name: 'variant', kind: 'choice', choices: ['reference', 'conditional'], description: `reference (random subsets) or conditional (default ${DSMI_DEFAULTS.variant})` },
    { name: 'threads', kind: 'integer', description: `threads computing the independent DSEs in parallel, same result (default ${DSMI_DEFAULTS.threads})` },
    { name: 'subsets', kind: 'json', description: 'JSON file of explicit subsample indices [class][repetition][row], e.g. the reference\'s (default: seeded random subsets)' },
  ],
  mi: (a, b, options) => diffusionSpectralMutualInformation(a, b, pick(options, DSMI_OPTION_NAMES) as DiffusionSpectralMutualInformationOptions),
  point: (x, t, labels, options): PlanePoint => {
    const fn = 'dsmi';
    const opts = pick(options, DSMI_OPTION_NAMES) as DiffusionSpectralMutualInformationOptions;
    const { units = DSMI_DEFAULTS.units, clusters = DSMI_DEFAULTS.clusters } = opts;
    checkNumber(fn, 'clusters', clusters, { integer: true, min: 1, max: 1_000_000 });
    const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
    const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
    checkSameCount(fn, [['x', xs.n], ['t', ts.n]]);
    const ity = diffusionSpectralMutualInformation(ts, labels, opts);
    const xLabels = inputClusters(xs, clusters);
    const ixt = diffusionSpectralMutualInformation(ts, xLabels, opts);
    const hT = diffusionSpectralEntropy(ts, pick(opts as Record<string, unknown>, DSE_OPTION_NAMES) as DiffusionSpectralEntropyOptions);
    return {
      ixt: ixt.value,
      ity: ity.value,
      hT: hT.value,
      units,
      params: { ...ity.params, xClusters: xLabels.classes.length, ixtParams: ixt.params, hTParams: hT.params },
    };
  },
};
