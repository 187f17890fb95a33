import { expectInfoplaneError } from '../../test/helpers/errors';
import { cli, tempDir, writeJson } from '../../test/helpers/cli';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { createRecorder } from '../record/recorder';
import { infoPlaneFigure } from '../plot/infoPlane';
import { miBaseline, permutation, pointBaseline } from './baseline';

describe('pointBaseline', () => {
  const random = randomSource(3);
  const n = 1000;
  const x = Array.from({ length: n }, (_, i) => [i]);
  const labels = x.map(() => random.int(2));

  it('pointBaseline(binning, ...) of a layer that puts every sample in its own bin is H(Y), with no spread', () => {
    const t = x.map((_, i) => [-0.999 + (1.998 * i) / (n - 1)]);
    const b = pointBaseline('binning', x, t, labels, { shuffles: 5, estimatorOptions: { bins: 100000 } });
    const p1 = labels.filter((v) => v === 1).length / n;
    const hY = -(p1 * Math.log2(p1) + (1 - p1) * Math.log2(1 - p1));
    expect(b.mean).toBeCloseTo(hY, 10);
    expect(b.sd).toBeCloseTo(0, 10);
  });

  it('miBaseline(binning, t, labels) of a 2-cell layer is the plug-in bias (|T|-1)(|Y|-1) / (2 n ln 2) bits', () => {
    // under independence 2 n ln2 I is chi-square with 1 degree of freedom: mean 1, sd sqrt(2); 300 shuffles
    // estimate the mean within sqrt(2 / 300) = 8% (1 sd), so 25% is 3 standard errors
    const t = x.map(() => [random() < 0.5 ? -0.5 : 0.5]);
    const b = miBaseline('binning', t, toLabels(labels), { shuffles: 300, seed: 1, estimatorOptions: { bins: 3 } });
    const bias = 1 / (2 * n * Math.LN2);
    expect(Math.abs(b.mean - bias) / bias).toBeLessThan(0.25);
    expect(b.sd / b.mean).toBeGreaterThan(1.2);
    expect(b.sd / b.mean).toBeLessThan(1.7);
    expect(b.values).toHaveLength(300);
    expect(b.min).toBeGreaterThanOrEqual(0);
  });

  it('pointBaseline is seeded: the same seed repeats the shuffles, another seed changes them', () => {
    const t = x.map((r) => [Math.tanh(r[0] / 300 - 1)]);
    const a = pointBaseline('binning', x, t, labels, { shuffles: 4, seed: 7 });
    expect(pointBaseline('binning', x, t, labels, { shuffles: 4, seed: 7 }).values).toEqual(a.values);
    expect(pointBaseline('binning', x, t, labels, { shuffles: 4, seed: 8 }).values).not.toEqual(a.values);
    expect(Array.from(permutation(10, randomSource(1))).sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('pointBaseline rejects bad shuffles and estimators without points', () => {
    expectInfoplaneError(() => pointBaseline('binning', x, x, labels, { shuffles: 0 }), { code: 'out_of_range', param: 'shuffles' });
    expectInfoplaneError(() => pointBaseline('dse', x, x, labels, { shuffles: 2 }), { param: 'estimator' });
  });
});

describe('miBaseline', () => {
  it('miBaseline(ksg, a, b) is near 0: shuffled rows of a continuous b carry no information', () => {
    const random = randomSource(4);
    const a = Array.from({ length: 400 }, () => [random.normal()]);
    const b = a.map(([v]) => [v + 0.5 * random.normal()]);
    const floor = miBaseline('ksg', a, b, { shuffles: 20, seed: 2, estimatorOptions: { units: 'nats' } });
    expect(Math.abs(floor.mean)).toBeLessThan(0.03);
    // and with labels
    const labels = toLabels(a.map(([v]) => (v > 0 ? 1 : 0)));
    expect(Math.abs(miBaseline('ksg', a, labels, { shuffles: 10 }).mean)).toBeLessThan(0.05);
  });
});

describe('baseline through the command line, the recorder and the plane', () => {
  const dir = tempDir('infoplane-baseline-');
  const random = randomSource(5);
  const x = Array.from({ length: 200 }, (_, i) => [i]);
  const labels = x.map(() => random.int(2));
  const t = x.map(() => [Math.tanh(random.normal())]);

  it('infoplane point --baseline-shuffles R --baseline-seed S --json adds "baseline": {"ity": {...}}, the API values', async () => {
    const args = ['point', '--input', writeJson(dir, 'x.json', x), '--activations', writeJson(dir, 't.json', t), '--labels', writeJson(dir, 'y.json', labels), '--estimator', 'binning'];
    const r = await cli(...args, '--baseline-shuffles', '6', '--baseline-seed', '3', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const api = pointBaseline('binning', x, t, labels, { shuffles: 6, seed: 3 });
    expect(out.baseline.ity).toEqual(api);
    const text = await cli(...args, '--baseline-shuffles', '6');
    expect(text.stdout).toMatch(/I\(T;Y\) with shuffled labels \(6 shuffles, seed 0\): mean \d\.\d{6} bits, sd \d\.\d{6}, range \[/);
    const bad = await cli(...args, '--baseline-seed', '3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('infoplane point: --baseline-seed goes with --baseline-shuffles\n');
  });

  it('createRecorder({baseline: {shuffles, epochs}}) records the floor at the chosen epochs; the plane draws its band', async () => {
    const recorder = createRecorder({ inputs: x, labels, estimators: ['binning'], baseline: { shuffles: 5, seed: 1, epochs: [1] } });
    await recorder.record(0, { a: t });
    await recorder.record(1, { a: t });
    const run = recorder.run!;
    expect(run.points.map((p) => p.baseline !== undefined)).toEqual([false, true]);
    const b = run.points[1].baseline!.ity;
    const api = pointBaseline('binning', x, t, labels, { shuffles: 5, seed: 1 });
    expect(b).toEqual({ shuffles: 5, seed: 1, mean: api.mean, sd: api.sd, min: api.min, max: api.max });
    const band = (infoPlaneFigure(run).layout.shapes as Record<string, any>[]).find((s) => s.type === 'rect')!;
    expect([band.y0, band.y1]).toEqual([api.mean - 2 * api.sd, api.mean + 2 * api.sd]);
    expect(band.label.text).toBe('shuffled labels (mean ± 2 sd)');
    expectInfoplaneError(() => createRecorder({ inputs: x, labels, baseline: { shuffles: 0 } }), { param: 'baseline.shuffles' });
  });
});
