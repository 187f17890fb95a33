/**
 * Cauchy-Schwarz quadratic mutual information (CS-QMI), its normalised form, the conditional Cauchy-Schwarz
 * divergence, and the information-plane point built from CS-QMI (Yu et al. 2024, "Cauchy-Schwarz divergence
 * information bottleneck for regression"; reference code `SJYuCNEL/Cauchy-Schwarz-Information-Bottleneck`,
 * loss_cs.py).
 *
 * With Gaussian Gram matrices Kx_ij = exp(-|x_i - x_j|^2 / (2 sigmaX^2)) and Ky likewise (logs base 2):
 *   CS-QMI(X;Y) = log2(sum(Kx o Ky) / n^2) + log2(sum(Kx) sum(Ky) / n^4) - 2 log2(1' Kx Ky 1 / n^3).
 * It is >= 0 (Cauchy-Schwarz), 0 when either variable is constant, and native in BITS: nats = bits x ln 2.
 * Every quantity is a sum over the pairs, streamed in row blocks: no n x n matrix is ever stored.
 */
import { planeInputs } from '../core/planeInputs';
import { fail } from '../core/errors';
import {
  csIbBandwidth,
  csIbBandwidthOfLabels,
  medianDistance,
  medianDistanceOfLabels,
} from '../core/kernels/bandwidth';
import { conditionalCsSums } from '../core/kernels/conditionalCsSums';
import { gaussianRowSumsThreaded, pairedGaussianSumsThreaded, Threads } from '../core/threads/kernelThreads';
import { sortByGroup } from '../core/kernels/sortByGroup';
import { isLabels, Labels, toLabels } from '../core/labels';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { LN2, Units } from '../core/units';
import { checkSameCount } from '../core/validate';
import { warn } from '../core/warn';
import { CS_DIVERGENCE_SPEC, CS_NORMALIZED_SPEC, CS_SPEC } from './specs/cauchySchwarz';
import { OptionsOf, resolveOptions, specDefaults } from './specs/spec';
import { subsampledMi, subsampledPoint } from './subsampling';
import { diagnose } from './diagnostics';
import { Estimate, PlanePoint } from './types';

/**
 * A Gaussian bandwidth sigma (a standard deviation in the units of the variable, > 0) or a rule that picks it
 * from the data:
 * - `'median'`: the median pairwise Euclidean distance of the variable (the common heuristic; exact over all
 *   pairs, in O(n) memory, unless the `bandwidthRows` option asks for a seeded subset; mean distance when the
 *   median is 0).
 * - `'cs-ib'`: the CS-IB reference rule, 10 x the median SQUARED distance of the sample stacked on itself
 *   (mean if that is 0, floored at 0.01). It makes kernels nearly constant: values of 1e-6..1e-9 bits.
 */
export type Bandwidth = number | 'median' | 'cs-ib';

/**
 * Options of `csPoint` and `csNormalizedPoint`, declared in `specs/cauchySchwarz.ts` (`CS_SPEC`):
 * - `sigma`: bandwidth of every variable, unless `sigmaX` / `sigmaT` / `sigmaY` override it. Defaults to 'median':
 *   on network activations it gives kernels that neither saturate to 1 nor vanish, so CS-QMI varies over training
 *   (the reference 'cs-ib' rule gives 1e-6..1e-9 bits everywhere, and a fixed number depends on the layer's scale).
 * - `sigmaX`: bandwidth of x (the input, or the first variable). Defaults to `sigma`.
 * - `sigmaT`: bandwidth of the layer T (point only). Defaults to `sigma`.
 * - `sigmaY`: bandwidth of y (the one-hot labels, or the second variable). Defaults to `sigma`.
 * - `threads`: threads for the pairwise pass (the calling one included), an integer in [1, 64] or 'auto' (every
 *   core when the pass is predicted to take 20 ms or more, else one); above 1 a persistent pool of worker threads
 *   shares the work and the call still returns synchronously, with a bit-identical value. Defaults to 'auto'.
 * - `units`: `'bits'` (native: CS-QMI is defined with log2) or `'nats'` (bits x ln 2). Defaults to 'bits'.
 * - `maxSamples`, `seed`: a seeded subset of the rows, stratified by label (see subsampling.ts). Default: all rows.
 */
export type CsPointOptions = OptionsOf<typeof CS_SPEC.params>;

/** Options of `csQmi` and `csQmiNormalized`: those of {@link CsPointOptions} without `sigmaT`. */
export type CsQmiOptions = Omit<CsPointOptions, 'sigmaT'>;

/** The defaults of `csQmi`, `csQmiNormalized`, `csPoint` and `csNormalizedPoint` (from the spec). */
export const CS_QMI_DEFAULTS = specDefaults(CS_SPEC) as { readonly sigma: 'median'; readonly units: 'bits'; readonly threads: 'auto' };

/**
 * Options of `csDivergence`, declared in `specs/cauchySchwarz.ts` (`CS_DIVERGENCE_SPEC`): `sigma` (bandwidth of
 * all four Gram matrices, a number > 0; defaults to 1, the CS-IB training script's value) and `units` (`'bits'`,
 * native, or `'nats'`; defaults to 'bits').
 */
export type CsDivergenceOptions = OptionsOf<typeof CS_DIVERGENCE_SPEC.params>;

/** The defaults of `csDivergence` (from the spec). */
export const CS_DIVERGENCE_DEFAULTS = specDefaults(CS_DIVERGENCE_SPEC) as { readonly sigma: 1; readonly units: 'bits' };

function fromBits(bits: number, units: Units): number {
  return units === 'nats' ? bits * LN2 : bits;
}

/** The sigma a bandwidth (number or rule) gives for a variable. Kernel: trusts its input. */
export function resolveBandwidth(rule: Bandwidth, variable: Samples | Labels, rows?: number, threads: Threads = 1): number {
  if (typeof rule === 'number') return rule;
  if (isLabels(variable)) {
    return rule === 'median' ? medianDistanceOfLabels(variable.counts) : csIbBandwidthOfLabels(variable.counts);
  }
  return rule === 'median' ? medianDistance(variable, { rows, threads }) : csIbBandwidth(variable, { rows, threads });
}

/** Whether a rule looks at a subset of `rows` rows of this variable (reported as params.bandwidthRows). */
function usesSubset(rule: Bandwidth, variable: Samples | Labels, rows: number | undefined): boolean {
  return typeof rule === 'string' && !isLabels(variable) && rows !== undefined && variable.n > rows;
}

/** The four sums CS-QMI is made of. */
interface QmiSums {
  /** sum_ij Ka_ij Kb_ij */
  product: number;
  /** sum(Ka) */
  sumA: number;
  /** sum(Kb) */
  sumB: number;
  /** 1' Ka Kb 1 = sum_i (Ka 1)_i (Kb 1)_i */
  cross: number;
}

/** CS-QMI in bits from its sums; the n powers cancel: log2(product sumA sumB / cross^2). */
function qmiBits(s: QmiSums): number {
  return Math.log2((s.product / s.cross) * ((s.sumA * s.sumB) / s.cross));
}

function sumsFromRows(rowA: Float64Array, rowB: Float64Array, product: number): QmiSums {
  let sumA = 0;
  let sumB = 0;
  let cross = 0;
  for (let i = 0; i < rowA.length; i++) {
    sumA += rowA[i];
    sumB += rowB[i];
    cross += rowA[i] * rowB[i];
  }
  return { product, sumA, sumB, cross };
}

/** Sums for two continuous variables: one fused pass. */
function continuousSums(a: Samples, b: Samples, sigmaA: number, sigmaB: number, threads: Threads): QmiSums {
  const scaleA = 1 / (2 * sigmaA * sigmaA);
  const scaleB = 1 / (2 * sigmaB * sigmaB);
  const { rowA, rowB, sumProduct } = pairedGaussianSumsThreaded(a, b, scaleA, scaleB, undefined, threads);
  return sumsFromRows(rowA, rowB, sumProduct);
}

/**
 * Sums for a continuous variable and class labels (one-hot, bandwidth sigmaY), from the row sums of the
 * variable's kernel over all rows (`all`) and within each row's class (`within`), rows grouped by class
 * (`starts`): Ky_ij is 1 within a class and q = exp(-1 / sigmaY^2) across classes.
 */
function labelSumsFromRows(all: Float64Array, within: Float64Array, starts: Int32Array, sigmaY: number): QmiSums {
  const n = all.length;
  const q = Math.exp(-1 / (sigmaY * sigmaY));
  const rowY = new Float64Array(n);
  let product = 0;
  for (let c = 0; c + 1 < starts.length; c++) {
    const size = starts[c + 1] - starts[c];
    const row = size + q * (n - size);
    for (let i = starts[c]; i < starts[c + 1]; i++) {
      rowY[i] = row;
      product += within[i] + q * (all[i] - within[i]);
    }
  }
  const sums = sumsFromRows(all, rowY, 0);
  sums.product = product;
  return sums;
}

/** Sums for a continuous variable a and class labels: one grouped pass over a. */
function labelSums(a: Samples, labels: Labels, sigmaA: number, sigmaY: number, threads: Threads): QmiSums {
  const { sorted, groupEnd, starts } = sortByGroup(a, labels.ids, labels.classes.length);
  const { all, within } = gaussianRowSumsThreaded(sorted, 1 / (2 * sigmaA * sigmaA), groupEnd, threads);
  return labelSumsFromRows(all, within, starts, sigmaY);
}

/** Sums of labels against themselves, in closed form. */
function labelSelfSums(labels: Labels, sigmaY: number): QmiSums {
  const { n, counts } = labels;
  const q = Math.exp(-1 / (sigmaY * sigmaY));
  let product = 0;
  let sum = 0;
  let cross = 0;
  for (let c = 0; c < counts.length; c++) {
    const size = counts[c];
    const row = size + q * (n - size);
    product += size * (size + q * q * (n - size));
    sum += size * row;
    cross += size * row * row;
  }
  return { product, sumA: sum, sumB: sum, cross };
}

function sumsOf(a: Samples, b: Samples | Labels, sigmaA: number, sigmaB: number, threads: Threads): QmiSums {
  return isLabels(b) ? labelSums(a, b, sigmaA, sigmaB, threads) : continuousSums(a, b, sigmaA, sigmaB, threads);
}

function selfSums(a: Samples | Labels, sigma: number, threads: Threads): QmiSums {
  return isLabels(a) ? labelSelfSums(a, sigma) : continuousSums(a, a, sigma, sigma, threads);
}

/** Convert y: a Labels object stays labels (one-hot kernel), anything else is a continuous variable. */
function toVariable(fn: string, param: string, value: unknown): Samples | Labels {
  if (isLabels(value)) return toLabels(value, { fn, param });
  return toSamples(value, { fn, param, minSamples: 2 });
}

interface ResolvedPair {
  x: Samples;
  y: Samples | Labels;
  sigmaX: number;
  sigmaY: number;
  units: Units;
  threads: Threads;
  params: Record<string, unknown>;
}

function qmiInputs(fn: string, x: unknown, y: unknown, options: CsQmiOptions): ResolvedPair {
  const { sigma, sigmaX, sigmaY, units, threads, bandwidthRows } = resolveOptions(CS_SPEC, fn, options, 'mi');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ys = toVariable(fn, 'y', y);
  checkSameCount(fn, [
    ['x', xs.n],
    ['y', ys.n],
  ]);
  const sx = resolveBandwidth(sigmaX, xs, bandwidthRows, threads);
  const sy = resolveBandwidth(sigmaY, ys, bandwidthRows, threads);
  const params: Record<string, unknown> = { sigma, sigmaX: sx, sigmaY: sy };
  if (usesSubset(sigmaX, xs, bandwidthRows) || usesSubset(sigmaY, ys, bandwidthRows)) params.bandwidthRows = bandwidthRows;
  return { x: xs, y: ys, sigmaX: sx, sigmaY: sy, units, threads, params };
}

/**
 * Cauchy-Schwarz quadratic mutual information between x and y:
 * log2(sum(Kx o Ky)/n^2) + log2(sum(Kx) sum(Ky)/n^4) - 2 log2(1'Kx Ky 1/n^3), Gaussian Gram matrices.
 *
 * Unit: bits by default (the definition uses log2); `units: 'nats'` gives bits x ln 2. >= 0; exactly 0 for a
 * constant variable. Cost: one fused pass over the n(n-1)/2 pairs, O(n^2 (dx + dy) / 2) time, O(n) extra memory
 * (no n x n matrix), plus the bandwidth rules (exact over all pairs, about one more pass per rule, O(n) memory). When y is a `Labels` object
 * (from `toLabels`) its one-hot kernel is used in closed form (a flat number array is a continuous variable).
 * Reference: Yu et al. 2024 (CS-IB), `loss_cs.CS_QMI`, whose values it reproduces for the same sigma.
 *
 * @param x first variable, one row per sample.
 * @param y second variable (rows), or class labels as a `Labels` object.
 * @param options `sigma`, `sigmaX`, `sigmaY`, `units`, `threads`; see {@link CsQmiOptions}.
 * @returns `{value, units, params: {sigma, sigmaX, sigmaY}, warnings: []}` with the bandwidths actually used (numbers).
 * @throws InfoplaneError for invalid data, fewer than 2 samples, mismatched counts, bandwidths <= 0 or unknown
 *   rules, unknown units or options.
 * @example
 * csQmi(t, y, {sigma: 1}); // => {value: 0.196, units: 'bits', params: {sigma: 1, sigmaX: 1, sigmaY: 1}}
 */
export function csQmi(x: SamplesLike, y: SamplesLike | Labels, options: CsQmiOptions = {}): Estimate {
  return subsampledMi(CS_SPEC, 'csQmi', csQmiAllRows, x, y, options, undefined, ['x', 'y']);
}

/** `csQmi` on every row it is given (the rows `maxSamples` drew, or all). */
function csQmiAllRows(x: SamplesLike, y: SamplesLike | Labels, options: CsQmiOptions = {}): Estimate {
  const r = qmiInputs('csQmi', x, y, options);
  const bits = qmiBits(sumsOf(r.x, r.y, r.sigmaX, r.sigmaY, r.threads));
  return diagnose({ value: fromBits(bits, r.units), units: r.units, params: r.params, warnings: [] }, { n: r.x.n });
}

/**
 * Normalised CS-QMI: CS-QMI(X;Y) / sqrt(CS-QMI(X;X) CS-QMI(Y;Y)), each self-term with that variable's own
 * bandwidth. A ratio in [0, 1] in practice; it is the same in bits and nats (`units` is reported, not applied).
 * 0 when X or Y is constant (both self-terms vanish; a warning says so).
 * Cost: three fused passes, O(n^2 (dx + dy)) time, O(n) memory. Reference: Yu et al. 2024, `CS_QMI_normalized`.
 * @example
 * csQmiNormalized(t, y, {sigma: 1}); // => {value: 0.615, units: 'bits', params: {sigma: 1, sigmaX: 1, sigmaY: 1}}
 */
export function csQmiNormalized(x: SamplesLike, y: SamplesLike | Labels, options: CsQmiOptions = {}): Estimate {
  return subsampledMi(CS_NORMALIZED_SPEC, 'csQmiNormalized', csQmiNormalizedAllRows, x, y, options, undefined, ['x', 'y']);
}

/** `csQmiNormalized` on every row it is given (the rows `maxSamples` drew, or all). */
function csQmiNormalizedAllRows(x: SamplesLike, y: SamplesLike | Labels, options: CsQmiOptions = {}): Estimate {
  const r = qmiInputs('csQmiNormalized', x, y, options);
  const value = normalizedQmi('csQmiNormalized', r.x, r.y, r.sigmaX, r.sigmaY, r.threads);
  return diagnose({ value, units: r.units, params: r.params, warnings: [] }, { n: r.x.n });
}

/** Self-terms CS-QMI(X;X) at or below this many bits are rounding noise of a constant variable. */
const SELF_TERM_FLOOR = 1e-13;

function normalizedQmi(fn: string, x: Samples, y: Samples | Labels, sigmaX: number, sigmaY: number, threads: Threads): number {
  const qmi = qmiBits(sumsOf(x, y, sigmaX, sigmaY, threads));
  const selfX = qmiBits(selfSums(x, sigmaX, threads));
  const selfY = qmiBits(selfSums(y, sigmaY, threads));
  const denominator = Math.sqrt(selfX * selfY);
  // a constant variable's self-term is 0 up to rounding (a few 1e-16 bits): no ratio is defined
  if (!(selfX > SELF_TERM_FLOOR && selfY > SELF_TERM_FLOOR)) {
    warn(`${fn}: a variable is constant at this bandwidth (its CS-QMI with itself is 0); the normalised value is reported as 0.`);
    return 0;
  }
  return qmi / denominator;
}

/**
 * Conditional Cauchy-Schwarz divergence between p(y1|x) and p(y2|x) (the regression loss of CS-IB; y1 = the
 * target, y2 = the prediction), with K = G(x,x), L1 = G(y1,y1), L2 = G(y2,y2), L21_ij = G(y2_i, y1_j),
 * w_i = sum_j K_ij^2 and one bandwidth for all four Gram matrices:
 * D = -2 log2(sum_i sum_j K_ij L21_ij / w_i) + log2(sum_i sum_j K_ij L1_ij / w_i) + log2(sum_i sum_j K_ij L2_ij / w_i).
 * 0 when y2 = y1. The row weights are sum_j K_ij^2 as in the reference code (the paper writes (sum_j K_ij)^2).
 *
 * Unit: bits by default (native), or nats. Cost: one fused pass, O(n^2 (dx + 4 dy) / 2) time, O(n) memory.
 * Reference: Yu et al. 2024, `loss_cs.CS_Div`.
 * @param x the conditioning variable.
 * @param y1 the target; y2 the prediction (same number of columns as y1).
 * @throws InfoplaneError for invalid data, mismatched counts or columns, sigma <= 0, unknown options.
 * @example
 * csDivergence(x, y, yPredicted, {sigma: 1}); // => {value: 0.0106, units: 'bits', params: {sigma: 1}}
 */
export function csDivergence(
  x: SamplesLike,
  y1: SamplesLike,
  y2: SamplesLike,
  options: CsDivergenceOptions = {},
): Estimate {
  const fn = 'csDivergence';
  const { sigma, units } = resolveOptions(CS_DIVERGENCE_SPEC, fn, options, 'divergence');
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const a = toSamples(y1, { fn, param: 'y1', minSamples: 2 });
  const b = toSamples(y2, { fn, param: 'y2', minSamples: 2 });
  checkSameCount(fn, [
    ['x', xs.n],
    ['y1', a.n],
    ['y2', b.n],
  ]);
  if (a.d !== b.d) {
    fail('length_mismatch', { fn, param: 'y2', expected: `${a.d} columns, as many as y1`, received: `${b.d} columns` });
  }
  const { w, h1, h2, h21 } = conditionalCsSums(xs, a, b, 1 / (2 * sigma * sigma));
  let t1 = 0;
  let t2 = 0;
  let t21 = 0;
  for (let i = 0; i < xs.n; i++) {
    t1 += h1[i] / w[i];
    t2 += h2[i] / w[i];
    t21 += h21[i] / w[i];
  }
  const bits = Math.log2((t1 / t21) * (t2 / t21));
  return { value: fromBits(bits, units), units, params: { sigma }, warnings: [] };
}

function pointInputs(fn: string, x: unknown, t: unknown, labels: unknown, options: CsPointOptions) {
  const { sigma, sigmaX, sigmaT, sigmaY, units, threads, bandwidthRows } = resolveOptions(CS_SPEC, fn, options, 'point');
  const { x: xs, t: ts, labels: ls } = planeInputs(fn, x, t, labels);
  const sx = resolveBandwidth(sigmaX, xs, bandwidthRows, threads);
  const st = resolveBandwidth(sigmaT, ts, bandwidthRows, threads);
  const sy = resolveBandwidth(sigmaY, ls, bandwidthRows, threads);
  const params: Record<string, unknown> = { sigma, sigmaX: sx, sigmaT: st, sigmaY: sy };
  if (usesSubset(sigmaX, xs, bandwidthRows) || usesSubset(sigmaT, ts, bandwidthRows)) params.bandwidthRows = bandwidthRows;
  return { x: xs, t: ts, labels: ls, sx, st, sy, units, threads, params };
}

/**
 * CS-QMI information-plane point of one layer: I(X;T) = CS-QMI(X, T) and I(T;Y) = CS-QMI(T, one-hot Y).
 * Unit: bits by default (native), or nats. Cost: ONE fused pass over the pairs (rows grouped by class),
 * O(n^2 (dx + dt) / 2) time, O(n + n d) memory (about 0.2 s at n = 4096, dx = dt = 12 on one thread; `threads`
 * splits it over worker threads). Reference: Yu et al. 2024.
 * @returns a PlanePoint (no entropies); `params` = `{sigma, sigmaX, sigmaT, sigmaY}` with the sigmas used; `warnings: []`.
 * @throws InfoplaneError as {@link csQmi}, and for invalid labels.
 * @example
 * csPoint(x, t, labels);
 * // => {ixt: 0.0265, ity: 0.259, units: 'bits',
 * //     params: {sigma: 'median', sigmaX: 2.449, sigmaT: 1.793, sigmaY: 0.704}}   (ib12 layer, n = 700)
 */
export function csPoint(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CsPointOptions = {}): PlanePoint {
  return subsampledPoint(CS_SPEC, 'csPoint', csPointAllRows, x, t, labels, options);
}

/** `csPoint` on every row it is given (the rows `maxSamples` drew, or all). */
function csPointAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CsPointOptions = {}): PlanePoint {
  const r = pointInputs('csPoint', x, t, labels, options);
  // rows of X and T grouped by class (same order): one pass gives Kx and Kt row sums, sum(Kx o Kt) and the
  // within-class row sums of Kt, i.e. both CS-QMI(X;T) and CS-QMI(T;Y)
  const classes = r.labels.classes.length;
  const xg = sortByGroup(r.x, r.labels.ids, classes);
  const tg = sortByGroup(r.t, r.labels.ids, classes);
  const scaleX = 1 / (2 * r.sx * r.sx);
  const scaleT = 1 / (2 * r.st * r.st);
  const sums = pairedGaussianSumsThreaded(xg.sorted, tg.sorted, scaleX, scaleT, tg.groupEnd, r.threads);
  const ixt = qmiBits(sumsFromRows(sums.rowA, sums.rowB, sums.sumProduct));
  const ity = qmiBits(labelSumsFromRows(sums.rowB, sums.withinB, tg.starts, r.sy));
  return diagnose({ ixt: fromBits(ixt, r.units), ity: fromBits(ity, r.units), units: r.units, params: r.params, warnings: [] }, { n: r.x.n });
}

/**
 * Normalised CS-QMI information-plane point: I(X;T) and I(T;Y) as {@link csQmiNormalized} ratios
 * (unit-free; `units` is reported, not applied). Cost: about three times {@link csPoint}.
 * @example
 * csNormalizedPoint(x, t, labels, {sigma: 1}); // => {ixt: 0.344, ity: 0.581, units: 'bits', params: {sigma: 1, ...}}
 */
export function csNormalizedPoint(
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: CsPointOptions = {},
): PlanePoint {
  return subsampledPoint(CS_NORMALIZED_SPEC, 'csNormalizedPoint', csNormalizedPointAllRows, x, t, labels, options);
}

/** `csNormalizedPoint` on every row it is given (the rows `maxSamples` drew, or all). */
function csNormalizedPointAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: CsPointOptions = {}): PlanePoint {
  const fn = 'csNormalizedPoint';
  const r = pointInputs(fn, x, t, labels, options);
  const point: PlanePoint = {
    ixt: normalizedQmi(fn, r.x, r.t, r.sx, r.st, r.threads),
    ity: normalizedQmi(fn, r.t, r.labels, r.st, r.sy, r.threads),
    units: r.units,
    params: r.params,
    warnings: [],
  };
  return diagnose(point, { n: r.x.n });
}
