/**
 * Across many runs (seeds, widths, data sizes): does a layer's final-epoch information predict generalisation?
 * For each layer and quantity (I(X;T), I(T;Y), I(X;T|Y), H(T)) the Kendall tau-b, Spearman and Pearson
 * correlations, each with n and a two-sided p-value, between the quantity at the run's last recorded epoch and
 * the run's generalisation gap read from its epoch logs. One pair per run; runs without the quantity or the gap
 * are left out of that pair list and counted.
 */
import { fail } from '../core/errors';
import { checkChoice, checkOptionNames } from '../core/validate';
import { Correlation, kendallTauB, pearson, spearman } from '../core/stats/correlation';
import { Run, RunPointRecord } from './types';

export const CORRELATE_QUANTITIES = ['ixt', 'ity', 'ixtGivenY', 'hT'] as const;
export type CorrelateQuantity = (typeof CORRELATE_QUANTITIES)[number];
/** `loss`: validation loss minus training loss; `accuracy`: training accuracy minus validation accuracy. */
export const GAP_KINDS = ['loss', 'accuracy'] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export const QUANTITY_LABELS: Record<CorrelateQuantity, string> = { ixt: 'I(X;T)', ity: 'I(T;Y)', ixtGivenY: 'I(X;T|Y)', hT: 'H(T)' };

export interface CorrelateRunsOptions {
  /** Estimator whose points are used. Defaults to the first estimator of the first run that has points. */
  estimator?: string;
  /** Layers, by name. Defaults to every layer of any run. */
  layers?: string[];
  /** The generalisation gap. Defaults to 'loss'. */
  gap?: GapKind;
}

/** One run's gap and its final-epoch quantity, for one layer. */
export interface CorrelatePair {
  /** Index of the run in the input. */
  run: number;
  runId: string;
  epoch: number;
  value: number;
  gap: number;
}

/** The three correlations of one layer's quantity with the gap. */
export interface CorrelateRow {
  layer: string;
  quantity: CorrelateQuantity;
  kendall: Correlation;
  spearman: Correlation;
  pearson: Correlation;
  pairs: CorrelatePair[];
}

export interface CorrelateResult {
  estimator: string;
  units: string;
  gap: { kind: GapKind; definition: string };
  /** Runs without the gap's logs at any epoch (left out of every pair). */
  runsWithoutGap: number[];
  /** Rows with at least 3 pairs and a quantity that varies (others are listed in `skipped`). */
  rows: CorrelateRow[];
  skipped: { layer: string; quantity: CorrelateQuantity; pairs: number; reason: string }[];
}

/** The run's gap at its last epoch record that has the needed logs, or undefined. */
export function generalizationGap(run: Run, kind: GapKind): { epoch: number; gap: number } | undefined {
  const records = [...run.epochs].sort((a, b) => b.epoch - a.epoch);
  for (const r of records) {
    const l = r.logs;
    if (kind === 'loss') {
      if (Number.isFinite(l.loss) && Number.isFinite(l.val_loss)) return { epoch: r.epoch, gap: l.val_loss - l.loss };
    } else {
      const acc = l.acc ?? l.accuracy;
      const val = l.val_acc ?? l.val_accuracy;
      if (Number.isFinite(acc) && Number.isFinite(val)) return { epoch: r.epoch, gap: acc - val };
    }
  }
  return undefined;
}

function finalPoint(run: Run, estimator: string, layer: string, quantity: CorrelateQuantity): RunPointRecord | undefined {
  let best: RunPointRecord | undefined;
  for (const p of run.points) {
    if (p.estimator !== estimator || p.layer !== layer || typeof p[quantity] !== 'number' || !Number.isFinite(p[quantity])) continue;
    if (!best || p.epoch > best.epoch) best = p;
  }
  return best;
}

/**
 * Correlations between each layer's final-epoch quantities and the generalisation gap, across runs.
 * @example
 * correlateRuns(runs, {gap: 'loss'}).rows[0]; // => {layer: 'dense_1', quantity: 'ixt', kendall: {statistic, n, pValue}, ...}
 */
export function correlateRuns(runs: Run[], options: CorrelateRunsOptions = {}): CorrelateResult {
  const fn = 'correlateRuns';
  checkOptionNames(fn, options, ['estimator', 'layers', 'gap']);
  if (!Array.isArray(runs) || runs.length < 3) fail('out_of_range', { fn, param: 'runs', expected: 'at least 3 runs', received: `${Array.isArray(runs) ? runs.length : 'not an array'}` });
  const gapKind = checkChoice(fn, 'gap', options.gap ?? 'loss', GAP_KINDS);
  const units = runs[0].header.units;
  runs.forEach((r, i) => {
    if (r.header.units !== units) fail('invalid_option', { fn, param: 'runs', expected: `runs in the same units (${units})`, received: `${r.header.units} in run ${i}` });
  });
  const estimator = options.estimator ?? runs.find((r) => r.points.length > 0)?.points[0].estimator;
  if (estimator === undefined) fail('empty', { fn, param: 'runs', expected: 'runs with recorded points', received: 'no points' });
  const known = new Set(runs.flatMap((r) => r.points.map((p) => p.estimator)));
  if (!known.has(estimator)) fail('invalid_option', { fn, param: 'estimator', expected: `one of ${[...known].join(', ')}`, received: estimator });
  const allLayers: string[] = [];
  for (const r of runs) for (const p of r.points) if (p.estimator === estimator && !allLayers.includes(p.layer)) allLayers.push(p.layer);
  const layers = options.layers ?? allLayers;
  for (const l of layers) if (!allLayers.includes(l)) fail('invalid_option', { fn, param: 'layers', expected: `layers of the runs (${allLayers.join(', ')})`, received: l });
  const gaps = runs.map((r) => generalizationGap(r, gapKind));
  const rows: CorrelateRow[] = [];
  const skipped: CorrelateResult['skipped'] = [];
  for (const layer of layers) {
    for (const quantity of CORRELATE_QUANTITIES) {
      const pairs: CorrelatePair[] = [];
      runs.forEach((r, i) => {
        const g = gaps[i];
        const p = finalPoint(r, estimator, layer, quantity);
        if (g && p) pairs.push({ run: i, runId: r.header.runId, epoch: p.epoch, value: p[quantity] as number, gap: g.gap });
      });
      if (pairs.length === 0) continue; // the estimator does not give this quantity
      const xs = pairs.map((p) => p.value);
      const ys = pairs.map((p) => p.gap);
      if (pairs.length < 3) {
        skipped.push({ layer, quantity, pairs: pairs.length, reason: 'fewer than 3 runs have it and the gap' });
      } else if (xs.every((v) => v === xs[0]) || ys.every((v) => v === ys[0])) {
        skipped.push({ layer, quantity, pairs: pairs.length, reason: xs.every((v) => v === xs[0]) ? 'the quantity is the same in every run' : 'the gap is the same in every run' });
      } else {
        rows.push({ layer, quantity, kendall: kendallTauB(xs, ys), spearman: spearman(xs, ys), pearson: pearson(xs, ys), pairs });
      }
    }
  }
  return {
    estimator,
    units,
    gap: { kind: gapKind, definition: gapKind === 'loss' ? 'val_loss - loss' : 'acc - val_acc' },
    runsWithoutGap: gaps.flatMap((g, i) => (g ? [] : [i])),
    rows,
    skipped,
  };
}
