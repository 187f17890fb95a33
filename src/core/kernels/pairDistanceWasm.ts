/**
 * WebAssembly SIMD (f64x2) passes over the n(n-1)/2 pairwise squared distances of a variable, without storing
 * them: a histogram of their bit patterns, and the collection of those in a value range. They serve the exact
 * order statistics of `pairSquaredDistanceRanks`. Assembled from `pairDistanceKernels.wat` (beside this file)
 * by wabt; a test re-assembles the source and checks that it matches the bytes below, and that the TypeScript
 * passes (`pairDistancePasses.ts`) give the same numbers. Instantiated on first use; null when this runtime
 * has no WebAssembly SIMD or the memory cannot grow (callers then use the TypeScript passes).
 * Kernels: trust their inputs.
 */
import { Samples } from '../samples';
import { instantiateWasm, WasmMemory } from '../spectral/spectralWasm';
import { PairPasses } from './pairDistancePasses';

/** pairDistanceKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const PAIR_DISTANCE_WASM_BASE64 =
  'AGFzbQEAAAABMANgB39/f39/f38AYBN/f39/f39/fHx+fn98fH9/f39/AX9gCn9/f39/f398fH8BfwMEAwABAgUDAQABBygDBm1lbW9yeQIADXBhaXJIaXN0b2dyYW0AAQtwYWlyQ29sbGVjdAACCrgFA+YBAwR/AnsEfyACQQN0IQ0gBiADQQR0aiEPIAQgAEEDdGohCCAGIQ4CQANAIA4gD08NASAOIAgrAwD9FP0LBAAgCCANaiEIIA5BEGohDgwACwsgBSANaiEKIAFBA3QhECAFIBBqIQkCQANAIAkgCk8NASAEIBBqIQggBiEO/QwAAAAAAAAAAAAAAAAAAAAAIQwCQANAIA4gD08NASAI/QAEACAO/QAEAP3xASELIAwgCyAL/fIB/fABIQwgCCANaiEIIA5BEGohDgwACwsgCSAM/QsEACAJQRBqIQkgEEEQaiEQDAALCwutAgQEfwF8A38CfCAQKwMAIRsgECsDCCEcIAYgAkEDdGohFiAGIANBA3RqIRMgACEUAkADQCAUIAFPDQEgFCAUQQFqQX5xIAMgBCAFIAYgExAAIAYgFEEBakEDdGohFQJAA0AgFSAWTw0BIBUrAwAhFyAXIAdmIBcgCGVxBEAgF70gCYggCoOnIRogCyAaQQN0aiEYIBggGCsDAEQAAAAAAADwP6A5AwAgGyAXpCEbIBwgF6UhHCAXIAxmIBcgDWVxBEAgGSAPSQRAIA4gGUEDdGogFzkDAAsgGUEBaiEZIBEgGiASa0EEdGohGCAYIBgrAwAgF6Q5AwAgGCAYKwMIIBelOQMICwsgFUEIaiEVDAALCyAUQQFqIRQMAAsLIBAgGzkDACAQIBw5AwggGQueAQMEfwF8AX8gBiACQQN0aiENIAkhDyAGIANBA3RqIQogACELAkADQCALIAFPDQEgCyALQQFqQX5xIAMgBCAFIAYgChAAIAYgC0EBakEDdGohDAJAA0AgDCANTw0BIAwrAwAhDiAOIAdmIA4gCGVxBEAgDyAOOQMAIA9BCGohDwsgDEEIaiEMDAALCyALQQFqIQsMAAsLIA8gCWtBA3YL';

interface PairExports {
  memory: WasmMemory;
  pairHistogram(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, shift: bigint, mask: bigint, counts: number, wlo: number, whi: number, out: number, cap: number, mm: number, wmm: number, wkey: number): number;
  pairCollect(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, out: number): number;
}

const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

/**
 * The passes of `PairPasses` over `s` in a fresh WebAssembly instance holding s column-major, a scratch row,
 * `buckets` histogram counts, per-key extremes for a window of `windowBuckets` keys and room for `capacity`
 * collected or kept values; null when unavailable.
 */
export function wasmPairPasses(s: Samples, buckets: number, capacity: number, windowBuckets: number): PairPasses | null {
  const { n, d, data } = s;
  const m = n + (n & 1);
  const cols = 0;
  const row = cols + 8 * m * d;
  const counts = row + 8 * m + 16 * d; // the scratch row, then the splats of one sample
  const mm = counts + 8 * buckets;
  const wmm = mm + 16;
  const out = wmm + 16 * windowBuckets;
  const bytes = out + 8 * capacity;
  if (bytes > MAX_BYTES) return null;
  const ex = instantiateWasm<PairExports>(PAIR_DISTANCE_WASM_BASE64);
  if (!ex) return null;
  try {
    const missing = bytes - ex.memory.buffer.byteLength;
    if (missing > 0) ex.memory.grow(Math.ceil(missing / PAGE));
  } catch {
    return null;
  }
  const heap = new Float64Array(ex.memory.buffer);
  for (let c = 0; c < d; c++) {
    const col = c * m;
    for (let i = 0; i < n; i++) heap[col + i] = data[i * d + c];
  }
  return {
    histogram(lo, hi, shift, mask, target, window) {
      const view = heap.subarray(counts / 8, counts / 8 + target.length);
      view.fill(0);
      const cap = window ? Math.min(window.cap, capacity) : 0;
      const keys = window && window.buckets <= windowBuckets ? window.buckets : 0; // wider windows: none
      heap[mm / 8] = Infinity;
      heap[mm / 8 + 1] = -Infinity;
      for (let k = 0; k < keys; k++) {
        heap[wmm / 8 + 2 * k] = Infinity;
        heap[wmm / 8 + 2 * k + 1] = -Infinity;
      }
      const got = ex.pairHistogram(0, n, n, m, d, cols, row, lo, hi, BigInt(shift), BigInt(mask), counts, keys ? window!.lo : 1, keys ? window!.hi : 0, out, cap, mm, wmm, keys ? window!.key : 0);
      target.set(view);
      const keyMin = new Float64Array(keys);
      const keyMax = new Float64Array(keys);
      for (let k = 0; k < keys; k++) {
        keyMin[k] = heap[wmm / 8 + 2 * k];
        keyMax[k] = heap[wmm / 8 + 2 * k + 1];
      }
      return { min: heap[mm / 8], max: heap[mm / 8 + 1], kept: keys && got <= cap ? heap.slice(out / 8, out / 8 + got) : null, keyMin, keyMax };
    },
    collect(lo, hi, count) {
      const got = ex.pairCollect(0, n, n, m, d, cols, row, lo, hi, out);
      return heap.slice(out / 8, out / 8 + Math.min(got, count));
    },
  };
}
