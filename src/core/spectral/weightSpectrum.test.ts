import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { randomSource } from '../random';
import { singularValues, weightMatrixShape, weightSpectrum } from './weightSpectrum';

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const random = randomSource(seed);
  return Float64Array.from({ length: rows * cols }, () => random.normal());
}

/** An n x n orthogonal matrix: the product of k Householder reflections I - 2 v v' / v'v. */
function orthogonal(n: number, seed: number): Float64Array {
  let q = Matrix.eye(n, n);
  const random = randomSource(seed);
  for (let k = 0; k < 3; k++) {
    const v = Matrix.columnVector(Array.from({ length: n }, () => random.normal()));
    const h = Matrix.eye(n, n).sub(v.mmul(v.transpose()).mul(2 / v.transpose().mmul(v).get(0, 0)));
    q = q.mmul(h);
  }
  return Float64Array.from(q.to1DArray());
}

function transpose(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return out;
}

/** ln |det A| by Gaussian elimination with partial pivoting (an independent route to the log-volume of a square matrix). */
function logAbsDet(data: Float64Array, n: number): number {
  const a = Float64Array.from(data);
  let sum = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (p !== c) for (let j = 0; j < n; j++) [a[c * n + j], a[p * n + j]] = [a[p * n + j], a[c * n + j]];
    const pivot = a[c * n + c];
    sum += Math.log(Math.abs(pivot));
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / pivot;
      for (let j = c; j < n; j++) a[r * n + j] -= f * a[c * n + j];
    }
  }
  return sum;
}

describe('weightSpectrum', () => {
  it('weightSpectrum of an orthogonal matrix: kappa 1, log-volume 0, stable rank n', () => {
    for (const n of [2, 5, 30]) {
      const w = weightSpectrum(orthogonal(n, n), n, n);
      expect(w.kappa).toBeCloseTo(1, 12);
      expect(w.logVolume).toBeCloseTo(0, 11);
      expect(w.stableRank).toBeCloseTo(n, 10);
      expect(w.rank).toBe(n);
      expect(w.shape).toEqual([n, n]);
    }
  });

  it('weightSpectrum of orthonormal columns (a 7 x 3 slice of an orthogonal matrix): kappa 1, stable rank 3, either orientation', () => {
    const q = orthogonal(7, 3);
    const cols = new Float64Array(7 * 3);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 3; j++) cols[i * 3 + j] = q[i * 7 + j];
    for (const [data, rows, c] of [[cols, 7, 3], [transpose(cols, 7, 3), 3, 7]] as const) {
      const w = weightSpectrum(data, rows, c);
      expect(w.kappa).toBeCloseTo(1, 12);
      expect(w.logVolume).toBeCloseTo(0, 12);
      expect(w.stableRank).toBeCloseTo(3, 12);
    }
  });

  it('weightSpectrum of diag(3, 2, 1): kappa 3, log-volume ln 6, stable rank 14/9', () => {
    const w = weightSpectrum(Float64Array.from([3, 0, 0, 0, 2, 0, 0, 0, 1]), 3, 3);
    expect(w.sMax).toBeCloseTo(3, 14);
    expect(w.sMin).toBeCloseTo(1, 14);
    expect(w.kappa).toBeCloseTo(3, 14);
    expect(w.logVolume).toBeCloseTo(Math.log(6), 14);
    expect(w.stableRank).toBeCloseTo(14 / 9, 14);
  });

  it('weightSpectrum of a rank-deficient matrix: kappa Infinity, log-volume -Infinity, the numerical rank', () => {
    // columns 2 and 3 are multiples of column 1: rank 1
    const w = weightSpectrum(Float64Array.from([1, 2, 3, 2, 4, 6, 3, 6, 9, 4, 8, 12]), 4, 3);
    expect(w.kappa).toBe(Infinity);
    expect(w.logVolume).toBe(-Infinity);
    expect(w.rank).toBe(1);
    // rank 1: the Frobenius norm is s_max, so the stable rank is 1
    expect(w.stableRank).toBeCloseTo(1, 12);
    // a random 9 x 6 matrix of rank 4 (a product 9 x 4 times 4 x 6), both orientations
    const a = new Matrix(Array.from({ length: 9 }, (_, i) => Array.from(randomMatrix(1, 4, 100 + i))));
    const b = new Matrix(Array.from({ length: 4 }, (_, i) => Array.from(randomMatrix(1, 6, 200 + i))));
    const p = Float64Array.from(a.mmul(b).to1DArray());
    for (const [data, rows, cols] of [[p, 9, 6], [transpose(p, 9, 6), 6, 9]] as const) {
      const s = weightSpectrum(data, rows, cols);
      expect(s.rank).toBe(4);
      expect(s.kappa).toBe(Infinity);
    }
  });

  it('weightSpectrum is invariant to W -> cW (kappa, stable rank) and its log-volume shifts by min(rows, cols) ln c', () => {
    const data = randomMatrix(12, 5, 1);
    const w = weightSpectrum(data, 12, 5);
    for (const c of [1e-3, 0.5, 7]) {
      const scaled = weightSpectrum(data.map((v) => c * v), 12, 5);
      expect(scaled.kappa).toBeCloseTo(w.kappa, 10);
      expect(scaled.stableRank).toBeCloseTo(w.stableRank, 12);
      expect(scaled.logVolume).toBeCloseTo(w.logVolume + 5 * Math.log(c), 10);
    }
    // and to transposition
    const t = weightSpectrum(transpose(data, 12, 5), 5, 12);
    expect(t.kappa).toBeCloseTo(w.kappa, 10);
    expect(t.logVolume).toBeCloseTo(w.logVolume, 10);
    expect(t.stableRank).toBeCloseTo(w.stableRank, 12);
  });

  it('weightSpectrum of a square matrix: log-volume = ln |det W| (Gaussian elimination)', () => {
    for (const n of [3, 10, 40]) {
      const data = randomMatrix(n, n, n);
      expect(weightSpectrum(data, n, n).logVolume).toBeCloseTo(logAbsDet(data, n), 8);
    }
  });

  it('singularValues agree with an SVD (ml-matrix) of random matrices, descending', () => {
    for (const [rows, cols] of [[20, 8], [8, 20], [30, 30]]) {
      const data = randomMatrix(rows, cols, rows * 100 + cols);
      const m = new Matrix(Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols))));
      const want = new SingularValueDecomposition(m, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).diagonal;
      const got = singularValues(data, rows, cols);
      expect(got).toHaveLength(Math.min(rows, cols));
      got.forEach((s, i) => expect(s).toBeCloseTo(want[i], 10));
      for (let i = 1; i < got.length; i++) expect(got[i]).toBeLessThanOrEqual(got[i - 1]);
    }
  });

  it('weightMatrixShape reads a convolution kernel kh x kw x cin x cout as (kh*kw*cin) x cout and has none for a bias', () => {
    expect(weightMatrixShape([3, 3, 16, 32])).toEqual([144, 32]);
    expect(weightMatrixShape([12, 10])).toEqual([12, 10]);
    expect(weightMatrixShape([5, 4, 8])).toEqual([20, 8]);
    expect(weightMatrixShape([10])).toBeUndefined();
  });
});
