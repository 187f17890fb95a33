/**
 * Sharded estimation of an activation snapshot on any array scheduler (Slurm, SGE, PBS, AWS Batch, Kubernetes
 * indexed jobs, Snakemake): `createPlan` splits the work units (one estimator on one layer at one epoch) into
 * tasks balanced by predicted cost; `runPlanTask` runs one task and writes its part file; `mergePlan` checks
 * that every task finished and writes the run file. The records are the ones `estimateSnapshot` writes on one
 * machine, whatever the number of tasks and the order they run in.
 *
 * Crash safety: a task appends each finished unit to a journal (`task-0003.journal.ndjson`, fsynced), so a
 * rerun after a crash or a preemption skips what is done; when all its units are done it writes its part file to
 * a temporary name and renames it (`task-0003.ndjson`), then removes the journal. A task whose part exists is
 * skipped whole. One process at a time runs a task (the journal's lock, `run/runLock.ts`).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { describeValue, fail } from '../core/errors';
import { writing } from '../core/fsErrors';
import { Units } from '../core/units';
import { checkNumber } from '../core/validate';
import { readFileBytes } from '../io/fileErrors';
import { RunFileWriter } from '../run/runFile';
import { lockRunFile } from '../run/runLock';
import { RunHeader, RunPointRecord, RunRecord } from '../run/types';
import { EstimatorConfig, EstimatorInput, RECORDER_DEFAULTS } from './recorder';
import { needsRunningMax, runningMaxima, snapshotEpochRecord, snapshotRecorder, SnapshotSettings, snapshotUnits, SnapshotUnit, unitCost } from './estimateSnapshot';
import { readSnapshot, readSnapshotLayer, Snapshot } from './snapshot';

export const PLAN_FORMAT = 'infoplane-plan';
export const PLAN_VERSION = 1;
const PART_FORMAT = 'infoplane-part';

/** A unit of a plan, with its predicted cost in seconds. */
export interface PlanUnit extends SnapshotUnit {
  /** Predicted seconds, from the estimator family's cost model (a generic n^2 d model when it declares none). */
  cost: number;
}

/** One task of a plan: the units it runs, in run-file order. */
export interface PlanTask {
  task: number;
  /** Predicted seconds of its units. */
  cost: number;
  units: PlanUnit[];
}

/** A plan file: everything a task or the merge needs, so neither rereads the snapshot's layout. */
export interface Plan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  /** Hash of the plan's content: part files name it, so parts of another plan are never merged. */
  planId: string;
  created: string;
  /** The snapshot folder, absolute. */
  snapshot: string;
  settings: SnapshotSettings;
  /** The run header the merge writes (made by the same recorder `estimateSnapshot` uses). */
  header: RunHeader;
  /** Epochs in order, with their logs and, for max-scaled binning, the running maximum. */
  epochs: { epoch: number; logs: Record<string, number>; runningMax?: number }[];
  tasks: PlanTask[];
}

export interface CreatePlanOptions {
  /** Estimators, as the recorder takes them. Defaults to the recorder's (binning, adaptive-binning). */
  estimators?: readonly EstimatorInput[];
  /** Units of the run. Defaults to 'bits'. */
  units?: Units;
  /** Classes a continuous target is cut into when the snapshot has no labels. Defaults to 10. */
  targetClasses?: number;
  /** Write each point's per-class terms (the recorder's `perClass`). Defaults to false. */
  perClass?: boolean;
  /** Number of tasks, 1 to 100000 (at most the number of units; extra tasks would have nothing to do). Required. */
  tasks: number;
}

/**
 * Split the snapshot in `folder` into `tasks` tasks of about equal predicted cost: each unit, costliest first,
 * goes to the task with the least predicted cost so far (longest processing time first, within 4/3 of the best
 * split), ties to the lowest task number. Deterministic: the same snapshot and options give the same plan.
 *
 * Cost: reads the snapshot's .npy headers; with max-scaled binning, every layer file once.
 */
export async function createPlan(folder: string, options: CreatePlanOptions): Promise<Plan> {
  const fn = 'createPlan';
  const s = readSnapshot(folder, { fn, param: 'folder' });
  const settings: SnapshotSettings = {
    estimators: (options.estimators ?? RECORDER_DEFAULTS.estimators).map(normalizeEstimator),
    units: options.units ?? RECORDER_DEFAULTS.units,
  };
  if (options.targetClasses !== undefined) settings.targetClasses = options.targetClasses;
  if (options.perClass) settings.perClass = true;
  const recorder = snapshotRecorder(s, settings);
  const header = await recorder.begin();
  const labels = recorder.estimatorLabels;
  const configs = new Map<string, EstimatorConfig>(settings.estimators.map((e) => [(e as EstimatorConfig).label ?? (e as EstimatorConfig).name, e as EstimatorConfig] as [string, EstimatorConfig]));
  recorder.close();
  const all: PlanUnit[] = snapshotUnits(s, labels).map((u) => ({ ...u, cost: unitCost(u, configs.get(u.estimator) as EstimatorConfig, s.inputDim) }));
  checkNumber(fn, 'tasks', options.tasks, { integer: true, min: 1, max: Math.min(100000, all.length) });
  const maxima = needsRunningMax(settings.estimators) ? runningMaxima(s) : undefined;

  const order = all.map((_, i) => i).sort((a, b) => all[b].cost - all[a].cost || a - b);
  const load = new Float64Array(options.tasks);
  const assigned: number[][] = Array.from({ length: options.tasks }, () => []);
  for (const i of order) {
    let best = 0;
    for (let k = 1; k < load.length; k++) if (load[k] < load[best]) best = k;
    load[best] += all[i].cost;
    assigned[best].push(i);
  }
  const tasks: PlanTask[] = assigned.map((idx, task) => {
    idx.sort((a, b) => a - b);
    return { task, cost: round(load[task]), units: idx.map((i) => ({ ...all[i], cost: round(all[i].cost) })) };
  });
  const epochs = s.epochs.map((e) => {
    const entry: Plan['epochs'][number] = { epoch: e.epoch, logs: snapshotEpochRecord(s, e).logs };
    if (maxima) entry.runningMax = maxima.get(e.epoch) as number;
    return entry;
  });
  const body = { format: PLAN_FORMAT, version: PLAN_VERSION, created: header.created, snapshot: s.folder, settings, header, epochs, tasks } as const;
  const planId = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { format: PLAN_FORMAT, version: PLAN_VERSION, planId, created: body.created, snapshot: s.folder, settings, header, epochs, tasks };
}

function round(seconds: number): number {
  return Number(seconds.toPrecision(4));
}

/** An estimator input as a plain `{name, label?, options?, target?}` object, JSON-safe. */
function normalizeEstimator(e: EstimatorInput): EstimatorConfig {
  return typeof e === 'string' ? { name: e } : { ...e };
}

/** Write a plan file (atomically: temporary name, then rename; its folder made when missing). An existing file is an error unless `overwrite`. */
export function writePlan(plan: Plan, file: string, options: { overwrite?: boolean } = {}): void {
  const fn = 'writePlan';
  if (!options.overwrite && fs.existsSync(file)) {
    fail('invalid_option', { fn, param: 'file', expected: 'a new file (or overwrite: true)', received: JSON.stringify(file), detail: 'a plan is never replaced silently: its part files belong to it' });
  }
  // like a run file's, the plan's folder is made when missing (work/plan.json on a fresh checkout)
  writing(fn, 'file', file, () => fs.mkdirSync(path.dirname(file), { recursive: true }), 'creating its folder');
  writeAtomically(fn, 'file', file, `${JSON.stringify(plan, null, 1)}\n`);
}

/** Read and check a plan file. */
export function readPlan(file: string, fn = 'readPlan', param = 'plan'): Plan {
  const text = readFileBytes(file, fn, param).toString('utf8');
  let plan: Plan;
  try {
    plan = JSON.parse(text) as Plan;
  } catch (e) {
    return fail('file_malformed', { fn, param, expected: 'a plan file written by infoplane plan (JSON)', received: JSON.stringify(file), detail: (e as Error).message });
  }
  if (typeof plan !== 'object' || plan === null || plan.format !== PLAN_FORMAT || !Array.isArray(plan.tasks) || typeof plan.planId !== 'string') {
    fail('file_malformed', { fn, param, expected: 'a plan file written by infoplane plan', received: JSON.stringify(file), detail: `format ${describeValue((plan as Partial<Plan> | null)?.format)}` });
  }
  if (plan.version !== PLAN_VERSION) fail('unsupported_format', { fn, param, expected: `plan version ${PLAN_VERSION}`, received: `version ${describeValue(plan.version)}`, detail: file });
  return plan;
}

/** The folder of a plan's part files: the plan's path without `.json`, plus `.parts`. */
export function partsFolder(planFile: string): string {
  return `${planFile.replace(/\.json$/i, '')}.parts`;
}

/** The part file of task `task`: `PLAN.parts/task-0003.ndjson`. */
export function partFile(planFile: string, task: number): string {
  return path.join(partsFolder(planFile), `task-${String(task).padStart(4, '0')}.ndjson`);
}

/** Environment variables array schedulers set to the task index, with the first index each counts from. */
export const TASK_INDEX_VARIABLES: readonly { name: string; first: number }[] = [
  { name: 'SLURM_ARRAY_TASK_ID', first: 0 },
  // SGE numbers array tasks from 1 (qsub -t 1-N)
  { name: 'SGE_TASK_ID', first: 1 },
  { name: 'PBS_ARRAY_INDEX', first: 0 },
  { name: 'AWS_BATCH_JOB_ARRAY_INDEX', first: 0 },
  { name: 'JOB_COMPLETION_INDEX', first: 0 },
];

/**
 * The task index from the scheduler's environment, 0-based (SGE's 1-based SGE_TASK_ID minus 1), or undefined
 * when none of `TASK_INDEX_VARIABLES` is set. A set variable that is not an integer is an error naming it.
 */
export function taskFromEnvironment(env: Record<string, string | undefined> = process.env): { task: number; variable: string } | undefined {
  for (const { name, first } of TASK_INDEX_VARIABLES) {
    const raw = env[name];
    if (raw === undefined || raw === '' || (name === 'SGE_TASK_ID' && raw === 'undefined')) continue;
    if (!/^\d+$/.test(raw.trim())) fail('invalid_option', { fn: 'taskFromEnvironment', param: name, expected: 'a non-negative integer task index', received: JSON.stringify(raw) });
    return { task: Number(raw.trim()) - first, variable: name };
  }
  return undefined;
}

export interface RunPlanTaskResult {
  task: number;
  /** The part file. */
  file: string;
  /** Units computed now. */
  computed: number;
  /** Units found done in the journal (a resumed task), or every unit when the part already existed. */
  skipped: number;
  /** True when the part file existed and nothing was run. */
  alreadyDone: boolean;
}

/**
 * Run task `task` of the plan in `planFile` and write its part file, resuming from its journal after a crash.
 *
 * @throws InfoplaneError for a task index outside 0..tasks-1 (naming the range), a part or journal of another
 *   plan, a task already running in another process (`file_busy`), an unreadable snapshot file.
 */
export async function runPlanTask(planFile: string, task: number, options: { onProgress?: (done: number, total: number, unit: PlanUnit) => void } = {}): Promise<RunPlanTaskResult> {
  const fn = 'runPlanTask';
  const plan = readPlan(planFile, fn, 'plan');
  checkNumber(fn, 'task', task, { integer: true, min: 0, max: plan.tasks.length - 1 });
  const spec = plan.tasks[task];
  const file = partFile(planFile, task);
  if (fs.existsSync(file)) {
    readPart(plan, file, task, fn);
    return { task, file, computed: 0, skipped: spec.units.length, alreadyDone: true };
  }
  writing(fn, 'plan', partsFolder(planFile), () => fs.mkdirSync(partsFolder(planFile), { recursive: true }), 'creating the parts folder');
  const journal = file.replace(/\.ndjson$/, '.journal.ndjson');
  const lock = lockRunFile(journal, fn, 'task');
  try {
    const done = readJournal(plan, journal, task, fn);
    const s = readSnapshot(plan.snapshot, { fn, param: 'plan.snapshot' });
    checkSameSnapshot(plan, s, fn);
    const recorder = snapshotRecorder(s, plan.settings);
    try {
      await recorder.begin();
      const runningMax = new Map(plan.epochs.map((e) => [e.epoch, e.runningMax]));
      const skipped = done.size;
      let computed = 0;
      let loaded: { file: string; t: ReturnType<typeof readSnapshotLayer> } | undefined;
      const fd = writing(fn, 'task', journal, () => fs.openSync(journal, 'a'));
      try {
        for (let i = 0; i < spec.units.length; i++) {
          if (done.has(i)) continue;
          const u = spec.units[i];
          if (loaded?.file !== u.file) {
            const layer = s.epochs.find((e) => e.epoch === u.epoch)?.layers.find((l) => l.file === u.file);
            if (!layer) fail('file_unreadable', { fn, param: 'plan', expected: `the snapshot's file ${u.file}`, received: 'no such layer file', detail: `in ${s.folder}; was the snapshot changed after planning?` });
            loaded = { file: u.file, t: readSnapshotLayer(s, layer, fn) };
          }
          const record = await recorder.estimatePoint(u.epoch, u.layer, loaded.t, u.estimator, runningMax.get(u.epoch));
          done.set(i, record);
          writing(fn, 'task', journal, () => {
            fs.writeSync(fd, `${JSON.stringify({ planId: plan.planId, task, unit: i, record })}\n`);
            fs.fsyncSync(fd);
          });
          computed++;
          options.onProgress?.(done.size, spec.units.length, u);
        }
      } finally {
        fs.closeSync(fd);
      }
      const lines = [{ type: 'part', format: PART_FORMAT, planId: plan.planId, task, units: spec.units.length }, ...spec.units.map((_, i) => done.get(i))];
      writeAtomically(fn, 'task', file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      writing(fn, 'task', journal, () => fs.rmSync(journal, { force: true }));
      return { task, file, computed, skipped, alreadyDone: false };
    } finally {
      recorder.close();
    }
  } finally {
    lock.release();
  }
}

/** The plan's snapshot must still have the layer files it planned, with the same shapes. */
function checkSameSnapshot(plan: Plan, s: Snapshot, fn: string): void {
  const files = new Map<string, { n: number; d: number }>();
  for (const e of s.epochs) for (const l of e.layers) files.set(l.file, l);
  for (const t of plan.tasks) {
    for (const u of t.units) {
      const f = files.get(u.file);
      if (!f || f.n !== u.n || f.d !== u.d) {
        fail('invalid_option', { fn, param: 'plan', expected: `the snapshot as planned (${u.file}: ${u.n} x ${u.d})`, received: f ? `${f.n} x ${f.d}` : 'no such file', detail: `in ${s.folder}; plan again after changing a snapshot` });
      }
    }
  }
}

/** The finished units of a task's journal (a partial last line, from a crash mid-write, is ignored). */
function readJournal(plan: Plan, journal: string, task: number, fn: string): Map<number, RunPointRecord> {
  const done = new Map<number, RunPointRecord>();
  if (!fs.existsSync(journal)) return done;
  const lines = readFileBytes(journal, fn, 'task').toString('utf8').split('\n');
  lines.forEach((line, k) => {
    if (line.trim() === '') return;
    let entry: { planId?: string; task?: number; unit?: number; record?: RunPointRecord };
    try {
      entry = JSON.parse(line);
    } catch {
      if (k === lines.length - 1 || lines.slice(k + 1).every((l) => l.trim() === '')) return; // torn last line
      return fail('file_malformed', { fn, param: 'task', expected: 'a journal of JSON lines', received: `line ${k + 1} that is not JSON`, detail: journal });
    }
    if (entry.planId !== plan.planId || entry.task !== task) {
      fail('invalid_option', { fn, param: 'task', expected: `a journal of plan ${plan.planId} task ${task}`, received: `plan ${describeValue(entry.planId)} task ${describeValue(entry.task)}`, detail: `${journal}: remove it, or plan into a new file` });
    }
    if (typeof entry.unit === 'number' && entry.record) done.set(entry.unit, entry.record);
  });
  return done;
}

/** The point records of a task's part file, checked against the plan. */
function readPart(plan: Plan, file: string, task: number, fn: string): RunPointRecord[] {
  const lines = readFileBytes(file, fn, 'plan').toString('utf8').split('\n').filter((l) => l.trim() !== '');
  const bad = (detail: string): never => fail('file_malformed', { fn, param: 'plan', expected: `the part file of plan ${plan.planId} task ${task}`, received: JSON.stringify(file), detail });
  let head: { format?: string; planId?: string; task?: number; units?: number };
  let records: RunPointRecord[];
  try {
    head = JSON.parse(lines[0] ?? 'null') ?? {};
    records = lines.slice(1).map((l) => JSON.parse(l) as RunPointRecord);
  } catch (e) {
    return bad(`not JSON lines: ${(e as Error).message}`);
  }
  if (head.format !== PART_FORMAT) bad('no part header');
  if (head.planId !== plan.planId) bad(`it belongs to plan ${describeValue(head.planId)}: remove it, or merge the plan it belongs to`);
  if (head.task !== task) bad(`it is task ${describeValue(head.task)}'s part`);
  const units = plan.tasks[task].units;
  if (records.length !== units.length) bad(`${records.length} records for ${units.length} units`);
  records.forEach((r, i) => {
    const u = units[i];
    if (r.epoch !== u.epoch || r.layer !== u.layer || r.estimator !== u.estimator) bad(`record ${i + 1} is not unit ${i + 1} (${u.estimator} on ${u.layer} at epoch ${u.epoch})`);
  });
  return records;
}

/** What `mergePlan` found. */
export interface MergeStatus {
  tasks: number;
  /** Tasks without a part file, ascending. */
  missing: number[];
}

/** Which tasks of a plan have no part file yet. */
export function planStatus(planFile: string): MergeStatus {
  const plan = readPlan(planFile, 'planStatus', 'plan');
  return { tasks: plan.tasks.length, missing: missingTasks(plan, planFile) };
}

function missingTasks(plan: Plan, planFile: string): number[] {
  return plan.tasks.filter((t) => !fs.existsSync(partFile(planFile, t.task))).map((t) => t.task);
}

/**
 * Merge the part files of every task of the plan into a run file: the plan's header, then, epoch by epoch, the
 * point records in run-file order and the epoch record. Fails, writing nothing, when a task has no part file,
 * naming the missing tasks.
 */
export function mergePlan(planFile: string, out: string, options: { overwrite?: boolean } = {}): { points: number; epochs: number } {
  const fn = 'mergePlan';
  const plan = readPlan(planFile, fn, 'plan');
  const missing = missingTasks(plan, planFile);
  if (missing.length > 0) {
    const list = missing.length > 20 ? `${missing.slice(0, 20).join(', ')} and ${missing.length - 20} more` : missing.join(', ');
    fail('file_unreadable', {
      fn,
      param: planFile,
      expected: `complete: a part file from each of its ${plan.tasks.length} tasks (in ${partsFolder(planFile)})`,
      received: `none from task${missing.length === 1 ? '' : 's'} ${list}`,
      detail: 'run each missing task again: infoplane estimate --plan PLAN --task I',
    });
  }
  const records = new Map<string, RunPointRecord>();
  const key = (epoch: number, layer: string, estimator: string) => JSON.stringify([epoch, layer, estimator]);
  for (const t of plan.tasks) for (const r of readPart(plan, partFile(planFile, t.task), t.task, fn)) records.set(key(r.epoch, r.layer, r.estimator), r);
  const units = plan.tasks.flatMap((t) => t.units);
  const labels = plan.header.estimators.map((e) => e.label ?? e.name);
  const layerRank = new Map(plan.header.model.layers.map((l, i) => [l.name, i]));
  const out_: RunRecord[] = [];
  let points = 0;
  for (const e of plan.epochs) {
    const here = units.filter((u) => u.epoch === e.epoch).sort((a, b) => (layerRank.get(a.layer) as number) - (layerRank.get(b.layer) as number) || labels.indexOf(a.estimator) - labels.indexOf(b.estimator));
    for (const u of here) {
      out_.push(records.get(key(u.epoch, u.layer, u.estimator)) as RunPointRecord);
      points++;
    }
    out_.push({ type: 'epoch', epoch: e.epoch, logs: e.logs, time: new Date().toISOString() });
  }
  const writer = new RunFileWriter(out, { overwrite: options.overwrite ?? false });
  try {
    writer.writeHeader(plan.header);
    writer.append(out_);
  } finally {
    writer.close();
  }
  return { points, epochs: plan.epochs.length };
}

function writeAtomically(fn: string, param: string, file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writing(fn, param, file, () => {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  });
}
