import { setMemoryBudget } from '../core/memory';
import { randomSource } from '../core/random';
import { Samples } from '../core/samples';
import { hadamard, matrix } from '../../test/helpers/matrices';
import { symmetricEigenvalues } from '../core/spectral/symmetricEigenvalues';
import { expectInfoplaneError } from '../../test/helpers/errors';
import { codingRate, codingRatePoint, rateReduction } from './codingRate';
import { estimatorSpec } from './registry';

/** `count` orthonormal vectors of length `len` (Gram-Schmidt on seeded Gaussian vectors). */
function orthonormal(len: number, count: number, seed: number): Float64Array[] {
  const random = randomSource(seed);
  const out: Float64Array[] = [];
  while (out.length < count) {
    const v = Float64Array.from({ length: len }, () => random.normal());
    for (const u of out) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += u[i] * v[i];
      for (let i = 0; i < len; i++) v[i] -= dot * u[i];
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out;
}

/** T = U diag(s) V' with orthonormal U (n x r) and V (d x r): T'T has eigenvalues s_i^2 and d - r zeros. */
function withSingularValues(n: number, d: number, s: number[], seed: number): Samples {
  const u = orthonormal(n, s.length, seed);
  const v = orthonormal(d, s.length, seed + 1);
  return matrix(n, d, (i, j) => s.reduce((sum, sk, k) => sum + u[k][i] * sk * v[k][j], 0));
}

describe('codingRate', () => {
  it('codingRate(t) of an orthogonal T (T\'T = c I) is d/2 ln(1 + d c / (n eps^2))', () => {
    // the first 4 columns of the 8 x 8 Hadamard matrix: T'T = 8 I_4
    const t = matrix(8, 4, hadamard);
    for (const eps of [0.1, Math.SQRT1_2, 2]) {
      const expected = (4 / 2) * Math.log(1 + (4 * 8) / (8 * eps * eps));
      expect(codingRate(t, { eps, units: 'nats' }).value).toBeCloseTo(expected, 12);
    }
    // the default eps is sqrt(0.5): eps^2 = 0.5
    const r = codingRate(t, { units: 'nats' });
    expect(r.value).toBeCloseTo(2 * Math.log(1 + 4 / 0.5), 12);
    expect(r.params).toMatchObject({ eps: Math.SQRT1_2, epsSquared: expect.closeTo(0.5, 15), center: false, normalize: false, n: 8, d: 4 });
  });

  it('codingRate(t) of a rank-deficient T is 1/2 sum ln(1 + a s_i^2) over its nonzero singular values, on either Gram side', () => {
    for (const [n, d] of [
      [12, 5], // d x d scatter matrix
      [3, 7], // n x n Gram matrix
    ]) {
      const s = [3, 0.5];
      const t = withSingularValues(n, d, s, 11);
      const a = d / (n * 0.25);
      const expected = 0.5 * s.reduce((sum, v) => sum + Math.log(1 + a * v * v), 0);
      expect({ n, d, r: codingRate(t, { eps: 0.5, units: 'nats' }).value }).toEqual({ n, d, r: expect.closeTo(expected, 11) });
    }
  });

  it('codingRate(t) agrees with the eigenvalues of T\'T and is the same for T and its transpose scaled alike (Sylvester)', () => {
    const random = randomSource(5);
    const t = matrix(9, 6, () => random.normal());
    const tt = new Float64Array(36);
    for (let i = 0; i < 9; i++) for (let p = 0; p < 6; p++) for (let q = 0; q < 6; q++) tt[p * 6 + q] += t.data[i * 6 + p] * t.data[i * 6 + q];
    const a = 6 / (9 * 0.3 * 0.3);
    const expected = 0.5 * Array.from(symmetricEigenvalues(tt, 6)).reduce((sum, l) => sum + Math.log(1 + a * l), 0);
    expect(codingRate(t, { eps: 0.3, units: 'nats' }).value).toBeCloseTo(expected, 11);
    // T' (6 rows of 9 columns) has the same nonzero spectrum; with eps^2 scaled so that d / (n eps^2) is unchanged
    const transposed = matrix(6, 9, (i, j) => t.data[j * 6 + i]);
    const epsT = Math.sqrt(9 / (6 * a));
    expect(codingRate(transposed, { eps: epsT, units: 'nats' }).value).toBeCloseTo(expected, 11);
  });

  it('codingRate(t) depends on T only through T / eps, and is unchanged by rotating the columns', () => {
    const random = randomSource(9);
    const t = matrix(20, 3, () => random.normal());
    const base = codingRate(t, { eps: 0.4 }).value;
    expect(codingRate(matrix(20, 3, (i, j) => 5 * t.data[i * 3 + j]), { eps: 2 }).value).toBeCloseTo(base, 11);
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const rotated = matrix(20, 3, (i, j) => {
      const [x, y, z] = [t.data[i * 3], t.data[i * 3 + 1], t.data[i * 3 + 2]];
      return j === 0 ? c * x - s * y : j === 1 ? s * x + c * y : z;
    });
    expect(codingRate(rotated, { eps: 0.4 }).value).toBeCloseTo(base, 11);
  });

  it('codingRate(t, {center, normalize}) transforms T first and reports it', () => {
    const random = randomSource(2);
    const t = matrix(15, 4, () => random.normal());
    const shifted = matrix(15, 4, (i, j) => t.data[i * 4 + j] + 10 + j);
    expect(codingRate(shifted, { center: true }).value).toBeCloseTo(codingRate(t, { center: true }).value, 10);
    expect(codingRate(shifted, { center: true }).params.center).toBe(true);
    // normalised rows: the rate of rows scaled to unit length by hand
    const unit = matrix(15, 4, (i, j) => t.data[i * 4 + j] / Math.hypot(...t.data.subarray(i * 4, i * 4 + 4)));
    const r = codingRate(t, { normalize: true });
    expect(r.value).toBeCloseTo(codingRate(unit).value, 12);
    expect(r.params.normalize).toBe(true);
  });

  it('codingRate(t) refuses a Gram matrix over the memory budget, before allocating', () => {
    setMemoryBudget(1000);
    try {
      expectInfoplaneError(() => codingRate(matrix(20, 20, (i, j) => i + j)), { code: 'too_large', param: 't' });
    } finally {
      setMemoryBudget(undefined);
    }
  });
});

describe('rateReduction', () => {
  it('rateReduction(t, labels) of two classes on orthogonal subspaces has its closed form', () => {
    // class 0: the four sign rows on axes 0, 1 (T_0'T_0 = 4 I_2); class 1: two rows +-2 on axis 2 (T_1'T_1 = 8)
    const rows = [
      [1, 1, 0],
      [1, -1, 0],
      [-1, 1, 0],
      [-1, -1, 0],
      [0, 0, 2],
      [0, 0, -2],
    ];
    const labels = [0, 0, 0, 0, 1, 1];
    const eps = 0.8;
    const e2 = eps * eps;
    const r = 0.5 * (2 * Math.log(1 + (3 / (6 * e2)) * 4) + Math.log(1 + (3 / (6 * e2)) * 8));
    const r0 = 0.5 * 2 * Math.log(1 + (3 / (4 * e2)) * 4);
    const r1 = 0.5 * Math.log(1 + (3 / (2 * e2)) * 8);
    const result = rateReduction(rows, labels, { eps, units: 'nats' });
    expect(result.value).toBeCloseTo(r - (4 / 6) * r0 - (2 / 6) * r1, 12);
    expect(result.params.codingRate).toBeCloseTo(r, 12);
    expect((result.params.classRates as number[])[0]).toBeCloseTo(r0, 12);
    expect((result.params.classRates as number[])[1]).toBeCloseTo(r1, 12);
    expect(result.params.classes).toBe(2);
  });

  it('rateReduction(t, labels) is 0 with a single class, >= 0 for any labels, largest for labels that follow the subspaces', () => {
    const random = randomSource(4);
    const t = matrix(30, 4, () => random.normal());
    expect(rateReduction(t, new Array(30).fill(3)).value).toBeCloseTo(0, 12);
    // rows on axis 0 (even rows) or axis 1 (odd rows)
    const split = matrix(30, 2, (i, j) => (j === (i & 1) ? 1 + 0.1 * random.normal() : 0));
    const byAxis = rateReduction(split, Array.from({ length: 30 }, (_, i) => i & 1)).value;
    const across = rateReduction(split, Array.from({ length: 30 }, (_, i) => (i >> 1) & 1)).value;
    expect(across).toBeGreaterThanOrEqual(-1e-12);
    expect(byAxis).toBeGreaterThan(across + 0.3);
  });
});

describe('codingRatePoint', () => {
  it('codingRatePoint(x, t, labels) gives R(T) as ixt and hT, ΔR as ity, and sum_c p_c R_c as hTgivenY', () => {
    const t = [
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    const labels = [0, 0, 1, 1];
    const p = codingRatePoint([[0], [1], [2], [3]], t, labels, { eps: 1, units: 'nats' });
    // T'T = 2 I, a = 2 / 4: R = ln 2; each class: T_c'T_c = e e', a = 2 / 2: R_c = 1/2 ln 3
    expect(p.ixt).toBeCloseTo(Math.log(2), 14);
    expect(p.hT).toBeCloseTo(Math.log(2), 14);
    expect(p.hTgivenY).toBeCloseTo(0.5 * Math.log(3), 14);
    expect(p.ity).toBeCloseTo(Math.log(2) - 0.5 * Math.log(3), 14);
    expect(p.ity).toBeCloseTo(rateReduction(t, labels, { eps: 1, units: 'nats' }).value, 14);
    expect(p.warnings).toEqual([]);
  });

  it('the registered coding-rate estimator declares the names of its pair', () => {
    expect(estimatorSpec('coding-rate').quantities).toEqual({ ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)', hT: 'coding rate R(T)' });
  });
});
