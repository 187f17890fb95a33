import { randomSource } from '../core/random';
import { hadamard, matrix } from '../../test/helpers/matrices';
import { effectiveRankEntropy } from './effectiveRank';
import { estimatorSpec } from './registry';

describe('effectiveRankEntropy', () => {
  it('effectiveRankEntropy(t) of an isotropic T (covariance proportional to I) is ln d nats, effective rank d', () => {
    // columns 1..d of the 16 x 16 Hadamard matrix: each sums to 0 (orthogonal to column 0), mutually orthogonal,
    // equal squared length: the centred covariance is exactly (16 / 15) I_d
    for (const d of [1, 3, 8, 15]) {
      const t = matrix(16, d, (i, j) => hadamard(i, j + 1));
      const r = effectiveRankEntropy(t, { units: 'nats' });
      expect({ d, S: r.value, rank: r.params.effectiveRank }).toEqual({ d, S: expect.closeTo(Math.log(d), 12), rank: expect.closeTo(d, 10) });
      expect(r.params.rankBound).toBe(d);
    }
    // bits: log2 d
    expect(effectiveRankEntropy(matrix(16, 8, (i, j) => hadamard(i, j + 1))).value).toBeCloseTo(3, 12);
  });

  it('effectiveRankEntropy(t) of unequal variances on orthogonal axes is the entropy of the normalised variances', () => {
    // columns scaled by 1, 2, 3: variances proportional to 1, 4, 9
    const t = matrix(8, 3, (i, j) => (j + 1) * hadamard(i, j + 1));
    const p = [1, 4, 9].map((v) => v / 14);
    const expected = -p.reduce((s, v) => s + v * Math.log(v), 0);
    expect(effectiveRankEntropy(t, { units: 'nats' }).value).toBeCloseTo(expected, 12);
  });

  it('effectiveRankEntropy(t) of a rank-1 layer is 0, effective rank 1, with a collapse warning', () => {
    const random = randomSource(1);
    const direction = Array.from({ length: 20 }, () => random.normal());
    const t = matrix(50, 20, (i, j) => (i % 7) * direction[j] + 3);
    const r = effectiveRankEntropy(t);
    expect(r.value).toBeCloseTo(0, 12);
    expect(r.params.effectiveRank).toBeCloseTo(1, 10);
    expect(r.warnings.map((w) => w.code)).toEqual(['collapse']);
    expect(r.warnings[0]).toMatchObject({ rankBound: 20, fraction: 0.1 });
    // collapseFraction 0 turns the warning off
    expect(effectiveRankEntropy(t, { collapseFraction: 0 }).warnings).toEqual([]);
  });

  it('effectiveRankEntropy(t) of an isotropic Gaussian sample has no collapse warning', () => {
    const random = randomSource(8);
    const r = effectiveRankEntropy(matrix(400, 20, () => random.normal()));
    expect(r.warnings).toEqual([]);
    // Marchenko-Pastur (d / n = 0.05): close to d
    expect(r.params.effectiveRank as number).toBeGreaterThan(18);
  });

  it('effectiveRankEntropy(t) of a constant layer is 0 with effective rank 0 and a collapse warning', () => {
    const r = effectiveRankEntropy(matrix(10, 4, () => 2.5));
    expect(r.value).toBe(0);
    expect(r.params.effectiveRank).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['collapse']);
  });

  it('effectiveRankEntropy(t) is invariant to rotation, scaling and translation of T, and uses the n x n side when n < d', () => {
    const random = randomSource(3);
    const t = matrix(30, 4, (_, j) => (j + 1) * random.normal());
    const base = effectiveRankEntropy(t).value;
    const c = Math.cos(1.1);
    const s = Math.sin(1.1);
    const moved = matrix(30, 4, (i, j) => {
      const x = t.data[i * 4];
      const y = t.data[i * 4 + 2];
      const v = j === 0 ? c * x - s * y : j === 2 ? s * x + c * y : t.data[i * 4 + j];
      return 7 * v - 4;
    });
    expect(effectiveRankEntropy(moved).value).toBeCloseTo(base, 11);
    // n < d (4 rows of 30 columns, the n x n Gram side): rows +a, -a, +b, -b with a, b orthogonal of equal
    // length span two directions of equal variance: S = ln 2, while min(n - 1, d) = 3
    const wide = matrix(4, 30, (i, j) => (i === 0 ? 1 : i === 1 ? -1 : 0) * (j % 2 === 0 ? 1 : 0) + (i === 2 ? 1 : i === 3 ? -1 : 0) * (j % 2 === 1 ? 1 : 0));
    const r = effectiveRankEntropy(wide, { units: 'nats' });
    expect(r.value).toBeCloseTo(Math.log(2), 12);
    expect(r.params.rankBound).toBe(3);
  });

  it('effectiveRankEntropy(t, {center: false}) uses the second-moment matrix', () => {
    // rows all equal: centred it is constant; uncentred it has one direction
    const t = matrix(5, 3, (_, j) => j + 1);
    const r = effectiveRankEntropy(t, { center: false });
    expect(r.value).toBeCloseTo(0, 12);
    expect(r.params.effectiveRank).toBeCloseTo(1, 12);
    expect(r.params.rankBound).toBe(3);
  });

  it('the registered effective-rank estimator names its entropy', () => {
    expect(estimatorSpec('effective-rank').quantities).toEqual({ hT: 'von Neumann entropy S(T)' });
  });
});
