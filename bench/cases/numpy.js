/*
 * Every registered estimator beside its best NumPy version (issue 13: "every registered estimator at n = 4096,
 * d = 12 is faster than ... the best NumPy version of it"; "the bench prints every ratio"). The authors' code is
 * not on this machine, so the other side is our own vectorised NumPy/SciPy implementation of the same definition
 * (bench/numpy/estimators.py; fairness notes at the top of bench/numpy/driver.py), run with Debian's
 * /usr/bin/python3 on the same float64 numbers during setup (the harness times infoplane afterwards, so the two
 * never compete for the cores). Each line carries `infoplane_ms` (median of the timed calls, warm-up excluded),
 * `numpy_ms` (median after one warm-up), `ratio` = numpy_ms / infoplane_ms (> 1: infoplane is faster), `agree`
 * with both values (a NumPy version that does not agree is no comparison), `numpy_uses` and the load average.
 * Operation: the plane point (I(X;T), I(T;Y)) where the family has one; `dse` and `effective-rank` have only an
 * entropy; `dsmi` runs `mi` (I(T;Y)) with explicit seeded subsets given to both sides (its point adds an I(X;T)
 * over PCA clusters of X whose random subsets the NumPy side could not reproduce).
 * Data (n = 4096, d = 12): bench/cases/kernels.js `layer()` (X: 12 random bits, T: ReLU-like, 10 classes) for
 * every family but the kNN ones, which need continuous data without ties: X of 12 normal dims, T = tanh(X W) +
 * 0.05 noise (12 units), 2 classes (as bench/cases/ksg.js, with 12 units). `compressed` runs with noiseStd 0 (its
 * seeded noise is infoplane's generator) on that already-noisy T.
 * Without /usr/bin/python3, NumPy or SciPy the rows say so (`numpy` note, no ratio) and the bench does not fail.
 * Usage: node bench/run.js numpy/   (or npm run bench:numpy); one family: node bench/run.js "numpy/kde point".
 * Another interpreter: INFOPLANE_BENCH_PYTHON=/path/to/python3.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { tmpdir, loadavg } = require('node:os');
const { join } = require('node:path');
const { estimatorSpec } = require('../../dist/estimators/registry');
const { randomSource } = require('../../dist/core/random');
const { forgetBandwidths } = require('../../dist/core/kernels/bandwidth');
const { layer, continuous } = require('../data'); // layer: bench/cases/kernels.js's data

const PYTHON = process.env.INFOPLANE_BENCH_PYTHON || '/usr/bin/python3'; // Debian's, with python3-numpy/scipy
const DRIVER = join(__dirname, '..', 'numpy', 'driver.py');
const N = 4096;
/**
 * Untimed calls before the timed ones (rows that run once excepted): at least WARM_UP calls and WARM_UP_MS of
 * them. V8 compiles a function with its optimising tier only after many calls, so a sub-millisecond estimator
 * timed at its 11th call still runs partly unoptimised (effective-rank: about 0.35-0.5 ms at calls 11-17 against
 * 0.18 ms from about the 100th); a run calls it at every epoch and layer.
 */
const WARM_UP = 10;
const WARM_UP_MS = 300;
const D = 12;

/** DSMI's explicit subsets, [class][repetition][rows], classes in ascending order: n_b rows of all n, seeded. */
function dsmiSubsets(labels, repetitions, seed) {
  const r = randomSource(seed);
  const n = labels.length;
  const classes = Array.from(new Set(labels)).sort((a, b) => a - b);
  return classes.map((c) => {
    const nb = labels.filter((v) => v === c).length;
    return Array.from({ length: repetitions }, () => {
      const all = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < nb; i++) {
        const j = i + r.int(n - i);
        [all[i], all[j]] = [all[j], all[i]];
      }
      return all.slice(0, nb).sort((a, b) => a - b);
    });
  });
}

/** Why the NumPy side cannot run here, or undefined when it can. */
function numpyMissing() {
  if (!existsSync(PYTHON)) return `skipped: ${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) return `skipped: ${PYTHON} has no NumPy/SciPy (apt-get install python3-numpy python3-scipy)`;
  return undefined;
}

/** Run bench/numpy/driver.py on the case's numbers; {note} when it cannot run. */
function runNumpy(family, ctx, numpyParams, runs, warmup) {
  const missing = numpyMissing();
  if (missing) {
    process.stderr.write(`numpy: ${family} row ${missing}\n`);
    return { note: missing };
  }
  const dir = mkdtempSync(join(tmpdir(), 'infoplane-numpy-bench-'));
  try {
    const f64 = (a) => Buffer.from(Float64Array.from(a).buffer);
    writeFileSync(join(dir, 'x.f64'), f64(ctx.x.data));
    writeFileSync(join(dir, 't.f64'), f64(ctx.t.data));
    writeFileSync(join(dir, 'y.f64'), f64(ctx.labels));
    const job = { family, params: numpyParams, runs, warmup, dir, n: ctx.t.n, dx: ctx.x.d, dt: ctx.t.d };
    writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
    const out = spawnSync(PYTHON, [DRIVER, join(dir, 'job.json')], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (out.status !== 0) return { note: `failed: ${(out.stderr || '').trim().split('\n').pop()}` };
    const result = JSON.parse(out.stdout.trim().split('\n').pop());
    return result.missing ? { note: `skipped: ${result.missing}` } : result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(times) {
  const t = times.slice().sort((a, b) => a - b);
  return t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
}

const round = (v) => +v.toPrecision(12);

/**
 * One side-by-side row. `op`: 'point' (values ixt, ity), 'mi' or 'entropy' (value). `options`: infoplane's
 * (units nats added); `numpyParams`: the same parameters for the NumPy side. `tol`: {rel, abs} agreement.
 */
function row(c) {
  const { family, op, label, data, pyRuns = 7, once = false, tol = { rel: 1e-9, abs: 1e-12 } } = c;
  let { options = {}, numpyParams = options } = c;
  const call = (ctx) => {
    forgetBandwidths(); // every timed call computes its 'median' bandwidths, as the NumPy side does
    if (op === 'point') return ctx.spec.point(ctx.x, ctx.t, ctx.labels, ctx.options);
    if (op === 'mi') return ctx.spec.mi(ctx.t, ctx.labels, ctx.options);
    return ctx.spec.entropy(ctx.t, ctx.options);
  };
  return {
    name: `${family} ${op}${label ? ` (${label})` : ''} vs NumPy`,
    n: N,
    d: D,
    once,
    setup() {
      const ctx = data();
      if (typeof numpyParams === 'function') numpyParams = numpyParams(ctx);
      if (typeof options === 'function') options = options(ctx);
      ctx.np = runNumpy(family, ctx, numpyParams, once ? 1 : pyRuns, !once);
      ctx.spec = estimatorSpec(family);
      ctx.options = { ...options, units: 'nats' };
      ctx.times = [];
      // a recorder calls an estimator at every epoch: time it after the JIT has compiled it, as in a run (the
      // harness adds one more warm-up call); the NumPy side has no JIT and gets one warm-up call
      if (!once) {
        const start = performance.now();
        for (let k = 0; k < WARM_UP || (performance.now() - start < WARM_UP_MS && k < 10000); k++) call(ctx);
      }
      return ctx;
    },
    run(ctx) {
      const t0 = performance.now();
      ctx.result = call(ctx);
      ctx.times.push(performance.now() - t0);
    },
    report(ctx) {
      const ours = median(once ? ctx.times : ctx.times.slice(1)); // the first run is the harness's warm-up
      const values = op === 'point' ? { ixt: ctx.result.ixt, ity: ctx.result.ity } : { value: ctx.result.value };
      const rounded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v)]));
      const out = { operation: op, infoplane_ms: +ours.toPrecision(4), infoplane_values: rounded };
      out.load_average = loadavg().map((v) => +v.toFixed(2));
      if (ctx.np.note) return { ...out, numpy: ctx.np.note };
      const theirs = ctx.np.values;
      const diffs = Object.keys(values).map((k) => Math.abs(values[k] - theirs[k]));
      out.agree = Object.keys(values).every((k, i) => diffs[i] <= Math.max(tol.abs, tol.rel * Math.abs(values[k])));
      out.numpy_values = Object.fromEntries(Object.keys(values).map((k) => [k, round(theirs[k])]));
      out.max_abs_diff = +Math.max(...diffs).toPrecision(3);
      out.numpy_ms = +ctx.np.median_ms.toPrecision(4);
      out.numpy_runs = ctx.np.runs;
      out.ratio = +(ctx.np.median_ms / ours).toPrecision(3);
      out.numpy_uses = ctx.np.uses;
      out.numpy_versions = ctx.np.versions;
      return out;
    },
  };
}

const kernelData = (seed) => () => layer(N, D, seed);
const knnData = () => continuous(N, D, D, 11);
// DSE bound methods stop at a bracket width of 1e-6 bits: agreement within that (in nats)
const DSE_TOL = { rel: 0, abs: 1e-6 * Math.LN2 };

module.exports = [
  row({ family: 'binning', op: 'point', data: kernelData(1) }),
  row({ family: 'adaptive-binning', op: 'point', data: kernelData(1) }),
  row({ family: 'kde', op: 'point', data: kernelData(1) }),
  row({ family: 'adaptive-kde', op: 'point', data: kernelData(2) }),
  row({ family: 'cs', op: 'point', data: kernelData(3) }),
  row({ family: 'cs-normalized', op: 'point', data: kernelData(3) }),
  row({ family: 'dse', op: 'entropy', data: kernelData(1), pyRuns: 2, tol: DSE_TOL }),
  row({
    family: 'dsmi',
    op: 'mi',
    label: 'I(T;Y), 10 classes, 5 given subsets each',
    data: kernelData(5),
    options: (ctx) => ({ subsets: dsmiSubsets(ctx.labels, 5, 7) }),
    numpyParams: (ctx) => ({ subsets: dsmiSubsets(ctx.labels, 5, 7) }),
    pyRuns: 3,
    tol: DSE_TOL,
  }),
  row({ family: 'renyi', op: 'point', label: 'alpha 2', data: kernelData(4), options: { alpha: 2 } }),
  row({ family: 'ksg', op: 'point', data: knnData }),
  row({ family: 'compressed', op: 'point', label: 'noiseStd 0', data: knnData, options: { noiseStd: 0 } }),
  row({ family: 'coding-rate', op: 'point', data: kernelData(1) }),
  row({ family: 'effective-rank', op: 'entropy', data: kernelData(1) }),
  // five dense 4096 x 4096 eigenvalue problems per call: one timed call on each side
  row({ family: 'renyi', op: 'point', label: 'alpha 1.01, the default', data: kernelData(4), once: true }),
];
