/**
 * The WebAssembly of the d x d scatter matrix Z'Z (`scatterLower` in gramLogDet.ts), behind the effective rank and
 * the coding rate: SIMD (f64x2) kernels for the column sums, the centring and the 4 x 4 blocks of the scatter
 * matrix, about 3x faster than the TypeScript kernel at n = 4096, d = 12. The two lanes of a vector are two
 * columns of one row, so every entry is summed over the rows in the TypeScript kernel's order and the results are
 * bit for bit its own (tested). Assembled from `scatterKernels.wat` (beside this file) by wabt; a test
 * re-assembles the source and checks that it matches the bytes below. Null when this runtime has no WebAssembly
 * SIMD or the memory cannot grow: the caller then uses the TypeScript kernel.
 * Kernel: trusts its inputs.
 */
import { growMemory, instantiateWasm, WasmMemory } from '../wasm';

/** scatterKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const SCATTER_WASM_BASE64 =
  'AGFzbQEAAAABKgVgBH9/f38AYAJ/fwBgBX9/f39/AGAIf39/f39/f38AYAd/f39/f39/AAMIBwAAAQACAwQFAwEAAQc9BgZtZW1vcnkCAAdjb2xTdW1zAAAGY2VudGVyAAEHYWxsUm93cwACCWdyb3VwUm93cwADB3NjYXR0ZXIABAqjDAeAAgIEfwR7IAJBA3QhBEEAIQUCQANAIAUgAk4NAf0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACELIAAgBUEDdGohB0EAIQYCQANAIAYgAU4NASAIIAf9AAQA/fABIQggCSAH/QAEEP3wASEJIAogB/0ABCD98AEhCiALIAf9AAQw/fABIQsgByAEaiEHIAZBAWohBgwACwsgAyAFQQN0aiEHIAcgCP0LBAAgByAJ/QsEECAHIAr9CwQgIAcgC/0LBDAgBUEIaiEFDAALCwvAAQIEfwR7IAJBA3QhBEEAIQUCQANAIAUgAk4NASADIAVBA3RqIQcgB/0ABAAhCCAH/QAEECEJIAf9AAQgIQogB/0ABDAhCyAAIAVBA3RqIQdBACEGAkADQCAGIAFODQEgByAH/QAEACAI/fEB/QsEACAHIAf9AAQQIAn98QH9CwQQIAcgB/0ABCAgCv3xAf0LBCAgByAH/QAEMCAL/fEB/QsEMCAHIARqIQcgBkEBaiEGDAALCyAFQQhqIQUMAAsLCysBAX9BACECAkADQCACIAFODQEgACACQQJ0aiACNgIAIAJBAWohAgwACwsLTwEDf0EAIQQCQANAIAQgAU4NASACIAAgBEECdGooAgBBAnRqIQUgBSgCACEGIAMgBkECdGogBDYCACAFIAZBAWo2AgAgBEEBaiEEDAALCwuPAQEEfyABQQN0IQUgAUEDakF8cUEDdCEGQQAhBwJAA0AgByABTg0BQQAhCAJAA0AgCCAHTg0BIAAgBSACIAMgB0EDdCAIQQN0IAQgByAGbCAIQQN0amogBhAFIAhBBGohCAwACwsgACAFIAIgAyAHQQN0IAQgByAGbCAHQQN0amogBhAGIAdBBGohBwwACwsL1gMCBH8Le/0MAAAAAAAAAAAAAAAAAAAAACEP/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEV/QwAAAAAAAAAAAAAAAAAAAAAIRZBACEIAkADQCAIIANODQEgACACIAhBAnRqKAIAIAFsaiEJIAkgBGohCiAJIAVqIQsgC/0ABAAhDCAL/QAEECENIAr9CgMAIQ4gDyAOIAz98gH98AEhDyAQIA4gDf3yAf3wASEQIAr9CgMIIQ4gESAOIAz98gH98AEhESASIA4gDf3yAf3wASESIAr9CgMQIQ4gEyAOIAz98gH98AEhEyAUIA4gDf3yAf3wASEUIAr9CgMYIQ4gFSAOIAz98gH98AEhFSAWIA4gDf3yAf3wASEWIAhBAWohCAwACwsgBiAP/QsEACAGIBD9CwQQIAYgB2ohBiAGIBH9CwQAIAYgEv0LBBAgBiAHaiEGIAYgE/0LBAAgBiAU/QsEECAGIAdqIQYgBiAV/QsEACAGIBb9CwQQC/cCAgJ/CXv9DAAAAAAAAAAAAAAAAAAAAAAhDP0MAAAAAAAAAAAAAAAAAAAAACEN/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhD/0MAAAAAAAAAAAAAAAAAAAAACEQ/QwAAAAAAAAAAAAAAAAAAAAAIRFBACEHAkADQCAHIANODQEgACAEaiACIAdBAnRqKAIAIAFsaiEIIAj9AAQAIQkgCP0ABBAhCiAI/QoDACELIAwgCyAJ/fIB/fABIQwgCP0KAwghCyANIAsgCf3yAf3wASENIAj9CgMQIQsgDiALIAn98gH98AEhDiAPIAsgCv3yAf3wASEPIAj9CgMYIQsgECALIAn98gH98AEhECARIAsgCv3yAf3wASERIAdBAWohBwwACwsgBSAM/QsEACAFIAZqIQUgBSAN/QsEACAFIAZqIQUgBSAO/QsEACAFIA/9CwQQIAUgBmohBSAFIBD9CwQAIAUgEf0LBBAL';

interface ScatterExports {
  memory: WasmMemory;
  colSums(data: number, n: number, d: number, out: number): void;
  center(data: number, n: number, d: number, mean: number): void;
  allRows(rows: number, n: number): void;
  groupRows(ids: number, n: number, next: number, rows: number): void;
  scatter(data: number, d: number, rows: number, count: number, g: number): void;
}

const MAX_BYTES = 2 ** 31;
/** A memory larger than this is let go after the call (a WebAssembly memory cannot shrink). */
const KEEP_BYTES = 64 * 2 ** 20;
/** Zero bytes after the last row: the kernels read up to 7 doubles past the end of a row. */
const SLACK_BYTES = 64;

let cached: ScatterExports | null | undefined;

/** The data copied into the instance's memory (centred when asked), and where the row lists and the result go. */
interface Prepared {
  wasm: ScatterExports;
  heap: Float64Array;
  mean: Float64Array | undefined;
  /** Byte offsets: the D x D scratch result, the data, the free space after them (16-byte aligned). */
  gAt: number;
  dataAt: number;
  freeAt: number;
}

/**
 * Copy the n x d matrix into the memory (followed by its zero slack) with `extraBytes` free after it; centre it
 * there on its column means when `center`. Null when WebAssembly or the memory is unavailable.
 */
function prepare(data: Float64Array, n: number, d: number, center: boolean, extraBytes: number): Prepared | null {
  if (cached === undefined) cached = instantiateWasm<ScatterExports>(SCATTER_WASM_BASE64);
  const wasm = cached;
  if (!wasm) return null;
  const dPad = (d + 3) & ~3; // the scratch matrix's order (whole 4 x 4 blocks)
  const sumsLength = (d + 7) & ~7; // the column sums come in groups of 8
  const gAt = 0;
  const sumsAt = gAt + 8 * dPad * dPad;
  const dataAt = sumsAt + 8 * sumsLength;
  const freeAt = (dataAt + 8 * n * d + SLACK_BYTES + 15) & ~15;
  const bytes = freeAt + extraBytes;
  if (bytes > MAX_BYTES || !growMemory(wasm.memory, bytes)) return null;
  const heap = new Float64Array(wasm.memory.buffer);
  heap.set(n * d === data.length ? data : data.subarray(0, n * d), dataAt / 8);
  heap.fill(0, (dataAt + 8 * n * d) / 8, freeAt / 8);
  let mean: Float64Array | undefined;
  if (center) {
    wasm.colSums(dataAt, n, d, sumsAt);
    mean = new Float64Array(d);
    for (let c = 0; c < d; c++) mean[c] = heap[sumsAt / 8 + c] / n;
    heap.set(mean, sumsAt / 8);
    heap.fill(0, sumsAt / 8 + d, sumsAt / 8 + sumsLength); // the kernel's lanes past column d subtract +0
    wasm.center(dataAt, n, d, sumsAt);
  }
  return { wasm, heap, mean, gAt, dataAt, freeAt };
}

/** The scatter matrix of the `count` rows listed at byte offset `rowsAt` into g (d x d, lower triangle). */
function scatterInto(w: Prepared, d: number, rowsAt: number, count: number, g: Float64Array): void {
  w.wasm.scatter(w.dataAt, d, rowsAt, count, w.gAt);
  const dPad = (d + 3) & ~3;
  const heap = w.heap;
  const at = w.gAt / 8;
  for (let p = 0; p < d; p++) for (let q = 0; q <= p; q++) g[p * d + q] = heap[at + p * dPad + q];
}

function done(w: Prepared): { mean: Float64Array | undefined } {
  if (w.wasm.memory.buffer.byteLength > KEEP_BYTES) cached = undefined;
  return { mean: w.mean };
}

/**
 * The lower triangles of the scatter matrices sum_{i in set} (z_i - mean)(z_i - mean)' of row sets of the
 * row-major n x d matrix `data` into `gs` (one d x d matrix per set, entry (p, q), q <= p, at p d + q; the
 * upper triangle is left as it was). A set is a list of row indices, in the order summed, or undefined for all
 * n rows. With `center` the mean is the column means of all n rows (each column summed over the rows in order,
 * then divided by n), returned; otherwise zero (and undefined is returned). The numbers are those of
 * `columnMeans` and `scatterLower` (gramLogDet.ts) bit for bit; the data are copied once for all the sets.
 * Null when WebAssembly is unavailable here.
 */
export function wasmScatterSets(
  data: Float64Array,
  n: number,
  d: number,
  center: boolean,
  sets: readonly (ArrayLike<number> | undefined)[],
  gs: readonly Float64Array[],
): { mean: Float64Array | undefined } | null {
  let maxCount = 0;
  for (const set of sets) maxCount = Math.max(maxCount, set ? set.length : n);
  const w = prepare(data, n, d, center, 4 * maxCount);
  if (!w) return null;
  const rows = new Int32Array(w.wasm.memory.buffer, w.freeAt, maxCount);
  let identity = false; // rows holds 0..n-1
  for (let k = 0; k < sets.length; k++) {
    const set = sets[k];
    if (set) {
      rows.set(set);
      identity = false;
    } else if (!identity) {
      w.wasm.allRows(w.freeAt, n); // in WebAssembly: no JavaScript loop over the rows to warm up
      identity = true;
    }
    scatterInto(w, d, w.freeAt, set ? set.length : n, gs[k]);
  }
  return done(w);
}

/**
 * `wasmScatterSets` (uncentred) for the classes of n rows: gs[c] gets the scatter matrix of the rows i with
 * ids[i] = c, in increasing order (`counts[c]` of them; ids in 0..gs.length - 1). The grouping runs in
 * WebAssembly too. Null when WebAssembly is unavailable here.
 */
export function wasmScatterGroups(data: Float64Array, n: number, d: number, ids: Int32Array, counts: ArrayLike<number>, gs: readonly Float64Array[]): { mean: undefined } | null {
  const classes = gs.length;
  const w = prepare(data, n, d, false, 4 * (2 * n + classes));
  if (!w) return null;
  const idsAt = w.freeAt;
  const nextAt = idsAt + 4 * n;
  const rowsAt = nextAt + 4 * classes;
  const ints = new Int32Array(w.wasm.memory.buffer);
  ints.set(n === ids.length ? ids : ids.subarray(0, n), idsAt / 4);
  let start = 0;
  for (let c = 0; c < classes; c++) {
    ints[nextAt / 4 + c] = start;
    start += counts[c];
  }
  w.wasm.groupRows(idsAt, n, nextAt, rowsAt);
  start = 0;
  for (let c = 0; c < classes; c++) {
    scatterInto(w, d, rowsAt + 4 * start, counts[c], gs[c]);
    start += counts[c];
  }
  done(w);
  return { mean: undefined };
}
