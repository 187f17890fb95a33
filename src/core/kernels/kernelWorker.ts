/**
 * Worker-thread entry of the kernel pool (`kernelThreads.ts`): runs one part of a streaming kernel
 * (`accumulateRowSums` or `accumulatePairedSums`) on shared memory and signals completion through `Atomics`
 * (status 1 = done, 2 = failed), so the calling thread can wait for it synchronously. Imported by nothing;
 * loaded by file name from the compiled `dist`.
 */
import { parentPort } from 'node:worker_threads';
import { accumulateRowSums } from './gaussianRowSums';
import { accumulatePairedSums } from './pairedGaussianSums';

/** Fields of every job; every buffer is a SharedArrayBuffer. */
interface JobBase {
  n: number;
  /** Int32 group ends, or null when ungrouped. */
  groupEnd: SharedArrayBuffer | null;
  part: number;
  parts: number;
  /** Int32 status per part: 0 running, 1 done, 2 failed. */
  status: SharedArrayBuffer;
  /** Int32 units done per part. */
  progress: SharedArrayBuffer;
}

/** One part of `gaussianRowSums`. */
export interface RowSumsJob extends JobBase {
  kind: 'rowSums';
  data: SharedArrayBuffer;
  d: number;
  scale: number;
  /** Float64, n values: within-group (or all) sums of this part. */
  within: SharedArrayBuffer;
  /** Float64, n values: cross-group sums of this part (unused when ungrouped). */
  cross: SharedArrayBuffer;
}

/** One part of `pairedGaussianSums`. */
export interface PairedJob extends JobBase {
  kind: 'paired';
  a: SharedArrayBuffer;
  da: number;
  b: SharedArrayBuffer;
  db: number;
  scaleA: number;
  scaleB: number;
  rowA: SharedArrayBuffer;
  withinB: SharedArrayBuffer;
  crossB: SharedArrayBuffer;
  /** Float64, one value per part: this part's share of sum(Ka o Kb). */
  product: SharedArrayBuffer;
}

export type KernelJob = RowSumsJob | PairedJob;

/** Run one job part on this thread. */
export function runJob(job: KernelJob): void {
  const groupEnd = job.groupEnd ? new Int32Array(job.groupEnd) : null;
  const progress = new Int32Array(job.progress);
  if (job.kind === 'rowSums') {
    const within = new Float64Array(job.within);
    const cross = groupEnd ? new Float64Array(job.cross) : within;
    accumulateRowSums(new Float64Array(job.data), job.n, job.d, job.scale, groupEnd, job.part, job.parts, within, cross, progress);
  } else {
    const withinB = new Float64Array(job.withinB);
    const crossB = groupEnd ? new Float64Array(job.crossB) : withinB;
    const product = accumulatePairedSums(
      new Float64Array(job.a),
      job.da,
      new Float64Array(job.b),
      job.db,
      job.n,
      job.scaleA,
      job.scaleB,
      groupEnd,
      job.part,
      job.parts,
      new Float64Array(job.rowA),
      withinB,
      crossB,
      progress,
    );
    new Float64Array(job.product)[job.part] = product;
  }
}

if (parentPort) {
  parentPort.on('message', (job: KernelJob) => {
    const status = new Int32Array(job.status);
    try {
      runJob(job);
      Atomics.store(status, job.part, 1);
    } catch {
      Atomics.store(status, job.part, 2);
    }
    Atomics.notify(status, job.part);
  });
}
