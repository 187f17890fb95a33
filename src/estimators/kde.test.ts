import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfoplaneError } from '../core/errors';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { pairwiseSquaredDistances } from '../core/pairwiseSquaredDistances';
import { logSumExpRows } from '../core/kernels/logSumExp';
import { kde, kdeChelombievPipeline, kdeEntropy, KDE_DEFAULTS } from './kde';
import { estimatorSpec } from './registry';

const kdeSpec = estimatorSpec('kde');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = any;
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'reference-cases');
const loadCase = (id: string): Case => JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8'));

function expectWithin(got: number, want: number, tol: number, what: string): void {
  if (!(Math.abs(got - want) <= tol)) throw new Error(`${what}: got ${got}, expected ${want} ± ${tol}`);
}

function randomRows(n: number, d: number, seed: number, scale = 0.1): number[][] {
  const r = randomSource(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => scale * r.normal()));
}

function randomLabels(n: number, classes: number, seed: number): number[] {
  const r = randomSource(seed);
  return Array.from({ length: n }, () => r.int(classes));
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => [i]);

describe('kde(x, t, labels, options)', () => {
  for (const id of ['kde_upper_tanh_n150_d2_c2_var1e-3_nats', 'kde_lower_tanh_n150_d2_c2_var1e-3_nats', 'kde_lower_relu_n350_d9_c3_var1e-2_bits']) {
    const c = loadCase(id);
    it(`kde(x, t, labels, {noiseVariance: ${c.params.var}, bound: "${c.params.bound}", units: "${c.units}"}) matches ${id}`, () => {
      const p = kde(ids(c.t.length), c.t, c.labels, { noiseVariance: c.params.var, bound: c.params.bound, units: c.units });
      expectWithin(p.hT as number, c.expected.H_T, c.tolerance, 'H_T');
      expectWithin(p.hTgivenX as number, c.expected.H_T_given_X, c.tolerance, 'H_T_given_X');
      expectWithin(p.hTgivenY as number, c.expected.H_T_given_Y, c.tolerance, 'H_T_given_Y');
      expectWithin(p.ixt, c.expected.I_XT, c.tolerance, 'I_XT');
      expectWithin(p.ity, c.expected.I_TY, c.tolerance, 'I_TY');
      expect(p.units).toBe(c.units);
      expect(p.params).toEqual({ noiseVariance: c.params.var, bound: c.params.bound });
    });
  }

  const plane = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
  for (const key of ['kde_upper', 'kde_lower']) {
    it(`kde(x, t, labels, {bound: "${plane.params[key].bound}"}) matches ${plane.id} ${key}`, () => {
      const p = kde(plane.x, plane.t, plane.labels, { noiseVariance: plane.params[key].var, bound: plane.params[key].bound });
      expectWithin(p.ixt, plane.expected[key].I_XT, plane.tolerance[key], 'I_XT');
      expectWithin(p.ity, plane.expected[key].I_TY, plane.tolerance[key], 'I_TY');
    });
  }

  it('kde(x, t, labels) defaults to {noiseVariance: 1e-3, bound: "upper", units: "bits"}', () => {
    const t = randomRows(60, 3, 1);
    const labels = randomLabels(60, 3, 2);
    const p = kde(ids(60), t, labels);
    expect(p.units).toBe('bits');
    expect(p.params).toEqual({ noiseVariance: 1e-3, bound: 'upper' });
    expect(KDE_DEFAULTS).toEqual({ noiseVariance: 1e-3, bound: 'upper', units: 'bits', threads: 'auto' });
    const q = kde(ids(60), t, labels, { noiseVariance: 1e-3, bound: 'upper', units: 'bits' });
    expect(q.ixt).toBe(p.ixt);
  });

  it('kde(x, t, labels) upper bound >= lower bound for H(T), I(X;T) and I(T;Y) positive cases', () => {
    const t = randomRows(120, 4, 3);
    const labels = randomLabels(120, 2, 4);
    for (const v of [1e-4, 1e-3, 1e-2, 1e-1]) {
      const up = kde(ids(120), t, labels, { noiseVariance: v, bound: 'upper' });
      const lo = kde(ids(120), t, labels, { noiseVariance: v, bound: 'lower' });
      expect(up.hT as number).toBeGreaterThanOrEqual(lo.hT as number);
      expect(up.ixt).toBeGreaterThanOrEqual(lo.ixt);
      expect(up.hTgivenX).toBe(lo.hTgivenX);
    }
  });

  it('kde(x, t, labels, {units: "bits"}) = nats / ln 2 for every quantity', () => {
    const t = randomRows(80, 2, 5);
    const labels = randomLabels(80, 3, 6);
    const n = kde(ids(80), t, labels, { units: 'nats', bound: 'lower' });
    const b = kde(ids(80), t, labels, { units: 'bits', bound: 'lower' });
    for (const k of ['ixt', 'ity', 'hT', 'hTgivenX', 'hTgivenY'] as const) {
      expect(b[k] as number).toBeCloseTo((n[k] as number) / Math.LN2, 12);
    }
  });

  it('kde(x, t, labels) is invariant to the order of the samples', () => {
    const t = randomRows(90, 3, 7);
    const labels = randomLabels(90, 4, 8);
    const r = randomSource(9);
    const perm = Array.from({ length: 90 }, (_, i) => i);
    for (let i = 89; i > 0; i--) {
      const j = r.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const a = kde(ids(90), t, labels);
    const b = kde(ids(90), perm.map((i) => t[i]), perm.map((i) => labels[i]));
    expect(b.ixt).toBeCloseTo(a.ixt, 12);
    expect(b.ity).toBeCloseTo(a.ity, 12);
  });

  it('kde(x, t, labels) equals the dense n x n log-sum-exp formula to 1e-12 (streaming == dense)', () => {
    const n = 77;
    const d = 5;
    const t = randomRows(n, d, 10, 0.05);
    const variance = 1e-3;
    const flat = Float64Array.from(t.flat());
    const D = pairwiseSquaredDistances({ data: flat, n, d });
    const lse = logSumExpRows(D.map((v) => -v / (2 * variance)), n, n);
    let mean = 0;
    lse.forEach((v) => (mean += v / n));
    const hT = d / 2 - (mean - Math.log(n) - (d / 2) * Math.log(2 * Math.PI * variance));
    const p = kde(ids(n), t, new Array(n).fill(0), { units: 'nats' });
    expect(Math.abs((p.hT as number) - hT)).toBeLessThan(1e-12);
    // the identity I_upper(X;T) = ln n - mean_i ln sum_j exp(-D_ij / (2 var))
    expect(Math.abs(p.ixt - (Math.log(n) - mean))).toBeLessThan(1e-12);
    // a single class: H(T|Y) = H(T), I(T;Y) = 0
    expect(Math.abs(p.ity)).toBeLessThan(1e-12);
  });

  it('kde(x, t, labels) gives I(X;T) = ln n (upper) for well-separated samples and I(T;Y) = H(Y)', () => {
    const n = 40;
    const t = Array.from({ length: n }, (_, i) => [i, -i]);
    const labels = Array.from({ length: n }, (_, i) => i % 4);
    const p = kde(ids(n), t, labels, { units: 'nats' });
    expect(p.ixt).toBeCloseTo(Math.log(n), 12);
    expect(p.ity).toBeCloseTo(Math.log(4), 12);
  });

  it("kde(x, t, labels, {threads: 2 | 'auto'}) gives the values of one thread, bit for bit", () => {
    const t = randomRows(90, 3, 15);
    const labels = randomLabels(90, 3, 16);
    const a = kde(ids(90), t, labels, { threads: 1 });
    for (const threads of [2, 'auto'] as const) {
      const b = kde(ids(90), t, labels, { threads });
      expect(b.ixt).toBe(a.ixt);
      expect(b.ity).toBe(a.ity);
      expect(b.params).toEqual(a.params);
    }
  });

  it('kde(x, t, labels) accepts labels as a Labels object and a one-hot matrix', () => {
    const t = randomRows(30, 2, 11);
    const labels = randomLabels(30, 3, 12);
    const a = kde(ids(30), t, labels);
    const hot = labels.map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)));
    expect(kde(ids(30), t, toLabels(labels)).ity).toBe(a.ity);
    expect(kde(ids(30), t, hot).ity).toBeCloseTo(a.ity, 14);
  });

  describe('kde(x, t, labels) rejects bad input naming the parameter', () => {
    const t = randomRows(10, 2, 13);
    const labels = randomLabels(10, 2, 14);
    const cases: Array<[string, () => unknown, string, RegExp?]> = [
      ['NaN in t', () => kde(ids(10), [[NaN, 1], ...t.slice(1)], labels), 't', /row 0, column 0/],
      ['Infinity in x', () => kde([[Infinity], ...ids(9)], t, labels), 'x'],
      ['ragged t', () => kde(ids(10), [[1, 2], [3], ...t.slice(2)], labels), 't'],
      ['empty t', () => kde([], [], []), 'x'],
      ['single sample', () => kde([[0]], [[1, 2]], [0]), 'x'],
      ['mismatched t', () => kde(ids(10), t.slice(1), labels), 't'],
      ['mismatched labels', () => kde(ids(10), t, labels.slice(1)), 'labels'],
      ['non-integer labels', () => kde(ids(10), t, labels.map((l) => l + 0.5)), 'labels'],
      ['negative labels', () => kde(ids(10), t, labels.map((l) => -1 - l)), 'labels'],
      ['noiseVariance 0', () => kde(ids(10), t, labels, { noiseVariance: 0 }), 'noiseVariance', /> 0; got 0/],
      ['noiseVariance -1', () => kde(ids(10), t, labels, { noiseVariance: -1 }), 'noiseVariance'],
      ['noiseVariance NaN', () => kde(ids(10), t, labels, { noiseVariance: NaN }), 'noiseVariance'],
      ['noiseVariance string', () => kde(ids(10), t, labels, { noiseVariance: '1' as unknown as number }), 'noiseVariance'],
      ['bound', () => kde(ids(10), t, labels, { bound: 'middle' as 'upper' }), 'bound', /"upper", "lower"/],
      ['units', () => kde(ids(10), t, labels, { units: 'bans' as 'bits' }), 'units'],
      ['unknown option', () => kde(ids(10), t, labels, { var: 1 } as object), 'options', /"var"/],
      ['threads 0', () => kde(ids(10), t, labels, { threads: 0 }), 'threads', /an integer in \[1, 64\]/],
      ['threads 1.5', () => kde(ids(10), t, labels, { threads: 1.5 }), 'threads'],
      ['threads "all"', () => kde(ids(10), t, labels, { threads: 'all' as 'auto' }), 'threads', /"auto"/],
    ];
    for (const [what, call, param, message] of cases) {
      it(`kde(...) throws an InfoplaneError naming ${param} for ${what}`, () => {
        let error: unknown;
        try {
          call();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InfoplaneError);
        expect((error as InfoplaneError).param).toBe(param);
        expect((error as InfoplaneError).message).toMatch(/^kde: /);
        if (message) expect((error as InfoplaneError).message).toMatch(message);
      });
    }
  });
});

describe('kdeEntropy(t, options)', () => {
  it('kdeEntropy(t, options) equals the hT of kde(x, t, labels, options) for both bounds', () => {
    const c = loadCase('kde_lower_relu_n350_d9_c3_var1e-2_bits');
    for (const bound of ['upper', 'lower'] as const) {
      const h = kdeEntropy(c.t, { noiseVariance: 0.01, bound });
      const p = kde(ids(c.t.length), c.t, c.labels, { noiseVariance: 0.01, bound });
      expect(h.value).toBeCloseTo(p.hT as number, 12);
      expect(h.params).toEqual({ noiseVariance: 0.01, bound });
      expect(h.units).toBe('bits');
    }
    expectWithin(kdeEntropy(c.t, { noiseVariance: 0.01, bound: 'lower' }).value, c.expected.H_T, c.tolerance, 'H_T');
  });
  it('kdeEntropy(t) of a single Gaussian component (all rows equal) is the noise entropy (d/2)(ln(2 pi var) + 1)', () => {
    const t = Array.from({ length: 8 }, () => [0.5, -0.5, 2]);
    const v = 0.02;
    expect(kdeEntropy(t, { noiseVariance: v, units: 'nats' }).value).toBeCloseTo(1.5 * (Math.log(2 * Math.PI * v) + 1), 12);
  });
  it('kdeEntropy(t) throws InfoplaneErrors naming t and noiseVariance', () => {
    expect(() => kdeEntropy([[1]])).toThrow(/kdeEntropy: t must be at least 2 samples/);
    expect(() => kdeEntropy([[1], [2]], { noiseVariance: -1 })).toThrow(/kdeEntropy: noiseVariance must be/);
  });
});

describe('kdeChelombievPipeline(t, noise, labels)', () => {
  it('kdeChelombievPipeline(t, noise, labels) matches akde_official_pipeline_upper_n350_d9', () => {
    const c = loadCase('akde_official_pipeline_upper_n350_d9');
    const p = kdeChelombievPipeline(c.t, c.noise, c.labels, { units: c.units });
    expectWithin(p.ixt, c.expected.I_XT, c.tolerance, 'I_XT');
    expectWithin(p.ity, c.expected.I_TY, c.tolerance, 'I_TY');
    expect(p.params).toEqual({ noiseVariance: 0.01, bound: 'upper' });
  });
  it('kdeChelombievPipeline(t, noise, labels) rejects a noise matrix of another shape', () => {
    expect(() => kdeChelombievPipeline([[1], [2]], [[1, 2], [3, 4]], [0, 1])).toThrow(/noise must be the shape of t/);
  });
});

describe('kdeSpec', () => {
  it('kdeSpec.point / mi / entropy call kde, I(T;Y) and kdeEntropy', () => {
    const c = loadCase('kde_upper_tanh_n150_d2_c2_var1e-3_nats');
    const x = { data: Float64Array.from(ids(150).flat()), n: 150, d: 1 };
    const t = { data: Float64Array.from(c.t.flat()), n: 150, d: 2 };
    const labels = toLabels(c.labels);
    const opts = { noiseVariance: 1e-3, bound: 'upper' as const, units: 'nats' as const };
    expect(kdeSpec.name).toBe('kde');
    // the registered spec adds the shared subsampling parameters (estimators/subsampling.ts)
    expect(Object.keys(kdeSpec.params)).toEqual(['noiseVariance', 'bound', 'threads', 'maxSamples', 'seed']);
    const point = kdeSpec.point!(x, t, labels, opts) as { ixt: number };
    expectWithin(point.ixt, c.expected.I_XT, c.tolerance, 'I_XT');
    expectWithin((kdeSpec.mi!(t, labels, opts) as { value: number }).value, c.expected.I_TY, c.tolerance, 'I_TY');
    expectWithin((kdeSpec.entropy!(t, opts) as { value: number }).value, c.expected.H_T, c.tolerance, 'H_T');
    expect(() => kdeSpec.mi!(t, t, opts)).toThrow(/kdeMutualInformation: b must be integer class labels/);
  });
});

describe('kde: per-class terms', () => {
  const t = randomRows(90, 3, 11);
  // labels 9, 2, 5 (not dense, not sorted); classes of 30, 40 and 20 rows
  const labels = t.map((_, i) => (i < 30 ? 9 : i < 70 ? 2 : 5));
  const rowsOf = (label: number) => t.filter((_, i) => labels[i] === label);

  for (const bound of ['upper', 'lower'] as const) {
    it(`kde(x, t, labels, {bound: "${bound}"}).perClass: H(T|Y=c) = kdeEntropy of the class's rows; the terms sum to ity`, () => {
      for (const units of ['bits', 'nats'] as const) {
        const options = { noiseVariance: 1e-2, bound, units };
        const p = kde(ids(90), t, labels, options);
        expect(p.perClass!.map((c) => [c.label, c.n, c.weight])).toEqual([
          [2, 40, 40 / 90],
          [5, 20, 20 / 90],
          [9, 30, 30 / 90],
        ]);
        for (const c of p.perClass!) {
          // an independent route: the bound on the class's rows alone (no grouped pass)
          const alone = kdeEntropy(rowsOf(c.label), options).value;
          expectWithin(c.hTgivenY, alone, 1e-12, `H(T|Y=${c.label})`);
          expectWithin(c.ityTerm, c.weight * (p.hT! - alone), 1e-12, `term of class ${c.label}`);
          expectWithin(c.ixtGivenY!, alone - p.hTgivenX!, 1e-12, `I(X;T|Y=${c.label})`);
        }
        expectWithin(p.perClass!.reduce((a, c) => a + c.ityTerm, 0), p.ity, 1e-12, 'sum of the terms');
        expectWithin(p.perClass!.reduce((a, c) => a + c.weight * c.ixtGivenY!, 0), p.ixtGivenY!, 1e-12, 'sum p_c I(X;T|Y=c)');
      }
    });
  }

  it('kde(x, t, labels).perClass of well-separated classes: H(T|Y=c) = H(T|X) + ln n_c (upper), so I(T;Y) = H(Y)', () => {
    // each row far from every other: every kernel row sum is 1, H_upper(rows) = H(T|X) + ln(rows)
    const far = Array.from({ length: 12 }, (_, i) => [100 * i, 0]);
    const y = far.map((_, i) => (i < 3 ? 0 : 1));
    const p = kde(ids(12), far, y, { noiseVariance: 1e-3, units: 'nats' });
    expectWithin(p.perClass![0].hTgivenY, p.hTgivenX! + Math.log(3), 1e-12, 'H(T|Y=0)');
    expectWithin(p.perClass![1].hTgivenY, p.hTgivenX! + Math.log(9), 1e-12, 'H(T|Y=1)');
    expectWithin(p.perClass![0].ityTerm, 0.25 * Math.log(12 / 3), 1e-12, 'term of class 0');
    expectWithin(p.perClass![1].ityTerm, 0.75 * Math.log(12 / 9), 1e-12, 'term of class 1');
  });
});
