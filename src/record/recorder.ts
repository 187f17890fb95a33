/**
 * The information-plane recorder: framework-free. Given a probe set (inputs X and labels Y) and a list of
 * estimators, `record(epoch, activationsByLayer, metrics)` estimates I(X;T) and I(T;Y) (or H(T) for
 * entropy-only estimators such as DSE) of every layer with every estimator on the same snapshot, in the same
 * units, and appends the results to a run (a file, memory, or any `RunSink`). Any training loop can call it;
 * the TensorFlow.js callback (`infoplane/tfjs`) is one such loop.
 */
import * as fs from 'fs';
import * as path from 'path';
import { equalWidthClasses } from '../core/binning/equalWidth';
import { describeValue, fail } from '../core/errors';
import { Labels, toLabels } from '../core/labels';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { fromNats, toNats, Units } from '../core/units';
import { checkBoolean, checkChoice, checkNumber, checkOptionNames, checkSameCount, checkUnits } from '../core/validate';
import { warn } from '../core/warn';
import { pointBaseline } from '../estimators/baseline';
import { pointBootstrap } from '../estimators/bootstrap';
import { estimatorSpec } from '../estimators/registry';
import { dataDependentParams, EstimatorSpec, Operation, reportedDefaults, resolveOptions } from '../estimators/specs/spec';
import { writeNpyFile } from '../io/writeNpy';
import { createRunHeader } from '../run/header';
import { numericLogs } from '../run/numericLogs';
import { writing } from '../core/fsErrors';
import { RunFileWriter } from '../run/runFile';
import { MemoryRunSink, RunSink, TeeRunSink } from '../run/sink';
import { Run, RunEpochRecord, RunEstimator, RunHeader, RunModelSummary, RunPointRecord, RunWarning } from '../run/types';
import { resolveSchedule, Schedule, ScheduleSpec } from './schedule';

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
  /** Integer class labels Y of the probe samples (flat, one column, or one-hot). Required unless `target` is given. */
  labels?: SamplesLike | Labels;
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
  /** Save each recorded layer's raw activations as .npy in this folder (plus the probe inputs and labels once). Defaults to undefined. */
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
}

/**
 * Records information-plane points of a network's layers during training. See `createRecorder`.
 */
export class InfoPlaneRecorder {
  /** Probe inputs X. */
  readonly x: Samples;
  /** Probe labels Y (for a continuous target: the target cut into classes). */
  readonly labels: Labels;
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
    if (labels === undefined && !this.target) fail('invalid_option', { fn, param: 'labels', expected: 'given (or a continuous target)', received: 'undefined' });
    this.labels = labels !== undefined ? toLabels(labels as SamplesLike | Labels, { fn, param: 'labels' }) : cutIntoClasses(this.target as Samples, targetClasses);
    checkSameCount(fn, [['inputs', this.x.n], ['labels', this.labels.n]]);
    if (plannedEpochs !== undefined) checkNumber(fn, 'plannedEpochs', plannedEpochs, { integer: true, min: 1 });
    this.schedule = resolveSchedule(schedule, plannedEpochs, fn, 'schedule');
    checkBoolean(fn, 'overwrite', overwrite);
    checkChoice(fn, 'activationsDtype', activationsDtype, ['float32', 'float64'] as const);
    if (keepActivations !== undefined && (typeof keepActivations !== 'string' || keepActivations === '')) {
      fail('invalid_type', { fn, param: 'keepActivations', expected: 'a folder path', received: describeValue(keepActivations) });
    }
    this.estimators = resolveEstimators(fn, estimators, this.target !== undefined);
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
    if (this.target) meta.target = { kind: 'continuous', classes: this.labels.classes.length };
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
      const t = toSamples(flattenShaped(a), { fn, param: `activations[${JSON.stringify(name)}]`, minSamples: 2 });
      checkSameCount(fn, [['inputs', this.x.n], [`activations[${JSON.stringify(name)}]`, t.n]]);
      return { name, t };
    });
    if (typeof metrics !== 'object' || metrics === null) fail('invalid_type', { fn, param: 'metrics', expected: 'an object of numbers', received: describeValue(metrics) });
    for (const { name } of layers) if (!this.layerIndex.has(name)) this.layerIndex.set(name, this.layerIndex.size);
    await this.begin(layers.map(({ name, t }) => ({ name, units: t.d })));
    if (this.estimators.some((e) => e.maxScaled)) {
      for (const { t } of layers) for (let i = 0; i < t.data.length; i++) if (t.data[i] > this.runningMax) this.runningMax = t.data[i];
    }
    const jobs: Promise<RunPointRecord>[] = [];
    for (const { name, t } of layers) {
      for (const e of this.estimators) jobs.push(this.estimate(epoch, name, t, e));
    }
    const points = await Promise.all(jobs);
    const epochRecord: RunEpochRecord = { type: 'epoch', epoch, logs: numericLogs(metrics), time: new Date().toISOString() };
    if (extras.weightNorms) epochRecord.weightNorms = extras.weightNorms;
    if (this.args.keepActivations) {
      (epochRecord as RunEpochRecord & { activationFiles?: string[] }).activationFiles = this.saveActivations(epoch, layers);
    }
    this.sink.append([...points, epochRecord]);
    return points;
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

  private async estimate(epoch: number, layer: string, t: Samples, e: ResolvedEstimator): Promise<RunPointRecord> {
    const record: RunPointRecord = { type: 'point', epoch, layer, layerIndex: this.layerIndex.get(layer) as number, estimator: e.label };
    const options: Record<string, unknown> = { ...e.options, units: this.units };
    if (e.maxScaled) options.range = [0, this.runningMax > 0 ? this.runningMax : 1];
    const started = performance.now();
    let ms = 0;
    try {
      const r = runEstimator(e, this.x, t, this.labels, this.target, options);
      ms = performance.now() - started;
      const convert = (v: number) => (r.units === this.units ? v : fromNats(toNats(v, r.units), this.units));
      if (r.ixt !== undefined) record.ixt = convert(r.ixt);
      if (r.ity !== undefined) record.ity = convert(r.ity);
      if (r.hT !== undefined) record.hT = convert(r.hT);
      if (r.ixtGivenY !== undefined) record.ixtGivenY = convert(r.ixtGivenY);
      record.params = e.maxScaled ? { ...r.params, maxScaled: true } : r.params;
      record.warnings = r.warnings;
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

  private saveActivations(epoch: number, layers: { name: string; t: Samples }[]): string[] {
    const folder = this.args.keepActivations as string;
    const dtype = this.args.activationsDtype ?? RECORDER_DEFAULTS.activationsDtype;
    writing('InfoPlaneRecorder', 'keepActivations', folder, () => fs.mkdirSync(folder, { recursive: true }), 'creating the folder');
    if (!this.savedProbe) {
      writeNpyFile(path.join(folder, 'inputs.npy'), this.x, { dtype: 'float64' });
      const y = new Float64Array(this.labels.n);
      for (let i = 0; i < y.length; i++) y[i] = this.labels.classes[this.labels.ids[i]];
      writeNpyFile(path.join(folder, 'labels.npy'), { data: y, n: y.length, d: 1 }, { dtype: 'float64' });
      if (this.target) writeNpyFile(path.join(folder, 'target.npy'), this.target, { dtype: 'float64' });
      this.savedProbe = true;
    }
    return layers.map(({ name, t }) => {
      const file = activationFileName(epoch, this.layerIndex.get(name) as number, name);
      writeNpyFile(path.join(folder, file), t, { dtype });
      return file;
    });
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

/** File name of a saved activation snapshot: `epoch-000010.layer-2.dense_Dense3.npy`. */
export function activationFileName(epoch: number, layerIndex: number, layer: string): string {
  return `epoch-${String(epoch).padStart(6, '0')}.layer-${layerIndex}.${layer.replace(/[^A-Za-z0-9_.-]/g, '_')}.npy`;
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
      if (!spec.mi) fail('invalid_option', { fn, param: `${param}.target`, expected: `'labels' (${spec.name} has no mutual information between variables)`, received: "'continuous'" });
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
    return { ixt: p.ixt, ity: p.ity, hT: p.hT, ixtGivenY: p.ixtGivenY, units: p.units, params: p.params, warnings: p.warnings };
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

