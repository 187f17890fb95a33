/**
 * The KSG (Kraskov et al. 2004, algorithm 1) neighbour statistics in one pass per row, brute force.
 * Kernel: trusts its input (x and y with the same n, 1 <= k <= n - 1, finite data).
 */
import { Samples } from '../samples';
import { insertSorted } from './kthNeighborDistances';
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
 * Cost: O(n^2 (dx + dy)) time (each row's marginal distances are computed once and reused for the counts),
 * O(n (dx + dy)) memory. Runs the WebAssembly SIMD kernel when available, else `jointNeighborCountsJs` (both
 * give identical numbers).
 */
export function jointNeighborCounts(x: Samples, y: Samples, k: number): JointNeighborCounts {
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
