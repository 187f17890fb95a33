/**
 * A recorder whose estimates are made in a Web Worker, so that a page stays responsive and training goes on
 * while the information plane of an epoch is estimated. The page side validates everything, writes the header
 * and keeps the run (`recorder.run`, the `sink`); each recorded epoch's activations are copied to the estimation
 * worker (`./estimationWorker.ts`, a plain `InfoPlaneRecorder`: the same numbers as recording in place), whose
 * records are appended in epoch order when they arrive.
 *
 * `record` returns once the epoch is handed over (with `[]`: the points arrive later through `onRecord` and
 * `recorder.run`), unless `maxPending` epochs are still being estimated, in which case it first waits for the
 * oldest (so a fast training loop cannot pile up copies of activations); `wait: true` makes it return the points.
 * `await recorder.flush()` waits for every epoch handed over. Without Web Workers (Node, `worker: false`) the
 * same handler runs on the calling thread.
 */
import { describeValue, fail } from '../core/errors';
import { checkBoolean, checkNumber, checkOptionNames } from '../core/validate';
import { InfoPlaneRecorder, LayerActivations, RecordExtras, RecorderArgs } from '../record/recorder';
import { Run, RunPointRecord, RunRecord } from '../run/types';
import { webWorkerConstructor, WebWorkerLike } from './dom';
import { createEstimationHandler, ESTIMATION_WORKER_NAME, EstimationReply, EstimationRequest } from './estimationWorker';

export { ESTIMATION_WORKER_NAME };

// The URL of the bundle itself, set by a line the bundler puts at its top (`import.meta.url`); undefined when
// these sources run unbundled.
declare const __infoplaneBundleUrl: string | undefined;

export interface WorkerRecorderOptions {
  /** Estimate in a Web Worker (true) or on the calling thread (false). Defaults to true where Web Workers exist. */
  worker?: boolean;
  /** The browser bundle the worker loads. Defaults to the URL of the bundle this code came from. */
  workerUrl?: string | URL;
  /** Epochs handed over and not yet estimated before `record` waits for the oldest. Defaults to 2. */
  maxPending?: number;
  /** `record` waits for the epoch's points and returns them. Defaults to false. */
  wait?: boolean;
  /** Called with each recorded epoch's point records when they arrive. Defaults to undefined. */
  onRecord?: (epoch: number, points: RunPointRecord[]) => void;
  /** Called when estimating an epoch failed (the epoch is then missing from the run). Defaults to a console error. */
  onError?: (error: Error, epoch: number | undefined) => void;
}

export const WORKER_RECORDER_DEFAULTS = { maxPending: 2, wait: false } as const;

const OPTION_NAMES = ['worker', 'workerUrl', 'maxPending', 'wait', 'onRecord', 'onError'] as const;

/** Records estimated in a Web Worker (see the module comment). */
export class WorkerRecorder extends InfoPlaneRecorder {
  private readonly send: (request: EstimationRequest, transfer?: unknown[]) => Promise<EstimationReply>;
  private readonly worker?: WebWorkerLike;
  private readonly pending: Promise<unknown>[] = [];
  private readonly options: WorkerRecorderOptions;
  private failure?: Error;
  private ended = false;

  constructor(args: RecorderArgs, options: WorkerRecorderOptions = {}) {
    super(args);
    const fn = 'WorkerRecorder';
    if (typeof options !== 'object' || options === null) fail('invalid_type', { fn, param: 'options', expected: 'an options object', received: describeValue(options) });
    checkOptionNames(fn, options, OPTION_NAMES);
    if (options.worker !== undefined) checkBoolean(fn, 'worker', options.worker);
    if (options.wait !== undefined) checkBoolean(fn, 'wait', options.wait);
    if (options.maxPending !== undefined) checkNumber(fn, 'maxPending', options.maxPending, { integer: true, min: 1, max: 1000 });
    for (const name of ['onRecord', 'onError'] as const) {
      if (options[name] !== undefined && typeof options[name] !== 'function') fail('invalid_type', { fn, param: name, expected: 'a function', received: describeValue(options[name]) });
    }
    if (args.keepActivations !== undefined) {
      fail('invalid_option', { fn, param: 'keepActivations', expected: 'no activation folder with a WorkerRecorder (use InfoPlaneRecorder in Node)', received: JSON.stringify(args.keepActivations) });
    }
    this.options = options;
    const Worker = webWorkerConstructor();
    const useWorker = options.worker ?? Worker !== undefined;
    const url = options.workerUrl ?? (typeof __infoplaneBundleUrl === 'string' ? __infoplaneBundleUrl : undefined);
    if (useWorker && (!Worker || url === undefined)) {
      fail('invalid_option', { fn, param: 'worker', expected: 'Web Workers and the bundle URL (workerUrl), or worker: false', received: !Worker ? 'no Web Worker here' : 'no workerUrl (not running from the bundle)' });
    }
    // what the estimation side needs: the resolved probe, the estimators and what shapes their records
    const init: RecorderArgs = {
      inputs: this.x,
      labels: this.labels,
      target: this.target,
      estimators: args.estimators,
      units: this.units,
      layers: args.layers,
      baseline: args.baseline,
      bootstrap: args.bootstrap,
      perClass: args.perClass,
    };
    if (useWorker && Worker && url !== undefined) {
      const worker = new Worker(url, { type: 'module', name: ESTIMATION_WORKER_NAME });
      this.worker = worker;
      const waiting: ((reply: EstimationReply) => void)[] = [];
      worker.addEventListener('message', (event) => waiting.shift()?.(event.data as EstimationReply));
      const broken = (message: string) => {
        for (const settle of waiting.splice(0)) settle({ type: 'failed', message });
      };
      worker.addEventListener('error', (event) => broken(`the estimation worker failed: ${event.message ?? 'it did not start'}`));
      worker.addEventListener('messageerror', () => broken('the estimation worker could not read a message'));
      this.send = (request, transfer = []) =>
        new Promise((resolve) => {
          waiting.push(resolve);
          worker.postMessage(request, transfer);
        });
    } else {
      const handle = createEstimationHandler();
      this.send = (request) => handle(request);
    }
    this.track(this.send({ type: 'init', args: init }).then((reply) => this.received(reply)));
  }

  /**
   * Hand one epoch's activations to the estimation worker (see the module comment for when it returns, and what).
   * The epoch record (metrics, weight norms) is appended with the epoch's points.
   */
  override async record(epoch: number, activations: LayerActivations, metrics: Record<string, number> = {}, extras: RecordExtras = {}): Promise<RunPointRecord[]> {
    const fn = 'WorkerRecorder.record';
    if (this.ended) fail('invalid_option', { fn, param: 'recorder', expected: 'open', received: 'a closed recorder' });
    checkNumber(fn, 'epoch', epoch, { integer: true, min: 0 });
    if (typeof metrics !== 'object' || metrics === null) fail('invalid_type', { fn, param: 'metrics', expected: 'an object of numbers', received: describeValue(metrics) });
    const transfer: unknown[] = [];
    const layers = layerList(fn, activations).map(({ name, activations: a }) => ({ name, activations: copyForTransfer(a, transfer) }));
    await this.begin(layers.map(({ name, activations: a }) => ({ name, units: unitsOf(a, this.x.n) })));
    const job = this.send({ type: 'record', epoch, layers, metrics: { ...metrics }, extras: { ...extras } }, transfer).then((reply) => this.received(reply));
    this.track(job);
    if (this.options.wait ?? WORKER_RECORDER_DEFAULTS.wait) return job;
    while (this.pending.length > (this.options.maxPending ?? WORKER_RECORDER_DEFAULTS.maxPending)) await this.pending[0];
    return [];
  }

  /** Wait until every epoch handed over is estimated and appended; the run so far. Rejects after a failed epoch. */
  async flush(): Promise<Run | undefined> {
    while (this.pending.length > 0) await this.pending[this.pending.length - 1];
    if (this.failure) throw this.failure;
    return this.run;
  }

  /** Stop accepting epochs; the ones handed over are still appended, then the worker stops and the run closes. */
  override close(): void {
    if (this.ended) return;
    this.ended = true;
    void Promise.allSettled([...this.pending]).then(() => {
      this.worker?.terminate();
      super.close();
    });
  }

  private track(job: Promise<unknown>): void {
    const settled = job.then(
      () => undefined,
      () => undefined,
    );
    this.pending.push(settled);
    void settled.then(() => this.pending.splice(this.pending.indexOf(settled), 1));
  }

  private received(reply: EstimationReply): RunPointRecord[] {
    if (reply.type === 'ready') return [];
    if (reply.type === 'failed') {
      const error = new Error(`WorkerRecorder: ${reply.epoch !== undefined ? `epoch ${reply.epoch}: ` : ''}${reply.message}`);
      this.failure ??= error;
      if (this.options.onError) this.options.onError(error, reply.epoch);
      else console.error(error.message);
      throw error;
    }
    this.append(reply.records as RunRecord[]);
    const points = reply.records.filter((r): r is RunPointRecord => r.type === 'point');
    this.options.onRecord?.(reply.epoch, points);
    return points;
  }
}

/**
 * A recorder estimating in a Web Worker (see `WorkerRecorder`).
 * @example
 * const recorder = createWorkerRecorder({inputs: x, labels: y, estimators: ['binning']}, {onRecord: (e) => redraw()});
 * if (recorder.shouldRecord(epoch)) await recorder.record(epoch, {hidden: h}, {loss});
 * const run = await recorder.flush();
 */
export function createWorkerRecorder(args: RecorderArgs, options: WorkerRecorderOptions = {}): WorkerRecorder {
  return new WorkerRecorder(args, options);
}

/** The activations of an epoch in layer order, from the forms `InfoPlaneRecorder.record` accepts. */
function layerList(fn: string, activations: LayerActivations): { name: string; activations: unknown }[] {
  if (Array.isArray(activations)) return activations.map((l) => ({ name: l.name, activations: l.activations }));
  if (activations instanceof Map) return [...activations.entries()].map(([name, a]) => ({ name, activations: a }));
  if (typeof activations === 'object' && activations !== null) return Object.entries(activations).map(([name, a]) => ({ name, activations: a }));
  return fail('invalid_type', { fn, param: 'activations', expected: 'layer activations (an array of {name, activations}, a Map or an object)', received: describeValue(activations) });
}

/** A copy of typed-array data whose buffer can be transferred (the caller may reuse its arrays); others as they are. */
function copyForTransfer(a: unknown, transfer: unknown[]): unknown {
  if (ArrayBuffer.isView(a) && !(a instanceof DataView)) {
    const copy = (a as unknown as Float32Array).slice();
    transfer.push(copy.buffer);
    return copy;
  }
  if (typeof a === 'object' && a !== null && ArrayBuffer.isView((a as { data?: unknown }).data)) {
    const data = ((a as { data: Float32Array }).data as Float32Array).slice();
    transfer.push(data.buffer);
    return { ...(a as object), data };
  }
  return a;
}

/** Columns of a layer's activations (for the header's model summary when the recorder has none). */
function unitsOf(a: unknown, n: number): number {
  const shaped = a as { shape?: number[]; d?: number; data?: ArrayLike<number>; length?: number };
  if (Array.isArray(shaped.shape)) return shaped.shape.slice(1).reduce((p, v) => p * v, 1);
  if (typeof shaped.d === 'number') return shaped.d;
  if (Array.isArray(a)) return Array.isArray(a[0]) ? (a[0] as unknown[]).length : 1;
  if (ArrayBuffer.isView(a)) return n > 0 ? (a as unknown as Float32Array).length / n : 0;
  return 0;
}
