#!/usr/bin/env node
// Rewrite the README's speed table (between the speed:begin/end markers) from the lines of ONE bench run:
//   node bench/run.js > bench.ndjson; node scripts/speed-table.js bench.ndjson
// (`npm run bench` prints the same lines after a build). The first line of a run describes the machine
// (`bench/run.js` prints it); every other line is one case. The comparison column takes what a case measured
// on the same data in the same run (NumPy/SciPy/scikit-learn: numpy_ms, scipy_ms, sklearn_median_ms), and the
// ratio is that time over infoplane's (above 1: infoplane is faster). Nothing here is typed in by hand.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const input = process.argv[2];
if (!input) {
  process.stderr.write('usage: node scripts/speed-table.js BENCH.ndjson [README.md]\n');
  process.exit(2);
}
const readme = process.argv[3] ?? path.join(__dirname, '..', 'README.md');
const lines = fs
  .readFileSync(input, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l));
const machine = lines.find((l) => l.machine)?.machine;
const rows = lines.filter((l) => !l.machine);

/** A time in ms as people read it. */
function time(ms) {
  if (ms >= 10000) return `${(ms / 1000).toFixed(0)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 0.1) return `${ms.toPrecision(2)} ms`;
  return `${(ms * 1000).toPrecision(2)} µs`;
}

/** What a row was compared with in the same run: [label, ms] or null. */
function other(r) {
  if (typeof r.numpy_ms === 'number') return [`NumPy/SciPy (${r.numpy_uses ?? 'own version'})`, r.numpy_ms];
  if (typeof r.scipy_ms === 'number') return ['SciPy `eigvalsh`', r.scipy_ms];
  if (typeof r.sklearn_median_ms === 'number') return ['scikit-learn', r.sklearn_median_ms];
  return null;
}

/** Markdown-safe text: no pipes, no newlines. */
function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

const table = ['| case | n, d | infoplane (median) | peak memory | same data, same run | ratio |', '|---|---|---|---|---|---|'];
for (const r of rows) {
  if (r.error) {
    table.push(`| ${cell(r.estimator)} | ${r.n}, ${r.d} | failed (${cell(r.error)}) | | | |`);
    continue;
  }
  const ms = r.infoplane_ms ?? r.median_ms; // side-by-side rows time infoplane's calls themselves
  const o = other(r);
  const note = r.numpy ?? r.scipy ?? r.sklearn;
  const compared = o ? `${cell(o[0])}: ${time(o[1])}` : note && typeof note === 'string' && note.startsWith('skipped') ? cell(note) : '';
  const ratio = o ? `${(o[1] / ms).toPrecision(2)}x` : '';
  const memory = typeof r.peak_rss_mb === 'number' ? `${Math.round(r.peak_rss_mb)} MB` : '';
  table.push(`| ${cell(r.estimator)} | ${r.n ?? ''}, ${r.d ?? ''} | ${time(ms)} | ${memory} | ${compared} | ${ratio} |`);
}
const about = machine
  ? `Measured by one run of \`node bench/run.js\` on ${machine.date}: ${machine.cpus} x ${cell(machine.cpu)}, Node ${machine.node}, ` +
    `load average ${machine.loadavg.join(' / ')} at the start${machine.note ? ` (${cell(machine.note)})` : ''}.`
  : 'Measured by one run of `node bench/run.js`.';
const block = `${about}\n\n${table.join('\n')}\n`;

const text = fs.readFileSync(readme, 'utf8');
const begin = text.indexOf('<!-- speed:begin');
const end = text.indexOf('<!-- speed:end -->');
if (begin < 0 || end < begin) {
  process.stderr.write(`speed-table: ${readme} has no speed:begin/end markers\n`);
  process.exit(1);
}
const open = text.indexOf('\n', begin) + 1;
fs.writeFileSync(readme, `${text.slice(0, open)}${block}${text.slice(end)}`);
process.stdout.write(`${readme}: speed table regenerated from ${rows.length} cases\n`);
