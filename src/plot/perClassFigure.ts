/**
 * Which classes a layer compresses: a class-conditional quantity of each layer (H(T|Y=c) by default) against epoch,
 * one line per class, one panel per layer, from the `perClass` terms of point records (recorder option
 * `perClass: true`). Several runs (seeds) give the median per class and epoch with a band. Pure: `Run` in, Plotly
 * JSON out.
 */
import { describeValue, fail } from '../core/errors';
import { checkChoice, checkOptionNames } from '../core/validate';
import { Run, RunClassTerms, RunPointRecord } from '../run/types';
import { CurveStyle, curveTraces, stackedLayout } from './curves';
import { layerColor, PlotlyFigure, PlotlyTrace, plotlyText } from './figure';
import { estimatorsIn, layerPoints, resolveLayers, SeedSpread, toRunList, unitsOf } from './runData';

/** The per-class quantities a figure can show. */
export const PER_CLASS_QUANTITIES = ['hTgivenY', 'ityTerm', 'ixtGivenY'] as const;
export type PerClassQuantity = (typeof PER_CLASS_QUANTITIES)[number];

const QUANTITY_TEXT: Record<PerClassQuantity, string> = {
  hTgivenY: 'H(T|Y=c)',
  ityTerm: 'term of I(T;Y)',
  ixtGivenY: 'I(X;T|Y=c)',
};

const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];

export interface PerClassFigureOptions {
  /** Estimator whose per-class terms are shown. Defaults to the first estimator of the run whose points carry them. */
  estimator?: string;
  /** Layers, one panel each, top to bottom. Defaults to every layer whose points carry per-class terms. */
  layers?: string[];
  /**
   * What is drawn per class: `hTgivenY` H(T|Y=c) (a falling line: the layer compresses that class), `ityTerm` the
   * class's term p_c (H(T) - H(T|Y=c)) of I(T;Y) (the lines of a panel sum to I(T;Y)), or `ixtGivenY` I(X;T|Y=c).
   * Defaults to `hTgivenY`.
   */
  quantity?: PerClassQuantity;
  /** Class labels to show. Defaults to every class of the points. */
  classes?: number[];
  /** Figure title (shown as typed). Defaults to `H(T|Y=c) per class · ESTIMATOR (DATASET)`. */
  title?: string;
  /** Epoch axis scale, `linear` or `log` (epoch 0 is not shown on a log axis). Defaults to `linear`. */
  epochAxis?: 'linear' | 'log';
  /** Spread across seeds when several runs are given: `iqr`, `range` or `none`. Defaults to `iqr`. */
  spread?: SeedSpread;
}

export const PER_CLASS_FIGURE_DEFAULTS = { quantity: 'hTgivenY' as PerClassQuantity, epochAxis: 'linear' as const, spread: 'iqr' as SeedSpread };

const carries = (p: RunPointRecord): boolean => Array.isArray(p.perClass) && p.perClass.length > 0;

/**
 * A class-conditional quantity of each layer against epoch, one line per class (colour, and dash beyond ten
 * classes), one panel per layer, from the points' `perClass` terms: with the default H(T|Y=c), the classes whose line
 * falls are those the layer compresses. Several runs give the median per epoch with the inter-quartile range (or
 * `spread`) as a band. Pure; O(points x classes).
 *
 * @example
 * const fig = perClassFigure(run, {estimator: 'binning', layers: ['dense_2']});
 * fig.data.map((t) => t.name); // => ['class 0', 'class 1', ...]
 * @throws InfoplaneError when no point of the run carries per-class terms (record with `perClass: true`), or for an
 *   estimator, layer, class or option the run does not have.
 */
export function perClassFigure(run: Run | Run[], options: PerClassFigureOptions = {}): PlotlyFigure {
  const fn = 'perClassFigure';
  checkOptionNames(fn, options, ['estimator', 'layers', 'quantity', 'classes', 'title', 'epochAxis', 'spread']);
  const {
    estimator,
    layers,
    classes,
    title,
    quantity = PER_CLASS_FIGURE_DEFAULTS.quantity,
    epochAxis = PER_CLASS_FIGURE_DEFAULTS.epochAxis,
    spread = PER_CLASS_FIGURE_DEFAULTS.spread,
  } = options;
  checkChoice(fn, 'quantity', quantity, PER_CLASS_QUANTITIES);
  checkChoice(fn, 'epochAxis', epochAxis, ['linear', 'log'] as const);
  checkChoice(fn, 'spread', spread, ['iqr', 'range', 'none'] as const);
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  const runs = toRunList(run, fn);
  const has = (p: RunPointRecord) => carries(p) && p.perClass!.some((c) => typeof c[quantity] === 'number');
  const usable = estimatorsIn(runs).filter((e) => runs.some((r) => r.points.some((p) => p.estimator === e && has(p))));
  const what = `per-class ${QUANTITY_TEXT[quantity]}`;
  if (usable.length === 0) {
    fail('empty', {
      fn,
      param: 'run',
      expected: `a run whose points carry ${what} (recorded with the option perClass: true and an estimator that gives them: binning, adaptive-binning, kde, adaptive-kde, dsmi)`,
      received: `none (estimators in the run: ${estimatorsIn(runs).join(', ') || 'none'})`,
    });
  }
  if (estimator !== undefined && (typeof estimator !== 'string' || !usable.includes(estimator))) {
    fail(typeof estimator === 'string' ? 'invalid_option' : 'invalid_type', {
      fn,
      param: 'estimator',
      expected: `one of ${usable.map((u) => JSON.stringify(u)).join(', ')} (estimators of the run with ${what})`,
      received: describeValue(estimator),
    });
  }
  const est = estimator ?? usable[0];
  // layers default to those with per-class terms; a requested layer must merely be a layer of the estimator
  const withTerms = new Set(runs.flatMap((r) => r.points.filter((p) => p.estimator === est && has(p)).map((p) => p.layer)));
  const names = layers === undefined ? resolveLayers(runs, undefined, [est], fn).filter((l) => withTerms.has(l)) : resolveLayers(runs, layers, [est], fn);

  // class -> layer -> epoch -> values (one per run)
  const series = new Map<number, Map<string, Map<number, number[]>>>();
  for (const r of runs) {
    for (const layer of names) {
      for (const p of layerPoints(r, est, layer)) {
        for (const c of (p.perClass ?? []) as RunClassTerms[]) {
          const v = c[quantity];
          if (typeof v !== 'number' || !Number.isFinite(v) || typeof c.label !== 'number') continue;
          if (!series.has(c.label)) series.set(c.label, new Map());
          const byLayer = series.get(c.label)!;
          if (!byLayer.has(layer)) byLayer.set(layer, new Map());
          const byEpoch = byLayer.get(layer)!;
          byEpoch.set(p.epoch, [...(byEpoch.get(p.epoch) ?? []), v]);
        }
      }
    }
  }
  const labels = [...series.keys()].sort((a, b) => a - b);
  let shown = labels;
  if (classes !== undefined) {
    if (!Array.isArray(classes) || classes.length === 0) fail('invalid_type', { fn, param: 'classes', expected: 'a non-empty array of class labels', received: describeValue(classes) });
    for (const c of classes) {
      if (!labels.includes(c)) fail('invalid_option', { fn, param: 'classes', expected: `class labels among ${labels.join(', ')}`, received: describeValue(c) });
    }
    shown = classes;
  }

  const units = unitsOf(runs[0]);
  const seeds = runs.length > 1;
  const dataset = runs[0].header.dataset;
  const layout = stackedLayout(
    title ?? `${QUANTITY_TEXT[quantity]} per class · ${est}${dataset ? ` (${dataset}${seeds ? `, median of ${runs.length} runs` : ''})` : ''}`,
    names.map((layer) => ({ title: `${plotlyText(layer)}: ${QUANTITY_TEXT[quantity]} [${units}]` })),
    epochAxis,
  );
  const data: PlotlyTrace[] = [];
  names.forEach((layer, k) => {
    shown.forEach((label, i) => {
      const values = series.get(label)?.get(layer);
      if (!values || values.size === 0) return;
      const style: CurveStyle = {
        name: `class ${label}`,
        legendgroup: `class ${label}`,
        showlegend: !data.some((t) => t.legendgroup === `class ${label}` && t.showlegend),
        color: layerColor(i),
        dash: DASHES[Math.floor(i / 10) % DASHES.length],
        yaxis: k === 0 ? 'y' : `y${k + 1}`,
        meta: plotlyText(layer),
        label: QUANTITY_TEXT[quantity],
        unit: units,
      };
      data.push(...curveTraces(new Map([...values.entries()].sort((a, b) => a[0] - b[0])), seeds, spread, style));
    });
  });
  return { data, layout };
}
