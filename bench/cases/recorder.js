/*
 * The recorder on the 12-bit network's shape: one recorded epoch = recorder.record on synthetic activations of
 * the 6 layer widths (10, 7, 5, 4, 3, 2) for n = 4096 probe inputs, with binning + adaptive binning + KDE
 * (target: under 0.5 s in total); and the tfjs callback's onEpochEnd on an epoch the schedule skips (target:
 * under 1 ms).
 *
 * recorder.record is async (estimators may run on workers): `run` returns its promise, so bench/run.js must
 * await it. `node bench/cases/recorder.js` times both cases on its own, awaiting.
 */
'use strict';
const { createRecorder } = require('../../dist/record');
const { randomSource } = require('../../dist/core/random');

const N = 4096;
const WIDTHS = [10, 7, 5, 4, 3, 2];

/** 12-bit inputs, tanh of chained random projections (activation-like), labels from the last layer. */
function snapshot(seed) {
  const r = randomSource(seed);
  const x = new Float64Array(N * 12);
  for (let i = 0; i < N; i++) for (let b = 0; b < 12; b++) x[i * 12 + b] = (i >> (11 - b)) & 1;
  const layers = [];
  let input = { data: x, d: 12 };
  WIDTHS.forEach((d, l) => {
    const w = Array.from({ length: input.d * d }, () => (r.normal() * 2) / Math.sqrt(input.d));
    const t = new Float64Array(N * d);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < d; j++) {
        let z = 0;
        for (let k = 0; k < input.d; k++) z += input.data[i * input.d + k] * w[k * d + j];
        t[i * d + j] = Math.tanh(z);
      }
    layers.push({ name: `layer${l + 1}`, activations: { data: t, n: N, d } });
    input = { data: t, d };
  });
  const last = layers[layers.length - 1].activations.data;
  const labels = Array.from({ length: N }, (_, i) => (last[i * 2] > last[i * 2 + 1] ? 1 : 0));
  return { x: { data: x, n: N, d: 12 }, labels, layers };
}

function recordCase() {
  const estimators = ['binning', 'adaptive-binning', 'kde'];
  return {
    name: `recorder.record: 6 layers x ${estimators.join(' + ')}`,
    n: N,
    d: WIDTHS.reduce((a, b) => a + b, 0),
    setup: () => {
      const s = snapshot(1);
      const recorder = createRecorder({ inputs: s.x, labels: s.labels, estimators });
      return { recorder, layers: s.layers, epoch: 0 };
    },
    run: (ctx) => ctx.recorder.record(ctx.epoch++, ctx.layers),
  };
}

function skippedEpochCase() {
  return {
    name: 'infoPlaneCallback.onEpochEnd on a skipped epoch',
    n: N,
    d: 12,
    setup: () => {
      process.env.INFOPLANE_TFJS = process.env.INFOPLANE_TFJS || 'tfjs';
      require('../../dist/tfjs/backend').setBackendNoticeHandler(() => undefined);
      const { infoPlaneCallback, loadTensorFlow } = require('../../dist/tfjs');
      const { tf } = loadTensorFlow();
      const s = snapshot(2);
      const model = tf.sequential();
      WIDTHS.forEach((units, i) => model.add(tf.layers.dense({ units, activation: i === WIDTHS.length - 1 ? 'softmax' : 'tanh', inputShape: i === 0 ? [12] : undefined })));
      // records epochs 0 and 1000 only: every epoch in between is skipped
      const callback = infoPlaneCallback({ x: s.x, y: s.labels, model, schedule: [0, 1000], recordInitial: false });
      return { callback, ready: callback.onTrainBegin(), epoch: 1 };
    },
    // 1000 skipped epochs per run: the median time / 1000 is the cost of one
    run: (ctx) => {
      for (let i = 0; i < 1000; i++) ctx.callback.onEpochEnd(1 + (i % 998), { loss: 0.5, acc: 0.9 });
    },
    perRun: 1000,
  };
}

module.exports = [recordCase(), skippedEpochCase()];

if (require.main === module) {
  (async () => {
    for (const c of module.exports) {
      const ctx = c.setup();
      if (ctx.ready) await ctx.ready;
      await c.run(ctx); // warm-up
      const times = [];
      for (let r = 0; r < 7; r++) {
        const t0 = performance.now();
        await c.run(ctx);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const per = c.perRun || 1;
      process.stdout.write(`${JSON.stringify({ case: c.name, n: c.n, median_ms: +(times[3] / per).toPrecision(3), min_ms: +(times[0] / per).toPrecision(3) })}\n`);
    }
  })();
}
