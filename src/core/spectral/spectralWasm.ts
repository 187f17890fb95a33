/**
 * The WebAssembly of the spectral code, with its one loader (`instantiateWasm`, also used by `spectralSlq.ts`):
 * a SIMD (f64x2) kernel for the column update of the pivoted Cholesky used by the low-rank diffusion spectral
 * entropy, about 2-3x faster than the TypeScript loop it replaces (the fused pass of the Householder
 * tridiagonalisation of `symmetricEigenvalues` is in `tridiagonalWasm.ts`, over a shared memory). Assembled from `spectralKernels.wat` (beside this file) by
 * wabt; a test re-assembles the source and checks that it matches the bytes below. Instantiated synchronously
 * on first use; when WebAssembly SIMD is unavailable (or the memory cannot grow) `wasmCholeskyWorkspace` returns
 * null and the caller uses the TypeScript kernel.
 * Kernel: trusts its inputs.
 */

/** spectralKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const SPECTRAL_WASM_BASE64 =
  'AGFzbQEAAAABCgFgBn9/f39/fwADAgEABQMBAAEHFwIGbWVtb3J5AgAKY2hvbFVwZGF0ZQAACv8FAfwFAgl/DXsgAkEASARADwsgAUEDdCEGIANBA3QhByAAIAIgBmxqIQ5BACEIAkADQCAIQQRqIAJKDQEgACAIIAZsaiEKIAogBmohCyALIAZqIQwgDCAGaiENIAogB2orAwD9FCEPIAsgB2orAwD9FCEQIAwgB2orAwD9FCERIA0gB2orAwD9FCES/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEV/QwAAAAAAAAAAAAAAAAAAAAAIRZBACEJAkADQCAJIAZPDQEgCiAJav0ABAAhFyALIAlq/QAEACEYIAwgCWr9AAQAIRkgDSAJav0ABAAhGiAOIAlq/QAEACEbIBMgFyAb/fIB/fABIRMgFCAYIBv98gH98AEhFCAVIBkgG/3yAf3wASEVIBYgGiAb/fIB/fABIRYgBCAJaiAEIAlq/QAEACAPIBf98gEgECAY/fIB/fABIBEgGf3yASASIBr98gH98AH98AH98QH9CwQAIAlBEGohCQwACwsgBSAIQQN0aiAT/SEAIBP9IQGgOQMAIAUgCEEBakEDdGogFP0hACAU/SEBoDkDACAFIAhBAmpBA3RqIBX9IQAgFf0hAaA5AwAgBSAIQQNqQQN0aiAW/SEAIBb9IQGgOQMAIAhBBGohCAwACwsCQANAIAggAk4NASAAIAggBmxqIQogCiAHaisDAP0UIQ/9DAAAAAAAAAAAAAAAAAAAAAAhE0EAIQkCQANAIAkgBk8NASAKIAlq/QAEACEXIBMgFyAOIAlq/QAEAP3yAf3wASETIAQgCWogBCAJav0ABAAgDyAX/fIB/fEB/QsEACAJQRBqIQkMAAsLIAUgCEEDdGogE/0hACAT/SEBoDkDACAIQQFqIQgMAAsLIA4gB2orAwD9FCEPQQAhCQJAA0AgCSAGTw0BIAQgCWogBCAJav0ABAAgDyAOIAlq/QAEAP3yAf3xAf0LBAAgCUEQaiEJDAALCws=';

// the one loader of the project's WebAssembly (core/wasm.ts), re-exported for the spectral kernels
export { instantiateWasm } from '../wasm';
export type { WasmMemory } from '../wasm';
import type { WasmMemory } from '../wasm';
import { instantiateWasm } from '../wasm';

interface SpectralExports {
  memory: WasmMemory;
  cholUpdate(z: number, m: number, prev: number, p: number, col: number, gram: number): void;
}

/** Storage and column update of a pivoted Cholesky factor Z (n x limit, columns of `stride` doubles). */
export interface CholeskyWorkspace {
  /** Column l of Z is z[l * stride .. l * stride + n); entries n..stride-1 must be 0 (the caller writes them). */
  readonly z: Float64Array;
  /** Z'Z, lower triangle, row-major with row stride `limit`. */
  readonly gram: Float64Array;
  /** Column stride of z (n, or n rounded up to even for the WebAssembly kernel). */
  readonly stride: number;
  /**
   * With c_l = z_l[p]: column `rank` <- column `rank` - sum_{l < rank} c_l z_l, and the Gram row of column
   * rank - 1 (its dot products with columns 0..rank-2) is written.
   */
  update(rank: number, p: number): void;
  /** Let the memory go (call when done). */
  release(): void;
}

const MAX_BYTES = 2 ** 31;
const KEEP_BYTES = 64 * 2 ** 20;
const PAGE = 65536;

type Purpose = 'cholesky';

/**
 * One instance (so one memory) per purpose: growing a memory detaches the views on it. (The eigenvalues of Z'Z
 * are computed in the tridiagonal memory of `tridiagonalWasm.ts` while the Cholesky factor lives here.)
 */
const cached: Record<Purpose, SpectralExports | null | undefined> = { cholesky: undefined };

function instance(purpose: Purpose): SpectralExports | null {
  if (cached[purpose] === undefined) cached[purpose] = instantiateWasm<SpectralExports>(SPECTRAL_WASM_BASE64);
  return cached[purpose] ?? null;
}

/** Grow the memory of `wasm` to at least `bytes`; false when it cannot. */
function reserve(wasm: SpectralExports, bytes: number): boolean {
  if (bytes > MAX_BYTES) return false;
  const have = wasm.memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    wasm.memory.grow(Math.ceil((bytes - have) / PAGE));
    return true;
  } catch {
    return false;
  }
}

/** A WebAssembly memory cannot shrink: drop a large instance so that its memory can be collected. */
function releaseLarge(purpose: Purpose): void {
  const wasm = cached[purpose];
  if (wasm && wasm.memory.buffer.byteLength > KEEP_BYTES) cached[purpose] = undefined;
}

/** True when the WebAssembly kernels can be instantiated here. */
export function wasmAvailable(): boolean {
  return instance('cholesky') !== null;
}

/** A workspace in WebAssembly memory, or null when WebAssembly SIMD or the memory is not available. */
export function wasmCholeskyWorkspace(n: number, limit: number): CholeskyWorkspace | null {
  const wasm = instance('cholesky');
  if (!wasm) return null;
  const m = n + (n % 2);
  const zBytes = limit * m * 8;
  if (!reserve(wasm, zBytes + limit * limit * 8)) return null;
  // No clearing: every entry is written before it is read (the columns by the caller, their padding entry
  // included; the Gram rows by the updates), so the pages of a fresh memory are touched only as columns are
  // added (at n = 10000 the limit reserves about 0.9 GB, of which a factorisation stopped early uses a few %).
  const buffer = wasm.memory.buffer;
  const z = new Float64Array(buffer, 0, limit * m);
  const gram = new Float64Array(buffer, zBytes, limit * limit);
  return {
    z,
    gram,
    stride: m,
    update: (rank, p) => wasm.cholUpdate(0, m, rank - 1, p, rank * m * 8, zBytes + (rank - 1) * limit * 8),
    release: () => releaseLarge('cholesky'),
  };
}
