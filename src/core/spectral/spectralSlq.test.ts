import { randomSource } from '../random';
import { spectralEntropyBits } from './spectralEntropy';
import { denseBlockOperator, denseBlockProduct, gaussQuadrature, SLQ_BLOCK, SLQ_WASM_BASE64, SLQ_WAT, slqRules, slqSpectralEntropy } from './spectralSlq';
import { tridiagonalEigenvalues } from './symmetricEigenvalues';
import { assembleWat } from '../../../test/helpers/wasm';

/** A random symmetric n x n matrix Q diag(values) Q' (Q from Gram-Schmidt of a Gaussian matrix). */
function withSpectrum(values: Float64Array, seed: number): Float64Array {
  const n = values.length;
  const r = randomSource(seed);
  const q = Float64Array.from({ length: n * n }, () => r.normal());
  for (let c = 0; c < n; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += q[i * n + c] * q[i * n + p];
        for (let i = 0; i < n; i++) q[i * n + c] -= s * q[i * n + p];
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i * n + c] ** 2;
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) q[i * n + c] /= s;
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * values[k] * q[j * n + k];
      a[i * n + j] = s;
    }
  }
  return a;
}

describe('gaussQuadrature', () => {
  it('gaussQuadrature(alpha, beta) has the eigenvalues of T as nodes and reproduces its moments e1\' T^k e1', () => {
    const r = randomSource(3);
    for (const m of [1, 2, 5, 30, 80]) {
      const alpha = Float64Array.from({ length: m }, () => r.normal());
      const beta = Float64Array.from({ length: m - 1 }, () => Math.abs(r.normal()) + 0.01);
      const { nodes, weights } = gaussQuadrature(alpha, beta);
      const exact = tridiagonalEigenvalues(alpha, beta);
      for (let i = 0; i < m; i++) expect(Math.abs(nodes[i] - exact[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(exact[i])));
      const moment = (k: number): number => nodes.reduce((s, v, i) => s + weights[i] * v ** k, 0);
      expect(Math.abs(moment(0) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(moment(1) - alpha[0])).toBeLessThan(1e-12);
      if (m > 1) expect(Math.abs(moment(2) - (alpha[0] ** 2 + beta[0] ** 2))).toBeLessThan(1e-12);
      for (const w of weights) expect(w).toBeGreaterThanOrEqual(0);
    }
  });

  it('gaussQuadrature([2, 2], [1]) gives nodes [1, 3] and weights [1/2, 1/2]', () => {
    const { nodes, weights } = gaussQuadrature([2, 2], [1]);
    expect(Array.from(nodes)).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    expect(Array.from(weights)).toEqual([expect.closeTo(0.5, 14), expect.closeTo(0.5, 14)]);
  });
});

describe('slqSpectralEntropy', () => {
  it('slqSpectralEntropy(K, n, t, total) is within 4 of its own standard errors of the exact entropy on spread spectra', () => {
    const n = 300;
    const r = randomSource(5);
    const spectra: Float64Array[] = [
      Float64Array.from({ length: n }, () => r()), // uniform on [0, 1)
      Float64Array.from({ length: n }, (_, i) => Math.exp(-i / 100)), // slow exponential decay
      Float64Array.from({ length: n }, (_, i) => 1 / (1 + i / 20)), // algebraic decay
    ];
    for (const [s, values] of spectra.entries()) {
      const a = withSpectrum(values, 10 + s);
      for (const power of [1, 2, 1.5]) {
        const exact = spectralEntropyBits(values, power);
        const total = power === 1 ? values.reduce((x, v) => x + v, 0) : power === 2 ? values.reduce((x, v) => x + v * v, 0) : null;
        const est = slqSpectralEntropy(denseBlockOperator(a, n), power, total, { probes: 30, steps: 30, seed: 1 });
        expect(est.standardError).toBeGreaterThan(0);
        expect(Math.abs(est.bits - exact)).toBeLessThanOrEqual(4 * est.standardError);
        expect(Math.abs(est.bits - exact)).toBeLessThanOrEqual(0.005 * exact);
        if (total === null) expect(est.totalStandardError).toBeGreaterThan(0);
      }
    }
  });

  it('slqSpectralEntropy is exact (to rounding) when the Krylov space closes: a matrix with 3 distinct eigenvalues', () => {
    const n = 60;
    const values = Float64Array.from({ length: n }, (_, i) => [0.9, 0.5, 0.1][i % 3]);
    const a = withSpectrum(values, 2);
    const exact = spectralEntropyBits(values, 1);
    const est = slqSpectralEntropy(denseBlockOperator(a, n), 1, values.reduce((s, v) => s + v, 0), {
      probes: 6,
      steps: 20,
      seed: 3,
    });
    // Every probe's quadrature is exact: the remaining error is Hutchinson's, small here.
    expect(est.steps).toBeLessThanOrEqual(4);
    expect(Math.abs(est.bits - exact)).toBeLessThanOrEqual(4 * est.standardError + 1e-9);
  });

  it('slqRules(op, {probes, steps, seed}) is reproducible for a seed; the WebAssembly and TypeScript operators agree', () => {
    const n = 50;
    const a = withSpectrum(Float64Array.from({ length: n }, (_, i) => (i + 1) / n), 4);
    const options = { probes: 11, steps: 10, seed: 9 };
    const block = slqRules(denseBlockOperator(a, n), options);
    expect(block.length).toBe(11);
    expect(slqRules(denseBlockOperator(a, n), options)).toEqual(block);
    expect(slqRules(denseBlockOperator(a, n), { ...options, seed: 10 })).not.toEqual(block);
    expect(denseBlockOperator(a, n).x.byteOffset).toBe(8 * n * n); // in WebAssembly memory, after the matrix
    expect(denseBlockOperator(a, n, { wasm: false }).x.byteOffset).toBe(0);
    const plain = slqRules(denseBlockOperator(a, n, { wasm: false }), options);
    for (let j = 0; j < options.probes; j++) {
      for (let k = 0; k < options.steps; k++) {
        expect(Math.abs(plain[j].nodes[k] - block[j].nodes[k])).toBeLessThan(1e-12);
        expect(Math.abs(plain[j].weights[k] - block[j].weights[k])).toBeLessThan(1e-12);
      }
    }
  });

  it('denseBlockOperator(a, n).apply() and denseBlockProduct equal SLQ_BLOCK separate products', () => {
    const r = randomSource(2);
    for (const n of [1, 7, 33]) {
      const a = Float64Array.from({ length: n * n }, () => r.normal());
      const x = Float64Array.from({ length: n * SLQ_BLOCK }, () => r.normal());
      const expected = new Float64Array(n * SLQ_BLOCK);
      for (let k = 0; k < SLQ_BLOCK; k++) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += a[i * n + j] * x[j * SLQ_BLOCK + k];
          expected[i * SLQ_BLOCK + k] = s;
        }
      }
      const y = new Float64Array(n * SLQ_BLOCK);
      denseBlockProduct(a, n, x, y);
      for (const wasm of [true, false]) {
        const op = denseBlockOperator(a, n, { wasm });
        op.x.set(x);
        op.apply();
        for (let i = 0; i < y.length; i++) {
          expect(Math.abs(op.y[i] - expected[i])).toBeLessThan(1e-12);
          expect(Math.abs(y[i] - expected[i])).toBeLessThan(1e-12);
        }
        op.release();
      }
    }
  });

  it('SLQ_WASM_BASE64 is SLQ_WAT assembled by wabt', async () => {
    expect(await assembleWat('slq.wat', SLQ_WAT)).toBe(SLQ_WASM_BASE64);
  });
});
