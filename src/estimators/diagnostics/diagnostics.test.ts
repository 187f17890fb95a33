import { randomSource } from '../../core/random';
import { consumeWarnings } from '../../core/warn';
import { adaptiveBinning } from '../adaptiveBinning';
import { binning, binningEntropy, binningMutualInformation } from '../binning';
import { diffusionSpectralEntropy } from '../dse';
import { kde, kdeEntropy } from '../kde';
import { ksg, ksgPoint } from '../ksg';
import { toLabels } from '../../core/labels';
import { diagnosticsOf, formatWarning, meanLogRowSum, medianNearestSquaredDistance } from './index';

function gaussian(n: number, d: number, seed: number, scale = 1): number[][] {
  const random = randomSource(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => scale * random.normal()));
}
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('saturated', () => {
  it('binning(x, t, labels) warns when I(X;T) = H(X) = log2 n and I(T;Y) = H(Y), with the ceilings', () => {
    const n = 64;
    const x = Array.from({ length: n }, (_, i) => [i]);
    const t = Array.from({ length: n }, (_, i) => [-0.99 + (1.98 * i) / (n - 1)]); // one row per bin of 1000 edges
    const y = Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));
    const p = binning(x, t, y, { bins: 1000 });
    expect(p.ixt).toBeCloseTo(6, 12);
    const sat = p.warnings.filter((w) => w.code === 'saturated');
    expect(sat).toEqual([
      expect.objectContaining({ quantity: 'I(X;T)', ceilingName: 'H(X)', tolerance: 0.01 }),
      expect.objectContaining({ quantity: 'I(T;Y)', ceilingName: 'H(Y)' }),
    ]);
    expect(sat[0].ceiling as number).toBeCloseTo(6, 12); // log2 64
    expect(sat[1].ceiling as number).toBeCloseTo(1, 12);
    expect(formatWarning(sat[0])).toMatch(/^saturated: I\(X;T\) = 6 bits is within 1% of its ceiling H\(X\) = 6 bits/);
    // 3 bins: far from both ceilings, no warning of any kind
    const coarse = binning(x, t, y.map((_, i) => i % 2), { bins: 3 });
    expect(coarse.ixt).toBeCloseTo(1, 12);
    expect(coarse.warnings).toEqual([]);
  });

  it('binning(x, t, labels) compares I(X;T) with H(X), not log2 n, when inputs repeat', () => {
    // 8 samples, 4 distinct inputs: H(X) = 2 bits < log2 8 = 3; T separates the inputs
    const x = [0, 0, 1, 1, 2, 2, 3, 3].map((v) => [v]);
    const t = [0, 0, 1, 1, 2, 2, 3, 3].map((v) => [-0.9 + 0.5 * v]);
    const p = binning(x, t, [0, 1, 0, 1, 0, 1, 0, 1], { bins: 100 });
    expect(p.ixt).toBeCloseTo(2, 12);
    expect(p.warnings.find((w) => w.quantity === 'I(X;T)')).toMatchObject({ ceiling: 2, ceilingName: 'H(X)' });
  });

  it('binningEntropy(t) warns at log2 n; the warnings are data, never printed', () => {
    const t = Array.from({ length: 32 }, (_, i) => [-0.99 + i / 16.5]);
    consumeWarnings();
    const h = binningEntropy(t, { bins: 1000 });
    expect(h.value).toBeCloseTo(5, 12);
    expect(codes(h)).toContain('saturated');
    expect(consumeWarnings()).toEqual([]);
  });
});

describe('out-of-range', () => {
  it('binning(x, t, labels) reports the share of values outside range and the range that holds them', () => {
    // a ReLU-like layer: 43 of 100 values above 1, none below -1
    const t = Array.from({ length: 100 }, (_, i) => [i < 43 ? 1.5 + i / 10 : i / 200]);
    const x = Array.from({ length: 100 }, (_, i) => [i]);
    const p = binning(x, t, x.map((_, i) => i % 2));
    const w = p.warnings.find((v) => v.code === 'out-of-range')!;
    expect(w).toMatchObject({ param: 't', share: 0.43, below: 0, above: 0.43, range: [-1, 1], dataRange: [-1, 1.5 + 4.2] });
    expect(w.message).toMatch(/^43\.0% of the values of t lie outside the binning range \[-1, 1\] \(0\.0% below, 43\.0% above\)/);
    // within range, or 1% out: nothing; the bin-size variant has no range
    expect(codes(binning(x, t.map(([v]) => [Math.min(v, 0.99)]), x.map((_, i) => i % 2)))).not.toContain('out-of-range');
    expect(codes(binning(x, t.map(([v], i) => [i === 0 ? v : Math.min(v, 0.99)]), x.map((_, i) => i % 2)))).not.toContain('out-of-range');
    expect(codes(binning(x, t, x.map((_, i) => i % 2), { binSize: 0.5 }))).not.toContain('out-of-range');
    // mi and entropy say it too
    expect(codes(binningEntropy(t))).toContain('out-of-range');
    expect(binningMutualInformation(t, toLabels(x.map((_, i) => i % 2))).warnings.find((v) => v.code === 'out-of-range')).toMatchObject({ param: 'a', share: 0.43 });
  });
});

describe('sparse-bins', () => {
  it('adaptiveBinning(x, t, labels) warns when most occupied bins hold one sample, and gives the counts', () => {
    const t = gaussian(50, 6, 1);
    const x = t.map((_, i) => [i]);
    const p = adaptiveBinning(x, t, x.map((_, i) => i % 2), { bins: 30 });
    expect(p.warnings.find((w) => w.code === 'sparse-bins')).toMatchObject({ singletonBins: 50, occupiedBins: 50, samples: 50, share: 1 });
    // 2 bins of one unit: at most 2 cells of ~25 samples
    expect(codes(adaptiveBinning(x, t.map((r) => [r[0]]), x.map((_, i) => i % 2), { bins: 2 }))).not.toContain('sparse-bins');
  });
});

describe('kde-regime', () => {
  /** exp(mean_i ln sum_j exp(-|t_i - t_j|^2 / (2 v))), brute force. */
  function effectiveKernels(t: number[][], v: number): number {
    let meanLog = 0;
    for (const a of t) {
      let s = 0;
      for (const b of t) s += Math.exp(-a.reduce((acc, ai, c) => acc + (ai - b[c]) ** 2, 0) / (2 * v));
      meanLog += Math.log(s);
    }
    return Math.exp(meanLog / t.length);
  }

  it('kde(x, t, labels) flags a KDE condensed on its samples (high d, small n) with ln(n)/d and the effective kernels', () => {
    const t = gaussian(100, 40, 2, 0.1);
    const x = t.map((_, i) => [i]);
    const p = kde(x, t, x.map((_, i) => i % 2), { noiseVariance: 1e-3 });
    const w = p.warnings.find((v) => v.code === 'kde-regime')!;
    expect(w).toBeDefined();
    expect(w.effectiveKernels as number).toBeCloseTo(effectiveKernels(t, 1e-3), 10);
    expect(w.lnNOverD).toBeCloseTo(Math.log(100) / 40, 12);
    expect(w.message).toMatch(/^the KDE is condensed on its samples: 1\.00 kernels contribute per sample \(ln\(n\)\/d = 0\.115/);
    // the suggested noiseVariance makes the median nearest neighbour weigh exactly 1/2 of the sample itself
    const leaving = w.leavingNoiseVariance as number;
    expect(Math.exp(-medianNearestSquaredDistance({ data: Float64Array.from(t.flat()), n: 100, d: 40 }) / (2 * leaving))).toBeCloseTo(0.5, 12);
    // with a noise variance ten times larger the KDE is no longer condensed
    const wide = kde(x, t, x.map((_, i) => i % 2), { noiseVariance: 10 * leaving });
    expect(codes(wide)).not.toContain('kde-regime');
    expect(effectiveKernels(t, 10 * leaving)).toBeGreaterThan(2);
  });

  it('kdeEntropy(t, {bound: lower}) reads the kernel mass at 4 x noiseVariance', () => {
    const t = gaussian(60, 30, 3, 0.1);
    const h = kdeEntropy(t, { noiseVariance: 1e-3, bound: 'lower' });
    expect(h.warnings.find((v) => v.code === 'kde-regime')!.effectiveKernels as number).toBeCloseTo(effectiveKernels(t, 4e-3), 10);
  });

  it('meanLogRowSum inverts the KDE upper bound', () => {
    const t = gaussian(30, 2, 4);
    const h = kdeEntropy(t, { noiseVariance: 0.5, units: 'nats' }).value;
    expect(Math.exp(meanLogRowSum(h, 30, 2, 0.5))).toBeCloseTo(effectiveKernels(t, 0.5), 10);
  });
});

describe('ties', () => {
  it('ksgPoint(x, t, labels) reports ties of a layer with dead units', () => {
    const x = gaussian(90, 2, 5);
    const t = x.map((r, i) => (i % 3 === 0 ? [0, 0] : [Math.tanh(r[0]), Math.tanh(r[1])]));
    const p = ksgPoint(x, t, x.map((_, i) => i % 2));
    expect(p.warnings.filter((w) => w.code === 'ties')).toEqual([expect.objectContaining({ param: 't', repeated: 30, n: 90, zeroRadius: 30 })]);
  });
});

describe('flat-spectrum and subsampled', () => {
  it('diffusionSpectralEntropy(t, {method, t: 3}) says it fell back to the full solver; maxSamples says it subsampled', () => {
    const t = gaussian(80, 3, 6);
    const r = diffusionSpectralEntropy(t, { method: 'cholesky', t: 3 });
    expect(r.params.fallback).toBeDefined();
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'flat-spectrum', methodRequested: 'cholesky' })]);
    expect(diffusionSpectralEntropy(t, { method: 'full' }).warnings).toEqual([]);
    const sub = diffusionSpectralEntropy(t, { maxSamples: 50, seed: 1 });
    expect(sub.warnings).toEqual([expect.objectContaining({ code: 'subsampled', samplesUsed: 50, samplesGiven: 80, maxSamples: 50 })]);
  });
});

describe('diagnosticsOf', () => {
  it('diagnosticsOf(result, facts) keeps the result\'s own warnings first and drops repeats', () => {
    const own = { code: 'x', message: 'm' };
    const r = { value: 1, units: 'bits' as const, params: {}, warnings: [own, own] };
    expect(diagnosticsOf(r, {})).toEqual([own]);
  });
});

describe('I(X;T|Y)', () => {
  it('binning(x, t, labels).ixtGivenY is H(T|Y) - H(T|X,Y) (hand-computed case)', () => {
    // T symbols a a b c, Y 0 0 1 1: H(T|Y) = 0.5 * 0 + 0.5 * 1 = 0.5 bit; T is a function of X: H(T|X,Y) = 0
    const p = binning([[0], [1], [2], [3]], [[-0.9], [-0.9], [0.1], [0.9]], [0, 0, 1, 1], { bins: 5 }); // edges -1, -0.5, 0, 0.5, 1
    expect(p.ixtGivenY).toBeCloseTo(0.5, 12);
    // labels a function of X: I(X;T|Y) = I(X;T) - I(T;Y)
    const x = gaussian(200, 2, 7);
    const t = x.map((r) => [Math.tanh(r[0]), Math.tanh(r[1])]);
    const q = binning(x, t, x.map((r) => (r[0] > 0 ? 1 : 0)), { bins: 6 });
    expect(q.ixtGivenY!).toBeCloseTo(q.ixt - q.ity, 12);
    expect(q.ixtGivenY!).toBeGreaterThan(0);
  });

  it('binning(x, t, labels).ixtGivenY conditions on X and Y jointly when T is not a function of X', () => {
    // X 0 0 1 1, T a b c c, Y 0 1 0 1: H(T|Y) = 1 (a,c | b,c), H(T|X,Y) = 0 (every (x, y) once) -> 1 bit,
    // while I(X;T) - I(T;Y) = H(T|Y) - H(T|X) = 1 - 0.5
    const p = binning([[0], [0], [1], [1]], [[-0.9], [-0.3], [0.3], [0.3]], [0, 1, 0, 1], { bins: 5 });
    expect(p.ixtGivenY).toBeCloseTo(1, 12);
    expect(p.ixt - p.ity).toBeCloseTo(0.5, 12);
  });

  it('kde(x, t, labels).ixtGivenY = H(T|Y) - H(T|X) = I(X;T) - I(T;Y)', () => {
    const x = gaussian(120, 3, 8);
    const p = kde(x, x.map((r) => r.map(Math.tanh)), x.map((r) => (r[0] > 0 ? 1 : 0)), { noiseVariance: 0.05 });
    expect(p.ixtGivenY!).toBeCloseTo(p.hTgivenY! - p.hTgivenX!, 12);
    expect(p.ixtGivenY!).toBeCloseTo(p.ixt - p.ity, 10);
  });
});

describe('standard errors', () => {
  it('ksg(x, y).params.standardError is close to the spread of the estimate across independent samples', () => {
    const values: number[] = [];
    const errors: number[] = [];
    for (let seed = 0; seed < 24; seed++) {
      const random = randomSource(100 + seed);
      const x: number[][] = [];
      const y: number[][] = [];
      for (let i = 0; i < 300; i++) {
        const a = random.normal();
        x.push([a]);
        y.push([0.75 * a + Math.sqrt(1 - 0.75 ** 2) * random.normal()]);
      }
      const r = ksg(x, y, { units: 'nats' });
      values.push(r.value);
      errors.push(r.params.standardError as number);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    const se = errors.reduce((a, b) => a + b, 0) / errors.length;
    // the true value is -ln(1 - 0.75^2) / 2 = 0.4133 nats; the per-sample error bar is within a factor 2 of the spread
    expect(Math.abs(mean - 0.4133)).toBeLessThan(0.05);
    expect(se / sd).toBeGreaterThan(0.5);
    expect(se / sd).toBeLessThan(2);
  });
});
