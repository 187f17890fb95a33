/**
 * Synchronous multi-threaded streaming kernels: `gaussianRowSums` and `pairedGaussianSums` split over a
 * persistent pool of worker threads, the calling thread doing its own share and then blocking (`Atomics.wait`)
 * until the workers are done, so estimators keep a synchronous API.
 *
 * Work is split in units of 4-row blocks dealt round-robin (unit k to part k mod parts), which balances the
 * triangle; each part accumulates into its own arrays, summed at the end (the result equals the single-threaded
 * one up to the order of the additions, ~1e-16 relative). The pool is created on first use with
 * `threads - 1` workers, unref'd (it never keeps the process alive), and reused; `terminateKernelThreads()`
 * stops it. Workers run the compiled `kernelWorker.js`: when that file is missing (running from the TypeScript
 * sources), when workers cannot start, or when a worker fails or stalls (no progress for 10 s), the work falls
 * back to the calling thread, with the same result. Threads pay off for jobs of 20 ms or more (n above ~1000).
 */
import { join } from 'node:path';
import { WorkerPool } from '../workerPool';
import { Worker } from 'node:worker_threads';
import { Samples } from '../samples';
import { warn } from '../warn';
import { accumulateRowSums, combineRowSums, GaussianRowSums } from './gaussianRowSums';
import type { KernelJob, PairedJob, RowSumsJob } from './kernelWorker';
import { accumulatePairedSums, combinePairedSums, PairedGaussianSums } from './pairedGaussianSums';

const WORKER_FILE = join(__dirname, 'kernelWorker.js');
/** A worker that completes no unit for this long is abandoned and its part recomputed here. */
const STALL_MS = 10000;

const workerPool = new WorkerPool(WORKER_FILE);

/** Stop the pool's worker threads (a later threaded call starts new ones). */
export async function terminateKernelThreads(): Promise<void> {
  await workerPool.terminate();
}

/** True when threaded kernels can run here (the compiled worker file exists and workers have not failed). */
export function kernelThreadsAvailable(): boolean {
  return workerPool.available();
}

function shared(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(bytes, 8));
}

function sharedCopy(values: Float64Array | Int32Array): SharedArrayBuffer {
  const buffer = shared(values.byteLength);
  if (values instanceof Float64Array) new Float64Array(buffer).set(values);
  else new Int32Array(buffer).set(values);
  return buffer;
}

/**
 * Post parts 1..parts-1 to the workers, run part 0 here (`local`), then wait for each worker part: `merge(job)`
 * when it is done, `recompute(part)` here when it failed or stalled.
 */
function runParts<J extends KernelJob>(
  pool: Worker[],
  makeJob: (part: number, status: SharedArrayBuffer, progress: SharedArrayBuffer) => J,
  local: () => void,
  merge: (job: J) => void,
  recompute: (part: number) => void,
): void {
  const parts = pool.length + 1;
  const status = shared(4 * parts);
  const progress = shared(4 * parts);
  const jobs = pool.map((w, k) => {
    const job = makeJob(k + 1, status, progress);
    w.postMessage(job);
    return job;
  });
  local();
  const flags = new Int32Array(status);
  const done = new Int32Array(progress);
  for (let k = 1; k < parts; k++) {
    let last = -1;
    let still = 0;
    while (Atomics.load(flags, k) === 0) {
      if (Atomics.wait(flags, k, 0, 1000) !== 'timed-out') continue;
      const p = Atomics.load(done, k);
      if (p !== last) {
        last = p;
        still = 0;
      } else if ((still += 1000) >= STALL_MS) {
        break;
      }
    }
    if (Atomics.load(flags, k) === 1) {
      merge(jobs[k - 1]);
    } else {
      workerPool.disable();
      warn('kernel threads: a worker failed or stalled; its share was computed on the calling thread and threads are now off.');
      recompute(k);
    }
  }
}

function addInto(target: Float64Array, source: SharedArrayBuffer): void {
  const s = new Float64Array(source);
  for (let i = 0; i < target.length; i++) target[i] += s[i];
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
  const pool = threads > 1 ? workerPool.workers(threads - 1) : null;
  if (!pool) {
    accumulateRowSums(s.data, n, d, scale, ends, 0, 1, within, cross, null);
    return combineRowSums(within, cross, grouped);
  }
  const parts = pool.length + 1;
  const data = sharedCopy(s.data);
  const groups = groupEnd ? sharedCopy(groupEnd) : null;
  runParts<RowSumsJob>(
    pool,
    (part, status, progress) => ({
      kind: 'rowSums',
      n,
      groupEnd: groups,
      part,
      parts,
      status,
      progress,
      data,
      d,
      scale,
      within: shared(8 * n),
      cross: shared(grouped ? 8 * n : 8),
    }),
    () => accumulateRowSums(s.data, n, d, scale, ends, 0, parts, within, cross, null),
    (job) => {
      addInto(within, job.within);
      if (grouped) addInto(cross, job.cross);
    },
    (part) => accumulateRowSums(s.data, n, d, scale, ends, part, parts, within, cross, null),
  );
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
  const pool = threads > 1 ? workerPool.workers(threads - 1) : null;
  const run = (part: number, parts: number): number =>
    accumulatePairedSums(a.data, a.d, b.data, b.d, n, scaleA, scaleB, ends, part, parts, rowA, withinB, crossB, null);
  if (!pool) return combinePairedSums(rowA, withinB, crossB, run(0, 1), grouped);
  const parts = pool.length + 1;
  const sa = sharedCopy(a.data);
  const sb = sharedCopy(b.data);
  const groups = groupEnd ? sharedCopy(groupEnd) : null;
  const products = shared(8 * parts);
  let product = 0;
  runParts<PairedJob>(
    pool,
    (part, status, progress) => ({
      kind: 'paired',
      n,
      groupEnd: groups,
      part,
      parts,
      status,
      progress,
      a: sa,
      da: a.d,
      b: sb,
      db: b.d,
      scaleA,
      scaleB,
      rowA: shared(8 * n),
      withinB: shared(8 * n),
      crossB: shared(grouped ? 8 * n : 8),
      product: products,
    }),
    () => {
      product += run(0, parts);
    },
    (job) => {
      addInto(rowA, job.rowA);
      addInto(withinB, job.withinB);
      if (grouped) addInto(crossB, job.crossB);
      product += new Float64Array(job.product)[job.part];
    },
    (part) => {
      product += run(part, parts);
    },
  );
  return combinePairedSums(rowA, withinB, crossB, product, grouped);
}
