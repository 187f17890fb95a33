/**
 * Independent diffusion spectral entropy evaluations (the per-class and per-repetition DSEs of DSMI) on a small
 * persistent pool of worker threads, keeping a synchronous API: the calling thread posts the batch, takes tasks
 * itself from a shared counter (`Atomics.add`), then blocks (`Atomics.wait`) until the workers' tasks are done.
 *
 * Each task is computed whole by one thread with the same code (`dseWorker.ts` runs the estimator's kernel), so
 * the results are bit-for-bit those of the sequential path, whichever thread computed them. Tasks are taken
 * largest first (cost ~ n^3), which balances a handful of unequal tasks well.
 * The pool is created on first use with `threads - 1` workers, unref'd (it never keeps the process alive), and
 * reused; `terminateDseThreads()` stops it. Workers run the compiled `dseWorker.js`: when that file is missing
 * (running from the TypeScript sources, e.g. under ts-jest), when workers cannot start, or when a worker fails
 * or stalls, the work falls back to the calling thread, with the same results.
 */
import { join } from 'node:path';
import { WorkerPool } from './workerPool';
import { Samples } from './samples';
import { warn } from './warn';

const WORKER_FILE = join(__dirname, 'dseWorker.js');

/** Values each task returns: bits, eigenvaluesUsed, standardError (NaN when none). */
export const DSE_RESULT_FIELDS = 3;

/** Task states in the shared status array. */
export const TASK_PENDING = 0;
export const TASK_RUNNING = 1;
export const TASK_DONE = 2;
export const TASK_FAILED = 3;

/** The batch message posted to every worker; every buffer is a SharedArrayBuffer. */
export interface DseBatch {
  /** Float64 data of every task, concatenated in task order. */
  data: SharedArrayBuffer;
  /** Int32 per task: rows, columns, offset into data (in doubles). */
  shapes: SharedArrayBuffer;
  /** Int32 task order (indices into the tasks, largest first). */
  order: SharedArrayBuffer;
  /** Int32 [0]: next position in `order` to take. */
  next: SharedArrayBuffer;
  /** Int32 per task: a `TaskState`. */
  status: SharedArrayBuffer;
  /** Float64, `DSE_RESULT_FIELDS` per task. */
  results: SharedArrayBuffer;
  /** The estimator's validated settings (structured-cloned). */
  settings: unknown;
  /** Function name for messages. */
  fn: string;
}

/** What one DSE task gives back. */
export interface DseTaskResult {
  bits: number;
  eigenvaluesUsed: number;
  standardError?: number;
}

const workerPool = new WorkerPool(WORKER_FILE);

/** True when DSE tasks can run on worker threads here (the compiled worker file exists, workers have not failed). */
export function dseThreadsAvailable(): boolean {
  return workerPool.available();
}

/** Stop the pool's worker threads (a later threaded call starts new ones). */
export async function terminateDseThreads(): Promise<void> {
  await workerPool.terminate();
}

/** Take and run tasks from the shared counter until none is left (used by the calling thread and the workers). */
export function drainBatch(batch: DseBatch, run: (s: Samples, task: number) => DseTaskResult): void {
  const data = new Float64Array(batch.data);
  const shapes = new Int32Array(batch.shapes);
  const order = new Int32Array(batch.order);
  const next = new Int32Array(batch.next);
  const status = new Int32Array(batch.status);
  const results = new Float64Array(batch.results);
  for (;;) {
    const position = Atomics.add(next, 0, 1);
    if (position >= order.length) return;
    const task = order[position];
    Atomics.store(status, task, TASK_RUNNING);
    const [n, d, offset] = [shapes[3 * task], shapes[3 * task + 1], shapes[3 * task + 2]];
    try {
      const r = run({ data: data.subarray(offset, offset + n * d), n, d }, task);
      const o = DSE_RESULT_FIELDS * task;
      results[o] = r.bits;
      results[o + 1] = r.eigenvaluesUsed;
      results[o + 2] = r.standardError ?? NaN;
      Atomics.store(status, task, TASK_DONE);
    } catch (e) {
      Atomics.store(status, task, TASK_FAILED);
      Atomics.notify(status, task);
      throw e;
    }
    Atomics.notify(status, task);
  }
}

/**
 * Run the DSE kernel on every task, on `threads` threads (the calling one included), and return the results in
 * task order. Workers compute `dseTask(fn, s, settings)` (from `estimators/dse`); `run` is the same computation
 * on the calling thread (it must give the same results). With threads = 1 or no workers available this is a
 * plain loop on the calling thread. An error thrown by a task on the calling thread propagates (and the workers
 * take no further task); a task that failed or stalled on a worker is recomputed here.
 * @example
 * runDseTasks(fn, subsets, settings, 2, (s) => dseTask(fn, s, settings)).map((r) => r.bits);
 */
export function runDseTasks(
  fn: string,
  tasks: readonly Samples[],
  settings: unknown,
  threads: number,
  run: (s: Samples) => DseTaskResult,
): DseTaskResult[] {
  const count = tasks.length;
  const pool = threads > 1 && count > 1 ? workerPool.workers(Math.min(threads, count) - 1) : null;
  if (!pool) return tasks.map((s) => run(s));
  let total = 0;
  for (const s of tasks) total += s.n * s.d;
  const data = new Float64Array(new SharedArrayBuffer(Math.max(8, 8 * total)));
  const shapes = new Int32Array(new SharedArrayBuffer(12 * count));
  let offset = 0;
  tasks.forEach((s, k) => {
    data.set(s.data.subarray(0, s.n * s.d), offset);
    shapes[3 * k] = s.n;
    shapes[3 * k + 1] = s.d;
    shapes[3 * k + 2] = offset;
    offset += s.n * s.d;
  });
  const order = new Int32Array(new SharedArrayBuffer(4 * count));
  Array.from({ length: count }, (_, k) => k)
    .sort((a, b) => tasks[b].n - tasks[a].n || a - b)
    .forEach((task, position) => (order[position] = task));
  const batch: DseBatch = {
    data: data.buffer as SharedArrayBuffer,
    shapes: shapes.buffer as SharedArrayBuffer,
    order: order.buffer as SharedArrayBuffer,
    next: new SharedArrayBuffer(4),
    status: new SharedArrayBuffer(4 * count),
    results: new SharedArrayBuffer(8 * DSE_RESULT_FIELDS * count),
    settings,
    fn,
  };
  for (const w of pool) w.postMessage(batch);
  const status = new Int32Array(batch.status);
  const results = new Float64Array(batch.results);
  const local = new Map<number, DseTaskResult>();
  let longest = 0;
  // The calling thread takes tasks too; its own results are kept as returned.
  try {
    drainBatch(batch, (_, task) => {
      const start = Date.now();
      const r = run(tasks[task]);
      longest = Math.max(longest, Date.now() - start);
      local.set(task, r);
      return r;
    });
  } catch (e) {
    Atomics.store(new Int32Array(batch.next), 0, count); // the workers take no further task
    throw e;
  }
  // A worker that has not finished a task after this long (no progress can be observed inside one task) is
  // presumed dead: the task is recomputed here.
  const stallMs = Math.max(60000, 20 * longest);
  const out: DseTaskResult[] = [];
  let failures = 0;
  for (let k = 0; k < count; k++) {
    const mine = local.get(k);
    if (mine) {
      out.push(mine);
      continue;
    }
    const start = Date.now();
    let state = Atomics.load(status, k);
    while (state === TASK_PENDING || state === TASK_RUNNING) {
      if (Date.now() - start > stallMs) break;
      Atomics.wait(status, k, state, 1000);
      state = Atomics.load(status, k);
    }
    if (state === TASK_DONE) {
      const o = DSE_RESULT_FIELDS * k;
      const se = results[o + 2];
      out.push(Number.isNaN(se) ? { bits: results[o], eigenvaluesUsed: results[o + 1] } : { bits: results[o], eigenvaluesUsed: results[o + 1], standardError: se });
    } else {
      failures++;
      out.push(run(tasks[k]));
    }
  }
  if (failures > 0) {
    workerPool.disable();
    warn(`${fn}: a DSE worker thread failed or stalled; its tasks were computed on the calling thread and threads are now off.`);
  }
  return out;
}
