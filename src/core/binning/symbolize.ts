/**
 * Per-unit symbols of binned values, as Int32 codes.
 * Edge-count rule: k = #{edges <= v}, symbol = k - 1 (the index of edges[k - 1]); values equal to the last
 * edge and above it share the last symbol; values below the first edge wrap to the last symbol ('wrap',
 * the reference's NumPy index -1) or join the first ('clamp').
 */
export type OutOfRange = 'clamp' | 'wrap';

export function symbolizeByEdges(values: Float64Array, edges: Float64Array, outOfRange: OutOfRange): Int32Array {
  const m = edges.length;
  const below = outOfRange === 'wrap' ? m - 1 : 0;
  const first = edges[0];
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < first) {
      out[i] = below;
      continue;
    }
    // upper bound: first index with edges[idx] > v
    let lo = 1;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo - 1;
  }
  return out;
}

/** Symbols floor(v / binSize), the grid anchored at 0 (Saxe et al.). Caller checks the Int32 range. */
export function symbolizeByWidth(values: Float64Array, binSize: number): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.floor(values[i] / binSize);
  return out;
}
