import { thrownError } from '../../test/helpers/errors';
import { readJson } from './readJson';

const thrown = thrownError;

describe('readJson', () => {
  it('readJson(text) reads a flat array as one column', () => {
    const { samples } = readJson('[0.5, -1, 2e3]');
    expect([samples.n, samples.d]).toEqual([3, 1]);
    expect(Array.from(samples.data)).toEqual([0.5, -1, 2000]);
  });

  it('readJson(text) reads an array of rows', () => {
    const { samples } = readJson('[[1, 2, 3], [4, 5, 6]]');
    expect([samples.n, samples.d]).toEqual([2, 3]);
    expect(Array.from(samples.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('readJson(text) reads {data, shape} and {values, shape}, flat or as rows, with optional columns', () => {
    const a = readJson('{"data": [1, 2, 3, 4, 5, 6], "shape": [3, 2]}');
    expect([a.samples.n, a.samples.d]).toEqual([3, 2]);
    expect(Array.from(a.samples.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const b = readJson('{"values": [[1, 2], [3, 4]], "shape": [2, 2], "columns": ["u", "v"]}');
    expect(Array.from(b.samples.data)).toEqual([1, 2, 3, 4]);
    expect(b.columns).toEqual(['u', 'v']);
    const c = readJson('\ufeff{"values": [7, 8], "shape": [2]}');
    expect([c.samples.n, c.samples.d]).toEqual([2, 1]);
  });

  it('readJson(text) rejects invalid JSON with the parser message', () => {
    const e = thrown(() => readJson('[1, 2,', { fn: 'mi', param: '--a' }));
    expect(e.code).toBe('file_malformed');
    expect(e.message).toMatch(/^mi: --a must be valid JSON; got "\[1, 2," \(.+\)\.$/);
  });

  it('readJson(text) rejects non-numeric entries with their row and column', () => {
    const e = thrown(() => readJson('[[1, 2], [3, "4"]]', { param: '--x' }));
    expect(e.code).toBe('invalid_type');
    expect(e.param).toBe('--x');
    expect(e.message).toMatch(/numbers only; got "4" \(at row 1, column 1\)/);
    expect(thrown(() => readJson('[1, null, 3]')).message).toMatch(/got null \(at row 1, column 0\)/);
    expect(thrown(() => readJson('{"data": [1, true], "shape": [2]}')).message).toMatch(/got true \(at row 1, column 0\)/);
  });

  it('readJson(text) rejects ragged rows, empty arrays, a wrong shape and 3-D nesting', () => {
    expect(thrown(() => readJson('[[1, 2], [3]]')).code).toBe('ragged');
    expect(thrown(() => readJson('[]')).code).toBe('empty');
    const shape = thrown(() => readJson('{"data": [1, 2, 3], "shape": [2, 2]}'));
    expect(shape.message).toMatch(/4 values for shape \[2, 2\]; got 3 values/);
    expect(thrown(() => readJson('{"data": [1], "shape": "1"}')).message).toMatch(/"shape" of one or two non-negative integers/);
    const deep = thrown(() => readJson('[[[1, 2]], [[3, 4]]]'));
    expect(deep.code).toBe('unsupported_format');
    expect(deep.message).toMatch(/1-D or 2-D array; got an array nested 3 or more levels deep/);
  });

  it('readJson(text) rejects other JSON values and objects without data and shape', () => {
    expect(thrown(() => readJson('42')).code).toBe('invalid_type');
    const e = thrown(() => readJson('{"x": [1, 2]}'));
    expect(e.message).toMatch(/got an object with keys "x"/);
    expect(thrown(() => readJson('{"data": [1, 2], "shape": [2], "columns": ["a", "b"]}')).message).toMatch(/"columns" as 1 string \(one per column\)/);
  });
});
