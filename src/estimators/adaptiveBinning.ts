/**
 * Entropy-based adaptive binning (EBAB; Chelombiev, Houghton & O'Donnell 2019). Definitions:
 * ESTIMATORS.md section 2. Edges are recomputed for every call (per layer, per epoch), never reused.
 */
import { adaptiveEdges } from '../core/binning/adaptiveEdges';
import { symbolizeByEdges } from '../core/binning/symbolize';
import { describeValue, fail } from '../core/errors';
import { isLabels, Labels } from '../core/labels';
import { entropyOfIds, RowIds, rowIdsInt32 } from '../core/rowIds';
import { SamplesLike, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkSameCount } from '../core/validate';
import { mutualInformationOfIds } from './binnedInformation';
import { binnedPoint } from './binning';
import { ADAPTIVE_BINNING_SPEC, defaultLowerEdge } from './specs/adaptiveBinning';
import { OptionsOf, resolveOptions, specDefaults } from './specs/spec';
import { checkNoSubsampling, subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { diagnose } from './diagnostics';
import { Estimate, PlanePoint } from './types';

export { defaultLowerEdge };

/**
 * Options of the EBAB estimators, declared in `specs/adaptiveBinning.ts`: `bins` (number of quantile bins B, an
 * integer in [1, 1e6]: B + 2 edges, repeated when the layer has fewer than B distinct values; default 30),
 * `lowerEdge` (the first edge, excluded from the quantiles; the reference uses 0 for ReLU/softplus and -1.000001
 * for tanh/ELU; left unset, it is resolved from the data by `defaultLowerEdge`: 0 when every value is >= 0, else
 * -1.000001 when every value is >= -1, else min(T), a documented divergence since the reference has no rule for
 * other ranges; it must not exceed min(T)), `units` ('bits' or 'nats'; default 'bits', the reference's unit) and
 * `maxSamples` and `seed` (a seeded subset of the rows, stratified by label; see subsampling.ts).
 */
export type AdaptiveBinningOptions = OptionsOf<typeof ADAPTIVE_BINNING_SPEC.params>;

/** The defaults of the EBAB estimators (from the spec; `lowerEdge` has none: it comes from the data). */
export const ADAPTIVE_BINNING_DEFAULTS = specDefaults(ADAPTIVE_BINNING_SPEC) as { bins: number; units: Units };

function edgesFor(fn: string, values: Float64Array, bins: number, lowerEdge: number | undefined, param: string) {
  const low = lowerEdge ?? defaultLowerEdge(values);
  if (lowerEdge !== undefined) {
    let min = Infinity;
    for (let i = 0; i < values.length; i++) if (values[i] < min) min = values[i];
    if (min < lowerEdge) {
      fail('out_of_range', {
        fn,
        param: 'lowerEdge',
        expected: `a number <= min(${param}) = ${min} (edges must increase)`,
        received: describeValue(lowerEdge),
      });
    }
  }
  return { edges: adaptiveEdges(values, bins, low), lowerEdge: low };
}

/**
 * The B + 2 edges EBAB uses for the layer `t` (all units pooled), rounded to float32.
 *
 * @example
 * adaptiveBinningEdges([[0], [0.25], [0.5], [1]], {bins: 2}); // => Float64Array [0, 0.25, 0.5, 1]
 */
export function adaptiveBinningEdges(t: SamplesLike, options: Omit<AdaptiveBinningOptions, 'maxSamples' | 'seed'> = {}): Float64Array {
  const fn = 'adaptiveBinningEdges';
  checkNoSubsampling(ADAPTIVE_BINNING_SPEC, fn, options);
  const { bins, lowerEdge } = resolveOptions(ADAPTIVE_BINNING_SPEC, fn, options);
  const s = toSamples(t, { fn, param: 't' });
  return edgesFor(fn, s.data, bins, lowerEdge, 't').edges;
}

/**
 * Information-plane point of a layer by adaptive binning (EBAB): edges at quantiles of the distinct values of
 * the layer (all units pooled), then plug-in entropies of whole-row symbols as in fixed binning.
 * Returns H(T), H(T|X), H(T|Y), I(X;T) and I(T;Y), in bits by default. `params.lowerEdge` is the edge used.
 *
 * Cost: O(n d log(n d)) (one sort of the pooled values). Reference: Chelombiev, Houghton & O'Donnell 2019.
 *
 * @example
 * adaptiveBinning(x, t, labels, {bins: 30}); // => {ixt: 9.7, ity: 0.95, units: 'bits', params: {bins: 30, lowerEdge: 0}}
 */
export function adaptiveBinning(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: AdaptiveBinningOptions = {}): PlanePoint {
  return subsampledPoint(ADAPTIVE_BINNING_SPEC, 'adaptiveBinning', adaptiveBinningAllRows, x, t, labels, options);
}

/** `adaptiveBinning` on every row it is given (the rows `maxSamples` drew, or all). */
function adaptiveBinningAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: AdaptiveBinningOptions = {}): PlanePoint {
  const fn = 'adaptiveBinning';
  const { bins, lowerEdge, units } = resolveOptions(ADAPTIVE_BINNING_SPEC, fn, options, 'point');
  const params: Record<string, unknown> = { bins };
  return binnedPoint(fn, x, t, labels, units, params, (values) => {
    const e = edgesFor(fn, values, bins, lowerEdge, 't');
    params.lowerEdge = e.lowerEdge;
    return symbolizeByEdges(values, e.edges, 'wrap');
  });
}

/** Plug-in entropy H(T) of the EBAB-binned rows of `t`, in bits by default. */
export function adaptiveBinningEntropy(t: SamplesLike, options: AdaptiveBinningOptions = {}): Estimate {
  return subsampledEntropy(ADAPTIVE_BINNING_SPEC, 'adaptiveBinningEntropy', adaptiveBinningEntropyAllRows, t, options, 't');
}

/** `adaptiveBinningEntropy` on every row it is given (the rows `maxSamples` drew, or all). */
function adaptiveBinningEntropyAllRows(t: SamplesLike, options: AdaptiveBinningOptions = {}): Estimate {
  const fn = 'adaptiveBinningEntropy';
  const { bins, lowerEdge, units } = resolveOptions(ADAPTIVE_BINNING_SPEC, fn, options, 'entropy');
  const s = toSamples(t, { fn, param: 't', minSamples: 2 });
  const e = edgesFor(fn, s.data, bins, lowerEdge, 't');
  const ids = rowIdsInt32(symbolizeByEdges(s.data, e.edges, 'wrap'), s.n, s.d);
  const result: Estimate = { value: fromNats(entropyOfIds(ids.ids, ids.count), units), units, params: { bins, lowerEdge: e.lowerEdge }, warnings: [] };
  return diagnose(result, { n: s.n, entropySamples: s.n, cells: [{ param: 't', ids }] });
}

/**
 * Plug-in mutual information I(A;B) of EBAB-binned rows of `a` and either integer class labels (`b` a `Labels`)
 * or EBAB-binned rows of `b` (each variable gets its own edges). Bits by default.
 */
export function adaptiveBinningMutualInformation(a: SamplesLike, b: SamplesLike | Labels, options: AdaptiveBinningOptions = {}): Estimate {
  return subsampledMi(ADAPTIVE_BINNING_SPEC, 'adaptiveBinningMutualInformation', adaptiveBinningMutualInformationAllRows, a, b, options);
}

/** `adaptiveBinningMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function adaptiveBinningMutualInformationAllRows(a: SamplesLike, b: SamplesLike | Labels, options: AdaptiveBinningOptions = {}): Estimate {
  const fn = 'adaptiveBinningMutualInformation';
  const { bins, lowerEdge, units } = resolveOptions(ADAPTIVE_BINNING_SPEC, fn, options, 'mi');
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  const ea = edgesFor(fn, as.data, bins, lowerEdge, 'a');
  const aIds = rowIdsInt32(symbolizeByEdges(as.data, ea.edges, 'wrap'), as.n, as.d);
  let bIds: RowIds;
  let nb: number;
  const params: Record<string, unknown> = { bins, lowerEdge: ea.lowerEdge };
  if (isLabels(b)) {
    bIds = { ids: b.ids, count: b.classes.length };
    nb = b.n;
  } else {
    const bs = toSamples(b, { fn, param: 'b', minSamples: 2 });
    const eb = edgesFor(fn, bs.data, bins, lowerEdge, 'b');
    bIds = rowIdsInt32(symbolizeByEdges(bs.data, eb.edges, 'wrap'), bs.n, bs.d);
    nb = bs.n;
    params.lowerEdgeB = eb.lowerEdge;
  }
  checkSameCount(fn, [
    ['a', as.n],
    ['b', nb],
  ]);
  const result: Estimate = { value: fromNats(mutualInformationOfIds(aIds, bIds), units), units, params, warnings: [] };
  return diagnose(result, { n: as.n, cells: [{ param: 'a', ids: aIds }], labels: isLabels(b) ? b : undefined });
}
