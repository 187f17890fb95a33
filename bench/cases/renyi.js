/*
 * Matrix-based Renyi family. alpha = 1.01 needs three (point: five) dense eigendecompositions, O(n^3): measured
 * at n = 1000. alpha = 2 needs only Frobenius norms (fused O(n^2 d) passes): measured at n = 4096.
 * Data: X of 12 dims, T = tanh(X W) of 3 units, 2 classes from the sign of T's first unit.
 */
'use strict';
const { renyiMutualInformation, renyiPoint } = require('../../dist/estimators/renyi');
const { forgetBandwidths } = require('../../dist/core/kernels/bandwidth');
const { toLabels } = require('../../dist/core/labels');
const { continuous } = require('../data');

/** x normal (n x dx), t = tanh(x W) without noise (n x dt), labels (parsed) from the sign of t's first unit. */
function data(n, dx, dt, seed) {
  const c = continuous(n, dx, dt, seed, 0);
  return { ...c, labels: toLabels(c.labels) };
}

module.exports = [
  { name: 'renyiMutualInformation alpha 1.01, dx 12, dt 3', n: 1000, d: 12, setup: () => data(1000, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiMutualInformation(c.x, c.t)) },
  { name: 'renyiPoint alpha 1.01, dx 12, dt 3', n: 1000, d: 12, setup: () => data(1000, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiPoint(c.x, c.t, c.labels)) },
  { name: 'renyiMutualInformation alpha 2, dx 12, dt 3', n: 4096, d: 12, setup: () => data(4096, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiMutualInformation(c.x, c.t, { alpha: 2 })) },
  { name: 'renyiPoint alpha 2, dx 12, dt 3', n: 4096, d: 12, setup: () => data(4096, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiPoint(c.x, c.t, c.labels, { alpha: 2 })) },
];
