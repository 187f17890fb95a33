import { thrownError } from '../../test/helpers/errors';
import * as fs from 'fs';
import * as path from 'path';
import { readNpy, readNpyHeader } from './readNpy';

const FIXTURES = path.join(__dirname, '../../test/fixtures/npy');
/** What NumPy reports for each readable fixture (written by test/fixtures/npy/make_fixtures.py). */
const EXPECTED = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { descr: string; shape: number[]; values: number[] }
>;

function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, `${name}.npy`));
}

const thrown = thrownError;

/** Exact equality that tells -0 from 0. */
function expectSameValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`value ${i}: got ${actual[i]}, expected ${expected[i]}`);
  }
}

/** A copy of `bytes` that starts at an odd byte offset of its ArrayBuffer. */
function atOddOffset(bytes: Uint8Array): Uint8Array {
  const backing = new Uint8Array(bytes.length + 3);
  backing.set(bytes, 3);
  return backing.subarray(3);
}

describe('readNpy', () => {
  const names = Object.keys(EXPECTED);

  it('readNpy(bytes) has a NumPy expectation for every dtype the issue lists', () => {
    for (const name of ['f4_2d', 'f8_2d', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1', 'f8_be', 'f8_1d', 'f8_v2', 'f8_v3']) {
      expect(names).toContain(name);
    }
  });

  it.each(names)('readNpy(bytes) reads %s.npy to exactly the values NumPy holds', (name) => {
    const { descr, shape, values } = EXPECTED[name];
    const result = readNpy(fixture(name));
    expect(result.descr).toBe(descr);
    expect(result.shape).toEqual(shape);
    expect(result.samples.n).toBe(shape[0]);
    expect(result.samples.d).toBe(shape.length === 2 ? shape[1] : 1);
    expectSameValues(result.samples.data, values);
  });

  it.each(names)('readNpy(bytes) reads %s.npy at an unaligned byte offset', (name) => {
    const result = readNpy(atOddOffset(fixture(name)));
    expectSameValues(result.samples.data, EXPECTED[name].values);
  });

  it('readNpy(arrayBuffer) accepts an ArrayBuffer', () => {
    const b = fixture('f8_2d');
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    expectSameValues(readNpy(ab).samples.data, EXPECTED.f8_2d.values);
  });

  it('readNpy(bytes) reads a hand-made header of odd length (data at an unaligned offset)', () => {
    const header = "{'descr': '<f8', 'shape': (2, 1), 'fortran_order': False}\n"; // 59 bytes, no padding
    const bytes = new Uint8Array(10 + header.length + 16);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
    bytes.set(Buffer.from(header, 'latin1'), 10);
    const dv = new DataView(bytes.buffer, 10 + header.length);
    dv.setFloat64(0, 0.1, true);
    dv.setFloat64(8, -7, true);
    const { samples, shape } = readNpy(bytes);
    expect(shape).toEqual([2, 1]);
    expect(Array.from(samples.data)).toEqual([0.1, -7]);
  });

  it('readNpy(bytes) reads a 2-D fortran_order file with one column (same layout as C order)', () => {
    const header = "{'descr': '<i4', 'fortran_order': True, 'shape': (3, 1), }\n";
    const bytes = new Uint8Array(10 + header.length + 12);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
    bytes.set(Buffer.from(header, 'latin1'), 10);
    new DataView(bytes.buffer).setInt32(10 + header.length + 4, -5, true);
    expect(Array.from(readNpy(bytes).samples.data)).toEqual([0, -5, 0]);
  });

  describe('errors', () => {
    it('readNpy(bytes) rejects int64 and uint64 values beyond 2^53, naming the value and position', () => {
      const big = thrown(() => readNpy(fixture('i8_too_big'), { fn: 'point', param: '--t' }));
      expect(big.code).toBe('unsupported_format');
      expect(big.param).toBe('--t');
      expect(big.message).toMatch(/^point: --t must be 64-bit integers of magnitude at most 2\^53 .*; got 9007199254740993 \(at row 1, column 0/);
      expect(thrown(() => readNpy(fixture('i8_too_small'))).message).toMatch(/got -9007199254740993/);
      expect(thrown(() => readNpy(fixture('u8_too_big'))).message).toMatch(/got 18446744073709551615/);
    });

    it('readNpy(bytes) rejects a Fortran-ordered 2-D array and says to use np.ascontiguousarray', () => {
      const e = thrown(() => readNpy(fixture('fortran_2d'), { param: '--x' }));
      expect(e.code).toBe('unsupported_format');
      expect(e.message).toMatch(/--x must be a C-ordered array \(fortran_order: False\); got fortran_order: True.*np\.ascontiguousarray/);
    });

    it('readNpy(bytes) rejects 3-D and 0-D arrays and suggests a reshape', () => {
      const three = thrown(() => readNpy(fixture('f8_3d')));
      expect(three.code).toBe('unsupported_format');
      expect(three.message).toMatch(/a 1-D or 2-D array; got a 3-D array of shape \(2, 2, 2\).*reshape\(len\(a\), -1\)/);
      const zero = thrown(() => readNpy(fixture('f8_0d')));
      expect(zero.code).toBe('unsupported_format');
      expect(zero.message).toMatch(/got a 0-D array.*reshape/);
    });

    it('readNpy(bytes, {flatten: true}) reads a 3-D array as n rows of the other dimensions in C order, as a.reshape(len(a), -1)', () => {
      const r = readNpy(fixture('f8_3d'), { flatten: true });
      expect([r.samples.n, r.samples.d, r.shape]).toEqual([2, 4, [2, 2, 2]]);
      // the fixture is np.arange(8).reshape(2, 2, 2): C order keeps the file's element order
      expect(Array.from(r.samples.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('readNpyHeader(path) gives the shape and dtype from the header alone, with the same errors', () => {
      expect(readNpyHeader(path.join(FIXTURES, 'f4_2d.npy'))).toEqual({ descr: '<f4', shape: EXPECTED.f4_2d.shape, n: EXPECTED.f4_2d.shape[0], d: EXPECTED.f4_2d.shape[1] });
      expect(readNpyHeader(path.join(FIXTURES, 'f8_3d.npy'), { flatten: true })).toMatchObject({ n: 2, d: 4 });
      expect(readNpyHeader(path.join(FIXTURES, 'f8_v3.npy')).n).toBe(EXPECTED.f8_v3.shape[0]);
      expect(() => readNpyHeader(path.join(FIXTURES, 'f8_3d.npy'))).toThrow(/3-D array/);
      expect(() => readNpyHeader(path.join(FIXTURES, 'nope.npy'))).toThrow(/no such file/);
    });

    it.each([
      ['c16', /dtype "<c16" \(complex\)/],
      ['obj', /dtype "\|O" \(Python objects\)/],
      ['str_u3', /dtype "<U3" \(strings\)/],
      ['datetime', /dtype "<M8\[D\]" \(datetime or timedelta\)/],
      ['structured', /a structured dtype "\[\('a', '<f8'\), \('b', '<i4'\)\]"/],
      ['structured_v3_utf8', /a structured dtype "\[\('α', '<f8'\)\]"/],
    ])('readNpy(bytes) rejects %s.npy naming its dtype', (name, pattern) => {
      const e = thrown(() => readNpy(fixture(name), { param: '--x' }));
      expect(e.code).toBe('unsupported_format');
      expect(e.param).toBe('--x');
      expect(e.message).toMatch(pattern);
    });

    it('readNpy(bytes) rejects a truncated file with expected and actual byte counts', () => {
      const full = fixture('f8_2d'); // 128-byte header + 48 bytes of data
      const e = thrown(() => readNpy(full.subarray(0, full.length - 5), { param: '--t' }));
      expect(e.code).toBe('file_malformed');
      expect(e.message).toBe(
        'readNpy: --t must be 48 bytes of data (shape (3, 2) of 8-byte <f8); got 43 bytes (the file is truncated).',
      );
      const inHeader = thrown(() => readNpy(full.subarray(0, 60)));
      expect(inHeader.code).toBe('file_malformed');
      expect(inHeader.message).toMatch(/a header of 118 bytes, as its length field says; got a file of 60 bytes/);
    });

    it('readNpy(bytes) rejects bad magic, a short file and a zip (.npz) archive', () => {
      const e = thrown(() => readNpy(Buffer.from('x0,x1\n1,2\n3,4\n'), { param: '--x' }));
      expect(e.code).toBe('file_malformed');
      expect(e.message).toMatch(/--x must be a \.npy file .*; got a file starting with "x0,x1\\x0a1,"\./);
      expect(thrown(() => readNpy(new Uint8Array(3))).message).toMatch(/got 3 bytes/);
      const zip = thrown(() => readNpy(Buffer.from('PK\x03\x04rest of a zip archive', 'latin1')));
      expect(zip.code).toBe('unsupported_format');
      expect(zip.message).toMatch(/\.npz/);
    });

    it('readNpy(bytes) rejects an unknown format version and a garbled header', () => {
      const v9 = Buffer.from(fixture('f8_2d'));
      v9[6] = 9;
      expect(thrown(() => readNpy(v9)).message).toMatch(/version 1\.0, 2\.0 or 3\.0; got version 9\.0/);
      const garbled = Buffer.from(fixture('f8_2d'));
      garbled.write('{"descr" <f8', 10, 'latin1');
      const e = thrown(() => readNpy(garbled));
      expect(e.code).toBe('file_malformed');
      expect(e.message).toMatch(/a \.npy header \(a Python dict literal\)/);
      const noShape = Buffer.from(fixture('f8_2d'));
      noShape.write("{'descr': '<f8', 'fortran_order': False, 'shapf': (3, 2), }", 10, 'latin1');
      expect(thrown(() => readNpy(noShape)).message).toMatch(/keys descr, fortran_order and shape/);
    });

    it('readNpy(bytes) rejects NaN with its row and column, and an empty array', () => {
      const nan = thrown(() => readNpy(fixture('f8_nan'), { param: '--t' }));
      expect(nan.code).toBe('non_finite');
      expect(nan.message).toMatch(/--t must be finite numbers .*got NaN \(at row 1, column 0\)/);
      const empty = thrown(() => readNpy(fixture('f8_empty'), { param: '--t' }));
      expect(empty.code).toBe('empty');
      expect(empty.param).toBe('--t');
    });

    it('readNpy(value) rejects a non-binary argument and unknown options', () => {
      expect(thrown(() => readNpy('abc' as unknown as Uint8Array)).code).toBe('invalid_type');
      expect(thrown(() => readNpy(fixture('f8_2d'), { path: 'x' } as never)).code).toBe('invalid_option');
    });
  });
});
