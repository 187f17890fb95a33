/**
 * Neighbour counts within a per-sample radius, brute force. Kernel: trusts its input.
 */
import { Samples } from '../samples';
import { KnnMetric, rowDistance } from './kthNeighborDistances';
import { knnWasm } from './knnWasm';

/**
 * For each sample i, the number of samples j (j = i included when `includeSelf`) with distance(i, j) < radius[i]
 * (strict). A radius of exactly 0 counts the samples at distance 0 instead (exact duplicates of i), the
 * convention of scikit-learn's `query_radius(nextafter(r, 0))`, so that tied data give finite kNN estimates.
 * With `sqeuclidean`, `radius` holds squared radii. O(n^2 d) time. Runs the WebAssembly SIMD kernel when
 * available, else `countWithinRadiusJs` (both give identical counts).
 *
 * @example
 * countWithinRadius(samples(Float64Array.of(0, 1, 3), 3, 1), Float64Array.of(1.5, 1.5, 1.5), 'chebyshev', false);
 * // => Int32Array [1, 1, 0]
 */
export function countWithinRadius(s: Samples, radius: Float64Array, metric: KnnMetric, includeSelf: boolean): Int32Array {
  const wasm = knnWasm();
  if (wasm && wasm.fits(s.n, [s.d], 1, 1)) {
    try {
      return wasm.countWithinRadius(s, radius, metric, includeSelf);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // the WebAssembly memory could not grow: use the TypeScript kernel
    }
  }
  return countWithinRadiusJs(s, radius, metric, includeSelf);
}

/** Plain TypeScript `countWithinRadius`: O(n^2 d) time, no extra memory. */
export function countWithinRadiusJs(s: Samples, radius: Float64Array, metric: KnnMetric, includeSelf: boolean): Int32Array {
  const { data, n, d } = s;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const bi = i * d;
    const r = radius[i];
    let count = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const bj = j * d;
      const dist = rowDistance(data, bi, bj, d, metric);
      if (dist < r || (r === 0 && dist === 0)) count++;
    }
    out[i] = includeSelf ? count + 1 : count;
  }
  return out;
}
