/**
 * Distance from every sample to its k-th nearest other sample (self excluded): brute force, or a k-d tree for the
 * max-norm in few dimensions (same numbers). Kernel: trusts its input (1 <= k <= n - 1, finite data).
 */
import { Samples } from '../samples';
import { buildKdTree, kdKthNeighborDistances } from './kdTree';
import { knnWasm } from './knnWasm';

/**
 * How distances are measured by the kNN kernels:
 * `chebyshev` = max-norm max_c |a_c - b_c|; `sqeuclidean` = squared Euclidean distance sum_c (a_c - b_c)^2
 * (comparisons of squared distances give the same neighbours and the same strict counts as Euclidean ones,
 * without a square root).
 */
export type KnnMetric = 'chebyshev' | 'sqeuclidean';

/**
 * How the max-norm kNN kernels search: 'tree' (k-d tree, `kdTree.ts`), 'brute' (all pairs), or 'auto' (the size
 * rule `useTree`). Both searches give identical numbers; the choice only changes the time.
 */
export type KnnSearch = 'auto' | 'tree' | 'brute';

/**
 * The size rule of 'auto': a k-d tree for max-norm searches in d <= TREE_MAX_DIMS dimensions once
 * n >= 2^(d + offset) samples (offset 8 for the KSG joint search with its marginal counts, 7 for the k-th
 * neighbour distance alone), else brute force (WebAssembly SIMD). Measured on i.i.d. Gaussian data, the worst case
 * for a tree at a given d, on the 2-core development machine: the tree overtakes brute force near n = 512 at
 * d = 2, 2048 at d = 4, 8192 at d = 6 and 16384-32768 at d = 8; data of lower intrinsic dimension (network
 * layers) favour the tree more. Above 8 dimensions brute force is kept.
 */
export const TREE_MAX_DIMS = 8;

/** True when 'auto' searches n samples in d dimensions (max-norm) with a k-d tree; `offset` as above. */
export function useTree(n: number, d: number, offset: 7 | 8): boolean {
  return d <= TREE_MAX_DIMS && n >= 2 ** (d + offset);
}

/** Distance between rows starting at offsets `bi` and `bj` of a row-major array with `d` columns. */
export function rowDistance(data: Float64Array, bi: number, bj: number, d: number, metric: KnnMetric): number {
  let dist = 0;
  if (metric === 'chebyshev') {
    for (let c = 0; c < d; c++) {
      const diff = Math.abs(data[bi + c] - data[bj + c]);
      if (diff > dist) dist = diff;
    }
  } else {
    for (let c = 0; c < d; c++) {
      const diff = data[bi + c] - data[bj + c];
      dist += diff * diff;
    }
  }
  return dist;
}

/**
 * For each sample i, the distance to its k-th nearest neighbour among the other samples (ties counted with
 * multiplicity, so duplicates of i give 0). With `sqeuclidean` the squared distance is returned.
 * With 'chebyshev', `search` 'auto' (default) uses a k-d tree (O(n log n) time in few dimensions) when
 * `useTree(n, d, 7)`, else brute force; 'tree' and 'brute' force one (identical numbers). Brute force:
 * O(n^2 d) time, O(n d) memory, the WebAssembly SIMD kernel when available, else `kthNeighborDistancesJs`
 * (identical numbers). 'sqeuclidean' is always brute force.
 *
 * @example
 * kthNeighborDistances(samples(Float64Array.of(0, 1, 3), 3, 1), 1, 'chebyshev'); // => Float64Array [1, 1, 2]
 */
export function kthNeighborDistances(s: Samples, k: number, metric: KnnMetric, search: KnnSearch = 'auto'): Float64Array {
  if (metric === 'chebyshev' && (search === 'tree' || (search === 'auto' && useTree(s.n, s.d, 7)))) {
    return kdKthNeighborDistances(buildKdTree(s.data, s.n, s.d), k);
  }
  const wasm = knnWasm();
  if (wasm && wasm.fits(s.n, [s.d], 1, k)) {
    try {
      return wasm.kthNeighborDistances(s, k, metric);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // the WebAssembly memory could not grow: use the TypeScript kernel
    }
  }
  return kthNeighborDistancesJs(s, k, metric);
}

/** Plain TypeScript `kthNeighborDistances`: O(n^2 d) time, O(n + k) memory. */
export function kthNeighborDistancesJs(s: Samples, k: number, metric: KnnMetric): Float64Array {
  const { data, n, d } = s;
  const out = new Float64Array(n);
  const best = new Float64Array(k);
  const last = k - 1;
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    const bi = i * d;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const bj = j * d;
      const dist = rowDistance(data, bi, bj, d, metric);
      if (dist < best[last]) insertSorted(best, dist);
    }
    out[i] = best[last];
  }
  return out;
}

/** Insert `value` into the ascending buffer `best`, dropping its largest entry. Requires value < best[last]. */
export function insertSorted(best: Float64Array, value: number): void {
  let p = best.length - 1;
  while (p > 0 && best[p - 1] > value) {
    best[p] = best[p - 1];
    p--;
  }
  best[p] = value;
}
