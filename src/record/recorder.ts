/**
 * The information-plane recorder: framework-free. Given a probe set (inputs X and labels Y) and a list of
 * estimators, `record(epoch, activationsByLayer, metrics)` estimates I(X;T) and I(T;Y) (or H(T) for
 * entropy-only estimators such as DSE) of every layer with every estimator on the same snapshot, in the same
 * units, and appends the results to a run (a file, memory, or any `RunSink`). Any training loop can call it;
 * the TensorFlow.js callback (`infoplane/tfjs`) is one such loop.
 */
import { equalWidthClasses } from '../core/binning/equalWidth';
import { describeValue, fail } from '../core/errors';
import { isLabels, Labels, toLabels } from '../core/labels';
import { Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { selectLabels, subsampleRows } from '../core/subsample';
import { fromNats, toNats, Units } from '../core/units';
import { checkBoolean, checkChoice, checkNumber, checkOptionNames, checkSameCount, checkUnits } from '../core/validate';
import { warn } from '../core/warn';
import { pointBaseline } from '../estimators/baseline';
import { pointBootstrap } from '../estimators/bootstrap';
import { estimatorSpec } from '../estimators/registry';
import { ClassTerms } from '../estimators/types';
import { dataDependentParams, EstimatorSpec, Operation, reportedDefaults, resolveOptions } from '../estimators/specs/spec';
import { createRunHeader } from '../run/header';
import { numericLogs } from '../run/numericLogs';
import { RunFileWriter } from '../run/runFile';
import { MemoryRunSink, RunSink, TeeRunSink } from '../run/sink';
import { Run, RunEpochRecord, RunEstimator, RunHeader, RunModelSummary, RunPointRecord, RunRecord, RunWarning, RunWeightSpectrum } from '../run/types';
import { resolveSchedule, Schedule, ScheduleSpec } from './schedule';
import { writeSnapshotEpoch } from './snapshot';

/** One estimator of a recorder: a registry name, its options, and how point records name it. */
export interface EstimatorConfig {
  /** Registry name: `binning`, `adaptive-binning`, `kde`, `dse`, `cs`... */
  name: string;
  /**
   * The estimator's options (as its API takes them; `units` is the recorder's). For `binning`, `maxScaled: true`
   * is handled by the recorder: edges linspace(0, M, bins) with M the running maximum over every layer and epoch
   * recorded so far (Chelombiev et al. 2019). Defaults to {}.
   */
  options?: Record<string, unknown>;
  /** Name used in point records; needed when the same estimator is configured twice. Defaults to `name`. */
  label?: string;
  /**
   * What I(T;Y) is measured against: 'labels' (the integer labels, through the estimator's `point`) or
   * 'continuous' (the recorder's continuous `target`, through the estimator's `mi`: I(X;T) = mi(X, T),
   * I(T;Y) = mi(T, target)). Defaults to 'labels'.
   */
  target?: 'labels' | 'continuous';
}

/** An estimator given by name only, or fully configured. */
export type EstimatorInput = string | EstimatorConfig;

/** Activations of the recorded layers at one epoch: in layer order, as `[name, values]` pairs, a Map or an object. */
export type LayerActivations =
  | ReadonlyArray<{ name: string; activations: SamplesLike | ShapedActivations }>
  | ReadonlyMap<string, SamplesLike | ShapedActivations>
  | Readonly<Record<string, SamplesLike | ShapedActivations>>;

/** Activations as a flat array with a shape of any rank (n, ...): flattened to n x (product of the rest). */
export interface ShapedActivations {
  data: ArrayLike<number>;
  shape: readonly number[];
}

export interface RecorderArgs {
  /** Probe inputs X, n x d (the samples whose activations are recorded). Required. */
  inputs: SamplesLike;
  /** Integer class labels Y of the probe samples (flat, one column, or one-hot). Required unless `target` or `labelSets` is given. */
  labels?: SamplesLike | Labels;
  /**
   * Several named label sets of the probe samples instead of `labels`, e.g. `{clean: trueLabels, noisy:
   * trainedLabels}`: each point of an estimator with information-plane points gets I(T;Y) against every set in
   * `itySets` (by name), and `ity` is the first set's (as are the baseline, the bootstrap and saved activations).
   * The header's meta lists the names (`labelSets`) and H(Y) of each (`hYSets`). Each further set costs one
   * more point estimate per layer and estimator. Defaults to undefined (one set: `labels`).
   */
  labelSets?: Readonly<Record<string, SamplesLike | Labels>>;
  /**
   * Continuous target of the probe samples (regression). Estimators with `target: 'continuous'` use it as is;
   * the others use it cut into `targetClasses` equal-width classes as labels. Defaults to undefined.
   */
  target?: SamplesLike;
  /** Number of equal-width classes a continuous `target` is cut into for label-based estimators. Defaults to 10. */
  targetClasses?: number;
  /** Estimators to run at every recorded epoch. Defaults to ['binning', 'adaptive-binning']. */
  estimators?: readonly EstimatorInput[];
  /** Units of every value in the run. Defaults to 'bits'. */
  units?: Units;
  /** Which epochs `shouldRecord` accepts (completed epochs; 0 = before training). Defaults to 'every-epoch'. */
  schedule?: ScheduleSpec;
  /** Number of epochs the training plans, for `{logSpaced}` schedules and the header. Defaults to undefined. */
  plannedEpochs?: number;
  /** Append the run to this NDJSON file (flushed and fsynced per recorded epoch). Defaults to undefined (memory only). */
  runFile?: string;
  /** Replace an existing `runFile`. Defaults to false. */
  overwrite?: boolean;
  /** Another destination for the run (called in addition to `runFile`). Defaults to undefined. */
  sink?: RunSink;
  /**
   * Save each recorded layer's raw activations in this folder as an activation snapshot
   * (`epoch-<E>/<layer>.npy`, `epoch-<E>/logs.json`, plus `inputs.npy`, `labels.npy` and `layers.json`; see
   * `record/snapshot.ts`), so the run can be estimated again later with other estimators (`infoplane estimate`).
   * Defaults to undefined.
   */
  keepActivations?: string;
  /** Element type of the saved activations. Defaults to 'float32'. */
  activationsDtype?: 'float32' | 'float64';
  /**
   * A bias floor per layer: I(T;Y) with the labels permuted `shuffles` times (seeded by `seed`, default 0), at the
   * recorded epochs in `epochs` (default: every recorded epoch; each costs `shuffles` more estimates). Written as
   * each point's `baseline.ity` {shuffles, seed, mean, sd, min, max}; estimators without points are skipped.
   * Defaults to undefined (none).
   */
  baseline?: { shuffles: number; seed?: number; epochs?: number[] };
  /**
   * Error bars per layer: percentile intervals of I(X;T), I(T;Y) (and I(X;T|Y)) from `bootstrap` resamples of the
   * probe samples (seeded by `seed`, default 0; `level` default 0.95), at the recorded epochs in `epochs` (default:
   * every recorded epoch; each costs `bootstrap` more estimates). Written as each point's `bootstrap`; estimators
   * without points are skipped. Defaults to undefined (none).
   */
  bootstrap?: { bootstrap: number; seed?: number; level?: number; epochs?: number[] };
  /**
   * Write each point's per-class terms (`perClass`: per class H(T|Y=c), its term of I(T;Y) and I(X;T|Y=c)) for the
   * estimators that give them (binning, adaptive binning, KDE, adaptive KDE, DSMI). They cost nothing extra to
   * compute but grow the run file by one entry per class per point. Defaults to false.
   */
  perClass?: boolean;
  /**
   * Estimate on a seeded random subset of this many probe samples (stratified by the labels, or by the first
   * label set), the same rows at every epoch: the inputs, labels and target are cut once, and each layer's
   * activations (given for all the probe samples) are cut to the same rows. The header's `probeSize` is the rows
   * used; `meta.probe` says how many were given, the seed and the rows' stratification. Defaults to undefined
   * (every probe sample).
   */
  probeSize?: number;
  /** Seed of the `probeSize` subset. Defaults to 0. */
  probeSeed?: number;
  /**
   * The recorded layers in network order: their `layerIndex` in point records. Layers not listed are numbered
   * after them, in the order they are first recorded. Defaults to the order of first recording.
   */
  layers?: readonly string[];
  /** Header fields: the model, the data set, the seed, versions and anything else (meta). Defaults to {}. */
  header?: {
    model?: RunModelSummary;
    dataset?: string;
    seed?: number;
    versions?: Record<string, string>;
    meta?: Record<string, unknown>;
    runId?: string;
  };
}

export const RECORDER_DEFAULTS = {
  estimators: ['binning', 'adaptive-binning'] as readonly EstimatorInput[],
  units: 'bits' as Units,
  schedule: 'every-epoch' as ScheduleSpec,
  targetClasses: 10,
  overwrite: false,
  activationsDtype: 'float32' as 'float32' | 'float64',
};

const ARG_NAMES = [
  'inputs',
  'labels',
  'labelSets',
  'probeSize',
  'probeSeed',
  'target',
  'targetClasses',
  'estimators',
  'units',
  'schedule',
  'plannedEpochs',
  'runFile',
  'overwrite',
  'sink',
  'keepActivations',
  'activationsDtype',
  'baseline',
  'bootstrap',
  'perClass',
  'layers',
  'header',
] as const;

interface ResolvedEstimator {
  spec: EstimatorSpec;
  label: string;
  options: Record<string, unknown>;
  maxScaled: boolean;
  target: 'labels' | 'continuous';
}

/** Extra data for an epoch record. */
export interface RecordExtras {
  /** Frobenius norm of each layer's weights, by layer name. */
  weightNorms?: Record<string, number>;
  /** Singular-value summaries of each weight matrix (kappa, log-volume, stable rank: `weightSpectrum`), by layer name. */
  weightSpectra?: Record<string, RunWeightSpectrum>;
}

/**
 * Records information-plane points of a network's layers during training. See `createRecorder`.
 */
export class InfoPlaneRecorder {
  /** Probe inputs X. */
  readonly x: Samples;
  /** Probe samples given (before `probeSize`). */
  private readonly givenRows: number;
  /** The probe rows kept by `probeSize`, or undefined for all. */
  private readonly probeRows?: Int32Array;
  private readonly probe?: { given: number; used: number; seed: number; stratified: boolean };
  /** Probe labels Y (for a continuous target: the target cut into classes; with `labelSets`: the first set). */
  readonly labels: Labels;
  /** The named label sets in order (`labelSets`), or undefined for one set. */
  readonly labelSets?: ReadonlyArray<{ name: string; labels: Labels }>;
  /** Continuous target, when given. */
  readonly target?: Samples;
  readonly units: Units;
  readonly schedule: Schedule;
  /** The run file path, when writing one. */
  readonly runFile?: string;
  private readonly estimators: ResolvedEstimator[];
  private readonly sink: RunSink;
  private readonly memory = new MemoryRunSink();
  private readonly args: RecorderArgs;
  private header?: RunHeader;
  private readonly layerIndex = new Map<string, number>();
  private runningMax = -Infinity;
  private closed = false;
  private savedProbe = false;

  constructor(args: RecorderArgs) {
    const fn = 'InfoPlaneRecorder';
    if (typeof args !== 'object' || args === null) fail('invalid_type', { fn, param: 'args', expected: 'an object', received: describeValue(args) });
    checkOptionNames(fn, args, ARG_NAMES);
    const {
      inputs,
      labels,
      target,
      targetClasses = RECORDER_DEFAULTS.targetClasses,
      estimators = RECORDER_DEFAULTS.estimators,
      units = RECORDER_DEFAULTS.units,
      schedule = RECORDER_DEFAULTS.schedule,
      plannedEpochs,
      runFile,
      overwrite = RECORDER_DEFAULTS.overwrite,
      sink,
      keepActivations,
      activationsDtype = RECORDER_DEFAULTS.activationsDtype,
    } = args;
    this.args = args;
    this.x = toSamples(flattenShaped(inputs), { fn, param: 'inputs', minSamples: 2 });
    checkUnits(fn, units);
    this.units = units;
    checkNumber(fn, 'targetClasses', targetClasses, { integer: true, min: 2 });
    if (target !== undefined) {
      this.target = toSamples(target, { fn, param: 'target', minSamples: 2 });
      checkSameCount(fn, [['inputs', this.x.n], ['target', this.target.n]]);
    }
    if (args.labelSets !== undefined) {
      this.labelSets = resolveLabelSets(fn, args.labelSets, labels);
      for (const set of this.labelSets) checkSameCount(fn, [['inputs', this.x.n], [`labelSets.${set.name}`, set.labels.n]]);
    }
    if (labels === undefined && !this.target && !this.labelSets) fail('invalid_option', { fn, param: 'labels', expected: 'given (or a continuous target)', received: 'undefined' });
    this.labels = this.labelSets
      ? this.labelSets[0].labels
      : labels !== undefined
        ? toLabels(labels as SamplesLike | Labels, { fn, param: 'labels' })
        : cutIntoClasses(this.target as Samples, targetClasses);
    checkSameCount(fn, [['inputs', this.x.n], ['labels', this.labels.n]]);
    this.givenRows = this.x.n;
    if (args.probeSize !== undefined || args.probeSeed !== undefined) {
      const size = checkNumber(fn, 'probeSize', args.probeSize ?? this.x.n, { integer: true, min: 2 });
      const seed = checkNumber(fn, 'probeSeed', args.probeSeed ?? 0, { integer: true, min: 0, max: 2 ** 32 - 1 });
      const rows = subsampleRows(this.x.n, size, seed, this.labels);
      if (rows) {
        this.probeRows = rows;
        this.x = selectRows(this.x, rows);
        this.labels = selectLabels(this.labels, rows);
        if (this.target) this.target = selectRows(this.target, rows);
        if (this.labelSets) this.labelSets = this.labelSets.map(({ name, labels: l }) => ({ name, labels: selectLabels(l, rows) }));
      }
      this.probe = { given: this.givenRows, used: this.x.n, seed, stratified: true };
    }
    if (plannedEpochs !== undefined) checkNumber(fn, 'plannedEpochs', plannedEpochs, { integer: true, min: 1 });
    this.schedule = resolveSchedule(schedule, plannedEpochs, fn, 'schedule');
    checkBoolean(fn, 'overwrite', overwrite);
    if (args.perClass !== undefined) checkBoolean(fn, 'perClass', args.perClass);
    checkChoice(fn, 'activationsDtype', activationsDtype, ['float32', 'float64'] as const);
    if (keepActivations !== undefined && (typeof keepActivations !== 'string' || keepActivations === '')) {
      fail('invalid_type', { fn, param: 'keepActivations', expected: 'a folder path', received: describeValue(keepActivations) });
    }
    this.estimators = resolveEstimators(fn, estimators, this.target !== undefined);
    if (args.layers !== undefined) {
      if (!Array.isArray(args.layers) || !args.layers.every((l) => typeof l === 'string') || new Set(args.layers).size !== args.layers.length) {
        fail('invalid_type', { fn, param: 'layers', expected: 'an array of distinct layer names', received: describeValue(args.layers) });
      }
      for (const l of args.layers) this.layerIndex.set(l, this.layerIndex.size);
    }
    if (args.baseline !== undefined) {
      const b = args.baseline;
      if (typeof b !== 'object' || b === null) fail('invalid_type', { fn, param: 'baseline', expected: 'an object {shuffles, seed?, epochs?}', received: describeValue(b) });
      checkOptionNames(`${fn} (baseline)`, b, ['shuffles', 'seed', 'epochs']);
      checkNumber(fn, 'baseline.shuffles', b.shuffles, { integer: true, min: 1, max: 10000 });
      if (b.seed !== undefined) checkNumber(fn, 'baseline.seed', b.seed, { integer: true, min: 0 });
      if (b.epochs !== undefined && !(Array.isArray(b.epochs) && b.epochs.every((e) => Number.isInteger(e) && e >= 0))) {
        fail('invalid_type', { fn, param: 'baseline.epochs', expected: 'an array of integers >= 0', received: describeValue(b.epochs) });
      }
    }
    if (args.bootstrap !== undefined) {
      const b = args.bootstrap;
      if (typeof b !== 'object' || b === null) fail('invalid_type', { fn, param: 'bootstrap', expected: 'an object {bootstrap, seed?, level?, epochs?}', received: describeValue(b) });
      checkOptionNames(`${fn} (bootstrap)`, b, ['bootstrap', 'seed', 'level', 'epochs']);
      checkNumber(fn, 'bootstrap.bootstrap', b.bootstrap, { integer: true, min: 2, max: 10000 });
      if (b.seed !== undefined) checkNumber(fn, 'bootstrap.seed', b.seed, { integer: true, min: 0 });
      if (b.level !== undefined) checkNumber(fn, 'bootstrap.level', b.level, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
      if (b.epochs !== undefined && !(Array.isArray(b.epochs) && b.epochs.every((e) => Number.isInteger(e) && e >= 0))) {
        fail('invalid_type', { fn, param: 'bootstrap.epochs', expected: 'an array of integers >= 0', received: describeValue(b.epochs) });
      }
    }
    const sinks: RunSink[] = [this.memory];
    if (runFile !== undefined) {
      if (typeof runFile !== 'string' || runFile === '') fail('invalid_type', { fn, param: 'runFile', expected: 'a file path', received: describeValue(runFile) });
      this.runFile = runFile;
      sinks.push(new RunFileWriter(runFile, { overwrite }));
    }
    if (sink !== undefined) {
      if (typeof sink !== 'object' || sink === null || typeof sink.append !== 'function' || typeof sink.writeHeader !== 'function') {
        fail('invalid_type', { fn, param: 'sink', expected: 'a RunSink {writeHeader, append, close}', received: describeValue(sink) });
      }
      sinks.push(sink);
    }
    this.sink = new TeeRunSink(sinks);
  }

  /** Labels of the configured estimators, in order (the `estimator` field of point records). */
  get estimatorLabels(): string[] {
    return this.estimators.map((e) => e.label);
  }

  /** True when the schedule records `epoch` (completed epochs). Costs a set lookup or a modulo. */
  shouldRecord(epoch: number): boolean {
    return this.schedule.includes(epoch);
  }

  /** The run recorded so far (header, points and epoch records), or undefined before the header is written. */
  get run(): Run | undefined {
    return this.memory.run;
  }

  /**
   * Write the run header (once; `record` calls it when needed). Resolves every estimator's parameters, the
   * defaults included, by running it on a tiny synthetic data set, which also rejects bad options before
   * training starts. `layers` describes the model when the header has no `model`.
   */
  async begin(layers?: RunModelSummary['layers']): Promise<RunHeader> {
    if (this.header) return this.header;
    this.checkOpen('begin');
    const h = this.args.header ?? {};
    const estimators: RunEstimator[] = [];
    for (const e of this.estimators) estimators.push(describeEstimator(e, this.units));
    const model: RunModelSummary = h.model ?? { layers: layers ?? [] };
    const meta: Record<string, unknown> = { ...(h.meta ?? {}), schedule: this.schedule.description };
    if (this.args.plannedEpochs !== undefined) meta.plannedEpochs = this.args.plannedEpochs;
    meta.hY = labelEntropy(this.labels, this.units);
    if (this.labelSets) {
      meta.labelSets = this.labelSets.map((l) => l.name);
      meta.hYSets = Object.fromEntries(this.labelSets.map((l) => [l.name, labelEntropy(l.labels, this.units)]));
    }
    if (this.target) meta.target = { kind: 'continuous', classes: this.labels.classes.length };
    if (this.probe) meta.probe = this.probe;
    if (this.args.keepActivations) meta.activations = { folder: this.args.keepActivations, dtype: this.args.activationsDtype ?? RECORDER_DEFAULTS.activationsDtype };
    const header = createRunHeader({
      runId: h.runId,
      model,
      dataset: h.dataset ?? 'unknown',
      probeSize: this.x.n,
      seed: h.seed,
      estimators,
      units: this.units,
      versions: h.versions,
      meta,
    });
    this.sink.writeHeader(header);
    this.header = header;
    return header;
  }

  /**
   * Estimate every configured estimator on every layer of one snapshot and append the results (one point record
   * per layer and estimator, then one epoch record with `metrics`) to the run, flushed before it returns.
   *
   * Cost: the estimators' (binning O(n d), KDE O(n^2 d) per layer...); async estimators run concurrently.
   *
   * @param epoch Completed epochs (0 = before training).
   * @param activations Each recorded layer's activations on the probe inputs (n rows each), in layer order.
   * @param metrics Training logs of the epoch (loss, accuracy, validation metrics), as numbers.
   * @returns The point records appended.
   * @throws InfoplaneError for activations that are not n x d finite numbers; an estimator failing on one layer
   *   is recorded as a point with `error` and a warning instead.
   */
  async record(epoch: number, activations: LayerActivations, metrics: Record<string, number> = {}, extras: RecordExtras = {}): Promise<RunPointRecord[]> {
    const fn = 'InfoPlaneRecorder.record';
    this.checkOpen('record');
    checkNumber(fn, 'epoch', epoch, { integer: true, min: 0 });
    const layers = toLayerList(fn, activations).map(({ name, activations: a }) => {
      return { name, t: this.probeActivations(fn, name, a) };
    });
    if (typeof metrics !== 'object' || metrics === null) fail('invalid_type', { fn, param: 'metrics', expected: 'an object of numbers', received: describeValue(metrics) });
    for (const { name } of layers) if (!this.layerIndex.has(name)) this.layerIndex.set(name, this.layerIndex.size);
    await this.begin(layers.map(({ name, t }) => ({ name, units: t.d })));
    if (this.estimators.some((e) => e.maxScaled)) {
      for (const { t } of layers) for (let i = 0; i < t.data.length; i++) if (t.data[i] > this.runningMax) this.runningMax = t.data[i];
    }
    const jobs: Promise<RunPointRecord>[] = [];
    for (const { name, t } of layers) {
      for (const e of this.estimators) jobs.push(this.estimate(epoch, name, t, e, this.runningMax));
    }
    const points = await Promise.all(jobs);
    const epochRecord: RunEpochRecord = { type: 'epoch', epoch, logs: numericLogs(metrics), time: new Date().toISOString() };
    if (extras.weightNorms) epochRecord.weightNorms = extras.weightNorms;
    if (extras.weightSpectra) epochRecord.weightSpectra = extras.weightSpectra;
    if (this.args.keepActivations) {
      (epochRecord as RunEpochRecord & { activationFiles?: string[] }).activationFiles = this.saveActivations(epoch, layers, metrics);
    }
    this.sink.append([...points, epochRecord]);
    return points;
  }

  /**
   * Estimate one layer with one configured estimator at one epoch and return its point record without appending
   * it: for work split across processes (`infoplane plan` / `estimate --plan`), whose records are assembled by
   * `append` in the order `record` would write them. The record is the one `record` makes for that layer.
   *
   * @param estimator The estimator's label (its name unless configured with a `label`).
   * @param runningMax For max-scaled binning: the maximum activation over every layer of this and the earlier
   *   recorded epochs, which `record` tracks itself. Required by that estimator, ignored by the others.
   */
  async estimatePoint(epoch: number, layer: string, activations: SamplesLike | ShapedActivations, estimator: string, runningMax?: number): Promise<RunPointRecord> {
    const fn = 'InfoPlaneRecorder.estimatePoint';
    this.checkOpen('estimatePoint');
    checkNumber(fn, 'epoch', epoch, { integer: true, min: 0 });
    const e = this.estimators.find((c) => c.label === estimator);
    if (!e) fail('invalid_option', { fn, param: 'estimator', expected: `one of the recorder's estimators (${this.estimatorLabels.join(', ')})`, received: JSON.stringify(estimator) });
    if (e.maxScaled && (typeof runningMax !== 'number' || !Number.isFinite(runningMax))) {
      fail('invalid_option', { fn, param: 'runningMax', expected: `a finite number for the max-scaled estimator ${e.label}`, received: describeValue(runningMax) });
    }
    const t = this.probeActivations(fn, layer, activations);
    if (!this.layerIndex.has(layer)) this.layerIndex.set(layer, this.layerIndex.size);
    return this.estimate(epoch, layer, t, e, runningMax ?? -Infinity);
  }

  /**
   * Append records made elsewhere (by `estimatePoint` in other processes) to the run, after `begin`; flushed
   * before it returns.
   */
  append(records: readonly RunRecord[]): void {
    this.checkOpen('append');
    if (!this.header) fail('invalid_option', { fn: 'InfoPlaneRecorder.append', param: 'recorder', expected: 'begun (call begin first)', received: 'no header written yet' });
    this.sink.append(records);
  }

  /** A layer's activations on every given probe sample, checked, as the rows the recorder estimates on. */
  private probeActivations(fn: string, layer: string, a: unknown): Samples {
    const param = `activations[${JSON.stringify(layer)}]`;
    const t = toSamples(flattenShaped(a), { fn, param, minSamples: 2 });
    checkSameCount(fn, [['inputs', this.givenRows], [param, t.n]]);
    return this.probeRows ? selectRows(t, this.probeRows) : t;
  }

  /** Close the run file between trainings; the next `record` reopens it and appends. */
  release(): void {
    this.sink.close();
  }

  /** Close the run file. The recorder accepts no more records. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.close();
  }

  private checkOpen(what: string): void {
    if (this.closed) fail('invalid_option', { fn: `InfoPlaneRecorder.${what}`, param: 'recorder', expected: 'open', received: 'a closed recorder' });
  }

  private async estimate(epoch: number, layer: string, t: Samples, e: ResolvedEstimator, runningMax: number): Promise<RunPointRecord> {
    const record: RunPointRecord = { type: 'point', epoch, layer, layerIndex: this.layerIndex.get(layer) as number, estimator: e.label };
    const options: Record<string, unknown> = { ...e.options, units: this.units };
    if (e.maxScaled) options.range = [0, runningMax > 0 ? runningMax : 1];
    const started = performance.now();
    let ms = 0;
    try {
      const r = runEstimator(e, this.x, t, this.labels, this.target, options);
      const convert = (v: number) => (r.units === this.units ? v : fromNats(toNats(v, r.units), this.units));
      if (r.ixt !== undefined) record.ixt = convert(r.ixt);
      if (r.ity !== undefined) record.ity = convert(r.ity);
      if (r.hT !== undefined) record.hT = convert(r.hT);
      if (r.ixtGivenY !== undefined) record.ixtGivenY = convert(r.ixtGivenY);
      if (this.args.perClass && r.perClass) record.perClass = r.perClass.map((c) => convertClassTerms(c, convert));
      record.params = e.maxScaled ? { ...r.params, maxScaled: true } : r.params;
      record.warnings = r.warnings;
      if (this.labelSets && record.ity !== undefined && e.target === 'labels' && e.spec.point) {
        // each further set through the same point operation (not `mi`): the very number a point on that set gives,
        // for every estimator (some families' `mi` takes other options or subsamples differently)
        const sets: Record<string, number> = {};
        this.labelSets.forEach(({ name, labels }, k) => {
          let value = record.ity as number;
          if (k > 0) {
            const p = (e.spec.point as NonNullable<EstimatorSpec['point']>)(this.x, t, labels, options);
            value = p.units === this.units ? p.ity : fromNats(toNats(p.ity, p.units), this.units);
            const codes = new Set(r.warnings.map((w) => w.code));
            for (const w of p.warnings) if (!codes.has(w.code)) record.warnings = [...(record.warnings ?? []), { ...w, labels: name }];
          }
          Object.defineProperty(sets, name, { value, enumerable: true, writable: true, configurable: true });
        });
        record.itySets = sets;
      }
      ms = performance.now() - started;
      const b = this.args.baseline;
      if (b && e.target === 'labels' && e.spec.point && (b.epochs === undefined || b.epochs.includes(epoch))) {
        const { values: _values, ...floor } = pointBaseline(e.spec, this.x, t, this.labels, { shuffles: b.shuffles, seed: b.seed ?? 0, estimatorOptions: options });
        record.baseline = { ity: { ...floor, mean: convert(floor.mean), sd: convert(floor.sd), min: convert(floor.min), max: convert(floor.max) } };
      }
      const bs = this.args.bootstrap;
      if (bs && e.target === 'labels' && e.spec.point && (bs.epochs === undefined || bs.epochs.includes(epoch))) {
        const boot = pointBootstrap(e.spec, this.x, t, this.labels, { bootstrap: bs.bootstrap, seed: bs.seed ?? 0, level: bs.level ?? 0.95, estimatorOptions: options });
        const intervals: Record<string, { mean: number; sd: number; lower: number; upper: number; nonFinite: number }> = {};
        for (const [q, i] of Object.entries(boot.intervals)) intervals[q] = { ...i, mean: convert(i.mean), sd: convert(i.sd), lower: convert(i.lower), upper: convert(i.upper) };
        record.bootstrap = { bootstrap: boot.bootstrap, seed: boot.seed, level: boot.level, intervals };
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      (record as RunPointRecord & { error?: string }).error = message;
      warn(`InfoPlaneRecorder: estimator ${e.label} failed on layer ${layer} at epoch ${epoch}: ${message}`);
    }
    record.ms = Math.round((ms || performance.now() - started) * 1000) / 1000;
    return record;
  }

  private saveActivations(epoch: number, layers: { name: string; t: Samples }[], metrics: Record<string, number>): string[] {
    const probe = this.savedProbe ? undefined : { inputs: this.x, labels: this.labels, target: this.target };
    const files = writeSnapshotEpoch(this.args.keepActivations as string, epoch, layers, numericLogs(metrics), {
      dtype: this.args.activationsDtype ?? RECORDER_DEFAULTS.activationsDtype,
      layerOrder: [...this.layerIndex.keys()],
      probe,
      fn: 'InfoPlaneRecorder',
      param: 'keepActivations',
    });
    this.savedProbe = true;
    return files;
  }
}

/**
 * Create a recorder. Call `record(epoch, activations, logs)` from any training loop (after the epochs that
 * `shouldRecord(epoch)` accepts); the run is in `recorder.run` and, with `runFile`, on disk.
 *
 * @example
 * const recorder = createRecorder({inputs: x, labels: y, estimators: ['binning', {name: 'binning', label: 'binning-max', options: {maxScaled: true}}], runFile: 'runs/a.ndjson'});
 * for (let epoch = 0; epoch <= 100; epoch++) {
 *   if (epoch > 0) trainOneEpoch();
 *   if (recorder.shouldRecord(epoch)) await recorder.record(epoch, {hidden1: h1, hidden2: h2}, {loss});
 * }
 * recorder.close();
 */
export function createRecorder(args: RecorderArgs): InfoPlaneRecorder {
  return new InfoPlaneRecorder(args);
}

function resolveEstimators(fn: string, inputs: readonly EstimatorInput[], hasTarget: boolean): ResolvedEstimator[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    fail('invalid_type', { fn, param: 'estimators', expected: 'a non-empty array of estimator names or {name, options}', received: describeValue(inputs) });
  }
  const out: ResolvedEstimator[] = [];
  inputs.forEach((input, i) => {
    const param = `estimators[${i}]`;
    const config: EstimatorConfig = typeof input === 'string' ? { name: input } : input;
    if (typeof config !== 'object' || config === null) fail('invalid_type', { fn, param, expected: 'an estimator name or {name, options}', received: describeValue(input) });
    checkOptionNames(`${fn} (${param})`, config, ['name', 'options', 'label', 'target']);
    const spec = estimatorSpec(config.name, fn);
    const options = { ...(config.options ?? {}) };
    if (typeof options !== 'object') fail('invalid_type', { fn, param: `${param}.options`, expected: 'an object', received: describeValue(config.options) });
    if ('units' in options) fail('invalid_option', { fn, param: `${param}.options`, expected: 'without units (the recorder sets them)', received: 'units' });
    let maxScaled = false;
    if ('maxScaled' in options) {
      if (spec.name !== 'binning') fail('invalid_option', { fn, param: `${param}.options.maxScaled`, expected: 'used with the binning estimator only', received: spec.name });
      maxScaled = checkBoolean(fn, `${param}.options.maxScaled`, options.maxScaled);
      delete options.maxScaled;
      if (maxScaled && ('range' in options || 'binSize' in options)) {
        fail('invalid_option', { fn, param: `${param}.options`, expected: 'maxScaled without range or binSize (it sets the range)', received: describeValue(config.options) });
      }
    }
    const target = config.target ?? 'labels';
    checkChoice(fn, `${param}.target`, target, ['labels', 'continuous'] as const);
    if (target === 'continuous') {
      if (!hasTarget) fail('invalid_option', { fn, param: `${param}.target`, expected: "'labels' when no continuous target is given", received: "'continuous'" });
      if (!spec.mi || spec.miTarget === 'labels') {
        fail('invalid_option', { fn, param: `${param}.target`, expected: `'labels' (${spec.name} has no mutual information between continuous variables)`, received: "'continuous'" });
      }
    } else if (!spec.point && !spec.entropy) {
      fail('invalid_option', { fn, param, expected: 'an estimator with information-plane points or entropies', received: spec.name });
    }
    const label = config.label ?? spec.name;
    if (typeof label !== 'string' || label === '') fail('invalid_type', { fn, param: `${param}.label`, expected: 'a non-empty string', received: describeValue(label) });
    if (out.some((e) => e.label === label)) {
      fail('invalid_option', { fn, param: `${param}.label`, expected: 'distinct from the other estimators\' labels (give a label to each copy)', received: JSON.stringify(label) });
    }
    out.push({ spec, label, options, maxScaled, target });
  });
  return out;
}

interface EstimatorResult {
  perClass?: ClassTerms[];
  ixt?: number;
  ity?: number;
  hT?: number;
  ixtGivenY?: number;
  units: Units;
  params: Record<string, unknown>;
  warnings: RunWarning[];
}

/** Run one estimator on one layer (estimators are synchronous). */
function runEstimator(
  e: ResolvedEstimator,
  x: Samples,
  t: Samples,
  labels: Labels,
  target: Samples | undefined,
  options: Record<string, unknown>,
): EstimatorResult {
  const { spec } = e;
  if (e.target === 'continuous' && spec.mi && target) {
    const a = spec.mi(x, t, options);
    const b = spec.mi(t, target, options);
    const ity = b.units === a.units ? b.value : fromNats(toNats(b.value, b.units), a.units);
    const warnings = [...a.warnings.map((w) => ({ ...w, quantity: 'I(X;T)' })), ...b.warnings.map((w) => ({ ...w, quantity: 'I(T;Y)' }))];
    return { ixt: a.value, ity, units: a.units, params: { ...a.params, target: 'continuous' }, warnings };
  }
  if (spec.point) {
    const p = spec.point(x, t, labels, options);
    return { ixt: p.ixt, ity: p.ity, hT: p.hT, ixtGivenY: p.ixtGivenY, perClass: p.perClass, units: p.units, params: p.params, warnings: p.warnings };
  }
  if (spec.entropy) {
    const h = spec.entropy(t, options);
    return { hT: h.value, units: h.units, params: h.params, warnings: h.warnings };
  }
  return fail('invalid_option', { fn: 'InfoPlaneRecorder', param: 'estimators', expected: 'an estimator with points or entropies', received: spec.name });
}

/** The operation the recorder calls an estimator through. */
function operationOf(e: ResolvedEstimator): Operation {
  if (e.target === 'continuous') return 'mi';
  return e.spec.point ? 'point' : 'entropy';
}

/**
 * The header entry of an estimator, from its spec: `{...defaults, ...given}` for the parameters results report,
 * and the names of those the data will resolve (an adaptive edge, a bandwidth rule's sigma; their values are in
 * each point's `params`). The options are validated here, so a bad one is reported before training starts.
 */
function describeEstimator(e: ResolvedEstimator, units: Units): RunEstimator {
  const operation = operationOf(e);
  resolveOptions(e.spec, `InfoPlaneRecorder (estimator ${e.label})`, { ...e.options, units }, operation);
  const params: Record<string, unknown> = { ...reportedDefaults(e.spec, operation), ...e.options };
  const dataDependent = dataDependentParams(e.spec, e.options, operation);
  if (e.maxScaled) {
    // the recorder sets the range from the running maximum of the activations
    delete params.range;
    params.maxScaled = true;
    dataDependent.push('range');
  }
  if (e.target === 'continuous') params.target = 'continuous';
  const entry: RunEstimator = { name: e.spec.name, params };
  if (e.label !== e.spec.name) entry.label = e.label;
  if (dataDependent.length) entry.dataDependent = dataDependent;
  // a representation measure's names for the fields of its points (figures title their axes with them)
  if (e.spec.quantities) entry.quantities = { ...e.spec.quantities };
  return entry;
}

function isShapedActivations(v: unknown): v is ShapedActivations {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && Array.isArray((v as ShapedActivations).shape) && (v as ShapedActivations).shape.length > 2;
}

/** A shaped array of rank > 2 as n x (product of the other dimensions); anything else unchanged. */
function flattenShaped(v: unknown): unknown {
  if (!isShapedActivations(v)) return v;
  const [n, ...rest] = v.shape;
  return { data: v.data, shape: [n, rest.reduce((a, b) => a * b, 1)] };
}

function toLayerList(fn: string, activations: LayerActivations): { name: string; activations: unknown }[] {
  let list: { name: string; activations: unknown }[];
  if (Array.isArray(activations)) {
    list = activations.map((entry, i) => {
      if (typeof entry !== 'object' || entry === null || typeof entry.name !== 'string') {
        fail('invalid_type', { fn, param: `activations[${i}]`, expected: 'a {name, activations} entry', received: describeValue(entry) });
      }
      return { name: entry.name, activations: entry.activations };
    });
  } else if (activations instanceof Map) {
    list = [...activations.entries()].map(([name, a]) => ({ name: String(name), activations: a }));
  } else if (typeof activations === 'object' && activations !== null) {
    list = Object.entries(activations).map(([name, a]) => ({ name, activations: a }));
  } else {
    return fail('invalid_type', { fn, param: 'activations', expected: 'layer activations by name (array of {name, activations}, Map or object)', received: describeValue(activations) });
  }
  if (list.length === 0) fail('empty', { fn, param: 'activations', expected: 'at least one layer', received: 'none' });
  const names = new Set<string>();
  for (const { name } of list) {
    if (names.has(name)) fail('invalid_option', { fn, param: 'activations', expected: 'distinct layer names', received: `${JSON.stringify(name)} twice` });
    names.add(name);
  }
  return list;
}

/** The named label sets of `labelSets` (at least one; names non-empty; not together with `labels`). */
function resolveLabelSets(fn: string, sets: unknown, labels: unknown): { name: string; labels: Labels }[] {
  if (labels !== undefined) fail('invalid_option', { fn, param: 'labelSets', expected: 'given instead of labels (the first set plays the part of labels)', received: 'both labels and labelSets' });
  if (typeof sets !== 'object' || sets === null || Array.isArray(sets) || ArrayBuffer.isView(sets) || isLabels(sets)) {
    fail('invalid_type', { fn, param: 'labelSets', expected: 'an object of named label sets, e.g. {clean: y, noisy: yNoisy}', received: describeValue(sets) });
  }
  const entries = Object.entries(sets as Record<string, unknown>);
  if (entries.length === 0) fail('empty', { fn, param: 'labelSets', expected: 'at least one named label set', received: 'an empty object' });
  return entries.map(([name, y]) => {
    if (name === '') fail('invalid_option', { fn, param: 'labelSets', expected: 'non-empty set names', received: '""' });
    return { name, labels: toLabels(y as SamplesLike | Labels, { fn, param: `labelSets.${name}` }) };
  });
}

/** H(Y) of the labels' class frequencies, the ceiling of I(T;Y). */
function labelEntropy(labels: Labels, units: Units): number {
  let h = 0;
  for (const c of labels.counts) if (c > 0) h -= (c / labels.n) * Math.log(c / labels.n);
  return fromNats(h, units);
}

/** A continuous target cut into `classes` equal-width classes between its minimum and maximum (min-max scaled, as DSMI does: `equalWidthClasses`). */
export function cutIntoClasses(target: Samples, classes: number): Labels {
  const fn = 'cutIntoClasses';
  checkNumber(fn, 'classes', classes, { integer: true, min: 2 });
  if (target.d !== 1) fail('invalid_type', { fn, param: 'target', expected: 'one column', received: `${target.d} columns` });
  return toLabels(Float64Array.from(equalWidthClasses(target.data, classes)), { fn, param: 'target' });
}

/** A point's per-class terms in the run's units (label, count and weight are unitless). */
function convertClassTerms(c: ClassTerms, convert: (v: number) => number): ClassTerms {
  const out: ClassTerms = { label: c.label, n: c.n, weight: c.weight, hTgivenY: convert(c.hTgivenY), ityTerm: convert(c.ityTerm) };
  if (c.ixtGivenY !== undefined) out.ixtGivenY = convert(c.ixtGivenY);
  if (c.hTrandom !== undefined) out.hTrandom = convert(c.hTrandom);
  return out;
}
