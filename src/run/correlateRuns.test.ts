import * as fs from 'fs';
import * as path from 'path';
import { expectInfoplaneError } from '../../test/helpers/errors';
import { cli, tempDir } from '../../test/helpers/cli';
import { randomSource } from '../core/random';
import { createRunHeader } from './header';
import { correlateRuns, generalizationGap } from './correlateRuns';
import { Run, RunEpochRecord, RunPointRecord } from './types';

/**
 * A run of two layers h1, h2 recorded at epochs 0, 5, 10 whose final-epoch gap is `gap(ixtGivenY of h1)`;
 * earlier epochs get other values, so that only the final epoch can carry the relation.
 */
function makeRun(random: () => number, id: string, gapOf: (cond: number, acc: boolean) => number, withAccuracy = false): Run {
  const header = createRunHeader({ runId: id, model: { layers: [{ name: 'h1', units: 4 }, { name: 'h2', units: 4 }] }, dataset: 'toy', probeSize: 100, estimators: [{ name: 'binning', params: {} }], units: 'bits' });
  const points: RunPointRecord[] = [];
  const epochs: RunEpochRecord[] = [];
  let cond = 0;
  for (const epoch of [0, 5, 10]) {
    ['h1', 'h2'].forEach((layer, layerIndex) => {
      const p: RunPointRecord = { type: 'point', epoch, layer, layerIndex, estimator: 'binning', ixt: 3 + random(), ity: random(), ixtGivenY: 2 * random(), warnings: [] };
      if (layer === 'h1') cond = p.ixtGivenY!;
      points.push(p);
    });
    const loss = 0.5 * random();
    const logs: Record<string, number> = { loss, val_loss: loss + (epoch === 10 ? gapOf(cond, false) : random()) };
    if (withAccuracy) Object.assign(logs, { acc: 0.9, val_acc: 0.9 - (epoch === 10 ? gapOf(cond, true) : random()) });
    epochs.push({ type: 'epoch', epoch, logs });
  }
  return { header, points, epochs };
}

function writeRun(dir: string, name: string, run: Run): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [run.header, ...run.points, ...run.epochs].map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

describe('correlateRuns', () => {
  it('correlateRuns recovers a planted relation gap = 0.3 I(X;T|Y) + noise: significant, positive', () => {
    const random = randomSource(21);
    const runs = Array.from({ length: 20 }, (_, i) => makeRun(random, `r${i}`, (c) => 0.3 * c + 0.05 * random.normal()));
    const r = correlateRuns(runs);
    expect(r.estimator).toBe('binning');
    expect(r.gap.definition).toBe('val_loss - loss');
    const planted = r.rows.find((row) => row.layer === 'h1' && row.quantity === 'ixtGivenY')!;
    for (const c of [planted.kendall, planted.spearman, planted.pearson]) {
      expect(c.n).toBe(20);
      expect(c.statistic).toBeGreaterThan(0.5);
      expect(c.pValue).toBeLessThan(1e-3);
    }
    // the pairs are the final epoch's (10), one per run
    expect(new Set(planted.pairs.map((p) => p.epoch))).toEqual(new Set([10]));
    expect(planted.pairs.map((p) => p.gap)).toEqual(runs.map((run) => generalizationGap(run, 'loss')!.gap));
    expect(r.rows.map((row) => `${row.layer} ${row.quantity}`)).toEqual(['h1 ixt', 'h1 ity', 'h1 ixtGivenY', 'h2 ixt', 'h2 ity', 'h2 ixtGivenY']);
  });

  it('correlateRuns of a planted negative relation on the accuracy gap gives negative statistics', () => {
    const random = randomSource(4);
    const runs = Array.from({ length: 15 }, (_, i) => makeRun(random, `r${i}`, (c, acc) => (acc ? 0.2 - 0.1 * c + 0.01 * random.normal() : random()), true));
    const planted = correlateRuns(runs, { gap: 'accuracy', layers: ['h1'] }).rows.find((row) => row.quantity === 'ixtGivenY')!;
    expect(planted.kendall.statistic).toBeLessThan(-0.5);
    expect(planted.pearson.pValue).toBeLessThan(1e-3);
  });

  it('correlateRuns on 20 independent runs (seeded) finds no significant correlation of I(X;T|Y) with the gap', () => {
    const random = randomSource(21);
    const runs = Array.from({ length: 20 }, (_, i) => makeRun(random, `r${i}`, () => random()));
    const row = correlateRuns(runs, { layers: ['h1'] }).rows.find((q) => q.quantity === 'ixtGivenY')!;
    for (const c of [row.kendall, row.spearman, row.pearson]) expect(c.pValue).toBeGreaterThan(0.05);
  });

  it('correlateRuns p-values are calibrated on independent runs: about 5% of 300 independent sets fall below 0.05', () => {
    // under independence each test rejects with probability 0.05; 300 sets give 15 +- 3.8 (binomial sd): [5, 28] is about 3 sd
    const random = randomSource(9);
    const rejected = { kendall: 0, spearman: 0, pearson: 0 };
    for (let s = 0; s < 300; s++) {
      const runs = Array.from({ length: 12 }, (_, i) => makeRun(random, `r${i}`, () => random()));
      const row = correlateRuns(runs, { layers: ['h1'] }).rows.find((q) => q.quantity === 'ixtGivenY')!;
      for (const k of ['kendall', 'spearman', 'pearson'] as const) if (row[k].pValue < 0.05) rejected[k]++;
    }
    for (const k of ['kendall', 'spearman', 'pearson'] as const) {
      expect(rejected[k]).toBeGreaterThanOrEqual(5);
      expect(rejected[k]).toBeLessThanOrEqual(28);
    }
  });

  it('correlateRuns rejects fewer than 3 runs, unknown estimators and layers; counts runs without the gap', () => {
    const random = randomSource(1);
    const runs = Array.from({ length: 4 }, (_, i) => makeRun(random, `r${i}`, () => random()));
    expectInfoplaneError(() => correlateRuns(runs.slice(0, 2)), { code: 'out_of_range', param: 'runs' });
    expectInfoplaneError(() => correlateRuns(runs, { estimator: 'kde' }), { param: 'estimator' });
    expectInfoplaneError(() => correlateRuns(runs, { layers: ['nope'] }), { param: 'layers' });
    expectInfoplaneError(() => correlateRuns(runs, { gap: 'f1' as never }), { param: 'gap' });
    const noGap = { ...runs[0], epochs: runs[0].epochs.map((e) => ({ ...e, logs: { loss: 1 } })) };
    const r = correlateRuns([noGap, ...runs.slice(1)]);
    expect(r.runsWithoutGap).toEqual([0]);
    expect(r.rows[0].pairs).toHaveLength(3);
  });
});

describe('infoplane correlate and plot --kind correlate', () => {
  const dir = tempDir('infoplane-correlate-');
  const random = randomSource(33);
  const files = Array.from({ length: 12 }, (_, i) => writeRun(dir, `run${i}.ndjson`, makeRun(random, `r${i}`, (c) => 0.3 * c + 0.05 * random.normal())));

  it('infoplane correlate RUN... --json gives the API rows; the text has one line per (layer, quantity)', async () => {
    const r = await cli('correlate', ...files, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const planted = out.rows.find((row: any) => row.layer === 'h1' && row.quantity === 'ixtGivenY');
    expect(planted.kendall.n).toBe(12);
    expect(planted.kendall.statistic).toBeGreaterThan(0.5);
    expect(planted.spearman.pValue).toBeLessThan(0.01);
    const text = await cli('correlate', ...files, '--layers', 'h1');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/h1 {2}I\(X;T\|Y\) {2}n 12 {2}tau_b 0\.\d{3} \(p \d\.\d{4}\) {2}rho 0\.\d{3} \(p [\d.e-]+\) {2}r 0\.\d{3}/);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('  h1'))).toHaveLength(3);
    const few = await cli('correlate', files[0], files[1]);
    expect(few.code).toBe(2);
    expect(few.stderr).toBe('infoplane correlate: expected at least 3 RUN files to correlate; got 2\n');
  });

  it('infoplane plot RUN... --kind correlate --out F.json draws one scatter per (layer, quantity) with the statistics', async () => {
    const out = path.join(dir, 'corr.json');
    const r = await cli('plot', ...files, '--kind', 'correlate', '--layers', 'h1', '--out', out);
    expect(r.code).toBe(0);
    const fig = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(fig.data).toHaveLength(3);
    expect(fig.data[2].x).toHaveLength(12);
    expect(fig.layout.annotations[2].text).toMatch(/^τ_b 0\.\d+ \(p [\d.e-]+\), ρ 0\.\d+ \(p [\d.e-]+\), r 0\.\d+ \(p [\d.e-]+\), n 12$/);
    const bad = await cli('plot', ...files, '--kind', 'plane', '--gap', 'loss', '--out', out);
    expect(bad.code).toBe(2);
  });
});
