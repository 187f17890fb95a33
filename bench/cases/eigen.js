/*
 * The full symmetric eigensolver (values only) beside LAPACK (issue 13: within 1.3x of scipy.linalg.eigvalsh).
 * Each row times `symmetricEigenvalues` on a random symmetric matrix with `threads` 1 or 'auto' (2 threads from
 * n = 256 on a machine with two cores), and carries `scipy_ms` (median of scipy.linalg.eigvalsh on the same
 * float64 matrix after one warm-up, run with Debian's /usr/bin/python3 during setup, so that the two never compete
 * for the cores), `infoplane_over_scipy` (median_ms / scipy_ms: the target is <= 1.3), `agree` (largest eigenvalue
 * difference relative to the spectral radius), both flop rates (4n^3/3 flops of the tridiagonal reduction / time)
 * and the load average. Without /usr/bin/python3 or SciPy the rows say so (`scipy` note, no ratio).
 * The last case measures, once, what WebAssembly f64x2 (no FMA in Node 20) reaches on one core: a streaming
 * multiply-add in cache and from memory, and a 4 x 4 register-blocked product (bench/wasm/flops.wat, assembled
 * here with wabt): the ceiling for the passes of the reduction.
 * Usage: node bench/run.js eigen/
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const { symmetricEigenvalues } = require('../../dist/core/spectral/symmetricEigenvalues');
const { randomSymmetric } = require('../data');

const PYTHON = '/usr/bin/python3';

function median(times) {
  const t = times.slice().sort((a, b) => a - b);
  return t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
}

const SCIPY = `
import sys, time, json
try:
    import numpy as np
    from scipy.linalg import eigvalsh
except ImportError as e:
    print(json.dumps({"missing": str(e)})); sys.exit(0)
path, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
a = np.fromfile(path, dtype=np.float64).reshape(n, n)
eigvalsh(a)
times = []
for _ in range(runs):
    t0 = time.perf_counter(); w = eigvalsh(a); times.append(1000 * (time.perf_counter() - t0))
times.sort()
w.tofile(path + '.w')
print(json.dumps({"ms": times[len(times) // 2] if len(times) % 2 else 0.5 * (times[len(times) // 2 - 1] + times[len(times) // 2])}))
`;

/** scipy.linalg.eigvalsh on `a`: {ms, values} or {note} when it cannot run. */
function scipyEigvalsh(a, n, runs) {
  if (!existsSync(PYTHON)) return { note: `skipped: ${PYTHON} not found` };
  const dir = mkdtempSync(join(tmpdir(), 'infoplane-eigen-bench-'));
  try {
    const path = join(dir, 'a.f64');
    writeFileSync(path, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const out = spawnSync(PYTHON, ['-c', SCIPY, path, String(n), String(runs)], { encoding: 'utf8' });
    if (out.status !== 0) return { note: `failed: ${(out.stderr || '').trim().split('\n').pop()}` };
    const result = JSON.parse(out.stdout.trim().split('\n').pop());
    if (result.missing) return { note: `skipped: ${result.missing}` };
    const w = readFileSync(`${path}.w`);
    return { ms: result.ms, values: new Float64Array(w.buffer, w.byteOffset, n) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function eigenCase(n, threads) {
  return {
    name: `symmetricEigenvalues (values only, threads ${threads}) vs scipy eigvalsh`,
    n,
    d: n,
    once: n > 2048, // a run takes seconds
    setup: () => {
      const a = randomSymmetric(n, 1);
      const scipy = scipyEigvalsh(a, n, n > 2048 ? 3 : 5);
      return { a, scipy, times: [], values: null };
    },
    run: (ctx) => {
      const t0 = performance.now();
      ctx.values = symmetricEigenvalues(ctx.a, n, { threads });
      ctx.times.push(performance.now() - t0);
    },
    report: (ctx) => {
      const times = ctx.times.length > 1 ? ctx.times.slice(1) : ctx.times; // without the warm-up
      const ms = median(times);
      const flops = (4 * n ** 3) / 3;
      const out = { infoplane_ms: +ms.toPrecision(4), infoplane_gflops: +(flops / ms / 1e6).toPrecision(3) };
      if (ctx.scipy.note) return { ...out, scipy: ctx.scipy.note, load: loadavg()[0] };
      let err = 0;
      let radius = 0;
      for (let i = 0; i < n; i++) {
        err = Math.max(err, Math.abs(ctx.values[i] - ctx.scipy.values[i]));
        radius = Math.max(radius, Math.abs(ctx.scipy.values[i]));
      }
      return {
        ...out,
        scipy_ms: +ctx.scipy.ms.toPrecision(4),
        infoplane_over_scipy: +(ms / ctx.scipy.ms).toPrecision(3),
        scipy_gflops: +(flops / ctx.scipy.ms / 1e6).toPrecision(3),
        agree: +(err / radius).toExponential(1),
        load: loadavg()[0],
      };
    },
  };
}

/** bench/wasm/flops.wat, instantiated with its memory grown to `bytes`. */
async function flopsKernels(bytes) {
  const wabt = await require('wabt')();
  const text = readFileSync(join(__dirname, '..', 'wasm', 'flops.wat'), 'utf8');
  const { buffer } = wabt.parseWat('flops.wat', text, { simd: true }).toBinary({});
  const ex = new WebAssembly.Instance(new WebAssembly.Module(buffer), {}).exports;
  ex.memory.grow(Math.ceil(bytes / 65536));
  return ex;
}

module.exports = [
  eigenCase(1000, 1),
  eigenCase(1000, 'auto'),
  eigenCase(2000, 1),
  eigenCase(2000, 'auto'),
  eigenCase(4096, 1),
  eigenCase(4096, 'auto'),
  {
    name: 'wasm f64x2 GFLOP/s on one core (streaming multiply-add, register-blocked product)',
    n: 0,
    d: 0,
    once: true,
    setup: () => {
      const ctx = { result: {} };
      ctx.ready = flopsKernels(2 * 8 * 4194304 + 65536).then((ex) => (ctx.ex = ex));
      return ctx;
    },
    run: (ctx) => {
      const ex = ctx.ex;
      const k = 256;
      const panel = new Float64Array(ex.memory.buffer, 0, 8 * k);
      for (let i = 0; i < panel.length; i++) panel[i] = 1e-3 * ((i % 7) - 3);
      // warm-up: the optimising tier replaces the baseline code between calls, not inside one
      for (let i = 0; i < 300; i++) {
        ex.block(32 * k, k, 10);
        ex.axpy(0, 1 << 16, 1024, 1, 0.5);
      }
      const rate = (flops, f) => {
        let best = Infinity;
        for (let r = 0; r < 3; r++) {
          const t0 = performance.now();
          f();
          best = Math.min(best, performance.now() - t0);
        }
        return +(flops / best / 1e6).toPrecision(3);
      };
      const reps = 20000;
      ctx.result.blocked_gflops = rate(16 * 2 * k * reps, () => ex.block(32 * k, k, reps));
      // y += c x over 2 x 64 KiB (L2), 2 x 2 MiB (L3) and 2 x 32 MiB (memory)
      for (const [label, len] of [['l2', 8192], ['l3', 262144], ['memory', 4194304]]) {
        const times = Math.max(1, Math.round(4e8 / len));
        ctx.result[`axpy_${label}_gflops`] = rate(2 * len * times, () => ex.axpy(0, len * 8, len, times, 0.5));
      }
    },
    report: (ctx) => ({ ...ctx.result, load: loadavg()[0] }),
  },
];
