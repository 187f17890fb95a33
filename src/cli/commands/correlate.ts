/**
 * `infoplane correlate RUN...`: across runs (seeds, widths, data sizes), Kendall's tau-b, Spearman's rho and
 * Pearson's r, each with n and a p-value, between each layer's final-epoch I(X;T), I(T;Y), I(X;T|Y) or H(T)
 * and the generalisation gap read from the runs' epoch logs.
 */
import { printable } from '../../core/printable';
import { CorrelateResult, correlateRuns, GAP_KINDS, QUANTITY_LABELS } from '../../run/correlateRuns';
import { readRun } from '../../run/parseRun';
import { finiteReplacer } from '../../run/runFile';
import { choiceParam } from '../../estimators/specs/params';
import { CliCommand, CliIO } from '../command';
import { readCommandFlag, readListFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';

const HELP = `Usage: infoplane correlate RUN... [--estimator NAME] [--layers A,B] [--gap loss|accuracy] [--json]

Across run files (at least 3: seeds, widths, data sizes of one task), correlates each layer's final-epoch
I(X;T), I(T;Y), I(X;T|Y) and H(T) (what the estimator recorded) with the run's generalisation gap, read from
its last epoch logs. Prints Kendall's tau-b, Spearman's rho and Pearson's r, each with n (runs) and a two-sided
p-value (tau-b: normal approximation with tie correction; rho and r: Student's t with n - 2 degrees of freedom).
Many layers and quantities are tested at once: correct the p-values for that before calling one significant.

  --estimator NAME        estimator whose points are used (default: the first of the first run)
  --layers A,B            layers, comma-separated (default: all)
  --gap G                 loss (default): val_loss - loss; accuracy: acc - val_acc (or accuracy - val_accuracy)
  --json                  print JSON: {"estimator", "units", "gap", "runsWithoutGap", "rows": [{"layer",
                          "quantity", "kendall", "spearman", "pearson" ({statistic, n, pValue}), "pairs"}],
                          "skipped"}

A scatter figure of the same: infoplane plot RUN... --kind correlate --out FILE.
`;

const PREFIX = 'infoplane correlate';
/** `--gap`: which generalisation gap. */
export const GAP_PARAM = choiceParam(GAP_KINDS, { description: 'generalisation gap' });

function fmt(v: number): string {
  return Number.isNaN(v) ? 'n/a' : v.toFixed(3);
}

function fmtP(p: number): string {
  return Number.isNaN(p) ? 'n/a' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/** The table of `infoplane correlate`: one line per (layer, quantity). */
export function formatCorrelations(r: CorrelateResult, files: string[]): string {
  const lines = [`estimator ${printable(r.estimator, { oneLine: true })}, gap = ${r.gap.definition} at each run's last logged epoch, quantities at each run's last recorded epoch (${r.units})`];
  if (r.runsWithoutGap.length) lines.push(`left out (no ${r.gap.definition} in the logs): ${r.runsWithoutGap.map((i) => printable(files[i] ?? String(i), { oneLine: true })).join(', ')}`);
  for (const row of r.rows) {
    lines.push(
      `  ${printable(row.layer, { oneLine: true })}  ${QUANTITY_LABELS[row.quantity]}  n ${row.pearson.n}  tau_b ${fmt(row.kendall.statistic)} (p ${fmtP(row.kendall.pValue)})  rho ${fmt(row.spearman.statistic)} (p ${fmtP(row.spearman.pValue)})  r ${fmt(row.pearson.statistic)} (p ${fmtP(row.pearson.pValue)})`,
    );
  }
  for (const s of r.skipped) lines.push(`  ${printable(s.layer, { oneLine: true })}  ${QUANTITY_LABELS[s.quantity]}  skipped: ${s.reason} (${s.pairs} runs)`);
  if (r.rows.length === 0) lines.push('  no (layer, quantity) with at least 3 runs that vary');
  return `${lines.join('\n')}\n`;
}

/** Read RUN files and correlate them with the flags `--estimator`, `--layers`, `--gap` (shared with `plot --kind correlate`). */
export function correlateFromArgs(args: ParsedArgs, prefix: string, files: string[], io: CliIO): CorrelateResult {
  if (files.length < 3) throw new UsageError(`${prefix}: expected at least 3 RUN files to correlate; got ${files.length}`);
  const runs = files.map((f) => readRun(f));
  runs.forEach((r, i) => {
    for (const k of r.skipped ?? []) io.stderr(`${prefix}: warning: ${printable(files[i], { oneLine: true })}: line ${k.line} left out: ${printable(k.reason, { oneLine: true })}\n`);
  });
  const estimators = readListFlag(args, prefix, 'estimator');
  if (estimators && estimators.length > 1) throw new UsageError(`${prefix}: --estimator takes one name; got ${estimators.length}`);
  return correlateRuns(runs, { estimator: estimators?.[0], layers: readListFlag(args, prefix, 'layers'), gap: readCommandFlag(args, prefix, 'gap', GAP_PARAM) ?? 'loss' });
}

async function correlate(args: ParsedArgs, io: CliIO): Promise<void> {
  const result = correlateFromArgs(args, PREFIX, args.positionals, io);
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify({ files: args.positionals, ...result }, finiteReplacer)}\n`);
    return;
  }
  io.stdout(formatCorrelations(result, args.positionals));
}

export const correlateCommand: CliCommand = {
  name: 'correlate',
  summary: 'across runs: rank and linear correlations of final-epoch information with the generalisation gap',
  usage: 'infoplane correlate RUN... [--estimator NAME] [--layers A,B] [--gap loss|accuracy] [--json]',
  flags: ['estimator', 'layers', 'gap', 'json', 'help'],
  booleans: ['json', 'help'],
  help: () => HELP,
  run: correlate,
  paramFlags: { runs: 'RUN', file: 'RUN', text: 'RUN', estimator: '--estimator', layers: '--layers', gap: '--gap' },
};
