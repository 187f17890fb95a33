import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InfoplaneError } from '../core/errors';
import { toLabels } from '../core/labels';
import { consumeWarnings } from '../core/warn';
import { randomSource } from '../core/random';
import { weightSpectrum } from '../core/spectral/weightSpectrum';
import { binning, binningMutualInformation } from '../estimators/binning';
import { kde, kdeMutualInformation } from '../estimators/kde';
import { estimatorNames, ESTIMATORS } from '../estimators/registry';
import { EstimatorSpec } from '../estimators/specs/spec';
import { readRun } from '../run/parseRun';
import { expectClose, loadCase } from '../../test/helpers/referenceCases';
import { createRecorder, cutIntoClasses, EstimatorConfig } from './recorder';
import { subsampleRows } from '../core/subsample';

/** 64 distinct inputs (6 bits), a 2-unit tanh layer, labels from the first bit. */
function toy(n = 64) {
  const x: number[][] = [];
  const t: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const bits = Array.from({ length: 6 }, (_, b) => (i >> b) & 1);
    x.push(bits);
    t.push([Math.tanh((i - n / 2) / 10), Math.tanh(((i * 7) % n) / 20 - 1)]);
    labels.push(bits[0]);
  }
  return { x, t, labels };
}

/** The declarative part of a test estimator (no parameters). */
const TEST_SPEC = { reference: 'a test', nativeUnits: 'bits', cost: 'O(1)', params: {} } as const;

/** Register a spec for the duration of a test (the recorder reads the registry). */
function withSpec<T>(spec: EstimatorSpec, body: () => Promise<T>): Promise<T> {
  const list = ESTIMATORS as unknown as EstimatorSpec[];
  list.push(spec);
  return body().finally(() => list.splice(list.indexOf(spec), 1));
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-rec-')), 'run.ndjson');
}

describe('createRecorder', () => {
  it('record(epoch, activations) estimates every layer with every estimator on the same snapshot, as the estimators do', async () => {
    const { x, t, labels } = toy();
    const t2 = t.map((r) => [r[0] * 0.5]);
    const rec = createRecorder({ inputs: x, labels, estimators: ['binning', { name: 'binning', label: 'binning-8', options: { bins: 8 } }] });
    const points = await rec.record(3, [{ name: 'a', activations: t }, { name: 'b', activations: t2 }], { loss: 0.5 });
    expect(points.map((p) => [p.layer, p.layerIndex, p.estimator, p.epoch])).toEqual([
      ['a', 0, 'binning', 3],
      ['a', 0, 'binning-8', 3],
      ['b', 1, 'binning', 3],
      ['b', 1, 'binning-8', 3],
    ]);
    const direct = binning(x, t, labels, { bins: 8 });
    expect(points[1].ixt).toBe(direct.ixt);
    expect(points[1].ity).toBe(direct.ity);
    expect(points[1].hT).toBe(direct.hT);
    expect(points[2].ixt).toBe(binning(x, t2, labels).ixt);
    expect(points[1].params).toEqual({ bins: 8, range: [-1, 1], outOfRange: 'clamp' });
    expect(points.every((p) => typeof p.ms === 'number' && p.ms >= 0)).toBe(true);
    const run = rec.run!;
    expect(run.epochs).toEqual([expect.objectContaining({ type: 'epoch', epoch: 3, logs: { loss: 0.5 } })]);
    expect(run.header.model.layers).toEqual([{ name: 'a', units: 2 }, { name: 'b', units: 1 }]);
    expect(run.header.probeSize).toBe(64);
    expect(run.header.meta?.hY).toBeCloseTo(1, 12); // balanced binary labels
  });

  it('record(...) on distinct inputs and one-to-one activations gives I(X;T) = log2 n, and nats = bits x ln 2', async () => {
    const n = 128;
    const x = Array.from({ length: n }, (_, i) => [i]);
    const t = Array.from({ length: n }, (_, i) => [-1 + (2 * i) / (n - 1)]); // 128 distinct values, 1000 bins
    const labels = Array.from({ length: n }, (_, i) => i % 4);
    const bits = createRecorder({ inputs: x, labels, estimators: [{ name: 'binning', options: { bins: 1000 } }] });
    const nats = createRecorder({ inputs: x, labels, units: 'nats', estimators: [{ name: 'binning', options: { bins: 1000 } }] });
    const [pb] = await bits.record(0, { t });
    const [pn] = await nats.record(0, { t });
    expect(pb.ixt).toBeCloseTo(Math.log2(n), 12);
    expect(pb.ity).toBeCloseTo(2, 12); // T determines Y: I(T;Y) = H(Y) = log2 4
    expect(pn.ixt).toBeCloseTo(pb.ixt! * Math.LN2, 12);
    expect(nats.run!.header.units).toBe('nats');
  });

  it('record(...) reproduces the information_plane reference case ib12subset_relu_seed7007_epoch400_layer2_w7_n700 with every registered estimator', async () => {
    const c = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const params = c.params as Record<string, Record<string, number | string | number[]>>;
    const expected = c.expected as Record<string, Record<string, number>>;
    const tol = c.tolerance as Record<string, number>;
    const max = params.binning_maxscaled.max_value as number;
    // another layer holding the running maximum over the network's layers (the case stores only layer 2)
    const other = (c.t as number[][]).map((r, i) => [i === 0 ? max : 0, r[0]]);
    const estimators: EstimatorConfig[] = [
      { name: 'binning', label: 'binning_fixed', options: { bins: 30, range: [-1, 1], outOfRange: 'wrap' } },
      { name: 'binning', label: 'binning_floor', options: { binSize: 0.07 } },
      { name: 'adaptive-binning', label: 'ebab', options: { bins: 30, lowerEdge: 0 } },
      { name: 'binning', label: 'binning_maxscaled', options: { bins: 30, maxScaled: true, outOfRange: 'wrap' } },
    ];
    const registered = estimatorNames();
    if (registered.includes('kde')) {
      estimators.push({ name: 'kde', label: 'kde_upper', options: { noiseVariance: 1e-3, bound: 'upper' } });
      estimators.push({ name: 'kde', label: 'kde_lower', options: { noiseVariance: 1e-3, bound: 'lower' } });
    }
    const rec = createRecorder({ inputs: c.x!, labels: c.labels!, estimators });
    const points = await rec.record(400, [{ name: 'other', activations: other }, { name: 'layer2', activations: c.t! }]);
    for (const e of estimators) {
      const label = e.label as string;
      const p = points.find((q) => q.layer === 'layer2' && q.estimator === label)!;
      expectClose(p.ixt!, expected[label].I_XT, tol[label], `${label} I_XT`);
      expectClose(p.ity!, expected[label].I_TY, tol[label], `${label} I_TY`);
    }
    const maxScaled = points.find((q) => q.layer === 'layer2' && q.estimator === 'binning_maxscaled')!;
    expect(maxScaled.params).toMatchObject({ range: [0, max], maxScaled: true });
  });

  it('record(...) with maxScaled binning uses the running maximum over all layers and epochs so far', async () => {
    const { x, labels } = toy();
    const relu = (s: number) => x.map((_, i) => [s * ((i * 37) % 64) / 63, s * ((i * 11) % 64) / 63]);
    const rec = createRecorder({ inputs: x, labels, estimators: [{ name: 'binning', options: { maxScaled: true, bins: 10 } }] });
    const p0 = await rec.record(0, { a: relu(2), b: relu(1) });
    const p1 = await rec.record(1, { a: relu(0.5), b: relu(1.5) });
    expect(p0[0].params?.range).toEqual([0, 2]);
    expect(p1[1].params?.range).toEqual([0, 2]); // not 1.5: the maximum of epoch 0 still counts
    expect(p1[1].ixt).toBe(binning(x, relu(1.5), labels, { bins: 10, range: [0, 2] }).ixt);
    expect(rec.run!.header.estimators[0]).toEqual({ name: 'binning', params: { maxScaled: true, bins: 10, outOfRange: 'clamp' }, dataDependent: ['range'] });
  });

  it('createRecorder header lists every estimator parameter (defaults included) and the data-dependent ones', async () => {
    const { x, t, labels } = toy();
    const rec = createRecorder({ inputs: x, labels, estimators: ['binning', 'adaptive-binning'], header: { dataset: 'toy', seed: 3, meta: { note: 'n' } }, plannedEpochs: 100, schedule: { logSpaced: 5 } });
    const header = await rec.begin();
    expect(header.estimators).toEqual([
      { name: 'binning', params: { bins: 30, range: [-1, 1], outOfRange: 'clamp' } },
      { name: 'adaptive-binning', params: { bins: 30 }, dataDependent: ['lowerEdge'] },
    ]);
    expect(header).toMatchObject({ type: 'header', format: 'infoplane-run', version: 1, dataset: 'toy', seed: 3, units: 'bits', probeSize: 64 });
    expect(header.meta).toMatchObject({ note: 'n', plannedEpochs: 100, schedule: { kind: 'log-spaced', count: 5, total: 100 } });
    expect(rec.shouldRecord(0) && rec.shouldRecord(100) && !rec.shouldRecord(99)).toBe(true);
    await rec.record(0, { t });
    expect(rec.run!.header).toBe(header);
  });

  it('record(...) records H(T) for an entropy-only estimator and I(X;T), I(T;Y) against a continuous target', async () => {
    const { x, t } = toy();
    const target = x.map((_, i) => Math.sin(i / 5));
    const entropyOnly: EstimatorSpec = {
      ...TEST_SPEC,
      name: 'test-entropy-only',
      summary: 'H(T) = number of columns, in bits',
      operations: ['entropy'],
      entropy: (a, options) => {
        const d = (a as { d: number }).d;
        return { value: options?.units === 'nats' ? d * Math.LN2 : d, units: options?.units ?? 'bits', params: { cols: d }, warnings: [] };
      },
    };
    await withSpec(entropyOnly, async () => {
      const rec = createRecorder({ inputs: x, target, estimators: ['test-entropy-only', { name: 'binning', label: 'binning-continuous', target: 'continuous', options: { bins: 5 } }, 'binning'], units: 'nats' });
      const points = await rec.record(0, { t });
      expect(points[0]).toMatchObject({ estimator: 'test-entropy-only', params: { cols: 2 } });
      expect(points[0].hT).toBeCloseTo(2 * Math.LN2, 14);
      expect(points[0].ixt).toBeUndefined();
      expect(points[1].ixt).toBe(binningMutualInformation(x, t, { bins: 5, units: 'nats' }).value);
      expect(points[1].ity).toBe(binningMutualInformation(t, target, { bins: 5, units: 'nats' }).value);
      expect(points[1].params).toMatchObject({ target: 'continuous' });
      const classes = cutIntoClasses({ data: Float64Array.from(target), n: target.length, d: 1 }, 10);
      expect(points[2].ity).toBe(binning(x, t, classes, { units: 'nats' }).ity);
      expect(rec.run!.header.meta?.target).toEqual({ kind: 'continuous', classes: 10 });
    });
  });

  it('record(...) keeps going when an estimator fails on a layer: the point carries the error and a warning is issued', async () => {
    const { x, t, labels } = toy();
    let calls = 0;
    const flaky: EstimatorSpec = {
      ...TEST_SPEC,
      name: 'test-flaky',
      summary: 'fails from its first call (the header no longer calls estimators)',
      operations: ['point'],
      point: () => {
        calls++;
        if (calls > 0) throw new Error('boom');
        return { ixt: 0, ity: 0, units: 'bits', params: {}, warnings: [] };
      },
    };
    await withSpec(flaky, async () => {
      consumeWarnings();
      const rec = createRecorder({ inputs: x, labels, estimators: ['test-flaky', 'binning'] });
      const points = await rec.record(0, { t });
      expect((points[0] as { error?: string }).error).toBe('boom');
      expect(points[1].ixt).toBeGreaterThan(0);
      expect(consumeWarnings().some((w) => /test-flaky failed on layer t at epoch 0: boom/.test(w))).toBe(true);
    });
  });

  it('createRecorder({runFile}) flushes each recorded epoch to the file before record returns', async () => {
    const { x, t, labels } = toy();
    const file = tempFile();
    const rec = createRecorder({ inputs: x, labels, runFile: file });
    await rec.record(0, { t });
    expect(readRun(file).points).toHaveLength(2);
    await rec.record(1, { t });
    const run = readRun(file);
    expect(run.points).toHaveLength(4);
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    rec.close();
    await expect(rec.record(2, { t })).rejects.toThrow(/recorder must be open; got a closed recorder/);
    expect(() => createRecorder({ inputs: x, labels, runFile: file })).not.toThrow(); // the check happens when writing
    await expect(createRecorder({ inputs: x, labels, runFile: file }).begin()).rejects.toThrow(/pass overwrite: true/);
  });

  it('createRecorder and record reject bad input naming the parameter', async () => {
    const { x, t, labels } = toy();
    const bad = (args: object) => () => createRecorder({ inputs: x, labels, ...args });
    expect(bad({ estimators: ['nope'] })).toThrow(/estimator must be one of binning, adaptive-binning/);
    expect(bad({ estimators: [] })).toThrow(/estimators must be a non-empty array/);
    expect(bad({ estimators: ['binning', 'binning'] })).toThrow(/estimators\[1\].label must be distinct/);
    expect(bad({ estimators: [{ name: 'adaptive-binning', options: { maxScaled: true } }] })).toThrow(/maxScaled must be used with the binning estimator only/);
    expect(bad({ estimators: [{ name: 'binning', options: { maxScaled: true, range: [0, 1] } }] })).toThrow(/maxScaled without range or binSize/);
    expect(bad({ estimators: [{ name: 'binning', options: { units: 'nats' } }] })).toThrow(/without units/);
    expect(bad({ estimators: [{ name: 'binning', target: 'continuous' }] })).toThrow(/'labels' when no continuous target is given/);
    expect(bad({ units: 'furlongs' })).toThrow(/units must be one of "bits", "nats"/);
    expect(bad({ bogus: 1 })).toThrow(/unknown option "bogus"/);
    expect(bad({ schedule: { every: 0 } })).toThrow(/schedule.every must be an integer >= 1; got 0/);
    expect(bad({ schedule: { logSpaced: 10 } })).toThrow(/a planned number of epochs with \{logSpaced\}/);
    expect(bad({ labels: [0, 1] })).toThrow(/labels must be 64 samples, as many as inputs; got 2 samples/);
    expect(bad({ labels: undefined })).toThrow(/labels must be given \(or a continuous target\)/);
    expect(() => createRecorder({ inputs: [[1]], labels: [0] })).toThrow(/inputs must be at least 2 samples/);
    await expect(createRecorder({ inputs: x, labels, estimators: [{ name: 'binning', options: { bins: 1 } }] }).begin()).rejects.toThrow(/bins must be an integer/);
    const rec = createRecorder({ inputs: x, labels });
    await expect(rec.record(0, { t: t.slice(1) })).rejects.toThrow(InfoplaneError);
    const nan = t.map((r) => r.slice());
    nan[5][1] = NaN;
    await expect(rec.record(0, { t: nan })).rejects.toThrow(/activations\["t"\].*row 5, column 1/);
    await expect(rec.record(-1, { t })).rejects.toThrow(/epoch must be an integer >= 0; got -1/);
    await expect(rec.record(0, {})).rejects.toThrow(/activations must be at least one layer/);
    await expect(rec.record(0, [{ name: 'a', activations: t }, { name: 'a', activations: t }])).rejects.toThrow(/distinct layer names/);
  });

  it('record(...) accepts activations of any rank as {data, shape} (flattened per sample)', async () => {
    const { x, labels } = toy();
    const data = new Float32Array(64 * 2 * 3).map((_, i) => Math.tanh(i / 50 - 3));
    const rec = createRecorder({ inputs: x, labels, estimators: ['binning'] });
    const [p] = await rec.record(0, new Map([['conv', { data, shape: [64, 2, 3] }]]));
    const flat = Array.from({ length: 64 }, (_, i) => Array.from(data.slice(i * 6, i * 6 + 6)));
    expect(p.ixt).toBe(binning(x, flat, labels).ixt);
    expect(rec.run!.header.model.layers).toEqual([{ name: 'conv', units: 6 }]);
  });

  it('record(...) with labelSets {clean, noisy} gives each point I(T;Y) per set, equal to the estimators called on that set', async () => {
    const { x, t, labels } = toy();
    // noisy: the clean labels with 16 of the 64 flipped (a fixed pattern), so I(T;Y) differs from the clean one
    const noisy = labels.map((y, i) => (i % 4 === 1 ? 1 - y : y));
    const rec = createRecorder({ inputs: x, labelSets: { clean: labels, noisy }, estimators: ['binning', 'kde', 'dse'] });
    const points = await rec.record(0, { t });
    const [b, k, d] = points;
    expect(b.ity).toBe(binning(x, t, labels).ity);
    expect(b.itySets).toEqual({ clean: binning(x, t, labels).ity, noisy: binning(x, t, noisy).ity });
    expect(k.itySets).toEqual({ clean: kde(x, t, labels).ity, noisy: kde(x, t, noisy).ity });
    // the same numbers by the other route, I(T;Y) as a mutual information between T and the labels
    expect(b.itySets!.noisy).toBeCloseTo(binningMutualInformation(t, toLabels(noisy)).value, 12);
    expect(k.itySets!.noisy).toBeCloseTo(kdeMutualInformation(t, toLabels(noisy)).value, 12);
    expect(b.itySets!.noisy).not.toBeCloseTo(b.itySets!.clean, 3);
    expect(b.ixt).toBe(binning(x, t, labels).ixt); // I(X;T) does not depend on the labels
    expect(d.itySets).toBeUndefined(); // an entropy-only estimator has no I(T;Y)
    const meta = rec.run!.header.meta!;
    expect(meta.labelSets).toEqual(['clean', 'noisy']);
    expect((meta.hYSets as Record<string, number>).clean).toBeCloseTo(1, 12);
    // H(Y) of the noisy set from its class frequencies
    const ones = noisy.filter((v) => v === 1).length / 64;
    expect((meta.hYSets as Record<string, number>).noisy).toBeCloseTo(-(ones * Math.log2(ones) + (1 - ones) * Math.log2(1 - ones)), 12);
    expect(meta.hY).toBe((meta.hYSets as Record<string, number>).clean);
  });

  it('record(...) with identical label sets gives identical itySets; a constant set gives 0 and H(Y) = 0', async () => {
    const { x, t, labels } = toy();
    const rec = createRecorder({ inputs: x, labelSets: { a: labels, b: [...labels], none: labels.map(() => 3) }, estimators: ['binning', 'adaptive-binning'] });
    for (const p of await rec.record(0, { t })) {
      expect(p.itySets!.b).toBe(p.itySets!.a);
      expect(p.itySets!.a).toBe(p.ity);
      expect(p.itySets!.none).toBeCloseTo(0, 14);
    }
    expect((rec.run!.header.meta!.hYSets as Record<string, number>).none).toBe(0);
  });

  it('record(...) with labelSets: labels independent of T give I(T;Y) inside the shuffled baseline of that set', async () => {
    const n = 2000;
    const random = randomSource(11);
    const x = Array.from({ length: n }, (_, i) => [i]);
    const t = Array.from({ length: n }, (_, i) => [Math.tanh((i % 97) / 30 - 1.5), Math.tanh(random.normal())]);
    const clean = Array.from({ length: n }, (_, i) => (t[i][0] > 0 ? 1 : 0));
    const independent = Array.from({ length: n }, () => random.int(2));
    // the baseline is of the first set: put the independent labels first
    const rec = createRecorder({ inputs: x, labelSets: { independent, clean }, estimators: ['binning'], baseline: { shuffles: 30, seed: 2 } });
    const [p] = await rec.record(0, { t });
    const floor = p.baseline!.ity;
    expect(p.itySets!.independent).toBeLessThan(floor.mean + 4 * floor.sd);
    expect(p.itySets!.independent).toBeGreaterThan(floor.mean - 4 * floor.sd);
    expect(p.itySets!.clean).toBeGreaterThan(0.9); // T's first unit determines the clean label
  });

  it('createRecorder rejects bad labelSets naming the parameter', () => {
    const { x, labels } = toy();
    expect(() => createRecorder({ inputs: x, labels, labelSets: { a: labels } })).toThrow(/labelSets must be given instead of labels/);
    expect(() => createRecorder({ inputs: x, labelSets: {} })).toThrow(/labelSets must be at least one named label set/);
    expect(() => createRecorder({ inputs: x, labelSets: labels as never })).toThrow(/labelSets must be an object of named label sets/);
    expect(() => createRecorder({ inputs: x, labelSets: { a: labels, b: [0, 1] } })).toThrow(/labelSets\.b must be 64 samples/);
    expect(() => createRecorder({ inputs: x, labelSets: { a: labels, b: labels.map(() => -1) } })).toThrow(/labelSets\.b/);
  });

  it('record(..., {weightSpectra}) writes the weight spectra in the epoch record, through the run file', async () => {
    const { x, t, labels } = toy();
    const file = tempFile();
    const rec = createRecorder({ inputs: x, labels, estimators: ['binning'], runFile: file });
    const spectrum = weightSpectrum(Float64Array.from([3, 0, 0, 2, 0, 0]), 3, 2);
    await rec.record(0, { t }, {}, { weightNorms: { a: 1 }, weightSpectra: { a: spectrum, b: { ...spectrum, kappa: Infinity, logVolume: -Infinity } } });
    rec.close();
    const [epoch] = readRun(file).epochs;
    expect(epoch.weightSpectra).toEqual({ a: spectrum, b: { ...spectrum, kappa: Infinity, logVolume: -Infinity } });
    expect(epoch.weightSpectra!.a).toMatchObject({ shape: [3, 2], kappa: 1.5, stableRank: 13 / 9 });
  });

  it('cutIntoClasses(target, classes) cuts a continuous target into equal-width classes', () => {
    const l = cutIntoClasses({ data: Float64Array.from([0, 0.1, 0.5, 0.99, 1]), n: 5, d: 1 }, 2);
    expect(Array.from(l.ids)).toEqual([0, 0, 1, 1, 1]);
    expect(toLabels([0, 1]).n).toBe(2);
    expect(() => cutIntoClasses({ data: Float64Array.from([0, 1]), n: 2, d: 1 }, 1)).toThrow(/classes must be an integer >= 2/);
  });
});

describe('createRecorder: continuous targets', () => {
  it("createRecorder refuses target: 'continuous' for an estimator whose mi takes class labels only (kde, coding-rate)", () => {
    const { x, t } = toy(16);
    for (const name of ['kde', 'coding-rate']) {
      expect(() => createRecorder({ inputs: x, target: t.map((r) => [r[0]]), estimators: [{ name, target: 'continuous' }] })).toThrow(
        new RegExp(`estimators\\[0\\]\\.target must be 'labels' \\(${name} has no mutual information between continuous variables\\); got 'continuous'`),
      );
    }
    expect(() => createRecorder({ inputs: x, target: t.map((r) => [r[0]]), estimators: [{ name: 'ksg', target: 'continuous' }] })).not.toThrow();
  });
});

describe('createRecorder({probeSize})', () => {
  it('createRecorder({probeSize}) estimates every epoch on the same seeded, stratified rows, as the estimator does on those rows', async () => {
    const { x, t, labels } = toy(64);
    const rec = createRecorder({ inputs: x, labels, estimators: ['binning'], probeSize: 20, probeSeed: 3 });
    const [p] = await rec.record(0, { h: t });
    const rows = subsampleRows(64, 20, 3, toLabels(labels))!;
    expect(rows).toHaveLength(20);
    const direct = binning(
      Array.from(rows, (i) => x[i]),
      Array.from(rows, (i) => t[i]),
      Array.from(rows, (i) => labels[i]),
    );
    expect([p.ixt, p.ity]).toEqual([direct.ixt, direct.ity]);
    expect(rec.run!.header.probeSize).toBe(20);
    expect(rec.run!.header.meta?.probe).toEqual({ given: 64, used: 20, seed: 3, stratified: true });
    // the class shares of the probe are kept (32 and 32 -> 10 and 10)
    expect(Array.from(rec.labels.counts)).toEqual([10, 10]);
    await expect(rec.record(1, { h: t.slice(0, 20) })).rejects.toThrow(/as many as inputs \(64\)|64/);
    expect(() => createRecorder({ inputs: x, labels, probeSize: 1 })).toThrow(/probeSize must be an integer >= 2; got 1/);
    const all = createRecorder({ inputs: x, labels, probeSize: 100 });
    expect(all.x.n).toBe(64);
  });
});
