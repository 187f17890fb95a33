/*
 * KSG family at the size the estimator issue names: n = 4096 samples, X of d = 12 continuous dimensions against
 * a layer T of 3 units (T = tanh(X W) + small noise, so no ties); labels from the sign of T's first unit.
 * Target: ksg(x, t) under 400 ms (SciPy k-d tree: 0.4 s).
 */
'use strict';
const { ksg, ksgMixed, ksgPoint } = require('../../dist/estimators/ksg');
const { toLabels } = require('../../dist/core/labels');
const { continuous } = require('../data');

/** x normal (n x dx), t = tanh(x W) + 0.05 noise (n x dt), labels from the sign of t's first unit (also parsed). */
function data(n, dx, dt, seed) {
  const c = continuous(n, dx, dt, seed);
  return { ...c, labelsParsed: toLabels(c.labels) };
}

const n = 4096;
module.exports = [
  { name: 'ksg I(X;T), dx 12, dt 3', n, d: 12, setup: () => data(n, 12, 3, 1), run: (c) => ksg(c.x, c.t) },
  { name: 'ksgMixed I(T;Y), dt 3, 2 classes', n, d: 3, setup: () => data(n, 12, 3, 1), run: (c) => ksgMixed(c.t, c.labels) },
  { name: 'ksg point (both), dx 12, dt 3', n, d: 12, setup: () => data(n, 12, 3, 1), run: (c) => ksgPoint(c.x, c.t, c.labelsParsed) },
];
