/*
 * KSG family at the size the estimator issue names: n = 4096 samples, X of d = 12 continuous dimensions against
 * a layer T of 3 units (T = tanh(X W) + small noise, so no ties); labels from the sign of T's first unit.
 * Target: ksg(x, t) under 400 ms (SciPy k-d tree: 0.4 s).
 */
'use strict';
const { ksg, ksgMixed, ksgPoint } = require('../../dist/estimators/ksg');
const { randomSource } = require('../../dist/core/random');
const { toLabels } = require('../../dist/core/labels');

function data(n, dx, dt, seed) {
  const r = randomSource(seed);
  const x = new Float64Array(n * dx);
  for (let i = 0; i < x.length; i++) x[i] = r.normal();
  const w = Array.from({ length: dx * dt }, () => r.normal() / Math.sqrt(dx));
  const t = new Float64Array(n * dt);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dt; j++) {
      let z = 0;
      for (let k = 0; k < dx; k++) z += x[i * dx + k] * w[k * dt + j];
      t[i * dt + j] = Math.tanh(z) + 0.05 * r.normal();
    }
  const labels = Array.from({ length: n }, (_, i) => (t[i * dt] > 0 ? 1 : 0));
  return { x: { data: x, n, d: dx }, t: { data: t, n, d: dt }, labels, labelsParsed: toLabels(labels) };
}

const n = 4096;
module.exports = [
  { name: 'ksg I(X;T), dx 12, dt 3', n, d: 12, setup: () => data(n, 12, 3, 1), run: (c) => ksg(c.x, c.t) },
  { name: 'ksgMixed I(T;Y), dt 3, 2 classes', n, d: 3, setup: () => data(n, 12, 3, 1), run: (c) => ksgMixed(c.t, c.labels) },
  { name: 'ksg point (both), dx 12, dt 3', n, d: 12, setup: () => data(n, 12, 3, 1), run: (c) => ksgPoint(c.x, c.t, c.labelsParsed) },
];
