import * as io from './index';
import * as datasets from '../datasets/index';

describe('io index', () => {
  it('src/io/index re-exports the public readers and writers', () => {
    for (const name of ['readCsv', 'readNpy', 'writeNpy', 'writeNpyFile', 'readJson', 'readMatrixFile', 'readLabelsFile', 'extensionOf']) {
      expect(typeof (io as Record<string, unknown>)[name]).toBe('function');
    }
    expect(io.READ_CSV_DEFAULTS).toEqual({ header: 'auto', delimiter: 'auto' });
    expect(io.WRITE_NPY_DEFAULTS).toEqual({ dtype: 'float64' });
    expect(Object.keys(io.MATRIX_EXTENSIONS)).toEqual(['.csv', '.tsv', '.txt', '.npy', '.json']);
  });

  it('src/datasets/index re-exports the loaders', () => {
    for (const name of ['loadIb12', 'loadDataset', 'datasetPath', 'packageRoot']) {
      expect(typeof (datasets as Record<string, unknown>)[name]).toBe('function');
    }
    expect(Object.keys(datasets.DATASETS)).toEqual(['ib12', 'digits', 'diabetes']);
  });
});
