/**
 * `infoplane estimate SNAP`: estimate a folder of saved activations (any framework; see record/snapshot.ts) into
 * a run file, on this machine. `infoplane estimate --plan PLAN.json [--task I]`: run one task of a plan made by
 * `infoplane plan` and write its part file (the task index from the array scheduler's environment when
 * `--task` is not given).
 */
import { estimatorSpec } from '../../estimators/registry';
import { integerParam } from '../../estimators/specs/params';
import { EstimatorSpec } from '../../estimators/specs/spec';
import { estimateSnapshot } from '../../record/estimateSnapshot';
import { runPlanTask, TASK_INDEX_VARIABLES, taskFromEnvironment } from '../../record/plan';
import { EstimatorConfig, EstimatorInput, RECORDER_DEFAULTS } from '../../record/recorder';
import { formatRunSummary, summarizeRun } from '../../run/summarizeRun';
import { CliCommand, CliIO } from '../command';
import { ADVISE_SECONDS, formatDuration } from '../costAdvice';
import { optionsForEstimators } from '../estimatorOptions';
import { readCommandFlag, readTextFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';
import { unitProgress } from '../progress';
import { parseEstimatorList, trainingFlag } from './train';

const FLAGS = ['estimators', 'out', 'units', 'overwrite', 'per-class', 'plan', 'task', 'quiet', 'json', 'help'] as const;

const HELP = `Usage: infoplane estimate SNAP --out RUN.ndjson [--estimators a,b,c] [--units bits|nats] [--PARAM V ...]
       infoplane estimate --plan PLAN.json [--task I]

Estimates a folder of saved activations, written by any framework (PyTorch, JAX, Keras, the recorder's
keepActivations), into a run file identical in format to a recorded run's: read it with infoplane inspect,
plot and correlate. The folder:

  SNAP/inputs.npy                probe inputs X (n rows; any rank, flattened per sample)
  SNAP/labels.npy | labels.csv   integer class labels Y (n values)
  SNAP/layers.json               optional: layer order, e.g. ["conv1", "fc1", "out"]
  SNAP/epoch-<E>/<layer>.npy     activations at completed epoch E (n rows; any rank)
  SNAP/epoch-<E>/logs.json       optional: {"loss": 0.31, "val_accuracy": 0.9}

  --out FILE              run file to write (required with SNAP); an existing run is an error unless --overwrite
  --estimators a,b,c      estimators (default: binning, adaptive-binning); binning-max-scaled = binning with
                          edges linspace(0, M, bins), M the running maximum over the layers and epochs so far
  --units bits|nats       units of the run (default bits)
  --PARAM V               an estimator parameter (--bins 30, --max-samples 2000, --dims 4...), given to every
                          listed estimator that takes it
  --per-class             also record each point's per-class terms (binning, kde, dsmi: H(T|Y=c), its term
                          of I(T;Y)); draw them with infoplane plot RUN --kind classes
  --overwrite             replace the run file
  --quiet                 no progress display
  --json                  print a JSON summary

With a plan (infoplane plan SNAP --tasks N --out PLAN.json), each task runs separately:
  --plan PLAN.json        run one task of the plan; writes PLAN.parts/task-<I>.ndjson. A task whose part file
                          exists is skipped; a task killed midway resumes from its journal.
  --task I                the task, 0 to N-1. Without it, the index comes from the first of
                          ${TASK_INDEX_VARIABLES.map((v) => v.name).join(', ')}
                          (SGE_TASK_ID counts from 1: qsub -t 1-N). Then: infoplane merge PLAN.json --out RUN.ndjson
`;

const PREFIX = 'infoplane estimate';
export const TASK_PARAM = integerParam({ min: 0, description: 'task index' });

/** The estimators of `--estimators` with the parameter flags applied (shared by `estimate` and `plan`). */
export function estimatorsFromFlags(args: ParsedArgs, command: string, commandFlags: readonly string[]): EstimatorConfig[] {
  const list: EstimatorInput[] = parseEstimatorList(args.flags.get('estimators'), command) ?? [...RECORDER_DEFAULTS.estimators];
  const configs = list.map((e) => (typeof e === 'string' ? { name: e } : { ...e }));
  const specs: EstimatorSpec[] = configs.map((c) => estimatorSpec(c.name, `infoplane ${command}`));
  const options = optionsForEstimators(`infoplane ${command}`, specs, args.flags, commandFlags, (spec) => (spec.point ? 'point' : 'entropy'));
  return configs.map((c, i) => (Object.keys(options[i]).length || c.options ? { ...c, options: { ...(c.options ?? {}), ...options[i] } } : c));
}

async function estimate(args: ParsedArgs, io: CliIO): Promise<void> {
  const planFile = readTextFlag(args, PREFIX, 'plan');
  const progress = unitProgress(PREFIX, { quiet: args.flags.has('quiet'), terminal: io.terminal, line: io.stderr });
  if (planFile !== undefined) {
    if (args.positionals.length) throw new UsageError(`${PREFIX}: with --plan, SNAP comes from the plan; got also "${args.positionals[0]}"`);
    for (const f of ['estimators', 'out', 'units', 'overwrite', 'per-class']) if (args.flags.has(f)) throw new UsageError(`${PREFIX}: --${f} is set by the plan; leave it out with --plan`);
    let task = readCommandFlag(args, PREFIX, 'task', TASK_PARAM);
    let source = '--task';
    if (task === undefined) {
      const env = taskFromEnvironment();
      if (!env) {
        throw new UsageError(`${PREFIX}: --plan needs --task I, or an array index in the environment (${TASK_INDEX_VARIABLES.map((v) => v.name).join(', ')}); none is set`);
      }
      task = env.task;
      source = env.variable;
    }
    const started = Date.now();
    const r = await runPlanTask(planFile, task, { onProgress: (done, total, u) => progress.report(done, total, `task ${task}: ${u.estimator} on ${u.layer} at epoch ${u.epoch}`) });
    progress.end();
    if (args.flags.has('json')) {
      io.stdout(`${JSON.stringify({ ...r, taskFrom: source, seconds: (Date.now() - started) / 1000 })}\n`);
    } else if (r.alreadyDone) {
      io.stdout(`task ${task} (${source}): already done, part file ${r.file}\n`);
    } else {
      io.stdout(`task ${task} (${source}): ${r.computed} units computed${r.skipped ? `, ${r.skipped} resumed from the journal` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s; part file ${r.file}\n`);
    }
    return;
  }
  if (args.flags.has('task')) throw new UsageError(`${PREFIX}: --task needs --plan PLAN.json`);
  if (args.positionals.length !== 1) throw new UsageError(`${PREFIX}: expected one snapshot folder SNAP (or --plan PLAN.json); got ${args.positionals.length} arguments`);
  const out = readTextFlag(args, PREFIX, 'out');
  if (out === undefined) throw new UsageError(`${PREFIX}: --out RUN.ndjson is required`);
  const estimators = estimatorsFromFlags(args, 'estimate', FLAGS);
  const started = Date.now();
  const run = await estimateSnapshot(args.positionals[0], {
    estimators,
    units: trainingFlag(args, 'units', 'estimate'),
    runFile: out,
    overwrite: args.flags.has('overwrite'),
    perClass: args.flags.has('per-class'),
    onProgress: (done, total, u) => progress.report(done, total, `${u.estimator} on ${u.layer} at epoch ${u.epoch}`),
    onStart: (s, units, seconds) => {
      if (seconds > ADVISE_SECONDS && !args.flags.has('quiet')) {
        io.stderr(`${PREFIX}: ${units} units (${s.epochs.length} epochs x ${s.layers.length} layers x ${estimators.length} estimators) should take about ${formatDuration(seconds)}; to share them out over a cluster: infoplane plan\n`);
      }
    },
  });
  progress.end();
  const seconds = (Date.now() - started) / 1000;
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ runFile: out, points: run.points.length, epochs: run.epochs.length, seconds })}\n`);
    return;
  }
  io.stdout(formatRunSummary(summarizeRun(run)));
  io.stdout(`run file: ${out} (${run.points.length} points, ${run.epochs.length} epochs, ${seconds.toFixed(1)} s)\n`);
}

export const estimateCommand: CliCommand = {
  name: 'estimate',
  summary: 'estimate a folder of saved activations (PyTorch, JAX, Keras...) into a run file, or one task of a plan',
  usage: 'infoplane estimate SNAP --out RUN.ndjson [--estimators a,b,c] [--PARAM V ...] | infoplane estimate --plan PLAN.json [--task I]',
  flags: FLAGS,
  booleans: ['overwrite', 'per-class', 'quiet', 'json', 'help'],
  estimatorParams: true,
  help: () => HELP,
  run: estimate,
};
