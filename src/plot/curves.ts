/**
 * Quantities against epoch: information curves (I(X;T), I(T;Y) and entropies such as DSE's H(T), one line
 * per layer) and training curves (loss and accuracy). Several runs (seeds) give the median with a band.
 * Pure functions from `Run` to Plotly JSON.
 */
import { describeValue, fail } from '../core/errors';
import { Units } from '../core/units';
import { checkChoice, checkNumber, checkOptionNames } from '../core/validate';
import { numericLogs } from '../run/numericLogs';
import { Run } from '../run/types';
import { formatNumber, layerColor, PlotlyFigure, PlotlyTrace, plotlyText, Quantity, QUANTITY_NAMES, quantityLabel, titleOf, withAlpha } from './figure';
import { estimatorsIn, has, hYOf, ixtCeiling, quantityNames, resolveEstimator, resolveLayers, SeedSpread, selectLabelSet, summarize, toRunList, unitsOf, valuesByEpoch } from './runData';

const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];

export interface CurveStyle {
  name: string;
  legendgroup: string;
  showlegend: boolean;
  color: string;
  dash: string;
  yaxis: string;
  meta: string;
  /** Hover label of the y value, e.g. `I(X;T)`. */
  label: string;
  /** Unit shown after the y value in hover, or ''. */
  unit: string;
}

/** Traces of one curve: a line (median across runs when several), preceded by its band when seeds differ. */
export function curveTraces(values: Map<number, number[]>, seeds: boolean, spread: SeedSpread, s: CurveStyle): PlotlyTrace[] {
  const epochs = [...values.keys()];
  const sums = [...values.values()].map((v) => summarize(v, spread));
  const unit = s.unit ? ` ${s.unit}` : '';
  const line: PlotlyTrace = {
    type: 'scatter',
    mode: epochs.length > 1 ? 'lines' : 'markers',
    name: s.name,
    legendgroup: s.legendgroup,
    showlegend: s.showlegend,
    meta: s.meta,
    x: epochs,
    y: sums.map((m) => m.median),
    xaxis: 'x',
    yaxis: s.yaxis,
    line: { color: s.color, dash: s.dash, width: 2 },
    marker: { color: s.color, size: 5 },
  };
  if (!seeds) {
    line.hovertemplate = `<b>%{fullData.name}</b><br>epoch %{x}<br>${s.label} = %{y:.4f}${unit}<extra>%{meta}</extra>`;
    return [line];
  }
  line.customdata = sums.map((m) => [m.count, m.lo, m.hi]);
  line.hovertemplate =
    `<b>%{fullData.name}</b><br>epoch %{x} (median of %{customdata[0]} runs)<br>${s.label} = %{y:.4f}${unit}` +
    (spread === 'none' ? '' : ` (${spread === 'iqr' ? 'IQR' : 'range'} %{customdata[1]:.3f} to %{customdata[2]:.3f})`) +
    '<extra>%{meta}</extra>';
  if (spread === 'none') return [line];
  const edge = (y: number[], fill?: string): PlotlyTrace => ({
    type: 'scatter',
    mode: 'lines',
    x: epochs,
    y,
    xaxis: 'x',
    yaxis: s.yaxis,
    legendgroup: s.legendgroup,
    showlegend: false,
    hoverinfo: 'skip',
    line: { width: 0, color: s.color },
    ...(fill ? { fill: 'tonexty', fillcolor: withAlpha(s.color, 0.18) } : {}),
  });
  return [edge(sums.map((m) => m.hi)), edge(sums.map((m) => m.lo), 'band'), line];
}

/** Row domains (top to bottom) of `n` stacked panels. */
function rowDomains(n: number, gap = 0.08): [number, number][] {
  const h = (1 - gap * (n - 1)) / n;
  return Array.from({ length: n }, (_, k) => {
    const top = 1 - k * (h + gap);
    return [top - h, top] as [number, number];
  });
}

function horizontalLine(value: number, label: string, yaxis: string): Record<string, unknown> {
  return {
    type: 'line',
    xref: 'x domain',
    yref: yaxis,
    x0: 0,
    x1: 1,
    y0: value,
    y1: value,
    line: { color: '#666', width: 1, dash: 'dot' },
    label: { text: label, textposition: 'start', font: { size: 11, color: '#555' }, yanchor: 'bottom' },
  };
}

function unitLabel(value: number, units: Units): string {
  return `${formatNumber(value)} ${units === 'bits' && value === 1 ? 'bit' : units}`;
}

function checkTitle(fn: string, title: unknown): void {
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
}

export function stackedLayout(title: string, rows: { title: string }[], epochAxis: 'linear' | 'log'): Record<string, unknown> {
  const domains = rowDomains(rows.length);
  const layout: Record<string, unknown> = {
    title: titleOf(title),
    hovermode: 'closest',
    legend: { title: { text: '' }, x: 1.02, xanchor: 'left', y: 1, yanchor: 'top' },
    margin: { t: 70 },
  };
  rows.forEach((r, k) => {
    const key = k === 0 ? 'yaxis' : `yaxis${k + 1}`;
    layout[key] = { domain: domains[k], anchor: 'x', title: { text: r.title }, zeroline: false };
  });
  layout.xaxis = { title: { text: 'epoch' }, type: epochAxis, anchor: rows.length === 1 ? 'y' : `y${rows.length}` };
  return layout;
}

export interface InformationCurvesOptions {
  /** Estimators to show (line dash tells them apart). Defaults to every estimator of the run. */
  estimators?: string[];
  /** Layers to show (colour tells them apart). Defaults to every layer of the run. */
  layers?: string[];
  /** Quantities, one panel each, top to bottom: `ixt`, `ity`, `hT`. Defaults to those the chosen estimators give. */
  quantities?: Quantity[];
  /** Figure title (shown as typed). Defaults to `Information against epoch (DATASET)`. */
  title?: string;
  /** Epoch axis scale, `linear` or `log` (epoch 0 is not shown on a log axis). Defaults to `linear`. */
  epochAxis?: 'linear' | 'log';
  /** Spread across seeds when several runs are given: `iqr`, `range` or `none`. Defaults to `iqr`. */
  spread?: SeedSpread;
  /** Draw log n on the I(X;T) panel and H(Y) on the I(T;Y) panel. Defaults to true. */
  ceilings?: boolean;
  /** H(Y) in the run's units. Defaults to `header.meta.hY`. */
  hY?: number;
  /** The label set whose I(T;Y) is shown, for runs recorded with several (`withLabelSet`). Defaults to undefined (the first). */
  labels?: string;
}

export const INFORMATION_CURVES_DEFAULTS = { epochAxis: 'linear' as const, spread: 'iqr' as SeedSpread, ceilings: true };

/**
 * Mutual information and entropy against epoch, one line per layer (colour) and estimator (dash), one panel
 * per quantity: I(X;T), I(T;Y), and entropies such as DSE's H(T), each axis titled with its unit. Several
 * runs give the median per epoch with the inter-quartile range (or `spread`) as a band. Pure; O(points).
 *
 * @example
 * const fig = informationCurvesFigure(run, {estimators: ['dse'], quantities: ['hT']});
 * fig.layout.yaxis.title.text; // => 'H(T) [bits]'
 */
export function informationCurvesFigure(run: Run | Run[], options: InformationCurvesOptions = {}): PlotlyFigure {
  const {
    estimators,
    layers,
    quantities,
    title,
    hY,
    epochAxis = INFORMATION_CURVES_DEFAULTS.epochAxis,
    spread = INFORMATION_CURVES_DEFAULTS.spread,
    ceilings = INFORMATION_CURVES_DEFAULTS.ceilings,
  } = options;
  const fn = 'informationCurvesFigure';
  checkOptionNames(fn, options, ['estimators', 'layers', 'quantities', 'title', 'epochAxis', 'spread', 'ceilings', 'hY', 'labels']);
  checkChoice(fn, 'epochAxis', epochAxis, ['linear', 'log'] as const);
  checkChoice(fn, 'spread', spread, ['iqr', 'range', 'none'] as const);
  if (typeof ceilings !== 'boolean') fail('invalid_type', { fn, param: 'ceilings', expected: 'true or false', received: describeValue(ceilings) });
  if (hY !== undefined) checkNumber(fn, 'hY', hY, { min: 0 });
  checkTitle(fn, title);
  const runs = selectLabelSet(toRunList(run, fn), options.labels, fn);
  let ests: string[];
  if (estimators === undefined) {
    ests = estimatorsIn(runs).filter((e) => runs.some((r) => r.points.some((p) => p.estimator === e && (has(p, 'ixt') || has(p, 'ity') || has(p, 'hT')))));
    if (ests.length === 0) fail('empty', { fn, param: 'run', expected: 'a run with point records', received: 'no information values' });
  } else {
    if (!Array.isArray(estimators) || estimators.length === 0) {
      fail('invalid_type', { fn, param: 'estimators', expected: 'a non-empty array of estimator names', received: describeValue(estimators) });
    }
    ests = estimators.map((e) => resolveEstimator(runs, e, [], fn));
  }
  const all: Quantity[] = ['ixt', 'ity', 'hT'];
  let qs: Quantity[];
  if (quantities === undefined) {
    qs = all.filter((q) => runs.some((r) => r.points.some((p) => ests.includes(p.estimator) && has(p, q))));
  } else {
    if (!Array.isArray(quantities) || quantities.length === 0) {
      fail('invalid_type', { fn, param: 'quantities', expected: 'a non-empty array of "ixt", "ity", "hT"', received: describeValue(quantities) });
    }
    qs = quantities.map((q) => checkChoice(fn, 'quantities', q, all));
  }
  const names = resolveLayers(runs, layers, ests, fn);
  const units = unitsOf(runs[0]);
  const seeds = runs.length > 1;
  const dataset = runs[0].header.dataset;
  // a representation measure names its own quantities (coding rate R(T), von Neumann entropy S(T))
  const namesOf = new Map(ests.map((e) => [e, quantityNames(runs, e)]));
  const panelName = (q: Quantity) => [...new Set(ests.filter((e) => runs.some((r) => r.points.some((p) => p.estimator === e && has(p, q)))).map((e) => namesOf.get(e)![q]))].join(' / ') || QUANTITY_NAMES[q];
  const layout = stackedLayout(
    title ?? `Information against epoch${dataset ? ` (${dataset}${options.labels !== undefined ? `, labels ${options.labels}` : ''}${seeds ? `, median of ${runs.length} runs` : ''})` : ''}`,
    qs.map((q) => ({ title: quantityLabel(q, units, panelName(q)) })),
    epochAxis,
  );
  const data: PlotlyTrace[] = [];
  const shapes: Record<string, unknown>[] = [];
  const legendShown = new Set<string>();
  qs.forEach((q, k) => {
    const yaxis = k === 0 ? 'y' : `y${k + 1}`;
    ests.forEach((est, e) => {
      names.forEach((layer, i) => {
        const values = valuesByEpoch(runs, est, layer, q);
        if (values.size === 0) return;
        const group = `${layer}\u0000${est}`;
        const showlegend = !legendShown.has(group);
        legendShown.add(group);
        const name = ests.length > 1 ? `${plotlyText(layer)} · ${plotlyText(est)}` : plotlyText(layer);
        data.push(
          ...curveTraces(values, seeds, spread, {
            name,
            legendgroup: group,
            showlegend,
            color: layerColor(i),
            dash: DASHES[e % DASHES.length],
            yaxis,
            meta: plotlyText(est),
            label: plotlyText(namesOf.get(est)![q]),
            unit: units,
          }),
        );
      });
    });
    // log n and H(Y) bound I(X;T) and I(T;Y) only: no line on a panel that shows a renamed quantity
    const informational = ests.every((e) => namesOf.get(e)!.information || namesOf.get(e)![q] === QUANTITY_NAMES[q]);
    const ceiling = !ceilings || !informational ? undefined : q === 'ixt' ? ixtCeiling(runs[0]) : q === 'ity' ? (hY ?? hYOf(runs[0])) : undefined;
    if (ceiling !== undefined) {
      const label = q === 'ixt' ? `${units === 'bits' ? 'log₂' : 'ln'} n = ${unitLabel(ceiling, units)}` : `H(Y) = ${unitLabel(ceiling, units)}`;
      shapes.push(horizontalLine(ceiling, label, yaxis));
      // a fixed range that shows the line and leaves room for its label above it
      const ys = data.filter((t) => t.yaxis === yaxis).flatMap((t) => (t.y as number[]).filter((v) => Number.isFinite(v)));
      const lo = Math.min(0, ...ys);
      const hi = Math.max(ceiling, ...ys);
      (layout[k === 0 ? 'yaxis' : `yaxis${k + 1}`] as Record<string, unknown>).range = [lo - 0.03 * (hi - lo || 1), hi + 0.12 * (hi - lo || 1)];
    }
  });
  layout.shapes = shapes;
  return { data, layout };
}

export interface TrainingOptions {
  /** Log keys to show (e.g. `loss`, `val_loss`, `acc`). Defaults to every numeric key of the epoch records. */
  metrics?: string[];
  /** Figure title (shown as typed). Defaults to `Training (DATASET)`. */
  title?: string;
  /** Epoch axis scale, `linear` or `log`. Defaults to `linear`. */
  epochAxis?: 'linear' | 'log';
  /** Spread across seeds when several runs are given. Defaults to `iqr`. */
  spread?: SeedSpread;
}

export const TRAINING_DEFAULTS = { epochAxis: 'linear' as const, spread: 'iqr' as SeedSpread };

/**
 * Loss and accuracy against epoch from the run's epoch records: losses (keys containing `loss`) in the top
 * panel, the other metrics (accuracy...) below; validation metrics (`val_` prefix) dashed in the colour of
 * their training metric. Several runs give the median with a band. Pure; O(epochs x metrics).
 *
 * @example
 * trainingFigure(run).data.map((t) => t.name); // => ['loss', 'val_loss', 'acc', 'val_acc']
 */
export function trainingFigure(run: Run | Run[], options: TrainingOptions = {}): PlotlyFigure {
  const { metrics, title, epochAxis = TRAINING_DEFAULTS.epochAxis, spread = TRAINING_DEFAULTS.spread } = options;
  const fn = 'trainingFigure';
  checkOptionNames(fn, options, ['metrics', 'title', 'epochAxis', 'spread']);
  checkChoice(fn, 'epochAxis', epochAxis, ['linear', 'log'] as const);
  checkChoice(fn, 'spread', spread, ['iqr', 'range', 'none'] as const);
  checkTitle(fn, title);
  const runs = toRunList(run, fn);
  const keys: string[] = [];
  for (const r of runs) {
    for (const e of r.epochs ?? []) {
      for (const [k, v] of Object.entries(numericLogs(e?.logs))) if (Number.isFinite(v) && !keys.includes(k)) keys.push(k);
    }
  }
  if (keys.length === 0) {
    fail('empty', { fn, param: 'run', expected: 'a run with epoch records carrying training logs (loss, accuracy...)', received: 'no numeric training logs' });
  }
  let shown = keys;
  if (metrics !== undefined) {
    if (!Array.isArray(metrics) || metrics.length === 0) fail('invalid_type', { fn, param: 'metrics', expected: 'a non-empty array of log keys', received: describeValue(metrics) });
    for (const m of metrics) {
      if (!keys.includes(m)) fail('invalid_option', { fn, param: 'metrics', expected: `log keys among ${keys.map((k) => JSON.stringify(k)).join(', ')}`, received: describeValue(m) });
    }
    shown = metrics;
  }
  const base = (k: string) => k.replace(/^val_/, '');
  const bases = [...new Set(shown.map(base))];
  const isLoss = (k: string) => /loss/i.test(k);
  const panels = [shown.filter(isLoss), shown.filter((k) => !isLoss(k))].filter((p) => p.length > 0);
  const others = shown.filter((k) => !isLoss(k));
  const otherTitle = others.length && others.every((k) => /acc/i.test(k)) ? 'accuracy' : 'metric';
  const seeds = runs.length > 1;
  const dataset = runs[0].header.dataset;
  const layout = stackedLayout(
    title ?? `Training${dataset ? ` (${dataset}${seeds ? `, median of ${runs.length} runs` : ''})` : ''}`,
    panels.map((p) => ({ title: isLoss(p[0]) ? 'loss' : otherTitle })),
    epochAxis,
  );
  const data: PlotlyTrace[] = [];
  panels.forEach((panel, k) => {
    for (const key of panel) {
      const values = new Map<number, number[]>();
      for (const r of runs) {
        const seen = new Map<number, number>();
        for (const e of r.epochs ?? []) {
          const v = e?.logs?.[key];
          if (typeof v === 'number' && Number.isFinite(v) && typeof e.epoch === 'number') seen.set(e.epoch, v);
        }
        for (const [epoch, v] of seen) values.set(epoch, [...(values.get(epoch) ?? []), v]);
      }
      const sorted = new Map([...values.entries()].sort((a, b) => a[0] - b[0]));
      data.push(
        ...curveTraces(sorted, seeds, spread, {
          name: plotlyText(key),
          legendgroup: key,
          showlegend: true,
          color: layerColor(bases.indexOf(base(key))),
          dash: key.startsWith('val_') ? 'dash' : 'solid',
          yaxis: k === 0 ? 'y' : `y${k + 1}`,
          meta: '',
          label: plotlyText(key),
          unit: '',
        }),
      );
    }
  });
  return { data, layout };
}
