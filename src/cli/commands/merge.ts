/** `infoplane merge PLAN.json --out RUN.ndjson`: check that every task of a plan finished and write the run file. */
import { mergePlan } from '../../record/plan';
import { CliCommand, CliIO } from '../command';
import { readTextFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';

const FLAGS = ['out', 'overwrite', 'json', 'help'] as const;
const PREFIX = 'infoplane merge';

const HELP = `Usage: infoplane merge PLAN.json --out RUN.ndjson [--overwrite] [--json]

Checks that every task of the plan wrote its part file (PLAN.parts/task-<I>.ndjson), naming the tasks that did
not, and writes the run file: the points of all tasks in run order, the same as infoplane estimate SNAP gives
on one machine. Nothing is written while a task is missing.

  --out FILE              run file to write; an existing run is an error unless --overwrite
  --overwrite             replace the run file
  --json                  print {"runFile", "points", "epochs"} as JSON
`;

async function merge(args: ParsedArgs, io: CliIO): Promise<void> {
  if (args.positionals.length !== 1) throw new UsageError(`${PREFIX}: expected one plan file PLAN.json; got ${args.positionals.length} arguments`);
  const out = readTextFlag(args, PREFIX, 'out');
  if (out === undefined) throw new UsageError(`${PREFIX}: --out RUN.ndjson is required`);
  const r = mergePlan(args.positionals[0], out, { overwrite: args.flags.has('overwrite') });
  if (args.flags.has('json')) io.stdout(`${JSON.stringify({ runFile: out, ...r })}\n`);
  else io.stdout(`run file: ${out} (${r.points} points, ${r.epochs} epochs)\n`);
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: "check that every task of a plan finished and write the run file from their parts",
  usage: 'infoplane merge PLAN.json --out RUN.ndjson',
  flags: FLAGS,
  booleans: ['overwrite', 'json', 'help'],
  help: () => HELP,
  run: merge,
  paramFlags: { plan: 'PLAN.json', out: '--out' },
};
