/**
 * WebAssembly SIMD (f64x2) kernel of the PCA subspace iteration: W = (A - mean) B^T and Z = W^T A in one pass
 * over the rows (core/pca.ts), several times faster than plain TypeScript. The module is assembled from
 * `pcaKernels.wat` (beside this file) by wabt; pca.test.ts re-assembles the source and checks that it matches
 * the bytes below. Instantiated synchronously on first use; when WebAssembly SIMD is unavailable `pcaWasm()`
 * returns null and pca.ts uses its TypeScript loops. Rows are copied into the module's memory a chunk at a
 * time (about 1 MB), so the memory stays small whatever n is.
 */
import { instantiateWasm, WasmMemory } from './wasm';
import { Samples } from './samples';

/** pcaKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const PCA_WASM_BASE64 =
  'AGFzbQEAAAABEgJgAXsBfGAJf39/f39/f39/AAMDAgABBQMBAAEHEQIGbWVtb3J5AgAEcGFzcwABCrEGAg0AIAD9IQAgAP0hAaALoAYCDX8LeyABQQN0IQlBACEKAkADQCAKIABPDQEgByAKIAlsaiELIAsgCWohDCAGIAogAmxBA3RqIQ0gDSACQQN0aiEOQQAhDwJAA0AgDyACTw0BIAMgDyAJbGohESARIAlqIRIgEiAJaiETIBMgCWohFP0MAAAAAAAAAAAAAAAAAAAAACEZ/QwAAAAAAAAAAAAAAAAAAAAAIRr9DAAAAAAAAAAAAAAAAAAAAAAhG/0MAAAAAAAAAAAAAAAAAAAAACEc/QwAAAAAAAAAAAAAAAAAAAAAIR39DAAAAAAAAAAAAAAAAAAAAAAhHv0MAAAAAAAAAAAAAAAAAAAAACEf/QwAAAAAAAAAAAAAAAAAAAAAISBBACEQAkADQCAQIAlPDQEgCyAQav0ABAAhFiAMIBBq/QAEACEXIBEgEGr9AAQAIRggGSAWIBj98gH98AEhGSAdIBcgGP3yAf3wASEdIBIgEGr9AAQAIRggGiAWIBj98gH98AEhGiAeIBcgGP3yAf3wASEeIBMgEGr9AAQAIRggGyAWIBj98gH98AEhGyAfIBcgGP3yAf3wASEfIBQgEGr9AAQAIRggHCAWIBj98gH98AEhHCAgIBcgGP3yAf3wASEgIBBBEGohEAwACwsgBSAPQQN0aiEVIA0gD0EDdGohESAOIA9BA3RqIRIgESAZEAAgFSsDAKE5AwAgESAaEAAgFSsDCKE5AwggESAbEAAgFSsDEKE5AxAgESAcEAAgFSsDGKE5AxggEiAdEAAgFSsDAKE5AwAgEiAeEAAgFSsDCKE5AwggEiAfEAAgFSsDEKE5AxAgEiAgEAAgFSsDGKE5AxggD0EEaiEPDAALCyAIBEBBACEPAkADQCAPIAJPDQEgBCAPIAlsaiERIA0gD0EDdGorAwD9FCEZIA4gD0EDdGorAwD9FCEdQQAhEAJAA0AgECAJTw0BIBEgEGohEiASIBL9AAQAIBkgCyAQav0ABAD98gEgHSAMIBBq/QAEAP3yAf3wAf3wAf0LBAAgEEEQaiEQDAALCyAPQQFqIQ8MAAsLCyAKQQJqIQoMAAsLCw==';

interface PcaExports {
  memory: WasmMemory;
  pass(rows: number, d: number, l: number, b: number, z: number, mb: number, w: number, a: number, acc: number): void;
}

/** The largest WebAssembly memory used before falling back to TypeScript loops (bytes). */
const MAX_BYTES = 2 ** 30;
/** A WebAssembly memory cannot shrink: after a call that grew it past this size, the instance is dropped. */
const KEEP_BYTES = 64 * 2 ** 20;
/** Bytes of rows copied in per kernel call. */
const CHUNK_BYTES = 2 ** 20;

let cached: PcaWasmKernels | null | undefined;

/** The WebAssembly kernel, or null when this runtime cannot instantiate it. */
export function pcaWasm(): PcaWasmKernels | null {
  if (cached === undefined) {
    const kernels = instantiateWasm<PcaExports>(PCA_WASM_BASE64);
    cached = kernels ? new PcaWasmKernels(kernels) : null;
  }
  return cached;
}

export class PcaWasmKernels {
  constructor(private readonly ex: PcaExports) {}

  /**
   * W = (A - mean) B^T, n x l, row r from sample order[r] (sample r when `order` is null), given meanB = B mean;
   * and, when `accumulate`, Z = W^T A (l x d; the mean drops out when W's columns sum to 0). B is l x d
   * row-major. Returns null when the memory needed exceeds the limit (the caller then uses TypeScript loops).
   */
  project(s: Samples, order: Int32Array | null, basis: Float64Array, l: number, meanB: Float64Array, accumulate: boolean): { W: Float64Array; Z?: Float64Array } | null {
    const { data, n, d } = s;
    const dp = d + (d & 1);
    const lp = Math.ceil(l / 4) * 4;
    const rowBytes = 8 * dp;
    const chunk = Math.max(2, Math.min(n + (n & 1), 2 * Math.floor(CHUNK_BYTES / rowBytes / 2)));
    const bOff = 0;
    const zOff = bOff + 8 * lp * dp;
    const mOff = zOff + 8 * lp * dp;
    const wOff = mOff + 8 * lp;
    const aOff = wOff + 8 * chunk * lp;
    const bytes = aOff + chunk * rowBytes;
    if (bytes > MAX_BYTES) return null;
    const { memory } = this.ex;
    const missing = bytes - memory.buffer.byteLength;
    try {
      if (missing > 0) memory.grow(Math.ceil(missing / 65536));
    } catch {
      return null; // the memory cannot grow: TypeScript loops
    }
    const heap = new Float64Array(memory.buffer);
    heap.fill(0, 0, bytes / 8);
    for (let j = 0; j < l; j++) heap.set(basis.subarray(j * d, (j + 1) * d), bOff / 8 + j * dp);
    heap.set(meanB.subarray(0, l), mOff / 8);
    const W = new Float64Array(n * l);
    const a = aOff / 8;
    const w = wOff / 8;
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      for (let r = 0; r < rows; r++) {
        const i = order ? order[start + r] : start + r;
        heap.set(data.subarray(i * d, (i + 1) * d), a + r * dp);
      }
      // an odd last chunk: a zero padding row (it adds nothing to Z; its W row is not read)
      const even = rows + (rows & 1);
      if (even > rows) heap.fill(0, a + rows * dp, a + even * dp);
      this.ex.pass(even, dp, lp, bOff, zOff, mOff, wOff, aOff, accumulate ? 1 : 0);
      if (lp === l) W.set(heap.subarray(w, w + rows * l), start * l);
      else {
        for (let r = 0; r < rows; r++) W.set(heap.subarray(w + r * lp, w + r * lp + l), (start + r) * l);
      }
    }
    let Z: Float64Array | undefined;
    if (accumulate) {
      Z = new Float64Array(l * d);
      for (let j = 0; j < l; j++) Z.set(heap.subarray(zOff / 8 + j * dp, zOff / 8 + j * dp + d), j * d);
    }
    if (memory.buffer.byteLength > KEEP_BYTES && cached === this) cached = undefined;
    return { W, Z };
  }
}
