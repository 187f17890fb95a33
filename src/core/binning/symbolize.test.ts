import { randomSource } from '../random';
import { adaptiveEdges } from './adaptiveEdges';
import { fixedEdges } from './fixedEdges';
import { symbolizeByEdges } from './symbolize';

/** The edge-count rule by a plain binary search per value (the definition: NumPy's searchsorted side='right' - 1). */
function bySearch(values: Float64Array, edges: Float64Array, outOfRange: 'clamp' | 'wrap'): Int32Array {
  return Int32Array.from(values, (v) => {
    let k = 0;
    while (k < edges.length && edges[k] <= v) k++;
    return k === 0 ? (outOfRange === 'wrap' ? edges.length - 1 : 0) : k - 1;
  });
}

describe('symbolizeByEdges', () => {
  it('symbolizeByEdges(values, fixed edges) equals the binary search on the edges themselves and next to them', () => {
    const r = randomSource(7);
    for (const [lo, hi, bins] of [
      [-1, 1, 30],
      [0, 1, 2],
      [-3.7, 11.2, 257],
      [0, 1e-9, 17],
    ] as const) {
      const edges = fixedEdges(lo, hi, bins);
      const values: number[] = [];
      // every edge, its float neighbours (the values a cell computation may misplace), and random values around the range
      for (const e of edges) values.push(e, e * (1 + 2 ** -52), e * (1 - 2 ** -52), e + 1e-300, e - 1e-300, Math.fround(e), -e);
      for (let i = 0; i < 2000; i++) values.push(lo + (hi - lo) * (1.2 * r() - 0.1));
      values.push(-0, 0, 1e300, -1e300);
      const v = Float64Array.from(values);
      for (const o of ['clamp', 'wrap'] as const) expect(Array.from(symbolizeByEdges(v, edges, o))).toEqual(Array.from(bySearch(v, edges, o)));
    }
  });

  it('symbolizeByEdges(values, adaptive edges) equals the binary search with repeated and uneven edges', () => {
    const r = randomSource(8);
    const t = Float64Array.from({ length: 3000 }, () => Math.max(0, 0.3 * r.normal()));
    const few = Float64Array.from({ length: 500 }, (_, i) => [0, 0.25, 0.5][i % 3]);
    for (const [values, bins] of [
      [t, 30],
      [t, 1],
      [few, 30],
    ] as const) {
      const edges = adaptiveEdges(values, bins, 0);
      const probe = Float64Array.from([...values, ...edges, ...Array.from(edges, (e) => e * (1 + 2 ** -52)), -1]);
      expect(Array.from(symbolizeByEdges(probe, edges, 'wrap'))).toEqual(Array.from(bySearch(probe, edges, 'wrap')));
    }
    // a single edge (no table) and short inputs (no table)
    expect(Array.from(symbolizeByEdges(Float64Array.of(-1, 0, 2), Float64Array.of(0), 'wrap'))).toEqual([0, 0, 0]);
    expect(Array.from(symbolizeByEdges(Float64Array.of(-1, 0, 0.5, 1), Float64Array.of(0, 0.5, 1), 'clamp'))).toEqual([0, 0, 1, 2]);
  });
});
