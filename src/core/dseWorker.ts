/**
 * Worker-thread entry of the DSE pool (`dseThreads.ts`): takes tasks of a posted batch from the shared counter,
 * runs the estimator's DSE kernel on each (the same code as the calling thread, hence the same results) and
 * signals each completion through `Atomics` (see `drainBatch`). Imported by nothing; loaded by file name from
 * the compiled `dist`.
 */
import { parentPort } from 'node:worker_threads';
import { dseTask } from '../estimators/dse';
import { DseBatch, drainBatch } from './dseThreads';

if (parentPort) {
  parentPort.on('message', (batch: DseBatch) => {
    for (;;) {
      try {
        drainBatch(batch, (s) => dseTask(batch.fn, s, batch.settings));
        return;
      } catch {
        // The failed task is marked TASK_FAILED (the calling thread recomputes it); go on with the next one.
      }
    }
  });
}
