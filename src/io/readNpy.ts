/**
 * Read NumPy `.npy` files (format versions 1.0, 2.0 and 3.0) into `Samples`.
 * Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
import { describeValue, fail } from '../core/errors';
import { Samples, toSamples } from '../core/samples';
import { checkOptionNames } from '../core/validate';
import { parsePythonLiteral, PyLiteralError, PyValue } from './pythonLiteral';
import { readFilePrefix, withFile } from './fileErrors';
import { MatrixData, ReadContextOptions } from './types';

/** What `readNpy` returns: the matrix, plus the array's dtype and shape as stored in the file. */
export interface NpyData extends MatrixData {
  /** The NumPy dtype descriptor of the file, e.g. `'<f8'`, `'|u1'`, `'>i4'`. */
  descr: string;
  /** The array's shape in the file: `[n]`, `[n, d]`, or `[n, ...]` when read with `flatten`. */
  shape: number[];
}

export interface ReadNpyOptions extends ReadContextOptions {
  /**
   * Accept arrays of 3 or more dimensions (a convolutional layer's n x h x w x c activations, say) as n rows of
   * the product of the other dimensions, flattened in C order as `a.reshape(len(a), -1)` does. Defaults to false:
   * a matrix file with more than 2 dimensions is usually a mistake worth a clear error.
   */
  flatten?: boolean;
}

/** The .npy magic string: byte 0x93 then "NUMPY". */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

const OPTION_NAMES = ['fn', 'param', 'flatten'] as const;
const TWO_53 = BigInt(2) ** BigInt(53);
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A resolved dtype: kind f (float), i (signed), u (unsigned), b (bool); size in bytes; byte order. */
interface DType {
  kind: 'f' | 'i' | 'u' | 'b';
  size: number;
  little: boolean;
}

/**
 * Parse the bytes of a NumPy `.npy` file into a matrix of float64 values.
 *
 * Accepted: format versions 1.0, 2.0 and 3.0; dtypes float16/32/64 (`<f2 <f4 <f8`), signed and unsigned integers of
 * 1, 2, 4 and 8 bytes (`|i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8`), bool (`|b1`), each little- or big-endian (`>f8`...);
 * C order (`fortran_order: False`); shape `(n,)` (read as n x 1) or `(n, d)`. 64-bit integers must have
 * |value| <= 2^53 so that float64 holds them exactly. All values must be finite.
 *
 * Errors (`InfoplaneError`): bad magic, a truncated file or an unparseable header (`file_malformed`, with expected
 * and actual byte counts for truncation); Fortran order, 0-D or 3-D+ arrays, complex, object, string, structured
 * or datetime dtypes, and 64-bit integers beyond 2^53 (`unsupported_format`, each saying how to convert in NumPy);
 * NaN or Infinity (`non_finite`, with 0-based row and column as NumPy indexes them); no values (`empty`).
 *
 * Cost: O(bytes); one copy of the data into a Float64Array.
 *
 * @param bytes The whole file (`fs.readFileSync(path)`), as a Buffer, Uint8Array or ArrayBuffer. Any byte offset works.
 * @example
 * readNpy(fs.readFileSync('t.npy')); // => {samples: {data, n: 4096, d: 10}, descr: '<f4', shape: [4096, 10]}
 */
export function readNpy(bytes: Uint8Array | ArrayBuffer, options: ReadNpyOptions = {}): NpyData {
  const { fn = 'readNpy', param = 'bytes', flatten = false } = options;
  checkOptionNames(fn, options, OPTION_NAMES);
  let buf: Uint8Array;
  if (bytes instanceof ArrayBuffer) buf = new Uint8Array(bytes);
  else if (bytes instanceof Uint8Array) buf = bytes;
  else fail('invalid_type', { fn, param, expected: 'a Buffer, Uint8Array or ArrayBuffer', received: describeValue(bytes) });
  const { malformed, unsupported }: { malformed: Fail; unsupported: Fail } = failures(fn, param);
  const { descr, dtype, shape, dataStart } = parseHeader(buf, fn, param, flatten);

  // data
  const n = shape[0];
  const d = shape.slice(1).reduce((a, b) => a * b, 1);
  const count = n * d;
  const expectedBytes = count * dtype.size;
  const actualBytes = buf.length - dataStart;
  if (actualBytes < expectedBytes) {
    malformed(
      `${expectedBytes} bytes of data (shape (${shape.join(', ')}) of ${dtype.size}-byte ${descr})`,
      `${actualBytes} bytes`,
      'the file is truncated',
    );
  }
  const data = decode(buf, dataStart, count, dtype, (index, value) =>
    unsupported(
      '64-bit integers of magnitude at most 2^53 (exact in float64)',
      value.toString(),
      `at row ${Math.floor(index / d)}, column ${index % d}; convert with a.astype(np.float64) if rounding is acceptable`,
    ),
  );
  const samples: Samples = toSamples({ data, n, d }, { fn, param });
  return { samples, descr, shape: shape.slice() };
}

/** The dtype and shape of a .npy file, from its header: what `readNpy` would return, without reading the data. */
export interface NpyHeader {
  descr: string;
  shape: number[];
  /** Rows (the first dimension). */
  n: number;
  /** Values per row (the product of the other dimensions; 1 for a 1-D array). */
  d: number;
}

/**
 * Read only the header of a .npy file (its first bytes), with the same checks as `readNpy` on everything but
 * the data: a cheap way to learn a large file's shape before deciding whether and how to read it.
 *
 * Cost: O(header) bytes read, whatever the file's size.
 */
export function readNpyHeader(path: string, options: ReadNpyOptions = {}): NpyHeader {
  const { fn = 'readNpyHeader', param = 'path', flatten = false } = options;
  checkOptionNames(fn, options, OPTION_NAMES);
  // the header length field (2 bytes in version 1, 4 after) says how much more to read
  const first = readFilePrefix(path, 12, fn, param);
  const headerLength = first.length < 12 ? 0 : first[6] === 1 ? first.readUInt16LE(8) : first.readUInt32LE(8);
  const buf = headerLength > 0 ? readFilePrefix(path, 12 + headerLength, fn, param) : first;
  return withFile(path, () => {
    const { descr, shape } = parseHeader(buf, fn, param, flatten);
    return { descr, shape, n: shape[0], d: shape.slice(1).reduce((a, b) => a * b, 1) };
  });
}

type Fail = (expected: string, received: string, detail?: string) => never;

function failures(fn: string, param: string): { malformed: Fail; unsupported: Fail } {
  return {
    malformed: (expected, received, detail) => fail('file_malformed', { fn, param, expected, received, detail }),
    unsupported: (expected, received, detail) => fail('unsupported_format', { fn, param, expected, received, detail }),
  };
}

/** Parse and check the magic, version and header dict; `buf` may end right after the header. */
function parseHeader(buf: Uint8Array, fn: string, param: string, flatten: boolean): { descr: string; dtype: DType; shape: number[]; dataStart: number } {
  const f = failures(fn, param);
  const malformed: Fail = f.malformed;
  const unsupported: Fail = f.unsupported;
  // magic and version
  if (buf.length < 10 || !NPY_MAGIC.every((b, i) => buf[i] === b)) {
    if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 3 && buf[3] === 4) {
      unsupported('a .npy file', 'a zip archive (.npz?)', 'load it with np.load and save each array with np.save');
    }
    malformed('a .npy file (starting with "\\x93NUMPY")', buf.length < 10 ? `${buf.length} bytes` : `a file starting with ${describeStart(buf)}`);
  }
  const major = buf[6];
  const minor = buf[7];
  if (major < 1 || major > 3) unsupported('a .npy file of format version 1.0, 2.0 or 3.0', `version ${major}.${minor}`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (buf.length < 8 + lengthBytes) malformed('a complete .npy header', `${buf.length} bytes`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lengthBytes;
  const dataStart = headerStart + headerLength;
  if (dataStart > buf.length) {
    malformed(`a header of ${headerLength} bytes, as its length field says`, `a file of ${buf.length} bytes`, 'the file is truncated');
  }
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(buf.subarray(headerStart, dataStart));

  // header dict
  let header: PyValue;
  try {
    header = parsePythonLiteral(headerText);
  } catch (e) {
    if (!(e instanceof PyLiteralError)) throw e;
    return malformed('a .npy header (a Python dict literal)', describeValue(headerText.trim()), e.message);
  }
  if (!(header instanceof Map) || !header.has('descr') || !header.has('shape') || !header.has('fortran_order')) {
    malformed('a .npy header with keys descr, fortran_order and shape', describeValue(headerText.trim()));
  }
  const descrValue = header.get('descr');
  const shapeValue = header.get('shape');
  const fortran = header.get('fortran_order');
  if (typeof descrValue !== 'string') {
    unsupported(
      'a .npy of a plain numeric dtype',
      `a structured dtype ${describeValue(headerText.slice(headerText.indexOf('['), headerText.lastIndexOf(']') + 1))}`,
      'save one numeric array, e.g. np.save(path, np.column_stack([a[name] for name in a.dtype.names]).astype(np.float64))',
    );
  }
  const descr = descrValue;
  if (!Array.isArray(shapeValue) || !shapeValue.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 0)) {
    malformed('a .npy header whose shape is a tuple of non-negative integers', describeValue(headerText.trim()));
  }
  const shape = shapeValue as number[];
  if (typeof fortran !== 'boolean') malformed('a .npy header whose fortran_order is True or False', describeValue(headerText.trim()));
  const dtype = parseDescr(descr, unsupported);
  if (shape.length === 0) {
    unsupported('a 1-D or 2-D array', 'a 0-D array (a single scalar)', 'save it with np.save(path, np.reshape(a, (1, 1)))');
  }
  if (shape.length > 2 && !flatten) {
    unsupported(
      'a 1-D or 2-D array',
      `a ${shape.length}-D array of shape (${shape.join(', ')})`,
      'flatten each sample first, e.g. np.save(path, a.reshape(len(a), -1))',
    );
  }
  if (fortran && shape.length >= 2 && shape[0] > 1 && shape.slice(1).some((s) => s > 1)) {
    unsupported('a C-ordered array (fortran_order: False)', 'fortran_order: True', 'save it with np.save(path, np.ascontiguousarray(a))');
  }

  return { descr, dtype, shape, dataStart };
}

/** Resolve a dtype descriptor, or fail with the dtype named and a conversion hint. */
function parseDescr(descr: string, unsupported: (expected: string, received: string, detail?: string) => never): DType {
  const m = /^([<>|=]?)([a-zA-Z])(\d*)(.*)$/.exec(descr);
  const expected = 'a .npy of float, integer or bool dtype (f2, f4, f8, i1-i8, u1-u8, b1)';
  const received = `dtype ${JSON.stringify(descr)}`;
  if (!m) unsupported(expected, received);
  const [, order, kind, sizeText, rest] = m;
  const size = Number(sizeText);
  const little = order !== '>';
  if (rest === '') {
    if (kind === 'f' && (size === 2 || size === 4 || size === 8)) return { kind, size, little };
    if ((kind === 'i' || kind === 'u') && (size === 1 || size === 2 || size === 4 || size === 8)) return { kind, size, little };
    if (kind === 'b' && size === 1) return { kind, size, little };
  }
  const convert = 'convert with a.astype(np.float64) before np.save';
  switch (kind) {
    case 'c':
      return unsupported(expected, `${received} (complex)`, 'save the real part, the modulus or both as columns, e.g. np.column_stack([a.real, a.imag])');
    case 'O':
      return unsupported(expected, `${received} (Python objects)`, convert);
    case 'U':
    case 'S':
    case 'a':
      return unsupported(expected, `${received} (strings)`, 'parse the strings into numbers, e.g. a.astype(np.float64), before np.save');
    case 'V':
      return unsupported(expected, `${received} (void or structured)`, convert);
    case 'M':
    case 'm':
      return unsupported(expected, `${received} (datetime or timedelta)`, 'convert to numbers, e.g. a.astype(np.int64)');
    case 'f':
      return unsupported(expected, `${received} (${size * 8}-bit float)`, convert);
    default:
      return unsupported(expected, received, convert);
  }
}

/** Decode `count` values of `dtype` starting at byte `start` of `buf` into a new Float64Array. */
function decode(buf: Uint8Array, start: number, count: number, dtype: DType, tooLarge: (index: number, value: bigint) => never): Float64Array {
  const { kind, size, little } = dtype;
  const out = new Float64Array(count);
  const byteLength = count * size;
  const nativeOrder = size === 1 || little === HOST_LITTLE_ENDIAN;
  if (nativeOrder && size < 8 && !(kind === 'f' && size === 2)) {
    // typed-array view of the data, copied first if its offset is not a multiple of the element size
    const offset = buf.byteOffset + start;
    let ab = buf.buffer as ArrayBuffer;
    let at = offset;
    if (offset % size !== 0) {
      const copy = new Uint8Array(byteLength);
      copy.set(buf.subarray(start, start + byteLength));
      ab = copy.buffer;
      at = 0;
    }
    const typed = makeView(kind, size, ab, at, count);
    if (kind === 'b') for (let i = 0; i < count; i++) out[i] = typed[i] !== 0 ? 1 : 0;
    else out.set(typed);
    return out;
  }
  if (nativeOrder && kind === 'f' && size === 8) {
    const offset = buf.byteOffset + start;
    if (offset % 8 === 0) {
      out.set(new Float64Array(buf.buffer, offset, count));
    } else {
      new Uint8Array(out.buffer).set(buf.subarray(start, start + byteLength));
    }
    return out;
  }
  const dv = new DataView(buf.buffer, buf.byteOffset + start, byteLength);
  if (kind === 'f') {
    if (size === 8) for (let i = 0; i < count; i++) out[i] = dv.getFloat64(i * 8, little);
    else if (size === 4) for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, little);
    else for (let i = 0; i < count; i++) out[i] = halfToNumber(dv.getUint16(i * 2, little));
    return out;
  }
  if (size === 8) {
    for (let i = 0; i < count; i++) {
      const v = kind === 'i' ? dv.getBigInt64(i * 8, little) : dv.getBigUint64(i * 8, little);
      if (v > TWO_53 || v < -TWO_53) tooLarge(i, v);
      out[i] = Number(v);
    }
    return out;
  }
  // big-endian 2- and 4-byte integers
  if (kind === 'i') {
    if (size === 2) for (let i = 0; i < count; i++) out[i] = dv.getInt16(i * 2, little);
    else for (let i = 0; i < count; i++) out[i] = dv.getInt32(i * 4, little);
  } else {
    if (size === 2) for (let i = 0; i < count; i++) out[i] = dv.getUint16(i * 2, little);
    else for (let i = 0; i < count; i++) out[i] = dv.getUint32(i * 4, little);
  }
  return out;
}

function makeView(kind: DType['kind'], size: number, ab: ArrayBuffer, at: number, count: number): ArrayLike<number> {
  if (kind === 'f') return new Float32Array(ab, at, count);
  if (kind === 'i') return size === 1 ? new Int8Array(ab, at, count) : size === 2 ? new Int16Array(ab, at, count) : new Int32Array(ab, at, count);
  return size === 1 ? new Uint8Array(ab, at, count) : size === 2 ? new Uint16Array(ab, at, count) : new Uint32Array(ab, at, count);
}

/** IEEE 754 binary16 to number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function describeStart(buf: Uint8Array): string {
  const head = Array.from(buf.subarray(0, 8), (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  return `"${head}"`;
}
