/**
 * Information-plane figures: I(X;T) on x, I(T;Y) on y, one trajectory per layer, markers coloured by epoch
 * on one shared colour bar. One run gives its recorded points; several runs (seeds) give the median
 * trajectory with the spread across seeds as error bars. Pure functions from `Run` to Plotly JSON.
 */
import { describeValue, fail } from '../core/errors';
import { Units } from '../core/units';
import { checkChoice, checkNumber, checkOptionNames } from '../core/validate';
import { Run } from '../run/types';
import {
  EPOCH_COLORSCALE,
  formatNumber,
  layerColor,
  layerSymbol,
  PlotlyFigure,
  PlotlyTrace,
  plotlyText,
  quantityLabel,
  titleOf,
} from './figure';
import {
  epochRange,
  has,
  hYOf,
  ixtCeiling,
  layerPoints,
  resolveEstimator,
  resolveLayers,
  SeedSpread,
  summarize,
  toRunList,
  unitsOf,
  valuesByEpoch,
  estimatorsWith,
} from './runData';

export interface InfoPlaneOptions {
  /** Estimator whose points are shown. Defaults to the first estimator of the run that gives both I(X;T) and I(T;Y). */
  estimator?: string;
  /** Layers to show, in this order. Defaults to every layer of the run, ordered by `layerIndex`. */
  layers?: string[];
  /** Figure title (shown as typed, never as HTML). Defaults to `Information plane: ESTIMATOR (DATASET)`. */
  title?: string;
  /** Draw the ceilings log n (n = header.probeSize) for I(X;T) and H(Y) for I(T;Y) as reference lines. Defaults to true. */
  ceilings?: boolean;
  /** H(Y) in the run's units, for the I(T;Y) ceiling. Defaults to `header.meta.hY` (no line when neither is set). */
  hY?: number;
  /** A layer whose I(X;T) reaches (1 - saturationTolerance) log n is flagged as saturated. Defaults to 0.01 (1%). */
  saturationTolerance?: number;
  /** Add an epoch slider that steps through training (Plotly sliders and frames). Defaults to false. */
  slider?: boolean;
  /** Most slider steps; recorded epochs are subsampled evenly, the first and last always kept. Defaults to 50. */
  sliderSteps?: number;
  /** Spread across seeds (several runs): inter-quartile range `iqr`, min-max `range`, or `none`. Defaults to `iqr`. */
  spread?: SeedSpread;
  /** Marker size in pixels. Defaults to 7. */
  markerSize?: number;
}

export const INFO_PLANE_DEFAULTS = {
  ceilings: true,
  saturationTolerance: 0.01,
  slider: false,
  sliderSteps: 50,
  spread: 'iqr' as SeedSpread,
  markerSize: 7,
};

const INFO_PLANE_KEYS = ['estimator', 'layers', 'title', 'ceilings', 'hY', 'saturationTolerance', 'slider', 'sliderSteps', 'spread', 'markerSize'];

/** A layer whose I(X;T) reached the ceiling log n. */
export interface SaturatedLayer {
  layer: string;
  /** Epochs (of any run) at which I(X;T) >= (1 - tolerance) log n. */
  epochs: number[];
  /** log n in the run's units. */
  ceiling: number;
}

export interface SaturationOptions {
  /** Estimator to check. Defaults to the first estimator of the run with I(X;T) points. */
  estimator?: string;
  /** Layers to check. Defaults to every layer. */
  layers?: string[];
  /** Relative distance to log n that counts as saturated. Defaults to 0.01 (1%). */
  tolerance?: number;
}

/**
 * Layers whose I(X;T) sits at the ceiling log n (n = `header.probeSize`): there the estimator has saturated
 * (every probe sample falls in its own cell, so I(X;T) = H(T) = log n) and cannot show compression.
 * Cost O(points).
 *
 * @example
 * saturatedLayers(run, {estimator: 'binning'}); // => [{layer: 'dense_1', epochs: [0, 1, 2], ceiling: 12}]
 */
export function saturatedLayers(run: Run | Run[], options: SaturationOptions = {}): SaturatedLayer[] {
  const { estimator, layers, tolerance = INFO_PLANE_DEFAULTS.saturationTolerance } = options;
  const fn = 'saturatedLayers';
  checkOptionNames(fn, options, ['estimator', 'layers', 'tolerance']);
  checkNumber(fn, 'tolerance', tolerance, { min: 0, max: 1 });
  const runs = toRunList(run, fn);
  const est = resolveEstimator(runs, estimator, ['ixt'], fn);
  const names = resolveLayers(runs, layers, [est], fn);
  return findSaturated(runs, est, names, tolerance);
}

function findSaturated(runs: Run[], estimator: string, layers: string[], tolerance: number): SaturatedLayer[] {
  const out: SaturatedLayer[] = [];
  for (const layer of layers) {
    const epochs = new Set<number>();
    let ceiling: number | undefined;
    for (const r of runs) {
      const c = ixtCeiling(r);
      if (c === undefined) continue;
      ceiling = ceiling === undefined ? c : Math.min(ceiling, c);
      for (const p of layerPoints(r, estimator, layer)) if (has(p, 'ixt') && (p.ixt as number) >= (1 - tolerance) * c) epochs.add(p.epoch);
    }
    if (epochs.size > 0 && ceiling !== undefined) out.push({ layer, epochs: [...epochs].sort((a, b) => a - b), ceiling });
  }
  return out;
}

/** One plotted row of a layer's trajectory. */
interface Row {
  epoch: number;
  x: number;
  y: number;
  /** Runs behind the row (1 for a single run). */
  count: number;
  xlo: number;
  xhi: number;
  ylo: number;
  yhi: number;
}

interface Axes {
  /** 'x', 'x2', ... */
  x: string;
  y: string;
}

interface PlaneSettings {
  estimator: string;
  layers: string[];
  units: Units;
  seeds: boolean;
  spread: SeedSpread;
  markerSize: number;
  showLegend: boolean;
}

function layerRows(runs: Run[], estimator: string, layer: string, spread: SeedSpread): Row[] {
  if (runs.length === 1) {
    return layerPoints(runs[0], estimator, layer)
      .filter((p) => has(p, 'ixt') && has(p, 'ity'))
      .map((p) => ({ epoch: p.epoch, x: p.ixt!, y: p.ity!, count: 1, xlo: p.ixt!, xhi: p.ixt!, ylo: p.ity!, yhi: p.ity! }));
  }
  const xs = valuesByEpoch(runs, estimator, layer, 'ixt');
  const ys = valuesByEpoch(runs, estimator, layer, 'ity');
  const rows: Row[] = [];
  for (const [epoch, xv] of xs) {
    const yv = ys.get(epoch);
    if (!yv) continue;
    const sx = summarize(xv, spread);
    const sy = summarize(yv, spread);
    rows.push({ epoch, x: sx.median, y: sy.median, count: Math.min(sx.count, sy.count), xlo: sx.lo, xhi: sx.hi, ylo: sy.lo, yhi: sy.hi });
  }
  return rows;
}

function layerTrace(rows: Row[], layer: string, i: number, axes: Axes, s: PlaneSettings): PlotlyTrace {
  const color = layerColor(i);
  const u = s.units;
  const trace: PlotlyTrace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: plotlyText(layer),
    legendgroup: layer,
    showlegend: s.showLegend,
    meta: plotlyText(s.estimator),
    x: rows.map((r) => r.x),
    y: rows.map((r) => r.y),
    xaxis: axes.x,
    yaxis: axes.y,
    line: { color, width: 1.5 },
    marker: {
      color: rows.map((r) => r.epoch),
      coloraxis: 'coloraxis',
      size: s.markerSize,
      symbol: layerSymbol(i),
      line: { color, width: 1 },
    },
  };
  if (!s.seeds) {
    trace.customdata = rows.map((r) => r.epoch);
    trace.hovertemplate = `<b>%{fullData.name}</b><br>epoch %{customdata}<br>I(X;T) = %{x:.4f} ${u}<br>I(T;Y) = %{y:.4f} ${u}<extra>%{meta}</extra>`;
  } else {
    trace.customdata = rows.map((r) => [r.epoch, r.count, r.xlo, r.xhi, r.ylo, r.yhi]);
    const band = s.spread === 'iqr' ? 'IQR' : s.spread === 'range' ? 'range' : '';
    trace.hovertemplate =
      `<b>%{fullData.name}</b><br>epoch %{customdata[0]} (median of %{customdata[1]} runs)<br>` +
      `I(X;T) = %{x:.4f} ${u}${band ? ` (${band} %{customdata[2]:.3f} to %{customdata[3]:.3f})` : ''}<br>` +
      `I(T;Y) = %{y:.4f} ${u}${band ? ` (${band} %{customdata[4]:.3f} to %{customdata[5]:.3f})` : ''}<extra>%{meta}</extra>`;
    if (s.spread !== 'none') {
      const bar = (hi: number[], lo: number[]) => ({ type: 'data', symmetric: false, array: hi, arrayminus: lo, color, thickness: 1, width: 2 });
      trace.error_x = bar(rows.map((r) => r.xhi - r.x), rows.map((r) => r.x - r.xlo));
      trace.error_y = bar(rows.map((r) => r.yhi - r.y), rows.map((r) => r.y - r.ylo));
    }
  }
  return trace;
}

/** Reference line of a ceiling, with its label. */
function ceilingShape(direction: 'vertical' | 'horizontal', value: number, label: string, axes: Axes): Record<string, unknown> {
  const line = { color: '#666', width: 1, dash: 'dot' };
  const font = { size: 11, color: '#555' };
  return direction === 'vertical'
    ? { type: 'line', xref: axes.x, yref: `${axes.y} domain`, x0: value, x1: value, y0: 0, y1: 1, line, label: { text: label, textposition: 'end', font, textangle: -90, xanchor: 'right' } }
    : { type: 'line', xref: `${axes.x} domain`, yref: axes.y, x0: 0, x1: 1, y0: value, y1: value, line, label: { text: label, textposition: 'start', font, yanchor: 'bottom' } };
}

function unitLabel(value: number, units: Units): string {
  return `${formatNumber(value)} ${units === 'bits' && value === 1 ? 'bit' : units}`;
}

interface Plane {
  traces: PlotlyTrace[];
  rows: Row[][];
  shapes: Record<string, unknown>[];
  saturated: SaturatedLayer[];
  xRange: [number, number];
  yRange: [number, number];
}

function buildPlane(
  runs: Run[],
  axes: Axes,
  s: PlaneSettings,
  ceilings: boolean,
  hY: number | undefined,
  tolerance: number,
): Plane {
  const rows = s.layers.map((layer) => layerRows(runs, s.estimator, layer, s.spread));
  const traces = rows.map((r, i) => layerTrace(r, s.layers[i], i, axes, s));
  const all = rows.flat();
  let xmax = Math.max(0, ...all.map((r) => r.xhi));
  let ymax = Math.max(0, ...all.map((r) => r.yhi));
  const xmin = Math.min(0, ...all.map((r) => r.xlo));
  const ymin = Math.min(0, ...all.map((r) => r.ylo));
  const shapes: Record<string, unknown>[] = [];
  const ceilingValues = runs.map(ixtCeiling).filter((c): c is number => c !== undefined);
  const ceiling = ceilingValues.length ? Math.min(...ceilingValues) : undefined;
  const h = hY ?? hYOf(runs[0]);
  if (ceilings && ceiling !== undefined) {
    const n = Math.min(...runs.map((r) => r.header.probeSize));
    shapes.push(ceilingShape('vertical', ceiling, `${s.units === 'bits' ? 'log₂' : 'ln'} n = ${unitLabel(ceiling, s.units)} (n = ${n})`, axes));
    xmax = Math.max(xmax, ceiling);
  }
  if (ceilings && h !== undefined) {
    shapes.push(ceilingShape('horizontal', h, `H(Y) = ${unitLabel(h, s.units)}`, axes));
    ymax = Math.max(ymax, h);
  }
  const pad = (lo: number, hi: number): [number, number] => {
    const span = hi - lo || 1;
    return [lo - 0.04 * span, hi + 0.06 * span];
  };
  return {
    traces,
    rows,
    shapes,
    saturated: findSaturated(runs, s.estimator, s.layers, tolerance),
    xRange: pad(xmin, xmax),
    yRange: pad(ymin, ymax),
  };
}

/** The warning annotation shown when layers sit at the ceiling log n. */
function saturationAnnotation(saturated: SaturatedLayer[], units: Units, tolerance: number, xref: string, x: number): Record<string, unknown> {
  const names = saturated.map((s) => plotlyText(s.layer)).join(', ');
  const log = units === 'bits' ? 'log₂' : 'ln';
  return {
    xref,
    yref: 'paper',
    x,
    y: 1,
    xanchor: 'left',
    yanchor: 'bottom',
    showarrow: false,
    align: 'left',
    font: { size: 11, color: '#b00020' },
    text:
      `⚠ saturated: I(X;T) of ${names} is within ${formatNumber(tolerance * 100)}% of ${log} n = ${unitLabel(saturated[0].ceiling, units)};<br>` +
      'every probe sample is distinct there, so the estimator cannot show compression (use more probe samples or coarser bins)',
  };
}

function checkCommon(fn: string, o: { hY?: unknown; saturationTolerance: unknown; spread: unknown; markerSize: unknown; ceilings: unknown }): void {
  if (o.hY !== undefined) checkNumber(fn, 'hY', o.hY, { min: 0 });
  checkNumber(fn, 'saturationTolerance', o.saturationTolerance, { min: 0, max: 1 });
  checkChoice(fn, 'spread', o.spread, ['iqr', 'range', 'none'] as const);
  checkNumber(fn, 'markerSize', o.markerSize, { min: 1, max: 100 });
  if (typeof o.ceilings !== 'boolean') fail('invalid_type', { fn, param: 'ceilings', expected: 'true or false', received: describeValue(o.ceilings) });
}

function defaultTitle(kind: string, runs: Run[], estimator?: string): string {
  const dataset = runs[0].header.dataset;
  const seeds = runs.length > 1 ? `, median of ${runs.length} runs` : '';
  return `${kind}${estimator ? `: ${estimator}` : ''}${dataset ? ` (${dataset}${seeds})` : seeds ? ` (${seeds.slice(2)})` : ''}`;
}

/** Evenly spaced subset of `epochs` with at most `max` entries, first and last kept. */
function sliderEpochs(epochs: number[], max: number): number[] {
  if (epochs.length <= max) return epochs;
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(epochs[Math.round((k * (epochs.length - 1)) / (max - 1))]);
  return [...out];
}

/**
 * The information plane of a run: I(X;T) on x, I(T;Y) on y, one trajectory per layer (markers joined in
 * epoch order, layer in the legend), every marker coloured by its epoch on one shared colour bar. Hover shows
 * layer, epoch and both values. Axis titles carry the units (`I(X;T) [bits]`). The ceilings log n
 * (n = `header.probeSize`) and H(Y) (`header.meta.hY` or `options.hY`) are dotted reference lines, and a
 * warning annotation names the layers whose I(X;T) sits within 1% of log n (the estimator has saturated).
 *
 * Given several runs (seeds of one configuration), each layer shows the median across runs per epoch, with
 * the inter-quartile range (or `spread`) as error bars in both directions.
 *
 * Pure: returns Plotly `{data, layout}` (plus `frames` with `slider: true`) and does nothing else.
 * Cost O(points).
 *
 * @example
 * const fig = infoPlaneFigure(run, {estimator: 'binning', layers: ['dense_1', 'dense_2']});
 * fig.data.length; // => 2 (one trace per layer)
 * fig.layout.xaxis.title.text; // => 'I(X;T) [bits]'
 */
export function infoPlaneFigure(run: Run | Run[], options: InfoPlaneOptions = {}): PlotlyFigure {
  const {
    estimator,
    layers,
    title,
    hY,
    ceilings = INFO_PLANE_DEFAULTS.ceilings,
    saturationTolerance = INFO_PLANE_DEFAULTS.saturationTolerance,
    slider = INFO_PLANE_DEFAULTS.slider,
    sliderSteps = INFO_PLANE_DEFAULTS.sliderSteps,
    spread = INFO_PLANE_DEFAULTS.spread,
    markerSize = INFO_PLANE_DEFAULTS.markerSize,
  } = options;
  const fn = 'infoPlaneFigure';
  checkOptionNames(fn, options, INFO_PLANE_KEYS);
  checkCommon(fn, { hY, saturationTolerance, spread, markerSize, ceilings });
  if (typeof slider !== 'boolean') fail('invalid_type', { fn, param: 'slider', expected: 'true or false', received: describeValue(slider) });
  checkNumber(fn, 'sliderSteps', sliderSteps, { min: 2, max: 1000, integer: true });
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  const runs = toRunList(run, fn);
  const est = resolveEstimator(runs, estimator, ['ixt', 'ity'], fn);
  const names = resolveLayers(runs, layers, [est], fn);
  const units = unitsOf(runs[0]);
  const settings: PlaneSettings = { estimator: est, layers: names, units, seeds: runs.length > 1, spread, markerSize, showLegend: true };
  const axes = { x: 'x', y: 'y' };
  const plane = buildPlane(runs, axes, settings, ceilings, hY, saturationTolerance);
  const [cmin, cmax] = epochRange(runs, [est]);
  const annotations = plane.saturated.length ? [saturationAnnotation(plane.saturated, units, saturationTolerance, 'paper', 0)] : [];
  const layout: Record<string, unknown> = {
    title: titleOf(title ?? defaultTitle('Information plane', runs, est)),
    xaxis: { title: { text: quantityLabel('ixt', units) }, range: plane.xRange, zeroline: false },
    yaxis: { title: { text: quantityLabel('ity', units) }, range: plane.yRange, zeroline: false },
    // colour bar in the upper half of the right margin, legend of layers below it
    coloraxis: {
      colorscale: EPOCH_COLORSCALE,
      cmin,
      cmax: cmax > cmin ? cmax : cmin + 1,
      colorbar: { title: { text: 'epoch' }, thickness: 14, len: 0.5, y: 1, yanchor: 'top' },
    },
    legend: { title: { text: 'layer' }, x: 1.02, xanchor: 'left', y: 0.45, yanchor: 'top' },
    shapes: plane.shapes,
    annotations,
    hovermode: 'closest',
    margin: { t: plane.saturated.length ? 110 : 70 },
  };
  const figure: PlotlyFigure = { data: plane.traces, layout };
  if (slider) {
    const epochs = [...new Set(plane.rows.flat().map((r) => r.epoch))].sort((a, b) => a - b);
    const steps = sliderEpochs(epochs, sliderSteps);
    figure.frames = steps.map((e) => ({
      name: String(e),
      data: plane.rows.map((rows, i) => layerTrace(rows.filter((r) => r.epoch <= e), names[i], i, axes, settings)),
      traces: names.map((_, i) => i),
    }));
    layout.sliders = [
      {
        active: steps.length - 1,
        currentvalue: { prefix: 'epoch ', font: { size: 12 } },
        pad: { t: 40 },
        steps: steps.map((e) => ({
          label: String(e),
          method: 'animate',
          args: [[String(e)], { mode: 'immediate', frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
        })),
      },
    ];
    layout.margin = { t: plane.saturated.length ? 110 : 70, b: 140 };
  }
  return figure;
}

/**
 * Several runs of one configuration (seeds) in one information plane: the median trajectory per layer and
 * the spread across seeds as error bars. Same as `infoPlaneFigure(runs, options)`; it insists on an array.
 *
 * @example
 * seedsFigure([run1, run2, run3], {spread: 'range'}).data[0].error_x.type; // => 'data'
 */
export function seedsFigure(runs: Run[], options: InfoPlaneOptions = {}): PlotlyFigure {
  if (!Array.isArray(runs)) fail('invalid_type', { fn: 'seedsFigure', param: 'runs', expected: 'an array of runs', received: describeValue(runs) });
  return infoPlaneFigure(runs, options);
}

export interface InfoPlanePanelsOptions {
  /** Estimators, one panel each, left to right. Defaults to every estimator of the run that gives both I(X;T) and I(T;Y). */
  estimators?: string[];
  /** Layers to show. Defaults to every layer of the run. */
  layers?: string[];
  /** Figure title (shown as typed). Defaults to `Information plane by estimator (DATASET)`. */
  title?: string;
  /** Draw the ceilings log n and H(Y) in every panel. Defaults to true. */
  ceilings?: boolean;
  /** H(Y) in the run's units. Defaults to `header.meta.hY`. */
  hY?: number;
  /** Relative distance to log n that counts as saturated. Defaults to 0.01. */
  saturationTolerance?: number;
  /** Spread across seeds when several runs are given. Defaults to `iqr`. */
  spread?: SeedSpread;
  /** Marker size in pixels. Defaults to 7. */
  markerSize?: number;
}

/**
 * One information-plane panel per estimator, side by side, on the same run (the same recorded activations),
 * so estimators can be compared point for point. The colour bar (epoch) and the legend (layer) are shared:
 * clicking a layer hides it in every panel. Each panel has its own axes with units, ceilings and saturation
 * warning. Several runs give medians, as in `infoPlaneFigure`. Pure; cost O(points).
 *
 * @example
 * infoPlanePanels(run, {estimators: ['binning', 'kde']}).layout.xaxis2.title.text; // => 'I(X;T) [bits]'
 */
export function infoPlanePanels(run: Run | Run[], options: InfoPlanePanelsOptions = {}): PlotlyFigure {
  const {
    estimators,
    layers,
    title,
    hY,
    ceilings = INFO_PLANE_DEFAULTS.ceilings,
    saturationTolerance = INFO_PLANE_DEFAULTS.saturationTolerance,
    spread = INFO_PLANE_DEFAULTS.spread,
    markerSize = INFO_PLANE_DEFAULTS.markerSize,
  } = options;
  const fn = 'infoPlanePanels';
  checkOptionNames(fn, options, ['estimators', 'layers', 'title', 'ceilings', 'hY', 'saturationTolerance', 'spread', 'markerSize']);
  checkCommon(fn, { hY, saturationTolerance, spread, markerSize, ceilings });
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  const runs = toRunList(run, fn);
  let names: string[];
  if (estimators === undefined) {
    names = estimatorsWith(runs, ['ixt', 'ity']);
    if (names.length === 0) resolveEstimator(runs, undefined, ['ixt', 'ity'], fn); // throws the "no plane points" error
  } else {
    if (!Array.isArray(estimators) || estimators.length === 0) {
      fail('invalid_type', { fn, param: 'estimators', expected: 'a non-empty array of estimator names', received: describeValue(estimators) });
    }
    names = estimators.map((e) => resolveEstimator(runs, e, ['ixt', 'ity'], fn));
  }
  const layerNames = resolveLayers(runs, layers, names, fn);
  const units = unitsOf(runs[0]);
  const gap = 0.07;
  const width = (1 - gap * (names.length - 1)) / names.length;
  const layout: Record<string, unknown> = {
    title: titleOf(title ?? defaultTitle('Information plane by estimator', runs)),
    legend: { title: { text: 'layer' }, orientation: 'h', x: 0, xanchor: 'left', y: -0.24, yanchor: 'top' },
    hovermode: 'closest',
    margin: { t: 90, b: 110 },
  };
  const data: PlotlyTrace[] = [];
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const [cmin, cmax] = epochRange(runs, names);
  const saturatedAny: SaturatedLayer[][] = [];
  const saturatedBy: [string, SaturatedLayer[]][] = [];
  names.forEach((est, k) => {
    const suffix = k === 0 ? '' : String(k + 1);
    const axes = { x: `x${suffix}`, y: `y${suffix}` };
    const settings: PlaneSettings = { estimator: est, layers: layerNames, units, seeds: runs.length > 1, spread, markerSize, showLegend: k === 0 };
    const plane = buildPlane(runs, axes, settings, ceilings, hY, saturationTolerance);
    data.push(...plane.traces);
    shapes.push(...plane.shapes);
    const x0 = k * (width + gap);
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + width], anchor: axes.y, title: { text: quantityLabel('ixt', units) }, range: plane.xRange, zeroline: false };
    layout[`yaxis${suffix}`] = { anchor: axes.x, title: { text: k === 0 ? quantityLabel('ity', units) : '' }, range: plane.yRange, zeroline: false };
    annotations.push({ xref: 'paper', yref: 'paper', x: x0 + width / 2, y: 1.0, xanchor: 'center', yanchor: 'bottom', yshift: 4, showarrow: false, text: `<b>${plotlyText(est)}</b>`, font: { size: 13 } });
    if (plane.saturated.length) saturatedAny.push(plane.saturated);
    saturatedBy.push([est, plane.saturated]);
  });
  if (saturatedAny.length) {
    // one note under all panels (per-panel notes would overlap): which layers saturate under which estimator
    const log = units === 'bits' ? 'log₂' : 'ln';
    const parts = saturatedBy
      .filter(([, sat]) => sat.length)
      .map(([est, sat]) => `${plotlyText(est)}: ${sat.map((l) => plotlyText(l.layer)).join(', ')}`);
    annotations.push({
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: -0.36,
      xanchor: 'left',
      yanchor: 'top',
      showarrow: false,
      align: 'left',
      font: { size: 11, color: '#b00020' },
      text:
        `⚠ saturated (I(X;T) within ${formatNumber(saturationTolerance * 100)}% of ${log} n = ${unitLabel(saturatedAny[0][0].ceiling, units)}): ${parts.join('; ')}<br>` +
        'every probe sample is distinct there, so the estimator cannot show compression (use more probe samples or coarser bins)',
    });
    layout.margin = { t: 90, b: 170 };
  }
  layout.shapes = shapes;
  layout.annotations = annotations;
  layout.coloraxis = { colorscale: EPOCH_COLORSCALE, cmin, cmax: cmax > cmin ? cmax : cmin + 1, colorbar: { title: { text: 'epoch' }, thickness: 14 } };
  return { data, layout };
}
