/**
 * Write `Samples` as a NumPy `.npy` file (format version 1.0), byte-identical to what `np.save` writes for a
 * C-ordered 2-D float array. Used to save raw activations for offline analysis.
 */
import * as fs from 'fs';
import { describeValue, fail } from '../core/errors';
import { failWrite, isErrnoError } from '../core/fsErrors';
import { SamplesLike, toSamples } from '../core/samples';
import { checkChoice, checkOptionNames } from '../core/validate';
import { NPY_MAGIC } from './readNpy';

export interface WriteNpyOptions {
  /** Element type in the file: `'float64'` (`<f8`, exact) or `'float32'` (`<f4`, half the size, rounded). Defaults to `'float64'`. */
  dtype?: 'float64' | 'float32';
  /** Function named in error messages. Defaults to "writeNpy". */
  fn?: string;
  /** Parameter named in error messages. Defaults to "x". */
  param?: string;
}

/** Defaults of `writeNpy`. */
export const WRITE_NPY_DEFAULTS = { dtype: 'float64' } as const;

const OPTION_NAMES = ['dtype', 'fn', 'param'] as const;
/** NumPy aligns the start of the data to 64 bytes. */
const ALIGN = 64;
/** NumPy leaves room for the first dimension to grow to 21 digits (`GROWTH_AXIS_MAX_DIGITS`). */
const GROWTH_DIGITS = 21;

/**
 * Encode a matrix as the bytes of a `.npy` file of shape `(n, d)`, little-endian, C order, format 1.0, with the
 * header padded the way NumPy pads it (the data starts at a multiple of 64 bytes). `np.load` reads it back; so
 * does `readNpy`. Float32 rounds each value to nearest; a value beyond the float32 range is an error.
 *
 * Cost: O(n d); one buffer of 8 n d (or 4 n d) bytes plus the header.
 *
 * @param x The values (any `SamplesLike`; must be finite).
 * @returns A Buffer holding the whole file.
 * @example
 * fs.writeFileSync('t.npy', writeNpy(activations, {dtype: 'float32'}));
 * // python: np.load('t.npy').shape  => (n, d)
 */
export function writeNpy(x: SamplesLike, options: WriteNpyOptions = {}): Buffer {
  const { dtype = WRITE_NPY_DEFAULTS.dtype, fn = 'writeNpy', param = 'x' } = options;
  checkOptionNames(fn, options, OPTION_NAMES);
  checkChoice(fn, 'dtype', dtype, ['float64', 'float32'] as const);
  const s = toSamples(x, { fn, param });
  const size = dtype === 'float64' ? 8 : 4;
  const header = npyHeader(dtype === 'float64' ? '<f8' : '<f4', s.n, s.d);
  const out = Buffer.alloc(header.length + s.data.length * size);
  out.write(header, 0, 'latin1');
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let at = header.length;
  if (size === 8) {
    for (let i = 0; i < s.data.length; i++, at += 8) dv.setFloat64(at, s.data[i], true);
  } else {
    for (let i = 0; i < s.data.length; i++, at += 4) {
      const v = s.data[i];
      const f = Math.fround(v);
      if (f - f !== 0) {
        fail('out_of_range', {
          fn,
          param,
          expected: 'values within the float32 range (|v| <= 3.4028234663852886e38) for dtype "float32"',
          received: describeValue(v),
          detail: `at row ${Math.floor(i / s.d)}, column ${i % s.d}; use dtype "float64"`,
        });
      }
      dv.setFloat32(at, f, true);
    }
  }
  return out;
}

/**
 * Write `x` to `path` as a `.npy` file (see `writeNpy`). A path that cannot be written is a `file_unreadable`
 * error naming it.
 *
 * @example
 * writeNpyFile('runs/epoch10_layer2.npy', t); // np.load('runs/epoch10_layer2.npy')
 */
export function writeNpyFile(path: string, x: SamplesLike, options: WriteNpyOptions = {}): void {
  const { fn = 'writeNpyFile' } = options;
  const bytes = writeNpy(x, { ...options, fn });
  try {
    fs.writeFileSync(path, bytes);
  } catch (e) {
    if (isErrnoError(e)) failWrite(fn, 'path', path, e);
    fail('file_unwritable', { fn, param: 'path', expected: 'a writable file path', received: describeValue(path), detail: (e as Error).message });
  }
}

/** The magic, version, length field and padded header dict, as one latin-1 string. */
function npyHeader(descr: string, n: number, d: number): string {
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  dict += ' '.repeat(Math.max(0, GROWTH_DIGITS - String(n).length));
  const prefix = NPY_MAGIC.length + 2 + 2; // magic, version, u16 length
  const pad = ALIGN - ((prefix + dict.length + 1) % ALIGN);
  const body = `${dict}${' '.repeat(pad)}\n`;
  const magic = String.fromCharCode(...NPY_MAGIC);
  return `${magic}\x01\x00${String.fromCharCode(body.length & 0xff, body.length >> 8)}${body}`;
}
