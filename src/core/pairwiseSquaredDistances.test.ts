import { randomSource } from './random';
import { gaussianGram, pairwiseSquaredDistances } from './pairwiseSquaredDistances';

function naive(data: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (data[i * d + k] - data[j * d + k]) ** 2;
      out[i * n + j] = s;
    }
  }
  return out;
}

describe('pairwiseSquaredDistances(s)', () => {
  it('pairwiseSquaredDistances(s) equals the naive double loop exactly, for n = 1..9 and n = 150', () => {
    const r = randomSource(1);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 150]) {
      const d = 3;
      const data = Float64Array.from({ length: n * d }, () => r.normal());
      expect(Array.from(pairwiseSquaredDistances({ data, n, d }))).toEqual(Array.from(naive(data, n, d)));
    }
  });
  it('pairwiseSquaredDistances(s) is exactly 0 for equal rows and symmetric', () => {
    const data = Float64Array.from([0.1, 0.2, 0.1, 0.2, 1e8, 1e8 + 0.5]);
    const D = pairwiseSquaredDistances({ data, n: 3, d: 2 });
    expect(D[1]).toBe(0);
    expect(D[3]).toBe(0);
    expect(D[2 * 3 + 0]).toBe(D[0 * 3 + 2]);
  });
});

describe('gaussianGram(s, sigma)', () => {
  it('gaussianGram(s, sigma) equals exp(-D / (2 sigma^2)) to 1e-13 relative (argument rounding), 1 on the diagonal', () => {
    const r = randomSource(2);
    const n = 37;
    const d = 4;
    const data = Float64Array.from({ length: n * d }, () => r.normal());
    const G = gaussianGram({ data, n, d }, 0.9);
    const D = naive(data, n, d);
    for (let i = 0; i < n * n; i++) {
      const want = Math.exp(-D[i] / (2 * 0.81));
      expect(Math.abs(G[i] - want)).toBeLessThanOrEqual(1e-13 * want);
    }
    for (let i = 0; i < n; i++) expect(G[i * n + i]).toBe(1);
  });
});
