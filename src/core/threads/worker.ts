/**
 * The worker-thread entry of the pool (`workerPool.ts`): for each posted batch (`protocol.ts`) it takes tasks from
 * the shared counter and runs them with the same code as the calling thread (hence the same results), by kind:
 * Gaussian row sums and paired sums (`kernelThreads.ts`), diffusion spectral entropies (`dseThreads.ts`, the
 * kernel of `core/spectral/diffusionEntropy.ts`), the window pass of the exact bandwidths
 * (`pairWindowThreads.ts`). A task that throws is marked failed (the calling thread recomputes it) and the worker
 * goes on with the next one. Imported by nothing; loaded by file name from the compiled `dist`.
 */
import { parentPort } from 'node:worker_threads';
import { dseTask } from '../spectral/diffusionEntropy';
import { runDseBatchTask } from './dseThreads';
import { releaseKernelEngines, runPairedTask, runRowSumsTask } from './kernelThreads';
import { runPairWindowTask } from './pairWindowThreads';
import { Batch, drainBatch } from './protocol';

/** Run task `task` of `batch` on this thread, writing its results into the batch. */
function runTask(batch: Batch, task: number): void {
  switch (batch.kind) {
    case 'rowSums':
      return runRowSumsTask(batch, task);
    case 'paired':
      return runPairedTask(batch, task);
    case 'dse':
      return runDseBatchTask(batch, task, (s) => dseTask(batch.fn, s, batch.settings));
    case 'pairWindow':
      return runPairWindowTask(batch, task);
  }
}

if (parentPort) {
  parentPort.on('message', (batch: Batch) => {
    for (;;) {
      try {
        drainBatch(batch, (task) => runTask(batch, task));
        releaseKernelEngines(); // this batch's copy of the data is no longer needed
        return;
      } catch {
        // The failed task is marked TASK_FAILED (the calling thread recomputes it); go on with the next one.
      }
    }
  });
}
