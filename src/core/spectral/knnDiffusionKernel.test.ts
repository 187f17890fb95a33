import { randomSource } from '../random';
import { Samples } from '../samples';
import { alphaNormalisedSymmetricOperator, knnBandwidths, knnDiffusionOperator, knnKernelMatrix } from './knnDiffusionKernel';
import { symmetricEigenvalues } from './symmetricEigenvalues';

function rows(values: number[][]): Samples {
  return { data: Float64Array.from(values.flat()), n: values.length, d: values[0].length };
}

/** Eigenvalues (descending) of the 3 x 3 row-stochastic P: 1, and the roots of x^2 - (tr P - 1) x + det P. */
function stochastic3Eigenvalues(p: number[][]): number[] {
  const tr = p[0][0] + p[1][1] + p[2][2];
  const det =
    p[0][0] * (p[1][1] * p[2][2] - p[1][2] * p[2][1]) - p[0][1] * (p[1][0] * p[2][2] - p[1][2] * p[2][0]) + p[0][2] * (p[1][0] * p[2][1] - p[1][1] * p[2][0]);
  const s = tr - 1;
  const disc = Math.sqrt(s * s - 4 * det);
  return [1, (s + disc) / 2, (s - disc) / 2];
}

describe('knnBandwidths', () => {
  it('knnBandwidths(s, k) is the Euclidean distance to the k-th nearest other row', () => {
    expect(Array.from(knnBandwidths(rows([[0], [1], [3]]), 1))).toEqual([1, 1, 2]);
    expect(Array.from(knnBandwidths(rows([[0], [1], [3]]), 2))).toEqual([3, 2, 3]);
    expect(Array.from(knnBandwidths(rows([[0, 0], [3, 4], [0, 0]]), 1))).toEqual([0, 5, 0]);
  });
});

describe('knnDiffusionOperator', () => {
  // 1-D points 0, 1, 3 with k = 1: sigma = (1, 1, 2), so K_01 = e^-1, K_02 = e^-(9/2), K_12 = e^-(4/2)
  const K = [
    [1, Math.exp(-1), Math.exp(-4.5)],
    [Math.exp(-1), 1, Math.exp(-2)],
    [Math.exp(-4.5), Math.exp(-2), 1],
  ];

  it('knnKernelMatrix(s, sigma) is exp(-|t_i - t_j|^2 / (sigma_i sigma_j)) (closed form, three points)', () => {
    const s = rows([[0], [1], [3]]);
    const g = knnKernelMatrix(s, knnBandwidths(s, 1));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(g[i * 3 + j]).toBeCloseTo(K[i][j], 15);
  });

  for (const alpha of [0, 0.5, 1]) {
    it(`knnDiffusionOperator(s, 1, ${alpha}) has the eigenvalues of P = D'^-1 D^-alpha K D^-alpha (three points, from trace and determinant)`, () => {
      // P built directly from its definition (not from the symmetric form), its spectrum from tr P and det P
      const D = K.map((r) => r[0] + r[1] + r[2]);
      const Ka = K.map((r, i) => r.map((v, j) => v / Math.pow(D[i] * D[j], alpha)));
      const P = Ka.map((r) => r.map((v) => v / (r[0] + r[1] + r[2])));
      const expected = stochastic3Eigenvalues(P);
      const s = knnDiffusionOperator(rows([[0], [1], [3]]), 1, alpha);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(s[i * 3 + j]).toBe(s[j * 3 + i]);
      const got = Array.from(symmetricEigenvalues(s, 3)).reverse();
      got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 13));
    });
  }

  it('knnDiffusionOperator(s, k, alpha) of n equidistant points: eigenvalues 1 and (1 - c) / (1 + (n - 1) c), c = e^-1', () => {
    // the n unit vectors of R^n: every distance sqrt(2), every sigma_i = sqrt(2), K = 1 on the diagonal, e^-1 off it
    const n = 7;
    const s = rows(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))));
    const c = Math.exp(-1);
    for (const alpha of [0, 1]) {
      const ev = symmetricEigenvalues(knnDiffusionOperator(s, 3, alpha), n);
      expect(ev[n - 1]).toBeCloseTo(1, 14);
      for (let i = 0; i < n - 1; i++) expect(ev[i]).toBeCloseTo((1 - c) / (1 + (n - 1) * c), 14);
    }
  });

  it('knnDiffusionOperator rows with at least k copies (sigma_i = 0) form atoms: no NaN, one eigenvalue 1 per atom', () => {
    // three atoms of 4 copies each, k = 3: every sigma_i = 0
    const s = rows([0, 0, 0, 0, 5, 5, 5, 5, 9, 9, 9, 9].map((v) => [v, -v]));
    const g = knnKernelMatrix(s, knnBandwidths(s, 3));
    expect(Array.from(knnBandwidths(s, 3))).toEqual(new Array(12).fill(0));
    expect(g.every((v) => v === 0 || v === 1)).toBe(true);
    expect(g[0 * 12 + 1]).toBe(1);
    expect(g[0 * 12 + 4]).toBe(0);
    const ev = symmetricEigenvalues(knnDiffusionOperator(s, 3, 1), 12);
    expect(ev.every(Number.isFinite)).toBe(true);
    const sorted = Array.from(ev).sort((a, b) => b - a);
    sorted.slice(0, 3).forEach((v) => expect(v).toBeCloseTo(1, 14));
    sorted.slice(3).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-14));
    // a mix: one atom of 4 copies (sigma 0) beside ordinary points stays disconnected from them
    const mixed = rows([[0], [0], [0], [0], [1], [2.5], [4]]);
    const sigma = knnBandwidths(mixed, 3);
    expect(Array.from(sigma.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    const km = knnKernelMatrix(mixed, sigma);
    expect(km[0 * 7 + 4]).toBe(0);
    expect(km[4 * 7 + 5]).toBeGreaterThan(0);
    expect(symmetricEigenvalues(knnDiffusionOperator(mixed, 3, 1), 7).every(Number.isFinite)).toBe(true);
  });

  it('alphaNormalisedSymmetricOperator(g, n, alpha) returns trace(P); the spectrum is in [-1, 1] with top 1; K is scale-free', () => {
    const random = randomSource(5);
    const n = 40;
    const s: Samples = { data: Float64Array.from({ length: n * 3 }, () => random.normal()), n, d: 3 };
    const g = knnKernelMatrix(s, knnBandwidths(s, 5));
    const k = Float64Array.from(g);
    const trace = alphaNormalisedSymmetricOperator(g, n, 1);
    const ev = symmetricEigenvalues(g, n);
    expect(trace).toBeCloseTo(ev.reduce((a, b) => a + b, 0), 12);
    expect(ev[n - 1]).toBeCloseTo(1, 13);
    expect(ev[0]).toBeGreaterThanOrEqual(-1 - 1e-12);
    // K is unchanged by scaling the data (same neighbours, distances and bandwidths scaled alike)
    const scaled: Samples = { data: s.data.map((v) => v * 100), n, d: 3 };
    const k100 = knnKernelMatrix(scaled, knnBandwidths(scaled, 5));
    for (let i = 0; i < n * n; i++) expect(Math.abs(k100[i] - k[i])).toBeLessThan(1e-13);
  });
});
