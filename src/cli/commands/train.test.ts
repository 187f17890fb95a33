/** `infoplane train` and `infoplane demo`, in-process, with a few epochs (the pure-JS tfjs backend). */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { readRun } from '../../run/parseRun';
import { setBackendNoticeHandler } from '../../tfjs/backend';
import { flipLabels } from '../../core/labelNoise';
import { loadDataset } from '../../datasets/loadDataset';
import { labelNoiseSeed, permutation } from '../../tfjs/train/experiments';

process.env.INFOPLANE_TFJS = 'tfjs';
setBackendNoticeHandler(() => undefined);

describe('infoplane train', () => {
  it('infoplane train --experiment ib12 --epochs 3 writes a run of the 6 layers at the log-spaced epochs 0..3', async () => {
    const out = tempDir();
    const r = await cli('train', '--experiment', 'ib12', '--epochs', '3', '--records', '3', '--estimators', 'binning,binning-max-scaled', '--out', out, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const run = readRun(path.join(out, 'run.ndjson'));
    expect(run.header.dataset).toBe('ib12');
    expect(run.header.probeSize).toBe(4096);
    expect(run.header.model.layers.map((l) => l.units)).toEqual([10, 7, 5, 4, 3, 2]);
    expect(run.header.meta).toMatchObject({ experiment: 'ib12', activation: 'tanh', optimizer: 'adam', learningRate: 0.004, batchSize: 256, trainSize: 3277, testSize: 819 });
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1, 3]);
    expect(run.points).toHaveLength(3 * 6 * 2);
    for (const p of run.points) {
      expect(p.ixt).toBeGreaterThanOrEqual(0);
      expect(p.ixt).toBeLessThanOrEqual(12 + 1e-9);
      expect(p.ity).toBeLessThanOrEqual(run.header.meta!.hY as number + 1e-9);
    }
    expect(run.points.find((p) => p.estimator === 'binning-max-scaled')?.params).toMatchObject({ maxScaled: true });
    expect(r.stdout).toMatch(/run file: .*run\.ndjson/);
    expect(r.stdout).toMatch(/layers \(6\): hidden1 \[10 tanh\]/);
  });

  it('infoplane train --label-noise 0.2 flips 20% of the training labels and records I(T;Y) against clean and noisy labels, and the weight spectra', async () => {
    const out = tempDir();
    const r = await cli('train', '--experiment', 'ib12', '--epochs', '3', '--records', '2', '--label-noise', '0.2', '--estimators', 'binning', '--out', out, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const run = readRun(path.join(out, 'run.ndjson'));
    const meta = run.header.meta!;
    expect(meta.labelNoise).toMatchObject({ fraction: 0.2, flipped: Math.round(0.2 * 3277), seed: labelNoiseSeed(0) });
    expect(meta.labelSets).toEqual(['clean', 'noisy']);
    // the noisy set is the flips of flipLabels on the training rows of the seeded split: its H(Y) from the labels
    const ds = loadDataset('ib12');
    const clean = Float64Array.from(ds.labels.ids);
    const trainRows = permutation(4096, 0).subarray(0, 3277);
    const { labels: noisy } = flipLabels(clean, { fraction: 0.2, seed: labelNoiseSeed(0), rows: trainRows });
    const entropy = (y: Float64Array) => {
      const p1 = y.reduce((a, b) => a + b, 0) / y.length;
      return -(p1 * Math.log2(p1) + (1 - p1) * Math.log2(1 - p1));
    };
    const hYSets = meta.hYSets as Record<string, number>;
    expect(hYSets.clean).toBeCloseTo(entropy(clean), 12);
    expect(hYSets.noisy).toBeCloseTo(entropy(noisy), 12);
    expect(hYSets.noisy).not.toBeCloseTo(hYSets.clean, 6);
    expect(run.points).toHaveLength(2 * 6);
    for (const p of run.points) {
      expect(Object.keys(p.itySets!)).toEqual(['clean', 'noisy']);
      expect(p.itySets!.clean).toBe(p.ity);
      expect(p.itySets!.noisy).toBeLessThanOrEqual(hYSets.noisy + 1e-9);
    }
    const spectra = run.epochs[run.epochs.length - 1].weightSpectra!;
    expect(Object.keys(spectra)).toHaveLength(6);
    expect(Object.values(spectra).map((s) => s.shape)).toEqual([[12, 10], [10, 7], [7, 5], [5, 4], [4, 3], [3, 2]]);
    for (const s of Object.values(spectra)) {
      expect(s.kappa).toBeGreaterThanOrEqual(1);
      expect(s.stableRank).toBeGreaterThanOrEqual(1);
      expect(s.stableRank).toBeLessThanOrEqual(Math.min(...s.shape) + 1e-9);
    }
    expect(r.stdout).toMatch(/final I\(T;Y\) per label set \[bits\]: binning hidden1 clean \d\.\d+ noisy \d\.\d+/);
    // regression has no classes to flip between
    const bad = await cli('train', '--experiment', 'diabetes', '--epochs', '1', '--label-noise', '0.1', '--out', tempDir(), '--quiet');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--label-noise must be 0 for the regression experiment diabetes/);
  });

  it('infoplane train reports usage errors in one line', async () => {
    for (const args of [
      ['--epochs', '3'],
      ['--experiment', 'mnist'],
      ['--experiment', 'ib12', '--epochs', '0'],
      ['--experiment', 'ib12', '--estimators', 'binning,nope'],
      ['--experiment', 'ib12', '--activation', 'sigmoid'],
      ['--experiment', 'ib12', '--learning-rate', '-1'],
      ['--experiment', 'ib12', '--label-noise', '1'],
      ['--experiment', 'ib12', '--bogus', '1'],
    ]) {
      const r = await cli('train', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli('train', '--experiment', 'ib12', '--estimators', 'nope')).stderr).toMatch(/unknown estimator "nope" in --estimators; valid estimators are binning, adaptive-binning/);
  });
});

describe('infoplane demo', () => {
  it('infoplane demo --epochs 2 writes the run file and the figure and prints where they are', async () => {
    const out = tempDir();
    const r = await cli('demo', '--epochs', '2', '--records', '3', '--out', out, '--no-image');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^infoplane demo: 12-10-7-5-4-3-2 tanh network on the 12-bit task, 2 epochs; recording binning, adaptive-binning/);
    expect(r.stderr).toMatch(/epoch 2\/2 {2}loss \d\.\d{4} {2}acc \d\.\d{3}/); // plain progress lines (not a terminal)
    const runFile = path.join(out, 'run.ndjson');
    expect(r.stdout).toContain(`run file   ${runFile}`);
    expect(r.stdout).toMatch(/Information plane at epoch 2 \[bits\]/);
    expect(r.stdout).toMatch(/hidden1\s+10\s+\d+\.\d\d, \d\.\d\d/);
    const run = readRun(runFile);
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    if (fs.existsSync(path.join(out, 'infoplane.html'))) {
      expect(r.stdout).toContain(`figure     ${path.join(out, 'infoplane.html')}`);
      expect(fs.readFileSync(path.join(out, 'infoplane.html'), 'utf8')).toMatch(/<html/i);
    }
  });

  it('infoplane demo --json prints every layer with its final points within the ceilings', async () => {
    const out = tempDir();
    const r = await cli('demo', '--epochs', '1', '--records', '2', '--out', out, '--no-image', '--json', '--estimators', 'adaptive-binning');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ dataset: 'ib12', n: 4096, epochs: 1, units: 'bits', maxIxt: 12, estimators: ['adaptive-binning'], recordedEpochs: [0, 1], finalEpoch: 1 });
    expect(o.runFile).toBe(path.join(out, 'run.ndjson'));
    expect(o.layers).toHaveLength(6);
    for (const l of o.layers) {
      const p = l.points['adaptive-binning'];
      expect(p.ixt).toBeGreaterThanOrEqual(0);
      expect(p.ixt).toBeLessThanOrEqual(12 + 1e-9);
      expect(p.ity).toBeLessThanOrEqual(o.hY + 1e-9);
    }
  });
});
