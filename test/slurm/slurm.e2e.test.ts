/**
 * `infoplane plan | estimate --plan | merge` under a real Slurm scheduler: a one-node cluster on this machine.
 *
 *   npm run build && bash scripts/slurm-local.sh start && npm run test:slurm; bash scripts/slurm-local.sh stop
 *
 * Not part of `npm test` (jest.config.js ignores test/slurm/): it needs root and the daemons. .ci/run runs it.
 * The truth is the single-machine run: `infoplane estimate SNAPSHOT` without a plan. Splitting the work into Slurm
 * array tasks and merging the parts must give the same records (timings aside), whatever order the tasks ran in,
 * and whether some had to be resubmitted or were killed midway.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'main.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'snapshot-numpy');
const SBATCH_SCRIPT = join(ROOT, 'scripts', 'slurm', 'estimate-array.sbatch');
const SLURM_CONF =
  process.env.SLURM_CONF ?? join(process.env.INFOPLANE_SLURM_DIR ?? '/tmp/infoplane-slurm', 'slurm.conf');
const ENV = { ...process.env, SLURM_CONF };
// The command a job runs: this node and this build (the jobs inherit nothing from jest but the environment).
const INFOPLANE = `${process.execPath} ${BIN}`;
const ESTIMATORS = 'binning,kde';
const TASKS = 3;
const JOB_TIMEOUT_MS = 240_000;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = ENV): Result {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function describeRun(what: string, r: Result): string {
  return `${what} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** Run the built CLI on this machine; any failure throws with its output. */
function infoplane(...args: string[]): Result {
  const r = run(process.execPath, [BIN, ...args]);
  if (r.code !== 0) throw new Error(describeRun(`infoplane ${args.join(' ')}`, r));
  return r;
}

/** Every Slurm log file of the folder, for failure messages. */
function jobLogs(dir: string): string {
  const logs = readdirSync(dir).filter((f) => f.startsWith('slurm-') && f.endsWith('.out'));
  if (logs.length === 0) return `(no slurm-*.out in ${dir})`;
  return logs
    .sort()
    .map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8')}`)
    .join('\n');
}

/** Run `body`; on failure add the Slurm job logs and the scheduler's view to the error. */
async function withLogs(dir: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    const err = e as Error;
    const queue = run('squeue', ['-a', '-o', '%i %T %r %j']);
    err.message += `\n\n=== Slurm job logs in ${dir}\n${jobLogs(dir)}\n=== squeue\n${queue.stdout}${queue.stderr}`;
    throw err;
  }
}

/** Submit a job array; returns the array's job id. `extra` are sbatch options and the script or --wrap. */
function submit(dir: string, array: string, extra: string[], env: NodeJS.ProcessEnv = ENV): string {
  const r = run(
    'sbatch',
    ['--parsable', `--array=${array}`, `--chdir=${dir}`, `--output=${join(dir, 'slurm-%A_%a.out')}`, ...extra],
    env,
  );
  if (r.code !== 0) throw new Error(describeRun(`sbatch --array=${array}`, r));
  const id = r.stdout.trim().split(';')[0];
  if (!/^\d+$/.test(id)) throw new Error(`sbatch printed no job id: ${JSON.stringify(r.stdout)}`);
  return id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** State of every array task of a job, as the controller reports it (kept MinJobAge = 300 s after the end). */
function taskStates(jobId: string): Map<number, { state: string; exitCode: string }> {
  const r = run('scontrol', ['-o', 'show', 'job', jobId]);
  if (r.code !== 0) throw new Error(describeRun(`scontrol show job ${jobId}`, r));
  const states = new Map<number, { state: string; exitCode: string }>();
  for (const line of r.stdout.split('\n')) {
    const task = /\bArrayTaskId=(\d+)\b/.exec(line);
    const state = /\bJobState=(\S+)/.exec(line);
    const exit = /\bExitCode=(\S+)/.exec(line);
    if (task && state) states.set(Number(task[1]), { state: state[1], exitCode: exit ? exit[1] : '?' });
  }
  return states;
}

/** Wait until no task of the job is pending or running; returns the final states. */
async function waitForJob(jobId: string, timeoutMs = JOB_TIMEOUT_MS) {
  const start = Date.now();
  for (;;) {
    const states = taskStates(jobId);
    const active = [...states.values()].filter((s) => /PENDING|RUNNING|CONFIGURING|COMPLETING/.test(s.state));
    if (states.size > 0 && active.length === 0) return states;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`job ${jobId} not done after ${timeoutMs / 1000} s: ${JSON.stringify([...states])}`);
    }
    await sleep(500);
  }
}

/** Submit, wait, and insist every task completed with exit code 0. */
async function runArray(dir: string, array: string, extra: string[], env?: NodeJS.ProcessEnv) {
  const jobId = submit(dir, array, extra, env);
  const states = await waitForJob(jobId);
  const bad = [...states].filter(([, s]) => s.state !== 'COMPLETED' || s.exitCode !== '0:0');
  if (bad.length > 0) throw new Error(`job ${jobId} tasks did not complete: ${JSON.stringify(bad)}`);
  return { jobId, tasks: [...states.keys()].sort((a, b) => a - b) };
}

/** `--wrap` command for one plan: what a user would put in a one-line sbatch. */
function wrapEstimate(plan: string, before = ''): string[] {
  return ['--wrap', `${before}exec ${INFOPLANE} estimate --plan ${plan}`];
}

type Rec = Record<string, unknown>;

function readRecords(path: string): Rec[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Rec);
}

/**
 * Every record of a run file, in file order, with what legitimately differs between two runs of the same work
 * removed: timings (`ms`, `time`) and, in the header, the run's id and creation time. The merged run must list the
 * same points (values, parameters, warnings), epoch records and header as the single-machine run.
 */
function comparable(path: string): Rec[] {
  return readRecords(path).map(({ ms, time, ...rest }) => {
    if (rest.type !== 'header') return rest;
    const { runId, created, ...header } = rest;
    return header;
  });
}

function partFile(plan: string, task: number): string {
  return `${plan.replace(/\.json$/, '')}.parts/task-${String(task).padStart(4, '0')}.ndjson`;
}

/** A plan of TASKS tasks over the shared snapshot, in the fresh folder `dir`. */
function planIn(dir: string): { plan: string } {
  const plan = join(dir, 'plan.json');
  infoplane('plan', snapshot, '--estimators', ESTIMATORS, '--tasks', String(TASKS), '--out', plan);
  return { plan };
}

/** The merged run says what the single-machine run says: same header (but its id and time), same points. */
function expectSameRun(merged: string) {
  expect(comparable(merged)).toEqual(comparable(single));
}

/** `infoplane merge` must refuse while `task` has no part, naming it. */
function expectMergeRefuses(plan: string, out: string, task: number) {
  const r = run(process.execPath, [BIN, 'merge', plan, '--out', out]);
  expect({ code: r.code === 0 ? 0 : 'non-zero', out: existsSync(out) }).toEqual({ code: 'non-zero', out: false });
  // The task by number (task 1) or by part file (task-0001): either way the user knows what to resubmit.
  expect(r.stderr).toMatch(new RegExp(`task[ -#]?0*${task}\\b`, 'i'));
}

// One copy of the snapshot fixture, read by the single-machine run and by every plan (the header names the folder).
let snapshot = '';
let single = '';

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  if (!existsSync(FIXTURE)) throw new Error(`${FIXTURE} is missing`);
  const sinfo = run('sinfo', ['-h', '-N', '-o', '%T']);
  if (sinfo.code !== 0 || !/^(idle|mixed|allocated|completing)/m.test(sinfo.stdout)) {
    throw new Error(
      `no usable Slurm node (SLURM_CONF=${SLURM_CONF}): start one with \`bash scripts/slurm-local.sh start\`\n` +
        describeRun('sinfo -h -N -o %T', sinfo),
    );
  }
  // The truth: the whole snapshot on this machine, no plan, no scheduler.
  const dir = tempDir('infoplane-slurm-single-');
  snapshot = join(dir, 'snapshot');
  cpSync(FIXTURE, snapshot, { recursive: true });
  single = join(dir, 'single.ndjson');
  infoplane('estimate', snapshot, '--estimators', ESTIMATORS, '--out', single);
  const kinds = comparable(single).map((r) => r.type);
  if (kinds[0] !== 'header' || !kinds.includes('point')) throw new Error(`${single}: no header or no points`);
});

describe('infoplane estimate --plan as Slurm array tasks', () => {
  it('sbatch --array=0-2 scripts/slurm/estimate-array.sbatch, then infoplane merge, equals the single-machine run', async () => {
    const dir = tempDir('infoplane-slurm-array-');
    await withLogs(dir, async () => {
      const { plan } = planIn(dir);
      // The documented script as a user submits it; INFOPLANE points it at this build instead of npx.
      const { jobId, tasks } = await runArray(dir, `0-${TASKS - 1}`, [SBATCH_SCRIPT], {
        ...ENV,
        PLAN: plan,
        INFOPLANE,
      });
      expect(tasks).toEqual([0, 1, 2]);
      for (let t = 0; t < TASKS; t++) {
        expect(existsSync(partFile(plan, t))).toBe(true);
        // Each part was written by its own array task: the script logs the task it was given.
        expect(readFileSync(join(dir, `slurm-${jobId}_${t}.out`), 'utf8')).toContain(`task ${t} of job ${jobId}`);
      }
      const merged = join(dir, 'merged.ndjson');
      infoplane('merge', plan, '--out', merged);
      expectSameRun(merged);
    });
  });

  it('a task never run: infoplane merge fails naming task 1; sbatch --array=1 completes the run', async () => {
    const dir = tempDir('infoplane-slurm-missing-');
    await withLogs(dir, async () => {
      const { plan } = planIn(dir);
      await runArray(dir, '0,2', wrapEstimate(plan));
      expect([0, 1, 2].map((t) => existsSync(partFile(plan, t)))).toEqual([true, false, true]);
      const merged = join(dir, 'merged.ndjson');
      expectMergeRefuses(plan, merged, 1);

      await runArray(dir, '1', wrapEstimate(plan));
      infoplane('merge', plan, '--out', merged);
      expectSameRun(merged);
    });
  });

  it('scancel of task 1 midway through its units: merge fails naming it; the resubmitted task resumes from its journal', async () => {
    const dir = tempDir('infoplane-slurm-scancel-');
    await withLogs(dir, async () => {
      const { plan } = planIn(dir);
      const units = (JSON.parse(readFileSync(plan, 'utf8')) as { tasks: { units: unknown[] }[] }).tasks[1].units.length;
      if (units < 2) throw new Error(`task 1 has ${units} unit(s): the test needs at least 2 to stop it midway`);
      // Task 1 alone is slowed down (1 s after each fsync, i.e. after each unit it journals) so that it is certainly
      // cancelled between its first and its last unit; the values it computes are untouched.
      const slow = join(dir, 'slow-task-1.js');
      writeFileSync(
        slow,
        `if (process.env.SLURM_ARRAY_TASK_ID === '1') {
  const fs = require('fs');
  const fsync = fs.fsyncSync;
  fs.fsyncSync = (fd) => { fsync(fd); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000); };
}
`,
      );
      const jobId = submit(dir, `0-${TASKS - 1}`, wrapEstimate(plan), { ...ENV, NODE_OPTIONS: `--require ${slow}` });
      const journal = partFile(plan, 1).replace(/\.ndjson$/, '.journal.ndjson');
      const start = Date.now();
      while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('\n'))) {
        if (Date.now() - start > JOB_TIMEOUT_MS) throw new Error(`task ${jobId}_1 never journaled a unit`);
        await sleep(100);
      }
      const cancel = run('scancel', [`${jobId}_1`]);
      if (cancel.code !== 0) throw new Error(describeRun(`scancel ${jobId}_1`, cancel));
      const states = await waitForJob(jobId);
      expect([0, 1, 2].map((t) => states.get(t)?.state)).toEqual(['COMPLETED', 'CANCELLED', 'COMPLETED']);
      // Killed midway: some units journaled, no part file.
      const journaled = readFileSync(journal, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
      expect(journaled).toBeGreaterThanOrEqual(1);
      expect(journaled).toBeLessThan(units);
      expect(existsSync(partFile(plan, 1))).toBe(false);
      const merged = join(dir, 'merged.ndjson');
      expectMergeRefuses(plan, merged, 1);

      const again = await runArray(dir, '1', wrapEstimate(plan));
      const log = readFileSync(join(dir, `slurm-${again.jobId}_1.out`), 'utf8');
      // The finished units were not computed again (the stale lock of the killed process may be reported too).
      expect(log).toMatch(new RegExp(`${units - journaled} units computed, ${journaled} resumed from the journal`));
      expect(existsSync(journal)).toBe(false);
      infoplane('merge', plan, '--out', merged);
      expectSameRun(merged);
    });
  });
});
