import { choleskyLogDet, gramOrder, logDetIdentityPlusGram } from './gramLogDet';

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
});
