/* Binning family: I(X;T) and I(T;Y) (one call computes both) at the sizes the foundation issue names. */
'use strict';
const { binning } = require('../../dist/estimators/binning');
const { adaptiveBinning } = require('../../dist/estimators/adaptiveBinning');
const { randomSource } = require('../../dist/core/random');

/** Activation-like data: tanh of a random projection of distinct binary inputs; two classes. */
function layer(n, d, seed) {
  const r = randomSource(seed);
  const bits = Math.ceil(Math.log2(n));
  const x = new Float64Array(n * bits);
  for (let i = 0; i < n; i++) for (let b = 0; b < bits; b++) x[i * bits + b] = (i >> (bits - 1 - b)) & 1;
  const w = Array.from({ length: bits * d }, () => r.normal() / Math.sqrt(bits));
  const t = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let z = 0;
      for (let k = 0; k < bits; k++) z += x[i * bits + k] * w[k * d + j];
      t[i * d + j] = Math.tanh(z);
    }
  const labels = Array.from({ length: n }, (_, i) => (t[i * d] > 0 ? 1 : 0));
  return { x: { data: x, n, d: bits }, t: { data: t, n, d }, labels };
}

const sizes = [
  [4096, 12],
  [10000, 64],
];
module.exports = [
  ...sizes.map(([n, d]) => ({ name: 'binning', n, d, setup: () => layer(n, d, 1), run: (c) => binning(c.x, c.t, c.labels, { bins: 30 }) })),
  ...sizes.map(([n, d]) => ({ name: 'adaptive-binning', n, d, setup: () => layer(n, d, 1), run: (c) => adaptiveBinning(c.x, c.t, c.labels, { bins: 30 }) })),
];
