/** The fixed-width binning family (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018). Definitions: ESTIMATORS.md section 1. */
import { choiceParam, integerParam, numberParam, rangeParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

export const BINNING_SPEC = defineSpec({
  name: 'binning',
  summary: 'fixed-width binning of every unit, plug-in entropies of whole rows (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018)',
  reference: 'Shwartz-Ziv & Tishby 2017; Saxe et al. 2018',
  nativeUnits: 'nats',
  cost: 'O(n d log bins)',
  // hashing whole rows: about 0.05 s per million values
  costModel: (n, d, dx) => 5e-8 * n * (d + dx),
  operations: ['point', 'mi', 'entropy'],
  miTarget: 'either',
  params: {
    bins: integerParam({ default: 30, min: 2, max: 1_000_000, description: 'number of bin EDGES spread over the range, float32-rounded' }),
    range: rangeParam({ default: [-1, 1], description: 'LO,HI interval holding the edges' }),
    outOfRange: choiceParam(['clamp', 'wrap'], {
      default: 'clamp',
      description: 'values below the first edge: clamp to the first bin, or wrap to the last as the reference code does',
    }),
    binSize: numberParam({ min: 0, minExclusive: true, description: 'bin width of the bin-size variant, symbol floor(v / size); replaces bins and range' }),
    ...SUBSAMPLING_PARAMS,
  },
});
