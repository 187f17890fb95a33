/**
 * `infoplane plan SNAP --tasks N --out PLAN.json`: split the estimation of a snapshot into N tasks balanced by
 * predicted cost, for a job array (Slurm, SGE, PBS, AWS Batch, Kubernetes, Snakemake).
 */
import { integerParam } from '../../estimators/specs/params';
import { createPlan, partsFolder, writePlan } from '../../record/plan';
import { formatDuration } from '../costAdvice';
import { CliCommand, CliIO } from '../command';
import { readCommandFlag, readTextFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';
import { estimatorsFromFlags } from './estimate';
import { trainingFlag } from './train';

const FLAGS = ['estimators', 'tasks', 'out', 'units', 'overwrite', 'per-class', 'json', 'help'] as const;
const PREFIX = 'infoplane plan';
const TASKS_PARAM = integerParam({ min: 1, max: 100000, description: 'number of tasks' });

const HELP = `Usage: infoplane plan SNAP --tasks N --out PLAN.json [--estimators a,b,c] [--units bits|nats] [--PARAM V ...]

Splits the estimation of a snapshot folder (see infoplane estimate --help) into N tasks of about equal
predicted cost (each unit is one estimator on one layer at one epoch; units are dealt costliest first to the
least loaded task). Each task then runs anywhere that sees the files:

  infoplane estimate --plan PLAN.json --task I      (or with I from SLURM_ARRAY_TASK_ID and the like)
  infoplane merge PLAN.json --out RUN.ndjson        (checks every task finished, writes the run file)

The merged run has the same points as infoplane estimate SNAP gives on one machine, whatever N.

  --tasks N               number of tasks, 1 to the number of units
  --out FILE              the plan file (JSON); part files go to FILE without .json, plus .parts/
  --estimators a,b,c      as for infoplane estimate (default: binning, adaptive-binning)
  --units bits|nats       units of the run (default bits)
  --PARAM V               an estimator parameter, given to every listed estimator that takes it
  --per-class             also record each point's per-class terms (binning, kde, dsmi: H(T|Y=c), its term
                          of I(T;Y)); draw them with infoplane plot RUN --kind classes
  --overwrite             replace an existing plan file (its old part files are left as they are)
  --json                  print the plan's summary as JSON

Slurm: sbatch --array=0-(N-1) --wrap "npx infoplane estimate --plan PLAN.json" (see docs/guide.md).
`;

async function plan(args: ParsedArgs, io: CliIO): Promise<void> {
  if (args.positionals.length !== 1) throw new UsageError(`${PREFIX}: expected one snapshot folder SNAP; got ${args.positionals.length} arguments`);
  const out = readTextFlag(args, PREFIX, 'out');
  if (out === undefined) throw new UsageError(`${PREFIX}: --out PLAN.json is required`);
  const tasks = readCommandFlag(args, PREFIX, 'tasks', TASKS_PARAM);
  if (tasks === undefined) throw new UsageError(`${PREFIX}: --tasks N is required`);
  const p = await createPlan(args.positionals[0], { estimators: estimatorsFromFlags(args, 'plan', FLAGS), units: trainingFlag(args, 'units', 'plan'), perClass: args.flags.has('per-class'), tasks });
  writePlan(p, out, { overwrite: args.flags.has('overwrite') });
  const costs = p.tasks.map((t) => t.cost);
  const units = p.tasks.reduce((a, t) => a + t.units.length, 0);
  const total = costs.reduce((a, b) => a + b, 0);
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ plan: out, planId: p.planId, tasks: p.tasks.length, units, predictedSeconds: { total, maxTask: Math.max(...costs), minTask: Math.min(...costs) }, parts: partsFolder(out) })}\n`);
    return;
  }
  io.stdout(
    `plan ${out}: ${units} units in ${p.tasks.length} tasks; predicted ${formatDuration(total)} in all, ${formatDuration(Math.max(...costs))} for the longest task, ${formatDuration(Math.min(...costs))} for the shortest\n` +
      `run each task: infoplane estimate --plan ${out} --task I   (I = 0..${p.tasks.length - 1}; Slurm: sbatch --array=0-${p.tasks.length - 1})\n` +
      `then: infoplane merge ${out} --out RUN.ndjson\n`,
  );
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'split the estimation of a snapshot folder into N balanced tasks for a job array (Slurm, SGE, PBS...)',
  usage: 'infoplane plan SNAP --tasks N --out PLAN.json [--estimators a,b,c] [--PARAM V ...]',
  flags: FLAGS,
  booleans: ['overwrite', 'per-class', 'json', 'help'],
  estimatorParams: true,
  help: () => HELP,
  run: plan,
  paramFlags: { file: '--out', folder: 'SNAP', tasks: '--tasks' },
};
