/**
 * The kernel of diffusion spectral entropy (DSE) and mutual information (DSMI) of Liao, Liu et al. (2023): given
 * validated samples and settings, the spectrum of the diffusion operator of a Gaussian kernel (dense, Lanczos,
 * low-rank Cholesky or stochastic Lanczos quadrature, with the bound each gives) or of the scale-free kNN kernel
 * (`knnDiffusionKernel.ts`; dense or stochastic Lanczos quadrature), and the DSEs of DSMI's row subsets (on the
 * worker pool). The public functions, their validation and documentation are in
 * `estimators/dse.ts`. Kernels: trust their inputs.
 */
import { checkMemory } from '../memory';
import { expNeg } from '../kernels/expNeg';
import { gaussianRowSums, squaredDistance } from '../kernels/gaussianRowSums';
import { gaussianLowerRows } from '../kernels/gaussianLowerRows';
import { Labels } from '../labels';
import { gaussianGram } from '../pairwiseSquaredDistances';
import { randomSource, sampleIndices } from '../random';
import { Samples, selectRows } from '../samples';
import { DseTaskResult, runDseTasks } from '../threads/dseThreads';
import { warn } from '../warn';
import { denseProduct, lanczos, RitzValues } from './lanczos';
import { knnDiffusionOperator } from './knnDiffusionKernel';
import { EntropyBracket, spectralEntropyBits, tailBracket } from './spectralEntropy';
import { lowRankDiffusionEntropy } from './spectralLowRank';
import { denseBlockOperator, SlqResult, slqSpectralEntropy } from './spectralSlq';
import { wasmAvailable } from './spectralWasm';
import { packedSymmetricEigenvalues, symmetricEigenvalues } from './symmetricEigenvalues';

/** How the spectrum is obtained ('auto' resolves to one of the others); see `DseMethod` in estimators/dse.ts. */
export type SpectrumMethod = 'auto' | 'full' | 'lanczos' | 'cholesky' | 'slq';

/** Largest n for which 'auto' uses the full solver (about 0.3 s). */
const AUTO_FULL_LIMIT = 1000;

/** The kernels DSE diffuses with: the reference's fixed-bandwidth Gaussian, or the scale-free adaptive kNN one. */
export type DseKernelName = 'gaussian' | 'knn';

/** The methods valid for each kernel (see `DseMethod` in estimators/dse.ts for why 'knn' has only these). */
export const KNN_KERNEL_METHODS: readonly SpectrumMethod[] = ['auto', 'full', 'slq'];

/**
 * The validated settings of one DSE (`t` of the options is `power` here, resolved from the kernel when not given).
 * Structured-cloned to the worker threads of DSMI, so every field reaches `dseTask` there.
 */
export interface DseSettings {
  /** 'gaussian' (uses `sigma`) or 'knn' (uses `k` and `alpha`; methods 'full' and 'slq' only). */
  kernel: DseKernelName;
  sigma: number;
  /** 'knn': sigma_i = distance to the k-th neighbour (clamped to n - 1). */
  k: number;
  /** 'knn': density normalisation exponent, K~ = D^-alpha K D^-alpha. */
  alpha: number;
  power: number;
  maxSamples: number;
  seed: number;
  method: SpectrumMethod;
  tolerance: number;
  probes: number;
  steps: number;
}

/** The result of one DSE evaluation, in bits. */
export interface DseBits {
  bits: number;
  /** The bound on the exact value (for 'slq': bits -/+ 3 standard errors, not a bound). */
  bracket: EntropyBracket;
  method: 'full' | 'lanczos' | 'cholesky' | 'slq';
  eigenvaluesUsed: number;
  samplesUsed: number;
  fallback?: string;
  /** 'slq' only: the standard error of `bits`. */
  standardError?: number;
  /** 'knn' only, when fewer than k other rows exist: the number of neighbours used (n - 1). */
  kUsed?: number;
}

/**
 * Refuse an n x n float64 matrix (plus `extraBytes`) that would not fit the memory budget (`checkMemory` in
 * core/memory.ts), with a clear `too_large` error instead of an allocation failure deep inside V8.
 * @example
 * checkDenseMatrixFits('diffusionSpectralEntropy', 't', 1e6); // throws InfoplaneError (code 'too_large')
 */
export function checkDenseMatrixFits(fn: string, param: string, n: number, extraBytes = 0): void {
  checkMemory(fn, param, {
    bytes: 8 * n * n + extraBytes,
    largestArray: n * n,
    what: 'an n x n kernel matrix (and its workspace)',
    received: `${n} samples`,
    wayOut: 'lower maxSamples to subsample, or use a method that needs no dense matrix',
  });
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
export function dseKernel(fn: string, s0: Samples, settings: DseSettings): DseBits {
  const s = capSamples(fn, s0, settings.maxSamples, settings.seed);
  const { n } = s;
  const { power, tolerance, seed } = settings;
  if (n === 1) return { bits: 0, bracket: { lo: 0, hi: 0 }, method: 'full', eigenvaluesUsed: 1, samplesUsed: 1 };
  if (settings.kernel === 'knn') return knnDseKernel(fn, s, settings);
  let method = settings.method;
  if (method === 'auto') method = n <= AUTO_FULL_LIMIT ? 'full' : power === 1 ? 'cholesky' : power === 2 ? 'lanczos' : 'full';
  // Most Cholesky columns worth trying before the full solver is cheaper: the WebAssembly kernel makes columns
  // cheaper, and above about n = 2500 the full solver slows down (its n^2 / 2 packed matrix leaves the cache).
  const maxRank = Math.min(n, Math.max(64, Math.ceil((wasmAvailable() ? (n > 2500 ? 0.65 : 0.5) : 0.35) * n)));
  // Any method may fall back to the full solver: refuse early what cannot fit. The full solver writes K straight
  // into its packed lower triangle (4 n^2 bytes, no n x n array); 'cholesky' first holds its factor (8 n r and
  // the r x r Gram matrix, released before any fallback); 'lanczos' holds the dense K (8 n^2) and, falling back,
  // its packed copy; 'slq' copies K into WebAssembly memory (two n x n matrices for a moment).
  const packedBytes = 4 * n * (n + 1);
  const bytes =
    method === 'full' || (method === 'cholesky' && power === 1)
      ? Math.max(packedBytes, method === 'cholesky' ? 8 * maxRank * (n + maxRank) : 0)
      : method === 'slq'
        ? 16 * n * n
        : 8 * n * n + packedBytes;
  checkMemory(fn, 't', {
    bytes,
    largestArray: method === 'full' || (method === 'cholesky' && power === 1) ? n * (n + 1) / 2 : n * n,
    what: 'the kernel matrix (and its workspace)',
    received: `${n} samples`,
    wayOut: 'lower maxSamples to subsample, or use a method that needs no dense matrix',
  });
  const gamma = 1 / (2 * settings.sigma * settings.sigma);
  // 'full' never stores G (it is written packed, below); the Cholesky path never stores it either: it streams the
  // row sums and computes kernel rows on demand.
  let g: Float64Array | null = method === 'full' || (method === 'cholesky' && power === 1) ? null : gaussianGram(s, settings.sigma);
  if (method === 'full') return fullDse(s, settings.sigma, power, null, undefined);
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
  if (method === 'full' && !g) return fullDse(s, settings.sigma, power, scale, fallback);
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
    return fullDse(s, settings.sigma, power, scale, fallback);
  }
  if (!g) g = gaussianGram(s, settings.sigma);
  // K = D^-1/2 G D^-1/2, in place.
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const si = scale[i];
    for (let j = 0; j < n; j++) g[row + j] *= si * scale[j];
  }
  if (method === 'slq') return { ...slqDse(g, n, power, power === 1 ? trace : null, settings, seed), method, samplesUsed: n };
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

/**
 * DSE of the 'knn' kernel (`knnDiffusionOperator`): the spectrum of the dense symmetric form S of its diffusion
 * operator, by the full solver ('auto' and 'full') or by 'slq'. The bounded methods are not offered (validation
 * refuses them; here they would be a caller's bug): their bounds assume a positive semidefinite kernel, so that
 * trace = sum |lambda|, which the self-tuning kernel is not. For 'slq' the normaliser sum |lambda|^t is exact for
 * t = 2 (|S|_F^2, any sign) and estimated by the quadrature otherwise. `s` has at least 2 rows.
 */
function knnDseKernel(fn: string, s: Samples, settings: DseSettings): DseBits {
  const { n } = s;
  const { power, seed } = settings;
  const method = settings.method === 'auto' ? 'full' : settings.method;
  if (method !== 'full' && method !== 'slq') throw new Error(`dseKernel: method '${method}' is not valid with the knn kernel`);
  // the full solver holds S (8 n^2 bytes) and its packed lower triangle (4 n^2); 'slq' copies S into WebAssembly
  checkDenseMatrixFits(fn, 't', n, method === 'slq' ? 8 * n * n : 4 * n * n);
  const kUsed = Math.min(settings.k, n - 1);
  let g: Float64Array | null = knnDiffusionOperator(s, kUsed, settings.alpha);
  const clamped = kUsed < settings.k ? { kUsed } : {};
  if (method === 'slq') {
    return { ...slqDse(g, n, power, null, settings, seed), method, samplesUsed: n, ...clamped };
  }
  const bits = spectralEntropyBits(symmetricEigenvalues(g, n, { overwrite: true }), power);
  return { bits, bracket: { lo: bits, hi: bits }, method: 'full', eigenvaluesUsed: n, samplesUsed: n, ...clamped };
}

/**
 * The 'slq' estimate from the symmetric operator `g` (n x n; the WebAssembly operator holds a copy of it, and the
 * callers' memory checks count both), with
 * the normaliser sum |lambda|^t: `total` when known (trace for t = 1), |g|_F^2 for t = 2, else estimated.
 */
function slqDse(g: Float64Array, n: number, power: number, total: number | null, settings: DseSettings, seed: number): Pick<DseBits, 'bits' | 'bracket' | 'eigenvaluesUsed' | 'standardError'> {
  let normaliser = total;
  if (power === 2) {
    normaliser = 0;
    for (let i = 0; i < g.length; i++) normaliser += g[i] * g[i];
  }
  const op = denseBlockOperator(g, n);
  let r: SlqResult;
  try {
    r = slqSpectralEntropy(op, power, normaliser, { probes: settings.probes, steps: settings.steps, seed });
  } finally {
    op.release();
  }
  const se = r.standardError;
  return { bits: r.bits, bracket: { lo: r.bits - 3 * se, hi: r.bits + 3 * se }, eigenvaluesUsed: r.steps, standardError: se };
}

/**
 * DSE by the full solver, with K = D^-1/2 G D^-1/2 written straight into the solver's packed lower triangle: no
 * n x n array (4 n^2 bytes in all, against 12 n^2 for a dense K and its packed copy). `scale` = D^-1/2 when the
 * row sums are known already (the Cholesky path streamed them); null: the row sums of G are accumulated while G is
 * written, each in the order j = 0..n-1 (so they are those of the dense G, bit for bit). The entries are the dense
 * path's too (`squaredDistance` sums the same squared differences in the same order as `gaussianGram`, and the
 * same `expNeg` argument), so the values are the same as building the dense K.
 */
function fullDse(s: Samples, sigma: number, power: number, scale: Float64Array | null, fallback: string | undefined): DseBits {
  const { data, n, d } = s;
  const factor = -1 / (2 * sigma * sigma);
  const eigenvalues = packedSymmetricEigenvalues(n, (packed) => {
    const sums = scale ? null : new Float64Array(n);
    const row = gaussianLowerRows(data, n, d, factor);
    for (let i = 0; i < n; i++) {
      const base = (i * (i + 1)) / 2;
      row(i, packed, base);
      packed[base + i] = expNeg(0 * factor);
      if (sums) {
        // row i's own terms (columns 0..i) in order; its terms at columns j > i arrive with rows j, in order
        let sum = sums[i];
        for (let j = 0; j <= i; j++) sum += packed[base + j];
        sums[i] = sum;
        for (let j = 0; j < i; j++) sums[j] += packed[base + j];
      }
    }
    let sc = scale;
    if (sums) {
      sc = new Float64Array(n);
      for (let i = 0; i < n; i++) sc[i] = 1 / Math.sqrt(sums[i]);
    }
    const k = sc as Float64Array;
    for (let i = 0; i < n; i++) {
      const base = (i * (i + 1)) / 2;
      const si = k[i];
      for (let j = 0; j <= i; j++) packed[base + j] *= si * k[j];
    }
  });
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

/** The result of one DSMI evaluation, in bits (the DSEs behind it included). */
export interface DsmiBits {
  bits: number;
  classDse: number[];
  randomDse: number[];
  hT?: number;
  eigenvaluesUsed: number[];
  /** 'slq' only: standard error of `bits` (the DSEs' errors combined as independent). */
  standardError?: number;
}

/**
 * DSMI of validated samples and labels, in bits: lists every DSE the definition needs (each distinct row list
 * once), runs them on `threads` threads and assembles (see `diffusionSpectralMutualInformation`). `given`: explicit
 * subsets [class][repetition] (validated), or null for the seeded draw. Kernel: trusts its inputs.
 */
export function dsmiKernel(
  fn: string,
  s: Samples,
  y: Labels,
  settings: DseSettings,
  variant: 'reference' | 'conditional',
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
 * One DSE of validated samples, as a task of the thread pool (`threads/dseThreads.ts`, run by `threads/worker.ts`):
 * value in bits, eigenvalues (or columns, or quadrature nodes) used and, for 'slq', the standard error.
 * `settings` are the validated `DseSettings` (structured-cloned to the workers). Kernel: trusts its inputs.
 */
export function dseTask(fn: string, s: Samples, settings: unknown): DseTaskResult {
  const r = dseKernel(fn, s, settings as DseSettings);
  return r.standardError === undefined
    ? { bits: r.bits, eigenvaluesUsed: r.eigenvaluesUsed }
    : { bits: r.bits, eigenvaluesUsed: r.eigenvaluesUsed, standardError: r.standardError };
}
