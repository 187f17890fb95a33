/**
 * The window pass of the exact bandwidth rules (`PairPasses.window`, used by `pairSquaredDistanceRanks`) on
 * several threads of the pool (`workerPool.ts`), as one batch of the protocol (`protocol.ts`).
 *
 * The rows i are cut into as many ranges as there are threads, each holding about the same number of pairs
 * (i, j > i); a task places the pairs of its range with its own WebAssembly instance (the TypeScript pass where
 * there is none) and writes its four counts and its kept values into its slice of the batch. The counts are
 * integers and the kept values a multiset whose order statistics are then selected, so the values that come out
 * are the same for any number of threads. Where workers are unavailable the caller runs the pass on its own
 * thread.
 */
import { jsPairPasses, PairWindowCounts } from '../kernels/pairDistancePasses';
import { wasmPairPasses } from '../kernels/pairDistanceWasm';
import { Samples } from '../samples';
import { batchHeader, PairWindowBatch, shared, sharedCopy } from './protocol';
import { poolWorkers, runBatch } from './workerPool';

/** A task whose state has not changed for this long is abandoned and recomputed here. */
const STALL_MS = 10000;

/** Counts per task in the batch's `stats`: below, at lo, at hi, inside. */
const STATS = 4;

/** Row boundaries: `parts` ranges of rows with about equal numbers of pairs (i, j > i) each. */
export function pairRowRanges(n: number, parts: number): Int32Array {
  const starts = new Int32Array(parts + 1);
  const total = (n * (n - 1)) / 2;
  let i = 0;
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    // pairs of the rows before i: i n - i (i + 1) / 2
    while (i < n && i * n - (i * (i + 1)) / 2 < target) i++;
    starts[p] = i;
  }
  starts[parts] = n;
  return starts;
}

/** Task `task` of a window batch: the pairs of its row range, into its slices of `stats` and `kept`. */
export function runPairWindowTask(batch: PairWindowBatch, task: number): void {
  const { n, d, lo, hi, cap, undecided } = batch;
  const s: Samples = { data: new Float64Array(batch.data), n, d };
  const starts = new Int32Array(batch.starts);
  const passes = wasmPairPasses(s, 1, cap) ?? jsPairPasses(s);
  const w = passes.window(lo, hi, cap, [starts[task], starts[task + 1]], undecided);
  new Float64Array(batch.stats, 8 * STATS * task, STATS).set([w.below, w.atLo, w.atHi, w.inside]);
  if (w.kept) new Float64Array(batch.kept, 8 * cap * task, w.kept.length).set(w.kept);
}

/**
 * `PairPasses.window(lo, hi, cap)` over all pairs of `s` on `threads` threads (the calling one included), or null
 * when workers are unavailable (the caller then runs the single-threaded pass).
 */
export function pairWindowThreaded(s: Samples, lo: number, hi: number, cap: number, threads: number, undecided = 0): PairWindowCounts | null {
  const workers = threads > 1 ? poolWorkers(threads - 1) : null;
  if (!workers) return null;
  const tasks = workers.length + 1;
  const batch: PairWindowBatch = {
    kind: 'pairWindow',
    ...batchHeader(tasks),
    data: sharedCopy(s.data),
    n: s.n,
    d: s.d,
    lo,
    hi,
    cap,
    undecided,
    starts: sharedCopy(pairRowRanges(s.n, tasks)),
    stats: shared(8 * STATS * tasks),
    kept: shared(8 * cap * tasks),
  };
  const lost = runBatch('pairWindowThreaded', batch, workers, (task) => runPairWindowTask(batch, task), () => STALL_MS);
  for (const task of lost) runPairWindowTask(batch, task);
  const stats = new Float64Array(batch.stats);
  const total = { below: 0, atLo: 0, atHi: 0, inside: 0 };
  for (let task = 0; task < tasks; task++) {
    total.below += stats[STATS * task];
    total.atLo += stats[STATS * task + 1];
    total.atHi += stats[STATS * task + 2];
    total.inside += stats[STATS * task + 3];
  }
  if (total.inside > cap) return { ...total, kept: null };
  const kept = new Float64Array(total.inside);
  let at = 0;
  for (let task = 0; task < tasks; task++) {
    const count = stats[STATS * task + 3];
    kept.set(new Float64Array(batch.kept, 8 * cap * task, count), at);
    at += count;
  }
  return { ...total, kept };
}
