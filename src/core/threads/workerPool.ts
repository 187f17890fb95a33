/**
 * The one pool of worker threads, shared by every threaded computation (KDE/CS row sums, DSMI's DSE tasks), and
 * the calling-thread side of the batch protocol (`protocol.ts`): `runBatch` posts a batch, takes tasks itself,
 * then blocks (`Atomics.wait`) until the workers' tasks are done, so that estimators keep a synchronous API.
 *
 * The pool is created on first use, grown lazily to the largest number of workers asked for, and reused; its
 * workers are unref'd (they never keep the process alive) and run the compiled `worker.js` beside this file.
 * The pool turns itself off when that file is missing (running from the TypeScript sources, e.g. under
 * ts-jest), when a worker cannot start, or when one fails or stalls; callers then do the work on the calling
 * thread, with the same results. `terminateThreads()` stops the workers (a later call starts new ones).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';
import { warn } from '../warn';
import { Batch, closeBatch, drainBatch, TASK_DONE, TASK_PENDING, TASK_RUNNING } from './protocol';

export class WorkerPool {
  private pool: Worker[] = [];
  private disabled = false;

  constructor(private readonly file: string) {}

  /** `count` workers (started on first use and reused), or null when workers cannot run here. */
  workers(count: number): Worker[] | null {
    if (!this.available()) return null;
    try {
      while (this.pool.length < count) {
        const w = new Worker(this.file);
        w.unref();
        w.on('error', () => {
          this.disabled = true;
        });
        this.pool.push(w);
      }
    } catch {
      this.disabled = true;
      return null;
    }
    return this.pool.slice(0, count);
  }

  /** True when the compiled worker file exists and workers have not failed. */
  available(): boolean {
    return !this.disabled && existsSync(this.file);
  }

  /** Stop using workers (after one failed or stalled). */
  disable(): void {
    this.disabled = true;
  }

  /** Stop the pool's workers; a later call to `workers` starts new ones. */
  async terminate(): Promise<void> {
    const old = this.pool;
    this.pool = [];
    await Promise.all(old.map((w) => w.terminate()));
  }
}

const pool = new WorkerPool(join(__dirname, 'worker.js'));

/** `count` workers of the shared pool, or null when workers cannot run here (see the module comment). */
export function poolWorkers(count: number): Worker[] | null {
  return count > 0 ? pool.workers(count) : null;
}

/** True when worker threads can run here (the compiled worker file exists and no worker has failed). */
export function threadsAvailable(): boolean {
  return pool.available();
}

/**
 * The threads `threads: 'auto'` may use: every one this machine can run at once (`os.availableParallelism()`)
 * on the main thread; 1 inside a worker thread (a computation already off the main thread starts no pool).
 */
export function hardwareThreads(): number {
  return isMainThread ? availableParallelism() : 1;
}

/** Stop the pool's worker threads (a later threaded call starts new ones). */
export async function terminateThreads(): Promise<void> {
  await pool.terminate();
}

/**
 * Run every task of `batch` on `workers` and on the calling thread: post the batch to each worker, take tasks
 * here (`runHere(task)`) until none is left, then wait for the tasks the workers took. A task whose state and
 * progress have not changed for `stallMs()` milliseconds is presumed lost. Returns the tasks that failed or
 * stalled on a worker, for the caller to recompute here; after one, `label` warns and the pool is turned off.
 * An error thrown by `runHere` propagates (the workers take no further task).
 * @example
 * const lost = runBatch('kde', batch, poolWorkers(threads - 1)!, (task) => runTask(batch, task), () => 10000);
 */
export function runBatch(label: string, batch: Batch, workers: readonly Worker[], runHere: (task: number) => void, stallMs: () => number): number[] {
  for (const w of workers) w.postMessage(batch);
  try {
    drainBatch(batch, runHere);
  } catch (e) {
    closeBatch(batch);
    throw e;
  }
  const status = new Int32Array(batch.status);
  const progress = new Int32Array(batch.progress);
  const limit = stallMs();
  const lost: number[] = [];
  for (let task = 0; task < batch.count; task++) {
    let state = Atomics.load(status, task);
    let done = Atomics.load(progress, task);
    let since = Date.now();
    while (state === TASK_PENDING || state === TASK_RUNNING) {
      Atomics.wait(status, task, state, 1000);
      const nextState = Atomics.load(status, task);
      const nextDone = Atomics.load(progress, task);
      if (nextState !== state || nextDone !== done) {
        state = nextState;
        done = nextDone;
        since = Date.now();
      } else if (Date.now() - since >= limit) {
        break;
      }
    }
    if (state !== TASK_DONE) lost.push(task);
  }
  if (lost.length > 0) {
    closeBatch(batch);
    pool.disable();
    warn(`${label}: a worker thread failed or stalled; its tasks were computed on the calling thread and threads are now off.`);
  }
  return lost;
}
