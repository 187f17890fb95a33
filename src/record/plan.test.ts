import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readRun } from '../run/parseRun';
import { comparableHeader, comparablePoints } from '../../test/helpers/snapshots';
import { estimateSnapshot } from './estimateSnapshot';
import { createPlan, mergePlan, partFile, planStatus, readPlan, runPlanTask, taskFromEnvironment, writePlan } from './plan';

const NUMPY_SNAPSHOT = path.join(__dirname, '../../test/fixtures/snapshot-numpy');
const ESTIMATORS = ['binning', 'kde', { name: 'binning', label: 'binning-max-scaled', options: { maxScaled: true } }];

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-plan-'));
}

async function planned(tasks: number, dir = tempDir()): Promise<string> {
  const file = path.join(dir, 'plan.json');
  writePlan(await createPlan(NUMPY_SNAPSHOT, { estimators: ESTIMATORS, tasks }), file);
  return file;
}

let single: ReturnType<typeof readRun>;
beforeAll(async () => {
  const file = path.join(tempDir(), 'single.ndjson');
  await estimateSnapshot(NUMPY_SNAPSHOT, { estimators: ESTIMATORS, runFile: file });
  single = readRun(file);
});

describe('createPlan', () => {
  it('createPlan(folder, {tasks}) puts every unit in exactly one task, balanced by predicted cost within 4/3 of the best split', async () => {
    const plan = readPlan(await planned(4));
    const units = plan.tasks.flatMap((t) => t.units);
    expect(units).toHaveLength(3 * 3 * 3);
    expect(new Set(units.map((u) => `${u.epoch}/${u.layer}/${u.estimator}`)).size).toBe(27);
    const total = units.reduce((a, u) => a + u.cost, 0);
    const largest = Math.max(...units.map((u) => u.cost));
    const lowerBound = Math.max(total / 4, largest);
    expect(Math.max(...plan.tasks.map((t) => t.cost))).toBeLessThanOrEqual((4 / 3) * lowerBound * 1.001);
    // kde is O(n^2 d): its units are costlier than binning's, so tasks are not split by count
    const kdeCost = units.find((u) => u.estimator === 'kde')!.cost;
    expect(kdeCost).toBeGreaterThan(units.find((u) => u.estimator === 'binning' && u.layer === 'conv')!.cost);
    expect(plan.epochs.map((e) => e.runningMax! > 0)).toEqual([true, true, true]);
  });

  it('createPlan refuses more tasks than units, naming the range', async () => {
    await expect(createPlan(NUMPY_SNAPSHOT, { estimators: ['binning'], tasks: 10 })).rejects.toThrow(/tasks must be .*\[1, 9\].*got 10/);
  });
});

describe('runPlanTask and mergePlan', () => {
  it.each([1, 3, 7])('%i tasks run in any order and merged give the points estimateSnapshot gives on one machine', async (tasks) => {
    const file = await planned(tasks);
    const order = Array.from({ length: tasks }, (_, i) => (i * 5 + 2) % tasks);
    for (const t of new Set(order)) await runPlanTask(file, t);
    for (let t = 0; t < tasks; t++) if (!order.includes(t)) await runPlanTask(file, t);
    const out = path.join(path.dirname(file), 'merged.ndjson');
    expect(mergePlan(file, out)).toEqual({ points: 27, epochs: 3 });
    const merged = readRun(out);
    expect(comparablePoints(merged.points)).toEqual(comparablePoints(single.points));
    expect(comparableHeader(merged.header)).toEqual(comparableHeader(single.header));
    expect(merged.epochs.map((e) => [e.epoch, e.logs])).toEqual(single.epochs.map((e) => [e.epoch, e.logs]));
  });

  it('mergePlan names the tasks without a part file and writes nothing', async () => {
    const file = await planned(4);
    await runPlanTask(file, 0);
    await runPlanTask(file, 2);
    const out = path.join(path.dirname(file), 'merged.ndjson');
    expect(planStatus(file)).toEqual({ tasks: 4, missing: [1, 3] });
    expect(() => mergePlan(file, out)).toThrow(/none from tasks 1, 3.*infoplane estimate --plan PLAN --task I/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('runPlanTask resumes a killed task from its journal (a torn last line ignored) and skips a task whose part exists', async () => {
    const file = await planned(2);
    const first = await runPlanTask(file, 1);
    expect(first).toMatchObject({ skipped: 0, alreadyDone: false });
    const part = partFile(file, 1);
    const lines = fs.readFileSync(part, 'utf8').trim().split('\n');
    const plan = readPlan(file);
    // a task killed after two units, in the middle of writing the third
    fs.rmSync(part);
    const journal = part.replace(/\.ndjson$/, '.journal.ndjson');
    const entries = lines.slice(1, 3).map((l, unit) => JSON.stringify({ planId: plan.planId, task: 1, unit, record: JSON.parse(l) }));
    fs.writeFileSync(journal, `${entries.join('\n')}\n{"planId": "${plan.planId}", "task": 1, "un`);
    const resumed = await runPlanTask(file, 1);
    expect(resumed).toEqual({ task: 1, file: part, computed: plan.tasks[1].units.length - 2, skipped: 2, alreadyDone: false });
    expect(fs.existsSync(journal)).toBe(false);
    expect(await runPlanTask(file, 1)).toMatchObject({ computed: 0, alreadyDone: true });
    await runPlanTask(file, 0);
    const out = path.join(path.dirname(file), 'merged.ndjson');
    mergePlan(file, out);
    expect(comparablePoints(readRun(out).points)).toEqual(comparablePoints(single.points));
  });

  it('runPlanTask refuses a task outside the plan and a part file of another plan', async () => {
    const dir = tempDir();
    const a = await planned(2, dir);
    await expect(runPlanTask(a, 2)).rejects.toThrow(/task must be .*\[0, 1\].*got 2/);
    await runPlanTask(a, 0);
    const b = path.join(dir, 'b.json');
    writePlan(await createPlan(NUMPY_SNAPSHOT, { estimators: ['binning'], tasks: 2 }), b);
    fs.mkdirSync(path.join(dir, 'b.parts'));
    fs.copyFileSync(partFile(a, 0), partFile(b, 0));
    await expect(runPlanTask(b, 0)).rejects.toThrow(/belongs to plan/);
    expect(() => writePlan(readPlan(a), a)).toThrow(/a new file \(or overwrite: true\)/);
  });
});

describe('taskFromEnvironment', () => {
  it('taskFromEnvironment reads the array index of Slurm, SGE (from 1), PBS, AWS Batch and Kubernetes', () => {
    expect(taskFromEnvironment({ SLURM_ARRAY_TASK_ID: '3' })).toEqual({ task: 3, variable: 'SLURM_ARRAY_TASK_ID' });
    expect(taskFromEnvironment({ SGE_TASK_ID: '1' })).toEqual({ task: 0, variable: 'SGE_TASK_ID' });
    expect(taskFromEnvironment({ PBS_ARRAY_INDEX: '0' })).toEqual({ task: 0, variable: 'PBS_ARRAY_INDEX' });
    expect(taskFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '5' })).toEqual({ task: 5, variable: 'AWS_BATCH_JOB_ARRAY_INDEX' });
    expect(taskFromEnvironment({ JOB_COMPLETION_INDEX: '2' })).toEqual({ task: 2, variable: 'JOB_COMPLETION_INDEX' });
    expect(taskFromEnvironment({ SGE_TASK_ID: 'undefined' })).toBeUndefined();
    expect(taskFromEnvironment({})).toBeUndefined();
    expect(() => taskFromEnvironment({ SLURM_ARRAY_TASK_ID: '1-3' })).toThrow(/SLURM_ARRAY_TASK_ID must be a non-negative integer task index; got "1-3"/);
  });
});
