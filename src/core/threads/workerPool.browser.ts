/**
 * The browser twin of `workerPool.ts` (same exports; the browser bundle resolves it in place of the Node one).
 * The pool's calling thread blocks in `Atomics.wait`, which a page's main thread may not do, and shared memory
 * needs a cross-origin-isolated page; so in the browser every threaded computation runs on the calling thread,
 * which the estimators document as giving the same result for any thread count. Keeping a page responsive is
 * the job of a whole-estimation Web Worker instead (`src/browser/workerRecorder.ts`).
 */
import type * as NodePool from './workerPool';
import type { Batch } from './protocol';

/** No worker threads in the browser: callers compute on the calling thread. */
export function poolWorkers(count: number): null {
  void count;
  return null;
}

/** False: threaded computations run on the calling thread here. */
export function threadsAvailable(): boolean {
  return false;
}

/** The page's logical processors (`navigator.hardwareConcurrency`), 1 when unknown. */
export function hardwareThreads(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && n >= 1 ? Math.floor(n) : 1;
}

/** Nothing to stop. */
export async function terminateThreads(): Promise<void> {}

/** Unreachable in the browser (`poolWorkers` gives no workers); kept for the same exports as the Node pool. */
export function runBatch(label: string, batch: Batch, workers: readonly unknown[], runHere: (task: number) => void, stallMs: () => number): number[] {
  void [batch, workers, runHere, stallMs];
  throw new Error(`${label}: worker threads are not available in the browser`);
}

/** Unused in the browser; the Node class, for the same exports. */
export class WorkerPool {
  constructor(readonly file: string) {}
  workers(count: number): null {
    return poolWorkers(count);
  }
  available(): boolean {
    return false;
  }
  disable(): void {}
  async terminate(): Promise<void> {}
}

// Compile-time check that both twins have the same function exports.
const _sameExports: Pick<typeof NodePool, 'poolWorkers' | 'threadsAvailable' | 'terminateThreads' | 'hardwareThreads'> = {
  poolWorkers,
  threadsAvailable,
  terminateThreads,
  hardwareThreads,
};
void _sameExports;
