import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfoplaneError } from '../core/errors';
import { toLabels } from '../core/labels';
import { adaptiveKde, ADAPTIVE_KDE_DEFAULTS } from './adaptiveKde';
import { estimatorSpec } from './registry';

const adaptiveKdeSpec = estimatorSpec('adaptive-kde');
import { kde } from './kde';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Case = any;
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'reference-cases');
const loadCase = (id: string): Case => JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8'));

function expectWithin(got: number, want: number, tol: number, what: string): void {
  if (!(Math.abs(got - want) <= tol)) throw new Error(`${what}: got ${got}, expected ${want} ± ${tol}`);
}
const ids = (n: number) => Array.from({ length: n }, (_, i) => [i]);

describe('adaptiveKde(x, t, labels, options)', () => {
  const c = loadCase('akde_paper_relu_n700_d9_c4_basevar1e-3');
  for (const bound of ['upper', 'lower'] as const) {
    it(`adaptiveKde(x, t, labels, {noiseVariance: 1e-3, bound: "${bound}"}) matches ${c.id}`, () => {
      const p = adaptiveKde(ids(c.t.length), c.t, c.labels, { noiseVariance: c.params.base_var, bound });
      expectWithin(p.ixt, c.expected[`I_XT_${bound}`], c.tolerance, 'I_XT');
      expectWithin(p.ity, c.expected[`I_TY_${bound}`], c.tolerance, 'I_TY');
      expect(p.params.effectiveVariance as number).toBeCloseTo(c.expected.var_effective, 15);
      expect(p.params).toEqual({ noiseVariance: 1e-3, effectiveVariance: p.params.effectiveVariance, bound });
    });
  }

  it('adaptiveKde(x, t, labels) matches ib12subset_relu_seed7007_epoch400_layer2_w7_n700 akde_upper', () => {
    const plane = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const p = adaptiveKde(plane.x, plane.t, plane.labels);
    expectWithin(p.ixt, plane.expected.akde_upper.I_XT, plane.tolerance.akde_upper, 'I_XT');
    expectWithin(p.ity, plane.expected.akde_upper.I_TY, plane.tolerance.akde_upper, 'I_TY');
    expect(p.params.effectiveVariance as number).toBeCloseTo(plane.params.akde_upper.var_effective, 15);
  });

  it('adaptiveKde(x, t, labels, options) equals kde with noiseVariance x max(t), and to scaling t with noiseVariance', () => {
    const t = [[0.1, 0.4], [0.3, 0.2], [0.9, 0.0], [0.25, 0.5], [0.6, 0.6], [0.0, 0.05]];
    const labels = [0, 1, 0, 1, 0, 1];
    const a = adaptiveKde(ids(6), t, labels, { noiseVariance: 0.01, units: 'nats' });
    const k = kde(ids(6), t, labels, { noiseVariance: 0.01 * 0.9, units: 'nats' });
    expect(a.ixt).toBeCloseTo(k.ixt, 14);
    expect(a.ity).toBeCloseTo(k.ity, 14);
    // scaling T by s scales squared distances by s^2 but max(T) only by s: scaling noiseVariance by s too
    // scales the kernel variance by s^2, which leaves every I value unchanged
    const s = 4;
    const b = adaptiveKde(ids(6), t.map((r) => r.map((v) => s * v)), labels, { noiseVariance: 0.01 * s, units: 'nats' });
    expect(b.ixt).toBeCloseTo(a.ixt, 12);
    expect(b.ity).toBeCloseTo(a.ity, 12);
  });

  it('adaptiveKde(x, t, labels) defaults to ADAPTIVE_KDE_DEFAULTS and reports bits = nats / ln 2', () => {
    expect(ADAPTIVE_KDE_DEFAULTS).toEqual({ noiseVariance: 1e-3, bound: 'upper', units: 'bits', threads: 'auto' });
    const t = [[0.1], [0.3], [0.2], [0.9]];
    const a = adaptiveKde(ids(4), t, [0, 0, 1, 1]);
    const n = adaptiveKde(ids(4), t, [0, 0, 1, 1], { units: 'nats' });
    expect(a.units).toBe('bits');
    expect(a.ixt).toBeCloseTo(n.ixt / Math.LN2, 13);
  });

  it('adaptiveKde(x, t, labels) rejects max(t) <= 0 with a clear error naming t', () => {
    const zero = [[0, 0], [0, 0], [0, 0]];
    expect(() => adaptiveKde(ids(3), zero, [0, 1, 0])).toThrow(/adaptiveKde: t must be activations with a positive maximum .*got max\(t\) = 0/);
    expect(() => adaptiveKde(ids(2), [[-1], [-2]], [0, 1])).toThrow(InfoplaneError);
  });

  it('adaptiveKde(x, t, labels) rejects bad parameters and data naming the parameter', () => {
    const t = [[0.1], [0.3], [0.2]];
    const check = (call: () => unknown, param: string) => {
      try {
        call();
      } catch (e) {
        expect(e).toBeInstanceOf(InfoplaneError);
        expect((e as InfoplaneError).param).toBe(param);
        return;
      }
      throw new Error('did not throw');
    };
    check(() => adaptiveKde(ids(3), t, [0, 1, 0], { noiseVariance: 0 }), 'noiseVariance');
    check(() => adaptiveKde(ids(3), t, [0, 1, 0], { bound: 'x' as 'upper' }), 'bound');
    check(() => adaptiveKde(ids(3), t, [0, 1, 0], { units: 'x' as 'bits' }), 'units');
    check(() => adaptiveKde(ids(3), t, [0, 1, 0], { sigma: 1 } as object), 'options');
    check(() => adaptiveKde(ids(3), [[NaN], [1], [2]], [0, 1, 0]), 't');
    check(() => adaptiveKde(ids(3), t, [0, 1]), 'labels');
    check(() => adaptiveKde([[1]], [[1]], [0]), 'x');
  });

  it('adaptiveKdeSpec.point and .mi call adaptiveKde', () => {
    expect(adaptiveKdeSpec.name).toBe('adaptive-kde');
    const t = { data: Float64Array.from([0.1, 0.3, 0.2, 0.9]), n: 4, d: 1 };
    const x = { data: Float64Array.from([0, 1, 2, 3]), n: 4, d: 1 };
    const labels = toLabels([0, 0, 1, 1]);
    const p = adaptiveKdeSpec.point!(x, t, labels, {}) as { ity: number };
    expect((adaptiveKdeSpec.mi!(t, labels, {}) as { value: number }).value).toBe(p.ity);
  });
});

describe('adaptiveKde: per-class terms', () => {
  it('adaptiveKde(x, t, labels).perClass equals kde with noiseVariance x max(t), class by class', () => {
    const t = Array.from({ length: 40 }, (_, i) => [Math.abs(Math.sin(i)), Math.abs(Math.cos(3 * i))]);
    const labels = t.map((_, i) => i % 3);
    const x = t.map((_, i) => [i]);
    const a = adaptiveKde(x, t, labels, { noiseVariance: 0.01 });
    const k = kde(x, t, labels, { noiseVariance: a.params.effectiveVariance as number });
    expect(a.perClass).toHaveLength(3);
    a.perClass!.forEach((c, i) => {
      expect(c.label).toBe(k.perClass![i].label);
      expect(Math.abs(c.hTgivenY - k.perClass![i].hTgivenY)).toBeLessThan(1e-12);
      expect(Math.abs(c.ityTerm - k.perClass![i].ityTerm)).toBeLessThan(1e-12);
    });
  });
});
