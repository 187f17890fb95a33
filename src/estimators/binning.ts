/**
 * Fixed-width binning estimator of the information plane (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018),
 * with the bin-size variant of Saxe et al. Definitions: ESTIMATORS.md section 1.
 */
import { describeValue, fail } from '../core/errors';
import { planeInputs } from '../core/planeInputs';
import { fixedEdges } from '../core/binning/fixedEdges';
import { OutOfRange, symbolizeByEdges, symbolizeByWidth } from '../core/binning/symbolize';
import { isLabels, Labels, toLabels } from '../core/labels';
import { entropyOfIds, rowIdsInt32 } from '../core/rowIds';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { fromNats, Units } from '../core/units';
import { checkChoice, checkNumber, checkOptionNames, checkSameCount, checkUnits } from '../core/validate';
import { binnedTerms, mutualInformationOfIds } from './binnedInformation';
import { Estimate, PlanePoint, UsedParams } from './types';

export interface BinningOptions {
  /** Number of bin EDGES (not intervals) spread evenly over `range`, rounded to float32. Defaults to 30. */
  bins?: number;
  /** The interval [lo, hi] holding the edges. Defaults to [-1, 1] (tanh's range). */
  range?: readonly [number, number];
  /**
   * Values below the first edge: 'clamp' puts them in the first bin; 'wrap' gives them the LAST edge's symbol,
   * as the reference code does (NumPy index -1). Defaults to 'clamp'.
   */
  outOfRange?: OutOfRange;
  /**
   * Bin width of the bin-size variant (Saxe et al.): the symbol of v is floor(v / binSize), a grid anchored at 0
   * with no range. When given, `bins`, `range` and `outOfRange` are not used. Defaults to undefined (edge binning).
   */
  binSize?: number;
  /** Units of the result. Defaults to 'bits'. */
  units?: Units;
}

export const BINNING_DEFAULTS = {
  bins: 30,
  range: [-1, 1] as readonly [number, number],
  outOfRange: 'clamp' as OutOfRange,
  units: 'bits' as Units,
};

const OPTION_NAMES = ['bins', 'range', 'outOfRange', 'binSize', 'units'] as const;
const MAX_BINS = 1_000_000;
const INT32_LIMIT = 2 ** 31 - 1;

interface ResolvedBinning {
  units: Units;
  params: UsedParams;
  symbolize(values: Float64Array, param: string): Int32Array;
}

function resolve(fn: string, options: BinningOptions | undefined): ResolvedBinning {
  checkOptionNames(fn, options, OPTION_NAMES);
  const {
    bins = BINNING_DEFAULTS.bins,
    range = BINNING_DEFAULTS.range,
    outOfRange = BINNING_DEFAULTS.outOfRange,
    binSize,
    units = BINNING_DEFAULTS.units,
  } = options ?? {};
  checkUnits(fn, units);
  if (binSize !== undefined) {
    checkNumber(fn, 'binSize', binSize, { min: 0, minExclusive: true });
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
  checkNumber(fn, 'bins', bins, { integer: true, min: 2, max: MAX_BINS });
  checkRange(fn, range);
  checkChoice(fn, 'outOfRange', outOfRange, ['clamp', 'wrap'] as const);
  const edges = fixedEdges(range[0], range[1], bins);
  return {
    units,
    params: { bins, range: [range[0], range[1]], outOfRange },
    symbolize: (values) => symbolizeByEdges(values, edges, outOfRange),
  };
}

function checkRange(fn: string, range: unknown): void {
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    typeof range[0] === 'number' &&
    typeof range[1] === 'number' &&
    Number.isFinite(range[0]) &&
    Number.isFinite(range[1]) &&
    range[0] < range[1];
  if (!ok) {
    fail(Array.isArray(range) ? 'out_of_range' : 'invalid_type', {
      fn,
      param: 'range',
      expected: '[lo, hi] with finite lo < hi',
      received: Array.isArray(range) ? `[${range.map((v) => describeValue(v)).join(', ')}]` : describeValue(range),
    });
  }
}

/**
 * The bin edges fixed-width binning uses: `bins` edges evenly spaced on `range`, rounded to float32.
 *
 * @example
 * binningEdges({bins: 3}); // => Float64Array [-1, 0, 1]
 */
export function binningEdges(options: Pick<BinningOptions, 'bins' | 'range'> = {}): Float64Array {
  const fn = 'binningEdges';
  checkOptionNames(fn, options, ['bins', 'range']);
  const { bins = BINNING_DEFAULTS.bins, range = BINNING_DEFAULTS.range } = options;
  checkNumber(fn, 'bins', bins, { integer: true, min: 2, max: MAX_BINS });
  checkRange(fn, range);
  return fixedEdges(range[0], range[1], bins);
}

/**
 * Per-unit symbols of `t` under fixed-width binning: an n x d row-major Int32Array whose entries are edge
 * indices (or floor(v / binSize) in the bin-size variant).
 */
export function binningSymbols(t: SamplesLike, options: BinningOptions = {}): Int32Array {
  const fn = 'binningSymbols';
  const r = resolve(fn, options);
  const s = toSamples(t, { fn, param: 't' });
  return r.symbolize(s.data, 't');
}

/**
 * Information-plane point of a layer by fixed-width binning: H(T), H(T|X), H(T|Y), I(X;T) = H(T) - H(T|X) and
 * I(T;Y) = H(T) - sum_y p(y) H(T|Y=y), plug-in entropies of whole-row symbols (all units jointly).
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
  const fn = 'binning';
  const r = resolve(fn, options);
  return binnedPoint(fn, x, t, labels, r.units, r.params, (values) => r.symbolize(values, 't'));
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
): PlanePoint {
  const { x: xs, t: ts, labels: ys } = planeInputs(fn, x, t, labels);
  const tIds = rowIdsInt32(symbolize(ts.data, ts), ts.n, ts.d);
  const terms = binnedTerms(tIds, xs, { ids: ys.ids, count: ys.classes.length });
  const ixt = Math.max(0, terms.hT - terms.hTgivenX);
  const ity = Math.max(0, terms.hT - terms.hTgivenY);
  return {
    ixt: fromNats(ixt, units),
    ity: fromNats(ity, units),
    hT: fromNats(terms.hT, units),
    hTgivenX: fromNats(terms.hTgivenX, units),
    hTgivenY: fromNats(terms.hTgivenY, units),
    units,
    params,
  };
}

/**
 * Plug-in entropy H(T) of fixed-width-binned rows of `t`, in bits by default.
 *
 * @example
 * binningEntropy([[0.1], [0.5], [0.9]], {bins: 3}); // => 0.918 (bits: two symbols, 1/3 and 2/3)
 */
export function binningEntropy(t: SamplesLike, options: BinningOptions = {}): Estimate {
  const fn = 'binningEntropy';
  const r = resolve(fn, options);
  const s = toSamples(t, { fn, param: 't' });
  const ids = rowIdsInt32(r.symbolize(s.data, 't'), s.n, s.d);
  return { value: fromNats(entropyOfIds(ids.ids, ids.count), r.units), units: r.units, params: r.params };
}

/**
 * Plug-in mutual information I(A;B) of binned rows of `a` and `b` (both binned with the same options), or of
 * binned `a` and integer class labels when `b` is a `Labels` (see `toLabels`). Bits by default.
 */
export function binningMutualInformation(a: SamplesLike, b: SamplesLike | Labels, options: BinningOptions & { bIsLabels?: boolean } = {}): Estimate {
  const fn = 'binningMutualInformation';
  const { bIsLabels = false, ...rest } = options;
  const r = resolve(fn, rest);
  const as = toSamples(a, { fn, param: 'a', minSamples: 2 });
  const aIds = rowIdsInt32(r.symbolize(as.data, 'a'), as.n, as.d);
  let bIds;
  let nb: number;
  if (bIsLabels || isLabels(b)) {
    const ys = toLabels(b as SamplesLike, { fn, param: 'b' });
    bIds = { ids: ys.ids, count: ys.classes.length };
    nb = ys.n;
  } else {
    const bs = toSamples(b, { fn, param: 'b', minSamples: 2 });
    bIds = rowIdsInt32(r.symbolize(bs.data, 'b'), bs.n, bs.d);
    nb = bs.n;
  }
  checkSameCount(fn, [
    ['a', as.n],
    ['b', nb],
  ]);
  return { value: fromNats(mutualInformationOfIds(aIds, bIds), r.units), units: r.units, params: r.params };
}
