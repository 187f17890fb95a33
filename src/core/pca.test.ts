import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { canonicalRowOrder, principalComponents, projectOnAxes, symmetricEigen } from './pca';
import { PCA_WASM_BASE64, pcaWasm } from './pcaWasm';
import { randomSource } from './random';
import { samples, Samples } from './samples';
import { assembleWatFile } from '../../test/helpers/wasm';

/** n samples with independent Gaussian coordinates of standard deviations `stds`, rotated by a random orthonormal basis (returned). */
function rotatedGaussian(n: number, stds: number[], seed: number): { s: Samples; basis: number[][] } {
  const d = stds.length;
  const random = randomSource(seed);
  // a random orthonormal basis by Gram-Schmidt
  const basis: number[][] = [];
  while (basis.length < d) {
    const v = Array.from({ length: d }, () => random.normal());
    for (const b of basis) {
      const dot = v.reduce((s, x, i) => s + x * b[i], 0);
      b.forEach((x, i) => (v[i] -= dot * x));
    }
    const norm = Math.hypot(...v);
    basis.push(v.map((x) => x / norm));
  }
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const z = stds[j] * random.normal() + 3; // a non-zero mean, removed by the centring
      for (let c = 0; c < d; c++) data[i * d + c] += z * basis[j][c];
    }
  }
  return { s: samples(data, n, d), basis };
}

function covarianceEigen(s: Samples): { values: number[]; vectors: Matrix } {
  const { data, n, d } = s;
  const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
  const m = new Matrix(rows);
  const centred = m.clone().subRowVector(m.mean('column'));
  const cov = centred.transpose().mmul(centred).div(n);
  const e = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const order = e.realEigenvalues.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]);
  return { values: order.map(([v]) => v), vectors: new Matrix(order.map(([, i]) => e.eigenvectorMatrix.getColumn(i))) };
}

describe('symmetricEigen', () => {
  it('symmetricEigen diagonalises a symmetric matrix: A v = lambda v, orthonormal vectors, decreasing values', () => {
    const m = 6;
    const random = randomSource(1);
    const a = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = i; j < m; j++) a[i * m + j] = a[j * m + i] = random.normal();
    const { values, vectors } = symmetricEigen(a, m);
    for (let j = 0; j < m; j++) {
      if (j > 0) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
      for (let r = 0; r < m; r++) {
        let av = 0;
        for (let c = 0; c < m; c++) av += a[r * m + c] * vectors[c * m + j];
        expect(av).toBeCloseTo(values[j] * vectors[r * m + j], 12);
      }
      for (let q = 0; q < m; q++) {
        let dot = 0;
        for (let r = 0; r < m; r++) dot += vectors[r * m + j] * vectors[r * m + q];
        expect(dot).toBeCloseTo(j === q ? 1 : 0, 12);
      }
    }
  });
});

describe('principalComponents', () => {
  it('principalComponents finds known principal axes and variances (rotated Gaussian, d = 40, k = 3)', () => {
    const stds = [5, 3, 2, ...Array.from({ length: 37 }, () => 0.3)];
    const { s, basis } = rotatedGaussian(4000, stds, 2);
    const pca = principalComponents(s, 3);
    expect(pca.converged).toBe(true);
    for (let j = 0; j < 3; j++) {
      // |cos| between the found axis and the true one: sampling error of an axis is about std_other / (gap sqrt(n))
      const cos = Math.abs(basis[j].reduce((sum, v, c) => sum + v * pca.axes[j * 40 + c], 0));
      expect(cos).toBeGreaterThan(0.995);
      // the sample variance of a Gaussian coordinate: relative error ~ sqrt(2 / n) = 2.2%; allow 4 sigma
      expect(Math.abs(pca.variances[j] / stds[j] ** 2 - 1)).toBeLessThan(0.09);
    }
    const total = stds.reduce((sum, v) => sum + v * v, 0);
    expect(pca.explained).toBeCloseTo((25 + 9 + 4) / total, 1);
  });

  it('principalComponents matches ml-matrix eigenvectors of the covariance (small d, both the exact and the iterative path)', () => {
    const { s } = rotatedGaussian(500, [4, 3, 2.5, 2, 1.5, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02], 3);
    const ref = covarianceEigen(s);
    for (const oversample of [20, 2]) {
      const pca = principalComponents(s, 4, { oversample, tolerance: 1e-13, maxIterations: 500 });
      expect(pca.converged).toBe(true);
      for (let j = 0; j < 4; j++) {
        expect(pca.variances[j]).toBeCloseTo(ref.values[j], 9);
        const cos = Math.abs(ref.vectors.getRow(j).reduce((sum, v, c) => sum + v * pca.axes[j * 16 + c], 0));
        expect(cos).toBeCloseTo(1, 6);
      }
      const trace = ref.values.reduce((a, b) => a + b, 0);
      expect(pca.totalVariance).toBeCloseTo(trace, 9);
    }
  });

  it('principalComponents does not depend on the order of the rows, bit for bit (a degenerate eigenspace included)', () => {
    // 48 binary rows: bits 0-3 balanced and uncorrelated, so 0.25 is a 4-fold eigenvalue
    const data = new Float64Array(48 * 6);
    for (let i = 0; i < 48; i++) for (let b = 0; b < 6; b++) data[i * 6 + b] = (i >> b) & 1;
    const s = samples(data, 48, 6);
    const perm = Array.from({ length: 48 }, (_, i) => (i * 29) % 48);
    const shuffled = new Float64Array(data.length);
    perm.forEach((from, to) => shuffled.set(data.subarray(from * 6, from * 6 + 6), to * 6));
    const a = principalComponents(s, 4);
    const b = principalComponents(samples(shuffled, 48, 6), 4);
    expect(Array.from(b.axes)).toEqual(Array.from(a.axes));
    expect(Array.from(canonicalRowOrder(samples(shuffled, 48, 6))).map((i) => perm[i])).toEqual(Array.from(canonicalRowOrder(s)));
  });

  it('projectOnAxes gives centred scores whose variances are the principal variances', () => {
    const { s } = rotatedGaussian(1000, [3, 1, 0.5, 0.1], 4);
    const pca = principalComponents(s, 2);
    const scores = projectOnAxes(s, pca);
    for (let j = 0; j < 2; j++) {
      let sum = 0, ss = 0;
      for (let i = 0; i < 1000; i++) {
        sum += scores.data[i * 2 + j];
        ss += scores.data[i * 2 + j] ** 2;
      }
      expect(sum / 1000).toBeCloseTo(0, 10);
      expect(ss / 1000).toBeCloseTo(pca.variances[j], 9);
    }
  });

  it('principalComponents of constant data keeps everything (explained = 1) and of rank-1 data finds its direction', () => {
    const constant = principalComponents(samples(new Float64Array(30).fill(2), 10, 3), 2);
    expect(constant.explained).toBe(1);
    expect(Array.from(constant.variances)).toEqual([0, 0]);
    const line = new Float64Array(50 * 20);
    for (let i = 0; i < 50; i++) for (let c = 0; c < 20; c++) line[i * 20 + c] = i * (c + 1);
    const pca = principalComponents(samples(line, 50, 20), 3);
    const norm = Math.sqrt(Array.from({ length: 20 }, (_, c) => (c + 1) ** 2).reduce((a, b) => a + b, 0));
    for (let c = 0; c < 20; c++) expect(pca.axes[c]).toBeCloseTo((c + 1) / norm, 10);
    expect(pca.explained).toBeCloseTo(1, 12);
  });
});

describe('principalComponents (WebAssembly kernel)', () => {
  it('PCA_WASM_BASE64 is pcaKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'pcaKernels.wat')).toBe(PCA_WASM_BASE64);
  });

  it('principalComponents with the WebAssembly kernel matches the TypeScript loops (odd n and d, l not a multiple of 4, several chunks)', () => {
    expect(pcaWasm()).not.toBeNull(); // Node 20 has WebAssembly SIMD: the comparison below must exercise it
    // d = 33 (odd: a padding column), n = 4001 (odd, and more than one 1 MB chunk of 34-double rows), k = 3 (l = 11: a padding basis row)
    const stds = [6, 4, 3, 2, 1.5, 1, ...Array.from({ length: 27 }, (_, i) => 0.5 / (i + 1))];
    const { s } = rotatedGaussian(4001, stds, 5);
    const fast = principalComponents(s, 3, { tolerance: 1e-12, maxIterations: 200 });
    const slow = principalComponents(s, 3, { tolerance: 1e-12, maxIterations: 200, wasm: false });
    expect(fast.converged && slow.converged).toBe(true);
    expect(Math.abs(fast.iterations - slow.iterations)).toBeLessThanOrEqual(1); // the same iteration up to rounding
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(fast.variances[j] / slow.variances[j] - 1)).toBeLessThan(1e-11);
      for (let c = 0; c < 33; c++) expect(fast.axes[j * 33 + c]).toBeCloseTo(slow.axes[j * 33 + c], 8);
    }
    const a = projectOnAxes(s, fast);
    const b = projectOnAxes(s, fast, { wasm: false });
    let worst = 0;
    for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
    expect(worst).toBeLessThan(1e-11);
  });

  it('principalComponents with the WebAssembly kernel still does not depend on the row order, bit for bit', () => {
    const { s } = rotatedGaussian(301, [3, 2, 1, 0.5, 0.2, 0.1, 0.05], 6);
    const perm = Array.from({ length: 301 }, (_, i) => (i * 97) % 301);
    const shuffled = new Float64Array(s.data.length);
    perm.forEach((from, to) => shuffled.set(s.data.subarray(from * 7, from * 7 + 7), to * 7));
    const a = principalComponents(s, 2, { oversample: 2 });
    const b = principalComponents(samples(shuffled, 301, 7), 2, { oversample: 2 });
    expect(Array.from(b.axes)).toEqual(Array.from(a.axes));
    expect(Array.from(b.variances)).toEqual(Array.from(a.variances));
  });
});
