/**
 * Reference experiments, runnable from code (`runExperiment`) and the command line (`infoplane train`):
 *
 * - `ib12`: the 12-bit network of Shwartz-Ziv & Tishby (2017) and Saxe et al. (2018), 12-10-7-5-4-3-2, tanh or
 *   ReLU hidden layers, softmax output over the 2 classes; trained on 80% of the 4096 patterns (seeded
 *   permutation); the information plane uses all 4096 inputs. ibsgd trains with Adam (lr 4e-4, batch 256) for
 *   10000 epochs; the default here is Adam with a 10x larger rate (4e-3, batch 256) for 1000 epochs, which shows
 *   the same two phases (fitting: I(T;Y) rises; compression of the deeper tanh layers: their I(X;T) falls)
 *   within a couple of minutes on the pure-JS backend. Kernels: truncated normal, std 1/sqrt(fan-in) as in
 *   ibsgd (ReLU: sqrt(2/fan-in) and hidden biases 0.1, so that the 3- and 2-unit layers do not start dead).
 *   The split, the initial weights and the probe are seeded; the minibatch order is tfjs's own shuffle
 *   (Math.random), so two runs with the same seed differ slightly.
 * - `digits`: an MLP 64-32-16-8-10 on the 8x8 digits (pixels / 16), Adam 1e-3, batch 128, 200 epochs; probe: all
 *   1797 images.
 * - `diabetes`: a regression network 10-16-8-1 (inputs and target standardised, linear output, mean squared
 *   error), Adam 1e-2, batch 64, 300 epochs; probe: all 442 patients. CS-QMI (`cs`) against the continuous target
 *   when it is registered, else binning against the target cut into 10 classes.
 */
import type { Callback, Logs, Sequential, Tensor } from '@tensorflow/tfjs';
import { describeValue, fail } from '../../core/errors';
import { flipLabels } from '../../core/labelNoise';
import { permutation as shuffledIndices, randomSource } from '../../core/random';
import { Units } from '../../core/units';
import { checkBoolean, checkChoice, checkNumber, checkOptionNames } from '../../core/validate';
import { loadDataset } from '../../datasets/loadDataset';
import { estimatorNames } from '../../estimators/registry';
import { EstimatorInput } from '../../record/recorder';
import { ScheduleSpec } from '../../record/schedule';
import { readNumericLogs } from '../../run/numericLogs';
import { Run, RunPointRecord } from '../../run/types';
import { initTensorFlow } from '../backend';
import { infoPlaneCallback } from '../infoPlaneCallback';
import { Activation, mlp, OptimizerName } from './models';

export type ExperimentName = 'ib12' | 'digits' | 'diabetes';
export const EXPERIMENT_NAMES: readonly ExperimentName[] = ['ib12', 'digits', 'diabetes'];

/** Defaults of each experiment (all overridable in `runExperiment`). */
export interface ExperimentDefaults {
  summary: string;
  hidden: readonly number[];
  activation: Activation;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Recorded epochs, log-spaced over the planned epochs (0 and the last included). */
  recordCount: number;
}

export const EXPERIMENTS: Readonly<Record<ExperimentName, ExperimentDefaults>> = {
  ib12: {
    summary: '12-10-7-5-4-3-2 network on the 12-bit task (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018)',
    hidden: [10, 7, 5, 4, 3],
    activation: 'tanh',
    optimizer: 'adam',
    learningRate: 0.004,
    batchSize: 256,
    epochs: 1000,
    recordCount: 30,
  },
  digits: {
    summary: 'MLP 64-32-16-8-10 on the 8x8 handwritten digits',
    hidden: [32, 16, 8],
    activation: 'tanh',
    optimizer: 'adam',
    learningRate: 0.001,
    batchSize: 128,
    epochs: 200,
    recordCount: 25,
  },
  diabetes: {
    summary: 'regression network 10-16-8-1 on the diabetes data (standardised inputs and target)',
    hidden: [16, 8],
    activation: 'tanh',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 64,
    epochs: 300,
    recordCount: 25,
  },
};

/** What `runExperiment` reports at the end of every epoch (for progress bars). */
export interface EpochProgress {
  /** Completed epochs. */
  epoch: number;
  epochs: number;
  logs: Record<string, number>;
  /** True when this epoch was recorded. */
  recorded: boolean;
  /** Milliseconds since training started. */
  elapsedMs: number;
}

export interface ExperimentOptions {
  /** Number of training epochs. Defaults to the experiment's (ib12 1000, digits 200, diabetes 300). */
  epochs?: number;
  /** Hidden activation. Defaults to 'tanh'. */
  activation?: Activation;
  /** Optimizer. Defaults to 'adam'. */
  optimizer?: OptimizerName;
  /** Learning rate. Defaults to the experiment's (ib12 0.004, digits 0.001, diabetes 0.01). */
  learningRate?: number;
  /** Minibatch size. Defaults to the experiment's (ib12 256, digits 128, diabetes 64). */
  batchSize?: number;
  /**
   * Estimators. Defaults: tanh: binning, adaptive-binning and kde (when registered); relu: max-scaled binning
   * instead of binning; diabetes: cs against the continuous target when registered, else binning.
   */
  estimators?: readonly EstimatorInput[];
  /** Recorded epochs. Defaults to {logSpaced: the experiment's count} (ib12 30). */
  schedule?: ScheduleSpec;
  /** Seed of the train/test split, the weight initialisation and the probe. Defaults to 0. */
  seed?: number;
  /** Fraction of the samples used for training (the rest is validation). Defaults to 0.8. */
  trainFraction?: number;
  /**
   * Fraction p of the training labels flipped to another class (uniformly among the others) before training, in
   * [0, 1): exactly round(p * training samples) change, seeded by `seed` (`flipLabels`; classification only). The
   * network trains on the flipped labels; validation keeps the true ones. With p > 0 the run records I(T;Y) against
   * two label sets of the probe: `clean` (the true labels) and `noisy` (the labels the network was trained with:
   * flipped for the flipped training samples, true for every other sample). Defaults to 0.
   */
  labelNoise?: number;
  /** Units of the run. Defaults to 'bits'. */
  units?: Units;
  /** NDJSON run file. Defaults to undefined (the run stays in memory and is returned). */
  runFile?: string;
  /** Replace an existing run file. Defaults to false. */
  overwrite?: boolean;
  /** Folder for raw activations (.npy per recorded epoch and layer). Defaults to undefined. */
  keepActivations?: string;
  /** Call `tf.enableProdMode()` (skips tfjs's per-op NaN checks: about 30% faster on the CPU backend). Defaults to true. */
  prodMode?: boolean;
  /** Called at the end of every epoch. Defaults to undefined. */
  onEpoch?: (progress: EpochProgress) => void;
  /** Called after every recorded epoch with its points. Defaults to undefined. */
  onRecord?: (epoch: number, points: RunPointRecord[]) => void;
}

export interface ExperimentResult {
  experiment: ExperimentName;
  run: Run;
  runFile?: string;
  /** Milliseconds of the whole training, recording included. */
  totalMs: number;
  /** Milliseconds the estimators took (sum over recorded epochs, layers and estimators). */
  estimateMs: number;
  /** Logs of the last epoch. */
  finalLogs: Record<string, number>;
}

const OPTION_NAMES = [
  'epochs',
  'activation',
  'optimizer',
  'learningRate',
  'batchSize',
  'estimators',
  'schedule',
  'seed',
  'trainFraction',
  'labelNoise',
  'units',
  'runFile',
  'overwrite',
  'keepActivations',
  'prodMode',
  'onEpoch',
  'onRecord',
] as const;

/** The estimators an experiment records by default (those of them that are registered). */
export function defaultEstimators(experiment: ExperimentName, activation: Activation): EstimatorInput[] {
  const registered = new Set(estimatorNames());
  if (experiment === 'diabetes') {
    const out: EstimatorInput[] = registered.has('cs') ? [{ name: 'cs', target: 'continuous' }] : [];
    out.push(activation === 'relu' ? { name: 'binning', options: { maxScaled: true } } : 'binning');
    return out;
  }
  const out: EstimatorInput[] = [activation === 'relu' ? { name: 'binning', options: { maxScaled: true } } : 'binning', 'adaptive-binning'];
  if (registered.has('kde')) out.push('kde');
  return out;
}

/**
 * Train one of the reference experiments with the information-plane callback and return its run.
 *
 * Cost: ib12 with its defaults takes about 1-2 minutes on the pure-JS backend (2 cores), seconds with tfjs-node.
 *
 * @example
 * const {run} = await runExperiment('ib12', {epochs: 300, runFile: 'runs/ib12/run.ndjson', overwrite: true});
 * run.points.filter((p) => p.estimator === 'binning' && p.layer === 'hidden5');
 */
export async function runExperiment(experiment: ExperimentName, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const fn = 'runExperiment';
  checkChoice(fn, 'experiment', experiment, EXPERIMENT_NAMES);
  checkOptionNames(fn, options, OPTION_NAMES);
  const d = EXPERIMENTS[experiment];
  const {
    epochs = d.epochs,
    activation = d.activation,
    optimizer = d.optimizer,
    learningRate = d.learningRate,
    batchSize = d.batchSize,
    seed = 0,
    trainFraction = 0.8,
    labelNoise = 0,
    units = 'bits',
    prodMode = true,
  } = options;
  checkNumber(fn, 'epochs', epochs, { integer: true, min: 1, max: 1_000_000 });
  checkChoice(fn, 'activation', activation, ['tanh', 'relu'] as const);
  checkChoice(fn, 'optimizer', optimizer, ['adam', 'sgd'] as const);
  checkNumber(fn, 'learningRate', learningRate, { min: 0, minExclusive: true });
  checkNumber(fn, 'batchSize', batchSize, { integer: true, min: 1 });
  checkNumber(fn, 'seed', seed, { integer: true, min: 0 });
  checkNumber(fn, 'trainFraction', trainFraction, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  checkNumber(fn, 'labelNoise', labelNoise, { min: 0, max: 1, maxExclusive: true });
  if (labelNoise > 0 && experiment === 'diabetes') fail('invalid_option', { fn, param: 'labelNoise', expected: '0 for the regression experiment diabetes (labels are flipped between classes)', received: String(labelNoise) });
  checkBoolean(fn, 'prodMode', prodMode);
  for (const f of ['onEpoch', 'onRecord'] as const) {
    if (options[f] !== undefined && typeof options[f] !== 'function') fail('invalid_type', { fn, param: f, expected: 'a function', received: describeValue(options[f]) });
  }
  const estimators = options.estimators ?? defaultEstimators(experiment, activation);
  const schedule = options.schedule ?? { logSpaced: d.recordCount };

  // The fastest installed backend (tfjs-node, wasm, cpu) unless one was chosen before; prints the backend line.
  const { tf } = await initTensorFlow();
  if (prodMode) tf.enableProdMode();
  const data = prepare(experiment);
  const n = data.x.n;
  const order = permutation(n, seed);
  const nTrain = Math.max(1, Math.min(n - 1, Math.round(trainFraction * n)));
  const pick = (rows: Int32Array, values: Float64Array, width: number) => {
    const out = new Float32Array(rows.length * width);
    for (let i = 0; i < rows.length; i++) for (let j = 0; j < width; j++) out[i * width + j] = values[rows[i] * width + j];
    return out;
  };
  const trainRows = order.subarray(0, nTrain);
  const testRows = order.subarray(nTrain);
  const dx = data.x.d;
  const dy = data.yWidth;
  // label noise: the training rows' targets become the flipped labels; the held-out rows keep the true ones
  let noise: { labels: Float64Array; flipped: Int32Array; seed: number } | undefined;
  if (labelNoise > 0) {
    const noiseSeed = labelNoiseSeed(seed);
    noise = { ...flipLabels(data.labels as Float64Array, { fraction: labelNoise, seed: noiseSeed, rows: trainRows }), seed: noiseSeed };
    const targets = new Float64Array(data.yTrain.length);
    for (let i = 0; i < n; i++) targets[i * dy + noise.labels[i]] = 1;
    data.yTrain = targets;
  }
  const tensors: Tensor[] = [];
  const keep = <T extends Tensor>(t: T): T => {
    tensors.push(t);
    return t;
  };
  const xTrain = keep(tf.tensor2d(pick(trainRows, data.x.data, dx), [nTrain, dx]));
  const yTrain = keep(tf.tensor2d(pick(trainRows, data.yTrain, dy), [nTrain, dy]));
  const xTest = keep(tf.tensor2d(pick(testRows, data.x.data, dx), [testRows.length, dx]));
  const yTest = keep(tf.tensor2d(pick(testRows, data.yTrain, dy), [testRows.length, dy]));
  const model: Sequential = mlp({
    inputs: dx,
    hidden: d.hidden,
    outputs: dy,
    activation,
    output: data.task === 'classification' ? 'softmax' : 'linear',
    optimizer,
    learningRate,
    seed,
  });
  const description = `${[dx, ...d.hidden, dy].join('-')} ${activation}, ${data.task === 'classification' ? 'softmax' : 'linear'} output; ${optimizer} lr ${learningRate}, batch ${batchSize}, ${epochs} epochs; ${Math.round(trainFraction * 100)}% train split (seed ${seed})${labelNoise > 0 ? `; ${labelNoise * 100}% of the training labels flipped` : ''}`;
  const callback = infoPlaneCallback({
    x: data.x,
    ...(data.task === 'regression' ? { target: data.target } : noise ? { labelSets: { clean: data.labels as Float64Array, noisy: noise.labels } } : { y: data.labels }),
    maxSamples: n,
    seed,
    estimators,
    schedule,
    epochs,
    units,
    runFile: options.runFile,
    overwrite: options.overwrite,
    keepActivations: options.keepActivations,
    dataset: experiment,
    description,
    meta: {
      experiment,
      activation,
      optimizer,
      learningRate,
      batchSize,
      epochs,
      trainFraction,
      trainSize: nTrain,
      testSize: testRows.length,
      ...(noise ? { labelNoise: { fraction: labelNoise, flipped: noise.flipped.length, seed: noise.seed, noisySet: 'training labels as trained on (flipped ones included); true labels of the held-out samples' } } : {}),
    },
    onRecord: options.onRecord,
  });
  const started = performance.now();
  let finalLogs: Record<string, number> = {};
  const onEpoch = options.onEpoch;
  const progress = new (class extends (tf.Callback as unknown as new () => Callback) {
    override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
      finalLogs = await numbers(logs, tf.Tensor);
      if (onEpoch) {
        const last = callback.run?.epochs[callback.run.epochs.length - 1];
        onEpoch({ epoch: epoch + 1, epochs, logs: finalLogs, recorded: last?.epoch === epoch + 1, elapsedMs: performance.now() - started });
      }
    }
  })();
  try {
    await model.fit(xTrain, yTrain, { epochs, batchSize, shuffle: true, verbose: 0, validationData: [xTest, yTest], callbacks: [callback, progress] });
  } finally {
    callback.dispose();
    tf.dispose(tensors);
    model.dispose();
  }
  const run = callback.run as Run;
  const estimateMs = run.points.reduce((s, p) => s + (p.ms ?? 0), 0);
  return { experiment, run, runFile: options.runFile, totalMs: performance.now() - started, estimateMs, finalLogs };
}

interface Prepared {
  task: 'classification' | 'regression';
  x: { data: Float64Array; n: number; d: number };
  /** Training targets, n x yWidth: one-hot labels, or the standardised target. */
  yTrain: Float64Array;
  yWidth: number;
  labels?: Float64Array;
  target?: Float64Array;
}

function prepare(experiment: ExperimentName): Prepared {
  if (experiment === 'diabetes') {
    const ds = loadDataset('diabetes');
    const x = standardizeColumns(ds.x.data, ds.x.n, ds.x.d);
    const target = standardizeColumns(ds.y, ds.y.length, 1);
    return { task: 'regression', x: { data: x, n: ds.x.n, d: ds.x.d }, yTrain: target, yWidth: 1, target };
  }
  const ds = loadDataset(experiment);
  const x = experiment === 'digits' ? ds.x.data.map((v) => v / 16) : ds.x.data;
  const classes = ds.labels.classes.length;
  const oneHot = new Float64Array(ds.x.n * classes);
  const labels = new Float64Array(ds.x.n);
  for (let i = 0; i < ds.x.n; i++) {
    oneHot[i * classes + ds.labels.ids[i]] = 1;
    labels[i] = ds.labels.ids[i];
  }
  return { task: 'classification', x: { data: x, n: ds.x.n, d: ds.x.d }, yTrain: oneHot, yWidth: classes, labels };
}

/** Columns scaled to mean 0 and (population) standard deviation 1; a constant column becomes 0. */
export function standardizeColumns(data: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + j];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * d + j] - mean) ** 2;
    const sd = Math.sqrt(v / n);
    for (let i = 0; i < n; i++) out[i * d + j] = sd > 0 ? (data[i * d + j] - mean) / sd : 0;
  }
  return out;
}

/**
 * The seed of an experiment's label flips: its own stream, apart from the split's (`permutation(n, seed)`), so that
 * which samples are flipped does not echo the order of the split.
 */
export function labelNoiseSeed(seed: number): number {
  return (seed ^ 0x6e6f6973) >>> 0;
}

/** A seeded random permutation of 0..n-1 (Fisher-Yates, `permutation` of core/random). */
export function permutation(n: number, seed: number): Int32Array {
  return shuffledIndices(n, randomSource(seed));
}

/** Epoch logs as numbers (tfjs passes scalars; they are read, not disposed: tfjs owns them). */
function numbers(logs: Logs | undefined, TensorClass: abstract new (...args: never[]) => Tensor): Promise<Record<string, number>> {
  return readNumericLogs(logs, (v) => (v instanceof TensorClass && !v.isDisposed && v.size === 1 ? v.data().then((d) => d[0]) : undefined));
}
