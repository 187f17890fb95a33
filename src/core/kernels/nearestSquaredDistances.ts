/**
 * The squared distance from each of a few chosen rows to its nearest other row (what the `kde-regime` diagnostic
 * probes to suggest a noise variance), exact: each distance is summed over the columns in order, and a row j is
 * dropped as soon as its partial sum reaches the current minimum (partial sums only grow, so it holds no new
 * minimum). O(rows n d) time at worst, in WebAssembly SIMD where available (`gaussianSumsWasm.ts`), with the
 * same numbers as the TypeScript loop below.
 * Kernel: trusts its input (finite values, row indices in [0, n)).
 */
import { Samples } from '../samples';
import { wasmNearestSquaredDistances } from './gaussianSumsWasm';

/** Columns summed between checks against the current minimum. */
const CHUNK = 16;

/**
 * For each index i in `rows`, min over j != i of |t_i - t_j|^2 (Infinity when t has a single row).
 * @param wasm use the WebAssembly kernel where available (default true); false = the TypeScript loop.
 * @example
 * nearestSquaredDistances({data: Float64Array.of(0, 1, 3), n: 3, d: 1}, [0, 2]); // => Float64Array [1, 4]
 */
export function nearestSquaredDistances(t: Samples, rows: ArrayLike<number>, wasm = true): Float64Array {
  const fast = wasm ? wasmNearestSquaredDistances(t, rows) : null;
  if (fast) return fast;
  const { data, n, d } = t;
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c0 = 0; c0 < d && s < best; c0 += CHUNK) {
        const c1 = c0 + CHUNK < d ? c0 + CHUNK : d;
        for (let c = c0; c < c1; c++) {
          const diff = data[i * d + c] - data[j * d + c];
          s += diff * diff;
        }
      }
      if (s < best) best = s;
    }
    out[k] = best;
  }
  return out;
}
