/**
 * Fixed-width binning estimator of the information plane (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018),
 * with the bin-size variant of Saxe et al. Definitions: ESTIMATORS.md section 1.
 */
import { describeValue, fail } from '../core/errors';
import { planeInputs } from '../core/planeInputs';
import { fixedEdges } from '../core/binning/fixedEdges';
import { OutOfRange, symbolizeByEdges, symbolizeByWidth } from '../core/binning/symbolize';
import { isLabels, Labels } from '../core/labels';
import { entropyOfIds, RowIds, rowIdsInt32, withRowIdsOf } from '../core/rowIds';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkOptionNames, checkSameCount } from '../core/validate';
import { BinnedTerms, binnedTerms, mutualInformationOfIds } from './binnedInformation';
import { BINNING_SPEC } from './specs/binning';
import { checkParam } from './specs/params';
import { OptionsOf, Operation, resolveOptions, specDefaults } from './specs/spec';
import { checkNoSubsampling, subsampledEntropy, subsampledMi, subsampledPoint } from './subsampling';
import { diagnose, DiagnosticFacts } from './diagnostics';
import { ClassTerms, Estimate, PlanePoint, UsedParams } from './types';

/**
 * Options of the fixed-width binning estimators, declared in `specs/binning.ts`: `bins` (number of bin EDGES, not
 * intervals, spread evenly over `range` and rounded to float32, an integer in [2, 1e6]; default 30), `range` (the
 * interval [lo, hi] holding the edges, finite lo < hi; default [-1, 1], tanh's range), `outOfRange` (values below
 * the first edge: 'clamp' puts them in the first bin, 'wrap' gives them the LAST edge's symbol as the reference
 * code does, NumPy index -1; default 'clamp'), `binSize` (bin width of the bin-size variant of Saxe et al.: the
 * symbol of v is floor(v / binSize), a grid anchored at 0 with no range; when given, `bins`, `range` and
 * `outOfRange` are not used; default unset, edge binning), `units` ('bits' or 'nats'; default 'bits') and
 * `maxSamples` and `seed` (a seeded subset of the rows, stratified by label; see subsampling.ts).
 */
export type BinningOptions = OptionsOf<typeof BINNING_SPEC.params>;

/** The defaults of the fixed-width binning estimators (from the spec). */
export const BINNING_DEFAULTS = specDefaults(BINNING_SPEC) as {
  bins: number;
  range: readonly [number, number];
  outOfRange: OutOfRange;
  units: Units;
};

const INT32_LIMIT = 2 ** 31 - 1;

interface ResolvedBinning {
  units: Units;
  params: UsedParams;
  /** The fixed range of edge binning (undefined for the bin-size variant), for the `out-of-range` warning. */
  range?: readonly [number, number];
  symbolize(values: Float64Array, param: string): Int32Array;
}

function resolve(fn: string, options: BinningOptions | undefined, operation?: Operation): ResolvedBinning {
  const { bins, range, outOfRange, binSize, units } = resolveOptions(BINNING_SPEC, fn, options, operation);
  if (binSize !== undefined) {
    // the bin-size variant: bins, range and outOfRange are not used
    return {
      units,
      params: { binSize },
      symbolize(values, param) {
        let maxAbs = 0;
        for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
        if (maxAbs / binSize >= INT32_LIMIT) {
          fail('out_of_range', {
            fn,
            param: 'binSize',
            expected: `at least ${maxAbs / INT32_LIMIT} for values of ${param} up to ${maxAbs} in magnitude`,
            received: describeValue(binSize),
          });
        }
        return symbolizeByWidth(values, binSize);
      },
    };
  }
  const edges = fixedEdges(range[0], range[1], bins);
  return {
    units,
    range,
    params: { bins, range: [range[0], range[1]], outOfRange },
    symbolize: (values) => symbolizeByEdges(values, edges, outOfRange),
  };
}

/**
 * The bin edges fixed-width binning uses: `bins` edges evenly spaced on `range`, rounded to float32.
 *
 * @example
 * binningEdges({bins: 3}); // => Float64Array [-1, 0, 1]
 */
export function binningEdges(options: Pick<BinningOptions, 'bins' | 'range'> = {}): Float64Array {
  const fn = 'binningEdges';
  const { bins: binsParam, range: rangeParam } = BINNING_SPEC.params;
  checkOptionNames(fn, options, ['bins', 'range']);
  const given = options ?? {};
  const bins = checkParam(fn, 'bins', binsParam, given.bins === undefined ? binsParam.default : given.bins);
  const range = checkParam(fn, 'range', rangeParam, given.range === undefined ? rangeParam.default : given.range);
  return fixedEdges(range[0], range[1], bins);
}

/**
 * Per-unit symbols of `t` under fixed-width binning: an n x d row-major Int32Array whose entries are edge
 * indices (or floor(v / binSize) in the bin-size variant).
 */
export function binningSymbols(t: SamplesLike, options: Omit<BinningOptions, 'maxSamples' | 'seed'> = {}): Int32Array {
  const fn = 'binningSymbols';
  checkNoSubsampling(BINNING_SPEC, fn, options);
  const r = resolve(fn, options);
  const s = toSamples(t, { fn, param: 't' });
  return r.symbolize(s.data, 't');
}

/**
 * Information-plane point of a layer by fixed-width binning: H(T), H(T|X), H(T|Y), I(X;T) = H(T) - H(T|X) and
 * I(T;Y) = H(T) - sum_y p(y) H(T|Y=y), plug-in entropies of whole-row symbols (all units jointly). `perClass` lists,
 * per class y: H(T|Y=y), its term p(y) (H(T) - H(T|Y=y)) of I(T;Y) (the terms sum to `ity`) and I(X;T|Y=y).
 *
 * Units: bits by default. Cost: O(n d log bins) to bin, O(n d) expected to hash rows.
 * References: Shwartz-Ziv & Tishby 2017; Saxe et al. 2018 (bin-size variant).
 *
 * @param x network inputs, n rows (only equality of rows matters)
 * @param t the layer's activations, n rows
 * @param labels integer class labels, n of them (or a one-hot matrix)
 * @example
 * binning(x, t, labels, {bins: 30}); // => {ixt: 11.2, ity: 0.98, hT: 11.2, units: 'bits', ...}
 */
export function binning(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: BinningOptions = {}): PlanePoint {
  return subsampledPoint(BINNING_SPEC, 'binning', binningAllRows, x, t, labels, options);
}

/** `binning` on every row it is given (the rows `maxSamples` drew, or all). */
function binningAllRows(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: BinningOptions = {}): PlanePoint {
  const fn = 'binning';
  const r = resolve(fn, options, 'point');
  const facts: DiagnosticFacts = {};
  return binnedPoint(fn, x, t, labels, r.units, r.params, (values) => {
    if (r.range) facts.binned = [{ param: 't', values, range: r.range }];
    return r.symbolize(values, 't');
  }, facts);
}

/** Shared body of binned information-plane points (fixed and adaptive binning). */
export function binnedPoint(
  fn: string,
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  units: Units,
  params: UsedParams,
  symbolize: (values: Float64Array, ts: Samples) => Int32Array,
  facts: DiagnosticFacts = {},
): PlanePoint {
  // the rows of X are hashed once for the estimate and its saturation check
  return withRowIdsOf(() => binnedPointOnce(fn, x, t, labels, units, params, symbolize, facts));
}

function binnedPointOnce(
  fn: string,
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  units: Units,
  params: UsedParams,
  symbolize: (values: Float64Array, ts: Samples) => Int32Array,
  facts: DiagnosticFacts,
): PlanePoint {
  const { x: xs, t: ts, labels: ys } = planeInputs(fn, x, t, labels);
  const tIds = rowIdsInt32(symbolize(ts.data, ts), ts.n, ts.d);
  const terms = binnedTerms(tIds, xs, { ids: ys.ids, count: ys.classes.length });
  const ixt = Math.max(0, terms.hT - terms.hTgivenX);
  const ity = Math.max(0, terms.hT - terms.hTgivenY);
  const ixtGivenY = Math.max(0, terms.hTgivenY - terms.hTgivenXY);
  const point: PlanePoint = {
    ixt: fromNats(ixt, units),
    ity: fromNats(ity, units),
    hT: fromNats(terms.hT, units),
    hTgivenX: fromNats(terms.hTgivenX, units),
    hTgivenY: fromNats(terms.hTgivenY, units),
    ixtGivenY: fromNats(ixtGivenY, units),
    perClass: binnedClassTerms(terms, ys, units),
    units,
    params,
    warnings: [],
  };
  return diagnose(point, { ...facts, n: xs.n, x: xs, labels: ys, cells: [{ param: 't', ids: tIds }] });
}

/**
 * The per-class terms of a binned point: H(T|Y=c), p_c (H(T) - H(T|Y=c)) (they sum to I(T;Y)) and
 * I(X;T|Y=c) = H(T|Y=c) - H(T|X,Y=c), for every class with samples.
 */
function binnedClassTerms(terms: BinnedTerms, ys: Labels, units: Units): ClassTerms[] {
  const out: ClassTerms[] = [];
  ys.classes.forEach((label, c) => {
    const n = ys.counts[c];
    if (n === 0) return;
    const weight = n / ys.n;
    const h = terms.classHT[c];
    out.push({
      label,
      n,
      weight,
      hTgivenY: fromNats(h, units),
      ityTerm: fromNats(weight * (terms.hT - h), units),
      ixtGivenY: fromNats(Math.max(0, h - terms.classHTgivenX[c]), units),
    });
  });
  return out;
}

/**
 * Plug-in entropy H(T) of fixed-width-binned rows of `t`, in bits by default.
 *
 * @example
 * binningEntropy([[-0.5], [0.5], [0.9]], {bins: 3}); // => {value: 0.918, units: 'bits', ...} (edges -1, 0, 1: two symbols, 1/3 and 2/3)
 */
export function binningEntropy(t: SamplesLike, options: BinningOptions = {}): Estimate {
  return subsampledEntropy(BINNING_SPEC, 'binningEntropy', binningEntropyAllRows, t, options, 't');
}

/** `binningEntropy` on every row it is given (the rows `maxSamples` drew, or all). */
function binningEntropyAllRows(t: SamplesLike, options: BinningOptions = {}): Estimate {
  const fn = 'binningEntropy';
  const r = resolve(fn, options, 'entropy');
  const s = toSamples(t, { fn, param: 't', minSamples: 2 });
  const ids = rowIdsInt32(r.symbolize(s.data, 't'), s.n, s.d);
  const e: Estimate = { value: fromNats(entropyOfIds(ids.ids, ids.count), r.units), units: r.units, params: r.params, warnings: [] };
  return diagnose(e, { n: s.n, entropySamples: s.n, cells: [{ param: 't', ids }], binned: r.range ? [{ param: 't', values: s.data, range: r.range }] : [] });
}

/**
 * Plug-in mutual information I(A;B) = H(A) - H(A|B) of fixed-width-binned rows of `a` and either integer class
 * labels (`b` a `Labels` object: `toLabels(y)`) or binned rows of `b` (both variables binned with the same
 * options).
 *
 * Units: bits by default. Cost: O(n (da + db) log bins) to bin, O(n (da + db)) expected to hash rows.
 * References: Shwartz-Ziv & Tishby 2017; Saxe et al. 2018.
 *
 * @param a first variable, n rows
 * @param b second variable (n rows) or class labels (`toLabels`)
 * @example
 * binningMutualInformation([[-0.5], [-0.5], [0.5], [0.5]], toLabels([0, 0, 1, 1]), {bins: 3}); // => {value: 1, units: 'bits', params: {bins: 3, ...}, warnings: []}
 */
export function binningMutualInformation(a: SamplesLike, b: SamplesLike | Labels, options: BinningOptions = {}): Estimate {
  return subsampledMi(BINNING_SPEC, 'binningMutualInformation', binningMutualInformationAllRows, a, b, options);
}

/** `binningMutualInformation` on every row it is given (the rows `maxSamples` drew, or all). */
function binningMutualInformationAllRows(a: SamplesLike, b: SamplesLike | Labels, options: BinningOptions = {}): Estimate {
  const fn = 'binningMutualInformation';
  const r = resolve(fn, options, 'mi');
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  const aIds = rowIdsInt32(r.symbolize(as.data, 'a'), as.n, as.d);
  let bIds: RowIds;
  let nb: number;
  const facts: DiagnosticFacts = { cells: [{ param: 'a', ids: aIds }], binned: r.range ? [{ param: 'a', values: as.data, range: r.range }] : [] };
  if (isLabels(b)) {
    bIds = { ids: b.ids, count: b.classes.length };
    nb = b.n;
    facts.labels = b;
  } else {
    const bs = toSamples(b, { fn, param: 'b', minSamples: 2 });
    bIds = rowIdsInt32(r.symbolize(bs.data, 'b'), bs.n, bs.d);
    nb = bs.n;
    if (r.range) facts.binned!.push({ param: 'b', values: bs.data, range: r.range });
  }
  checkSameCount(fn, [
    ['a', as.n],
    ['b', nb],
  ]);
  const e: Estimate = { value: fromNats(mutualInformationOfIds(aIds, bIds), r.units), units: r.units, params: r.params, warnings: [] };
  return diagnose(e, { ...facts, n: as.n });
}
