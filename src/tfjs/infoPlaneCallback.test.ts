/** The TensorFlow.js callback, on @tensorflow/tfjs (pure JS CPU backend). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setBackendNoticeHandler } from './backend';
setBackendNoticeHandler(() => undefined);
process.env.INFOPLANE_TFJS = 'tfjs';
// eslint-disable-next-line import/first
import * as tf from '@tensorflow/tfjs';
import { infoPlaneCallback, InfoPlaneCallback } from './infoPlaneCallback';
import { readRun } from '../run/parseRun';
import { readNpy } from '../io/readNpy';
import { randomSource, sampleIndices } from '../core/random';
import { weightSpectrum } from '../core/spectral/weightSpectrum';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-tfjs-'));
}

/** 256 distinct 8-bit inputs, label = parity of the first 3 bits. */
function data(n = 256) {
  const x = new Float32Array(n * 8);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < 8; b++) x[i * 8 + b] = (i >> b) & 1;
    y[i] = ((i & 1) ^ ((i >> 1) & 1) ^ ((i >> 2) & 1));
  }
  return { xs: tf.tensor2d(x, [n, 8]), ys: tf.oneHot(tf.tensor1d(y, 'int32'), 2), n };
}

function smallModel(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 6, activation: 'tanh', inputShape: [8], name: 'h1', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tf.layers.dense({ units: 4, activation: 'tanh', name: 'h2', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  m.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'out', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

describe('infoPlaneCallback', () => {
  it('infoPlaneCallback({x, y, runFile}) in model.fit writes one line per scheduled epoch, layer and estimator, within [0, log2 n]', async () => {
    const { xs, ys, n } = data();
    const dir = tempDir();
    const runFile = path.join(dir, 'run.ndjson');
    const model = smallModel();
    const cb = infoPlaneCallback({ x: xs, y: ys, runFile, schedule: { every: 2 }, estimators: ['binning', 'adaptive-binning'], dataset: 'parity8' });
    const seen: number[] = [];
    await model.fit(xs, ys, { epochs: 6, batchSize: 64, verbose: 0, validationSplit: 0.25, callbacks: [cb, new (class extends tf.Callback {
      override async onEpochEnd(epoch: number) { seen.push(epoch); }
    })()] });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const run = readRun(runFile);
    expect(run.truncated).toBeUndefined();
    expect(run.header.dataset).toBe('parity8');
    expect(run.header.probeSize).toBe(n);
    expect(run.header.units).toBe('bits');
    expect(run.header.estimators.map((e) => e.name)).toEqual(['binning', 'adaptive-binning']);
    expect(run.header.estimators[0].params).toMatchObject({ bins: 30, range: [-1, 1], outOfRange: 'clamp' });
    expect(run.header.versions.tfjsPackage).toBe('@tensorflow/tfjs');
    expect(run.header.model.layers.map((l) => [l.name, l.units, l.activation])).toEqual([['h1', 6, 'tanh'], ['h2', 4, 'tanh'], ['out', 2, 'softmax']]);
    const epochs = [0, 2, 4, 6];
    expect(run.epochs.map((e) => e.epoch)).toEqual(epochs);
    expect(run.points).toHaveLength(epochs.length * 3 * 2);
    for (const e of epochs) {
      for (const layer of ['h1', 'h2', 'out']) {
        for (const est of ['binning', 'adaptive-binning']) {
          const p = run.points.filter((q) => q.epoch === e && q.layer === layer && q.estimator === est);
          expect(p).toHaveLength(1);
          expect(Number.isFinite(p[0].ixt)).toBe(true);
          expect(Number.isFinite(p[0].ity)).toBe(true);
          expect(p[0].ixt).toBeGreaterThanOrEqual(0);
          expect(p[0].ixt).toBeLessThanOrEqual(Math.log2(n) + 1e-9);
          expect(p[0].ity).toBeGreaterThanOrEqual(0);
          expect(p[0].ity).toBeLessThanOrEqual(1 + 1e-9);
        }
      }
    }
    const last = run.epochs[run.epochs.length - 1];
    expect(Object.keys(last.logs).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(Object.keys(last.weightNorms ?? {}).sort()).toEqual(['h1', 'h2', 'out']);
    expect(last.weightNorms?.h1).toBeGreaterThan(0);
    expect(run.epochs[0].logs).toEqual({});
    xs.dispose();
    ys.dispose();
    model.dispose();
  });

  it('infoPlaneCallback adds no tensors across recorded and skipped epochs (tf.memory().numTensors grows as without it)', async () => {
    const { xs, ys } = data();
    const model = smallModel();
    const cb = infoPlaneCallback({ x: xs, y: ys, schedule: { every: 2 }, maxSamples: 100, seed: 3 });
    const counter = () => {
      const counts: number[] = [];
      return { counts, callback: new (class extends tf.Callback {
        override async onEpochEnd() { counts.push(tf.memory().numTensors); }
      })() };
    };
    // tfjs itself keeps each epoch's log scalars until fit returns: compare with the same fit without the callback
    const baseline = counter();
    await model.fit(xs, ys, { epochs: 8, batchSize: 128, verbose: 0, callbacks: [baseline.callback] });
    const withCallback = counter();
    await model.fit(xs, ys, { epochs: 8, batchSize: 128, verbose: 0, callbacks: [cb, withCallback.callback] });
    expect(cb.run?.epochs.map((e) => e.epoch)).toEqual([0, 2, 4, 6, 8]);
    expect(cb.run?.header.probeSize).toBe(100);
    const growth = (c: number[]) => c.map((v) => v - c[0]);
    expect(growth(withCallback.counts)).toEqual(growth(baseline.counts));
    // the only tensor the callback holds during training is its probe input
    expect(withCallback.counts[0] - baseline.counts[0]).toBe(1);
    const before = tf.memory().numTensors;
    // direct hook calls: a recorded epoch leaves no tensor behind
    const direct = infoPlaneCallback({ x: xs, y: ys, schedule: 'every-epoch', model, maxSamples: 64 });
    await direct.onTrainBegin();
    const during = tf.memory().numTensors; // + the probe tensor
    for (let e = 0; e < 3; e++) await direct.onEpochEnd(e, { loss: 1 });
    expect(tf.memory().numTensors).toBe(during);
    await direct.onTrainEnd();
    expect(tf.memory().numTensors).toBe(before);
    expect(direct.run?.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    xs.dispose();
    ys.dispose();
    model.dispose();
  });

  it('infoPlaneCallback({layers}) selects layers by name, index or predicate, and keepActivations saves .npy files', async () => {
    const { xs, ys, n } = data(64);
    const model = smallModel();
    const dir = tempDir();
    const byName = infoPlaneCallback({ x: xs, y: ys, layers: ['h2'], schedule: [0, 1], keepActivations: dir, model });
    await byName.onTrainBegin();
    await byName.onEpochEnd(0, {});
    await byName.onTrainEnd();
    expect(byName.layerNames).toEqual(['h2']);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['epoch-0', 'epoch-1', 'inputs.npy', 'labels.npy', 'layers.json']);
    expect(fs.readdirSync(path.join(dir, 'epoch-1')).sort()).toEqual(['h2.npy', 'logs.json']);
    const saved = readNpy(fs.readFileSync(path.join(dir, 'epoch-1', 'h2.npy')));
    expect([saved.samples.n, saved.samples.d]).toEqual([n, 4]);
    const expected = (model.getLayer('h2').apply(model.getLayer('h1').apply(xs)) as tf.Tensor).dataSync();
    expect(Math.abs(saved.samples.data[5] - expected[5])).toBeLessThan(1e-6);
    const byIndex = infoPlaneCallback({ x: xs, y: ys, layers: [0, 2], schedule: [0], model });
    await byIndex.onTrainBegin();
    await byIndex.onTrainEnd();
    expect(byIndex.layerNames).toEqual(['h1', 'out']);
    const byPredicate = infoPlaneCallback({ x: xs, y: ys, layers: (l) => l.name.startsWith('h'), schedule: [0], model });
    await byPredicate.onTrainBegin();
    await byPredicate.onTrainEnd();
    expect(byPredicate.layerNames).toEqual(['h1', 'h2']);
    await expect(infoPlaneCallback({ x: xs, y: ys, layers: ['nope'], model }).onTrainBegin()).rejects.toThrow(/layers\[0\] must be one of the model's layers \(h1, h2, out\); got "nope"/);
    xs.dispose();
    ys.dispose();
    model.dispose();
  });

  it('infoPlaneCallback({maxSamples, seed}) draws the probe rows with sampleIndices and keeps inputs and labels aligned', async () => {
    const n = 300;
    const rowsX = Array.from({ length: n }, (_, i) => [i, i % 7, (i * 3) % 11, 1, 0, 1, 0, 1]);
    const labelsY = Array.from({ length: n }, (_, i) => (i * 5) % 3);
    const xs = tf.tensor2d(rowsX);
    const ys = tf.oneHot(tf.tensor1d(labelsY, 'int32'), 3);
    const model = smallModel();
    const expected = Array.from(sampleIndices(n, 50, randomSource(9)));
    for (const [x, y] of [[xs, ys], [rowsX, labelsY]] as const) {
      const before = tf.memory().numTensors;
      const cb = infoPlaneCallback({ x, y, model, maxSamples: 50, seed: 9, schedule: [0], estimators: ['binning'] });
      await cb.onTrainBegin();
      await cb.onTrainEnd();
      expect(tf.memory().numTensors).toBe(before);
      const rec = cb.recorder!;
      expect(Array.from({ length: 50 }, (_, i) => rec.x.data[i * 8])).toEqual(expected);
      expect(Array.from(rec.labels.ids)).toEqual(expected.map((r) => labelsY[r]));
    }
    xs.dispose();
    ys.dispose();
    model.dispose();
  });

  it('infoPlaneCallback flattens convolutional outputs', async () => {
    const n = 32;
    const xs = tf.randomUniform([n, 6, 6, 1], 0, 1, 'float32', 7);
    const ys = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % 3), 'int32'), 3);
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1], name: 'conv' }));
    model.add(tf.layers.flatten({ name: 'flat' }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }));
    const cb = infoPlaneCallback({ x: xs, y: ys, schedule: [0], model, estimators: ['adaptive-binning'] });
    await cb.onTrainBegin();
    await cb.onTrainEnd();
    expect(cb.run?.header.model.layers.map((l) => [l.name, l.units])).toEqual([['conv', 32], ['out', 3]]);
    expect(cb.run?.points.map((p) => p.layer)).toEqual(['conv', 'out']);
    xs.dispose();
    ys.dispose();
    model.dispose();
  });

  it('infoPlaneCallback records weightSpectra of every kernel (a convolution kernel as (kh*kw*cin) x cout) and I(T;Y) per label set', async () => {
    const n = 40;
    const xs = tf.randomUniform([n, 6, 6, 1], 0, 1, 'float32', 8);
    const clean = Array.from({ length: n }, (_, i) => i % 3);
    const noisy = clean.map((c, i) => (i % 5 === 0 ? (c + 1) % 3 : c));
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1], name: 'conv' }));
    model.add(tf.layers.flatten({ name: 'flat' }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }));
    const cleanOneHot = tf.oneHot(tf.tensor1d(clean, 'int32'), 3);
    const cb = infoPlaneCallback({ x: xs, labelSets: { clean: cleanOneHot, noisy }, schedule: [0], model, estimators: ['binning'] });
    await cb.onTrainBegin();
    await cb.onTrainEnd();
    const run = cb.run!;
    const spectra = run.epochs[0].weightSpectra!;
    expect(Object.keys(spectra)).toEqual(['conv', 'out']);
    const conv = model.getLayer('conv').getWeights()[0];
    expect(conv.shape).toEqual([3, 3, 1, 2]);
    expect(spectra.conv).toEqual(weightSpectrum(await conv.data(), 9, 2));
    const out = model.getLayer('out').getWeights()[0];
    expect(spectra.out).toEqual(weightSpectrum(await out.data(), 32, 3));
    expect(spectra.out.shape).toEqual([32, 3]);
    expect(run.header.meta).toMatchObject({ labelSets: ['clean', 'noisy'] });
    for (const p of run.points) {
      expect(p.itySets!.clean).toBe(p.ity);
      expect(Object.keys(p.itySets!)).toEqual(['clean', 'noisy']);
    }
    // without the option
    const off = infoPlaneCallback({ x: xs, y: clean, schedule: [0], model, estimators: ['binning'], weightSpectra: false });
    await off.onTrainBegin();
    await off.onTrainEnd();
    expect(off.run!.epochs[0].weightSpectra).toBeUndefined();
    expect(off.run!.points[0].itySets).toBeUndefined();
    expect(() => infoPlaneCallback({ x: xs, y: clean, labelSets: { a: clean } })).toThrow(/labelSets must be given instead of y/);
    expect(() => infoPlaneCallback({ x: xs, labelSets: {} })).toThrow(/labelSets must be an object of named label sets/);
    xs.dispose();
    cleanOneHot.dispose();
    model.dispose();
  });

  it('infoPlaneCallback rejects bad arguments naming the parameter', () => {
    const x = [[0], [1]];
    expect(() => infoPlaneCallback({ x, y: [0, 1], maxSamples: 1 })).toThrow(/maxSamples must be an integer >= 2; got 1/);
    expect(() => infoPlaneCallback({ x } as never)).toThrow(/y must be the labels of x/);
    expect(() => infoPlaneCallback({ x, y: [0, 1], schedule: { every: 0 } })).toThrow(/schedule.every must be an integer >= 1; got 0/);
    expect(() => infoPlaneCallback({ x, y: [0, 1], bogus: 1 } as never)).toThrow(/unknown option "bogus"/);
    expect(new InfoPlaneCallback({ x, y: [0, 1] })).toBeInstanceOf(tf.Callback);
  });
});
