/**
 * The pairwise squared distances of binary samples (every value 0 or 1: the 12-bit inputs of the information
 * bottleneck experiments, binarised images), counted exactly: the squared Euclidean distance of two such rows is
 * the number of columns where they differ, an integer from 0 to d, so a table of d + 1 counts holds every order
 * statistic of the n(n-1)/2 distances (`pairSquaredDistanceRanks` reads its ranks there). The rows are packed as
 * bits and each pair costs one exclusive-or and one population count per 32 columns: at n = 4096, d = 12 about
 * 4x faster than the exact f32 pass that integer data otherwise take.
 *
 * WebAssembly (`hammingKernels.wat`, beside this file, assembled by wabt; a test re-assembles the source and checks
 * that it matches the bytes below) where available, else TypeScript; both count the same pairs, so the counts are
 * equal. O(n d / 8) memory.
 * Kernel: trusts its inputs (binary samples: see `isBinary`).
 */
import { Samples } from '../samples';
import { growMemory, instantiateWasm, WasmMemory } from '../wasm';

/** hammingKernels.wat assembled by wabt 1.0.39, base64. */
export const HAMMING_WASM_BASE64 =
  'AGFzbQEAAAABCwFgB39/f39/f38AAwIBAAUGAQEBgIACBxoCBm1lbW9yeQIADWhhbW1pbmdDb3VudHMAAAqyBAGvBAEMfyABQQV0QQFqIQsgC0ECdCEMIAMhBwJAA0AgByAETw0BIAVBACAMQQJ0/AsAIAAgByABbEECdGohDiAHQQFqIQggAUEBRgRAIA4oAgAhDSAAIAhBAnRqIQ8gACACQQJ0aiEQAkADQCAPQRBqIBBLDQEgBSANIA8oAgBzaUECdGohESARIBEoAgBBAWo2AgAgBSAMaiANIA8oAgRzaUECdGohESARIBEoAgBBAWo2AgAgBSAMQQF0aiANIA8oAghzaUECdGohESARIBEoAgBBAWo2AgAgBSAMQQNsaiANIA8oAgxzaUECdGohESARIBEoAgBBAWo2AgAgD0EQaiEPDAALCwJAA0AgDyAQTw0BIAUgDSAPKAIAc2lBAnRqIREgESARKAIAQQFqNgIAIA9BBGohDwwACwsFAkADQCAIIAJPDQEgACAIIAFsQQJ0aiEPQQAhCkEAIQkCQANAIAkgAU8NASAJQQJ0IRIgCiAOIBJqKAIAIA8gEmooAgBzaWohCiAJQQFqIQkMAAsLIAUgDCAIQQNxbGogCkECdGohESARIBEoAgBBAWo2AgAgCEEBaiEIDAALCwtBACEKAkADQCAKIAtPDQEgBSAKQQJ0aiERIBEoAgAgESAMaigCAGogESAMQQF0aigCACARIAxBA2xqKAIAamohEiASBEAgBiAKQQN0aiERIBEgESsDACASuKA5AwALIApBAWohCgwACwsgB0EBaiEHDAALCws=';

interface HammingExports {
  memory: WasmMemory;
  hammingCounts(bits: number, w: number, n: number, i0: number, i1: number, tables: number, counts: number): void;
}

/** A memory larger than this is let go after the call (a WebAssembly memory cannot shrink). */
const KEEP_BYTES = 64 * 2 ** 20;
const MAX_BYTES = 2 ** 31;

let cached: HammingExports | null | undefined;

/** True when every value of `s` is 0 or 1 (then its squared pair distances are Hamming distances). */
export function isBinary(s: Samples): boolean {
  const { data } = s;
  for (let i = 0, end = s.n * s.d; i < end; i++) {
    const v = data[i];
    if (v !== 0 && v !== 1) return false;
  }
  return true;
}

/**
 * counts[h] = the number of pairs i < j of the binary samples `s` whose rows differ in h columns, h = 0..d (so
 * counts[h] pairs have squared distance exactly h). `engine: 'js'` uses the TypeScript kernel.
 *
 * @example
 * hammingDistanceCounts({ data: new Float64Array([0, 0, 1, 1, 1, 0]), n: 3, d: 2 }); // => Float64Array [0, 2, 1]
 */
export function hammingDistanceCounts(s: Samples, options: { engine?: 'auto' | 'js' } = {}): Float64Array {
  const { n, d } = s;
  const w = Math.max(1, Math.ceil(d / 32));
  const bins = 32 * w + 1;
  const bits = packBits(s, w);
  const counts = (options.engine === 'js' ? null : wasmCounts(bits, w, n, bins)) ?? jsCounts(bits, w, n, bins);
  return counts.subarray(0, d + 1); // bins past d (the packing's spare bits) are empty
}

/** The rows as w words of 32 bits each (column c of row r: bit c % 32 of word r w + floor(c / 32)). */
function packBits(s: Samples, w: number): Uint32Array {
  const { data, n, d } = s;
  const bits = new Uint32Array(n * w);
  for (let r = 0; r < n; r++) {
    const base = r * d;
    for (let c = 0; c < d; c++) if (data[base + c] === 1) bits[r * w + (c >>> 5)] |= 1 << (c & 31);
  }
  return bits;
}

function wasmCounts(bits: Uint32Array, w: number, n: number, bins: number): Float64Array | null {
  if (cached === undefined) cached = instantiateWasm<HammingExports>(HAMMING_WASM_BASE64);
  const wasm = cached;
  if (!wasm) return null;
  const countsAt = 0;
  const tablesAt = 8 * bins + ((8 * bins) % 16);
  const bitsAt = tablesAt + 16 * bins;
  const bytes = bitsAt + 4 * bits.length;
  if (bytes > MAX_BYTES || !growMemory(wasm.memory, bytes)) return null;
  new Uint32Array(wasm.memory.buffer, bitsAt, bits.length).set(bits);
  new Float64Array(wasm.memory.buffer, countsAt, bins).fill(0);
  wasm.hammingCounts(bitsAt, w, n, 0, n, tablesAt, countsAt);
  const counts = new Float64Array(wasm.memory.buffer, countsAt, bins).slice();
  if (wasm.memory.buffer.byteLength > KEEP_BYTES) cached = undefined; // let a large memory go
  return counts;
}

/** The same counts in TypeScript. */
function jsCounts(bits: Uint32Array, w: number, n: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  const row = new Uint32Array(bins); // one row's counts (at most n - 1 each)
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let j = i + 1; j < n; j++) {
      let h = 0;
      for (let k = 0; k < w; k++) h += popcount(bits[i * w + k] ^ bits[j * w + k]);
      row[h]++;
    }
    for (let h = 0; h < bins; h++) counts[h] += row[h];
  }
  return counts;
}

/** The number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
