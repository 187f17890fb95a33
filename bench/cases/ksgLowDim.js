/*
 * KSG in low dimensions beside scikit-learn (issue 13, part 3). Targets, ratios taken in one run:
 * - KSG at d = 1 and d = 3 at least as fast as scikit-learn's `mutual_info_regression` at n = 4096 and 100000
 *   (`ratio` = our median / scikit-learn's median, so <= 1 meets the target);
 * - under 1 s at n = 100000, d = 1.
 * The rows run the same computation as scikit-learn: each column of x against y, standardised (population std),
 * k = 3, clipped at 0 (`ksg(x_c, y, {k: 3, standardize: true, clipZero: true})`). At d = 3 scikit-learn gives 3 MIs
 * (one per column, each vs y) and so do the 'per column' rows; the 'x of 3 dims' rows time the multivariate
 * I(x; y) instead (a joint space of 4 dims), which scikit-learn has no function for: their ratio is against the
 * same 3-column scikit-learn call, for scale only.
 * The scikit-learn side runs bench/numpy/sklearn_ksg.py with Debian's /usr/bin/python3 (python3-sklearn) on the
 * same numbers (written to a raw float64 file) during setup; without scikit-learn the rows carry a `sklearn` note and
 * no ratio. Values: `max_diff_noise_free` compares our values with scikit-learn's KSG on the same standardised
 * data without its 1e-10 noise (they agree up to the rounding of the standardisation); `max_diff_public` with what
 * `mutual_info_regression` returned (its noise can move a count where two distances nearly tie: about 2e-8 nats
 * at n = 100000).
 * Two kernel rows time the joint-neighbour search alone at n = 4096, d = 1: the k-d tree against the brute force
 * used before (identical numbers).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ksg } = require('../../dist/estimators/ksg');
const { jointNeighborCounts } = require('../../dist/core/knn/jointNeighborCounts');
const { randomSource } = require('../../dist/core/random');

const PYTHON = '/usr/bin/python3';
const K = 3;
const OPTIONS = { k: K, standardize: true, clipZero: true, units: 'nats' };

/** x: n x d standard normal; y = x w + N(0, 1) with w = (1, 1/2, 1/4, ...). */
function data(n, d, seed) {
  const random = randomSource(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = random.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = random.normal();
    for (let c = 0; c < d; c++) s += x[i * d + c] / 2 ** c;
    y[i] = s;
  }
  const columns = Array.from({ length: d }, (_, c) => ({ data: Float64Array.from({ length: n }, (_, i) => x[i * d + c]), n, d: 1 }));
  return { x: { data: x, n, d }, y: { data: y, n, d: 1 }, columns };
}

/** Why the scikit-learn side cannot run here, or undefined when it can. */
function sklearnMissing() {
  if (!existsSync(PYTHON)) return `skipped: ${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) return `skipped: ${PYTHON} has no scikit-learn/SciPy (apt-get install python3-sklearn python3-scipy)`;
  return undefined;
}

/** Time mutual_info_regression on the case's numbers with bench/numpy/sklearn_ksg.py. */
function runSklearn(d, runs) {
  const missing = sklearnMissing();
  if (missing) {
    process.stderr.write(`ksgLowDim: scikit-learn rows ${missing}\n`);
    return { note: missing };
  }
  const dir = mkdtempSync(join(tmpdir(), 'infoplane-ksg-bench-'));
  try {
    const file = join(dir, 'xy.f64');
    const { x, y } = d;
    const raw = new Float64Array(x.data.length + y.data.length);
    raw.set(x.data, 0);
    raw.set(y.data, x.data.length);
    writeFileSync(file, Buffer.from(raw.buffer));
    const script = join(__dirname, '..', 'numpy', 'sklearn_ksg.py');
    const out = spawnSync(PYTHON, [script, file, String(x.n), String(x.d), String(K), String(runs)], { encoding: 'utf8' });
    if (out.status !== 0) return { note: `failed: ${(out.stderr || '').trim().split('\n').pop()}` };
    return JSON.parse(out.stdout.trim().split('\n').pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(times) {
  const t = times.slice().sort((a, b) => a - b);
  return t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
}

function maxDiff(a, b) {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

/** mode 'columns': each column vs y (scikit-learn's computation); 'joint': I(x; y) with x of all d columns. */
function sideBySide(n, d, mode, skRuns) {
  const label = mode === 'columns' ? (d === 1 ? 'd 1' : `d ${d}, per column vs y`) : `x of ${d} dims vs y (multivariate)`;
  return {
    name: `ksg ${label}, k 3, vs scikit-learn`,
    n,
    d,
    setup() {
      const ctx = data(n, d, 13 + d);
      ctx.sk = runSklearn(ctx, skRuns);
      ctx.times = [];
      return ctx;
    },
    run(ctx) {
      const t0 = performance.now();
      ctx.values = mode === 'columns' ? ctx.columns.map((col) => ksg(col, ctx.y, OPTIONS).value) : [ksg(ctx.x, ctx.y, OPTIONS).value];
      ctx.times.push(performance.now() - t0);
    },
    report(ctx) {
      const ours = median(ctx.times.slice(1)); // the first run is the harness's warm-up
      const out = { values_nats: ctx.values.map((v) => +v.toPrecision(6)) };
      if (ctx.sk.note) return { ...out, sklearn: ctx.sk.note };
      out.sklearn_median_ms = +ctx.sk.median_ms.toPrecision(4);
      out.sklearn_runs = ctx.sk.runs;
      out.ratio = +(ours / ctx.sk.median_ms).toPrecision(3);
      if (mode === 'columns') {
        out.max_diff_noise_free = +maxDiff(ctx.values, ctx.sk.values_noise_free).toPrecision(3);
        out.max_diff_public = +maxDiff(ctx.values, ctx.sk.values).toPrecision(3);
      }
      out.sklearn = ctx.sk.sklearn;
      return out;
    },
  };
}

/** The joint-neighbour search alone (standardised d = 1 data), by `search`. */
function kernel(n, search) {
  return {
    name: `jointNeighborCounts d 1, k 3, search ${search}`,
    n,
    d: 1,
    setup: () => data(n, 1, 14),
    run: (c) => jointNeighborCounts(c.x, c.y, K, search),
  };
}

module.exports = [
  sideBySide(4096, 1, 'columns', 15),
  sideBySide(100000, 1, 'columns', 3),
  sideBySide(4096, 3, 'columns', 9),
  sideBySide(100000, 3, 'columns', 3),
  sideBySide(4096, 3, 'joint', 9),
  sideBySide(100000, 3, 'joint', 3),
  kernel(4096, 'tree'),
  kernel(4096, 'brute'),
];
