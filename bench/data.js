// Seeded data shared by the bench cases (bench/cases/*.js).
'use strict';
const { randomSource } = require('../dist/core/random');

/** x: n random 12-bit inputs; t: ReLU-like activations (n x d); labels: 10 classes (a plain array). Seeded. */
function layer(n, d, seed) {
  const r = randomSource(seed);
  const x = { data: new Float64Array(n * 12), n, d: 12 };
  for (let i = 0; i < x.data.length; i++) x.data[i] = r() < 0.5 ? 0 : 1;
  const t = { data: new Float64Array(n * d), n, d };
  for (let i = 0; i < t.data.length; i++) t.data[i] = Math.max(0, 0.3 * r.normal() + 0.05);
  const labels = new Array(n);
  for (let i = 0; i < n; i++) labels[i] = r.int(10);
  return { x, t, labels };
}

/**
 * Continuous data without ties: x standard normal (n x dx), t = tanh(x W) (n x dt) plus Gaussian noise of std
 * `noise` (none drawn when 0), labels (a plain array) from the sign of t's first unit. Seeded.
 */
function continuous(n, dx, dt, seed, noise = 0.05) {
  const r = randomSource(seed);
  const x = new Float64Array(n * dx);
  for (let i = 0; i < x.length; i++) x[i] = r.normal();
  const w = Array.from({ length: dx * dt }, () => r.normal() / Math.sqrt(dx));
  const t = new Float64Array(n * dt);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dt; j++) {
      let z = 0;
      for (let k = 0; k < dx; k++) z += x[i * dx + k] * w[k * dt + j];
      t[i * dt + j] = noise ? Math.tanh(z) + noise * r.normal() : Math.tanh(z);
    }
  const labels = Array.from({ length: n }, (_, i) => (t[i * dt] > 0 ? 1 : 0));
  return { x: { data: x, n, d: dx }, t: { data: t, n, d: dt }, labels };
}

/** A seeded random symmetric n x n matrix (row-major), standard normal entries. */
function randomSymmetric(n, seed) {
  const r = randomSource(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = r.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

module.exports = { layer, continuous, randomSymmetric };
