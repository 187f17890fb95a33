/**
 * Matrix-based Renyi alpha-entropy and mutual information (Sanchez Giraldo, Rao & Principe 2015; Yu et al.).
 * Definitions: ESTIMATORS.md section 7.
 */
import { fail } from '../core/errors';
import { medianDistance, medianDistanceOfLabels } from '../core/kernels/bandwidth';
import { expNeg } from '../core/kernels/expNeg';
import { gaussianLowerRows } from '../core/kernels/gaussianLowerRows';
import { gaussianRowSumsThreaded, pairedGaussianSumsThreaded, Threads } from '../core/threads/kernelThreads';
import { isLabels, Labels, oneHot, toLabels } from '../core/labels';
import { checkMemory } from '../core/memory';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { symmetricEigenvalues } from '../core/spectral/symmetricEigenvalues';
import { fromNats, Units } from '../core/units';
import { checkSameCount } from '../core/validate';
import { RENYI_SPEC } from './specs/renyi';
import { OptionsOf, resolveOptions, specDefaults } from './specs/spec';
import { subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { diagnose } from './diagnostics';
import { Estimate, PlanePoint, UsedParams } from './types';

/**
 * A Gaussian bandwidth sigma (a length in the units of the variable, > 0), or `'median'`: the median pairwise
 * Euclidean distance of the variable (the usual heuristic; exact over all pairs unless the `bandwidthRows`
 * option asks for a fixed seeded subset of rows; the mean distance when the median is 0; exact closed form for
 * class labels).
 */
export type RenyiBandwidth = number | 'median';

/**
 * Options of `renyiPoint`, declared in `specs/renyi.ts` (`RENYI_SPEC`):
 * - `alpha`: order alpha > 0; 1 gives von Neumann entropies, 2 needs no eigenvalues. Defaults to 1.01.
 * - `sigma`: bandwidth of every variable (Gaussian kernel exp(-|a - b|^2 / (2 sigma^2))), unless `sigmaX` /
 *   `sigmaY` / `sigmaT` override it. Defaults to 'median'.
 * - `sigmaX`: bandwidth of x (the input, or the first variable). Defaults to `sigma`.
 * - `sigmaY`: bandwidth of y (the one-hot labels, or the second variable; of the one-hot matrix when y holds class
 *   labels). Defaults to `sigma`.
 * - `sigmaT`: bandwidth of the layer T (point only). Defaults to `sigma`.
 * - `units`: units of the result. Defaults to 'bits'.
 * - `bandwidthRows`: compute the 'median' bandwidths on a fixed seeded subset of this many rows (approximate,
 *   reported). Default: all rows, exact.
 * - `threads`: threads for the pairwise passes (alpha = 2, the 'median' bandwidths): an integer in [1, 64] or
 *   'auto' (every core when a pass is predicted to take 20 ms or more). The same values for any count. Default 'auto'.
 * - `maxSamples`, `seed`: a seeded subset of the rows, stratified by label (see subsampling.ts). Default: all rows.
 */
export type RenyiPointOptions = OptionsOf<typeof RENYI_SPEC.params>;

/** Options of `renyiMutualInformation`: those of {@link RenyiPointOptions} without `sigmaT`. */
export type RenyiMutualInformationOptions = Omit<RenyiPointOptions, 'sigmaT'>;

/** Options of `renyiEntropy`: `alpha`, `sigma` (the bandwidth of the variable) and `units`; see {@link RenyiPointOptions}. */
export type RenyiEntropyOptions = Omit<RenyiPointOptions, 'sigmaX' | 'sigmaY' | 'sigmaT'>;

/** The defaults of `renyiEntropy`, `renyiMutualInformation` and `renyiPoint` (from the spec). */
export const RENYI_DEFAULTS = specDefaults(RENYI_SPEC) as { alpha: number; sigma: RenyiBandwidth; units: Units };

/** A mutual information with the three entropies it is made of, all in `units`. */
export interface RenyiMutualInformation extends Estimate {
  /** I = S(A) + S(B) - S(A o B / tr(A o B)). */
  value: number;
  /** S_alpha(A), A = Kx / tr(Kx). */
  entropyX: number;
  /** S_alpha(B), B = Ky / tr(Ky). */
  entropyY: number;
  /** S_alpha(A o B / tr(A o B)). */
  jointEntropy: number;
}

/** Above this many samples an eigendecomposition (alpha != 2) would need more than 2 GB: an error. */
const MAX_EIGEN_SAMPLES = 9000;

function checkEigenSize(fn: string, n: number, alpha: number): void {
  if (alpha !== 2 && n > MAX_EIGEN_SAMPLES) {
    fail('too_large', {
      fn,
      param: 'x',
      expected: `at most ${MAX_EIGEN_SAMPLES} samples for alpha != 2 (three dense n x n matrices and O(n^3) eigenvalues)`,
      received: `${n} samples`,
      detail: 'use alpha: 2, which needs no eigenvalues, or a subset of the samples',
    });
  }
  // at most four n x n matrices live at once (renyiPoint); eigenvalues work in place
  if (alpha !== 2) checkMemory(fn, 'x', { bytes: 32 * n * n, what: 'the n x n Gram matrices', received: `${n} samples`, wayOut: 'use alpha: 2, which needs O(n) memory, or a subset of the samples' });
}

/** The sigma a bandwidth gives for a variable (a number, or the median rule). */
function resolveSigma(rule: RenyiBandwidth, variable: Samples | Labels, rows: number | undefined, threads: Threads): number {
  if (typeof rule === 'number') return rule;
  return isLabels(variable) ? medianDistanceOfLabels(variable.counts) : medianDistance(variable, { rows, threads });
}

/** Whether the rule looks at a subset of `rows` rows of this variable (reported as params.bandwidthRows). */
function usesSubset(rule: RenyiBandwidth, variable: Samples | Labels, rows: number | undefined): boolean {
  return rule === 'median' && !isLabels(variable) && rows !== undefined && variable.n > rows;
}

function asSamples(variable: Samples | Labels, fn: string): Samples {
  if (!isLabels(variable)) return variable;
  const cells = variable.n * variable.classes.length;
  checkMemory(fn, 'labels', { bytes: 8 * cells, largestArray: cells, what: 'the n x classes one-hot matrix of the labels', received: `${variable.n} samples of ${variable.classes.length} classes`, wayOut: 'merge rare classes into fewer labels' });
  return oneHot(variable);
}

/**
 * Matrix-based Renyi entropy, in nats, of a unit-trace positive semi-definite matrix from its eigenvalues:
 * S_alpha = ln(sum_i lambda_i^alpha) / (1 - alpha), and -sum_i lambda_i ln lambda_i at alpha = 1 (von Neumann).
 * Negative eigenvalues (rounding) are clipped to 0 first; `scale` divides every eigenvalue (pass the trace of an
 * unnormalised matrix). O(n). Kernel: trusts its input.
 *
 * @example
 * matrixRenyiEntropy([0.5, 0.5], 1.01); // => 0.6931 (ln 2 nats)
 */
export function matrixRenyiEntropy(eigenvalues: ArrayLike<number>, alpha: number, scale = 1): number {
  const n = eigenvalues.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (eigenvalues[i] > max) max = eigenvalues[i];
  if (!(max > 0)) return 0;
  if (alpha === 1) {
    let h = 0;
    for (let i = 0; i < n; i++) {
      const l = eigenvalues[i] / scale;
      if (l > 0) h -= l * Math.log(l);
    }
    return h;
  }
  // ln sum (l_i / scale)^alpha = alpha ln(max / scale) + ln sum (l_i / max)^alpha, free of under/overflow
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const l = eigenvalues[i];
    if (l > 0) sum += Math.pow(l / max, alpha);
  }
  return (alpha * Math.log(max / scale) + Math.log(sum)) / (1 - alpha);
}

/** The lower triangle (diagonal included) of the Gaussian Gram matrix, in n x n row-major storage. */
function gramLower(s: Samples, sigma: number): Float64Array {
  const { data, n, d } = s;
  const scale = 1 / (2 * sigma * sigma);
  const out = new Float64Array(n * n);
  const row = gaussianLowerRows(data, n, d, -scale);
  for (let i = 0; i < n; i++) {
    row(i, out, i * n);
    out[i * n + i] = 1;
  }
  return out;
}

/** out = a o b on the lower triangle (out may be a or b). */
function hadamardLower(a: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j <= i; j++) out[row + j] = a[row + j] * b[row + j];
  }
  return out;
}

/**
 * S_alpha (nats) of K / tr(K) for the Gaussian Gram matrix K of one-hot labels (bandwidth sigma), in closed form:
 * K = c 11' + (1 - c) B with c = exp(-1 / sigma^2) the value across classes (squared distance 2) and B the
 * same-class indicator, so K maps the span of the normalised class indicators u_k = 1_k / sqrt(n_k) into itself
 * as the C x C matrix M_kl = c sqrt(n_k n_l) + (1 - c) n_k [k = l], and is 0 on its complement. Its spectrum is
 * M's and n - C zeros (which add nothing): a C x C eigenproblem instead of an n x n one; tr K = n.
 */
function labelGramEntropy(labels: Labels, sigma: number, alpha: number): number {
  const counts = labels.counts;
  const C = counts.length;
  const c = expNeg(-(1 / (2 * sigma * sigma)) * 2); // the entry gramLower gives two rows of different classes
  const m = new Float64Array(C * C);
  for (let k = 0; k < C; k++) {
    for (let l = 0; l <= k; l++) m[k * C + l] = c * Math.sqrt(counts[k] * counts[l]) + (k === l ? (1 - c) * counts[k] : 0);
  }
  return matrixRenyiEntropy(symmetricEigenvalues(m, C, { overwrite: true }), alpha, labels.n);
}

/** S_alpha (nats) of K / tr(K) by eigenvalues; K (lower triangle) is destroyed. */
function gramEntropy(k: Float64Array, n: number, alpha: number): number {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += k[i * n + i];
  return matrixRenyiEntropy(symmetricEigenvalues(k, n, { overwrite: true }), alpha, trace);
}

/** The three entropies (nats) of I(X;Y), by eigenvalues (any alpha) or by Frobenius norms (alpha = 2). */
function entropies(x: Samples, y: Samples, sigmaX: number, sigmaY: number, alpha: number, threads: Threads): [number, number, number] {
  const n = x.n;
  if (alpha === 2) {
    // S_2(K / tr K) = -ln(||K||_F^2 / tr(K)^2); the Gaussian kernels have unit diagonals, so every trace is n, and
    // Kx_ij^2 = exp(-|x_i - x_j|^2 / sigma^2): squared Gram entries are a Gaussian kernel of scale 1 / sigma^2.
    const { rowA, rowB, sumProduct } = pairedGaussianSumsThreaded(x, y, 1 / (sigmaX * sigmaX), 1 / (sigmaY * sigmaY), undefined, threads);
    let fx = 0;
    let fy = 0;
    for (let i = 0; i < n; i++) {
      fx += rowA[i];
      fy += rowB[i];
    }
    const n2 = n * n;
    return [-Math.log(fx / n2), -Math.log(fy / n2), -Math.log(sumProduct / n2)];
  }
  const kx = gramLower(x, sigmaX);
  const ky = gramLower(y, sigmaY);
  const joint = gramEntropy(hadamardLower(kx, ky, n, new Float64Array(n * n)), n, alpha);
  return [gramEntropy(kx, n, alpha), gramEntropy(ky, n, alpha), joint];
}

/**
 * Matrix-based Renyi alpha-entropy S_alpha(A) of a variable, A = K / tr(K) for the Gaussian Gram matrix
 * K_ij = exp(-|x_i - x_j|^2 / (2 sigma^2)): S_alpha = log(sum_i lambda_i(A)^alpha) / (1 - alpha), eigenvalues
 * clipped at 0; the von Neumann entropy -sum lambda log lambda at alpha = 1; -log ||A||_F^2 at alpha = 2.
 * It lies in [0, log n]: log n when the samples are far apart on the scale sigma, 0 when they coincide.
 *
 * Units: bits by default. Cost: O(n^2 d + n^3) time and 8 n^2 bytes (eigenvalues); O(n^2 d / 2) time and O(n)
 * memory at alpha = 2. Reference: Sanchez Giraldo, Rao & Principe, Measures of entropy from data using infinitely
 * divisible kernels, IEEE Trans. Inf. Theory 61 (2015).
 *
 * @param x n rows of d values
 * @returns `{value, units, params: {alpha, sigma}, warnings: []}`, with the sigma actually used (a number)
 * @example
 * renyiEntropy([[0], [10], [20]], {sigma: 0.1}); // => {value: 1.585 (= log2 3), units: 'bits', params: {alpha: 1.01, sigma: 0.1}}
 */
export function renyiEntropy(x: SamplesLike, options: RenyiEntropyOptions = {}): Estimate {
  return subsampledEntropy(RENYI_SPEC, 'renyiEntropy', renyiEntropyAllRows, x, options, 'x');
}

/** `renyiEntropy` on every row it is given (the rows `maxSamples` drew, or all). */
function renyiEntropyAllRows(x: SamplesLike, options: RenyiEntropyOptions = {}): Estimate {
  const fn = 'renyiEntropy';
  const { alpha, sigma, units, bandwidthRows, threads } = resolveOptions(RENYI_SPEC, fn, options, 'entropy');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  checkEigenSize(fn, xs.n, alpha);
  const s = resolveSigma(sigma, xs, bandwidthRows, threads);
  const n = xs.n;
  let nats: number;
  if (alpha === 2) {
    const rows = gaussianRowSumsThreaded(xs, 1 / (s * s), undefined, threads).all;
    let f = 0;
    for (let i = 0; i < n; i++) f += rows[i];
    nats = -Math.log(f / (n * n));
  } else {
    nats = gramEntropy(gramLower(xs, s), n, alpha);
  }
  const params: UsedParams = { alpha, sigma: s };
  if (usesSubset(sigma, xs, bandwidthRows)) params.bandwidthRows = bandwidthRows;
  return diagnose({ value: fromNats(nats, units), units, params, warnings: [] }, { n: xs.n });
}

/**
 * Matrix-based Renyi alpha-order mutual information I(X;Y) = S(A) + S(B) - S(A o B / tr(A o B)), with
 * A = Kx / tr(Kx), B = Ky / tr(Ky) for Gaussian Gram matrices (bandwidth per variable) and o the element-wise
 * product. `y` may hold integer class labels (a `Labels`, see `toLabels`): they enter as their one-hot matrix.
 * The result carries the three entropies.
 *
 * Units: bits by default. Cost: O(n^2 (dx + dy) + n^3) time (three eigendecompositions) and 24 n^2 bytes;
 * O(n^2 (dx + dy) / 2) time and O(n) memory at alpha = 2.
 * Reference: Sanchez Giraldo, Rao & Principe (2015); Yu, Wickstrom, Jenssen & Principe, Understanding convolutional
 * neural networks with information theory (2021).
 *
 * @param x first variable, n rows of dx values
 * @param y second variable, n rows of dy values, or class labels as `Labels`
 * @example
 * renyiMutualInformation(t, oneHotLabels, {alpha: 1.01, sigma: 1});
 * // => {value: 1.227, entropyX: 6.241, entropyY: 1.394, jointEntropy: 6.408, units: 'bits', params: {...}}
 */
export function renyiMutualInformation(
  x: SamplesLike,
  y: SamplesLike | Labels,
  options: RenyiMutualInformationOptions = {},
): RenyiMutualInformation {
  return subsampledMi(RENYI_SPEC, 'renyiMutualInformation', renyiMutualInformationAllRows, x, y, options, undefined, ['x', 'y']);
}

/** `renyiMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function renyiMutualInformationAllRows(x: SamplesLike, y: SamplesLike | Labels, options: RenyiMutualInformationOptions = {}): RenyiMutualInformation {
  const fn = 'renyiMutualInformation';
  const { alpha, sigma, sigmaX, sigmaY, units, bandwidthRows, threads } = resolveOptions(RENYI_SPEC, fn, options, 'mi');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ys: Samples | Labels = isLabels(y) ? y : toSamples(y, { fn, param: 'y', minSamples: 2 });
  checkSameCount(fn, [
    ['x', xs.n],
    ['y', ys.n],
  ]);
  checkEigenSize(fn, xs.n, alpha);
  const sx = resolveSigma(sigmaX, xs, bandwidthRows, threads);
  const sy = resolveSigma(sigmaY, ys, bandwidthRows, threads);
  const [hx, hy, hxy] = entropies(xs, asSamples(ys, fn), sx, sy, alpha, threads);
  const params: UsedParams = { alpha, sigma, sigmaX: sx, sigmaY: sy };
  if (usesSubset(sigmaX, xs, bandwidthRows) || usesSubset(sigmaY, ys, bandwidthRows)) params.bandwidthRows = bandwidthRows;
  return {
    value: fromNats(hx + hy - hxy, units),
    entropyX: fromNats(hx, units),
    entropyY: fromNats(hy, units),
    jointEntropy: fromNats(hxy, units),
    units,
    params,
    warnings: [],
  };
}

/**
 * Information-plane point of a layer by matrix-based Renyi entropies: I(X;T) = S(X) + S(T) - S(X, T) and
 * I(T;Y) = S(T) + S(Y) - S(T, Y) with Y the one-hot labels; hT = S(T). The Gram matrix of T is built once.
 *
 * Units: bits by default. Cost: five eigendecompositions of n x n matrices (O(n^3)), 32 n^2 bytes at most;
 * at alpha = 2 two fused O(n^2 d) passes and O(n) memory.
 *
 * @example
 * renyiPoint(x, t, labels, {alpha: 2}); // => {ixt: 3.1, ity: 0.8, hT: 4.2, units: 'bits', params: {...}}
 */
export function renyiPoint(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: RenyiPointOptions = {}): PlanePoint {
  return subsampledPoint(RENYI_SPEC, 'renyiPoint', renyiPointAllRows, x, t, labels, options);
}

/** `renyiPoint` on every row it is given (the rows `maxSamples` drew, or all). */
function renyiPointAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: RenyiPointOptions = {}): PlanePoint {
  const fn = 'renyiPoint';
  const { alpha, sigma, sigmaX, sigmaY, sigmaT, units, bandwidthRows, threads } = resolveOptions(RENYI_SPEC, fn, options, 'point');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const ls = toLabels(labels, { fn, param: 'labels' });
  checkSameCount(fn, [
    ['x', xs.n],
    ['t', ts.n],
    ['labels', ls.n],
  ]);
  checkEigenSize(fn, xs.n, alpha);
  const sx = resolveSigma(sigmaX, xs, bandwidthRows, threads);
  const st = resolveSigma(sigmaT, ts, bandwidthRows, threads);
  const sy = resolveSigma(sigmaY, ls, bandwidthRows, threads);
  const ys = asSamples(ls, fn);
  const n = xs.n;
  let hx: number, ht: number, hy: number, hxt: number, hty: number;
  if (alpha === 2) {
    [hx, ht, hxt] = entropies(xs, ts, sx, st, 2, threads);
    [, hy, hty] = entropies(ts, ys, st, sy, 2, threads);
  } else {
    const kt = gramLower(ts, st);
    const kx = gramLower(xs, sx);
    const product = hadamardLower(kx, kt, n, new Float64Array(n * n));
    hxt = gramEntropy(product, n, alpha);
    hx = gramEntropy(kx, n, alpha);
    const ky = gramLower(ys, sy);
    hty = gramEntropy(hadamardLower(kt, ky, n, kx), n, alpha); // kx's storage is free again
    hy = labelGramEntropy(ls, sy, alpha); // ky's spectrum in closed form: one n x n eigenproblem fewer
    ht = gramEntropy(kt, n, alpha);
  }
  const params: UsedParams = { alpha, sigma, sigmaX: sx, sigmaT: st, sigmaY: sy };
  if (usesSubset(sigmaX, xs, bandwidthRows) || usesSubset(sigmaT, ts, bandwidthRows)) params.bandwidthRows = bandwidthRows;
  const point: PlanePoint = {
    ixt: fromNats(hx + ht - hxt, units),
    ity: fromNats(ht + hy - hty, units),
    hT: fromNats(ht, units),
    units,
    params,
    warnings: [],
  };
  // I(X;T) <= min(S(X), S(T)) <= log n; I(T;Y) has no Shannon ceiling H(Y) for alpha != 1
  return diagnose(point, { n: xs.n, x: xs });
}
