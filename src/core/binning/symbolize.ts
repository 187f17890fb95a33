/**
 * Per-unit symbols of binned values, as Int32 codes.
 * Edge-count rule: k = #{edges <= v}, symbol = k - 1 (the index of edges[k - 1]); values equal to the last
 * edge and above it share the last symbol; values below the first edge wrap to the last symbol ('wrap',
 * the reference's NumPy index -1) or join the first ('clamp').
 */
export type OutOfRange = 'clamp' | 'wrap';

/** Fewest values for which the lookup table of `symbolizeByEdges` pays for its construction. */
const TABLE_MIN_VALUES = 64;

/**
 * #{edges <= v} (NumPy's searchsorted(edges, v, side='right')) by binary search within [lo, hi], given that the
 * count lies in that range.
 */
function upperBound(edges: Float64Array, v: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Symbols of `values` against the sorted (non-decreasing) `edges`, by the edge-count rule above.
 *
 * A binary search per value costs log2(bins) unpredictable branches. Instead, [first edge, last edge] is cut into
 * G equal cells and table[g] = #{edges <= start of cell g} is counted once; a value in cell g then has its count
 * in [table[g], table[g + 1]], almost always a single number (cells are several times narrower than bins), so it
 * is found with two comparisons. The cell is only a guess (its floating-point index may be off by one near a cell
 * boundary): the bracket is checked against the edges themselves (edges[lo - 1] <= v < edges[hi]) and a failed
 * check falls back to the binary search over all edges, so every symbol is exactly the binary search's.
 * O(n + G + m log m) for n values and m edges.
 */
export function symbolizeByEdges(values: Float64Array, edges: Float64Array, outOfRange: OutOfRange): Int32Array {
  const m = edges.length;
  const below = outOfRange === 'wrap' ? m - 1 : 0;
  const first = edges[0];
  const last = edges[m - 1];
  const n = values.length;
  const out = new Int32Array(n);
  if (n < TABLE_MIN_VALUES || !(last > first)) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v < first ? below : upperBound(edges, v, 1, m) - 1;
    }
    return out;
  }
  // G cells, a power of two between 8 m and 2^16 (and at most about 4 n: the table must stay cheaper than the values)
  let cells = 8;
  while (cells < 8 * m && cells < 65536 && cells < 4 * n) cells *= 2;
  const scale = cells / (last - first);
  const width = (last - first) / cells;
  const table = new Int32Array(cells + 1);
  for (let g = 0; g < cells; g++) table[g] = upperBound(edges, first + g * width, 0, m);
  table[cells] = m; // every edge is <= the last edge
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < first) {
      out[i] = below;
      continue;
    }
    const x = (v - first) * scale;
    const g = x < cells ? x | 0 : cells - 1;
    const lo = table[g];
    const hi = table[g + 1];
    // #{edges <= v} lies in [lo, hi] when edges[lo - 1] <= v (lo >= 1: edges[0] <= v) and v < edges[hi]
    if ((lo === 0 || edges[lo - 1] <= v) && (hi === m || v < edges[hi])) out[i] = (lo === hi ? lo : upperBound(edges, v, lo, hi)) - 1;
    else out[i] = upperBound(edges, v, 1, m) - 1;
  }
  return out;
}

/** Symbols floor(v / binSize), the grid anchored at 0 (Saxe et al.). Caller checks the Int32 range. */
export function symbolizeByWidth(values: Float64Array, binSize: number): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.floor(values[i] / binSize);
  return out;
}
