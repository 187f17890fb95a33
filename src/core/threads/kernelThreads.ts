/**
 * Synchronous multi-threaded streaming kernels: `gaussianRowSums` and `pairedGaussianSums` split over the worker
 * pool (`workerPool.ts`), as batches of the one protocol (`protocol.ts`).
 *
 * With `threads` threads the work is split into `threads` tasks: units of 4-row blocks dealt round-robin (unit k
 * to task k mod threads), which balances the triangle; each task accumulates into its own slice of the shared
 * buffers, and the slices are summed in task order at the end (the result equals the single-threaded one up to
 * the order of the additions, ~1e-16 relative, and does not depend on which thread computed which task). The
 * calling thread takes tasks too, then waits; a worker that makes no progress for 10 s is presumed lost and its
 * task recomputed here. Where workers are unavailable (running from the TypeScript sources, or after a failure)
 * everything runs on the calling thread. Threads pay off for jobs of 20 ms or more (n above ~1000).
 */
import { Samples } from '../samples';
import { accumulateRowSums, combineRowSums, GaussianRowSums } from '../kernels/gaussianRowSums';
import { accumulatePairedSums, combinePairedSums, PairedGaussianSums } from '../kernels/pairedGaussianSums';
import { batchHeader, PairedBatch, RowSumsBatch, shared, sharedCopy } from './protocol';
import { poolWorkers, runBatch } from './workerPool';

/** A task whose progress counter has not moved for this long is abandoned and recomputed here. */
const STALL_MS = 10000;

/** Slice `task` (n doubles) of a shared Float64 buffer of n per task. */
function slice(buffer: SharedArrayBuffer, task: number, n: number): Float64Array {
  return new Float64Array(buffer, 8 * n * task, n);
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
}

/** Task `task` of a row-sums batch: its units, into its slices of `within` and `cross`. */
export function runRowSumsTask(batch: RowSumsBatch, task: number): void {
  const { n, d, count } = batch;
  const groupEnd = batch.groupEnd ? new Int32Array(batch.groupEnd) : null;
  const within = slice(batch.within, task, n);
  const cross = batch.cross ? slice(batch.cross, task, n) : within;
  accumulateRowSums(new Float64Array(batch.data), n, d, batch.scale, groupEnd, task, count, within, cross, new Int32Array(batch.progress));
}

/** Task `task` of a paired-sums batch: its units, into its slices of the row sums and its share of the product. */
export function runPairedTask(batch: PairedBatch, task: number): void {
  const { n, count } = batch;
  const groupEnd = batch.groupEnd ? new Int32Array(batch.groupEnd) : null;
  const withinB = slice(batch.withinB, task, n);
  const crossB = batch.crossB ? slice(batch.crossB, task, n) : withinB;
  const product = accumulatePairedSums(
    new Float64Array(batch.a),
    batch.da,
    new Float64Array(batch.b),
    batch.db,
    n,
    batch.scaleA,
    batch.scaleB,
    groupEnd,
    task,
    count,
    slice(batch.rowA, task, n),
    withinB,
    crossB,
    new Int32Array(batch.progress),
  );
  new Float64Array(batch.product)[task] = product;
}

/**
 * `gaussianRowSums(s, scale, groupEnd)` on `threads` threads (the calling one included). Same result up to
 * rounding; one thread where workers are unavailable (see the module comment).
 */
export function gaussianRowSumsThreaded(s: Samples, scale: number, groupEnd: Int32Array | undefined, threads: number): GaussianRowSums {
  const { n, d } = s;
  const grouped = groupEnd !== undefined;
  const ends = groupEnd ?? null;
  const within = new Float64Array(n);
  const cross = grouped ? new Float64Array(n) : within;
  const workers = threads > 1 ? poolWorkers(threads - 1) : null;
  if (!workers) {
    accumulateRowSums(s.data, n, d, scale, ends, 0, 1, within, cross, null);
    return combineRowSums(within, cross, grouped);
  }
  const tasks = workers.length + 1;
  const batch: RowSumsBatch = {
    kind: 'rowSums',
    ...batchHeader(tasks),
    data: sharedCopy(s.data),
    n,
    d,
    scale,
    groupEnd: groupEnd ? sharedCopy(groupEnd) : null,
    within: shared(8 * n * tasks),
    cross: grouped ? shared(8 * n * tasks) : null,
  };
  const lost = runBatch('gaussianRowSumsThreaded', batch, workers, (task) => runRowSumsTask(batch, task), () => STALL_MS);
  for (let task = 0; task < tasks; task++) {
    if (lost.includes(task)) {
      const w = new Float64Array(n);
      const c = grouped ? new Float64Array(n) : w;
      accumulateRowSums(s.data, n, d, scale, ends, task, tasks, w, c, null);
      addInto(within, w);
      if (grouped) addInto(cross, c);
    } else {
      addInto(within, slice(batch.within, task, n));
      if (batch.cross) addInto(cross, slice(batch.cross, task, n));
    }
  }
  return combineRowSums(within, cross, grouped);
}

/**
 * `pairedGaussianSums(a, b, scaleA, scaleB, groupEnd)` on `threads` threads (the calling one included).
 * Same result up to rounding; one thread where workers are unavailable (see the module comment).
 */
export function pairedGaussianSumsThreaded(
  a: Samples,
  b: Samples,
  scaleA: number,
  scaleB: number,
  groupEnd: Int32Array | undefined,
  threads: number,
): PairedGaussianSums {
  const { n } = a;
  const grouped = groupEnd !== undefined;
  const ends = groupEnd ?? null;
  const rowA = new Float64Array(n);
  const withinB = new Float64Array(n);
  const crossB = grouped ? new Float64Array(n) : withinB;
  const workers = threads > 1 ? poolWorkers(threads - 1) : null;
  if (!workers) {
    const product = accumulatePairedSums(a.data, a.d, b.data, b.d, n, scaleA, scaleB, ends, 0, 1, rowA, withinB, crossB, null);
    return combinePairedSums(rowA, withinB, crossB, product, grouped);
  }
  const tasks = workers.length + 1;
  const batch: PairedBatch = {
    kind: 'paired',
    ...batchHeader(tasks),
    a: sharedCopy(a.data),
    da: a.d,
    b: sharedCopy(b.data),
    db: b.d,
    n,
    scaleA,
    scaleB,
    groupEnd: groupEnd ? sharedCopy(groupEnd) : null,
    rowA: shared(8 * n * tasks),
    withinB: shared(8 * n * tasks),
    crossB: grouped ? shared(8 * n * tasks) : null,
    product: shared(8 * tasks),
  };
  const lost = runBatch('pairedGaussianSumsThreaded', batch, workers, (task) => runPairedTask(batch, task), () => STALL_MS);
  const products = new Float64Array(batch.product);
  let product = 0;
  for (let task = 0; task < tasks; task++) {
    if (lost.includes(task)) {
      const r = new Float64Array(n);
      const w = new Float64Array(n);
      const c = grouped ? new Float64Array(n) : w;
      product += accumulatePairedSums(a.data, a.d, b.data, b.d, n, scaleA, scaleB, ends, task, tasks, r, w, c, null);
      addInto(rowA, r);
      addInto(withinB, w);
      if (grouped) addInto(crossB, c);
    } else {
      product += products[task];
      addInto(rowA, slice(batch.rowA, task, n));
      addInto(withinB, slice(batch.withinB, task, n));
      if (batch.crossB) addInto(crossB, slice(batch.crossB, task, n));
    }
  }
  return combinePairedSums(rowA, withinB, crossB, product, grouped);
}
