import { expectInfoplaneError as expectErrorWith } from '../../test/helpers/errors';
import { InfoplaneError } from '../core/errors';
import { digamma } from '../core/digamma';
import { jointNeighborCountsJs } from '../core/knn/jointNeighborCounts';
import { kthNeighborDistancesJs, useTree } from '../core/knn/kthNeighborDistances';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { samples } from '../core/samples';
import { consumeWarnings, setWarningHandler } from '../core/warn';
import { expectClose, loadCase, unitsOf } from '../../test/helpers/referenceCases';
import { kozachenkoLeonenko, ksg, ksgMixed, KSG_DEFAULTS, standardizeColumns } from './ksg';
import { estimatorSpec } from './registry';

const ksgSpec = estimatorSpec('ksg');

let restoreHandler: (message: string) => void;
beforeAll(() => {
  restoreHandler = setWarningHandler(null);
});
afterAll(() => {
  setWarningHandler(restoreHandler);
});
beforeEach(() => {
  consumeWarnings();
});

/** n x d standard normal rows from a seeded source. */
function gaussian(n: number, d: number, seed: number): number[][] {
  const random = randomSource(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => random.normal()));
}

function expectInfoplaneError(call: () => unknown, param: string, message?: RegExp): void {
  expectErrorWith(call, { param, message });
}

describe('ksg reference cases', () => {
  it('ksg(x, y, {k: 3, standardize: true, clipZero: true}) matches ksg_sklearn_1d_n700_k3 (scikit-learn)', () => {
    const c = loadCase('ksg_sklearn_1d_n700_k3');
    const r = ksg(c.x!, c.y!, { k: c.params.k, standardize: c.params.standardize, clipZero: c.params.clip_zero, units: unitsOf(c.params) });
    expectClose(r.value, c.expected.I, c.tolerance as number, 'I');
    expect(r.units).toBe('nats');
    expect(r.params).toEqual({ k: 3, standardize: true, clipZero: true, metric: 'max-norm', standardError: expect.any(Number) });
  });

  it('ksg(x, y, {k: 5}) matches ksg_npeet_dx9_dy2_n350_k5 (NPEET, multivariate)', () => {
    const c = loadCase('ksg_npeet_dx9_dy2_n350_k5');
    const r = ksg(c.x!, c.y!, { k: c.params.k, units: 'nats' });
    expectClose(r.value, c.expected.I, c.tolerance as number, 'I');
  });

  it('ksg(x, y) reproduces reference_estimate of analytic_ksg_gauss_rho0.75_n1500 to 1e-8 and the true MI within tolerance', () => {
    const c = loadCase('analytic_ksg_gauss_rho0.75_n1500');
    const r = ksg(c.x!, c.y!, { k: c.params.k, units: 'nats' });
    expectClose(r.value, c.reference_estimate!, 1e-8, 'reference_estimate');
    expectClose(r.value, c.expected.I, c.tolerance as number, 'I (closed form -ln(1 - rho^2) / 2)');
  });

  it('ksgMixed(x, labels, {k: 3, standardize: true, clipZero: true}) matches ksg_mixed_sklearn_1d_n700_c4_k3 (scikit-learn)', () => {
    const c = loadCase('ksg_mixed_sklearn_1d_n700_c4_k3');
    const r = ksgMixed(c.x!, c.labels!, { k: c.params.k, standardize: true, clipZero: true, units: 'nats' });
    expectClose(r.value, c.expected.I, c.tolerance as number, 'I');
    expect(r.params).toEqual({ k: 3, standardize: true, clipZero: true, metric: 'euclidean', samplesUsed: 700, standardError: expect.any(Number) });
  });

  it('ksgMixed(x, labels) reproduces reference_estimate of analytic_ksg_mixed_disjoint_3class_n1500 and H(Y) within tolerance', () => {
    const c = loadCase('analytic_ksg_mixed_disjoint_3class_n1500');
    const r = ksgMixed(c.x!, c.labels!, { k: c.params.k, units: 'nats' });
    expectClose(r.value, c.reference_estimate!, 1e-8, 'reference_estimate');
    expectClose(r.value, c.expected.I, c.tolerance as number, 'I (= H(Y))');
  });
});

describe('ksg properties', () => {
  const x = gaussian(300, 2, 1);
  const y = x.map((row, i) => [row[0] + 0.5 * gaussian(1, 1, 100 + i)[0][0]]);

  it('ksg(x, y) in bits equals the nats value / ln 2', () => {
    const nats = ksg(x, y, { units: 'nats' }).value;
    const bits = ksg(x, y).value;
    expect(bits).toBeCloseTo(nats / Math.LN2, 12);
    expect(ksg(x, y).units).toBe(KSG_DEFAULTS.units);
  });

  it('ksg(x, y) is symmetric and invariant to the order of the samples', () => {
    const a = ksg(x, y).value;
    expect(ksg(y, x).value).toBeCloseTo(a, 12);
    const order = Array.from({ length: x.length }, (_, i) => (i * 37) % x.length);
    expect(ksg(order.map((i) => x[i]), order.map((i) => y[i])).value).toBeCloseTo(a, 12);
  });

  it('ksg(x, y) is near 0 for independent variables and clipZero clips a negative estimate', () => {
    const a = gaussian(500, 1, 2);
    const b = gaussian(500, 1, 3);
    const raw = ksg(a, b, { units: 'nats' }).value;
    expect(Math.abs(raw)).toBeLessThan(0.05);
    expect(ksg(a, b, { clipZero: true }).value).toBe(Math.max(0, ksg(a, b).value));
  });

  it('ksg(x, y, {standardize: true}) equals ksg on columns divided by their population std', () => {
    const scaled = standardizeColumns(samples(Float64Array.from(x.flat()), x.length, 2));
    const want = ksg(scaled, standardizeColumns(samples(Float64Array.from(y.flat()), y.length, 1))).value;
    expect(ksg(x, y, { standardize: true }).value).toBe(want);
    // population std: a column [0, 2] has std 1, so it is unchanged
    expect(Array.from(standardizeColumns(samples(Float64Array.of(0, 2), 2, 1)).data)).toEqual([0, 2]);
  });

  it('ksg(x, y) returns a ties warning with the count of samples whose eps is 0 (exact duplicates)', () => {
    const dup = [[0], [0], [0], [0], [1], [2], [3.5], [4.25]];
    const r = ksg(dup, dup, { k: 3 });
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['ties', 'ties']);
    expect(r.warnings[0]).toMatchObject({ param: 'x', repeated: 4, n: 8, zeroRadius: 4, k: 3 });
    expect(r.warnings[0].message).toMatch(/4 of 8 samples of x \(50\.0%\) repeat another sample exactly.*4 samples have k = 3 or more exact copies in the joint space of x and y.*add tiny noise/);
    expect(r.warnings[1]).toMatchObject({ param: 'y', repeated: 4 });
    expect(ksg(x, y).warnings).toEqual([]);
    // ties in one marginal only (a dead unit): a warning although no eps is 0
    const dead = ksg(x, y.map((row, i) => (i % 3 === 0 ? [0] : row)));
    expect(dead.warnings).toEqual([expect.objectContaining({ code: 'ties', param: 'y', repeated: 100, zeroRadius: 0 })]);
    expect(dead.warnings[0].message).toMatch(/100 of 300 samples of y \(33\.3%\) repeat/);
    expect(consumeWarnings()).toEqual([]); // data, not stderr
  });

  it('ksgMixed(x, labels) drops singleton labels with a warning and accepts Labels', () => {
    const t = gaussian(60, 2, 4);
    const labels = t.map((_, i) => (i === 0 ? 9 : i % 2));
    const r = ksgMixed(t, labels);
    expect(r.params.samplesUsed).toBe(59);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'dropped-samples', dropped: 1, n: 60 })]);
    expect(r.warnings[0].message).toMatch(/1 samples whose label occurs only once were dropped/);
    const same = ksgMixed(t.slice(1), labels.slice(1));
    expect(r.value).toBeCloseTo(same.value, 12);
    expect(ksgMixed(t, toLabels(labels)).value).toBe(r.value);
  });

  it('ksgMixed(x, labels) warns when a class has k or more exact duplicates (radius 0)', () => {
    const t = [[0], [0], [0], [0], [1], [2], [3], [4]];
    const r = ksgMixed(t, [0, 0, 0, 0, 1, 1, 1, 1], { k: 3 });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'ties', param: 'x', repeated: 4, zeroRadius: 4 })]);
    expect(r.warnings[0].message).toMatch(/4 of 8 samples of x \(50\.0%\) repeat.*4 samples have k = 3 or more exact copies in the joint space of x and labels \(radius 0/);
  });

  it('ksgMixed(x, labels) is near 0 when labels are independent of x', () => {
    const t = gaussian(600, 1, 5);
    const random = randomSource(6);
    const labels = t.map(() => random.int(3));
    expect(Math.abs(ksgMixed(t, labels, { units: 'nats' }).value)).toBeLessThan(0.05);
  });

  it('kozachenkoLeonenko(x) approaches the entropy of a uniform square (0) and of a Gaussian', () => {
    const random = randomSource(7);
    const u = Array.from({ length: 2000 }, () => [random(), random()]);
    expect(Math.abs(kozachenkoLeonenko(u, { units: 'nats' }).value)).toBeLessThan(0.05);
    const g = gaussian(2000, 1, 8);
    const h = 0.5 * Math.log(2 * Math.PI * Math.E);
    expect(Math.abs(kozachenkoLeonenko(g, { k: 4, units: 'nats' }).value - h)).toBeLessThan(0.06);
    expect(kozachenkoLeonenko(g, { units: 'bits' }).value).toBeCloseTo(kozachenkoLeonenko(g, { units: 'nats' }).value / Math.LN2, 12);
  });

  it('kozachenkoLeonenko(x) of duplicated points is -Infinity with a warning', () => {
    const r = kozachenkoLeonenko([[1], [1], [1], [1], [2]], { k: 3 });
    expect(r.value).toBe(-Infinity);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'ties', repeated: 4, n: 5, zeroRadius: 4 })]);
    expect(r.params.standardError).toBeUndefined();
  });
});

describe('ksg with the k-d tree search', () => {
  /** KSG algorithm 1 in nats from the brute-force TypeScript kernel's counts (an independent path). */
  function bruteKsg(x: number[][], y: number[][], k: number): number {
    const n = x.length;
    const xs = samples(Float64Array.from(x.flat()), n, x[0].length);
    const ys = samples(Float64Array.from(y.flat()), n, y[0].length);
    const { nx, ny } = jointNeighborCountsJs(xs, ys, k);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += digamma(nx[i] + 1) + digamma(ny[i] + 1);
    return digamma(k) + digamma(n) - sum / n;
  }

  it('ksg(x, y) above the tree size rule equals KSG from brute-force counts, on continuous and integer-valued data', () => {
    const random = randomSource(21);
    for (const [n, dx, dy, k, integers] of [[1500, 1, 1, 3, false], [1200, 1, 1, 1, true], [2100, 2, 1, 4, false], [4096, 3, 1, 3, true]] as const) {
      expect(useTree(n, dx + dy, 8)).toBe(true); // the tree path runs
      const value = () => (integers ? random.int(6) : random.normal());
      const x = Array.from({ length: n }, () => Array.from({ length: dx }, value));
      const y = x.map((row) => Array.from({ length: dy }, (_, c) => (c === 0 ? row[0] : 0) + value()));
      expect(ksg(x, y, { k, units: 'nats' }).value).toBe(bruteKsg(x, y, k));
    }
  });

  it('kozachenkoLeonenko(x) above the tree size rule equals the formula on brute-force k-th distances', () => {
    const random = randomSource(22);
    for (const [n, d, k] of [[600, 1, 3], [1100, 2, 5]]) {
      expect(useTree(n, d, 7)).toBe(true);
      const x = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round(random.normal() * 100) / 100 + 1e-3 * random.normal()));
      const eps = kthNeighborDistancesJs(samples(Float64Array.from(x.flat()), n, d), k, 'chebyshev');
      let sumLog = 0;
      for (let i = 0; i < n; i++) sumLog += Math.log(eps[i]);
      const want = digamma(n) - digamma(k) + d * Math.LN2 + (d * sumLog) / n;
      expect(kozachenkoLeonenko(x, { k, units: 'nats' }).value).toBe(want);
    }
  });
});

describe('ksg errors', () => {
  const x = [[0], [1], [2], [3]];
  it('ksg(x, y, {k}) rejects k >= n, k = 0 and non-integer k, naming k, the range and the value', () => {
    expectInfoplaneError(() => ksg(x, x, { k: 4 }), 'k', /ksg: k must be an integer in \[1, 3\] \(n = 4\); got 4\./);
    expectInfoplaneError(() => ksg(x, x, { k: 0 }), 'k');
    expectInfoplaneError(() => ksg(x, x, { k: 1.5 }), 'k');
    expectInfoplaneError(() => ksgMixed(x, [0, 0, 1, 1], { k: 9 }), 'k', /\[1, 3\]/);
    expectInfoplaneError(() => kozachenkoLeonenko(x, { k: 4 }), 'k');
  });

  it('ksg(x, y) rejects NaN, ragged rows, empty and single-sample inputs and mismatched lengths', () => {
    expectInfoplaneError(() => ksg([[0], [NaN], [1]], [[0], [1], [2]]), 'x', /row 1, column 0/);
    expectInfoplaneError(() => ksg([[0, 1], [1]], [[0], [1]]), 'x');
    expectInfoplaneError(() => ksg([], []), 'x');
    expectInfoplaneError(() => ksg([[1]], [[1]]), 'x');
    expectInfoplaneError(() => ksg(x, [[0], [1], [2]]), 'y');
    expectInfoplaneError(() => ksg(x, [[0], [Infinity], [2], [3]]), 'y');
  });

  it('ksg(x, y, options) rejects unknown options, non-boolean flags and unknown units', () => {
    expectInfoplaneError(() => ksg(x, x, { kk: 3 } as never), 'options');
    expectInfoplaneError(() => ksg(x, x, { standardize: 'yes' } as never), 'standardize');
    expectInfoplaneError(() => ksg(x, x, { clipZero: 1 } as never), 'clipZero');
    expectInfoplaneError(() => ksg(x, x, { units: 'bans' } as never), 'units');
  });

  it('ksgMixed(x, labels) rejects bad labels, mismatched lengths and all-singleton classes', () => {
    expectInfoplaneError(() => ksgMixed(x, [0, 1.5, 1, 1]), 'labels');
    expectInfoplaneError(() => ksgMixed(x, [0, -1, 1, 1]), 'labels');
    expectInfoplaneError(() => ksgMixed(x, [0, 0, 1]), 'labels');
    expectInfoplaneError(() => ksgMixed(x, [0, 1, 2, 3], { k: 1 }), 'labels', /at least one class with 2 or more samples/);
  });
});

describe('ksgSpec', () => {
  it('ksgSpec.point(x, t, labels) gives I(X;T) by ksg and I(T;Y) by ksgMixed', () => {
    const c = loadCase('analytic_ksg_mixed_disjoint_3class_n1500');
    const t = samples(Float64Array.from(c.x!.flat()), c.x!.length, 1);
    const x = samples(Float64Array.from(gaussian(t.n, 1, 9).flat()), t.n, 1);
    const labels = toLabels(c.labels!);
    const p = ksgSpec.point!(x, t, labels, { units: 'nats' }) as { ixt: number; ity: number; units: string; params: Record<string, unknown> };
    expect(p.ixt).toBe(ksg(x, t, { units: 'nats' }).value);
    expectClose(p.ity, c.reference_estimate!, 1e-8, 'I(T;Y)');
    expect(p.units).toBe('nats');
    expect(p.params).toMatchObject({ k: 3, metricXT: 'max-norm', metricTY: 'euclidean' });
  });

  it('ksgSpec.mi(a, b) dispatches on Labels; ksgSpec.entropy(a) is Kozachenko-Leonenko', () => {
    const c = loadCase('ksg_mixed_sklearn_1d_n700_c4_k3');
    const a = samples(Float64Array.from(c.x!.flat()), c.x!.length, 1);
    const viaSpec = ksgSpec.mi!(a, toLabels(c.labels!), { standardize: true, clipZero: true, units: 'nats' }) as { value: number };
    expectClose(viaSpec.value, c.expected.I, 1e-8, 'I');
    const b = samples(Float64Array.from(c.labels!), c.labels!.length, 1);
    expect((ksgSpec.mi!(a, b, {}) as { value: number }).value).toBe(ksg(a, b).value);
    expect((ksgSpec.entropy!(a, { k: 4 }) as { value: number }).value).toBe(kozachenkoLeonenko(a, { k: 4 }).value);
  });
});
