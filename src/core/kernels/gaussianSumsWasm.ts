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
  'AGFzbQEAAAABPAZgAXwBfGABewF7YAR/f39/AGAKf39/f398fH9/fwBgDn9/f39/f398fH9/f39/AGAJf39/f39/f39/AAILAQNlbnYDZXhwAAADBwYAAQIDBAUFAwEAAQcsBAZtZW1vcnkCAAhyb3dCbG9jawAECXBhaXJCbG9jawAFCG5lYXJlc3Q0AAYKixoG3gECAnwBfyAARAAAAAAAIIbAYwRAIABEhetRuB5Jh8BjBEBEAAAAAAAAAAAPCyAAEAAPCyAARP6CK2VHFXdAokQAAAAAAAA4Q6BEAAAAAAAAOEOhIQEgACABRAAA4P5CLmY/oqEgAUR2PHk17zlqPaKhIQIgAaohAyADQQh1rEL/B3xCNIa/IANB/wFxQQN0KwMAokQAAAAAAADwPyACRAAAAAAAAPA/IAJEAAAAAAAA4D8gAkRVVVVVVVXFPyACRFVVVVVVVaU/IAJEERERERERgT+ioKKgoqCioKKgogvmAgIGewF/IABEhetRuB5Jh8D9FP1JIQEgAEQAAAAAACCGwP0U/UkgAf1P/VMEQCAA/SEAEAH9FCAA/SEBEAH9IgEPCyAARP6CK2VHFXdA/RT98gFEAAAAAAAAOEP9FP3wAUQAAAAAAAA4Q/0U/fEBIQIgACACRAAA4P5CLmY//RT98gH98QEgAkR2PHk17zlqPf0U/fIB/fEBIQMgAv38Af3HASEEIARBCP3MAUL/B/0S/c4BQTT9ywEhBSAE/R0ApyEHIAdB/wFxQQN0KwMA/RQhBiAE/R0BpyEHIAYgB0H/AXFBA3QrAwD9IgEhBiAFIAb98gFEAAAAAAAA8D/9FCADRAAAAAAAAPA//RQgA0QAAAAAAADgP/0UIANEVVVVVVVVxT/9FCADRFVVVVVVVaU//RQgA0QRERERERGBP/0U/fIB/fAB/fIB/fAB/fIB/fAB/fIB/fAB/fIB/fAB/fIBIAH9Twt5AQV/IAMgAUEGdGohCAJAA0AgBEEETw0BIAIgBGohBSAAIAVBAXYgAUEEdGxqIAVBAXFBA3RqIQYgAyAEQQR0aiEHAkADQCAHIAhPDQEgByAGKwMA/RT9CwQAIAZBEGohBiAHQcAAaiEHDAALCyAEQQFqIQQMAAsLC+cFAwZ/FHsCfyAAIAEgAiAJEAMgBZr9FCEeIAb9FCEfIAOt/RIhISAErf0SISIgAUEEdCEkIANBfnEhCiAKrf0SIApBAWqt/R4BISAgACAKQQF2ICRsaiELAkADQCAKIARPDQH9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRL9DAAAAAAAAAAAAAAAAAAAAAAhEyALIQwgCSENIAsgJGohDgJAA0AgDEGAAmogDiAMQYACaiAOSRshDwNAIAz9AAQAIRQgDf0ABAAgFP3xASEVIBAgFSAV/fIB/fABIRAgDf0ABBAgFP3xASEVIBEgFSAV/fIB/fABIREgDf0ABCAgFP3xASEVIBIgFSAV/fIB/fABIRIgDf0ABDAgFP3xASEVIBMgFSAV/fIB/fABIRMgDEEQaiEMIA1BwABqIQ0gDCAPSQ0ACyAMIA5PDQEgECAf/UogESAf/Ur9TiASIB/9SiATIB/9Sv1O/U79wwENAQwACwsgHiAQ/fIBIRAgHiAR/fIBIREgHiAS/fIBIRIgHiAT/fIBIRMgEESF61G4HkmHwP0U/UkgEUSF61G4HkmHwP0U/Un9TiASRIXrUbgeSYfA/RT9SSATRIXrUbgeSYfA/RT9Sf1O/U79wwFFBEAgICAh/dsBICAgIv3YAf1OISMgEBACICP9TiEaIBEQAiAj/U4hGyASEAIgI/1OIRwgExACICP9TiEdIBYgGv3wASEWIBcgG/3wASEXIBggHP3wASEYIBkgHf3wASEZIAcgCkEDdGohJSAlICX9AAQAIBogG/3wASAc/fABIB398AH98AH9CwQACyAKQQJqIQogIEIC/RL9zgEhICALICRqIQsMAAsLIAggFv0hACAW/SEBoDkDACAIIBf9IQAgF/0hAaA5AwggCCAY/SEAIBj9IQGgOQMQIAggGf0hACAZ/SEBoDkDGAvaCQIJfxp7IAAgASAEIAwQAyACIAMgBCANEAMgB5r9FCEqIAia/RQhK0SF61G4HkmHwP0UITAgBa39EiEtIAat/RIhLiABQQR0IRQgA0EEdCEVIAVBfnEhDiAOrf0SIA5BAWqt/R4BISwgACAOQQF2IBRsaiEPIAIgDkEBdiAVbGohEAJAA0AgDiAGTw0B/QwAAAAAAAAAAAAAAAAAAAAAIRf9DAAAAAAAAAAAAAAAAAAAAAAhGP0MAAAAAAAAAAAAAAAAAAAAACEZ/QwAAAAAAAAAAAAAAAAAAAAAIRogDyERIAwhEiAPIBRqIRMCQANAIBEgE08NASAR/QAEACEfIBL9AAQAIB/98QEhICAXICAgIP3yAf3wASEXIBL9AAQQIB/98QEhICAYICAgIP3yAf3wASEYIBL9AAQgIB/98QEhICAZICAgIP3yAf3wASEZIBL9AAQwIB/98QEhICAaICAgIP3yAf3wASEaIBFBEGohESASQcAAaiESDAALC/0MAAAAAAAAAAAAAAAAAAAAACEb/QwAAAAAAAAAAAAAAAAAAAAAIRz9DAAAAAAAAAAAAAAAAAAAAAAhHf0MAAAAAAAAAAAAAAAAAAAAACEeIBAhESANIRIgECAVaiETAkADQCARIBNPDQEgEf0ABAAhHyAS/QAEACAf/fEBISAgGyAgICD98gH98AEhGyAS/QAEECAf/fEBISAgHCAgICD98gH98AEhHCAS/QAEICAf/fEBISAgHSAgICD98gH98AEhHSAS/QAEMCAf/fEBISAgHiAgICD98gH98AEhHiARQRBqIREgEkHAAGohEgwACwsgKiAX/fIBIRcgKiAY/fIBIRggKiAZ/fIBIRkgKiAa/fIBIRogKyAb/fIBIRsgKyAc/fIBIRwgKyAd/fIBIR0gKyAe/fIBIR4gFyAw/UkgGCAw/Un9TiAZIDD9SSAaIDD9Sf1O/U4gGyAw/UkgHCAw/Un9TiAdIDD9SSAeIDD9Sf1O/U79Tv3DAUUEQCAsIC392wEgLCAu/dgB/U4hLyAXEAIgL/1OIRcgGBACIC/9TiEYIBkQAiAv/U4hGSAaEAIgL/1OIRogGxACIC/9TiEbIBwQAiAv/U4hHCAdEAIgL/1OIR0gHhACIC/9TiEeICEgF/3wASEhICIgGP3wASEiICMgGf3wASEjICQgGv3wASEkICUgG/3wASElICYgHP3wASEmICcgHf3wASEnICggHv3wASEoIAkgDkEDdGohFiAWIBb9AAQAIBcgGP3wASAZ/fABIBr98AH98AH9CwQAIAogDkEDdGohFiAWIBb9AAQAIBsgHP3wASAd/fABIB798AH98AH9CwQAICkgFyAb/fIBIBggHP3yAf3wASAZIB398gH98AEgGiAe/fIB/fAB/fABISkLIA5BAmohDiAsQgL9Ev3OASEsIA8gFGohDyAQIBVqIRAMAAsLIAsgIf0hACAh/SEBoDkDACALICL9IQAgIv0hAaA5AwggCyAj/SEAICP9IQGgOQMQIAsgJP0hACAk/SEBoDkDGCALICX9IQAgJf0hAaA5AyAgCyAm/SEAICb9IQGgOQMoIAsgJ/0hACAn/SEBoDkDMCALICj9IQAgKP0hAaA5AzggCyAp/SEAICn9IQGgOQNAC4EFAwd/DXsBfEQAAAAAAADwf/0UIRsgGyEWIBshFyAbIRggGyEZIAFBBHQhD0IA/RJCAf0eASEaIAAhCgJAA0AgCSACTw0B/QwAAAAAAAAAAAAAAAAAAAAAIRD9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRMgCiELIAMhDCAKIA9qIQ0CQANAIAtBgAJqIA0gC0GAAmogDUkbIQ4DQCAL/QAEACEUIAz9AAQAIBT98QEhFSAQIBUgFf3yAf3wASEQIAz9AAQQIBT98QEhFSARIBUgFf3yAf3wASERIAz9AAQgIBT98QEhFSASIBUgFf3yAf3wASESIAz9AAQwIBT98QEhFSATIBUgFf3yAf3wASETIAtBEGohCyAMQcAAaiEMIAsgDkkNAAsgCyANTw0BIBAgFv1MIBEgF/1M/U4gEiAY/UwgEyAZ/Uz9Tv1O/cMBDQEMAAsLIBogAq39Ev3YASEcIBAgGyAcIBogBK39Ev3WAf1P/VIhECARIBsgHCAaIAWt/RL91gH9T/1SIREgEiAbIBwgGiAGrf0S/dYB/U/9UiESIBMgGyAcIBogB639Ev3WAf1P/VIhEyAQIBb99AEhFSAV/SEAIBX9IQGk/RQhFiARIBf99AEhFSAV/SEAIBX9IQGk/RQhFyASIBj99AEhFSAV/SEAIBX9IQGk/RQhGCATIBn99AEhFSAV/SEAIBX9IQGk/RQhGSAJQQJqIQkgGkIC/RL9zgEhGiAKIA9qIQoMAAsLIAggFv0hADkDACAIIBf9IQA5AwggCCAY/SEAOQMQIAggGf0hADkDGAs=';

interface GaussianExports {
  memory: WasmMemory;
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
