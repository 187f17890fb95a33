import { adaptiveEdges } from './adaptiveEdges';

describe('adaptiveEdges', () => {
  it('adaptiveEdges(values, bins, lowerEdge) takes quantiles of the distinct values other than lowerEdge', () => {
    // distinct values other than 0: 0.1, 0.2, 0.3, 0.4 (U = 4); B = 2: u[0], u[2], then u[3]
    const v = Float64Array.of(0, 0.3, -0, 0.1, 0.4, 0.2, 0.3, 0, 0.1);
    expect(Array.from(adaptiveEdges(v, 2, 0))).toEqual([0, Math.fround(0.1), Math.fround(0.3), Math.fround(0.4)]);
    // U < B: repeated edges
    expect(Array.from(adaptiveEdges(Float64Array.of(0, 1, 1), 3, 0))).toEqual([0, 1, 1, 1, 1]);
    // nothing but lowerEdge (0 and -0): the single edge
    expect(Array.from(adaptiveEdges(Float64Array.of(0, -0), 4, 0))).toEqual([0]);
  });
});
