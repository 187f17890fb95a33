/**
 * The KSG (Kraskov et al. 2004, algorithm 1) neighbour statistics: brute force in one pass per row, or k-d trees
 * and sorted columns in few dimensions (same numbers).
 * Kernel: trusts its input (x and y with the same n, 1 <= k <= n - 1, finite data).
 */
import { Samples } from '../samples';
import { buildKdTree, kdCountWithinRadius, kdKthNeighborDistances, sortedCountWithinRadius } from './kdTree';
import { insertSorted, KnnSearch, useTree } from './kthNeighborDistances';
import { knnWasm } from './knnWasm';

export interface JointNeighborCounts {
  /** eps_i: max-norm distance from sample i to its k-th nearest neighbour in the joint space (x, y). */
  eps: Float64Array;
  /** n_x(i) = #{j != i : max-norm |x_i - x_j| < eps_i} (a zero eps_i counts exact duplicates instead). */
  nx: Int32Array;
  /** n_y(i), likewise in y. */
  ny: Int32Array;
}

/**
 * For each sample i: eps_i, the max-norm distance to the k-th nearest other sample in the joint space, where the
 * joint distance is the larger of the two marginal max-norm distances; then the strict counts n_x(i) and n_y(i)
 * of other samples closer than eps_i in each marginal space. A zero eps_i (k or more exact duplicates of the
 * joint point) counts the samples at distance 0 instead, as scikit-learn does.
 *
 * Search (`search`, default 'auto'): a k-d tree in the joint space plus sorted columns (1-D marginals) or k-d
 * trees (others) for the counts, `jointNeighborCountsTree`, O(n log n) time in few dimensions; or brute force,
 * O(n^2 (dx + dy)) time. 'auto' takes the tree when `useTree(n, dx + dy, 8)` (the size rule, measured), else brute
 * force. Both give identical numbers. O(n (dx + dy)) memory.
 * Brute force runs the WebAssembly SIMD kernel when available, else `jointNeighborCountsJs` (identical numbers).
 */
export function jointNeighborCounts(x: Samples, y: Samples, k: number, search: KnnSearch = 'auto'): JointNeighborCounts {
  if (search === 'tree' || (search === 'auto' && useTree(x.n, x.d + y.d, 8))) return jointNeighborCountsTree(x, y, k);
  const wasm = knnWasm();
  if (wasm && wasm.fits(x.n, [x.d, y.d], 2, k)) {
    try {
      return wasm.jointNeighborCounts(x, y, k);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e; // the WebAssembly memory could not grow: use the TypeScript kernel
    }
  }
  return jointNeighborCountsJs(x, y, k);
}

/** Plain TypeScript `jointNeighborCounts`: O(n^2 (dx + dy)) time, O(n + k) extra memory. */
export function jointNeighborCountsJs(x: Samples, y: Samples, k: number): JointNeighborCounts {
  const n = x.n;
  const xd = x.data, yd = y.data;
  const dx = x.d, dy = y.d;
  const eps = new Float64Array(n);
  const nx = new Int32Array(n);
  const ny = new Int32Array(n);
  const rowX = new Float64Array(n);
  const rowY = new Float64Array(n);
  const best = new Float64Array(k);
  const last = k - 1;
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    const bxi = i * dx, byi = i * dy;
    for (let j = 0; j < n; j++) {
      const bxj = j * dx, byj = j * dy;
      let distX = 0;
      for (let c = 0; c < dx; c++) {
        const diff = Math.abs(xd[bxi + c] - xd[bxj + c]);
        if (diff > distX) distX = diff;
      }
      let distY = 0;
      for (let c = 0; c < dy; c++) {
        const diff = Math.abs(yd[byi + c] - yd[byj + c]);
        if (diff > distY) distY = diff;
      }
      rowX[j] = distX;
      rowY[j] = distY;
      const joint = distX > distY ? distX : distY;
      if (joint < best[last] && j !== i) insertSorted(best, joint);
    }
    const e = best[last];
    eps[i] = e;
    let cx = 0, cy = 0;
    if (e > 0) {
      for (let j = 0; j < n; j++) {
        if (rowX[j] < e) cx++;
        if (rowY[j] < e) cy++;
      }
    } else {
      for (let j = 0; j < n; j++) {
        if (rowX[j] === 0) cx++;
        if (rowY[j] === 0) cy++;
      }
    }
    // row i itself is at distance 0 < eps (or = 0) in both spaces and was counted: remove it
    nx[i] = cx - 1;
    ny[i] = cy - 1;
  }
  return { eps, nx, ny };
}

/**
 * `jointNeighborCounts` by k-d trees: the k-th neighbour in the joint space (x, y) from a tree over the joint
 * rows, then the strict marginal counts by binary search on a sorted column (1-D marginal) or a tree range count
 * (more dimensions). O(n log n) expected time in few dimensions, O(n (dx + dy)) memory.
 */
export function jointNeighborCountsTree(x: Samples, y: Samples, k: number): JointNeighborCounts {
  const n = x.n;
  const dx = x.d, dy = y.d, d = dx + dy;
  const joint = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dx; c++) joint[i * d + c] = x.data[i * dx + c];
    for (let c = 0; c < dy; c++) joint[i * d + dx + c] = y.data[i * dy + c];
  }
  // the joint max-norm distance max(distX, distY) is the max over all dx + dy coordinates: same value
  const eps = kdKthNeighborDistances(buildKdTree(joint, n, d), k);
  const nx = marginalCounts(x, eps);
  const ny = marginalCounts(y, eps);
  return { eps, nx, ny };
}

/** n(i) = #{j != i : max-norm |s_i - s_j| < eps_i} (distance 0 when eps_i = 0), by sorted column or k-d tree. */
function marginalCounts(s: Samples, eps: Float64Array): Int32Array {
  const counts = s.d === 1 ? sortedCountWithinRadius(s.data, eps) : kdCountWithinRadius(buildKdTree(s.data, s.n, s.d), eps);
  for (let i = 0; i < counts.length; i++) counts[i] -= 1; // sample i itself was counted
  return counts;
}
