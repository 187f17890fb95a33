/**
 * WebAssembly SIMD (f64x2) passes over the n(n-1)/2 pairwise squared distances of a variable, without storing
 * them: a histogram of their bit patterns, the counts and values around a guessed range, and the collection of
 * those in a value range. They serve the exact
 * order statistics of `pairSquaredDistanceRanks`. Assembled from `pairDistanceKernels.wat` (beside this file)
 * by wabt; a test re-assembles the source and checks that it matches the bytes below, and that the TypeScript
 * passes (`pairDistancePasses.ts`) give the same numbers. Instantiated on first use; null when this runtime
 * has no WebAssembly SIMD or the memory cannot grow (callers then use the TypeScript passes).
 * Kernels: trust their inputs.
 */
import { Samples } from '../samples';
import { growMemory, instantiateWasm, WasmMemory } from '../wasm';
import { PairPasses } from './pairDistancePasses';

/** pairDistanceKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const PAIR_DISTANCE_WASM_BASE64 =
  'AGFzbQEAAAABRwZgCH9/f39/f39/AGANf39/f39/f3x8fn5/fwBgBnx8fH9/fwBgDH9/f39/f398fH9/fwBgAn97AGAKf39/f39/f3x8fwF/AwcGAAECAwQFBQMBAAEHNQQGbWVtb3J5AgANcGFpckhpc3RvZ3JhbQABCnBhaXJXaW5kb3cAAwtwYWlyQ29sbGVjdAAFCsULBpoEBAR/AnsEfwR7IAJBA3QhDiAGIANBBHRqIRAgBCAAQQN0aiEJIAYhDwJAA0AgDyAQTw0BIA8gCSsDAP0U/QsEACAJIA5qIQkgD0EQaiEPDAALCyAFIAdBA3RqIQsgAUEDdCERIAUgEWohCgJAA0AgCkHAAGogC0sNASAEIBFqIQkgBiEP/QwAAAAAAAAAAAAAAAAAAAAAIQ39DAAAAAAAAAAAAAAAAAAAAAAhEv0MAAAAAAAAAAAAAAAAAAAAACET/QwAAAAAAAAAAAAAAAAAAAAAIRQCQANAIA8gEE8NASAP/QAEACEVIAn9AAQAIBX98QEhDCANIAwgDP3yAf3wASENIAn9AAQQIBX98QEhDCASIAwgDP3yAf3wASESIAn9AAQgIBX98QEhDCATIAwgDP3yAf3wASETIAn9AAQwIBX98QEhDCAUIAwgDP3yAf3wASEUIAkgDmohCSAPQRBqIQ8MAAsLIAogDf0LBAAgCiAS/QsEECAKIBP9CwQgIAogFP0LBDAgCkHAAGohCiARQcAAaiERDAALCwJAA0AgCiALTw0BIAQgEWohCSAGIQ/9DAAAAAAAAAAAAAAAAAAAAAAhDQJAA0AgDyAQTw0BIAn9AAQAIA/9AAQA/fEBIQwgDSAMIAz98gH98AEhDSAJIA5qIQkgD0EQaiEPDAALCyAKIA39CwQAIApBEGohCiARQRBqIREMAAsLC+IBBAR/AXwCfwJ8IAwrAwAhFCAMKwMIIRUgBiACQQN0aiEQIAYgA0EDdGohDSAAIQ4CQANAIA4gAU8NASAOIA5BAWpBfnEgAyAEIAUgBiANIAJBAWpBfnEQACAGIA5BAWpBA3RqIQ8CQANAIA8gEE8NASAPKwMAIREgESAHZiARIAhlcQRAIBG9IAmIIAqDpyETIAsgE0EDdGohEiASIBIrAwBEAAAAAAAA8D+gOQMAIBQgEaQhFCAVIBGlIRULIA9BCGohDwwACwsgDkEBaiEODAALCyAMIBQ5AwAgDCAVOQMIC5MBAQF8IAAgAWMEQCADIAMrAwBEAAAAAAAA8D+gOQMADwsgACACZARADwsgACABYQRAIAMgAysDCEQAAAAAAADwP6A5AwgPCyAAIAJhBEAgAyADKwMQRAAAAAAAAPA/oDkDEA8LIAMrAxghBiAGIAW4YwRAIAQgBqtBA3RqIAA5AwALIAMgBkQAAAAAAADwP6A5AxgL6wICBH8IeyAH/RQhEiAI/RQhEyAIRAAAAAAAAPh/IAggB2Qb/RQhFCAGIAJBA3RqIQ8gBiADQQN0aiEMIAAhDQJAA0AgDSABTw0BIA0gDUEBakF+cSADIAQgBSAGIAwgAkEBakF+cRAAIAYgDUEBakEDdGohDiAOIA9JIA1BAWpBAXFxBEAgDisDACAHIAggCyAJIAoQAiAOQQhqIQ4LAkADQCAOQRBqIA9LDQEgDv0ABAAhECARIBAgEv1J/dEBIREgFiAQIBL9R/3RASEWIBcgECAU/Uf90QEhFyAQIBL9SiAQIBP9Sf1OIRUgFf1TBEAgFf0bAARAIBD9IQAgByAIIAsgCSAKEAILIBX9GwIEQCAQ/SEBIAcgCCALIAkgChACCwsgDkEQaiEODAALCyAOIA9JBEAgDisDACAHIAggCyAJIAoQAgsgDUEBaiENDAALCyALIBEQBCALQQhqIBYQBCALQRBqIBcQBAsZACAAIAArAwAgAf0dACAB/R0BfLqgOQMAC6YBAwR/AXwBfyAGIAJBA3RqIQ0gCSEPIAYgA0EDdGohCiAAIQsCQANAIAsgAU8NASALIAtBAWpBfnEgAyAEIAUgBiAKIAJBAWpBfnEQACAGIAtBAWpBA3RqIQwCQANAIAwgDU8NASAMKwMAIQ4gDiAHZiAOIAhlcQRAIA8gDjkDACAPQQhqIQ8LIAxBCGohDAwACwsgC0EBaiELDAALCyAPIAlrQQN2Cw==';

interface PairExports {
  memory: WasmMemory;
  pairHistogram(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, shift: bigint, mask: bigint, counts: number, mm: number): void;
  pairCollect(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, out: number): number;
  pairWindow(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, out: number, cap: number, stats: number): void;
}

/**
 * The column stride (in doubles) for n samples: even, and 8 doubles past a multiple of 512, so that the d column
 * streams of a pass fall into different cache sets (a stride of exactly 4096 doubles made the pass 1.8x slower).
 */
export function paddedStride(n: number): number {
  const even = n + (n & 1);
  return Math.ceil(Math.max(0, even - 8) / 512) * 512 + 8;
}

const MAX_BYTES = 2 ** 31;

/**
 * The passes of `PairPasses` over `s` in a fresh WebAssembly instance holding s column-major (padded stride), a
 * scratch row, `buckets` histogram counts and room for `capacity` collected or kept values; null when
 * unavailable.
 */
export function wasmPairPasses(s: Samples, buckets: number, capacity: number): PairPasses | null {
  const { n, d, data } = s;
  const m = paddedStride(n);
  const cols = 0;
  const row = cols + 8 * m * d;
  const counts = row + 8 * m + 16 * d; // the scratch row, then the splats of one sample
  const mm = counts + 8 * buckets;
  const stats = mm + 16;
  const out = stats + 32;
  const bytes = out + 8 * capacity;
  if (bytes > MAX_BYTES) return null;
  const ex = instantiateWasm<PairExports>(PAIR_DISTANCE_WASM_BASE64);
  if (!ex) return null;
  if (!growMemory(ex.memory, bytes)) return null;
  const heap = new Float64Array(ex.memory.buffer);
  for (let c = 0; c < d; c++) {
    const col = c * m;
    for (let i = 0; i < n; i++) heap[col + i] = data[i * d + c];
  }
  return {
    histogram(lo, hi, shift, mask, target) {
      const view = heap.subarray(counts / 8, counts / 8 + target.length);
      view.fill(0);
      heap[mm / 8] = Infinity;
      heap[mm / 8 + 1] = -Infinity;
      ex.pairHistogram(0, n, n, m, d, cols, row, lo, hi, BigInt(shift), BigInt(mask), counts, mm);
      target.set(view);
      return { min: heap[mm / 8], max: heap[mm / 8 + 1] };
    },
    window(lo, hi, cap, rows = [0, n]) {
      heap.fill(0, stats / 8, stats / 8 + 4);
      const keep = Math.min(cap, capacity);
      ex.pairWindow(rows[0], rows[1], n, m, d, cols, row, lo, hi, out, keep, stats);
      const inside = heap[stats / 8 + 3];
      return {
        below: heap[stats / 8],
        atLo: heap[stats / 8 + 1],
        atHi: heap[stats / 8 + 2],
        inside,
        kept: inside <= keep ? heap.slice(out / 8, out / 8 + inside) : null,
      };
    },
    collect(lo, hi, count) {
      const got = ex.pairCollect(0, n, n, m, d, cols, row, lo, hi, out);
      return heap.slice(out / 8, out / 8 + Math.min(got, count));
    },
  };
}
