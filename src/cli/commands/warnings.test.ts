/**
 * The four warnings the issue names (saturated, out-of-range, a KDE condensed on its samples, ties) through every
 * surface: CLI JSON and stderr, run-file point records, `inspect`, and the figure notes (API: diagnostics.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, writeJson } from '../../../test/helpers/cli';
import { randomSource } from '../../core/random';
import { createRecorder } from '../../record/recorder';
import { readRun } from '../../run/parseRun';
import { infoPlaneFigure } from '../../plot/infoPlane';

const dir = tempDir('infoplane-warnings-');
const n = 100;
const random = randomSource(11);
const x = Array.from({ length: n }, (_, i) => [i]);
const labels = x.map((_, i) => i % 2);
/** One row per fine bin: I(X;T) = log2 n under 1000 bins. */
const spread = x.map((_, i) => [-0.99 + (1.98 * i) / (n - 1)]);
/** A ReLU-like layer: 43% of its values above 1. */
const relu = x.map((_, i) => [i < 43 ? 1.5 + i / 10 : i / 200]);
/** 40 dimensions, 100 samples: a KDE at noiseVariance 1e-3 sees only each sample's own kernel. */
const highD = x.map(() => Array.from({ length: 40 }, () => 0.1 * random.normal()));
/** A third of the rows of a layer with dead units: exact repeats. */
const dead = x.map((_, i) => (i % 3 === 0 ? [0, 0] : [Math.tanh(random.normal()), Math.tanh(random.normal())]));

const CASES = [
  { code: 'saturated', layer: 'spread', t: spread, estimator: 'binning', flags: ['--bins', '1000'], options: { bins: 1000 }, label: 'binning-fine' },
  { code: 'out-of-range', layer: 'relu', t: relu, estimator: 'binning', flags: [], options: {}, label: 'binning' },
  { code: 'kde-regime', layer: 'highd', t: highD, estimator: 'kde', flags: ['--noise-variance', '0.001'], options: { noiseVariance: 1e-3 }, label: 'kde' },
  { code: 'ties', layer: 'dead', t: dead, estimator: 'ksg', flags: [], options: {}, label: 'ksg' },
];

const xFile = writeJson(dir, 'x.json', x);
const yFile = writeJson(dir, 'y.json', labels);

describe('warnings through the command line', () => {
  for (const c of CASES) {
    it(`infoplane point --estimator ${c.estimator} --json carries "${c.code}" in "warnings"; text output prints it on stderr`, async () => {
      const tFile = writeJson(dir, `${c.layer}.json`, c.t);
      const args = ['point', '--input', xFile, '--activations', tFile, '--labels', yFile, '--estimator', c.estimator, ...c.flags];
      const json = await cli(...args, '--json');
      expect(json.code).toBe(0);
      expect(json.stderr).toBe('');
      const out = JSON.parse(json.stdout);
      expect(out.warnings.map((w: { code: string }) => w.code)).toContain(c.code);
      const text = await cli(...args);
      expect(text.code).toBe(0);
      const lines = text.stderr.trim().split('\n');
      expect(lines).toHaveLength(out.warnings.length);
      expect(lines.some((l) => l.startsWith(`infoplane: warning: ${c.code}: `))).toBe(true);
    });
  }
});

describe('warnings in run files, inspect and figures', () => {
  const runFile = join(dir, 'run.ndjson');
  beforeAll(async () => {
    const recorder = createRecorder({
      inputs: x,
      labels,
      estimators: CASES.map((c) => ({ name: c.estimator, label: c.label, options: c.options })),
      runFile,
    });
    const layers = Object.fromEntries(CASES.map((c) => [c.layer, c.t]));
    await recorder.record(0, layers, { loss: 1 });
    await recorder.record(1, layers, { loss: 0.5 });
    recorder.close();
  });

  for (const c of CASES) {
    it(`InfoPlaneRecorder.record writes "${c.code}" into the point records of ${c.label} on layer ${c.layer}`, () => {
      const run = readRun(runFile);
      const points = run.points.filter((p) => p.estimator === c.label && p.layer === c.layer);
      expect(points).toHaveLength(2);
      for (const p of points) expect(p.warnings!.map((w) => w.code)).toContain(c.code);
      // every point was diagnosed (an empty list when nothing is wrong)
      expect(run.points.every((p) => Array.isArray(p.warnings))).toBe(true);
    });

    it(`infoplane inspect RUN reports "${c.code}" of ${c.label} on ${c.layer} (text and --json)`, async () => {
      const json = JSON.parse((await cli('inspect', runFile, '--json')).stdout);
      const found = json.runs[0].warnings.find((w: { estimator: string; layer: string; code: string }) => w.estimator === c.label && w.layer === c.layer && w.code === c.code);
      expect(found).toMatchObject({ epochs: [0, 1] });
      const text = (await cli('inspect', runFile)).stdout;
      expect(text).toContain(`${c.label}  ${c.layer}  ${c.code} at 2 epoch(s) (0, 1): `);
    });

    it(`infoPlaneFigure(run, {estimator: ${c.label}}) and infoplane plot note "${c.code}"`, async () => {
      const run = readRun(runFile);
      const fig = infoPlaneFigure(run, { estimator: c.label, layers: [c.layer] });
      const notes = (fig.layout.annotations as { text: string }[]).map((a) => a.text).join('\n');
      expect(notes).toContain(c.code === 'saturated' ? '⚠ saturated: I(X;T) of spread' : `⚠ ${c.code}: ${c.layer}`);
      const out = join(dir, `${c.label}.json`);
      const r = await cli('plot', runFile, '--out', out, '--estimator', c.label, '--layers', c.layer);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`infoplane plot: warning: ${c.label}: layer ${c.layer}: ${c.code} at 2 epoch(s): `);
      expect(JSON.parse(readFileSync(out, 'utf8')).layout.annotations.length).toBeGreaterThan(0);
    });
  }
});
