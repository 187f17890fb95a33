import { thrownError } from '../../test/helpers/errors';
import { readCsv } from './readCsv';

const thrown = thrownError;

describe('readCsv', () => {
  it('readCsv(text) reads a headed comma-separated table', () => {
    const { samples, columns } = readCsv('a,b,c\n1,2,3\n-4.5,5e-3,.25\n');
    expect(columns).toEqual(['a', 'b', 'c']);
    expect(samples.n).toBe(2);
    expect(samples.d).toBe(3);
    expect(Array.from(samples.data)).toEqual([1, 2, 3, -4.5, 0.005, 0.25]);
  });

  it('readCsv(text) reads a headless table and returns no columns', () => {
    const result = readCsv('1,2\n3,4');
    expect(result.columns).toBeUndefined();
    expect(Array.from(result.samples.data)).toEqual([1, 2, 3, 4]);
  });

  it('readCsv(text) ignores blank lines, comment lines, a trailing newline, CRLF and a byte-order mark', () => {
    const text = '\ufeff# written by np.savetxt\r\nx,y\r\n\r\n1,2\r\n  \r\n3,4\r\n\r\n';
    const { samples, columns } = readCsv(text);
    expect(columns).toEqual(['x', 'y']);
    expect(Array.from(samples.data)).toEqual([1, 2, 3, 4]);
  });

  it('readCsv(text) splits on whitespace when the first line has no comma (np.savetxt default)', () => {
    const { samples } = readCsv('1.000000000000000000e+00 2.5\n  3\t\t4  \n');
    expect(samples.d).toBe(2);
    expect(Array.from(samples.data)).toEqual([1, 2.5, 3, 4]);
  });

  it('readCsv(text) detects a semicolon separator', () => {
    expect(Array.from(readCsv('1;2\n3;4').samples.data)).toEqual([1, 2, 3, 4]);
  });

  it('readCsv(text, {delimiter: "\\t"}) keeps tab-separated fields with spaces', () => {
    const { samples, columns } = readCsv('first col\tsecond col\n1\t2\n', { delimiter: '\t' });
    expect(columns).toEqual(['first col', 'second col']);
    expect(Array.from(samples.data)).toEqual([1, 2]);
  });

  it('readCsv(text) reads one column (one value per line) as n x 1', () => {
    const { samples } = readCsv('0\n1\n1\n2\n');
    expect([samples.n, samples.d]).toEqual([4, 1]);
  });

  it('readCsv(text) unquotes quoted header names and quoted numbers', () => {
    const { samples, columns } = readCsv('"","a ""b"""\n"0","1.5"\n');
    expect(columns).toEqual(['', 'a "b"']);
    expect(Array.from(samples.data)).toEqual([0, 1.5]);
  });

  it('readCsv(text, {header: true}) takes a numeric first line as column names', () => {
    const { samples, columns } = readCsv('1,2\n3,4\n', { header: true });
    expect(columns).toEqual(['1', '2']);
    expect(samples.n).toBe(1);
  });

  it('readCsv(text, {header: "auto"}) reads a first line with a NaN literal as data (and rejects the NaN)', () => {
    const e = thrown(() => readCsv('nan,1\n2,3\n'));
    expect(e.code).toBe('non_finite');
    expect(e.message).toMatch(/at line 1, column 1/);
  });

  it('readCsv(text) parses values exactly as JavaScript numbers', () => {
    const values = [0.1, 1 / 3, -1e-300, 6.02214076e23, 123456789.123456789];
    const { samples } = readCsv(values.map((v) => String(v)).join('\n'));
    expect(Array.from(samples.data)).toEqual(values);
  });

  it('readCsv(text) rejects a non-numeric field, naming fn, param, line, column and column name', () => {
    const e = thrown(() => readCsv('a,b\n1,2\n3,x7\n', { fn: 'point', param: '--x' }));
    expect(e.code).toBe('file_malformed');
    expect(e.fn).toBe('point');
    expect(e.param).toBe('--x');
    expect(e.message).toBe('point: --x must be a table of numbers; got "x7" (at line 3, column 2 ("b")).');
  });

  it('readCsv(text) counts blank and comment lines in line numbers', () => {
    const e = thrown(() => readCsv('1,2\n\n# c\n3,oops\n'));
    expect(e.message).toMatch(/at line 4, column 2/);
  });

  it('readCsv(text, {header: false}) says the first line looks like a header', () => {
    const e = thrown(() => readCsv('a,b\n1,2\n', { header: false }));
    expect(e.code).toBe('file_malformed');
    expect(e.message).toMatch(/at line 1, column 1; the first line looks like a header, but header is false/);
  });

  it('readCsv(text) rejects an empty field', () => {
    const e = thrown(() => readCsv('1,2\n3,\n'));
    expect(e.code).toBe('file_malformed');
    expect(e.message).toMatch(/got an empty field \(at line 2, column 2\)/);
  });

  it('readCsv(text) rejects NaN and Infinity with their line and column', () => {
    for (const bad of ['NaN', 'inf', '-Infinity', '1e999']) {
      const e = thrown(() => readCsv(`x,y\n1,2\n3,${bad}\n`, { param: '--t' }));
      expect(e.code).toBe('non_finite');
      expect(e.param).toBe('--t');
      expect(e.message).toMatch(/at line 3, column 2 \("y"\)/);
    }
  });

  it('readCsv(text) rejects ragged rows, naming the line', () => {
    const e = thrown(() => readCsv('a,b,c\n1,2,3\n4,5\n', { param: '--x' }));
    expect(e.code).toBe('ragged');
    expect(e.param).toBe('--x');
    expect(e.message).toMatch(/lines of 3 fields \(as line 1, the header\); got 2 fields on line 3/);
    const f = thrown(() => readCsv('1 2\n3 4 5\n'));
    expect(f.message).toMatch(/got 3 fields on line 2/);
  });

  it('readCsv(text) rejects an empty text, a blank text and a header without data', () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const e = thrown(() => readCsv(text, { param: '--x' }));
      expect(e.code).toBe('empty');
      expect(e.message).toMatch(/^readCsv: --x must be at least one line of numbers/);
    }
    expect(thrown(() => readCsv('a,b\n')).message).toMatch(/a header line and no data/);
  });

  it('readCsv(text, options) rejects bad options', () => {
    expect(thrown(() => readCsv('1', { delimiter: ',,' })).param).toBe('delimiter');
    expect(thrown(() => readCsv('1', { header: 'yes' as unknown as boolean })).param).toBe('header');
    expect(thrown(() => readCsv('1', { sep: ',' } as never)).code).toBe('invalid_option');
    expect(thrown(() => readCsv(42 as unknown as string)).code).toBe('invalid_type');
  });

  it('readCsv(text) parses a 4096 x 13 table quickly', () => {
    const lines = ['x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,label'];
    for (let i = 0; i < 4096; i++) {
      const bits = Array.from({ length: 12 }, (_, j) => (i >> (11 - j)) & 1);
      lines.push([...bits, i % 2].join(','));
    }
    const { samples } = readCsv(lines.join('\n'));
    expect([samples.n, samples.d]).toEqual([4096, 13]);
    expect(samples.data[4095 * 13 + 11]).toBe(1);
  });
});
