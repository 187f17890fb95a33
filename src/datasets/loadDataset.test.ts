import * as fs from 'fs';
import * as path from 'path';
import { InfoplaneError } from '../core/errors';
import { datasetPath, packageRoot } from './datasetPath';
import { loadDataset } from './loadDataset';

describe('loadDataset', () => {
  it('packageRoot() finds the folder with package.json (name "infoplane") and datasets/', () => {
    const root = packageRoot();
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name).toBe('infoplane');
    expect(fs.existsSync(datasetPath('ib12', 'ib12.csv'))).toBe(true);
    expect(root).toBe(path.resolve(__dirname, '../..'));
  });

  it('loadDataset("ib12") matches loadIb12 layout: 4096 x 12, labels 1978 / 2118', () => {
    const ds = loadDataset('ib12');
    expect(ds.task).toBe('classification');
    expect([ds.x.n, ds.x.d]).toEqual([4096, 12]);
    expect(ds.columns).toEqual(Array.from({ length: 12 }, (_, j) => `x${j}`));
    expect(ds.target).toBe('label');
    expect(Array.from(ds.labels.counts)).toEqual([1978, 2118]);
  });

  it('loadDataset("digits") returns 1797 x 64 pixels 0..16 and the README class counts', () => {
    const ds = loadDataset('digits');
    expect(ds.task).toBe('classification');
    expect([ds.x.n, ds.x.d]).toEqual([1797, 64]);
    expect(ds.columns[0]).toBe('p0');
    expect(ds.columns[63]).toBe('p63');
    let min = Infinity;
    let max = -Infinity;
    for (const v of ds.x.data) {
      expect(Number.isInteger(v)).toBe(true);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 16]);
    expect(ds.labels.classes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(ds.labels.counts)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    const hy = -Array.from(ds.labels.counts).reduce((s, c) => s + (c / 1797) * Math.log2(c / 1797), 0);
    expect(hy).toBeCloseTo(3.3218, 4);
  });

  it('loadDataset("diabetes") returns 442 x 10 inputs and a continuous target in 25..346', () => {
    const ds = loadDataset('diabetes');
    expect(ds.task).toBe('regression');
    expect([ds.x.n, ds.x.d]).toEqual([442, 10]);
    expect(ds.columns).toEqual(['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(ds.target).toBe('target');
    expect(ds.y).toBeInstanceOf(Float64Array);
    expect(ds.y.length).toBe(442);
    expect(Math.min(...ds.y)).toBe(25);
    expect(Math.max(...ds.y)).toBe(346);
    // first row of the file: 59,2,32.1,101,157,93.2,38,4,4.8598,87,151
    expect(Array.from(ds.x.data.subarray(0, 10))).toEqual([59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87]);
    expect(ds.y[0]).toBe(151);
    expect('labels' in ds).toBe(false);
  });

  it('loadDataset(name) rejects an unknown name, listing the data sets', () => {
    let error: unknown;
    try {
      loadDataset('mnist' as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InfoplaneError);
    expect((error as InfoplaneError).code).toBe('invalid_option');
    expect((error as InfoplaneError).message).toBe('loadDataset: name must be one of "ib12", "digits", "diabetes"; got "mnist".');
    expect(() => loadDataset('toString' as never)).toThrow(/must be one of/);
  });
});
