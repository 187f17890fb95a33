/**
 * Independent diffusion spectral entropy evaluations (the per-class and per-repetition DSEs of DSMI) on the worker
 * pool (`workerPool.ts`), as a batch of the one protocol (`protocol.ts`), keeping a synchronous API.
 *
 * Each task is computed whole by one thread with the same code (the workers run `dseTask` of
 * `core/spectral/diffusionEntropy.ts`), so the results are bit-for-bit those of the sequential path, whichever
 * thread computed them. Tasks are taken largest first (cost ~ n^3), which balances a handful of unequal tasks
 * well. Where workers are unavailable (running from the TypeScript sources, or after a failure) the tasks run on
 * the calling thread, with the same results.
 */
import { Samples } from '../samples';
import { batchHeader, DSE_RESULT_FIELDS, DseBatch, shared } from './protocol';
import { withoutTridiagonalHelper } from './tridiagonalThreads';
import { poolWorkers, runBatch } from './workerPool';

/** What one DSE task gives back. */
export interface DseTaskResult {
  bits: number;
  eigenvaluesUsed: number;
  standardError?: number;
}

/** Task `task` of a DSE batch: `run` on its rows, the result written into the batch. */
export function runDseBatchTask(batch: DseBatch, task: number, run: (s: Samples) => DseTaskResult): void {
  const shapes = new Int32Array(batch.shapes);
  const [n, d, offset] = [shapes[3 * task], shapes[3 * task + 1], shapes[3 * task + 2]];
  const r = run({ data: new Float64Array(batch.data).subarray(offset, offset + n * d), n, d });
  const results = new Float64Array(batch.results);
  const o = DSE_RESULT_FIELDS * task;
  results[o] = r.bits;
  results[o + 1] = r.eigenvaluesUsed;
  results[o + 2] = r.standardError ?? NaN;
}

/**
 * Run the DSE kernel on every task, on `threads` threads (the calling one included), and return the results in
 * task order. Workers compute `dseTask(fn, s, settings)`; `run` is the same computation on the calling thread (it
 * must give the same results). With threads = 1 or no workers available this is a plain loop on the calling
 * thread. An error thrown by a task on the calling thread propagates (and the workers take no further task); a
 * task that failed or stalled on a worker is recomputed here.
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
  const workers = threads > 1 && count > 1 ? poolWorkers(Math.min(threads, count) - 1) : null;
  if (!workers) return tasks.map((s) => run(s));
  let total = 0;
  for (const s of tasks) total += s.n * s.d;
  const data = new Float64Array(shared(8 * total));
  const shapes = new Int32Array(shared(12 * count));
  let offset = 0;
  tasks.forEach((s, k) => {
    data.set(s.data.subarray(0, s.n * s.d), offset);
    shapes[3 * k] = s.n;
    shapes[3 * k + 1] = s.d;
    shapes[3 * k + 2] = offset;
    offset += s.n * s.d;
  });
  const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => tasks[b].n - tasks[a].n || a - b);
  const batch: DseBatch = {
    kind: 'dse',
    ...batchHeader(count, order),
    fn,
    settings,
    data: data.buffer as SharedArrayBuffer,
    shapes: shapes.buffer as SharedArrayBuffer,
    results: shared(8 * DSE_RESULT_FIELDS * count),
  };
  // The calling thread takes tasks too; its own results are kept as returned.
  const local = new Map<number, DseTaskResult>();
  let longest = 0;
  const runHere = (task: number): void => {
    const start = Date.now();
    // the workers keep the other cores busy: this thread's eigensolvers take no helper thread of their own
    const r = withoutTridiagonalHelper(() => run(tasks[task]));
    longest = Math.max(longest, Date.now() - start);
    local.set(task, r);
  };
  // A worker that has not finished a task after this long (no progress can be observed inside one task) is
  // presumed dead: the task is recomputed here.
  const lost = runBatch(fn, batch, workers, runHere, () => Math.max(60000, 20 * longest));
  const results = new Float64Array(batch.results);
  return tasks.map((s, k) => {
    const mine = local.get(k);
    if (mine) return mine;
    if (lost.includes(k)) return run(s);
    const o = DSE_RESULT_FIELDS * k;
    const se = results[o + 2];
    return Number.isNaN(se) ? { bits: results[o], eigenvaluesUsed: results[o + 1] } : { bits: results[o], eigenvaluesUsed: results[o + 1], standardError: se };
  });
}
