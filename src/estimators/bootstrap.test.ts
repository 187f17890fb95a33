import { expectInfoplaneError } from '../../test/helpers/errors';
import { cli, tempDir, writeJson } from '../../test/helpers/cli';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { createRecorder } from '../record/recorder';
import { infoPlaneFigure } from '../plot/infoPlane';
import { NORMAL_95, pointInterval } from '../plot/pointErrors';
import { miBootstrap, pointBootstrap, quantileSorted, resampleIndices, selectLabels, summarizeReplicates } from './bootstrap';

describe('quantileSorted and summarizeReplicates', () => {
  it('quantileSorted interpolates between order statistics (type 7: numpy.quantile([1,2,3,4], 0.25) = 1.75)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('summarizeReplicates leaves out and counts the replicates that are not finite', () => {
    const s = summarizeReplicates([1, 2, NaN, 3, -Infinity, 4], 0.5);
    expect(s.nonFinite).toBe(2);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect([s.lower, s.upper]).toEqual([1.75, 3.25]);
  });

  it('resampleIndices draws with replacement; selectLabels keeps the original class values', () => {
    const p = resampleIndices(1000, randomSource(1));
    expect(p.every((i) => i >= 0 && i < 1000)).toBe(true);
    // with replacement: about n (1 - 1/e) = 632 distinct rows
    expect(Math.abs(new Set(p).size - 632)).toBeLessThan(40);
    const l = selectLabels(toLabels([3, 7, 7]), [2, 2, 0]);
    expect(l.classes).toEqual([3, 7]);
    expect(Array.from(l.ids)).toEqual([1, 1, 0]);
  });
});

describe('pointBootstrap', () => {
  // a 2-cell layer T (+-0.5) and a binary label with P(Y = T's side) = 0.8: the plug-in I(T;Y) is asymptotically
  // normal with variance Var[ln p(t,y)/(p(t)p(y))] / n = 0.8 * 0.2 * (ln 1.6 - ln 0.4)^2 / n nats^2 (delta method)
  const n = 1000;
  const random = randomSource(11);
  const x = Array.from({ length: n }, (_, i) => [i]);
  const side = x.map(() => (random() < 0.5 ? 0 : 1));
  const t = side.map((s) => [s ? 0.5 : -0.5]);
  const labels = side.map((s) => (random() < 0.8 ? s : 1 - s));
  const trueBits = 1 - -(0.8 * Math.log2(0.8) + 0.2 * Math.log2(0.2));

  it('pointBootstrap(binning, ...) gives the delta-method sd of I(T;Y) and an interval that covers the true value', () => {
    const b = pointBootstrap('binning', x, t, labels, { bootstrap: 200, seed: 2, estimatorOptions: { bins: 3 } });
    const sdBits = Math.sqrt((0.16 * Math.log(4) ** 2) / n) / Math.LN2;
    // 200 replicates estimate an sd within 1/sqrt(2 * 200) = 5% (1 sd): 15% is 3 of them
    expect(Math.abs(b.intervals.ity.sd / sdBits - 1)).toBeLessThan(0.15);
    expect(b.intervals.ity.lower).toBeLessThan(trueBits);
    expect(b.intervals.ity.upper).toBeGreaterThan(trueBits);
    // the 95% percentile interval of a near-normal statistic spans about 2 * 1.96 sd
    expect((b.intervals.ity.upper - b.intervals.ity.lower) / (2 * NORMAL_95 * sdBits)).toBeGreaterThan(0.8);
    expect((b.intervals.ity.upper - b.intervals.ity.lower) / (2 * NORMAL_95 * sdBits)).toBeLessThan(1.2);
    expect(b.intervals.ity.nonFinite).toBe(0);
    expect(Object.keys(b.intervals).sort()).toEqual(['ity', 'ixt', 'ixtGivenY']);
    expect([b.bootstrap, b.seed, b.level]).toEqual([200, 2, 0.95]);
  });

  it('pointBootstrap is seeded: the same seed repeats the resamples, another seed changes them', () => {
    const a = pointBootstrap('binning', x, t, labels, { bootstrap: 5, seed: 7 });
    expect(pointBootstrap('binning', x, t, labels, { bootstrap: 5, seed: 7 })).toEqual(a);
    expect(pointBootstrap('binning', x, t, labels, { bootstrap: 5, seed: 8 }).intervals.ity).not.toEqual(a.intervals.ity);
  });

  it('pointBootstrap rejects bad B, level, lengths and estimators without points', () => {
    expectInfoplaneError(() => pointBootstrap('binning', x, t, labels, { bootstrap: 1 }), { code: 'out_of_range', param: 'bootstrap' });
    expectInfoplaneError(() => pointBootstrap('binning', x, t, labels, { bootstrap: 5, level: 1 }), { code: 'out_of_range', param: 'level' });
    expectInfoplaneError(() => pointBootstrap('binning', x, t.slice(1), labels, { bootstrap: 5 }), { code: 'length_mismatch' });
    expectInfoplaneError(() => pointBootstrap('dse', x, t, labels, { bootstrap: 5 }), { param: 'estimator' });
  });

  it('miBootstrap(binning, t, labels) has the same delta-method sd; with a matrix Y the rows move together', () => {
    const b = miBootstrap('binning', t, toLabels(labels), { bootstrap: 300, seed: 3, estimatorOptions: { bins: 3 } });
    const sdBits = Math.sqrt((0.16 * Math.log(4) ** 2) / n) / Math.LN2;
    expect(Math.abs(b.intervals.value.sd / sdBits - 1)).toBeLessThan(0.15);
    // I(T;T) of a 2-cell T is H(T): rows resampled together keep T and its copy identical, so every replicate is H(T)
    const same = miBootstrap('binning', t, t, { bootstrap: 20, estimatorOptions: { bins: 3 } });
    expect(same.intervals.value.upper - same.intervals.value.lower).toBeLessThan(0.01);
    expect(same.intervals.value.mean).toBeGreaterThan(0.99);
  });
});

describe('bootstrap through the command line, the recorder and the plane', () => {
  const dir = tempDir('infoplane-bootstrap-');
  const random = randomSource(5);
  const x = Array.from({ length: 200 }, (_, i) => [i]);
  const labels = x.map(() => random.int(2));
  const t = x.map(() => [Math.tanh(random.normal())]);

  it('infoplane point --bootstrap B --bootstrap-seed S --json adds "bootstrap", the API values; mi too', async () => {
    const args = ['point', '--input', writeJson(dir, 'x.json', x), '--activations', writeJson(dir, 't.json', t), '--labels', writeJson(dir, 'y.json', labels), '--estimator', 'binning'];
    const r = await cli(...args, '--bootstrap', '6', '--bootstrap-seed', '3', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).bootstrap).toEqual(JSON.parse(JSON.stringify(pointBootstrap('binning', x, t, labels, { bootstrap: 6, seed: 3 }))));
    const text = await cli(...args, '--bootstrap', '6');
    expect(text.stdout).toMatch(/I\(T;Y\) 95\.000000% bootstrap interval \(6 resamples, seed 0\): \[\d\.\d{6}, \d\.\d{6}\] bits, sd \d\.\d{6}/);
    const bad = await cli(...args, '--bootstrap-seed', '3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('infoplane point: --bootstrap-seed goes with --bootstrap\n');
    const m = await cli('mi', writeJson(dir, 't.json', t), writeJson(dir, 'y.json', labels), '--labels', '--estimator', 'binning', '--bootstrap', '4', '--json');
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).bootstrap).toEqual(JSON.parse(JSON.stringify(miBootstrap('binning', t, toLabels(labels), { bootstrap: 4 }))));
  });

  it('createRecorder({bootstrap: {bootstrap, epochs}}) records intervals at the chosen epochs; the plane draws error bars', async () => {
    const recorder = createRecorder({ inputs: x, labels, estimators: ['binning'], bootstrap: { bootstrap: 5, seed: 1, epochs: [1] } });
    await recorder.record(0, { a: t });
    await recorder.record(1, { a: t });
    const run = recorder.run!;
    expect(run.points.map((p) => p.bootstrap !== undefined)).toEqual([false, true]);
    const api = pointBootstrap('binning', x, t, labels, { bootstrap: 5, seed: 1 });
    expect(run.points[1].bootstrap).toEqual(api);
    const trace = infoPlaneFigure(run).data.find((d: Record<string, any>) => d.error_y) as Record<string, any>;
    const iy = pointInterval(run.points[1], 'ity')!;
    expect(trace.error_y.array[1]).toBeCloseTo(iy.upper - run.points[1].ity!, 12);
    expect(trace.error_y.arrayminus[1]).toBeCloseTo(run.points[1].ity! - iy.lower, 12);
    expect(trace.error_y.array[0]).toBe(0);
    expectInfoplaneError(() => createRecorder({ inputs: x, labels, bootstrap: { bootstrap: 1 } }), { param: 'bootstrap.bootstrap' });
  });

  it('pointInterval uses a KSG point standard error: value -/+ 1.96 SE', () => {
    const p = { type: 'point' as const, epoch: 0, layer: 'a', layerIndex: 0, estimator: 'ksg', ixt: 2, ity: 1, params: { standardErrorXT: 0.1, standardErrorTY: 0.05 } };
    expect(pointInterval(p, 'ixt')).toEqual({ lower: 2 - NORMAL_95 * 0.1, upper: 2 + NORMAL_95 * 0.1, source: 'standard error' });
    expect(pointInterval(p, 'ity')!.upper).toBeCloseTo(1 + NORMAL_95 * 0.05, 12);
    expect(pointInterval({ ...p, params: {} }, 'ixt')).toBeUndefined();
  });
});
