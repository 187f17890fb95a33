/** One run per callback and per run file: a second fit() must continue the run, not append another under its header. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setBackendNoticeHandler } from './backend';
setBackendNoticeHandler(() => undefined);
process.env.INFOPLANE_TFJS = 'tfjs';
// eslint-disable-next-line import/first
import * as tf from '@tensorflow/tfjs';
import { infoPlaneCallback } from './infoPlaneCallback';
import { readRun } from '../run/parseRun';

function setup() {
  const n = 64;
  const x = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < 4; b++) x[i * 4 + b] = (i >> b) & 1;
    y[i] = (i & 1) ^ ((i >> 1) & 1);
  }
  const xs = tf.tensor2d(x, [n, 4]);
  const ys = tf.oneHot(tf.tensor1d(y, 'int32'), 2);
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, activation: 'tanh', inputShape: [4], name: 'h1', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'out', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return { xs, ys, model };
}

describe('infoPlaneCallback across fits', () => {
  it('infoPlaneCallback in a second model.fit from epoch 0 is a clear error; the run file keeps one run', async () => {
    const { xs, ys, model } = setup();
    const runFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-fit2-')), 'run.ndjson');
    const cb = infoPlaneCallback({ x: xs, y: ys, runFile, schedule: 'every-epoch', estimators: ['binning'] });
    await model.fit(xs, ys, { epochs: 2, batchSize: 32, verbose: 0, callbacks: [cb] });
    const first = fs.readFileSync(runFile, 'utf8');
    await expect(model.fit(xs, ys, { epochs: 2, batchSize: 32, verbose: 0, callbacks: [cb] })).rejects.toThrow(
      /infoPlaneCallback: fit must be a fit that continues the recorded run \(initialEpoch >= 2\), or a new infoPlaneCallback for a new run; got another fit\(\) starting at epoch 0, while the run in .*run\.ndjson already holds epochs up to 2/,
    );
    expect(fs.readFileSync(runFile, 'utf8')).toBe(first);
    // continuing with initialEpoch appends the next epochs to the same run
    await model.fit(xs, ys, { epochs: 4, initialEpoch: 2, batchSize: 32, verbose: 0, callbacks: [cb] });
    const run = readRun(runFile);
    expect(run.skipped).toBeUndefined();
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4]);
    cb.dispose();
    xs.dispose();
    ys.dispose();
  });
});
