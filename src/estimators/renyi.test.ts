import { expectInfoplaneError as expectErrorWith } from '../../test/helpers/errors';
import { InfoplaneError } from '../core/errors';
import { bandwidthRows, medianDistance } from '../core/kernels/bandwidth';
import { gaussianGram } from '../core/pairwiseSquaredDistances';
import { oneHot, toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { samples } from '../core/samples';
import { symmetricEigenvalues } from '../core/spectral/symmetricEigenvalues';
import { expectClose, loadCase } from '../../test/helpers/referenceCases';
import { matrixRenyiEntropy, renyiEntropy, renyiMutualInformation, renyiPoint, RENYI_DEFAULTS } from './renyi';
import { estimatorSpec } from './registry';

const renyiSpec = estimatorSpec('renyi');

function gaussian(n: number, d: number, seed: number): number[][] {
  const random = randomSource(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => random.normal()));
}

function expectInfoplaneError(call: () => unknown, param: string, message?: RegExp): void {
  expectErrorWith(call, { param, message });
}

describe('renyi reference cases', () => {
  for (const id of ['renyi_tanh_n150_d9_c3_alpha1.01', 'renyi_relu_n350_d20_c2_alpha2']) {
    it(`renyiMutualInformation(x, y, {alpha, sigmaX, sigmaY}) matches ${id}`, () => {
      const c = loadCase(id);
      const r = renyiMutualInformation(c.x!, c.y!, { alpha: c.params.alpha, sigmaX: c.params.sigma_x, sigmaY: c.params.sigma_y });
      const tol = c.tolerance as number;
      expectClose(r.entropyX, c.expected.S_x, tol, 'S_x');
      expectClose(r.entropyY, c.expected.S_y, tol, 'S_y');
      expectClose(r.jointEntropy, c.expected.S_xy, tol, 'S_xy');
      expectClose(r.value, c.expected.I, tol, 'I');
      expect(r.units).toBe('bits');
      expect(r.params).toMatchObject({ alpha: c.params.alpha, sigmaX: c.params.sigma_x, sigmaY: c.params.sigma_y });
      expectClose(renyiEntropy(c.x!, { alpha: c.params.alpha, sigma: c.params.sigma_x }).value, c.expected.S_x, tol, 'renyiEntropy S_x');
    });
  }

  it('renyiMutualInformation(x, labels) with Labels equals the one-hot matrix (renyi_tanh_n150_d9_c3_alpha1.01)', () => {
    const c = loadCase('renyi_tanh_n150_d9_c3_alpha1.01');
    const labels = toLabels(c.y!); // y is one-hot
    const r = renyiMutualInformation(c.x!, labels, { alpha: 1.01, sigma: 1 });
    expectClose(r.value, c.expected.I, c.tolerance as number, 'I');
  });
});

describe('renyi closed forms and properties', () => {
  const far = Array.from({ length: 12 }, (_, i) => [10 * i, -3 * i]);

  it.each([0.5, 1.01, 3])("renyiPoint(x, t, labels, {alpha: %p}) takes S(Y) of the labels' Gram matrix in closed form: equal to its spectrum", (alpha) => {
    // unequal classes (one of a single sample), and bandwidths where the across-class value is far from 0 and 1
    const n = 61;
    const t = gaussian(n, 3, 21);
    const ids = Array.from({ length: n }, (_, i) => (i === 5 ? 3 : i % 3));
    const labels = toLabels(ids);
    for (const sigmaY of [0.4, 1, 5]) {
      // truth: the dense Gram matrix of the one-hot rows has rank 4 (the classes); its other eigenvalues are 0 in
      // exact arithmetic and rounding noise here (which alpha < 1 would count), so they are set to 0
      const c = Math.exp(-1 / (sigmaY * sigmaY));
      const gram = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gram[i * n + j] = ids[i] === ids[j] ? 1 : c;
      const values = symmetricEigenvalues(gram, n);
      const top = values[n - 1];
      const truthY = matrixRenyiEntropy(values.map((v) => (v < 1e-9 * top ? 0 : v)), alpha, n);
      const point = renyiPoint(t, t, labels, { alpha, sigma: 1, sigmaY });
      const dense = renyiMutualInformation(t, labels, { alpha, sigmaX: 1, sigmaY }); // S(T) + S(Y) - S(T, Y)
      expect(point.ity).toBeCloseTo(dense.value - dense.entropyY + truthY / Math.LN2, 10); // bits
    }
  });

  it.each([0.5, 1, 1.01, 2, 3])('renyiEntropy(x, {alpha: %p}) = log2 n when the Gram matrix is the identity', (alpha) => {
    expect(renyiEntropy(far, { alpha, sigma: 0.05 }).value).toBeCloseTo(Math.log2(12), 12);
  });

  it.each([0.5, 1, 1.01, 2])('renyiEntropy(x, {alpha: %p}) = 0 for a constant variable', (alpha) => {
    const constant = Array.from({ length: 9 }, () => [1.5, -2]);
    expect(Math.abs(renyiEntropy(constant, { alpha, sigma: 1 }).value)).toBeLessThan(1e-12);
    expect(renyiEntropy(constant, { alpha }).params.sigma).toBe(1); // the median rule's fallback
  });

  it.each([1.01, 2])('renyiMutualInformation(x, y, {alpha: %p}) is 0 when y is constant, and log2 n = S(X) for I(X;X) with an identity Gram', (alpha) => {
    const x = gaussian(40, 3, 1);
    const constant = x.map(() => [7]);
    expect(Math.abs(renyiMutualInformation(x, constant, { alpha, sigma: 1 }).value)).toBeLessThan(1e-10);
    const self = renyiMutualInformation(far, far, { alpha, sigma: 0.05 });
    expect(self.value).toBeCloseTo(Math.log2(12), 10);
    expect(self.jointEntropy).toBeCloseTo(Math.log2(12), 10);
  });

  it.each([0.5, 1.01, 2, 4])(
    'renyiMutualInformation(x, y, {alpha: %p}) obeys max(S_x, S_y) <= S_xy <= S_x + S_y (Sanchez Giraldo et al. 2015)',
    (alpha) => {
      for (const seed of [11, 12, 13]) {
        const x = gaussian(35, 2, seed);
        const y = x.map((row, i) => [row[0] * row[1] + 0.5 * gaussian(1, 1, 1000 * seed + i)[0][0]]);
        for (const [sx, sy] of [[0.5, 0.5], [1, 3], [2, 0.3]]) {
          const r = renyiMutualInformation(x, y, { alpha, sigmaX: sx, sigmaY: sy });
          expect(r.jointEntropy).toBeGreaterThanOrEqual(Math.max(r.entropyX, r.entropyY) - 1e-12);
          expect(r.jointEntropy).toBeLessThanOrEqual(r.entropyX + r.entropyY + 1e-12);
        }
      }
      const x = gaussian(30, 3, 14);
      const self = renyiMutualInformation(x, x, { alpha, sigma: 1 });
      expect(self.value).toBeLessThanOrEqual(self.entropyX + 1e-12);
    },
  );

  it('renyiEntropy(x, {alpha: 2}) by Frobenius norm equals the eigenvalue formula at alpha = 2', () => {
    const x = gaussian(60, 4, 2);
    const k = gaussianGram(samples(Float64Array.from(x.flat()), 60, 4), 1.3);
    const eigenvalues = symmetricEigenvalues(k, 60);
    expect(renyiEntropy(x, { alpha: 2, sigma: 1.3, units: 'nats' }).value).toBeCloseTo(matrixRenyiEntropy(eigenvalues, 2, 60), 12);
  });

  it('renyiEntropy(x, {alpha}) is continuous at alpha = 1 (von Neumann) and bounded by [0, log2 n]', () => {
    const x = gaussian(50, 2, 3);
    const vn = renyiEntropy(x, { alpha: 1, sigma: 0.7 }).value;
    expect(renyiEntropy(x, { alpha: 1 + 1e-7, sigma: 0.7 }).value).toBeCloseTo(vn, 5);
    expect(vn).toBeGreaterThan(0);
    expect(vn).toBeLessThan(Math.log2(50));
    // S_alpha is non-increasing in alpha
    expect(renyiEntropy(x, { alpha: 2, sigma: 0.7 }).value).toBeLessThan(vn);
  });

  it('matrixRenyiEntropy(eigenvalues, alpha) clips negative eigenvalues and handles huge alpha without underflow', () => {
    expect(matrixRenyiEntropy([0.5, 0.5, -1e-17], 1.01)).toBeCloseTo(Math.LN2, 14);
    expect(matrixRenyiEntropy([0.5, 0.5], 1)).toBeCloseTo(Math.LN2, 14);
    expect(matrixRenyiEntropy([1e-3, 1e-3], 2000, 2e-3)).toBeCloseTo(Math.LN2, 10);
  });

  it('renyiMutualInformation(x, y) is symmetric, invariant to sample order, and bits = nats / ln 2', () => {
    const x = gaussian(45, 3, 4);
    const y = x.map((row, i) => [row[0] + 0.3 * gaussian(1, 1, 50 + i)[0][0], row[1]]);
    const a = renyiMutualInformation(x, y, { sigmaX: 1.1, sigmaY: 0.8 });
    const b = renyiMutualInformation(y, x, { sigmaX: 0.8, sigmaY: 1.1 });
    expect(b.value).toBeCloseTo(a.value, 10);
    const order = Array.from({ length: 45 }, (_, i) => (i * 7) % 45);
    const c = renyiMutualInformation(order.map((i) => x[i]), order.map((i) => y[i]), { sigmaX: 1.1, sigmaY: 0.8 });
    expect(c.value).toBeCloseTo(a.value, 10);
    const nats = renyiMutualInformation(x, y, { sigmaX: 1.1, sigmaY: 0.8, units: 'nats' });
    expect(nats.value).toBeCloseTo(a.value * Math.LN2, 12);
    expect(nats.entropyX).toBeCloseTo(a.entropyX * Math.LN2, 12);
    expect(a.value).toBeGreaterThan(0);
  });

  it("renyiMutualInformation(x, y) defaults to alpha 1.01 and the 'median' bandwidth, and reports the sigmas used", () => {
    const x = gaussian(30, 2, 5);
    const y = gaussian(30, 1, 6);
    const r = renyiMutualInformation(x, y);
    const sx = medianDistance(samples(Float64Array.from(x.flat()), 30, 2));
    const sy = medianDistance(samples(Float64Array.from(y.flat()), 30, 1));
    expect(r.params).toEqual({ alpha: RENYI_DEFAULTS.alpha, sigma: 'median', sigmaX: sx, sigmaY: sy });
    expect(r.value).toBeCloseTo(renyiMutualInformation(x, y, { alpha: 1.01, sigmaX: sx, sigmaY: sy }).value, 12);
  });
});

describe('renyiPoint and renyiSpec', () => {
  const x = gaussian(40, 4, 7);
  const t = x.map((row) => [Math.tanh(row[0] + row[1]), Math.tanh(row[2])]);
  const labels = t.map((row) => (row[0] > 0 ? 1 : 0));

  it.each([1.01, 2])('renyiPoint(x, t, labels, {alpha: %p}) equals two renyiMutualInformation calls', (alpha) => {
    const p = renyiPoint(x, t, labels, { alpha, sigmaX: 2, sigmaT: 0.5, sigmaY: 1 });
    const ixt = renyiMutualInformation(x, t, { alpha, sigmaX: 2, sigmaY: 0.5 });
    const ity = renyiMutualInformation(t, oneHot(toLabels(labels)), { alpha, sigmaX: 0.5, sigmaY: 1 });
    expect(p.ixt).toBeCloseTo(ixt.value, 10);
    expect(p.ity).toBeCloseTo(ity.value, 10);
    expect(p.hT).toBeCloseTo(ixt.entropyY, 10);
    expect(p.params).toEqual({ alpha, sigma: 'median', sigmaX: 2, sigmaT: 0.5, sigmaY: 1 });
  });

  it('renyiSpec.mi(a, labels) one-hot encodes Labels; renyiSpec.entropy and point pass their own options', () => {
    const ts = samples(Float64Array.from(t.flat()), 40, 2);
    const ls = toLabels(labels);
    const viaSpec = renyiSpec.mi!(ts, ls, { sigma: 0.5, alpha: 2, units: 'nats' }) as { value: number };
    expect(viaSpec.value).toBeCloseTo(renyiMutualInformation(ts, oneHot(ls), { sigma: 0.5, alpha: 2, units: 'nats' }).value, 12);
    const h = renyiSpec.entropy!(ts, { sigma: 0.5 }) as { value: number };
    expect(h.value).toBe(renyiEntropy(ts, { sigma: 0.5 }).value);
    const xs = samples(Float64Array.from(x.flat()), 40, 4);
    const p = renyiSpec.point!(xs, ts, ls, { alpha: 2 }) as { ixt: number };
    expect(p.ixt).toBe(renyiPoint(xs, ts, ls, { alpha: 2 }).ixt);
  });
});

describe('renyi errors', () => {
  const x = [[0], [1], [2]];
  it('renyiEntropy(x, {alpha, sigma}) rejects alpha <= 0, non-positive and unknown bandwidths, unknown options', () => {
    expectInfoplaneError(() => renyiEntropy(x, { alpha: 0 }), 'alpha', /alpha must be a finite number > 0; got 0/);
    expectInfoplaneError(() => renyiEntropy(x, { alpha: NaN }), 'alpha');
    expectInfoplaneError(() => renyiEntropy(x, { sigma: 0 }), 'sigma');
    expectInfoplaneError(() => renyiEntropy(x, { sigma: -1 }), 'sigma');
    expectInfoplaneError(() => renyiEntropy(x, { sigma: 'cs-ib' as never }), 'sigma');
    expectInfoplaneError(() => renyiEntropy(x, { sigma: null as never }), 'sigma');
    expectInfoplaneError(() => renyiEntropy(x, { sigmaX: 1 } as never), 'options');
    expectInfoplaneError(() => renyiEntropy(x, { units: 'bans' as never }), 'units');
  });

  it('renyiMutualInformation(x, y) rejects NaN, ragged, empty, single-sample and mismatched inputs, and bad sigmaX/sigmaY', () => {
    expectInfoplaneError(() => renyiMutualInformation([[0], [NaN]], [[0], [1]]), 'x', /row 1, column 0/);
    expectInfoplaneError(() => renyiMutualInformation([[0, 1], [1]], [[0], [1]]), 'x');
    expectInfoplaneError(() => renyiMutualInformation([], []), 'x');
    expectInfoplaneError(() => renyiMutualInformation([[1]], [[1]]), 'x');
    expectInfoplaneError(() => renyiMutualInformation(x, [[0], [1]]), 'y');
    expectInfoplaneError(() => renyiMutualInformation(x, x, { sigmaX: 0 }), 'sigmaX');
    expectInfoplaneError(() => renyiMutualInformation(x, x, { sigmaY: -2 }), 'sigmaY');
  });

  it('renyiPoint(x, t, labels) rejects mismatched labels and a bad sigmaT', () => {
    expectInfoplaneError(() => renyiPoint(x, x, [0, 1]), 'labels');
    expectInfoplaneError(() => renyiPoint(x, x, [0, 1, 0.5]), 'labels');
    expectInfoplaneError(() => renyiPoint(x, x, [0, 1, 1], { sigmaT: 0 }), 'sigmaT');
  });

  it('renyiEntropy(x) refuses an eigendecomposition above 9000 samples but accepts alpha = 2', () => {
    const big = new Float64Array(9001);
    expectInfoplaneError(() => renyiEntropy(samples(big, 9001, 1), { alpha: 1.01 }), 'x', /use alpha: 2/);
    expect(renyiEntropy(samples(big, 9001, 1), { alpha: 2, sigma: 1 }).value).toBeCloseTo(0, 12);
  });
});

describe('renyi bandwidthRows', () => {
  it("renyiEntropy(x) uses the exact 'median' by default; renyiEntropy(x, {bandwidthRows}) a reported seeded subset", () => {
    const r = randomSource(41);
    const x = samples(Float64Array.from({ length: 80 }, () => r.normal()), 40, 2);
    const exact = renyiEntropy(x, { alpha: 2 });
    expect(exact.params.sigma).toBe(medianDistance(x));
    expect(exact.params.bandwidthRows).toBeUndefined();
    const sub = renyiEntropy(x, { alpha: 2, bandwidthRows: 25 });
    expect(sub.params.bandwidthRows).toBe(25);
    expect(sub.params.sigma).toBe(medianDistance(bandwidthRows(x, 25)));
  });
});
