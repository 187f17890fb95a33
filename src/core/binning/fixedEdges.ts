/**
 * Edges of fixed-width binning: `bins` EDGES (not intervals) evenly spaced on [lo, hi] as NumPy's linspace
 * computes them, then rounded to float32 as the reference code does.
 */
export function fixedEdges(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(bins);
  if (bins === 1) {
    edges[0] = Math.fround(lo);
    return edges;
  }
  const step = (hi - lo) / (bins - 1);
  for (let k = 0; k < bins; k++) edges[k] = Math.fround(lo + k * step);
  edges[bins - 1] = Math.fround(hi);
  return edges;
}
