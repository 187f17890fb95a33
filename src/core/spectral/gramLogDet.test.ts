import { randomSource } from '../random';
import { choleskyLogDet, gramOrder, logDetIdentityPlusGram, logDetIdentityPlusScaled, scatterLower } from './gramLogDet';

describe('logDetIdentityPlusGram', () => {
  it('logDetIdentityPlusGram(data, n, d, a) of orthogonal rows is the sum of ln(1 + a |z_i|^2)', () => {
    // rows (1, 0, 0), (0, 2, 0): Z'Z = diag(1, 4, 0); the 2 x 2 row Gram side is used (n < d)
    const z = new Float64Array([1, 0, 0, 0, 2, 0]);
    expect(logDetIdentityPlusGram(z, 2, 3, 0.5)).toBeCloseTo(Math.log(1.5) + Math.log(3), 14);
    // the same rows stacked with a third: the d x d side (n > d)
    const z3 = new Float64Array([1, 0, 0, 0, 2, 0, 0, 0, 3]);
    expect(logDetIdentityPlusGram(z3, 3, 3, 0.5)).toBeCloseTo(Math.log(1.5) + Math.log(3) + Math.log(5.5), 14);
    expect(logDetIdentityPlusGram(new Float64Array([1, 1, 1, 1, 1, 1, 1, 1]), 4, 2, 1)).toBeCloseTo(Math.log(9), 14);
  });

  it('logDetIdentityPlusGram(data, n, d, a, rows) uses only the rows given', () => {
    const z = new Float64Array([1, 0, 5, 5, 0, 2]);
    expect(logDetIdentityPlusGram(z, 3, 2, 1, [0, 2])).toBeCloseTo(Math.log(2) + Math.log(5), 14);
    expect(logDetIdentityPlusGram(z, 3, 2, 1, [])).toBe(0);
    expect(gramOrder(3, 2)).toBe(2);
  });

  it('choleskyLogDet(g, k) is ln det of a positive definite matrix and NaN for one that is not', () => {
    // [[4, 2], [2, 3]]: det 8
    expect(choleskyLogDet(new Float64Array([4, 0, 2, 3]), 2)).toBeCloseTo(Math.log(8), 14);
    expect(choleskyLogDet(new Float64Array([1, 0, 2, 1]), 2)).toBeNaN();
  });

  it('logDetIdentityPlusScaled(g, k, a) is ln det(I + a S) from the lower triangle of S', () => {
    // S = [[4, 2], [2, 3]], a = 0.5: I + a S = [[3, 1], [1, 2.5]], det 6.5
    expect(logDetIdentityPlusScaled(new Float64Array([4, 0, 2, 3]), 2, 0.5)).toBeCloseTo(Math.log(6.5), 14);
  });
});

describe('scatterLower', () => {
  /** The rank-one update per row, entry by entry (the definition). */
  function naive(data: Float64Array, d: number, rows: number[], mean: Float64Array): Float64Array {
    const g = new Float64Array(d * d);
    for (const i of rows) for (let p = 0; p < d; p++) for (let q = 0; q <= p; q++) g[p * d + q] += (data[i * d + p] - mean[p]) * (data[i * d + q] - mean[q]);
    return g;
  }

  it('scatterLower(data, d, count, g, rows, mean) equals the row-by-row sum, rounding for rounding, for any d', () => {
    const r = randomSource(5);
    for (const d of [1, 2, 3, 4, 5, 8, 11, 12, 13]) {
      const n = 37;
      const data = Float64Array.from({ length: n * d }, () => (r() < 0.2 ? 0 : 100 + r.normal()));
      const mean = Float64Array.from({ length: d }, () => 100 + r.normal());
      const all = Array.from({ length: n }, (_, i) => i);
      const some = all.filter((i) => i % 3 !== 1);
      const g = new Float64Array(d * d);
      scatterLower(data, d, n, g);
      expect(Array.from(g)).toEqual(Array.from(naive(data, d, all, new Float64Array(d))));
      const gc = new Float64Array(d * d);
      scatterLower(data, d, some.length, gc, some, mean);
      expect(Array.from(gc)).toEqual(Array.from(naive(data, d, some, mean)));
    }
  });
});
