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

module.exports = { layer };
