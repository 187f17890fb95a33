/**
 * Edges of entropy-based adaptive binning (EBAB; Chelombiev, Houghton & O'Donnell 2019): the values of all
 * units pooled, their distinct values u (sorted, `lowerEdge` excluded), U = |u|, and
 * edges = [lowerEdge] + [u[trunc(k * (U / B))] for k = 0..B-1] + [u[U-1]], rounded to float32 (B + 2 edges,
 * repeated when U < B). With no value other than `lowerEdge`, the single edge [lowerEdge].
 */
export function adaptiveEdges(values: Float64Array, bins: number, lowerEdge: number): Float64Array {
  // lowerEdge is removed before the sort, not after: a ReLU layer is often half zeros, which need no sorting
  let kept = 0;
  const rest = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (values[i] !== lowerEdge) rest[kept++] = values[i];
  const sorted = rest.subarray(0, kept).sort();
  // distinct values (sorted in place: u[U - 1] is always at or before the value read)
  const u = sorted;
  let U = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (U > 0 && u[U - 1] === v) continue;
    u[U++] = v;
  }
  if (U === 0) return Float64Array.of(Math.fround(lowerEdge));
  const edges = new Float64Array(bins + 2);
  edges[0] = Math.fround(lowerEdge);
  const ratio = U / bins; // a floating quotient first, then the product, then truncation: as the reference
  for (let k = 0; k < bins; k++) edges[k + 1] = Math.fround(u[Math.trunc(k * ratio)]);
  edges[bins + 1] = Math.fround(u[U - 1]);
  return edges;
}

