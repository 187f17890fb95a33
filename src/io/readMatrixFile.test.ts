import { thrownError } from '../../test/helpers/errors';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readLabelsFile } from './readLabelsFile';
import { extensionOf, readMatrixFile } from './readMatrixFile';

const FIXTURES = path.join(__dirname, '../../test/fixtures/npy');

const thrown = thrownError;

let dir: string;
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-io-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readMatrixFile', () => {
  it('readMatrixFile(path) reads .csv, .tsv, .txt, .json and .npy files to the same matrix', () => {
    const files = [
      write('m.csv', 'a,b\n1,2\n3,4\n'),
      write('m.tsv', 'a\tb\n1\t2\n3\t4\n'),
      write('m.txt', '1.0 2.0\n3.0 4.0\n'),
      write('m.json', '[[1, 2], [3, 4]]'),
      write('M.JSON', '{"data": [1, 2, 3, 4], "shape": [2, 2]}'),
      path.join(FIXTURES, 'f8_v2.npy'),
    ];
    for (const file of files) {
      const { samples } = readMatrixFile(file);
      expect([samples.n, samples.d]).toEqual([2, 2]);
      expect(Array.from(samples.data.subarray(0, 3))).toEqual([1, 2, 3]);
    }
    expect(readMatrixFile(files[0]).columns).toEqual(['a', 'b']);
    expect(readMatrixFile(files[1]).columns).toEqual(['a', 'b']);
  });

  it('readMatrixFile(path, {format}) reads a file whose extension says nothing', () => {
    const file = write('activations.dat', '1 2\n3 4\n');
    expect(readMatrixFile(file, { format: 'csv' }).samples.n).toBe(2);
  });

  it('readMatrixFile(path, {selectColumns, dropColumns}) keeps and drops columns by name and index', () => {
    const file = write('table.csv', 'x0,x1,x2,label\n1,2,3,0\n4,5,6,1\n');
    const dropped = readMatrixFile(file, { dropColumns: ['label'] });
    expect(dropped.columns).toEqual(['x0', 'x1', 'x2']);
    expect(Array.from(dropped.samples.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const selected = readMatrixFile(file, { selectColumns: [-1, 'x0'] });
    expect(selected.columns).toEqual(['label', 'x0']);
    expect(Array.from(selected.samples.data)).toEqual([0, 1, 1, 4]);
    const e = thrown(() => readMatrixFile(file, { selectColumns: ['y'], fn: 'point', param: '--x' }));
    expect(e.param).toBe('selectColumns');
    expect(e.message).toMatch(/column names among "x0", "x1", "x2", "label"; got "y" \(file .*table\.csv\)/);
    expect(thrown(() => readMatrixFile(file, { selectColumns: [4] })).code).toBe('out_of_range');
    expect(thrown(() => readMatrixFile(file, { dropColumns: [0, 1, 2, 3] })).code).toBe('empty');
  });

  it('readMatrixFile(path) rejects an unknown extension, listing the accepted ones', () => {
    const e = thrown(() => readMatrixFile('data/x.parquet', { fn: 'point', param: '--x' }));
    expect(e.code).toBe('unsupported_format');
    expect(e.param).toBe('--x');
    expect(e.message).toBe(
      'point: --x must be a file with one of the extensions .csv, .tsv, .txt, .npy, .json; got "data/x.parquet" (or pass the format explicitly).',
    );
    expect(thrown(() => readMatrixFile('a.npz')).message).toMatch(/np\.load/);
  });

  it('readMatrixFile(path) rejects a missing file and a directory with file_unreadable naming the path', () => {
    const missing = path.join(dir, 'nope.csv');
    const e = thrown(() => readMatrixFile(missing, { fn: 'point', param: '--x' }));
    expect(e.code).toBe('file_unreadable');
    expect(e.param).toBe('--x');
    expect(e.message).toBe(`point: --x must be a readable file; got ${JSON.stringify(missing)} (no such file).`);
    const folder = path.join(dir, 'folder.csv');
    fs.mkdirSync(folder);
    expect(thrown(() => readMatrixFile(folder)).message).toMatch(/it is a directory/);
    expect(thrown(() => readMatrixFile('')).code).toBe('invalid_type');
  });

  it('readMatrixFile(path) names the file in parse errors of every format', () => {
    const csv = write('bad.csv', 'a,b\n1,2\n3,x\n');
    const e = thrown(() => readMatrixFile(csv, { fn: 'point', param: '--x' }));
    expect(e.code).toBe('file_malformed');
    expect(e.message).toBe(`point: --x must be a table of numbers; got "x" (at line 3, column 2 ("b"); file ${csv}).`);
    const ragged = write('ragged.txt', '1 2\n3\n');
    expect(thrown(() => readMatrixFile(ragged)).message).toMatch(/got 1 field on line 2 \(fields split on whitespace; file .*ragged\.txt\)/);
    const json = write('bad.json', '[1, "a"]');
    expect(thrown(() => readMatrixFile(json)).message).toMatch(/at row 1, column 0; file .*bad\.json/);
    const npy = path.join(FIXTURES, 'c16.npy');
    const n = thrown(() => readMatrixFile(npy, { param: '--t' }));
    expect(n.code).toBe('unsupported_format');
    expect(n.message).toMatch(/--t must be .*complex.*file .*c16\.npy\)\.$/);
    const notNpy = write('fake.npy', 'a,b\n1,2\n');
    expect(thrown(() => readMatrixFile(notNpy)).code).toBe('file_malformed');
    const empty = write('empty.csv', '');
    expect(thrown(() => readMatrixFile(empty)).message).toMatch(/at least one line of numbers; got no data .*file .*empty\.csv/);
  });

  it('readMatrixFile(path, options) rejects unknown options and formats', () => {
    expect(thrown(() => readMatrixFile('a.csv', { columns: ['a'] } as never)).code).toBe('invalid_option');
    expect(thrown(() => readMatrixFile('a.csv', { format: 'xlsx' as never })).param).toBe('format');
  });

  it('extensionOf(path) returns the lower-case extension', () => {
    expect(extensionOf('/a.b/c.NPY')).toBe('.npy');
    expect(extensionOf('C:\\data\\x.csv')).toBe('.csv');
    expect(extensionOf('.hidden')).toBe('');
    expect(extensionOf('noext')).toBe('');
  });
});

describe('readLabelsFile', () => {
  it('readLabelsFile(path) reads integer labels from .npy, one-hot .npy, .csv and .json', () => {
    const fromNpy = readLabelsFile(path.join(FIXTURES, 'labels_i8.npy'));
    expect(Array.from(fromNpy.ids)).toEqual([2, 0, 1, 1, 2, 0]);
    expect(fromNpy.classes).toEqual([0, 1, 2]);
    const oneHot = readLabelsFile(path.join(FIXTURES, 'labels_onehot_f4.npy'));
    expect(Array.from(oneHot.ids)).toEqual([1, 0, 2, 1]);
    const csv = readLabelsFile(write('y.csv', 'label\n3\n7\n3\n'));
    expect(csv.classes).toEqual([3, 7]);
    expect(Array.from(csv.ids)).toEqual([0, 1, 0]);
    expect(Array.from(csv.counts)).toEqual([2, 1]);
    expect(readLabelsFile(write('y.json', '[1, 0, 1]')).n).toBe(3);
    expect(Array.from(readLabelsFile(path.join(FIXTURES, 'b1.npy'), { column: 0 }).ids)).toEqual([1, 0]);
  });

  it('readLabelsFile(path, {column}) picks one column of a wider table by name or index', () => {
    const file = write('xy.csv', 'x0,x1,label\n0.5,1,1\n0.25,0,0\n1,1,1\n');
    expect(Array.from(readLabelsFile(file, { column: 'label' }).ids)).toEqual([1, 0, 1]);
    expect(Array.from(readLabelsFile(file, { column: -1 }).counts)).toEqual([1, 2]);
    const e = thrown(() => readLabelsFile(file, { column: 'y', fn: 'point', param: '--labels' }));
    expect(e.param).toBe('column');
    expect(e.message).toMatch(/column names among "x0", "x1", "label"; got "y"/);
  });

  it('readLabelsFile(path) rejects non-integer and negative labels and non-one-hot rows, naming the file', () => {
    const frac = write('frac.csv', '0\n1.5\n');
    const e = thrown(() => readLabelsFile(frac, { fn: 'point', param: '--labels' }));
    expect(e.code).toBe('invalid_label');
    expect(e.param).toBe('--labels');
    expect(e.message).toBe(`point: --labels must be non-negative integer class labels; got 1.5 (at index 1; file ${frac}).`);
    expect(thrown(() => readLabelsFile(write('neg.json', '[0, -1]'))).code).toBe('invalid_label');
    const notOneHot = write('wide.csv', '1,1\n1,0\n');
    expect(thrown(() => readLabelsFile(notOneHot)).message).toMatch(/row 0 is not one-hot.*wide\.csv/);
    expect(thrown(() => readLabelsFile(path.join(dir, 'missing.npy'), { param: '--labels' })).code).toBe('file_unreadable');
  });
});
