/**
 * `infoplane train`: train a reference experiment (ib12, digits, diabetes) with the information-plane callback
 * and write its run file. TensorFlow.js is loaded only when the command runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fail } from '../../core/errors';
import { estimatorNames } from '../../estimators/registry';
import { lockRunFile, RunFileLock } from '../../run/runLock';
import type { EstimatorInput } from '../../record/recorder';
import { formatRunSummary, summarizeRun } from '../../run/summarizeRun';
import type { ExperimentName, ExperimentOptions, ExperimentResult } from '../../tfjs/train/experiments';
import { CliCommand, CliIO } from '../command';
import { choiceParam, integerParam, numberParam, Param } from '../../estimators/specs/params';
import type { ValueOf } from '../../estimators/specs/spec';
import { readCommandFlag, readTextFlag } from '../flags';
import { flagOf, ParsedArgs, UsageError } from '../parseArgs';

/** `--estimators` token for max-scaled binning (edges linspace(0, M, bins), M the running maximum). */
export const MAX_SCALED_TOKEN = 'binning-max-scaled';

/** Parse `--estimators a,b,c` against the registry. */
export function parseEstimatorList(raw: string | true | undefined, command: string): EstimatorInput[] | undefined {
  if (raw === undefined) return undefined;
  if (raw === true || raw.trim() === '') throw new UsageError(`infoplane ${command}: --estimators needs a comma-separated list of estimator names`);
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const valid = [...estimatorNames(), MAX_SCALED_TOKEN];
  const seen = new Set<string>();
  return names.map((name) => {
    if (!valid.includes(name)) throw new UsageError(`infoplane ${command}: unknown estimator "${name}" in --estimators; valid estimators are ${valid.join(', ')}`);
    if (seen.has(name)) throw new UsageError(`infoplane ${command}: estimator "${name}" is listed twice in --estimators`);
    seen.add(name);
    return name === MAX_SCALED_TOKEN ? { name: 'binning', label: MAX_SCALED_TOKEN, options: { maxScaled: true } } : name;
  });
}

/** The flags of `train` and `demo` that take values, declared as parameters and read by the one flag reader. */
export const TRAINING_FLAGS = {
  experiment: choiceParam(['ib12', 'digits', 'diabetes'], { description: 'reference experiment' }),
  epochs: integerParam({ min: 1, max: 1_000_000, description: 'epochs to train' }),
  activation: choiceParam(['tanh', 'relu'], { description: 'activation of the hidden layers' }),
  optimizer: choiceParam(['adam', 'sgd'], { description: 'optimizer' }),
  learningRate: numberParam({ min: 0, minExclusive: true, description: 'learning rate' }),
  batchSize: integerParam({ min: 1, description: 'training batch size' }),
  seed: integerParam({ min: 0, description: 'seed of the weights, the split and the probe' }),
  records: integerParam({ min: 2, description: 'log-spaced epochs to record' }),
  units: choiceParam(['bits', 'nats'], { description: 'units of the run' }),
  backend: choiceParam(['auto', 'tensorflow', 'wasm', 'cpu'], { description: 'where TensorFlow.js runs (see initTensorFlow)' }),
  labelNoise: numberParam({ min: 0, max: 1, maxExclusive: true, description: 'fraction of the training labels flipped to another class' }),
};

/** The value of training flag `name` (kebab-case on the command line), checked against its declaration. */
export function trainingFlag<K extends keyof typeof TRAINING_FLAGS>(args: ParsedArgs, name: K, command: string): ValueOf<(typeof TRAINING_FLAGS)[K]> | undefined {
  const p = TRAINING_FLAGS[name] as Param<ValueOf<(typeof TRAINING_FLAGS)[K]>>;
  return readCommandFlag(args, `infoplane ${command}`, flagOf(name), p);
}

/** The training options shared by `train` and `demo`, from their flags. */
export function experimentOptionsFromFlags(args: ParsedArgs, command: string): ExperimentOptions {
  const options: ExperimentOptions = {};
  const epochs = trainingFlag(args, 'epochs', command);
  if (epochs !== undefined) options.epochs = epochs;
  const activation = trainingFlag(args, 'activation', command);
  if (activation) options.activation = activation;
  const optimizer = trainingFlag(args, 'optimizer', command);
  if (optimizer) options.optimizer = optimizer;
  const lr = trainingFlag(args, 'learningRate', command);
  if (lr !== undefined) options.learningRate = lr;
  const batch = trainingFlag(args, 'batchSize', command);
  if (batch !== undefined) options.batchSize = batch;
  const seed = trainingFlag(args, 'seed', command);
  if (seed !== undefined) options.seed = seed;
  const records = trainingFlag(args, 'records', command);
  if (records !== undefined) options.schedule = { logSpaced: records };
  const estimators = parseEstimatorList(args.flags.get('estimators'), command);
  if (estimators) options.estimators = estimators;
  const units = trainingFlag(args, 'units', command);
  if (units) options.units = units;
  const labelNoise = trainingFlag(args, 'labelNoise', command);
  if (labelNoise !== undefined) options.labelNoise = labelNoise;
  return options;
}

/**
 * Own `runFile` for the whole command, before anything is trained: the lock (one writer per run file; another
 * process writing it is a `file_busy` error) and, unless `overwrite`, a file that already holds data is refused
 * (`--overwrite` replaces it). The run's writer takes the same lock again inside; release this one at the end.
 */
export function claimRunFile(runFile: string, overwrite: boolean, command: string): RunFileLock {
  const fn = `infoplane ${command}`;
  const key = path.resolve(runFile);
  if (claimed.has(key)) {
    fail('file_busy', {
      fn,
      param: '--out',
      expected: 'a folder that no other command is writing (one writer per run file)',
      received: `${JSON.stringify(path.dirname(runFile))}, being written by another command of this process`,
    });
  }
  const lock = lockRunFile(runFile, fn, '--out');
  let size = 0;
  try {
    size = fs.statSync(runFile).size;
  } catch {
    size = 0;
  }
  if (size > 0 && !overwrite) {
    lock.release();
    fail('invalid_option', {
      fn,
      param: '--out',
      expected: 'a folder whose run.ndjson is new or empty (pass --overwrite to replace it, or choose another --out)',
      received: `${JSON.stringify(path.dirname(runFile))}, whose run.ndjson already holds ${size} bytes`,
    });
  }
  claimed.add(key);
  let released = false;
  return {
    file: lock.file,
    lockFile: lock.lockFile,
    release: () => {
      if (released) return;
      released = true;
      claimed.delete(key);
      lock.release();
    },
  };
}

/** Run files claimed by a command of this process (the file lock is shared within a process; this is not). */
const claimed = new Set<string>();

/** Run an experiment with a progress display on stderr; returns its result. */
export async function trainWithProgress(experiment: ExperimentName, options: ExperimentOptions, io: CliIO, quiet: boolean): Promise<ExperimentResult> {
  const { runExperiment, progressBar } = await import('../../tfjs/train');
  const bar = quiet ? undefined : progressBar((text) => (io.terminal ?? io.stderr)(text));
  try {
    return await runExperiment(experiment, { ...options, onEpoch: bar ? (p) => bar.update(p) : undefined });
  } finally {
    bar?.done();
  }
}

const TRAIN_FLAGS = [
  'experiment',
  'epochs',
  'activation',
  'optimizer',
  'learning-rate',
  'batch-size',
  'seed',
  'records',
  'estimators',
  'units',
  'backend',
  'label-noise',
  'out',
  'keep-activations',
  'overwrite',
  'quiet',
  'json',
  'help',
] as const;

const HELP = `Usage: infoplane train --experiment ib12|digits|diabetes [--epochs N] [--activation tanh|relu] [--optimizer adam|sgd]
                       [--learning-rate R] [--batch-size B] [--seed S] [--records K] [--estimators a,b,c]
                       [--units bits|nats] [--backend B] [--label-noise P] [--out DIR] [--keep-activations] [--quiet] [--json]

Trains a reference experiment with TensorFlow.js (@tensorflow/tfjs-node when installed, else WebAssembly, else pure JS)
and records the information plane of every layer at K log-spaced epochs (0 = before training, and the last
included) with each estimator. Writes DIR/run.ndjson (append-only, flushed per recorded epoch; read it with
infoplane inspect) and prints a summary.

Experiments (defaults):
  ib12      12-10-7-5-4-3-2, tanh, softmax; Adam lr 0.004, batch 256, 1000 epochs; 80% train split;
            information plane on all 4096 inputs (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018)
  digits    64-32-16-8-10, tanh, softmax; Adam lr 0.001, batch 128, 200 epochs; probe: all 1797 images
  diabetes  10-16-8-1, tanh, linear output (standardised target, MSE); Adam lr 0.01, batch 64, 300 epochs;
            cs against the continuous target when registered, else binning of the target cut into 10 classes

  --experiment NAME       ib12, digits or diabetes (required)
  --epochs N              training epochs (default: the experiment's)
  --activation A          tanh or relu hidden layers (default tanh)
  --optimizer O           adam or sgd (default adam)
  --learning-rate R       (default: the experiment's)
  --batch-size B          (default: the experiment's)
  --seed S                seed of the split, the initial weights and the probe (default 0)
  --records K             number of recorded epochs, log-spaced (default: ib12 30, others 25)
  --estimators a,b,c      estimators to record (default: binning, adaptive-binning, kde when registered;
                          relu: ${MAX_SCALED_TOKEN} instead of binning). ${MAX_SCALED_TOKEN} = binning with edges
                          linspace(0, M, bins), M the running maximum over the layers and epochs recorded so far
  --units bits|nats       units of the run (default bits)
  --backend B             where TensorFlow.js runs: auto (default: tfjs-node if installed, else wasm, else cpu),
                          tensorflow, wasm or cpu (also INFOPLANE_BACKEND)
  --label-noise P         flip a fraction P in [0, 1) of the training labels to another class (exactly round(P x
                          training samples), seeded by --seed; ib12 and digits): the network trains on them and
                          the run records I(T;Y) against the clean and the noisy labels (itySets; plot --labels)
  --out DIR               output folder (default runs/EXPERIMENT); a run.ndjson there that holds a run is an
                          error unless --overwrite; one that another process is writing is always an error
  --overwrite             replace DIR/run.ndjson (atomically: readers see the old run or the new one)
  --keep-activations      also save raw activations as a snapshot in DIR/activations (epoch-<E>/<layer>.npy),
                          which infoplane estimate can estimate again with other estimators
  --quiet                 no progress display
  --json                  print the summary as JSON
`;

async function train(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'train';
  if (args.positionals.length) throw new UsageError(`infoplane train: unexpected argument "${args.positionals[0]}" (see infoplane train --help)`);
  const experiment = trainingFlag(args, 'experiment', command);
  if (!experiment) throw new UsageError('infoplane train: --experiment is required (ib12, digits or diabetes)');
  const options = experimentOptionsFromFlags(args, command);
  const out = readTextFlag(args, `infoplane ${command}`, 'out') ?? path.join('runs', experiment);
  options.runFile = path.join(out, 'run.ndjson');
  options.overwrite = args.flags.has('overwrite');
  if (args.flags.has('keep-activations')) options.keepActivations = path.join(out, 'activations');
  // TensorFlow.js first: a missing package or backend is reported before the run file is claimed
  const { initTensorFlow } = await import('../../tfjs/backend');
  await initTensorFlow({ backend: trainingFlag(args, 'backend', command) });
  const hold = claimRunFile(options.runFile, options.overwrite, command);
  let result: ExperimentResult;
  try {
    result = await trainWithProgress(experiment, options, io, args.flags.has('quiet'));
  } finally {
    hold.release();
  }
  const summary = summarizeRun(result.run);
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ runFile: options.runFile, totalSeconds: result.totalMs / 1000, estimateSeconds: result.estimateMs / 1000, summary })}\n`);
  } else {
    io.stdout(formatRunSummary(summary));
    io.stdout(`run file: ${options.runFile}\n${options.keepActivations ? `activations: ${options.keepActivations}\n` : ''}`);
    io.stdout(`trained in ${(result.totalMs / 1000).toFixed(1)} s (estimators ${(result.estimateMs / 1000).toFixed(1)} s)\n`);
  }
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train a reference experiment (ib12, digits, diabetes) and record its information plane',
  usage: 'infoplane train --experiment ib12|digits|diabetes [--epochs N] [--activation tanh|relu] [--estimators a,b,c] [--out DIR] [...]',
  flags: TRAIN_FLAGS,
  booleans: ['keep-activations', 'overwrite', 'quiet', 'json', 'help'],
  help: () => HELP,
  run: train,
};
