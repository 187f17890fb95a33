/*
 * Matrix-based Renyi family. alpha = 1.01 needs three (point: five) dense eigendecompositions, O(n^3): measured
 * at n = 1000. alpha = 2 needs only Frobenius norms (fused O(n^2 d) passes): measured at n = 4096.
 * Data: X of 12 dims, T = tanh(X W) of 3 units, 2 classes from the sign of T's first unit.
 */
'use strict';
const { renyiMutualInformation, renyiPoint } = require('../../dist/estimators/renyi');
const { forgetBandwidths } = require('../../dist/core/kernels/bandwidth');
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
      t[i * dt + j] = Math.tanh(z);
    }
  const labels = toLabels(Array.from({ length: n }, (_, i) => (t[i * dt] > 0 ? 1 : 0)));
  return { x: { data: x, n, d: dx }, t: { data: t, n, d: dt }, labels };
}

module.exports = [
  { name: 'renyiMutualInformation alpha 1.01, dx 12, dt 3', n: 1000, d: 12, setup: () => data(1000, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiMutualInformation(c.x, c.t)) },
  { name: 'renyiPoint alpha 1.01, dx 12, dt 3', n: 1000, d: 12, setup: () => data(1000, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiPoint(c.x, c.t, c.labels)) },
  { name: 'renyiMutualInformation alpha 2, dx 12, dt 3', n: 4096, d: 12, setup: () => data(4096, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiMutualInformation(c.x, c.t, { alpha: 2 })) },
  { name: 'renyiPoint alpha 2, dx 12, dt 3', n: 4096, d: 12, setup: () => data(4096, 12, 3, 1), run: (c) => (forgetBandwidths(), renyiPoint(c.x, c.t, c.labels, { alpha: 2 })) },
];
