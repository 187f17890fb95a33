/**
 * A k-d tree for exact max-norm (Chebyshev) neighbour searches in a few dimensions, in flat typed arrays.
 * Kernel: trusts its input (finite data, 1 <= k <= n - 1).
 *
 * Exactness: every distance is computed as the brute-force kernels compute it, max_c |a_c - b_c| with the same
 * floating-point subtraction, so the results are the brute-force results bit for bit. Pruning is exact too:
 * rounding is monotone, so for a point p inside a box [lo, hi] and a query q < lo, fl(p - q) >= fl(lo - q);
 * a box is skipped only when this lower bound already reaches the threshold, where no point of it could change
 * the answer (a k-th smallest value, or a strict count).
 */

/** Largest number of points in a leaf: small enough to prune well, large enough to keep the tree shallow. */
export const KD_LEAF_SIZE = 16;

/**
 * A balanced k-d tree. Node v covers the points at tree positions [start[v], end[v]); its children are 2v + 1
 * and 2v + 2 and split that range at its middle, along the widest side of v's bounding box. Nodes from
 * `firstLeaf` on are leaves. `points` holds the rows in tree order; `index[p]` is the original row at position p.
 */
export interface KdTree {
  readonly n: number;
  readonly d: number;
  readonly points: Float64Array;
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Tight bounding box of node v: minima at [2 d v, 2 d v + d), maxima at [2 d v + d, 2 d (v + 1)). */
  readonly box: Float64Array;
  readonly firstLeaf: number;
  readonly levels: number;
}

/**
 * Build the tree over the n rows of a row-major array with d columns. O(n d log n) time, O(n d) memory
 * (a copy of the rows in tree order, plus 2 d + 2 numbers per node, fewer than 4 n / leafSize nodes).
 */
export function buildKdTree(data: Float64Array, n: number, d: number, leafSize = KD_LEAF_SIZE): KdTree {
  let levels = 0;
  while (Math.ceil(n / 2 ** levels) > leafSize) levels++;
  const nodes = 2 ** (levels + 1) - 1;
  const firstLeaf = 2 ** levels - 1;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const start = new Int32Array(nodes);
  const end = new Int32Array(nodes);
  const box = new Float64Array(nodes * 2 * d);
  start[0] = 0;
  end[0] = n;
  // top-down: the box of a node picks its split dimension, then the partition fixes its children's ranges
  for (let v = 0; v < nodes; v++) {
    const lo = start[v], hi = end[v];
    const b = 2 * d * v;
    for (let c = 0; c < d; c++) {
      box[b + c] = Infinity;
      box[b + d + c] = -Infinity;
    }
    for (let t = lo; t < hi; t++) {
      const row = index[t] * d;
      for (let c = 0; c < d; c++) {
        const value = data[row + c];
        if (value < box[b + c]) box[b + c] = value;
        if (value > box[b + d + c]) box[b + d + c] = value;
      }
    }
    if (v >= firstLeaf) continue;
    let dim = 0;
    let widest = -1;
    for (let c = 0; c < d; c++) {
      const side = box[b + d + c] - box[b + c];
      if (side > widest) {
        widest = side;
        dim = c;
      }
    }
    const mid = (lo + hi) >> 1;
    selectNth(index, data, d, dim, lo, hi - 1, mid);
    start[2 * v + 1] = lo;
    end[2 * v + 1] = mid;
    start[2 * v + 2] = mid;
    end[2 * v + 2] = hi;
  }
  const points = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    const row = index[p] * d;
    for (let c = 0; c < d; c++) points[p * d + c] = data[row + c];
  }
  return { n, d, points, index, start, end, box, firstLeaf, levels };
}

/**
 * Reorder index[l..r] so that the entry at m has the key it would have if sorted, none before it larger and none
 * after it smaller (keys: column `dim` of the rows). Hoare-style partition that stops on equal keys, so heavily
 * tied columns still split in the middle.
 */
function selectNth(index: Int32Array, data: Float64Array, d: number, dim: number, l: number, r: number, m: number): void {
  while (l < r) {
    const pivot = data[index[m] * d + dim];
    let i = l;
    let j = r;
    do {
      while (data[index[i] * d + dim] < pivot) i++;
      while (pivot < data[index[j] * d + dim]) j--;
      if (i <= j) {
        const t = index[i];
        index[i] = index[j];
        index[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < m) l = i;
    if (m < i) r = j;
  }
}

/**
 * For every point, the max-norm distance to its k-th nearest other point (itself excluded, its duplicates
 * included at distance 0), indexed by original row: the numbers of the brute-force `kthNeighborDistances` with
 * 'chebyshev'. Depth-first, nearer child first, skipping every node whose box is no closer than the current
 * k-th distance.
 */
export function kdKthNeighborDistances(tree: KdTree, k: number): Float64Array {
  const { n, d, points, index, start, end, box, firstLeaf, levels } = tree;
  const out = new Float64Array(n);
  const best = new Float64Array(k);
  const last = k - 1;
  // depth-first with the nearer child on top: at most one pending sibling per level
  const stackNode = new Int32Array(levels + 3);
  const stackGap = new Float64Array(levels + 3);
  // leaf holding each tree position, so that a query starts with a small threshold from its own leaf
  const leafOf = new Int32Array(n);
  for (let v = firstLeaf; v < start.length; v++) leafOf.fill(v, start[v], end[v]);
  for (let p = 0; p < n; p++) {
    best.fill(Infinity);
    let thr = Infinity;
    const q = p * d;
    const own = leafOf[p];
    let sp = 0;
    stackNode[0] = 0;
    stackGap[0] = 0;
    stackNode[1] = own;
    stackGap[1] = 0;
    sp = 2;
    let first = true;
    while (sp > 0) {
      sp--;
      if (stackGap[sp] >= thr) continue;
      const v = stackNode[sp];
      if (v >= firstLeaf) {
        // the own leaf is scanned first and skipped when the descent reaches it again
        if (v === own) {
          if (!first) continue;
          first = false;
        }
        const hi = end[v];
        for (let t = start[v]; t < hi; t++) {
          if (t === p) continue;
          const b = t * d;
          let dist = 0;
          for (let c = 0; c < d; c++) {
            const diff = Math.abs(points[q + c] - points[b + c]);
            if (diff > dist) {
              dist = diff;
              if (dist >= thr) break; // the partial maximum only grows: this point cannot enter the k best
            }
          }
          if (dist < thr) {
            let s = last;
            while (s > 0 && best[s - 1] > dist) {
              best[s] = best[s - 1];
              s--;
            }
            best[s] = dist;
            thr = best[last];
          }
        }
      } else {
        // lower bounds of the max-norm distance to the two children's boxes (inlined `boxGap`)
        const a = 2 * v + 1;
        const ba = 2 * d * a;
        const bb = ba + 2 * d;
        let gapA = 0;
        let gapB = 0;
        for (let c = 0; c < d; c++) {
          const value = points[q + c];
          const loA = box[ba + c];
          if (value < loA) {
            if (loA - value > gapA) gapA = loA - value;
          } else if (value > box[ba + d + c] && value - box[ba + d + c] > gapA) gapA = value - box[ba + d + c];
          const loB = box[bb + c];
          if (value < loB) {
            if (loB - value > gapB) gapB = loB - value;
          } else if (value > box[bb + d + c] && value - box[bb + d + c] > gapB) gapB = value - box[bb + d + c];
        }
        if (gapA <= gapB) {
          if (gapB < thr) {
            stackNode[sp] = a + 1;
            stackGap[sp++] = gapB;
          }
          if (gapA < thr) {
            stackNode[sp] = a;
            stackGap[sp++] = gapA;
          }
        } else {
          if (gapA < thr) {
            stackNode[sp] = a;
            stackGap[sp++] = gapA;
          }
          if (gapB < thr) {
            stackNode[sp] = a + 1;
            stackGap[sp++] = gapB;
          }
        }
      }
    }
    out[index[p]] = best[last];
  }
  return out;
}

/**
 * For every point i, the number of points j (i itself included) with max-norm distance < radius[i], indexed by
 * original row (radius indexed by original row too). A radius of 0 counts the points at distance 0 (exact
 * duplicates, i included), the convention of the brute-force kernels: a distance fl(|a - b|) is 0 or at least
 * Number.MIN_VALUE, so "= 0" is "< Number.MIN_VALUE". Whole boxes closer than the radius are counted without
 * visiting their points.
 */
export function kdCountWithinRadius(tree: KdTree, radius: Float64Array): Int32Array {
  const { n, d, points, index, start, end, box, firstLeaf, levels } = tree;
  const out = new Int32Array(n);
  const stack = new Int32Array(levels + 2);
  for (let p = 0; p < n; p++) {
    const r0 = radius[index[p]];
    const r = r0 > 0 ? r0 : Number.MIN_VALUE;
    const q = p * d;
    let count = 0;
    let sp = 1;
    stack[0] = 0;
    while (sp > 0) {
      const v = stack[--sp];
      // nearest and farthest max-norm distances from the query to the box
      const b = 2 * d * v;
      let gap = 0;
      let far = 0;
      for (let c = 0; c < d; c++) {
        const value = points[q + c];
        const lo = box[b + c];
        const hi = box[b + d + c];
        const toLo = Math.abs(value - lo);
        const toHi = Math.abs(value - hi);
        if (value < lo) {
          if (toLo > gap) gap = toLo;
        } else if (value > hi && toHi > gap) gap = toHi;
        const f = toLo > toHi ? toLo : toHi;
        if (f > far) far = f;
      }
      if (gap >= r) continue;
      if (far < r) {
        count += end[v] - start[v];
        continue;
      }
      if (v >= firstLeaf) {
        const hiT = end[v];
        for (let t = start[v]; t < hiT; t++) {
          const bt = t * d;
          let inside = 1;
          for (let c = 0; c < d; c++) {
            if (!(Math.abs(points[q + c] - points[bt + c]) < r)) {
              inside = 0;
              break;
            }
          }
          count += inside;
        }
      } else {
        stack[sp++] = 2 * v + 1;
        stack[sp++] = 2 * v + 2;
      }
    }
    out[index[p]] = count;
  }
  return out;
}

/**
 * One-dimensional counts by binary search: for every i, #{j : |x_i - x_j| < radius[i]} (i included; a radius of 0
 * counts the exact duplicates of x_i, i included). The predicate is evaluated as the brute-force kernels do,
 * fl(|x_i - x_j|) < r, which is monotone in x_j on each side of x_i, so the matching values form one run of
 * the sorted column and the count is exact. O(n log n) time, O(n) memory.
 */
export function sortedCountWithinRadius(values: Float64Array, radius: Float64Array): Int32Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const r0 = radius[i];
    const r = r0 > 0 ? r0 : Number.MIN_VALUE;
    // first position whose value is >= x or within r below x
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      const v = sorted[m];
      if (v >= x || x - v < r) hi = m;
      else lo = m + 1;
    }
    const first = lo;
    // first position whose value is above x and at least r away
    hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      const v = sorted[m];
      if (v > x && v - x >= r) hi = m;
      else lo = m + 1;
    }
    out[i] = lo - first;
  }
  return out;
}
