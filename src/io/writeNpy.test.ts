import { thrownError } from '../../test/helpers/errors';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readNpy } from './readNpy';
import { writeNpy, writeNpyFile } from './writeNpy';

const FIXTURES = path.join(__dirname, '../../test/fixtures/npy');

const thrown = thrownError;

describe('writeNpy', () => {
  it('writeNpy(x) writes the same bytes as np.save for a C-ordered float64 (3, 2) array', () => {
    const numpyBytes = fs.readFileSync(path.join(FIXTURES, 'f8_2d.npy'));
    const x = [
      [0.0, -1.5],
      [1 / 3, 1e-300],
      [6.02214076e23, -0.0],
    ];
    expect(Buffer.compare(writeNpy(x), numpyBytes)).toBe(0);
  });

  it('writeNpy(x, {dtype: "float32"}) writes the same bytes as np.save for a float32 (2, 3) array', () => {
    const numpyBytes = fs.readFileSync(path.join(FIXTURES, 'f4_2d.npy'));
    const x = [
      [0.1, -2.5, 3.4e38],
      [1e-45, 7.0, -0.3],
    ];
    expect(Buffer.compare(writeNpy(x, { dtype: 'float32' }), numpyBytes)).toBe(0);
  });

  it('writeNpy(x) round-trips through readNpy exactly (float64), at several sizes', () => {
    for (const [n, d] of [
      [1, 1],
      [7, 3],
      [1000, 13],
      [12345, 1],
    ]) {
      const data = new Float64Array(n * d);
      for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 1.234567) * 10 ** ((i % 11) - 5);
      const bytes = writeNpy({ data, n, d });
      const headerLength = bytes.readUInt16LE(8);
      expect((10 + headerLength) % 64).toBe(0);
      expect(bytes.length).toBe(10 + headerLength + 8 * n * d);
      const back = readNpy(bytes);
      expect(back.descr).toBe('<f8');
      expect(back.shape).toEqual([n, d]);
      expect(back.samples.data).toEqual(data);
    }
  });

  it('writeNpy(x, {dtype: "float32"}) round-trips to the float32-rounded values', () => {
    const data = Float64Array.from([0.1, -1 / 3, 1e-40, 12345.678]);
    const back = readNpy(writeNpy({ data, n: 2, d: 2 }, { dtype: 'float32' }));
    expect(back.descr).toBe('<f4');
    expect(Array.from(back.samples.data)).toEqual(Array.from(data, Math.fround));
  });

  it('writeNpy(x) accepts a flat array as one column', () => {
    const back = readNpy(writeNpy([1, 2, 3]));
    expect(back.shape).toEqual([3, 1]);
  });

  it('writeNpyFile(path, x) writes a file that readNpy reads back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-npy-'));
    try {
      const file = path.join(dir, 't.npy');
      writeNpyFile(file, [
        [1, 2],
        [3, 4],
      ]);
      expect(Array.from(readNpy(fs.readFileSync(file)).samples.data)).toEqual([1, 2, 3, 4]);
      const e = thrown(() => writeNpyFile(path.join(dir, 'missing-folder', 't.npy'), [1]));
      expect(e.code).toBe('file_unwritable');
      expect(e.message).toMatch(/missing-folder.*ENOENT: no such file or folder/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writeNpy(x) rejects NaN, empty input, values beyond float32 and bad options', () => {
    expect(thrown(() => writeNpy([1, NaN])).code).toBe('non_finite');
    expect(thrown(() => writeNpy([])).code).toBe('empty');
    const big = thrown(() => writeNpy([1, 1e39], { dtype: 'float32' }));
    expect(big.code).toBe('out_of_range');
    expect(big.message).toMatch(/float32 range.*got 1e\+39 \(at row 1, column 0; use dtype "float64"\)/);
    expect(thrown(() => writeNpy([1], { dtype: 'float16' as never })).param).toBe('dtype');
    expect(thrown(() => writeNpy([1], { version: 2 } as never)).code).toBe('invalid_option');
  });
});
