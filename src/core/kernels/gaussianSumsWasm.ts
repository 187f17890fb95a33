/**
 * WebAssembly SIMD (f64x2) engines for the fused Gaussian row sums (`gaussianRowSums`) and paired sums
 * (`pairedGaussianSums`), and the nearest-neighbour distances of chosen rows (`nearestSquaredDistances`): the 4-row blocks against a range of rows run in `gaussianSumsKernels.wat` (beside this
 * file), two rows j per vector, with the operation sequence of the TypeScript kernels, so the results are bit for
 * bit theirs (tested). The orchestration (units, parts, diagonal blocks, leftover rows) stays the TypeScript one,
 * on arrays that live in the instance's memory. Assembled by wabt; a test re-assembles the source and checks
 * that it matches the bytes below. Each engine is a fresh instance holding one data set; null when this runtime
 * has no WebAssembly SIMD, the data have no columns or the memory cannot grow (callers then use TypeScript).
 * Kernels: trust their inputs.
 */
import { Samples } from '../samples';
import { growMemory, instantiateWasm, WasmMemory } from '../wasm';
import { FRACTION } from './expNeg';
import { accumulateRowSums, RowSumsEngine, ZERO_BEYOND } from './gaussianRowSums';
import { accumulatePairedSums, PairedSumsEngine } from './pairedGaussianSums';

/** gaussianSumsKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const GAUSSIAN_SUMS_WASM_BASE64 =
  'AGFzbQEAAAABRwdgAXwBfGABewF7YAR/f39/AGAKf39/f398fH9/fwBgCH9/f398f39/AGAOf39/f39/f3x8f39/f38AYAl/f39/f39/f38AAgsBA2VudgNleHAAAAMIBwABAgMEBQYFAwEAAQc5BQZtZW1vcnkCAAhyb3dCbG9jawAECmtlcm5lbFJvd3MABQlwYWlyQmxvY2sABghuZWFyZXN0NAAHCowdB94BAgJ8AX8gAEQAAAAAACCGwGMEQCAARIXrUbgeSYfAYwRARAAAAAAAAAAADwsgABAADwsgAET+gitlRxV3QKJEAAAAAAAAOEOgRAAAAAAAADhDoSEBIAAgAUQAAOD+Qi5mP6KhIAFEdjx5Ne85aj2ioSECIAGqIQMgA0EIdaxC/wd8QjSGvyADQf8BcUEDdCsDAKJEAAAAAAAA8D8gAkQAAAAAAADwPyACRAAAAAAAAOA/IAJEVVVVVVVVxT8gAkRVVVVVVVWlPyACRBEREREREYE/oqCioKKgoqCioKIL5gICBnsBfyAARIXrUbgeSYfA/RT9SSEBIABEAAAAAAAghsD9FP1JIAH9T/1TBEAgAP0hABAB/RQgAP0hARAB/SIBDwsgAET+gitlRxV3QP0U/fIBRAAAAAAAADhD/RT98AFEAAAAAAAAOEP9FP3xASECIAAgAkQAAOD+Qi5mP/0U/fIB/fEBIAJEdjx5Ne85aj39FP3yAf3xASEDIAL9/AH9xwEhBCAEQQj9zAFC/wf9Ev3OAUE0/csBIQUgBP0dAKchByAHQf8BcUEDdCsDAP0UIQYgBP0dAachByAGIAdB/wFxQQN0KwMA/SIBIQYgBSAG/fIBRAAAAAAAAPA//RQgA0QAAAAAAADwP/0UIANEAAAAAAAA4D/9FCADRFVVVVVVVcU//RQgA0RVVVVVVVWlP/0UIANEERERERERgT/9FP3yAf3wAf3yAf3wAf3yAf3wAf3yAf3wAf3yAf3wAf3yASAB/U8LeQEFfyADIAFBBnRqIQgCQANAIARBBE8NASACIARqIQUgACAFQQF2IAFBBHRsaiAFQQFxQQN0aiEGIAMgBEEEdGohBwJAA0AgByAITw0BIAcgBisDAP0U/QsEACAGQRBqIQYgB0HAAGohBwwACwsgBEEBaiEEDAALCwvnBQMGfxR7An8gACABIAIgCRADIAWa/RQhHiAG/RQhHyADrf0SISEgBK39EiEiIAFBBHQhJCADQX5xIQogCq39EiAKQQFqrf0eASEgIAAgCkEBdiAkbGohCwJAA0AgCiAETw0B/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRMgCyEMIAkhDSALICRqIQ4CQANAIAxBgAJqIA4gDEGAAmogDkkbIQ8DQCAM/QAEACEUIA39AAQAIBT98QEhFSAQIBUgFf3yAf3wASEQIA39AAQQIBT98QEhFSARIBUgFf3yAf3wASERIA39AAQgIBT98QEhFSASIBUgFf3yAf3wASESIA39AAQwIBT98QEhFSATIBUgFf3yAf3wASETIAxBEGohDCANQcAAaiENIAwgD0kNAAsgDCAOTw0BIBAgH/1KIBEgH/1K/U4gEiAf/UogEyAf/Ur9Tv1O/cMBDQEMAAsLIB4gEP3yASEQIB4gEf3yASERIB4gEv3yASESIB4gE/3yASETIBBEhetRuB5Jh8D9FP1JIBFEhetRuB5Jh8D9FP1J/U4gEkSF61G4HkmHwP0U/UkgE0SF61G4HkmHwP0U/Un9Tv1O/cMBRQRAICAgIf3bASAgICL92AH9TiEjIBAQAiAj/U4hGiAREAIgI/1OIRsgEhACICP9TiEcIBMQAiAj/U4hHSAWIBr98AEhFiAXIBv98AEhFyAYIBz98AEhGCAZIB398AEhGSAHIApBA3RqISUgJSAl/QAEACAaIBv98AEgHP3wASAd/fAB/fAB/QsEAAsgCkECaiEKICBCAv0S/c4BISAgCyAkaiELDAALCyAIIBb9IQAgFv0hAaA5AwAgCCAX/SEAIBf9IQGgOQMIIAggGP0hACAY/SEBoDkDECAIIBn9IQAgGf0hAaA5AxgL/wICBn8HeyAAIAEgAiAHEAMgBP0UIRQgAUEEdCEMIAAhCQJAA0AgCCADTw0B/QwAAAAAAAAAAAAAAAAAAAAAIQ79DAAAAAAAAAAAAAAAAAAAAAAhD/0MAAAAAAAAAAAAAAAAAAAAACEQ/QwAAAAAAAAAAAAAAAAAAAAAIREgByEKIAkgDGohCwJAA0AgCSALTw0BIAn9AAQAIRIgCv0ABAAgEv3xASETIA4gEyAT/fIB/fABIQ4gCv0ABBAgEv3xASETIA8gEyAT/fIB/fABIQ8gCv0ABCAgEv3xASETIBAgEyAT/fIB/fABIRAgCv0ABDAgEv3xASETIBEgEyAT/fIB/fABIREgCUEQaiEJIApBwABqIQoMAAsLIAUgCEEDdGohDSANIA4gFP3yARAC/QsEACANIAZqIQ0gDSAPIBT98gEQAv0LBAAgDSAGaiENIA0gECAU/fIBEAL9CwQAIA0gBmohDSANIBEgFP3yARAC/QsEACAIQQJqIQgMAAsLC9oJAgl/GnsgACABIAQgDBADIAIgAyAEIA0QAyAHmv0UISogCJr9FCErRIXrUbgeSYfA/RQhMCAFrf0SIS0gBq39EiEuIAFBBHQhFCADQQR0IRUgBUF+cSEOIA6t/RIgDkEBaq39HgEhLCAAIA5BAXYgFGxqIQ8gAiAOQQF2IBVsaiEQAkADQCAOIAZPDQH9DAAAAAAAAAAAAAAAAAAAAAAhF/0MAAAAAAAAAAAAAAAAAAAAACEY/QwAAAAAAAAAAAAAAAAAAAAAIRn9DAAAAAAAAAAAAAAAAAAAAAAhGiAPIREgDCESIA8gFGohEwJAA0AgESATTw0BIBH9AAQAIR8gEv0ABAAgH/3xASEgIBcgICAg/fIB/fABIRcgEv0ABBAgH/3xASEgIBggICAg/fIB/fABIRggEv0ABCAgH/3xASEgIBkgICAg/fIB/fABIRkgEv0ABDAgH/3xASEgIBogICAg/fIB/fABIRogEUEQaiERIBJBwABqIRIMAAsL/QwAAAAAAAAAAAAAAAAAAAAAIRv9DAAAAAAAAAAAAAAAAAAAAAAhHP0MAAAAAAAAAAAAAAAAAAAAACEd/QwAAAAAAAAAAAAAAAAAAAAAIR4gECERIA0hEiAQIBVqIRMCQANAIBEgE08NASAR/QAEACEfIBL9AAQAIB/98QEhICAbICAgIP3yAf3wASEbIBL9AAQQIB/98QEhICAcICAgIP3yAf3wASEcIBL9AAQgIB/98QEhICAdICAgIP3yAf3wASEdIBL9AAQwIB/98QEhICAeICAgIP3yAf3wASEeIBFBEGohESASQcAAaiESDAALCyAqIBf98gEhFyAqIBj98gEhGCAqIBn98gEhGSAqIBr98gEhGiArIBv98gEhGyArIBz98gEhHCArIB398gEhHSArIB798gEhHiAXIDD9SSAYIDD9Sf1OIBkgMP1JIBogMP1J/U79TiAbIDD9SSAcIDD9Sf1OIB0gMP1JIB4gMP1J/U79Tv1O/cMBRQRAICwgLf3bASAsIC792AH9TiEvIBcQAiAv/U4hFyAYEAIgL/1OIRggGRACIC/9TiEZIBoQAiAv/U4hGiAbEAIgL/1OIRsgHBACIC/9TiEcIB0QAiAv/U4hHSAeEAIgL/1OIR4gISAX/fABISEgIiAY/fABISIgIyAZ/fABISMgJCAa/fABISQgJSAb/fABISUgJiAc/fABISYgJyAd/fABIScgKCAe/fABISggCSAOQQN0aiEWIBYgFv0ABAAgFyAY/fABIBn98AEgGv3wAf3wAf0LBAAgCiAOQQN0aiEWIBYgFv0ABAAgGyAc/fABIB398AEgHv3wAf3wAf0LBAAgKSAXIBv98gEgGCAc/fIB/fABIBkgHf3yAf3wASAaIB798gH98AH98AEhKQsgDkECaiEOICxCAv0S/c4BISwgDyAUaiEPIBAgFWohEAwACwsgCyAh/SEAICH9IQGgOQMAIAsgIv0hACAi/SEBoDkDCCALICP9IQAgI/0hAaA5AxAgCyAk/SEAICT9IQGgOQMYIAsgJf0hACAl/SEBoDkDICALICb9IQAgJv0hAaA5AyggCyAn/SEAICf9IQGgOQMwIAsgKP0hACAo/SEBoDkDOCALICn9IQAgKf0hAaA5A0ALgQUDB38NewF8RAAAAAAAAPB//RQhGyAbIRYgGyEXIBshGCAbIRkgAUEEdCEPQgD9EkIB/R4BIRogACEKAkADQCAJIAJPDQH9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRL9DAAAAAAAAAAAAAAAAAAAAAAhEyAKIQsgAyEMIAogD2ohDQJAA0AgC0GAAmogDSALQYACaiANSRshDgNAIAv9AAQAIRQgDP0ABAAgFP3xASEVIBAgFSAV/fIB/fABIRAgDP0ABBAgFP3xASEVIBEgFSAV/fIB/fABIREgDP0ABCAgFP3xASEVIBIgFSAV/fIB/fABIRIgDP0ABDAgFP3xASEVIBMgFSAV/fIB/fABIRMgC0EQaiELIAxBwABqIQwgCyAOSQ0ACyALIA1PDQEgECAW/UwgESAX/Uz9TiASIBj9TCATIBn9TP1O/U79wwENAQwACwsgGiACrf0S/dgBIRwgECAbIBwgGiAErf0S/dYB/U/9UiEQIBEgGyAcIBogBa39Ev3WAf1P/VIhESASIBsgHCAaIAat/RL91gH9T/1SIRIgEyAbIBwgGiAHrf0S/dYB/U/9UiETIBAgFv30ASEVIBX9IQAgFf0hAaT9FCEWIBEgF/30ASEVIBX9IQAgFf0hAaT9FCEXIBIgGP30ASEVIBX9IQAgFf0hAaT9FCEYIBMgGf30ASEVIBX9IQAgFf0hAaT9FCEZIAlBAmohCSAaQgL9Ev3OASEaIAogD2ohCgwACwsgCCAW/SEAOQMAIAggF/0hADkDCCAIIBj9IQA5AxAgCCAZ/SEAOQMYCw==';

interface GaussianExports {
  memory: WasmMemory;
  kernelRows(x: number, d: number, i: number, j1: number, factor: number, out: number, stride: number, sp: number): void;
  nearest4(x: number, d: number, n: number, sp: number, r0: number, r1: number, r2: number, r3: number, out: number): void;
  rowBlock(x: number, d: number, i: number, j0: number, j1: number, scale: number, limit: number, target: number, acc: number, sp: number): void;
  pairBlock(
    xa: number,
    da: number,
    xb: number,
    db: number,
    i: number,
    j0: number,
    j1: number,
    scaleA: number,
    scaleB: number,
    ta: number,
    tb: number,
    acc: number,
    spa: number,
    spb: number,
  ): void;
}

const MAX_BYTES = 2 ** 31;
/** Byte offset of the first free byte after the FRACTION table (the kernels read it at 0). */
const TABLE_END = 8 * 256;

/** A bump allocator of 16-byte aligned regions (sizes in doubles), from TABLE_END. */
function layout(): (doubles: number) => number {
  let next = TABLE_END;
  return (doubles) => {
    const at = next;
    next += Math.ceil((8 * doubles) / 16) * 16;
    return at;
  };
}

/** A fresh instance with at least `bytes` bytes of memory and the FRACTION table in place; null if impossible. */
function instance(bytes: number): { ex: GaussianExports; heap: Float64Array } | null {
  if (bytes > MAX_BYTES) return null;
  const ex = instantiateWasm<GaussianExports>(GAUSSIAN_SUMS_WASM_BASE64, { env: { exp: Math.exp } });
  if (!ex) return null;
  if (!growMemory(ex.memory, bytes)) return null;
  const heap = new Float64Array(ex.memory.buffer);
  heap.set(FRACTION, 0);
  return { ex, heap };
}

/** Rows of data (n x d, row-major) in the kernel's blocks of two interleaved rows, at byte offset `at`. */
function storeBlocked(heap: Float64Array, at: number, data: Float64Array, n: number, d: number): void {
  const base = at / 8;
  for (let r = 0; r < n; r++) {
    const to = base + 2 * d * (r >> 1) + (r & 1);
    const from = r * d;
    for (let k = 0; k < d; k++) heap[to + 2 * k] = data[from + k];
  }
}

/** The WebAssembly engine of `gaussianRowSums` for one data set (n x d), or null when unavailable. */
export function wasmRowSumsEngine(data: Float64Array, n: number, d: number, grouped: boolean): RowSumsEngine | null {
  if (d === 0 || n === 0) return null;
  const rows = n + (n & 1);
  const alloc = layout();
  const x = alloc(rows * d);
  const sp = alloc(8 * d);
  const withinAt = alloc(rows + 2);
  const crossAt = alloc(rows + 2);
  const accAt = alloc(4);
  const bytes = alloc(0);
  const made = instance(bytes);
  if (!made) return null;
  const { ex, heap } = made;
  storeBlocked(heap, x, data, n, d);
  // the arrays of a part live in the instance's memory; the padding entry n is written (0 added) but unused
  const within = heap.subarray(withinAt / 8, withinAt / 8 + n);
  const cross = grouped ? heap.subarray(crossAt / 8, crossAt / 8 + n) : within;
  const acc = accAt / 8;
  return (scale, groupEnd, part, parts, progress) => {
    heap.fill(0, withinAt / 8, withinAt / 8 + rows + 2);
    heap.fill(0, crossAt / 8, crossAt / 8 + rows + 2);
    const limit = ZERO_BEYOND / scale;
    const block = (i: number, j0: number, j1: number, target: Float64Array, out: Float64Array): void => {
      ex.rowBlock(x, d, i, j0, j1, scale, limit, target === within ? withinAt : crossAt, accAt, sp);
      out[0] = heap[acc];
      out[1] = heap[acc + 1];
      out[2] = heap[acc + 2];
      out[3] = heap[acc + 3];
    };
    accumulateRowSums(data, n, d, scale, groupEnd, part, parts, within, cross, progress, block);
    return { within, cross };
  };
}

/** The WebAssembly engine of `pairedGaussianSums` for one pair of data sets, or null when unavailable. */
export function wasmPairedSumsEngine(xa: Float64Array, da: number, xb: Float64Array, db: number, n: number, grouped: boolean): PairedSumsEngine | null {
  if (da === 0 || db === 0 || n === 0) return null;
  const rows = n + (n & 1);
  const alloc = layout();
  const a = alloc(rows * da);
  const b = alloc(rows * db);
  const spa = alloc(8 * da);
  const spb = alloc(8 * db);
  const rowAAt = alloc(rows + 2);
  const withinAt = alloc(rows + 2);
  const crossAt = alloc(rows + 2);
  const accAt = alloc(9);
  const bytes = alloc(0);
  const made = instance(bytes);
  if (!made) return null;
  const { ex, heap } = made;
  storeBlocked(heap, a, xa, n, da);
  storeBlocked(heap, b, xb, n, db);
  const rowA = heap.subarray(rowAAt / 8, rowAAt / 8 + n);
  const withinB = heap.subarray(withinAt / 8, withinAt / 8 + n);
  const crossB = grouped ? heap.subarray(crossAt / 8, crossAt / 8 + n) : withinB;
  const acc = accAt / 8;
  return (scaleA, scaleB, groupEnd, part, parts, progress) => {
    heap.fill(0, rowAAt / 8, crossAt / 8 + rows + 2);
    const block = (i: number, j0: number, j1: number, targetB: Float64Array): number => {
      ex.pairBlock(a, da, b, db, i, j0, j1, scaleA, scaleB, rowAAt, targetB === withinB ? withinAt : crossAt, accAt, spa, spb);
      for (let r = 0; r < 4; r++) {
        rowA[i + r] += heap[acc + r];
        targetB[i + r] += heap[acc + 4 + r];
      }
      return heap[acc + 8];
    };
    const product = accumulatePairedSums(xa, da, xb, db, n, scaleA, scaleB, groupEnd, part, parts, rowA, withinB, crossB, progress, block);
    return { rowA, withinB, crossB, product };
  };
}

/**
 * For each row index in `rows`, the smallest squared distance from that row of t to any other (Infinity when t
 * has one row), computed in WebAssembly four rows at a time; null when unavailable. Bit for bit the minimum of
 * the distances summed over the columns in order (`nearestSquaredDistances` is the TypeScript twin).
 */
export function wasmNearestSquaredDistances(t: Samples, rows: ArrayLike<number>): Float64Array | null {
  const { data, n, d } = t;
  if (d === 0 || n === 0) return null;
  const alloc = layout();
  const x = alloc((n + (n & 1)) * d);
  const sp = alloc(8 * d);
  const outAt = alloc(4);
  const made = instance(alloc(0));
  if (!made) return null;
  const { ex, heap } = made;
  storeBlocked(heap, x, data, n, d);
  const result = new Float64Array(rows.length);
  for (let g = 0; g < rows.length; g += 4) {
    // four rows at a time; a short last group repeats its last row (that result is dropped)
    const r = [0, 1, 2, 3].map((k) => rows[Math.min(g + k, rows.length - 1)]);
    for (let k = 0; k < 4; k++) {
      for (let c = 0; c < d; c++) {
        const v = data[r[k] * d + c];
        heap[sp / 8 + 8 * c + 2 * k] = v;
        heap[sp / 8 + 8 * c + 2 * k + 1] = v;
      }
    }
    ex.nearest4(x, d, n, sp, r[0], r[1], r[2], r[3], outAt);
    for (let k = 0; k < 4 && g + k < rows.length; k++) result[g + k] = heap[outAt / 8 + k];
  }
  return result;
}

/** Four rows of a Gaussian Gram matrix at a time (`wasmKernelRows`). */
export interface KernelRowsEngine {
  /**
   * The values exp(factor |s_{i+r} - s_j|^2) of rows i + r, r = 0..3, against rows 0 <= j < j1 (j1 even, at most
   * i + 1; rows past n give values to ignore): row r at `view` offsets r * stride + j. The view is overwritten by
   * the next call.
   */
  rows(i: number, j1: number, factor: number): void;
  view: Float64Array;
  stride: number;
}

/**
 * The WebAssembly engine of the packed Gaussian Gram matrix of one data set (n x d), each value bit for bit the
 * TypeScript `expNeg(squaredDistance(data, i d, j d, d) * factor)`; null when unavailable.
 */
export function wasmKernelRows(data: Float64Array, n: number, d: number): KernelRowsEngine | null {
  if (d === 0 || n === 0) return null;
  const rows = n + ((4 - (n % 4)) % 4); // whole groups of four rows (the padding rows are zeros)
  const stride = rows;
  const alloc = layout();
  const x = alloc(rows * d);
  const sp = alloc(8 * d);
  const out = alloc(4 * stride);
  const made = instance(alloc(0));
  if (!made) return null;
  const { ex, heap } = made;
  storeBlocked(heap, x, data, n, d);
  return {
    rows: (i, j1, factor) => ex.kernelRows(x, d, i, j1, factor, out, 8 * stride, sp),
    view: heap.subarray(out / 8, out / 8 + 4 * stride),
    stride,
  };
}
