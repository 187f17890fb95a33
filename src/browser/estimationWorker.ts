/**
 * The estimation side of `WorkerRecorder`: a plain `InfoPlaneRecorder` that receives each recorded epoch's
 * activations as a message and answers with the records it made (the same code, hence the same numbers, as
 * recording on the page's thread). It runs in a Web Worker that loads the browser bundle under the name
 * `ESTIMATION_WORKER_NAME`, or, without workers, on the calling thread through the same handler.
 */
import { InfoPlaneRecorder, RecorderArgs } from '../record/recorder';
import { RunRecord } from '../run/types';

/** The name the estimation worker is started with; the bundle serves estimation requests when it runs under it. */
export const ESTIMATION_WORKER_NAME = 'infoplane-estimation';

/** What the page sends. */
export type EstimationRequest =
  | { type: 'init'; args: RecorderArgs }
  | { type: 'record'; epoch: number; layers: { name: string; activations: unknown }[]; metrics: Record<string, number>; extras: { weightNorms?: Record<string, number> } };

/** What the estimation side answers, one reply per request, in order. */
export type EstimationReply = { type: 'ready' } | { type: 'recorded'; epoch: number; records: RunRecord[] } | { type: 'failed'; epoch?: number; message: string };

/** A handler of requests, one at a time in arrival order (so records come back in the order of the epochs). */
export function createEstimationHandler(): (request: EstimationRequest) => Promise<EstimationReply> {
  let recorder: InfoPlaneRecorder | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const handle = async (request: EstimationRequest): Promise<EstimationReply> => {
    try {
      if (request.type === 'init') {
        recorder = new InfoPlaneRecorder(request.args);
        return { type: 'ready' };
      }
      if (!recorder) return { type: 'failed', epoch: request.epoch, message: 'the estimation worker received an epoch before its recorder' };
      const points = await recorder.record(request.epoch, request.layers as never, request.metrics, request.extras);
      const epochs = recorder.run?.epochs ?? [];
      const epochRecord = epochs[epochs.length - 1];
      return { type: 'recorded', epoch: request.epoch, records: [...points, epochRecord] };
    } catch (error) {
      return { type: 'failed', epoch: request.type === 'record' ? request.epoch : undefined, message: error instanceof Error ? error.message : String(error) };
    }
  };
  return (request) => {
    const reply = queue.then(() => handle(request));
    queue = reply;
    return reply;
  };
}

interface WorkerScope {
  name?: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: EstimationRequest }) => void): void;
}

/** In a Web Worker started as the estimation worker: answer the page's requests. Elsewhere nothing happens. */
export function installIfEstimationWorker(): boolean {
  const scope = globalThis as unknown as WorkerScope;
  const workerScope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
  if (typeof workerScope !== 'function' || !(globalThis instanceof workerScope) || scope.name !== ESTIMATION_WORKER_NAME) return false;
  const handle = createEstimationHandler();
  scope.addEventListener('message', (event) => {
    void handle(event.data).then((reply) => scope.postMessage(reply));
  });
  return true;
}
