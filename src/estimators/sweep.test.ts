import { InfoplaneError } from '../core/errors';
import { randomSource } from '../core/random';
import { adaptiveKde } from './adaptiveKde';
import { csPoint } from './cauchySchwarz';
import { kde, kdeEntropy } from './kde';
import { binning } from './binning';
import { bandwidthSweep, sweep, sweepEstimatorNames } from './sweep';

const r = randomSource(21);
const n = 60;
const x = Array.from({ length: n }, (_, i) => [i % 2, (i >> 1) % 2, i]);
const t = Array.from({ length: n }, () => [Math.abs(r.normal()), Math.abs(r.normal())]);
const labels = Array.from({ length: n }, (_, i) => i % 3);

describe('sweep(estimator, x, t, labels, {param, values, options})', () => {
  it("sweep('kde', ..., {param: 'noiseVariance'}) equals kde at each value, I(X;T) decreasing with the variance", () => {
    const values = [1e-4, 1e-3, 1e-2, 1e-1];
    const s = sweep('kde', x, t, labels, { param: 'noiseVariance', values, options: { bound: 'lower', units: 'nats' } });
    expect(s).toMatchObject({ estimator: 'kde', param: 'noiseVariance', values, units: 'nats' });
    values.forEach((v, k) => {
      const p = kde(x, t, labels, { noiseVariance: v, bound: 'lower', units: 'nats' });
      expect(s.ixt[k]).toBe(p.ixt);
      expect(s.ity[k]).toBe(p.ity);
      expect(s.params[k]).toEqual({ noiseVariance: v, bound: 'lower' });
    });
    for (let k = 1; k < values.length; k++) expect(s.ixt[k]).toBeLessThan(s.ixt[k - 1]);
  });
  it("sweep('adaptive-kde' | 'cs', ...) reports the resolved parameters of each point", () => {
    const a = sweep('adaptive-kde', x, t, labels, { param: 'noiseVariance', values: [1e-3, 1e-2] });
    expect(a.ixt[1]).toBe(adaptiveKde(x, t, labels, { noiseVariance: 1e-2 }).ixt);
    expect(a.params[0].effectiveVariance).toBeGreaterThan(0);
    const c = sweep('cs', x, t, labels, { param: 'sigmaT', values: [0.5, 'median', 'cs-ib'] });
    expect(c.ity[1]).toBe(csPoint(x, t, labels, { sigmaT: 'median' }).ity);
    expect(c.params[1].sigmaT).toBe(csPoint(x, t, labels, { sigmaT: 'median' }).params.sigmaT);
    expect(c.units).toBe('bits');
    const m = sweep('cs-normalized', x, t, labels, { param: 'sigma', values: [1] });
    expect(m.ixt).toHaveLength(1);
  });
  it('sweep(fn, ...) accepts any point function', () => {
    const s = sweep((xs, ts, ls, o) => kde(xs, ts, ls, o), x, t, labels, { param: 'bound', values: ['upper', 'lower'] });
    expect(s.estimator).toBe('custom');
    expect(s.ixt[0]).toBeGreaterThanOrEqual(s.ixt[1]);
  });
  it('sweep(...) rejects bad input naming the parameter', () => {
    const param = (call: () => unknown) => {
      try {
        call();
      } catch (e) {
        expect(e).toBeInstanceOf(InfoplaneError);
        return (e as InfoplaneError).param;
      }
      return 'no error';
    };
    expect(param(() => sweep('kgs', x, t, labels, { param: 'k', values: [3] }))).toBe('estimator');
    expect(param(() => sweep('dse', x, t, labels, { param: 'sigma', values: [1] }))).toBe('estimator'); // entropy only
    expect(param(() => sweep('kde', x, t, labels, { param: '', values: [1] }))).toBe('param');
    expect(param(() => sweep('kde', x, t, labels, { param: 'noiseVariance', values: [] }))).toBe('values');
    expect(param(() => sweep('kde', x, t, labels, { param: 'noiseVariance', values: [1e-3, -1] }))).toBe('noiseVariance');
    expect(param(() => sweep('kde', x, t, labels, { param: 'sigma', values: [1] }))).toBe('options');
    expect(param(() => sweep('kde', x, t.slice(1), labels, { param: 'noiseVariance', values: [1] }))).toBe('t');
    expect(param(() => sweep('kde', x, t, labels, { param: 'noiseVariance', values: [1], grid: 2 } as never))).toBe('options');
  });
});

describe('sweep over any registered estimator', () => {
  it("sweep('binning', x, t, labels, {param: 'bins', values}) equals direct binning calls", () => {
    const s = sweep('binning', x, t, labels, { param: 'bins', values: [4, 30], options: { units: 'nats' } });
    expect(s.estimator).toBe('binning');
    expect(s.units).toBe('nats');
    expect(s.ixt).toEqual([4, 30].map((bins) => binning(x, t, labels, { bins, units: 'nats' }).ixt));
    expect(s.ity).toEqual([4, 30].map((bins) => binning(x, t, labels, { bins, units: 'nats' }).ity));
    expect(sweepEstimatorNames()).toEqual(expect.arrayContaining(['binning', 'adaptive-binning', 'kde', 'cs', 'ksg', 'renyi', 'dsmi']));
    expect(sweepEstimatorNames()).not.toContain('dse');
  });
});

describe('bandwidthSweep(estimate, grid)', () => {
  it('bandwidthSweep(estimate, grid) maps the grid in order', () => {
    const grid = [1e-3, 1e-2];
    const s = bandwidthSweep((v) => kdeEntropy(t, { noiseVariance: v }).value, grid);
    expect(s.values).toEqual(grid);
    expect(s.estimates[1]).toBe(kdeEntropy(t, { noiseVariance: 1e-2 }).value);
    expect(() => bandwidthSweep((v: number) => v, [])).toThrow(/bandwidthSweep: grid must be a non-empty array/);
  });
});
