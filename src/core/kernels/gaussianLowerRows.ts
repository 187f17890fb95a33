/**
 * The rows of the lower triangle of a Gaussian Gram matrix, exp(factor |s_i - s_j|^2) for j < i (factor < 0), for
 * the callers that hold the whole matrix (DSE's full spectrum, matrix-based Renyi). Four rows at a time in
 * WebAssembly where it runs (`wasmKernelRows`), the rest in TypeScript; every value is
 * `expNeg(squaredDistance(data, i d, j d, d) * factor)` bit for bit either way.
 * Kernel: trusts its input.
 */
import { expNeg } from './expNeg';
import { squaredDistance } from './gaussianRowSums';
import { wasmKernelRows } from './gaussianSumsWasm';

/** Below this order the WebAssembly set-up does not pay. */
const WASM_MIN_ORDER = 32;

/** Writes row i's values (columns 0..i-1) at out[offset..offset+i-1]; rows must come in increasing order. */
export type GaussianLowerRow = (i: number, out: Float64Array, offset: number) => void;

/**
 * A writer of the rows of the lower triangle of the Gaussian Gram matrix of `data` (n x d, row-major).
 * @example
 * const row = gaussianLowerRows(data, n, d, -1 / (2 * sigma * sigma));
 * for (let i = 0; i < n; i++) row(i, packed, (i * (i + 1)) / 2); // packed lower triangle, diagonal left out
 */
export function gaussianLowerRows(data: Float64Array, n: number, d: number, factor: number): GaussianLowerRow {
  const engine = n >= WASM_MIN_ORDER ? wasmKernelRows(data, n, d) : null;
  return (i, out, offset) => {
    let j = 0;
    if (engine) {
      const r = i & 3;
      if (r === 0) engine.rows(i, i, factor);
      j = i - r; // columns below i - r come from the engine's group of four rows
      out.set(engine.view.subarray(r * engine.stride, r * engine.stride + j), offset);
    }
    const bi = i * d;
    for (; j < i; j++) out[offset + j] = expNeg(squaredDistance(data, bi, j * d, d) * factor);
  };
}
