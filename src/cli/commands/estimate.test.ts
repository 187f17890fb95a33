import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { comparableHeader, comparablePoints } from '../../../test/helpers/snapshots';
import { readRun } from '../../run/parseRun';

const SNAP = path.join(__dirname, '../../../test/fixtures/snapshot-numpy');
const MAIN = path.join(__dirname, '../../../dist/cli/main.js');

describe('infoplane estimate, plan and merge', () => {
  it('infoplane estimate SNAP --out RUN writes a run that inspect reads, with parameter flags given to the estimators that take them', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'run.ndjson');
    const r = await cli('estimate', SNAP, '--estimators', 'binning,kde', '--bins', '12', '--out', out, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/layers \(3\): conv \[18\], dense1 \[6\], out \[3\]/);
    expect(r.stdout).toMatch(/run file: .*run\.ndjson \(18 points, 3 epochs/);
    const run = readRun(out);
    expect(run.header.estimators.map((e) => [e.name, e.params.bins])).toEqual([['binning', 12], ['kde', undefined]]);
    expect((await cli('inspect', out)).code).toBe(0);
    const again = await cli('estimate', SNAP, '--estimators', 'binning', '--out', out, '--quiet');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/overwrite/);
  });

  it('infoplane estimate reports flags no listed estimator takes, and SNAP mistakes, in one line', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'run.ndjson');
    const noisy = await cli('estimate', SNAP, '--estimators', 'binning', '--noise-variance', '0.1', '--out', out);
    expect(noisy.code).toBe(2);
    expect(noisy.stderr).toMatch(/--noise-variance is a parameter of kde.*none of the listed estimators \(binning\)/);
    const missing = await cli('estimate', path.join(dir, 'nope'), '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/no such folder/);
    expect((await cli('estimate', SNAP)).stderr).toMatch(/--out RUN\.ndjson is required/);
    expect((await cli('estimate', '--plan', 'p.json')).stderr).toMatch(/--plan needs --task I, or an array index in the environment \(SLURM_ARRAY_TASK_ID/);
    // a plan into a folder that does not exist yet is made there; a missing plan is named as the argument it is
    const nested = path.join(dir, 'work', 'deeper', 'plan.json');
    expect((await cli('plan', SNAP, '--estimators', 'binning', '--tasks', '2', '--out', nested)).code).toBe(0);
    expect(fs.existsSync(nested)).toBe(true);
    expect((await cli('plan', SNAP, '--estimators', 'binning', '--tasks', '2', '--out', nested)).stderr).toMatch(/--out must be a new file/);
    expect((await cli('merge', path.join(dir, 'nope.json'), '--out', out)).stderr).toMatch(/^infoplane merge: PLAN\.json must be a readable file/);
  });

  it('infoplane plan, estimate --plan (task from --task or SLURM_ARRAY_TASK_ID) and merge give the single-machine run', async () => {
    const dir = tempDir();
    const single = path.join(dir, 'single.ndjson');
    expect((await cli('estimate', SNAP, '--estimators', 'binning,adaptive-binning,ksg', '--k', '4', '--out', single, '--quiet')).code).toBe(0);
    const plan = path.join(dir, 'plan.json');
    const p = await cli('plan', SNAP, '--estimators', 'binning,adaptive-binning,ksg', '--k', '4', '--tasks', '3', '--out', plan);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/27 units in 3 tasks/);
    const merged = path.join(dir, 'merged.ndjson');
    const early = await cli('merge', plan, '--out', merged);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/plan\.json must be complete: a part file from each of its 3 tasks .*; got none from tasks 0, 1, 2/);
    expect((await cli('estimate', '--plan', plan, '--task', '2', '--quiet')).stdout).toMatch(/task 2 \(--task\): 9 units computed/);
    // the task index from a Slurm array job's environment, in a child process as sbatch would start it
    for (const task of ['0', '1']) {
      const child = spawnSync(process.execPath, [MAIN, 'estimate', '--plan', plan], { env: { ...process.env, SLURM_ARRAY_TASK_ID: task }, encoding: 'utf8' });
      expect(child.stderr).toMatch(new RegExp(`9/9 task ${task}:`));
      expect(child.stdout).toMatch(new RegExp(`task ${task} \\(SLURM_ARRAY_TASK_ID\\): 9 units computed`));
      expect(child.status).toBe(0);
    }
    expect((await cli('estimate', '--plan', plan, '--task', '1')).stdout).toMatch(/task 1 \(--task\): already done/);
    expect((await cli('merge', plan, '--out', merged)).stdout).toMatch(/27 points, 3 epochs/);
    const a = readRun(single);
    const b = readRun(merged);
    expect(comparablePoints(b.points)).toEqual(comparablePoints(a.points));
    expect(comparableHeader(b.header)).toEqual(comparableHeader(a.header));
    expect(fs.readdirSync(path.join(dir, 'plan.parts')).sort()).toEqual(['task-0000.ndjson', 'task-0001.ndjson', 'task-0002.ndjson']);
  });

  it('infoplane estimate --per-class and plan --per-class record the same per-class terms, summing to I(T;Y)', async () => {
    const dir = tempDir();
    const single = path.join(dir, 'single.ndjson');
    expect((await cli('estimate', SNAP, '--estimators', 'binning,kde', '--per-class', '--out', single, '--quiet')).code).toBe(0);
    const plan = path.join(dir, 'plan.json');
    expect((await cli('plan', SNAP, '--estimators', 'binning,kde', '--per-class', '--tasks', '2', '--out', plan)).code).toBe(0);
    for (const t of ['0', '1']) expect((await cli('estimate', '--plan', plan, '--task', t, '--quiet')).code).toBe(0);
    const merged = path.join(dir, 'merged.ndjson');
    expect((await cli('merge', plan, '--out', merged)).code).toBe(0);
    const a = readRun(single);
    expect(comparablePoints(readRun(merged).points)).toEqual(comparablePoints(a.points));
    for (const p of a.points) {
      expect(p.perClass?.map((c) => c.label)).toEqual([0, 1, 2]);
      const sum = p.perClass!.reduce((acc, c) => acc + c.ityTerm, 0);
      expect(Math.abs(sum - p.ity!)).toBeLessThan(1e-9);
    }
  });
});

/** n samples of a bivariate Gaussian with correlation rho (Box-Muller on a fixed LCG), as bmi would write them. */
function gaussianCsv(n: number, rho: number, seedColumn?: number[]): string {
  let state = 12345;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  const lines = [seedColumn ? 'seed,X0,Y0' : 'X0,Y0'];
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const th = 2 * Math.PI * uniform();
    const a = r * Math.cos(th);
    const b = r * Math.sin(th);
    const x = a;
    const y = rho * a + Math.sqrt(1 - rho * rho) * b;
    lines.push(`${seedColumn ? `${seedColumn[i]},` : ''}${x},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('infoplane bmi', () => {
  it('infoplane bmi SAMPLES.csv 1 1 prints only I(X;Y) in nats, near -ln(1 - rho^2)/2 for a Gaussian pair', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'samples.csv');
    fs.writeFileSync(file, gaussianCsv(3000, 0.8));
    const truth = -0.5 * Math.log(1 - 0.64);
    const r = await cli('bmi', file, '1', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?\n$/);
    // KSG's standard deviation at n = 3000 is about 0.015 nats here; 0.06 is 4 of them
    expect(Math.abs(Number(r.stdout) - truth)).toBeLessThan(0.06);
    const kde = await cli('bmi', file, '1', '1', '--estimator', 'ksg', '--k', '10');
    expect(Math.abs(Number(kde.stdout) - truth)).toBeLessThan(0.06);
    expect(Number(kde.stdout)).not.toBe(Number(r.stdout));
  });

  it('infoplane bmi SAMPLES.csv SEED 1 1 uses the rows of that seed; bad dimensions are one-line errors', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'samples.csv');
    const seeds = Array.from({ length: 4000 }, (_, i) => (i < 2000 ? 0 : 1));
    fs.writeFileSync(file, gaussianCsv(4000, 0.8, seeds));
    const r = await cli('bmi', file, '1', '1', '1');
    expect(r.stderr).toBe('');
    expect(Math.abs(Number(r.stdout) + 0.5 * Math.log(1 - 0.64))).toBeLessThan(0.07);
    const bad = await cli('bmi', file, '1', '2', '2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DIM_X \+ DIM_Y = 4 columns after the seed column; got 2/);
    expect((await cli('bmi', file, '0', '1')).stderr).toMatch(/DIM_X must be an integer in \[1, 1000000\]; got "0"/);
    const plain = path.join(dir, 'plain.csv');
    fs.writeFileSync(plain, gaussianCsv(500, 0.8));
    const binned = await cli('bmi', plain, '1', '1', '--estimator', 'binning', '--range', '-4,4', '--bins', '10');
    expect(binned.code).toBe(0);
    expect(Number(binned.stdout)).toBeGreaterThan(0);
    expect((await cli('bmi', plain, '1', '1', '--estimator', 'kde')).stderr).toMatch(/does not estimate I\(X;Y\) between continuous variables/);
  });
});
