/*
 * Training speed on each TensorFlow.js backend installed here (tensorflow = tfjs-node, wasm, cpu): epochs per
 * second of the demo network (12-10-7-5-4-3-2 tanh on the 3277 training rows of the 12-bit task, batch 256)
 * and of a 784-256-128-10 ReLU MLP (2048 random rows, batch 128). A backend that is not installed is left out.
 * `npm run bench tfjs`; the speed-up of wasm over cpu is the ratio of their per_s.
 */
'use strict';

function installed(name) {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

const BACKENDS = [
  ...(installed('@tensorflow/tfjs-node') ? ['tensorflow'] : []),
  ...(installed('@tensorflow/tfjs-backend-wasm') ? ['wasm'] : []),
  'cpu',
];

/** Deterministic pseudo-random numbers (the data only has to be the same on every backend). */
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function networkCase(backend, spec) {
  return {
    name: `${spec.name} epoch on ${backend}`,
    n: spec.rows,
    d: spec.widths[0],
    rate: 'epochs',
    setup: () => {
      if (backend !== 'tensorflow') process.env.INFOPLANE_TFJS = 'tfjs';
      const b = require('../../dist/tfjs/backend');
      b.setBackendNoticeHandler(() => undefined);
      const ctx = {};
      ctx.ready = b.initTensorFlow({ backend }).then(({ tf, reason }) => {
        tf.enableProdMode();
        ctx.reason = reason;
        const rand = lcg(1);
        const [inputs, ...rest] = spec.widths;
        const x = new Float32Array(spec.rows * inputs);
        for (let i = 0; i < x.length; i++) x[i] = spec.binary ? (rand() < 0.5 ? 0 : 1) : rand() * 2 - 1;
        const classes = rest[rest.length - 1];
        const y = new Float32Array(spec.rows * classes);
        for (let i = 0; i < spec.rows; i++) y[i * classes + Math.floor(rand() * classes)] = 1;
        ctx.x = tf.tensor2d(x, [spec.rows, inputs]);
        ctx.y = tf.tensor2d(y, [spec.rows, classes]);
        const model = tf.sequential();
        rest.forEach((units, i) =>
          model.add(tf.layers.dense({ units, activation: i === rest.length - 1 ? 'softmax' : spec.activation, inputShape: i === 0 ? [inputs] : undefined })),
        );
        model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
        ctx.model = model;
      });
      return ctx;
    },
    run: (ctx) => ctx.model.fit(ctx.x, ctx.y, { epochs: spec.epochsPerRun, batchSize: spec.batch, shuffle: false, verbose: 0 }),
    perRun: spec.epochsPerRun,
    report: (ctx) => ({ backend, why: ctx.reason }),
  };
}

const DEMO = { name: 'demo network 12-10-7-5-4-3-2', widths: [12, 10, 7, 5, 4, 3, 2], rows: 3277, batch: 256, activation: 'tanh', binary: true, epochsPerRun: 5 };
const MLP = { name: 'MLP 784-256-128-10', widths: [784, 256, 128, 10], rows: 2048, batch: 128, activation: 'relu', epochsPerRun: 1 };

module.exports = BACKENDS.flatMap((backend) => [networkCase(backend, DEMO), networkCase(backend, MLP)]);
