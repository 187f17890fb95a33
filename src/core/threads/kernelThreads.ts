/**
 * Synchronous multi-threaded streaming kernels: `gaussianRowSums` and `pairedGaussianSums` split over the worker
 * pool (`workerPool.ts`), as batches of the one protocol (`protocol.ts`), computed by the WebAssembly SIMD
 * kernels (`kernels/gaussianSumsWasm.ts`) where the runtime has them and by the TypeScript ones otherwise.
 *
 * The work is cut into `kernelParts(n)` tasks (parts), a number fixed by n alone: units of 4-row blocks dealt
 * round-robin (unit k to part k mod parts), which balances the triangle. Each part accumulates from zero into its
 * own slice and the slices are added in part order, so threads only decide who computes which part: the result
 * is bit-identical for any thread count (at most `MAX_KERNEL_PARTS` = 32 of them share a pass), and to the
 * TypeScript `gaussianRowSums` / `pairedGaussianSums`. With
 * workers the slices are shared buffers of at most 32 n doubles per array (O(n)); each thread copies the data
 * into its own WebAssembly instance once per batch. The calling thread takes tasks too, then waits; a worker
 * that makes no progress for 10 s is presumed lost and its task recomputed here. Where workers are unavailable (running from the TypeScript sources, in the browser, or
 * after a failure) every part runs on the calling thread. Threads pay off for jobs of 20 ms or more, which is
 * what `threads: 'auto'` checks (`resolveThreads`).
 */
import { Samples } from '../samples';
import { addInto, combineRowSums, GaussianRowSums, kernelParts, RowSumsEngine, rowSumsOverParts, tsRowSumsEngine } from '../kernels/gaussianRowSums';
import { wasmPairedSumsEngine, wasmRowSumsEngine } from '../kernels/gaussianSumsWasm';
import { combinePairedSums, PairedGaussianSums, PairedSumsEngine, pairedSumsOverParts, tsPairedSumsEngine } from '../kernels/pairedGaussianSums';
import { batchHeader, PairedBatch, RowSumsBatch, shared, sharedCopy } from './protocol';
import { hardwareThreads, poolWorkers, runBatch } from './workerPool';

/** A task whose progress counter has not moved for this long is abandoned and recomputed here. */
const STALL_MS = 10000;

/** A thread count: an integer in [1, 64], or 'auto' (see `resolveThreads`). */
export type Threads = number | 'auto';

/** 'auto' uses every core when the pass is predicted to take at least this long (seconds), else one thread. */
const AUTO_MIN_SECONDS = 0.02;

/**
 * The threads to use for a pairwise pass over n rows of `columns` columns (summed over the variables): `threads`
 * itself when a number; for 'auto', every core (`hardwareThreads()`) when the pass is predicted to take 20 ms
 * or more (1e-9 n^2 (columns + 4) s on one thread, the estimators' cost model), else 1.
 */
export function resolveThreads(threads: Threads, n: number, columns: number): number {
  if (threads !== 'auto') return threads;
  const seconds = 1e-9 * n * n * (columns + 4);
  return seconds >= AUTO_MIN_SECONDS ? Math.max(1, Math.min(64, hardwareThreads())) : 1;
}

/** Slice `task` (n doubles) of a shared Float64 buffer of n per task. */
function slice(buffer: SharedArrayBuffer, task: number, n: number): Float64Array {
  return new Float64Array(buffer, 8 * n * task, n);
}

/** The row-sums engine for one data set: WebAssembly unless `wasm` is false or it is unavailable. */
export function rowSumsEngine(data: Float64Array, n: number, d: number, grouped: boolean, wasm: boolean): RowSumsEngine {
  return (wasm ? wasmRowSumsEngine(data, n, d, grouped) : null) ?? tsRowSumsEngine(data, n, d, grouped);
}

/** The paired-sums engine for one pair of data sets: WebAssembly unless `wasm` is false or it is unavailable. */
export function pairedSumsEngine(xa: Float64Array, da: number, xb: Float64Array, db: number, n: number, grouped: boolean, wasm: boolean): PairedSumsEngine {
  return (wasm ? wasmPairedSumsEngine(xa, da, xb, db, n, grouped) : null) ?? tsPairedSumsEngine(xa, da, xb, db, n, grouped);
}

/**
 * This thread's engine for the batch it is working on (built on its first task, reused for its other tasks:
 * the data are copied into an engine once per thread and batch). Keyed by the batch's data buffer.
 */
let current: { key: SharedArrayBuffer; engine: RowSumsEngine | PairedSumsEngine } | null = null;

function engineFor<E extends RowSumsEngine | PairedSumsEngine>(key: SharedArrayBuffer, make: () => E): E {
  if (current?.key !== key) current = { key, engine: make() };
  return current.engine as E;
}

/** Drop this thread's engine (and the memory holding its copy of the data) once a batch is over. */
export function releaseKernelEngines(): void {
  current = null;
}

/** Task (part) `task` of a row-sums batch, into its slices of `within` and `cross`. */
export function runRowSumsTask(batch: RowSumsBatch, task: number): void {
  const { n, d, count } = batch;
  const groupEnd = batch.groupEnd ? new Int32Array(batch.groupEnd) : null;
  const engine = engineFor(batch.data, () => rowSumsEngine(new Float64Array(batch.data), n, d, groupEnd !== null, batch.wasm));
  const sums = engine(batch.scale, groupEnd, task, count, new Int32Array(batch.progress));
  slice(batch.within, task, n).set(sums.within);
  if (batch.cross) slice(batch.cross, task, n).set(sums.cross);
}

/** Task (part) `task` of a paired-sums batch, into its slices of the row sums and its share of the product. */
export function runPairedTask(batch: PairedBatch, task: number): void {
  const { n, count } = batch;
  const groupEnd = batch.groupEnd ? new Int32Array(batch.groupEnd) : null;
  const engine = engineFor(batch.a, () =>
    pairedSumsEngine(new Float64Array(batch.a), batch.da, new Float64Array(batch.b), batch.db, n, groupEnd !== null, batch.wasm),
  );
  const sums = engine(batch.scaleA, batch.scaleB, groupEnd, task, count, new Int32Array(batch.progress));
  slice(batch.rowA, task, n).set(sums.rowA);
  slice(batch.withinB, task, n).set(sums.withinB);
  if (batch.crossB) slice(batch.crossB, task, n).set(sums.crossB);
  new Float64Array(batch.product)[task] = sums.product;
}

/**
 * `gaussianRowSums(s, scale, groupEnd)` on `threads` threads (the calling one included; 'auto': see
 * `resolveThreads`), with the WebAssembly kernels unless `wasm` is false. Bit-identical to `gaussianRowSums`
 * for every thread count (see the module comment).
 */
export function gaussianRowSumsThreaded(s: Samples, scale: number, groupEnd: Int32Array | undefined, threads: Threads, wasm = true): GaussianRowSums {
  const { n, d } = s;
  const grouped = groupEnd !== undefined;
  const ends = groupEnd ?? null;
  const parts = kernelParts(n);
  const count = Math.min(resolveThreads(threads, n, d), parts);
  const workers = count > 1 ? poolWorkers(count - 1) : null;
  if (!workers) return rowSumsOverParts(rowSumsEngine(s.data, n, d, grouped, wasm), n, scale, ends);
  const batch: RowSumsBatch = {
    kind: 'rowSums',
    ...batchHeader(parts),
    data: sharedCopy(s.data),
    n,
    d,
    scale,
    wasm,
    groupEnd: groupEnd ? sharedCopy(groupEnd) : null,
    within: shared(8 * n * parts),
    cross: grouped ? shared(8 * n * parts) : null,
  };
  let lost: number[];
  try {
    lost = runBatch('gaussianRowSumsThreaded', batch, workers, (task) => runRowSumsTask(batch, task), () => STALL_MS);
  } finally {
    releaseKernelEngines();
  }
  const within = new Float64Array(n);
  const cross = grouped ? new Float64Array(n) : within;
  const here = lost.length > 0 ? rowSumsEngine(s.data, n, d, grouped, wasm) : null;
  for (let task = 0; task < parts; task++) {
    if (here && lost.includes(task)) {
      const sums = here(scale, ends, task, parts, null);
      addInto(within, sums.within);
      if (grouped) addInto(cross, sums.cross);
    } else {
      addInto(within, slice(batch.within, task, n));
      if (batch.cross) addInto(cross, slice(batch.cross, task, n));
    }
  }
  return combineRowSums(within, cross, grouped);
}

/**
 * `pairedGaussianSums(a, b, scaleA, scaleB, groupEnd)` on `threads` threads (the calling one included; 'auto':
 * see `resolveThreads`), with the WebAssembly kernels unless `wasm` is false. Bit-identical to
 * `pairedGaussianSums` for every thread count (see the module comment).
 */
export function pairedGaussianSumsThreaded(
  a: Samples,
  b: Samples,
  scaleA: number,
  scaleB: number,
  groupEnd: Int32Array | undefined,
  threads: Threads,
  wasm = true,
): PairedGaussianSums {
  const { n } = a;
  const grouped = groupEnd !== undefined;
  const ends = groupEnd ?? null;
  const parts = kernelParts(n);
  const count = Math.min(resolveThreads(threads, n, a.d + b.d), parts);
  const workers = count > 1 ? poolWorkers(count - 1) : null;
  if (!workers) return pairedSumsOverParts(pairedSumsEngine(a.data, a.d, b.data, b.d, n, grouped, wasm), n, scaleA, scaleB, ends);
  const batch: PairedBatch = {
    kind: 'paired',
    ...batchHeader(parts),
    a: sharedCopy(a.data),
    da: a.d,
    b: sharedCopy(b.data),
    db: b.d,
    n,
    scaleA,
    scaleB,
    wasm,
    groupEnd: groupEnd ? sharedCopy(groupEnd) : null,
    rowA: shared(8 * n * parts),
    withinB: shared(8 * n * parts),
    crossB: grouped ? shared(8 * n * parts) : null,
    product: shared(8 * parts),
  };
  let lost: number[];
  try {
    lost = runBatch('pairedGaussianSumsThreaded', batch, workers, (task) => runPairedTask(batch, task), () => STALL_MS);
  } finally {
    releaseKernelEngines();
  }
  const products = new Float64Array(batch.product);
  const rowA = new Float64Array(n);
  const withinB = new Float64Array(n);
  const crossB = grouped ? new Float64Array(n) : withinB;
  let product = 0;
  const here = lost.length > 0 ? pairedSumsEngine(a.data, a.d, b.data, b.d, n, grouped, wasm) : null;
  for (let task = 0; task < parts; task++) {
    if (here && lost.includes(task)) {
      const sums = here(scaleA, scaleB, ends, task, parts, null);
      addInto(rowA, sums.rowA);
      addInto(withinB, sums.withinB);
      if (grouped) addInto(crossB, sums.crossB);
      product += sums.product;
    } else {
      addInto(rowA, slice(batch.rowA, task, n));
      addInto(withinB, slice(batch.withinB, task, n));
      if (batch.crossB) addInto(crossB, slice(batch.crossB, task, n));
      product += products[task];
    }
  }
  return combinePairedSums(rowA, withinB, crossB, product, grouped);
}
