/**
 * A TensorFlow.js training callback that records the information plane of a model's layers during
 * `model.fit`: at each scheduled epoch it runs the probe inputs through ONE multi-output model
 * (`tf.model({inputs: model.inputs, outputs: layers.map((l) => l.output)})`), reads the activations, disposes
 * every tensor it made, and hands them to an `InfoPlaneRecorder` (estimates + run file). Epochs the schedule
 * skips cost a set lookup.
 */
import type { LayersModel, Logs, SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import { describeValue, fail } from '../core/errors';
import { Labels, toLabels } from '../core/labels';
import { randomSource, sampleIndices } from '../core/random';
import { Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { weightMatrixShape, weightSpectrum } from '../core/spectral/weightSpectrum';
import { Units } from '../core/units';
import { checkBoolean, checkNumber, checkOptionNames } from '../core/validate';
import { EstimatorInput, InfoPlaneRecorder, RecorderArgs } from '../record/recorder';
import { resolveSchedule, ScheduleSpec } from '../record/schedule';
import { readNumericLogs } from '../run/numericLogs';
import { RunSink } from '../run/sink';
import { Run, RunModelSummary, RunPointRecord, RunWeightSpectrum } from '../run/types';
import { announceBackend, loadTensorFlow } from './backend';

const { tf, packageName } = loadTensorFlow();

type Layer = LayersModel['layers'][number];

/** Which layers to record: names, indices into `model.layers`, or a predicate. */
export type LayerSelection = ReadonlyArray<string | number> | ((layer: Layer, index: number) => boolean);

export interface InfoPlaneCallbackArgs {
  /**
   * The training inputs (the tensor given to `fit`, or plain data): the probe set is `maxSamples` rows of it,
   * drawn with `seed`. Required.
   */
  x: Tensor | SamplesLike;
  /** Class labels of `x`: a one-hot or integer tensor, an array, or `Labels`. Required unless `target` or `labelSets` is given. */
  y?: Tensor | SamplesLike | Labels;
  /**
   * Several named label sets of `x` instead of `y` (each like `y`), e.g. `{clean: trueLabels, noisy:
   * trainedLabels}`: every point records I(T;Y) against each set in `itySets`, `ity` being the first set's (see
   * the recorder's `labelSets`). Defaults to undefined.
   */
  labelSets?: Readonly<Record<string, Tensor | SamplesLike | Labels>>;
  /** Continuous target of `x` (regression), a tensor or array of n values. Defaults to undefined. */
  target?: Tensor | SamplesLike;
  /** Number of classes a continuous `target` is cut into for label-based estimators. Defaults to 10. */
  targetClasses?: number;
  /** Probe size: rows of `x` drawn without replacement when it has more. Defaults to 4096. */
  maxSamples?: number;
  /** Seed of the probe subsample. Defaults to 0. */
  seed?: number;
  /** Layers to record (names, indices or a predicate); convolutional outputs are flattened. Defaults to every layer with weights. */
  layers?: LayerSelection;
  /** Estimators run at every recorded epoch (names or {name, options, label}). Defaults to ['binning', 'adaptive-binning']. */
  estimators?: readonly EstimatorInput[];
  /**
   * Epochs to record, counted as completed epochs (0 = before training): 'every-epoch', {every: k},
   * {logSpaced: count} over the planned epochs, a list, or a function. Defaults to {logSpaced: 30}.
   */
  schedule?: ScheduleSpec;
  /** Planned number of epochs (for {logSpaced}). Defaults to the `epochs` given to `fit`. */
  epochs?: number;
  /** Record epoch 0 (the untrained network) at the start of training when the schedule includes it. Defaults to true. */
  recordInitial?: boolean;
  /** Units of the run. Defaults to 'bits'. */
  units?: Units;
  /** NDJSON run file to write (every recorded epoch is flushed before training goes on). Defaults to undefined (memory only). */
  runFile?: string;
  /** Replace an existing run file. Defaults to false. */
  overwrite?: boolean;
  /** Another destination for the run records. Defaults to undefined. */
  sink?: RunSink;
  /** Folder where each recorded epoch's raw activations are saved as an activation snapshot (`epoch-<E>/<layer>.npy`, see `infoplane estimate`). Defaults to undefined. */
  keepActivations?: string;
  /** Element type of saved activations. Defaults to 'float32'. */
  activationsDtype?: 'float32' | 'float64';
  /** Record the Frobenius norm of each layer's weights. Defaults to true. */
  weightNorms?: boolean;
  /**
   * Record the singular-value summaries of every weight matrix (kernels of rank >= 2; a convolution kernel as
   * (kh*kw*cin) x cout): condition number, log-volume and stable rank, by layer (`weightSpectrum`). Costs
   * O(r^2 max(rows, cols)) per matrix and recorded epoch, r = min(rows, cols): well under a millisecond for the
   * reference experiments' dense kernels, about 0.2 s for a 3 x 3 x 256 x 256 convolution kernel. Defaults to true.
   */
  weightSpectra?: boolean;
  /** Write each point's per-class terms (`perClass`, see the recorder's option of that name). Defaults to false. */
  perClass?: boolean;
  /** Batch size of the probe forward pass. Defaults to 1024. */
  batchSize?: number;
  /** Data set name for the run header. Defaults to 'unknown'. */
  dataset?: string;
  /** Free text describing the model/training for the header (optimizer, learning rate...). Defaults to the layer list. */
  description?: string;
  /** More header fields (anything JSON). Defaults to {}. */
  meta?: Record<string, unknown>;
  /** The model, when the callback is not given to `fit` directly (tfjs sets it otherwise). Defaults to undefined. */
  model?: LayersModel;
  /** Called after each recorded epoch with its point records. Defaults to undefined. */
  onRecord?: (epoch: number, points: RunPointRecord[]) => void;
  /**
   * Makes the recorder from the arguments the callback resolved (e.g. a `WorkerRecorder` estimating in a Web
   * Worker, as `showInfoPlane` of `infoplane/browser` does). Defaults to `new InfoPlaneRecorder(args)`.
   */
  createRecorder?: (args: RecorderArgs) => InfoPlaneRecorder;
}

export const INFO_PLANE_CALLBACK_DEFAULTS = {
  maxSamples: 4096,
  seed: 0,
  schedule: { logSpaced: 30 } as ScheduleSpec,
  recordInitial: true,
  weightNorms: true,
  weightSpectra: true,
  batchSize: 1024,
  targetClasses: 10,
} as const;

const ARG_NAMES = [
  'x',
  'y',
  'labelSets',
  'target',
  'targetClasses',
  'maxSamples',
  'seed',
  'layers',
  'estimators',
  'schedule',
  'epochs',
  'recordInitial',
  'units',
  'runFile',
  'overwrite',
  'sink',
  'keepActivations',
  'activationsDtype',
  'weightNorms',
  'weightSpectra',
  'perClass',
  'batchSize',
  'dataset',
  'description',
  'meta',
  'model',
  'onRecord',
  'createRecorder',
] as const;

function isTensor(v: unknown): v is Tensor {
  return v instanceof tf.Tensor;
}

/**
 * Records information-plane points of selected layers during `model.fit`. Use with other callbacks:
 * `model.fit(x, y, {epochs, callbacks: [infoPlaneCallback({x, y, runFile}), other]})` (when mixing with plain
 * `{onEpochEnd}` objects, put this one first, or pass `model`).
 */
export class InfoPlaneCallback extends tf.Callback {
  private readonly args: InfoPlaneCallbackArgs;
  private readonly fnName = 'infoPlaneCallback';
  private probeRows?: Int32Array | null;
  private probeSamples?: Samples;
  private probeLabels?: Labels;
  private probeLabelSets?: Record<string, Labels>;
  private probeTarget?: Samples;
  private recorderInstance?: InfoPlaneRecorder;
  private probeTensor?: Tensor;
  private probeModel?: LayersModel;
  private recordedLayers: Layer[] = [];
  private weightedLayers: Layer[] = [];
  private explicitModel?: LayersModel;

  constructor(args: InfoPlaneCallbackArgs) {
    super();
    const fn = 'infoPlaneCallback';
    if (typeof args !== 'object' || args === null) fail('invalid_type', { fn, param: 'args', expected: 'an object', received: describeValue(args) });
    checkOptionNames(fn, args, ARG_NAMES);
    const { maxSamples = INFO_PLANE_CALLBACK_DEFAULTS.maxSamples, seed = INFO_PLANE_CALLBACK_DEFAULTS.seed, batchSize = INFO_PLANE_CALLBACK_DEFAULTS.batchSize } = args;
    checkNumber(fn, 'maxSamples', maxSamples, { integer: true, min: 2 });
    checkNumber(fn, 'seed', seed, { integer: true, min: 0 });
    checkNumber(fn, 'batchSize', batchSize, { integer: true, min: 1 });
    if (args.epochs !== undefined) checkNumber(fn, 'epochs', args.epochs, { integer: true, min: 1 });
    if (args.recordInitial !== undefined) checkBoolean(fn, 'recordInitial', args.recordInitial);
    if (args.weightNorms !== undefined) checkBoolean(fn, 'weightNorms', args.weightNorms);
    if (args.weightSpectra !== undefined) checkBoolean(fn, 'weightSpectra', args.weightSpectra);
    if (args.x === undefined || args.x === null) fail('invalid_type', { fn, param: 'x', expected: 'the training inputs (a tensor or an array)', received: describeValue(args.x) });
    if (args.y === undefined && args.target === undefined && args.labelSets === undefined) fail('invalid_option', { fn, param: 'y', expected: 'the labels of x (or a continuous target)', received: 'undefined' });
    if (args.labelSets !== undefined) {
      if (args.y !== undefined) fail('invalid_option', { fn, param: 'labelSets', expected: 'given instead of y (the first set plays the part of y)', received: 'both y and labelSets' });
      if (typeof args.labelSets !== 'object' || args.labelSets === null || Array.isArray(args.labelSets) || isTensor(args.labelSets) || Object.keys(args.labelSets).length === 0) {
        fail('invalid_type', { fn, param: 'labelSets', expected: 'an object of named label sets, e.g. {clean: y, noisy: yNoisy}', received: describeValue(args.labelSets) });
      }
    }
    if (args.layers !== undefined && typeof args.layers !== 'function' && !Array.isArray(args.layers)) {
      fail('invalid_type', { fn, param: 'layers', expected: 'layer names, indices, or a predicate (layer, index) => boolean', received: describeValue(args.layers) });
    }
    if (args.onRecord !== undefined && typeof args.onRecord !== 'function') fail('invalid_type', { fn, param: 'onRecord', expected: 'a function', received: describeValue(args.onRecord) });
    if (args.createRecorder !== undefined && typeof args.createRecorder !== 'function') fail('invalid_type', { fn, param: 'createRecorder', expected: 'a function (args) => InfoPlaneRecorder', received: describeValue(args.createRecorder) });
    // a schedule that needs no planned epochs is checked now; {logSpaced} when training starts
    if (args.schedule !== undefined && !(typeof args.schedule === 'object' && args.schedule !== null && 'logSpaced' in args.schedule && args.epochs === undefined)) {
      resolveSchedule(args.schedule, args.epochs, fn, 'schedule');
    }
    this.args = args;
    this.explicitModel = args.model;
    // hooks keep `this` when tfjs wraps the callback as a plain {onEpochEnd...} object
    this.onTrainBegin = this.onTrainBegin.bind(this);
    this.onEpochEnd = this.onEpochEnd.bind(this);
    this.onTrainEnd = this.onTrainEnd.bind(this);
  }

  /** The recorder (created when training starts). */
  get recorder(): InfoPlaneRecorder | undefined {
    return this.recorderInstance;
  }

  /** The run recorded so far (header, points, epoch logs), or undefined before training starts. */
  get run(): Run | undefined {
    return this.recorderInstance?.run;
  }

  /** Names of the recorded layers, in order (known once training starts). */
  get layerNames(): string[] {
    return this.recordedLayers.map((l) => l.name);
  }

  override setModel(model: unknown): void {
    this.model = model as LayersModel;
  }

  private get trainedModel(): LayersModel {
    const model = (this.model as LayersModel | undefined) ?? this.explicitModel;
    if (!model) fail('invalid_option', { fn: this.fnName, param: 'model', expected: 'set by model.fit or given in the arguments', received: 'no model' });
    return model;
  }

  override async onTrainBegin(logs?: Logs): Promise<void> {
    void logs;
    const model = this.trainedModel;
    this.selectLayers(model);
    if (!this.recorderInstance) this.recorderInstance = await this.createRecorder(model);
    this.buildProbe(model);
    const initialEpoch = (this.params as { initialEpoch?: number } | undefined)?.initialEpoch ?? 0;
    this.checkContinues(initialEpoch);
    const recorder = this.recorderInstance;
    if ((this.args.recordInitial ?? INFO_PLANE_CALLBACK_DEFAULTS.recordInitial) && initialEpoch === 0 && recorder.shouldRecord(0) && !this.hasRecorded(0)) {
      await this.recordEpoch(0, {});
    }
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const recorder = this.recorderInstance;
    if (!recorder || !recorder.shouldRecord(epoch + 1)) return;
    await this.recordEpoch(epoch + 1, logs ?? {});
  }

  override async onTrainEnd(logs?: Logs): Promise<void> {
    void logs;
    this.disposeProbe();
    this.recorderInstance?.release();
  }

  /** Dispose the probe tensor and close the run file (also done at the end of each `fit`). */
  dispose(): void {
    this.disposeProbe();
    this.recorderInstance?.close();
  }

  /**
   * One run per callback (and per run file): a later `fit` must continue the recorded epochs (tfjs's
   * `initialEpoch`), else its epochs 0, 1, ... would be appended to the first run under its header.
   */
  private checkContinues(initialEpoch: number): void {
    const epochs = this.recorderInstance?.run?.epochs ?? [];
    if (epochs.length === 0) return;
    const last = Math.max(...epochs.map((e) => e.epoch));
    if (initialEpoch >= last) return;
    fail('invalid_option', {
      fn: this.fnName,
      param: 'fit',
      expected: `a fit that continues the recorded run (initialEpoch >= ${last}), or a new infoPlaneCallback for a new run`,
      received: `another fit() starting at epoch ${initialEpoch}, while the run${this.args.runFile ? ` in ${this.args.runFile}` : ''} already holds epochs up to ${last}`,
      detail: 'one run per file: create a new callback (with a new runFile) for each training, or pass initialEpoch to fit to go on with this one',
    });
  }

  private hasRecorded(epoch: number): boolean {
    return this.recorderInstance?.run?.epochs.some((e) => e.epoch === epoch) ?? false;
  }

  private disposeProbe(): void {
    if (this.probeTensor && !this.probeTensor.isDisposed) this.probeTensor.dispose();
    this.probeTensor = undefined;
    this.probeModel = undefined;
  }

  private selectLayers(model: LayersModel): void {
    const fn = this.fnName;
    const layers = model.layers;
    const sel = this.args.layers;
    let chosen: Layer[];
    if (sel === undefined) {
      chosen = layers.filter((l) => l.weights.length > 0);
    } else if (typeof sel === 'function') {
      chosen = layers.filter((l, i) => sel(l, i));
    } else {
      chosen = sel.map((s, i) => {
        if (typeof s === 'number') {
          if (!Number.isInteger(s) || s < 0 || s >= layers.length) {
            fail('out_of_range', { fn, param: `layers[${i}]`, expected: `a layer index in [0, ${layers.length - 1}]`, received: describeValue(s) });
          }
          return layers[s];
        }
        const layer = layers.find((l) => l.name === s);
        if (!layer) fail('invalid_option', { fn, param: `layers[${i}]`, expected: `one of the model's layers (${layers.map((l) => l.name).join(', ')})`, received: JSON.stringify(s) });
        return layer;
      });
    }
    if (chosen.length === 0) fail('empty', { fn, param: 'layers', expected: 'at least one layer to record', received: 'none selected' });
    if (new Set(chosen.map((l) => l.name)).size !== chosen.length) fail('invalid_option', { fn, param: 'layers', expected: 'each layer once', received: 'a layer twice' });
    this.recordedLayers = chosen;
    this.weightedLayers = layers.filter((l) => l.weights.length > 0);
  }

  /** Choose the probe rows and convert x, y and target to plain arrays (once). */
  private async resolveProbe(): Promise<void> {
    const fn = this.fnName;
    const { x, y, target, maxSamples = INFO_PLANE_CALLBACK_DEFAULTS.maxSamples, seed = INFO_PLANE_CALLBACK_DEFAULTS.seed } = this.args;
    // a tensor is subsampled on the backend first, so that only the probe rows are downloaded
    const n = isTensor(x) ? (x.shape[0] ?? 0) : undefined;
    let rows = n !== undefined && n > maxSamples ? sampleIndices(n, maxSamples, randomSource(seed)) : null;
    const xs = await toFlatSamples(x, fn, 'x', rows);
    const total = n ?? xs.n;
    if (n === undefined && xs.n > maxSamples) {
      rows = sampleIndices(xs.n, maxSamples, randomSource(seed));
      this.probeSamples = selectRows(xs, rows);
    } else {
      this.probeSamples = xs;
    }
    this.probeRows = rows;
    const countOf = (v: unknown): number => (isTensor(v) ? (v.shape[0] ?? 0) : -1);
    /** The probe rows of labels given like `y` (a tensor is subsampled on the backend). */
    const probeLabelsOf = async (v: unknown, param: string): Promise<Labels> => {
      let labels = toLabels((await toLabelInput(v, isTensor(v) ? rows : null)) as SamplesLike | Labels, { fn, param });
      const count = isTensor(v) ? countOf(v) : labels.n;
      if (count !== total) fail('length_mismatch', { fn, param, expected: `as many samples as x (${total})`, received: `${count}` });
      if (rows && !isTensor(v)) labels = selectLabels(labels, rows);
      return labels;
    };
    if (y !== undefined) this.probeLabels = await probeLabelsOf(y, 'y');
    if (this.args.labelSets !== undefined) {
      const sets: Record<string, Labels> = {};
      for (const [name, v] of Object.entries(this.args.labelSets)) {
        Object.defineProperty(sets, name, { value: await probeLabelsOf(v, `labelSets.${name}`), enumerable: true, writable: true, configurable: true });
      }
      this.probeLabelSets = sets;
    }
    if (target !== undefined) {
      let ts = await toFlatSamples(target, fn, 'target', isTensor(target) ? rows : null);
      const count = isTensor(target) ? countOf(target) : ts.n;
      if (count !== total) fail('length_mismatch', { fn, param: 'target', expected: `as many samples as x (${total})`, received: `${count}` });
      if (rows && !isTensor(target)) ts = selectRows(ts, rows);
      this.probeTarget = ts;
    }
  }

  private async createRecorder(model: LayersModel): Promise<InfoPlaneRecorder> {
    await this.resolveProbe();
    const a = this.args;
    const planned = a.epochs ?? (this.params as { epochs?: number } | undefined)?.epochs;
    const layers: RunModelSummary['layers'] = this.recordedLayers.map((l) => ({ name: l.name, units: outputUnits(l), activation: activationOf(l) }));
    const summary: RunModelSummary = {
      layers,
      description: a.description ?? describeModel(model),
      className: model.getClassName(),
      allLayers: model.layers.map((l) => ({ name: l.name, className: l.getClassName(), units: outputUnits(l), activation: activationOf(l) })),
      parameters: model.countParams(),
    };
    const optimizer = (model as unknown as { optimizer?: { getClassName(): string; getConfig?(): unknown } }).optimizer;
    if (optimizer) summary.optimizer = { className: optimizer.getClassName(), config: safeConfig(optimizer) };
    const loss = (model as unknown as { loss?: unknown }).loss;
    if (typeof loss === 'string' || Array.isArray(loss)) summary.loss = loss;
    const make = a.createRecorder ?? ((args: RecorderArgs) => new InfoPlaneRecorder(args));
    const recorder = make({
      inputs: this.probeSamples as Samples,
      labels: this.probeLabels,
      labelSets: this.probeLabelSets,
      target: this.probeTarget,
      targetClasses: a.targetClasses,
      estimators: a.estimators,
      units: a.units,
      schedule: a.schedule ?? INFO_PLANE_CALLBACK_DEFAULTS.schedule,
      plannedEpochs: planned,
      runFile: a.runFile,
      overwrite: a.overwrite,
      sink: a.sink,
      keepActivations: a.keepActivations,
      activationsDtype: a.activationsDtype,
      perClass: a.perClass,
      header: {
        model: summary,
        dataset: a.dataset,
        seed: a.seed ?? INFO_PLANE_CALLBACK_DEFAULTS.seed,
        versions: { tfjs: tf.version.tfjs, tfjsPackage: packageName, tfjsBackend: tf.getBackend() },
        meta: { ...(a.meta ?? {}), probe: { maxSamples: a.maxSamples ?? INFO_PLANE_CALLBACK_DEFAULTS.maxSamples, subsampled: this.probeRows !== null } },
      },
    });
    announceBackend(); // the backend line, at first use (importing infoplane/tfjs prints nothing)
    await recorder.begin();
    return recorder;
  }

  /** The probe inputs as a tensor of the model's input shape, and the multi-output model (per fit). */
  private buildProbe(model: LayersModel): void {
    if (!this.probeTensor || this.probeTensor.isDisposed) {
      const s = this.probeSamples as Samples;
      const inputShape = model.inputs[0].shape.slice(1).map((v) => (v === null ? -1 : v));
      this.probeTensor = tf.tensor(Float32Array.from(s.data), [s.n, ...inputShape] as number[]);
    }
    const outputs = this.recordedLayers.map((l) => {
      const out = l.output as SymbolicTensor | SymbolicTensor[];
      return Array.isArray(out) ? out[0] : out;
    });
    this.probeModel = tf.model({ inputs: model.inputs, outputs });
  }

  private async recordEpoch(epoch: number, logs: Logs): Promise<void> {
    const recorder = this.recorderInstance as InfoPlaneRecorder;
    if (!this.probeModel || !this.probeTensor) this.buildProbe(this.trainedModel);
    const batchSize = this.args.batchSize ?? INFO_PLANE_CALLBACK_DEFAULTS.batchSize;
    const predicted = (this.probeModel as LayersModel).predict(this.probeTensor as Tensor, { batchSize });
    const outs = Array.isArray(predicted) ? predicted : [predicted];
    let activations: { name: string; activations: { data: Float32Array; shape: number[] } }[];
    try {
      const values = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
      activations = this.recordedLayers.map((l, i) => {
        const shape = outs[i].shape;
        const n = shape[0];
        return { name: l.name, activations: { data: values[i], shape: [n, values[i].length / n] } };
      });
    } finally {
      tf.dispose(outs);
    }
    const metrics = await resolveLogs(logs);
    const weightNorms = this.args.weightNorms ?? INFO_PLANE_CALLBACK_DEFAULTS.weightNorms ? await this.weightNorms() : undefined;
    const weightSpectra = this.args.weightSpectra ?? INFO_PLANE_CALLBACK_DEFAULTS.weightSpectra ? await this.weightSpectra() : undefined;
    const points = await recorder.record(epoch, activations, metrics, { weightNorms, weightSpectra });
    this.args.onRecord?.(epoch, points);
  }

  /**
   * Kappa, log-volume and stable rank of every weight matrix (rank >= 2: kernels; biases and scales are skipped),
   * by layer name, or `layer/weight` for a layer with several matrices (a recurrent kernel beside a kernel).
   */
  private async weightSpectra(): Promise<Record<string, RunWeightSpectrum>> {
    const matrices: { key: string; shape: [number, number]; data: Promise<ArrayLike<number>> }[] = [];
    for (const layer of this.weightedLayers) {
      const kernels = layer.weights.filter((w) => weightMatrixShape(w.shape as number[]) !== undefined);
      for (const w of kernels) {
        const key = kernels.length === 1 ? layer.name : `${layer.name}/${w.name.split('/').pop()}`;
        // read() is the variable's own tensor (not a copy): data() downloads it and leaves nothing to dispose
        matrices.push({ key, shape: weightMatrixShape(w.shape as number[]) as [number, number], data: w.read().data() as Promise<Float32Array> });
      }
    }
    const out: Record<string, RunWeightSpectrum> = {};
    for (const m of matrices) {
      Object.defineProperty(out, m.key, { value: weightSpectrum(await m.data, m.shape[0], m.shape[1]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private async weightNorms(): Promise<Record<string, number>> {
    const layers = this.weightedLayers;
    if (layers.length === 0) return {};
    const norms = tf.tidy(() => tf.stack(layers.map((l) => tf.sqrt(tf.addN(l.weights.map((w) => tf.sum(tf.square(w.read()))))))));
    try {
      const values = await norms.data();
      const out: Record<string, number> = {};
      layers.forEach((l, i) => (out[l.name] = values[i]));
      return out;
    } finally {
      norms.dispose();
    }
  }
}

/**
 * Create an `InfoPlaneCallback` (the class + factory pair of tfjs callbacks).
 *
 * @example
 * const cb = infoPlaneCallback({x: xs, y: ys, estimators: ['binning', 'adaptive-binning'], schedule: {logSpaced: 30}, runFile: 'runs/a.ndjson'});
 * await model.fit(xs, ys, {epochs: 200, callbacks: [cb]});
 * cb.run.points.length; // => recorded epochs x layers x estimators
 */
export function infoPlaneCallback(args: InfoPlaneCallbackArgs): InfoPlaneCallback {
  return new InfoPlaneCallback(args);
}

/** Rows `rows` (all when null) of a tensor, downloaded; the gathered copy is disposed. */
async function tensorRows(v: Tensor, rows: Int32Array | null): Promise<{ data: ArrayLike<number>; n: number }> {
  if (!rows) return { data: (await v.data()) as Float32Array, n: v.shape[0] ?? 1 };
  const picked = tf.tidy(() => tf.gather(v, tf.tensor1d(rows, 'int32')));
  try {
    return { data: (await picked.data()) as Float32Array, n: rows.length };
  } finally {
    picked.dispose();
  }
}

async function toFlatSamples(v: unknown, fn: string, param: string, rows: Int32Array | null = null): Promise<Samples> {
  if (isTensor(v)) {
    if (v.isDisposed) fail('invalid_type', { fn, param, expected: 'a live tensor', received: 'a disposed tensor' });
    if (v.rank === 0) fail('invalid_type', { fn, param, expected: 'a tensor of rank >= 1', received: 'a scalar' });
    const { data, n } = await tensorRows(v, rows);
    return toSamples({ data, shape: [n, n === 0 ? 0 : data.length / n] }, { fn, param, minSamples: 2 });
  }
  const maybeShaped = v as { data?: ArrayLike<number>; shape?: number[] };
  if (maybeShaped && typeof maybeShaped === 'object' && Array.isArray(maybeShaped.shape) && maybeShaped.shape.length > 2 && maybeShaped.data) {
    const [n, ...rest] = maybeShaped.shape;
    return toSamples({ data: maybeShaped.data, shape: [n, rest.reduce((a, b) => a * b, 1)] }, { fn, param, minSamples: 2 });
  }
  return toSamples(v, { fn, param, minSamples: 2 });
}

async function toLabelInput(y: unknown, rows: Int32Array | null): Promise<unknown> {
  if (!isTensor(y)) return y;
  const ids = tf.tidy(() => {
    const picked = rows ? tf.gather(y, tf.tensor1d(rows, 'int32')) : y;
    return y.rank === 2 && y.shape[1] !== 1 ? tf.argMax(picked, 1) : picked.reshape([-1]);
  });
  try {
    return Array.from(await ids.data());
  } finally {
    ids.dispose();
  }
}

function selectLabels(labels: Labels, rows: Int32Array): Labels {
  const raw = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) raw[i] = labels.classes[labels.ids[rows[i]]];
  return toLabels(raw);
}

/** Epoch logs as numbers (tfjs may pass scalar tensors; they are read, not disposed: tfjs owns them). */
function resolveLogs(logs: Logs | Record<string, unknown>): Promise<Record<string, number>> {
  return readNumericLogs(logs, (v) => (isTensor(v) && !v.isDisposed && v.size === 1 ? v.data().then((d) => d[0]) : undefined));
}

function outputUnits(layer: Layer): number {
  try {
    const shape = layer.outputShape as (number | null)[] | (number | null)[][];
    const s = Array.isArray(shape[0]) ? (shape[0] as (number | null)[]) : (shape as (number | null)[]);
    return s.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  } catch {
    return 0;
  }
}

function activationOf(layer: Layer): string | undefined {
  try {
    const a = layer.getConfig().activation;
    return typeof a === 'string' ? a : undefined;
  } catch {
    return undefined;
  }
}

function safeConfig(o: { getConfig?(): unknown }): unknown {
  try {
    return JSON.parse(JSON.stringify(o.getConfig?.() ?? {}));
  } catch {
    return {};
  }
}

function describeModel(model: LayersModel): string {
  const inShape = model.inputs[0].shape.slice(1).join('x');
  return `${inShape}-${model.layers.filter((l) => l.weights.length > 0).map((l) => `${outputUnits(l)}${activationOf(l) ? ` ${activationOf(l)}` : ''}`).join('-')}`;
}
