// Benchmarks of the pairwise-kernel estimators (KDE bounds, adaptive KDE, Cauchy-Schwarz QMI).
// Run by bench/run.js after `npm run build`. Targets (issue 3): n = 4096, d = 12: KDE point < 250 ms,
// CS point < 300 ms; n = 20000, d = 64: KDE point < 15 s with peak memory < 500 MB (no n x n matrix).
// The worker pool of `threads: 2` stays alive (unref'd) between runs, as it does in an application.
'use strict';
const { kde } = require('../../dist/estimators/kde');
const { adaptiveKde } = require('../../dist/estimators/adaptiveKde');
const { csPoint, csQmi } = require('../../dist/estimators/cauchySchwarz');
const { randomSource } = require('../../dist/core/random');
const { medianDistance, csIbBandwidth } = require('../../dist/core/kernels/bandwidth');

/** x: n random 12-bit inputs; t: ReLU-like activations (n x d); labels: 10 classes. Seeded. */
function layer(n, d, seed) {
  const r = randomSource(seed);
  const x = { data: new Float64Array(n * 12), n, d: 12 };
  for (let i = 0; i < x.data.length; i++) x.data[i] = r() < 0.5 ? 0 : 1;
  const t = { data: new Float64Array(n * d), n, d };
  for (let i = 0; i < t.data.length; i++) t.data[i] = Math.max(0, 0.3 * r.normal() + 0.05);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = r.int(10);
  return { x, t, labels: Array.from(labels) };
}

module.exports = [
  {
    name: 'kde point (upper, I(X;T) and I(T;Y))',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 1),
    run: (ctx) => kde(ctx.x, ctx.t, ctx.labels, { noiseVariance: 1e-3 }),
  },
  {
    name: 'adaptive-kde point (lower)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 2),
    run: (ctx) => adaptiveKde(ctx.x, ctx.t, ctx.labels, { bound: 'lower' }),
  },
  {
    name: "cs point (sigma 'median', I(X;T) and I(T;Y))",
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 3),
    run: (ctx) => csPoint(ctx.x, ctx.t, ctx.labels),
  },
  // issue 13: exact bandwidths over all pairs (the default) against the CS-QMI call they serve
  {
    name: "cs qmi (sigma 'median', exact over all pairs, X;T only)",
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 4),
    run: (ctx) => csQmi(ctx.x, ctx.t),
  },
  {
    name: "cs qmi (sigma 'median', bandwidthRows 1024 subset, X;T only)",
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 4),
    run: (ctx) => csQmi(ctx.x, ctx.t, { bandwidthRows: 1024 }),
  },
  {
    name: "exact 'median' bandwidths of X and T alone",
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 4),
    run: (ctx) => medianDistance(ctx.x) + medianDistance(ctx.t),
  },
  {
    name: "exact 'cs-ib' bandwidths of X and T alone",
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 4),
    run: (ctx) => csIbBandwidth(ctx.x) + csIbBandwidth(ctx.t),
  },
  {
    name: "cs point (sigma 'median'), 2 threads",
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 3),
    run: (ctx) => csPoint(ctx.x, ctx.t, ctx.labels, { threads: 2 }),
  },
  {
    name: 'kde point (upper), 2 threads',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 1),
    run: (ctx) => kde(ctx.x, ctx.t, ctx.labels, { threads: 2 }),
  },
  {
    name: 'cs qmi (sigma 1, X;T only)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 4),
    run: (ctx) => csQmi(ctx.x, ctx.t, { sigma: 1 }),
  },
  {
    name: 'kde point (upper), large',
    n: 20000,
    d: 64,
    setup: () => layer(20000, 64, 5),
    run: (ctx) => kde(ctx.x, ctx.t, ctx.labels),
  },
  {
    name: 'kde point (upper), large, 2 threads',
    n: 20000,
    d: 64,
    setup: () => layer(20000, 64, 5),
    run: (ctx) => kde(ctx.x, ctx.t, ctx.labels, { threads: 2 }),
  },
];
