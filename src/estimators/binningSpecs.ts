/** Command-line and recorder descriptions of the binning family. */
import { adaptiveBinning, adaptiveBinningEntropy, adaptiveBinningMutualInformation, ADAPTIVE_BINNING_DEFAULTS } from './adaptiveBinning';
import { binning, binningEntropy, binningMutualInformation, BINNING_DEFAULTS } from './binning';
import { EstimatorSpec } from './spec';

export const binningSpec: EstimatorSpec = {
  name: 'binning',
  summary: 'fixed-width binning of every unit, plug-in entropies of whole rows (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018)',
  params: [
    { name: 'bins', kind: 'integer', description: `number of bin EDGES spread over the range, float32-rounded (default ${BINNING_DEFAULTS.bins})` },
    { name: 'range', kind: 'range', description: `LO,HI interval holding the edges (default ${BINNING_DEFAULTS.range.join(',')})` },
    {
      name: 'outOfRange',
      kind: 'choice',
      choices: ['clamp', 'wrap'],
      description: `values below the first edge: clamp to the first bin, or wrap to the last as the reference code does (default ${BINNING_DEFAULTS.outOfRange})`,
    },
    { name: 'binSize', kind: 'number', description: 'bin width of the bin-size variant, symbol floor(v / size); replaces bins and range (default: unset)' },
  ],
  point: (x, t, labels, options) => binning(x, t, labels, options),
  mi: (a, b, options) => binningMutualInformation(a, b, options),
  entropy: (a, options) => binningEntropy(a, options),
};

export const adaptiveBinningSpec: EstimatorSpec = {
  name: 'adaptive-binning',
  summary: 'entropy-based adaptive binning, EBAB: quantile edges per layer and epoch (Chelombiev, Houghton & O\'Donnell 2019)',
  params: [
    { name: 'bins', kind: 'integer', description: `number of quantile bins B, B + 2 edges (default ${ADAPTIVE_BINNING_DEFAULTS.bins})` },
    {
      name: 'lowerEdge',
      kind: 'number',
      description: 'first edge, excluded from the quantiles (default: 0 if all values >= 0, -1.000001 if all >= -1, else the minimum)',
    },
  ],
  point: (x, t, labels, options) => adaptiveBinning(x, t, labels, options),
  mi: (a, b, options) => adaptiveBinningMutualInformation(a, b, options),
  entropy: (a, options) => adaptiveBinningEntropy(a, options),
};
