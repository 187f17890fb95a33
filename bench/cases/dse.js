// Benchmarks of diffusion spectral entropy / mutual information and of the symmetric eigenvalue solver.
// Run by bench/run.js after `npm run build`. Targets (issue 4): full eigenvalue solver at n = 1000 < 0.6 s;
// DSE at n = 4096, d = 12 (sigma 10) < 0.7 s on activation-like data; DSMI (2 classes, 5 repetitions) < 2 s.
// Reference (authors' code): DSE ~0.5 s at n = 1000, d = 64 and ~7 s at n = 4096, d = 12.
// Issue 4 follow-ups: method 'slq' (stochastic Lanczos quadrature, opt-in, with its own standard error) against
// 'full' on a spread spectrum (sigma 1 on Gaussian data, DSE ~ 11.6 of log2 4096 = 12 bits), where the bounded
// methods cannot help; DSMI with its independent DSEs on 1 and 2 threads (identical results).
'use strict';
const { diffusionSpectralEntropy, diffusionSpectralMutualInformation } = require('../../dist/estimators/dse');
const { symmetricEigenvalues } = require('../../dist/core/spectral/symmetricEigenvalues');
const { randomSource } = require('../../dist/core/random');

/**
 * Activation-like data: tanh (or ReLU) of a random linear map of the ib12 inputs (row i = the 12 bits of
 * i mod 4096) plus a bias. Labels: 2 classes of equal size (a random half of the inputs). Seeded.
 */
function layer(n, d, seed, activation = 'tanh') {
  const r = randomSource(seed);
  const w = Float64Array.from({ length: 12 * d }, () => r.normal());
  const b = Float64Array.from({ length: d }, () => 0.5 * r.normal());
  const t = { data: new Float64Array(n * d), n, d };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let s = b[j];
      for (let k = 0; k < 12; k++) s += (((i % 4096) >> k) & 1) * w[k * d + j];
      t.data[i * d + j] = activation === 'relu' ? Math.max(0, s) : Math.tanh(s);
    }
  }
  const labels = new Array(n);
  for (let i = 0; i < n; i++) labels[i] = i % 2;
  for (let i = n - 1; i > 0; i--) {
    const j = r.int(i + 1);
    const tmp = labels[i];
    labels[i] = labels[j];
    labels[j] = tmp;
  }
  return { t, labels };
}

/** Gaussian data: at sigma = 1 in 12 dimensions its diffusion spectrum is spread (no dominant eigenvalue). */
function gaussian(n, d, seed) {
  const r = randomSource(seed);
  return { t: { data: Float64Array.from({ length: n * d }, () => r.normal()), n, d } };
}

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

module.exports = [
  {
    name: 'symmetricEigenvalues (full solver, values only)',
    n: 1000,
    d: 1000,
    setup: () => ({ a: randomSymmetric(1000, 1) }),
    run: (ctx) => symmetricEigenvalues(ctx.a, 1000),
  },
  {
    name: 'dse tanh (sigma 10, t 1, auto: cholesky)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 1),
    run: (ctx) => diffusionSpectralEntropy(ctx.t),
  },
  {
    name: 'dse relu (sigma 10, t 1, auto: cholesky)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 2, 'relu'),
    run: (ctx) => diffusionSpectralEntropy(ctx.t),
  },
  {
    name: 'dse tanh (sigma 10, t 2, auto: lanczos)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 3),
    run: (ctx) => diffusionSpectralEntropy(ctx.t, { t: 2 }),
  },
  {
    name: 'dse tanh (sigma 10, full solver)',
    n: 1000,
    d: 64,
    setup: () => layer(1000, 64, 4),
    run: (ctx) => diffusionSpectralEntropy(ctx.t, { method: 'full' }),
  },
  {
    name: 'dsmi tanh (2 classes, 5 repetitions, sigma 10, default threads: 2)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 5),
    run: (ctx) => diffusionSpectralMutualInformation(ctx.t, ctx.labels),
  },
  {
    name: 'dse gaussian spread spectrum (sigma 1, t 1, full solver)',
    n: 4096,
    d: 12,
    setup: () => gaussian(4096, 12, 6),
    run: (ctx) => diffusionSpectralEntropy(ctx.t, { sigma: 1, method: 'full' }),
  },
  {
    name: 'dse gaussian spread spectrum (sigma 1, t 1, slq: 30 probes x 30 steps)',
    n: 4096,
    d: 12,
    setup: () => gaussian(4096, 12, 6),
    run: (ctx) => diffusionSpectralEntropy(ctx.t, { sigma: 1, method: 'slq' }),
  },
  {
    name: 'dsmi tanh (2 classes, 5 repetitions, sigma 10, threads 1)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 5),
    run: (ctx) => diffusionSpectralMutualInformation(ctx.t, ctx.labels, { threads: 1 }),
  },
  {
    name: 'dsmi tanh (2 classes, 5 repetitions, sigma 10, threads 2)',
    n: 4096,
    d: 12,
    setup: () => layer(4096, 12, 5),
    run: (ctx) => diffusionSpectralMutualInformation(ctx.t, ctx.labels, { threads: 2 }),
  },
];
