import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfoplaneError } from '../core/errors';
import { oneHot, toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { consumeWarnings } from '../core/warn';
import { gaussianGram } from '../core/pairwiseSquaredDistances';
import { Samples } from '../core/samples';
import {
  csDivergence,
  csNormalizedPoint,
  csPoint,
  csQmi,
  csQmiNormalized,
  CS_DIVERGENCE_DEFAULTS,
  CS_QMI_DEFAULTS,
} from './cauchySchwarz';
import { estimatorSpec } from './registry';
import { bandwidthRows, csIbBandwidth, medianDistance } from '../core/kernels/bandwidth';

const csSpec = estimatorSpec('cs');
const csNormalizedSpec = estimatorSpec('cs-normalized');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = any;
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'reference-cases');
const loadCase = (id: string): Case => JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8'));

function expectWithin(got: number, want: number, tol: number, what: string): void {
  if (!(Math.abs(got - want) <= tol)) throw new Error(`${what}: got ${got}, expected ${want} ± ${tol}`);
}

function randomRows(n: number, d: number, seed: number, scale = 1): number[][] {
  const r = randomSource(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => scale * r.normal()));
}

function toS(rows: number[][]): Samples {
  return { data: Float64Array.from(rows.flat()), n: rows.length, d: rows[0].length };
}

/** Dense oracle of the definition, straight from n x n Gram matrices. */
function denseQmi(x: number[][], y: number[][], sx: number, sy: number): number {
  const n = x.length;
  const Kx = gaussianGram(toS(x), sx);
  const Ky = gaussianGram(toS(y), sy);
  let prod = 0;
  let sumX = 0;
  let sumY = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    let rx = 0;
    let ry = 0;
    for (let j = 0; j < n; j++) {
      prod += Kx[i * n + j] * Ky[i * n + j];
      rx += Kx[i * n + j];
      ry += Ky[i * n + j];
    }
    sumX += rx;
    sumY += ry;
    cross += rx * ry;
  }
  return Math.log2(prod / n ** 2) + Math.log2((sumX * sumY) / n ** 4) - 2 * Math.log2(cross / n ** 3);
}

describe('csQmi(x, y, options)', () => {
  it('csQmi(x, y, {sigma: 1}) matches cs_qmi_tanh_n150_d2_c2_sigma1_TY', () => {
    const c = loadCase('cs_qmi_tanh_n150_d2_c2_sigma1_TY');
    const e = csQmi(c.x, c.y, { sigma: 1 });
    expectWithin(e.value, c.expected.CS_QMI, c.tolerance, 'CS_QMI');
    expect(e).toMatchObject({ units: 'bits', params: { sigma: 1, sigmaX: 1, sigmaY: 1 } });
  });

  it('csQmi(x, y, {sigma: "median"}) matches cs_qmi_relu_n350_d9_median_TX and reports the bandwidths', () => {
    const c = loadCase('cs_qmi_relu_n350_d9_median_TX');
    const e = csQmi(c.x, c.y, { sigma: 'median' });
    expectWithin(e.value, c.expected.CS_QMI, c.tolerance, 'CS_QMI');
    expect(e.params.sigma).toBe('median');
    expect(e.params.sigmaX as number).toBeCloseTo(c.expected.sigma_x, 13);
    expect(e.params.sigmaY as number).toBeCloseTo(c.expected.sigma_y, 13);
  });

  it('csQmi(x, y, {sigma: "cs-ib"}) matches cs_qmi_relu_n700_d9_c2_csib_sparse_TY (median 0 -> mean)', () => {
    const c = loadCase('cs_qmi_relu_n700_d9_c2_csib_sparse_TY');
    const e = csQmi(c.x, c.y, { sigma: 'cs-ib' });
    expectWithin(e.value, c.expected.CS_QMI, c.tolerance, 'CS_QMI');
    expect(e.params.sigmaX as number).toBeCloseTo(c.expected.sigma_x, 12);
    expect(e.params.sigmaY).toBe(c.expected.sigma_y);
    // the same with y as class labels (closed-form one-hot kernel)
    const labels = toLabels(c.y);
    const l = csQmi(c.x, labels, { sigma: 'cs-ib' });
    expectWithin(l.value, c.expected.CS_QMI, c.tolerance, 'CS_QMI (labels)');
    expect(l.params.sigmaY).toBe(20);
  });

  const plane = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
  it('csQmi(x, t, {sigma: "cs-ib"}) and csQmi(x, t, {sigma: 1}) match ib12subset cs_qmi_XT and cs_qmi_XT_sigma1', () => {
    expectWithin(csQmi(plane.x, plane.t, { sigma: 'cs-ib' }).value, plane.expected.cs_qmi_XT.CS_QMI, plane.tolerance.cs_qmi_XT, 'XT');
    expectWithin(csQmi(plane.x, plane.t, { sigma: 1 }).value, plane.expected.cs_qmi_XT_sigma1.CS_QMI, plane.tolerance.cs_qmi_XT_sigma1, 'XT sigma1');
  });
  it('csQmi(t, oneHot(labels), {sigma: "cs-ib"}) matches ib12subset cs_qmi_TY', () => {
    const y = plane.labels.map((l: number) => [l === 0 ? 1 : 0, l === 1 ? 1 : 0]);
    expectWithin(csQmi(plane.t, y, { sigma: 'cs-ib' }).value, plane.expected.cs_qmi_TY.CS_QMI, plane.tolerance.cs_qmi_TY, 'TY');
  });

  it('csQmi(x, y) equals the dense Gram-matrix definition to 1e-12 (streaming == dense)', () => {
    const x = randomRows(83, 4, 1);
    const y = x.map((r, i) => [r[0] + 0.5 * Math.sin(i), r[1] * r[2]]);
    for (const [sx, sy] of [[1, 1], [0.7, 2.5], [3, 0.4]]) {
      expect(Math.abs(csQmi(x, y, { sigmaX: sx, sigmaY: sy }).value - denseQmi(x, y, sx, sy))).toBeLessThan(1e-12);
    }
  });

  it('csQmi(x, labels) with Labels equals csQmi(x, oneHot(labels)) to 1e-12 for every rule', () => {
    const x = randomRows(70, 3, 2);
    const r = randomSource(3);
    const labels = toLabels(Array.from({ length: 70 }, () => r.int(3)));
    const hot = oneHot(labels);
    for (const sigma of [0.8, 'median', 'cs-ib'] as const) {
      const a = csQmi(x, labels, { sigma });
      const b = csQmi(x, hot, { sigma });
      expect(Math.abs(a.value - b.value)).toBeLessThan(1e-12);
      expect(a.params.sigmaY as number).toBeCloseTo(b.params.sigmaY as number, 14);
    }
  });

  it('csQmi(x, y) is 0 for a constant variable, at any bandwidth and rule', () => {
    const x = randomRows(50, 3, 4);
    const constant = Array.from({ length: 50 }, () => [2, -1]);
    for (const sigma of [0.1, 1, 'median', 'cs-ib'] as const) {
      expect(Math.abs(csQmi(x, constant, { sigma }).value)).toBeLessThan(1e-13);
      expect(Math.abs(csQmi(constant, x, { sigma }).value)).toBeLessThan(1e-13);
    }
    expect(Math.abs(csQmi(x, toLabels(new Array(50).fill(3))).value)).toBeLessThan(1e-13);
  });

  it('csQmi(x, y) is >= 0, symmetric, and invariant to the order of the samples', () => {
    const x = randomRows(64, 2, 5);
    const y = randomRows(64, 3, 6);
    const a = csQmi(x, y, { sigmaX: 1.3, sigmaY: 0.9 });
    expect(a.value).toBeGreaterThanOrEqual(0);
    expect(csQmi(y, x, { sigmaX: 0.9, sigmaY: 1.3 }).value).toBeCloseTo(a.value, 13);
    const perm = Array.from({ length: 64 }, (_, i) => (i * 37) % 64);
    expect(csQmi(perm.map((i) => x[i]), perm.map((i) => y[i]), { sigmaX: 1.3, sigmaY: 0.9 }).value).toBeCloseTo(a.value, 13);
    const m = csQmi(x, y);
    expect(csQmi(perm.map((i) => x[i]), perm.map((i) => y[i])).value).toBeCloseTo(m.value, 13);
  });

  it("csQmi(x, y, {threads: 2 | 'auto'}) and csPoint(..., {threads: 2 | 'auto'}) give the values of one thread, bit for bit", () => {
    const x = randomRows(90, 3, 17);
    const y = randomRows(90, 2, 18);
    const labels = Array.from({ length: 90 }, (_, i) => i % 3);
    const a = csPoint(x, y, labels, { threads: 1 });
    for (const threads of [2, 'auto'] as const) {
      expect(csQmi(x, y, { threads }).value).toBe(csQmi(x, y, { threads: 1 }).value);
      const b = csPoint(x, y, labels, { threads });
      expect(b.ixt).toBe(a.ixt);
      expect(b.ity).toBe(a.ity);
      expect(b.params).toEqual(a.params);
    }
  });

  it('csQmi(x, y, {units: "nats"}) = bits x ln 2', () => {
    const x = randomRows(40, 2, 7);
    const y = x.map((r) => [r[0] * 2]);
    const b = csQmi(x, y);
    const n = csQmi(x, y, { units: 'nats' });
    expect(n.units).toBe('nats');
    expect(n.value).toBeCloseTo(b.value * Math.LN2, 14);
  });

  it("csQmi defaults to sigma 'median' and bits", () => {
    expect(CS_QMI_DEFAULTS).toEqual({ sigma: 'median', units: 'bits', threads: 'auto' });
    const c = loadCase('cs_qmi_relu_n350_d9_median_TX');
    expect(csQmi(c.x, c.y).value).toBe(csQmi(c.x, c.y, { sigma: 'median' }).value);
  });

  describe('csQmi(x, y, options) rejects bad input naming the parameter', () => {
    const x = randomRows(10, 2, 8);
    const y = randomRows(10, 1, 9);
    const cases: Array<[string, () => unknown, string]> = [
      ['NaN in x', () => csQmi([[NaN, 0], ...x.slice(1)], y), 'x'],
      ['ragged y', () => csQmi(x, [[1], [2, 3], ...y.slice(2)]), 'y'],
      ['empty x', () => csQmi([], []), 'x'],
      ['single sample', () => csQmi([[1]], [[2]]), 'x'],
      ['mismatched y', () => csQmi(x, y.slice(1)), 'y'],
      ['sigma 0', () => csQmi(x, y, { sigma: 0 }), 'sigma'],
      ['sigma negative', () => csQmi(x, y, { sigma: -1 }), 'sigma'],
      ['sigma Infinity', () => csQmi(x, y, { sigma: Infinity }), 'sigma'],
      ['unknown rule', () => csQmi(x, y, { sigma: 'silverman' as 'median' }), 'sigma'],
      ['sigmaX 0', () => csQmi(x, y, { sigmaX: 0 }), 'sigmaX'],
      ['sigmaY null', () => csQmi(x, y, { sigmaY: null as unknown as number }), 'sigmaY'],
      ['units', () => csQmi(x, y, { units: 'bans' as 'bits' }), 'units'],
      ['unknown option', () => csQmi(x, y, { sigmaT: 1 } as object), 'options'],
      ['threads 0', () => csQmi(x, y, { threads: 0 }), 'threads'],
      ['threads 65', () => csQmi(x, y, { threads: 65 }), 'threads'],
      ['threads "all"', () => csQmi(x, y, { threads: 'all' as 'auto' }), 'threads'],
    ];
    for (const [what, call, param] of cases) {
      it(`csQmi(...) throws an InfoplaneError naming ${param} for ${what}`, () => {
        let error: unknown;
        try {
          call();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InfoplaneError);
        expect((error as InfoplaneError).param).toBe(param);
        expect((error as InfoplaneError).message).toMatch(/^csQmi: /);
      });
    }
  });
});

describe('csQmiNormalized(x, y, options)', () => {
  it('csQmiNormalized(x, y, {sigma: 1}) matches cs_qmi_normalized_tanh_n350_d9_c3_sigma1', () => {
    const c = loadCase('cs_qmi_normalized_tanh_n350_d9_c3_sigma1');
    const e = csQmiNormalized(c.x, c.y, { sigma: 1 });
    expectWithin(e.value, c.expected.CS_QMI_normalized, c.tolerance, 'CS_QMI_normalized');
    // labels as Labels: the one-hot kernel in closed form gives the same ratio
    expectWithin(csQmiNormalized(c.x, toLabels(c.y), { sigma: 1 }).value, c.expected.CS_QMI_normalized, c.tolerance, 'labels');
  });
  it('csQmiNormalized(x, x) = 1 and the ratio does not depend on units', () => {
    const x = randomRows(45, 3, 10);
    expect(csQmiNormalized(x, x, { sigma: 1.5 }).value).toBeCloseTo(1, 13);
    const y = x.map((r) => [r[0] - r[1]]);
    expect(csQmiNormalized(x, y, { units: 'nats' }).value).toBe(csQmiNormalized(x, y).value);
  });
  it('csQmiNormalized(x, constant) is 0 with a warning', () => {
    consumeWarnings();
    const x = randomRows(20, 2, 11);
    expect(csQmiNormalized(x, new Array(20).fill(1)).value).toBe(0);
    for (const n of [3, 7, 49, 101]) {
      expect(csQmiNormalized(randomRows(n, 2, n), new Array(n).fill(0.3), { sigma: 0.7 }).value).toBe(0);
      expect(csQmiNormalized(new Array(n).fill(-2), randomRows(n, 2, n)).value).toBe(0);
    }
    expect(consumeWarnings().join(' ')).toMatch(/csQmiNormalized: a variable is constant/);
  });
  it('csQmiNormalized rejects bad options naming the parameter', () => {
    expect(() => csQmiNormalized([[1], [2]], [[1], [2]], { sigma: -2 })).toThrow(/csQmiNormalized: sigma must be/);
  });
});

describe('csDivergence(x, y1, y2, options)', () => {
  it('csDivergence(x, y, y2, {sigma: 1}) matches cs_div_relu_n150_d9_sigma1', () => {
    const c = loadCase('cs_div_relu_n150_d9_sigma1');
    const e = csDivergence(c.x, c.y, c.y2, { sigma: 1 });
    expectWithin(e.value, c.expected.CS_Div, c.tolerance, 'CS_Div');
    expect(e).toMatchObject({ units: 'bits', params: { sigma: 1 } });
    expect(CS_DIVERGENCE_DEFAULTS).toEqual({ sigma: 1, units: 'bits' });
    expect(csDivergence(c.x, c.y, c.y2).value).toBe(e.value);
    expect(csDivergence(c.x, c.y, c.y2, { units: 'nats' }).value).toBeCloseTo(e.value * Math.LN2, 14);
  });
  it('csDivergence(x, y, y) = 0 and is invariant to sample order', () => {
    const x = randomRows(30, 2, 12);
    const y = randomRows(30, 1, 13);
    const y2 = y.map((r) => [r[0] + 0.3]);
    expect(Math.abs(csDivergence(x, y, y).value)).toBeLessThan(1e-13);
    const perm = Array.from({ length: 30 }, (_, i) => (i * 7) % 30);
    const a = csDivergence(x, y, y2, { sigma: 0.8 }).value;
    expect(a).toBeGreaterThan(0);
    expect(csDivergence(perm.map((i) => x[i]), perm.map((i) => y[i]), perm.map((i) => y2[i]), { sigma: 0.8 }).value).toBeCloseTo(a, 13);
  });
  it('csDivergence rejects bad input naming the parameter', () => {
    const x = randomRows(5, 2, 14);
    const y = randomRows(5, 1, 15);
    expect(() => csDivergence(x, y, randomRows(5, 2, 16))).toThrow(/csDivergence: y2 must be 1 columns, as many as y1/);
    expect(() => csDivergence(x, y, y.slice(1))).toThrow(/csDivergence: y2 must be 5 samples/);
    expect(() => csDivergence(x, y, y, { sigma: 0 })).toThrow(/csDivergence: sigma must be a finite number > 0; got 0/);
    expect(() => csDivergence(x, y, y, { sigma: 'median' as unknown as number })).toThrow(/csDivergence: sigma must be/);
    expect(() => csDivergence(x, [[NaN], ...y.slice(1)], y)).toThrow(/csDivergence: y1 must be finite/);
    expect(() => csDivergence(x, y, y, { bandwidth: 1 } as object)).toThrow(/csDivergence: options must be made of/);
  });
});

describe('csPoint(x, t, labels, options)', () => {
  const plane = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
  it('csPoint(x, t, labels, {sigma: "cs-ib"}) matches ib12subset cs_qmi_XT and cs_qmi_TY', () => {
    const p = csPoint(plane.x, plane.t, plane.labels, { sigma: 'cs-ib' });
    expectWithin(p.ixt, plane.expected.cs_qmi_XT.CS_QMI, plane.tolerance.cs_qmi_XT, 'ixt');
    expectWithin(p.ity, plane.expected.cs_qmi_TY.CS_QMI, plane.tolerance.cs_qmi_TY, 'ity');
    // ib12 labels are unbalanced: the stacked median is 0, so sigmaY = 10 x the mean squared distance
    expect(p.params.sigmaY as number).toBeLessThan(20);
    expect(Object.keys(p.params)).toEqual(['sigma', 'sigmaX', 'sigmaT', 'sigmaY']);
  });
  it('csPoint(x, t, labels) equals csQmi(x, t) and csQmi(t, labels) with the bandwidths it reports', () => {
    const p = csPoint(plane.x, plane.t, plane.labels);
    const labels = toLabels(plane.labels);
    expect(p.ixt).toBeCloseTo(csQmi(plane.x, plane.t).value, 13);
    expect(p.ity).toBeCloseTo(csQmi(plane.t, oneHot(labels)).value, 12);
    expect(p.params.sigmaT).toBe(csQmi(plane.x, plane.t).params.sigmaY);
    expect(p.ixt).toBeGreaterThan(0);
    expect(p.ity).toBeGreaterThan(0);
  });
  it('csPoint(x, t, labels, {sigmaX, sigmaT, sigmaY}) uses each bandwidth; csNormalizedPoint gives ratios', () => {
    const p = csPoint(plane.x, plane.t, plane.labels, { sigmaX: 1, sigmaT: 1, sigmaY: 1, units: 'nats' });
    expect(p.ixt).toBeCloseTo(plane.expected.cs_qmi_XT_sigma1.CS_QMI * Math.LN2, 10);
    const q = csNormalizedPoint(plane.x, plane.t, plane.labels, { sigma: 1 });
    expect(q.ixt).toBeCloseTo(csQmiNormalized(plane.x, plane.t, { sigma: 1 }).value, 13);
    expect(q.ity).toBeCloseTo(csQmiNormalized(plane.t, toLabels(plane.labels), { sigma: 1 }).value, 13);
  });
  it('csPoint rejects bad input naming the parameter', () => {
    expect(() => csPoint([[1], [2]], [[1], [2]], [0, 1, 1])).toThrow(/csPoint: labels must be 2 samples/);
    expect(() => csPoint([[1], [2]], [[1], [2]], [0, 1], { sigmaT: 0 })).toThrow(/csPoint: sigmaT must be/);
    expect(() => csPoint([[1], [2]], [[1], [2]], [0, 0.5])).toThrow(/csPoint: labels must be/);
  });
});

describe('csSpec and csNormalizedSpec', () => {
  it('csSpec.mi accepts Labels (one-hot) and Samples; csSpec.point is csPoint', () => {
    const c = loadCase('cs_qmi_tanh_n150_d2_c2_sigma1_TY');
    const x = toS(c.x);
    const labels = toLabels(c.y);
    expect(csSpec.name).toBe('cs');
    expect(Object.keys(csSpec.params).slice(0, 6)).toEqual(['sigma', 'sigmaX', 'sigmaT', 'sigmaY', 'bandwidthRows', 'threads']);
    expectWithin((csSpec.mi!(x, labels, { sigma: 1 }) as { value: number }).value, c.expected.CS_QMI, c.tolerance, 'labels');
    expectWithin((csSpec.mi!(x, toS(c.y), { sigma: 1 }) as { value: number }).value, c.expected.CS_QMI, c.tolerance, 'samples');
    const p = csSpec.point!(x, x, labels, { sigma: 1 }) as { ity: number };
    expectWithin(p.ity, c.expected.CS_QMI, c.tolerance, 'point');
    expect(csSpec.entropy).toBeUndefined();
    expect(csNormalizedSpec.name).toBe('cs-normalized');
    expect((csNormalizedSpec.mi!(x, x, { sigma: 1 }) as { value: number }).value).toBeCloseTo(1, 12);
  });
});

describe('csQmi / csPoint bandwidthRows', () => {
  const r = randomSource(31);
  const x = Array.from({ length: 60 }, () => [r.normal(), r.normal()]);
  const t = x.map(([a, b]) => [Math.tanh(a + b) + 0.1 * r.normal()]);
  const labels = t.map(([v]) => (v > 0 ? 1 : 0));
  it("csQmi(x, t) uses the exact 'median' over all rows by default (no bandwidthRows in params)", () => {
    const exact = csQmi(x, t);
    expect(exact.params.bandwidthRows).toBeUndefined();
    const sx = medianDistance(toS(x));
    const st = medianDistance(toS(t));
    expect(exact.params.sigmaX).toBe(sx);
    expect(exact.value).toBe(csQmi(x, t, { sigmaX: sx, sigmaY: st }).value);
  });
  it('csQmi(x, t, {bandwidthRows}) and csPoint(..., {bandwidthRows}) use a seeded subset and report it', () => {
    const sub = csQmi(x, t, { sigma: 'cs-ib', bandwidthRows: 20 });
    expect(sub.params.bandwidthRows).toBe(20);
    expect(sub.params.sigmaX).toBe(csIbBandwidth(bandwidthRows(toS(x), 20)));
    expect(csQmi(x, t, { bandwidthRows: 60 }).params.bandwidthRows).toBeUndefined(); // all rows: exact
    const point = csPoint(x, t, labels, { bandwidthRows: 30 });
    expect(point.params.bandwidthRows).toBe(30);
    expect(point.params.sigmaT).toBe(medianDistance(bandwidthRows(toS(t), 30)));
    expect(() => csQmi(x, t, { bandwidthRows: 1 })).toThrow(/bandwidthRows/);
  });
});
