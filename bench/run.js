#!/usr/bin/env node
/*
 * Benchmarks: `npm run bench` (builds first). Each file in bench/cases/ exports an array of cases
 * {name, n, d, setup() -> ctx, run(ctx)}. Every case runs in its own child process, so that its peak memory
 * (max resident set size) is its own, and prints one JSON line:
 *   {"estimator", "n", "d", "median_ms", "min_ms", "runs", "peak_rss_mb"}
 * A case may be async (return a promise), expose `ctx.ready` to await after setup, and set `perRun` when one
 * run repeats the operation that many times (the times are then per operation).
 * A case may also set `rate: 'LABEL'` (the line then carries `per_s`: operations per second, 1000 / median_ms,
 * and `rate`: what is counted) and `report(ctx)` returning more fields for its line (sizes, backends).
 * A case with `once: true` runs exactly once, without a warm-up (targets that take a minute).
 * The first line describes the machine: {"machine": {date, cpus, cpu, node, loadavg, note}} (note: $BENCH_NOTE);
 * `node scripts/speed-table.js FILE` turns the lines of one run into the README's speed table.
 * Usage: node bench/run.js [filter] [--runs N]; filter matches "file/name" (a substring).
 */
'use strict';
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const os = require('node:os');

const casesDir = join(__dirname, 'cases');

function listCases() {
  const out = [];
  for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.js')).sort()) {
    const cases = require(join(casesDir, file));
    cases.forEach((c, index) => out.push({ file, index, name: c.name, n: c.n, d: c.d }));
  }
  return out;
}

async function runOne(file, index, runs) {
  const c = require(join(casesDir, file))[index];
  const ctx = c.setup ? c.setup() : undefined;
  if (ctx && ctx.ready) await ctx.ready;
  if (c.once) runs = 1; // a target that takes a minute: one run, no warm-up
  else await c.run(ctx); // warm-up (JIT, lazy tables)
  const times = [];
  const budgetMs = 20000;
  const started = performance.now();
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await c.run(ctx); // a case may return a promise (the recorder does)
    times.push((performance.now() - t0) / (c.perRun || 1));
    if (performance.now() - started > budgetMs && times.length >= 3) break;
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  const peak = process.resourceUsage().maxRSS / 1024; // kilobytes -> MB
  process.stdout.write(
    JSON.stringify({
      estimator: c.name,
      n: c.n,
      d: c.d,
      median_ms: +median.toPrecision(4),
      min_ms: +times[0].toPrecision(4),
      runs: times.length,
      peak_rss_mb: +peak.toFixed(1),
      ...(c.rate ? { rate: c.rate, per_s: +(1000 / median).toPrecision(4) } : {}),
      ...(c.report ? c.report(ctx) : {}),
    }) + '\n',
  );
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    runOne(args[1], Number(args[2]), Number(args[3])).then(
      () => process.exit(0), // worker pools and tfjs may hold the event loop open
      (error) => {
        process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
        process.exit(1);
      },
    );
    return;
  }
  let runs = 7;
  const r = args.indexOf('--runs');
  if (r >= 0) {
    runs = Number(args[r + 1]);
    args.splice(r, 2);
  }
  const filter = args[0];
  // the first line says what the machine was and how busy (scripts/speed-table.js puts it above the README table)
  const cpus = os.cpus();
  const machine = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpus: cpus.length,
    cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
    node: process.versions.node,
    loadavg: os.loadavg().map((v) => +v.toFixed(2)),
    ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
  };
  process.stdout.write(JSON.stringify({ machine }) + '\n');
  for (const c of listCases()) {
    const label = `${c.file.replace(/\.js$/, '')}/${c.name}`;
    if (filter && !label.includes(filter)) continue;
    const child = spawnSync(process.execPath, [__filename, '--child', c.file, String(c.index), String(runs)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) {
      process.stdout.write(JSON.stringify({ estimator: c.name, n: c.n, d: c.d, error: `exit ${child.status}` }) + '\n');
      process.exitCode = 1;
    }
  }
}

main();
