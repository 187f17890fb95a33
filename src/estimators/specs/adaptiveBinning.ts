/** Entropy-based adaptive binning, EBAB (Chelombiev, Houghton & O'Donnell 2019). */
import { integerParam, numberParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

/**
 * The lower edge EBAB uses for `values` when none is given: 0 when every value is >= 0, else -1.000001 when every
 * value is >= -1, else min(T) (the reference has no rule for other ranges). O(n).
 */
export function defaultLowerEdge(values: Float64Array): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] < min) min = values[i];
  if (min >= 0) return 0;
  if (min >= -1) return -1.000001;
  return min;
}

export const ADAPTIVE_BINNING_SPEC = defineSpec({
  name: 'adaptive-binning',
  summary: "entropy-based adaptive binning, EBAB: quantile edges per layer and epoch (Chelombiev, Houghton & O'Donnell 2019)",
  reference: "Chelombiev, Houghton & O'Donnell 2019",
  nativeUnits: 'nats',
  cost: 'O(n d log(n d))',
  // sorting every value for the quantile edges: about 0.2 s per million values
  costModel: (n, d, dx) => 2e-7 * n * (d + dx),
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    bins: integerParam({ default: 30, min: 1, max: 1_000_000, description: 'number of quantile bins B, B + 2 edges' }),
    lowerEdge: numberParam({
      description: 'first edge, excluded from the quantiles; at most min(T)',
      defaultText: '0 if all values >= 0, -1.000001 if all >= -1, else the minimum',
      // left unset, it is resolved from the layer's values (defaultLowerEdge)
      fromData: (v) => v === undefined,
    }),
    ...SUBSAMPLING_PARAMS,
  },
});
