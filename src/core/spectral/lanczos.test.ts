import { denseProduct, lanczos, ritzValues } from './lanczos';
import { randomSource } from '../random';
import { symmetricEigenvalues } from './symmetricEigenvalues';

/** Q diag(values) Q' for a random orthogonal Q (product of Householder reflections). */
function withSpectrum(values: ArrayLike<number>, seed: number): Float64Array {
  const n = values.length;
  const random = randomSource(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = values[i];
  for (let reflection = 0; reflection < 3; reflection++) {
    const v = Float64Array.from({ length: n }, () => random.normal());
    let norm2 = 0;
    for (const x of v) norm2 += x * x;
    // A <- H A H with H = I - 2 v v' / |v|^2
    const av = new Float64Array(n);
    denseProduct(a, n, v, av);
    let vav = 0;
    for (let i = 0; i < n; i++) vav += v[i] * av[i];
    const c = 2 / norm2;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        a[i * n + j] += -c * (v[i] * av[j] + av[i] * v[j]) + c * c * vav * v[i] * v[j];
      }
    }
  }
  return a;
}

describe('lanczos', () => {
  it('lanczos(A) finds the largest eigenvalues of a matrix with a known spectrum, with small residuals', () => {
    const n = 200;
    const values = Float64Array.from({ length: n }, (_, i) => Math.pow(0.8, i));
    const a = withSpectrum(values, 1);
    const ritz = lanczos((x, y) => denseProduct(a, n, x, y), n, { maxSteps: 60, seed: 3 }, () => false);
    expect(ritz.steps).toBe(60);
    for (let i = 0; i < 10; i++) {
      expect(Math.abs(ritz.values[i] - values[i])).toBeLessThan(1e-12);
      expect(ritz.residuals[i]).toBeLessThan(1e-8);
    }
  });

  it('lanczos restarts after a breakdown, so repeated eigenvalues are found with their multiplicity', () => {
    const n = 60;
    const values = new Float64Array(n);
    values.fill(1, 0, 4); // eigenvalue 1 four times, 0 otherwise
    const a = withSpectrum(values, 2);
    const ritz = lanczos((x, y) => denseProduct(a, n, x, y), n, { maxSteps: 20, seed: 1 }, () => false);
    const ones = Array.from(ritz.values).filter((v) => Math.abs(v - 1) < 1e-10).length;
    expect(ones).toBe(4);
  });

  it('lanczos stops when the test says so', () => {
    const n = 100;
    const a = withSpectrum(Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)), 4);
    const ritz = lanczos((x, y) => denseProduct(a, n, x, y), n, { maxSteps: 100, seed: 0, checkEvery: 5 }, (r) => r.steps >= 15);
    expect(ritz.steps).toBeGreaterThanOrEqual(15);
    expect(ritz.steps).toBeLessThan(30);
  });

  it('ritzValues(alpha, beta, m) are the eigenvalues of the tridiagonal matrix', () => {
    const alpha = Float64Array.from([2, 1, 3, 0.5]);
    const beta = Float64Array.from([0.4, 0.3, 0.2, 0.1]);
    const m = 4;
    const t = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      t[i * m + i] = alpha[i];
      if (i + 1 < m) t[i * m + i + 1] = t[(i + 1) * m + i] = beta[i];
    }
    const want = Array.from(symmetricEigenvalues(t, m)).reverse();
    const got = ritzValues(alpha, beta, m);
    want.forEach((v, i) => expect(got.values[i]).toBeCloseTo(v, 13));
    // residual = |beta_m s_m|: positive and below beta_m
    for (const r of got.residuals) expect(r).toBeLessThanOrEqual(0.1 + 1e-15);
  });
});
