/**
 * The one message protocol between the calling thread and the worker threads (`workerPool.ts`, `worker.ts`).
 *
 * A batch is a list of independent tasks in shared memory. It is posted, unchanged, to every worker of the pool;
 * every thread (the calling one included) then takes tasks from a shared counter (`Atomics.add`) in the batch's
 * `order` until none is left, writes each task's results into the batch's shared buffers and marks it done or
 * failed in `status` (with `Atomics.notify`), so that the calling thread can wait for them synchronously.
 * `kind` says which computation the tasks are (`worker.ts` dispatches on it); the kinds' own fields follow.
 * Every buffer is a SharedArrayBuffer.
 */

/** Task states in a batch's `status` array. */
export const TASK_PENDING = 0;
export const TASK_RUNNING = 1;
export const TASK_DONE = 2;
export const TASK_FAILED = 3;

/** The fields of every batch. */
export interface BatchHeader {
  /** Number of tasks. */
  count: number;
  /** Int32 per position: the task taken at that position (largest first, or 0, 1, 2, ...). */
  order: SharedArrayBuffer;
  /** Int32 [0]: the next position of `order` to take. */
  next: SharedArrayBuffer;
  /** Int32 per task: its state (TASK_PENDING...). */
  status: SharedArrayBuffer;
  /** Int32 per task: units of work done so far, for tasks that report progress (a stall watchdog reads it). */
  progress: SharedArrayBuffer;
}

/**
 * Gaussian row sums (`accumulateRowSums`): task p of `count` (= `kernelParts(n)`, never the thread count) does
 * the 4-row units k with k mod count = p, into its own slice of `within` and `cross`.
 */
export interface RowSumsBatch extends BatchHeader {
  kind: 'rowSums';
  /** Float64, n x d row-major. */
  data: SharedArrayBuffer;
  n: number;
  d: number;
  scale: number;
  /** Whether to use the WebAssembly kernels (where available; the values are the same either way). */
  wasm: boolean;
  /** Int32 group ends, or null when ungrouped. */
  groupEnd: SharedArrayBuffer | null;
  /** Float64, n per task: within-group (or all) sums of each task. */
  within: SharedArrayBuffer;
  /** Float64, n per task: cross-group sums of each task, or null when ungrouped. */
  cross: SharedArrayBuffer | null;
}

/** Paired Gaussian sums (`accumulatePairedSums`), split into tasks as `RowSumsBatch`. */
export interface PairedBatch extends BatchHeader {
  kind: 'paired';
  a: SharedArrayBuffer;
  da: number;
  b: SharedArrayBuffer;
  db: number;
  n: number;
  scaleA: number;
  scaleB: number;
  wasm: boolean;
  groupEnd: SharedArrayBuffer | null;
  /** Float64, n per task. */
  rowA: SharedArrayBuffer;
  /** Float64, n per task. */
  withinB: SharedArrayBuffer;
  /** Float64, n per task, or null when ungrouped. */
  crossB: SharedArrayBuffer | null;
  /** Float64, one per task: its share of sum(Ka o Kb). */
  product: SharedArrayBuffer;
}

/** Diffusion spectral entropies of independent row sets: one task = one whole DSE (`dseTask`). */
export interface DseBatch extends BatchHeader {
  kind: 'dse';
  /** Function name for messages. */
  fn: string;
  /** The validated DSE settings (structured-cloned). */
  settings: unknown;
  /** Float64 data of every task, concatenated in task order. */
  data: SharedArrayBuffer;
  /** Int32 per task: rows, columns, offset into data (in doubles). */
  shapes: SharedArrayBuffer;
  /** Float64, `DSE_RESULT_FIELDS` per task: bits, eigenvaluesUsed, standardError (NaN when none). */
  results: SharedArrayBuffer;
}

/** Values each DSE task writes. */
export const DSE_RESULT_FIELDS = 3;

/** The window pass of the exact bandwidth rules (`pairWindowThreads.ts`): task p places the pairs of row range p. */
export interface PairWindowBatch extends BatchHeader {
  kind: 'pairWindow';
  /** Float64, n x d row-major. */
  data: SharedArrayBuffer;
  n: number;
  d: number;
  lo: number;
  hi: number;
  /** The most values one task keeps. */
  cap: number;
  /** The expected fraction of pairs on or inside [lo, hi] (`PairPasses.window`'s hint). */
  undecided: number;
  /** Int32, tasks + 1: the first row of each task's range, then n. */
  starts: SharedArrayBuffer;
  /** Float64, 4 per task: the counts below lo, at lo, at hi, inside. */
  stats: SharedArrayBuffer;
  /** Float64, cap per task: the values each task kept. */
  kept: SharedArrayBuffer;
}

/** Every message the workers take. */
export type Batch = RowSumsBatch | PairedBatch | DseBatch | PairWindowBatch;
export type BatchKind = Batch['kind'];

/** A SharedArrayBuffer of at least `bytes` bytes (never empty). */
export function shared(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(bytes, 8));
}

/** A shared copy of `values`. */
export function sharedCopy(values: Float64Array | Int32Array): SharedArrayBuffer {
  const buffer = shared(values.byteLength);
  if (values instanceof Float64Array) new Float64Array(buffer).set(values);
  else new Int32Array(buffer).set(values);
  return buffer;
}

/** The header of a batch of `count` tasks taken in `order` (default 0, 1, 2, ...). */
export function batchHeader(count: number, order?: ArrayLike<number>): BatchHeader {
  const positions = new Int32Array(shared(4 * count));
  for (let k = 0; k < count; k++) positions[k] = order ? order[k] : k;
  return {
    count,
    order: positions.buffer as SharedArrayBuffer,
    next: shared(4),
    status: shared(4 * count),
    progress: shared(4 * count),
  };
}

/**
 * Take tasks of `batch` from its shared counter and `run` them until none is left, marking each done or failed.
 * Used by the calling thread and by the workers. An error thrown by `run` marks its task failed and propagates.
 */
export function drainBatch(batch: BatchHeader, run: (task: number) => void): void {
  const order = new Int32Array(batch.order);
  const next = new Int32Array(batch.next);
  const status = new Int32Array(batch.status);
  for (;;) {
    const position = Atomics.add(next, 0, 1);
    if (position >= batch.count) return;
    const task = order[position];
    Atomics.store(status, task, TASK_RUNNING);
    try {
      run(task);
      Atomics.store(status, task, TASK_DONE);
    } catch (e) {
      Atomics.store(status, task, TASK_FAILED);
      Atomics.notify(status, task);
      throw e;
    }
    Atomics.notify(status, task);
  }
}

/** Make every thread stop taking tasks of `batch` (those already taken run to their end). */
export function closeBatch(batch: BatchHeader): void {
  Atomics.store(new Int32Array(batch.next), 0, batch.count);
}
