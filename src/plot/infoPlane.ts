/**
 * Information-plane figures: I(X;T) on x, I(T;Y) on y, one trajectory per layer, markers coloured by epoch
 * on one shared colour bar. One run gives its recorded points; several runs (seeds) give the median
 * trajectory with the spread across seeds as error bars. Pure functions from `Run` to Plotly JSON.
 */
import { describeValue, fail } from '../core/errors';
import { Units } from '../core/units';
import { checkChoice, checkNumber, checkOptionNames } from '../core/validate';
import { describeLayerOrdering, layerOrderingViolations } from '../run/layerOrdering';
import { Run } from '../run/types';
import { pointInterval } from './pointErrors';
import { epochColoring, EpochScale, EPOCH_SCALES } from './epochColor';
import {
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
  quantityNames,
  resolveEstimator,
  resolveLayers,
  SeedSpread,
  selectLabelSet,
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
  /**
   * Epoch colour bar: `linear`, `log` (colour by log10(epoch + 1), so early epochs stay apart), or `auto`: log
   * when a run header says the recording was log-spaced (`meta.schedule.kind`). Defaults to `auto`.
   */
  epochScale?: EpochScale;
  /**
   * With several runs: also draw every run's own trajectory per layer (thin, faint, in the layer's colour)
   * behind the medians, in the figure and in every slider frame. Defaults to false.
   */
  seedTraces?: boolean;
  /**
   * The label set whose I(T;Y) is the y axis, for runs recorded with several (`labelSets`, e.g. 'noisy'; see
   * `withLabelSet`). Defaults to undefined (`ity`: the first set).
   */
  labels?: string;
}

export const INFO_PLANE_DEFAULTS = {
  ceilings: true,
  saturationTolerance: 0.01,
  slider: false,
  sliderSteps: 50,
  spread: 'iqr' as SeedSpread,
  markerSize: 7,
  epochScale: 'auto' as EpochScale,
  seedTraces: false,
};

/** The option names of `infoPlaneFigure` (also checked by `liveInfoPlane`). */
export const INFO_PLANE_KEYS = ['estimator', 'layers', 'title', 'ceilings', 'hY', 'saturationTolerance', 'slider', 'sliderSteps', 'spread', 'markerSize', 'epochScale', 'seedTraces', 'labels'];

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

/** A warning carried by the points of one layer (or a layer-ordering warning), for figure notes. */
export interface FigureWarning {
  layer: string;
  /** The estimator's code (`saturated`, `out-of-range`, `kde-regime`, `ties`...) or `layer-ordering`. */
  code: string;
  /** Epochs (of any run) whose point carries it, ascending. */
  epochs: number[];
  /** The message at the last of them. */
  message: string;
}

/** True when the run's points of this estimator were diagnosed (written with `warnings`, even empty). */
function diagnosed(run: Run, estimator: string): boolean {
  return run.points.some((p) => p.estimator === estimator && p.warnings !== undefined);
}

/**
 * The warnings the points of `estimator` carry on `layers` (read from the run files, not recomputed), plus the
 * layer-ordering warnings (I(X;T) increasing with depth beyond the error bars), by layer and code. Cost O(points).
 *
 * @example
 * figureWarnings(run, 'binning', ['dense_1']); // => [{layer: 'dense_1', code: 'out-of-range', epochs: [0, 1], message: '43.0% of the values...'}]
 */
export function figureWarnings(run: Run | Run[], estimator: string, layers: string[]): FigureWarning[] {
  const runs = toRunList(run, 'figureWarnings');
  const byKey = new Map<string, FigureWarning>();
  for (const r of runs) {
    for (const layer of layers) {
      for (const p of layerPoints(r, estimator, layer)) {
        for (const w of p.warnings ?? []) {
          const key = `${layer}\u0000${w.code}`;
          let f = byKey.get(key);
          if (!f) byKey.set(key, (f = { layer, code: w.code, epochs: [], message: w.message }));
          if (!f.epochs.includes(p.epoch)) f.epochs.push(p.epoch);
          if (p.epoch >= Math.max(...f.epochs)) f.message = w.message;
        }
      }
    }
    for (const v of layerOrderingViolations({ ...r, points: r.points.filter((p) => p.estimator === estimator && layers.includes(p.layer)) })) {
      const key = `${v.deeperLayer}\u0000layer-ordering`;
      let f = byKey.get(key);
      if (!f) byKey.set(key, (f = { layer: v.deeperLayer, code: 'layer-ordering', epochs: [], message: describeLayerOrdering(v, unitsOf(r)) }));
      for (const e of v.epochs) if (!f.epochs.includes(e)) f.epochs.push(e);
    }
  }
  const out = [...byKey.values()];
  for (const f of out) f.epochs.sort((a, b) => a - b);
  return out;
}

function findSaturated(runs: Run[], estimator: string, layers: string[], tolerance: number): SaturatedLayer[] {
  const out: SaturatedLayer[] = [];
  for (const layer of layers) {
    const epochs = new Set<number>();
    let ceiling: number | undefined;
    for (const r of runs) {
      if (diagnosed(r, estimator)) {
        // the estimator's own `saturated` warnings of I(X;T) (its ceiling H(X): log n for distinct inputs)
        for (const p of layerPoints(r, estimator, layer)) {
          for (const w of p.warnings ?? []) {
            if (w.code !== 'saturated' || w.quantity !== 'I(X;T)' || typeof w.ceiling !== 'number') continue;
            epochs.add(p.epoch);
            ceiling = ceiling === undefined ? w.ceiling : Math.min(ceiling, w.ceiling);
          }
        }
        continue;
      }
      // a run written before points carried warnings: the same test on the recorded values against log n
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
  /** A single run's point with its own interval (bootstrap or standard error): drawn as error bars. */
  bars?: boolean;
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
  /** Draw each run's own trajectory behind the medians. */
  seedTraces: boolean;
  /** Marker colour value of an epoch on the shared colour axis. */
  color: (epoch: number) => number;
  /** What the estimator's `ixt` and `ity` are (I(X;T), I(T;Y), or a representation measure's names). */
  names: ReturnType<typeof quantityNames>;
}

function layerRows(runs: Run[], estimator: string, layer: string, spread: SeedSpread): Row[] {
  if (runs.length === 1) {
    return layerPoints(runs[0], estimator, layer)
      .filter((p) => has(p, 'ixt') && has(p, 'ity'))
      .map((p) => {
        // error bars of a single run: the point's bootstrap interval or 95% standard-error interval, when it has one
        const ex = pointInterval(p, 'ixt');
        const ey = pointInterval(p, 'ity');
        const bars = ex || ey ? { bars: true } : {};
        return { epoch: p.epoch, x: p.ixt!, y: p.ity!, count: 1, xlo: ex?.lower ?? p.ixt!, xhi: ex?.upper ?? p.ixt!, ylo: ey?.lower ?? p.ity!, yhi: ey?.upper ?? p.ity!, ...bars };
      });
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
  const xName = plotlyText(s.names.ixt);
  const yName = plotlyText(s.names.ity);
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
      color: rows.map((r) => s.color(r.epoch)),
      coloraxis: 'coloraxis',
      size: s.markerSize,
      symbol: layerSymbol(i),
      line: { color, width: 1 },
    },
  };
  if (!s.seeds) {
    trace.customdata = rows.map((r) => r.epoch);
    trace.hovertemplate = `<b>%{fullData.name}</b><br>epoch %{customdata}<br>${xName} = %{x:.4f} ${u}<br>${yName} = %{y:.4f} ${u}<extra>%{meta}</extra>`;
    if (rows.some((r) => r.bars)) {
      const bar = (hi: number[], lo: number[]) => ({ type: 'data', symmetric: false, array: hi, arrayminus: lo, color, thickness: 1, width: 2 });
      trace.error_x = bar(rows.map((r) => r.xhi - r.x), rows.map((r) => r.x - r.xlo));
      trace.error_y = bar(rows.map((r) => r.yhi - r.y), rows.map((r) => r.y - r.ylo));
    }
  } else {
    trace.customdata = rows.map((r) => [r.epoch, r.count, r.xlo, r.xhi, r.ylo, r.yhi]);
    const band = s.spread === 'iqr' ? 'IQR' : s.spread === 'range' ? 'range' : '';
    trace.hovertemplate =
      `<b>%{fullData.name}</b><br>epoch %{customdata[0]} (median of %{customdata[1]} runs)<br>` +
      `${xName} = %{x:.4f} ${u}${band ? ` (${band} %{customdata[2]:.3f} to %{customdata[3]:.3f})` : ''}<br>` +
      `${yName} = %{y:.4f} ${u}${band ? ` (${band} %{customdata[4]:.3f} to %{customdata[5]:.3f})` : ''}<extra>%{meta}</extra>`;
    if (s.spread !== 'none') {
      const bar = (hi: number[], lo: number[]) => ({ type: 'data', symmetric: false, array: hi, arrayminus: lo, color, thickness: 1, width: 2 });
      trace.error_x = bar(rows.map((r) => r.xhi - r.x), rows.map((r) => r.x - r.xlo));
      trace.error_y = bar(rows.map((r) => r.yhi - r.y), rows.map((r) => r.y - r.ylo));
    }
  }
  return trace;
}

/** Label of run `j` in hover text: its seed when the header has one. */
function runLabel(run: Run, j: number): string {
  return typeof run.header.seed === 'number' ? `seed ${run.header.seed}` : `run ${j + 1}`;
}

/** One run's own trajectory of a layer, drawn thin and faint behind the medians (`seedTraces`). */
function seedTrace(rows: Row[], layer: string, i: number, label: string, axes: Axes, s: PlaneSettings): PlotlyTrace {
  const color = layerColor(i);
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: plotlyText(`${layer} (${label})`),
    legendgroup: layer,
    showlegend: false,
    meta: plotlyText(s.estimator),
    opacity: 0.4,
    x: rows.map((r) => r.x),
    y: rows.map((r) => r.y),
    xaxis: axes.x,
    yaxis: axes.y,
    line: { color, width: 0.8 },
    marker: { color: rows.map((r) => s.color(r.epoch)), coloraxis: 'coloraxis', size: Math.max(2, Math.round(s.markerSize * 0.6)), symbol: layerSymbol(i) },
    customdata: rows.map((r) => r.epoch),
    hovertemplate: `<b>${plotlyText(layer)}</b> (${plotlyText(label)})<br>epoch %{customdata}<br>${plotlyText(s.names.ixt)} = %{x:.4f} ${s.units}<br>${plotlyText(s.names.ity)} = %{y:.4f} ${s.units}<extra>%{meta}</extra>`,
  };
}

/** Reference line of a ceiling, with its label. */
function ceilingShape(direction: 'vertical' | 'horizontal', value: number, label: string, axes: Axes): Record<string, unknown> {
  const line = { color: '#666', width: 1, dash: 'dot' };
  const font = { size: 11, color: '#555' };
  return direction === 'vertical'
    ? // I(X;T) <= log n: no point lies right of this line, so the label reads down its right side from the top
      // (rotated 90 degrees, yanchor 'bottom' is the side away from the line and padding the gap; checked in a PNG)
      { type: 'line', xref: axes.x, yref: `${axes.y} domain`, x0: value, x1: value, y0: 0, y1: 1, line, label: { text: label, textposition: 'end', font, textangle: 90, xanchor: 'left', yanchor: 'bottom', padding: 6 } }
    : // I(T;Y) <= H(Y) and, at small I(X;T), I(T;Y) <= I(X;T) is small: the label sits above the line's left end
      { type: 'line', xref: `${axes.x} domain`, yref: axes.y, x0: 0, x1: 1, y0: value, y1: value, line, label: { text: label, textposition: 'start', font, yanchor: 'bottom', xanchor: 'left' } };
}

/**
 * The shuffled-label baseline of the points shown (`baseline.ity` of the point records) as a band on the I(T;Y)
 * axis, from the lowest mean - 2 sd to the highest mean + 2 sd; undefined when no point carries one.
 */
export function baselineBand(runs: Run[], estimator: string, layers: string[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of runs) {
    for (const layer of layers) {
      for (const p of layerPoints(r, estimator, layer)) {
        const b = p.baseline?.ity;
        if (!b || !Number.isFinite(b.mean) || !Number.isFinite(b.sd)) continue;
        lo = Math.min(lo, b.mean - 2 * b.sd);
        hi = Math.max(hi, b.mean + 2 * b.sd);
      }
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function baselineShape(band: [number, number], axes: Axes): Record<string, unknown> {
  return {
    type: 'rect',
    xref: `${axes.x} domain`,
    yref: axes.y,
    x0: 0,
    x1: 1,
    y0: band[0],
    y1: band[1],
    fillcolor: 'rgba(120, 120, 120, 0.18)',
    line: { width: 0 },
    layer: 'below',
    label: { text: 'shuffled labels (mean ± 2 sd)', textposition: 'top right', font: { size: 11, color: '#555' } },
  };
}

function unitLabel(value: number, units: Units): string {
  return `${formatNumber(value)} ${units === 'bits' && value === 1 ? 'bit' : units}`;
}

interface Plane {
  traces: PlotlyTrace[];
  rows: Row[][];
  /** Per layer, per run: each run's own rows (`seedTraces` with several runs), else undefined. */
  seedRows?: Row[][][];
  /** The traces with the rows up to `epoch` (slider frames), in the order of `traces`. */
  tracesUpTo: (epoch: number) => PlotlyTrace[];
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
  firstIndex = 0,
): Plane {
  // log n and H(Y) bound I(X;T) and I(T;Y), not a representation measure's pair (coding rates)
  if (!s.names.information) ceilings = false;
  const rows = s.layers.map((layer) => layerRows(runs, s.estimator, layer, s.spread));
  const seedRows = s.seedTraces && runs.length > 1 ? s.layers.map((layer) => runs.map((r) => layerRows([r], s.estimator, layer, s.spread))) : undefined;
  const labels = runs.map(runLabel);
  const tracesUpTo = (epoch: number): PlotlyTrace[] => {
    const upTo = (r: Row[]) => r.filter((x) => x.epoch <= epoch);
    // the runs' own trajectories first, so the medians are drawn on top
    const behind = (seedRows ?? []).flatMap((perRun, i) => perRun.map((r, j) => seedTrace(upTo(r), s.layers[i], i + firstIndex, labels[j], axes, s)));
    return [...behind, ...rows.map((r, i) => layerTrace(upTo(r), s.layers[i], i + firstIndex, axes, s))];
  };
  const traces = tracesUpTo(Infinity);
  const all = [...rows.flat(), ...(seedRows ?? []).flat(2)];
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
  const band = baselineBand(runs, s.estimator, s.layers);
  if (band) {
    shapes.push(baselineShape(band, axes));
    ymax = Math.max(ymax, band[1]);
  }
  // room beyond the ceilings for their labels (right of log n, above H(Y)): 8% and 10% of the span
  const pad = (lo: number, hi: number, top: number): [number, number] => {
    const span = hi - lo || 1;
    return [lo - 0.04 * span, hi + top * span];
  };
  return {
    traces,
    rows,
    seedRows,
    tracesUpTo,
    shapes,
    saturated: s.names.information ? findSaturated(runs, s.estimator, s.layers, tolerance) : [],
    xRange: pad(xmin, xmax, ceilings && ceiling !== undefined ? 0.08 : 0.06),
    yRange: pad(ymin, ymax, ceilings && h !== undefined ? 0.1 : 0.06),
  };
}

/**
 * One note line per warning code other than `saturated` (which has its own): `⚠ out-of-range: dense_1, dense_2`,
 * with the estimator's prefix when given. Layer names are escaped for Plotly.
 */
export function warningNoteLines(warnings: FigureWarning[], prefix = ''): string[] {
  const byCode = new Map<string, string[]>();
  for (const w of warnings) {
    if (w.code === 'saturated') continue;
    const layers = byCode.get(w.code) ?? [];
    if (!layers.includes(w.layer)) layers.push(w.layer);
    byCode.set(w.code, layers);
  }
  return [...byCode.entries()].map(([code, layers]) => `⚠ ${prefix}${plotlyText(code)}: ${layers.map(plotlyText).join(', ')}`);
}

/** The warning lines shown when layers sit at the ceiling log n, or the points carry other warnings (`notes`). */
function saturationLines(saturated: SaturatedLayer[], units: Units, tolerance: number, notes: string[] = []): string[] {
  const names = saturated.map((s) => plotlyText(s.layer)).join(', ');
  const log = units === 'bits' ? 'log₂' : 'ln';
  const lines = saturated.length
    ? [
        `⚠ saturated: I(X;T) of ${names} is within ${formatNumber(tolerance * 100)}% of ${log} n = ${unitLabel(saturated[0].ceiling, units)};`,
        'every probe sample is distinct there, so the estimator cannot show compression (use more probe samples or coarser bins)',
      ]
    : [];
  if (notes.length) lines.push(`${notes.join('; ')} (see the run's warnings: infoplane inspect)`);
  return lines;
}

/** Characters per line of a figure note: about the plotting width of a 600-pixel figure in the notes' 11-pixel font. */
export const NOTE_LINE_CHARS = 72;
/** Height of one note line as a fraction of the plotting area of a 600-pixel figure (11-pixel font, line spacing). */
const NOTE_LINE_HEIGHT = 0.034;

/** Break `line` at spaces into pieces of at most `width` characters (a longer word stays whole). */
export function wrapNote(line: string, width = NOTE_LINE_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * The notes of a figure as one annotation inside the page: anchored at the top left of the plotting area
 * (paper coordinates 0 and 1, so never in a margin that a small figure or a PNG crops), lines wrapped, and
 * the height it needs as a fraction of the plotting area, which the caller keeps free of axes.
 */
export function noteBlock(lines: string[]): { annotation: Record<string, unknown>; height: number } {
  const wrapped = lines.flatMap((l) => wrapNote(l));
  return {
    annotation: {
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: 1,
      xanchor: 'left',
      yanchor: 'top',
      showarrow: false,
      align: 'left',
      font: { size: 11, color: '#b00020' },
      text: wrapped.join('<br>'),
    },
    height: Math.min(0.45, wrapped.length * NOTE_LINE_HEIGHT + 0.02),
  };
}

function checkCommon(fn: string, o: { hY?: unknown; saturationTolerance: unknown; spread: unknown; markerSize: unknown; ceilings: unknown; epochScale: unknown }): void {
  checkChoice(fn, 'epochScale', o.epochScale, EPOCH_SCALES);
  if (o.hY !== undefined) checkNumber(fn, 'hY', o.hY, { min: 0 });
  checkNumber(fn, 'saturationTolerance', o.saturationTolerance, { min: 0, max: 1 });
  checkChoice(fn, 'spread', o.spread, ['iqr', 'range', 'none'] as const);
  checkNumber(fn, 'markerSize', o.markerSize, { min: 1, max: 100 });
  if (typeof o.ceilings !== 'boolean') fail('invalid_type', { fn, param: 'ceilings', expected: 'true or false', received: describeValue(o.ceilings) });
}

function defaultTitle(kind: string, runs: Run[], estimator?: string): string {
  const set = runs[0].header.meta?.labelSet;
  const dataset = `${runs[0].header.dataset ?? ''}${typeof set === 'string' ? `, labels ${set}` : ''}`;
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
    epochScale = INFO_PLANE_DEFAULTS.epochScale,
    seedTraces = INFO_PLANE_DEFAULTS.seedTraces,
  } = options;
  const fn = 'infoPlaneFigure';
  checkOptionNames(fn, options, INFO_PLANE_KEYS);
  checkCommon(fn, { hY, saturationTolerance, spread, markerSize, ceilings, epochScale });
  if (typeof seedTraces !== 'boolean') fail('invalid_type', { fn, param: 'seedTraces', expected: 'true or false', received: describeValue(seedTraces) });
  if (typeof slider !== 'boolean') fail('invalid_type', { fn, param: 'slider', expected: 'true or false', received: describeValue(slider) });
  checkNumber(fn, 'sliderSteps', sliderSteps, { min: 2, max: 1000, integer: true });
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  const runs = selectLabelSet(toRunList(run, fn), options.labels, fn);
  const est = resolveEstimator(runs, estimator, ['ixt', 'ity'], fn);
  const names = resolveLayers(runs, layers, [est], fn);
  const units = unitsOf(runs[0]);
  const [cmin, cmax] = epochRange(runs, [est]);
  const coloring = epochColoring(runs, cmin, cmax, epochScale);
  const quantities = quantityNames(runs, est);
  const settings: PlaneSettings = { estimator: est, layers: names, units, seeds: runs.length > 1, spread, markerSize, showLegend: true, seedTraces, color: coloring.value, names: quantities };
  const axes = { x: 'x', y: 'y' };
  const plane = buildPlane(runs, axes, settings, ceilings, hY, saturationTolerance);
  const notes = warningNoteLines(figureWarnings(runs, est, names));
  const flagged = plane.saturated.length > 0 || notes.length > 0;
  const block = flagged ? noteBlock(saturationLines(plane.saturated, units, saturationTolerance, notes)) : undefined;
  const layout: Record<string, unknown> = {
    title: titleOf(title ?? defaultTitle(quantities.information ? 'Information plane' : 'Representation plane', runs, est)),
    xaxis: { title: { text: quantityLabel('ixt', units, quantities.ixt) }, range: plane.xRange, zeroline: false },
    // the notes take the top of the plotting area, above the axes
    yaxis: { title: { text: quantityLabel('ity', units, quantities.ity) }, range: plane.yRange, zeroline: false, ...(block ? { domain: [0, 1 - block.height] } : {}) },
    // colour bar in the upper half of the right margin, legend of layers below it
    coloraxis: { ...coloring.coloraxis, colorbar: { ...(coloring.coloraxis.colorbar as object), thickness: 14, len: 0.5, y: 1, yanchor: 'top' } },
    legend: { title: { text: 'layer' }, x: 1.02, xanchor: 'left', y: 0.45, yanchor: 'top' },
    shapes: plane.shapes,
    annotations: block ? [block.annotation] : [],
    hovermode: 'closest',
    margin: { t: 70 },
  };
  const figure: PlotlyFigure = { data: plane.traces, layout };
  if (slider) {
    const epochs = [...new Set(plane.rows.flat().map((r) => r.epoch))].sort((a, b) => a - b);
    const steps = sliderEpochs(epochs, sliderSteps);
    figure.frames = steps.map((e) => ({
      name: String(e),
      data: plane.tracesUpTo(e),
      traces: plane.traces.map((_, i) => i),
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
    layout.margin = { t: 70, b: 140 };
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

/** Options shared by the figures of several panels (one per estimator, one per layer). */
export interface PanelGridOptions {
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
  /** Epoch colour bar: `linear`, `log` or `auto` (log when the recording was log-spaced). Defaults to `auto`. */
  epochScale?: EpochScale;
  /** With several runs, also draw every run's own trajectory behind the medians. Defaults to false. */
  seedTraces?: boolean;
  /** The label set whose I(T;Y) is shown, for runs recorded with several (`withLabelSet`). Defaults to undefined (the first). */
  labels?: string;
}

export interface InfoPlanePanelsOptions extends PanelGridOptions {
  /** Estimators, one panel each, left to right. Defaults to every estimator of the run that gives both I(X;T) and I(T;Y). */
  estimators?: string[];
  /** Layers to show. Defaults to every layer of the run. */
  layers?: string[];
  /** Figure title (shown as typed). Defaults to `Information plane by estimator (DATASET)`. */
  title?: string;
}

const PANELS_KEYS = ['estimators', 'layers', 'title', 'ceilings', 'hY', 'saturationTolerance', 'spread', 'markerSize', 'epochScale', 'seedTraces', 'labels'];

/** One panel of a grid: an estimator's plane of some layers (`firstIndex`: the first layer's colour position). */
interface PanelSpec {
  estimator: string;
  layers: string[];
  firstIndex: number;
  heading: string;
  showLegend: boolean;
}

interface GridOptions {
  title: string;
  ceilings: boolean;
  hY: number | undefined;
  saturationTolerance: number;
  spread: SeedSpread;
  markerSize: number;
  epochScale: EpochScale;
  seedTraces: boolean;
  /** Panels per row. */
  columns: number;
  /** Same axis ranges in every panel (panels of one estimator), or each its own (panels of different estimators). */
  sharedRanges: boolean;
}

/** A grid of information planes with one shared colour bar and legend, and one block of notes at the top. */
function planeGrid(runs: Run[], panels: PanelSpec[], estimators: string[], layerNames: string[], o: GridOptions): PlotlyFigure {
  const units = unitsOf(runs[0]);
  const [cmin, cmax] = epochRange(runs, estimators);
  const coloring = epochColoring(runs, cmin, cmax, o.epochScale);
  const planes = panels.map((p, k) => {
    const suffix = k === 0 ? '' : String(k + 1);
    const axes = { x: `x${suffix}`, y: `y${suffix}` };
    const settings: PlaneSettings = {
      estimator: p.estimator,
      layers: p.layers,
      units,
      seeds: runs.length > 1,
      spread: o.spread,
      markerSize: o.markerSize,
      showLegend: p.showLegend,
      seedTraces: o.seedTraces,
      color: coloring.value,
      names: quantityNames(runs, p.estimator),
    };
    return { suffix, axes, settings, plane: buildPlane(runs, axes, settings, o.ceilings, o.hY, o.saturationTolerance, p.firstIndex) };
  });
  // notes: which layers saturate under which estimator, and the points' other warnings
  const log = units === 'bits' ? 'log₂' : 'ln';
  const saturated = planes.flatMap((q) => q.plane.saturated);
  const byEstimator = new Map<string, string[]>();
  planes.forEach((q, k) => {
    const list = byEstimator.get(panels[k].estimator) ?? [];
    for (const l of q.plane.saturated) if (!list.includes(l.layer)) list.push(l.layer);
    byEstimator.set(panels[k].estimator, list);
  });
  const parts = [...byEstimator.entries()].filter(([, l]) => l.length).map(([est, l]) => `${plotlyText(est)}: ${l.map(plotlyText).join(', ')}`);
  const lines = saturated.length
    ? [
        `⚠ saturated (I(X;T) within ${formatNumber(o.saturationTolerance * 100)}% of ${log} n = ${unitLabel(saturated[0].ceiling, units)}): ${parts.join('; ')}`,
        'every probe sample is distinct there, so the estimator cannot show compression (use more probe samples or coarser bins)',
      ]
    : [];
  const notes = estimators.flatMap((est) => warningNoteLines(figureWarnings(runs, est, layerNames), estimators.length > 1 ? `${plotlyText(est)}: ` : ''));
  if (notes.length) lines.push(notes.join('; '));
  const block = lines.length ? noteBlock(lines) : undefined;
  // the grid fills the plotting area below the notes; each panel keeps room above it for its heading
  const top = 1 - (block?.height ?? 0);
  const columns = Math.min(o.columns, panels.length);
  const rowCount = Math.ceil(panels.length / columns);
  const gapX = 0.07;
  const heading = 0.06;
  const gapY = rowCount > 1 ? 0.12 : 0;
  const width = (1 - gapX * (columns - 1)) / columns;
  const height = (top - gapY * (rowCount - 1)) / rowCount - heading;
  const span = (get: (q: (typeof planes)[number]) => [number, number]): [number, number] => [Math.min(...planes.map((q) => get(q)[0])), Math.max(...planes.map((q) => get(q)[1]))];
  const xShared = span((q) => q.plane.xRange);
  const yShared = span((q) => q.plane.yRange);
  const layout: Record<string, unknown> = {
    title: titleOf(o.title),
    legend: { title: { text: 'layer' }, orientation: 'h', x: 0, xanchor: 'left', y: -0.12 - 0.1 / rowCount, yanchor: 'top' },
    hovermode: 'closest',
    margin: { t: 70, b: 110 },
  };
  const annotations: Record<string, unknown>[] = [];
  // panels of measures with different names (coding rate beside I(X;T)) title every axis with its own
  const mixed = planes.some((q) => q.settings.names.ixt !== planes[0].settings.names.ixt || q.settings.names.ity !== planes[0].settings.names.ity);
  planes.forEach((q, k) => {
    const col = k % columns;
    const row = Math.floor(k / columns);
    const x0 = col * (width + gapX);
    const y1 = top - row * (height + heading + gapY) - heading;
    const firstInRow = col === 0;
    const lastRow = row === rowCount - 1 || k + columns >= panels.length;
    layout[`xaxis${q.suffix}`] = {
      domain: [x0, x0 + width],
      anchor: q.axes.y,
      title: { text: lastRow || mixed ? quantityLabel('ixt', units, q.settings.names.ixt) : '' },
      range: o.sharedRanges ? xShared : q.plane.xRange,
      zeroline: false,
    };
    layout[`yaxis${q.suffix}`] = {
      domain: [Math.max(0, y1 - height), y1],
      anchor: q.axes.x,
      title: { text: firstInRow || mixed ? quantityLabel('ity', units, q.settings.names.ity) : '' },
      range: o.sharedRanges ? yShared : q.plane.yRange,
      zeroline: false,
    };
    annotations.push({ xref: 'paper', yref: 'paper', x: x0 + width / 2, y: y1, xanchor: 'center', yanchor: 'bottom', yshift: 2, showarrow: false, text: `<b>${panels[k].heading}</b>`, font: { size: 13 } });
  });
  if (block) annotations.push(block.annotation);
  layout.shapes = planes.flatMap((q) => q.plane.shapes);
  layout.annotations = annotations;
  layout.coloraxis = { ...coloring.coloraxis, colorbar: { ...(coloring.coloraxis.colorbar as object), thickness: 14 } };
  return { data: planes.flatMap((q) => q.plane.traces), layout };
}

function gridOptions(fn: string, options: InfoPlanePanelsOptions | LayersFigureOptions): Omit<GridOptions, 'title' | 'columns' | 'sharedRanges'> & { title?: string } {
  const {
    title,
    hY,
    ceilings = INFO_PLANE_DEFAULTS.ceilings,
    saturationTolerance = INFO_PLANE_DEFAULTS.saturationTolerance,
    spread = INFO_PLANE_DEFAULTS.spread,
    markerSize = INFO_PLANE_DEFAULTS.markerSize,
    epochScale = INFO_PLANE_DEFAULTS.epochScale,
    seedTraces = INFO_PLANE_DEFAULTS.seedTraces,
  } = options;
  checkCommon(fn, { hY, saturationTolerance, spread, markerSize, ceilings, epochScale });
  if (typeof seedTraces !== 'boolean') fail('invalid_type', { fn, param: 'seedTraces', expected: 'true or false', received: describeValue(seedTraces) });
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  return { title, hY, ceilings, saturationTolerance, spread, markerSize, epochScale, seedTraces };
}

/**
 * One information-plane panel per estimator, side by side, on the same run (the same recorded activations),
 * so estimators can be compared point for point. The colour bar (epoch) and the legend (layer) are shared:
 * clicking a layer hides it in every panel. Each panel has its own axes with units and ceilings; one block of
 * notes above the panels names saturated layers and warnings. Several runs give medians, as in
 * `infoPlaneFigure`. Pure; cost O(points).
 *
 * @example
 * infoPlanePanels(run, {estimators: ['binning', 'kde']}).layout.xaxis2.title.text; // => 'I(X;T) [bits]'
 */
export function infoPlanePanels(run: Run | Run[], options: InfoPlanePanelsOptions = {}): PlotlyFigure {
  const fn = 'infoPlanePanels';
  checkOptionNames(fn, options, PANELS_KEYS);
  const o = gridOptions(fn, options);
  const { estimators, layers } = options;
  const runs = selectLabelSet(toRunList(run, fn), options.labels, fn);
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
  const panels = names.map((est, k) => ({ estimator: est, layers: layerNames, firstIndex: 0, heading: plotlyText(est), showLegend: k === 0 }));
  return planeGrid(runs, panels, names, layerNames, {
    ...o,
    title: o.title ?? defaultTitle('Information plane by estimator', runs),
    columns: names.length,
    sharedRanges: false,
  });
}

export interface LayersFigureOptions extends PanelGridOptions {
  /** Estimator whose points are shown. Defaults to the first estimator of the run that gives both I(X;T) and I(T;Y). */
  estimator?: string;
  /** Layers, one panel each, in this order. Defaults to every layer of the run, ordered by `layerIndex`. */
  layers?: string[];
  /** Panels per row. Defaults to 3 (fewer when there are fewer layers). */
  columns?: number;
  /** Figure title (shown as typed). Defaults to `Information plane by layer: ESTIMATOR (DATASET)`. */
  title?: string;
}

export const LAYERS_FIGURE_DEFAULTS = { columns: 3 };

/**
 * One information-plane panel per layer (a grid, `columns` per row), for one estimator: trajectories that
 * cross or overlap in `infoPlaneFigure` are read one at a time. Every panel has the same axis ranges, so
 * panels compare at a glance; the colour bar (epoch, log scale for log-spaced recording) is shared, each
 * layer keeps its colour and symbol, and the ceilings are drawn in every panel. Several runs give medians
 * (and with `seedTraces` each run's own trajectory). Pure; cost O(points).
 *
 * @example
 * layersFigure(run, {estimator: 'binning'}).data.map((t) => t.xaxis); // => ['x', 'x2', 'x3'] (one panel per layer)
 */
export function layersFigure(run: Run | Run[], options: LayersFigureOptions = {}): PlotlyFigure {
  const fn = 'layersFigure';
  checkOptionNames(fn, options, ['estimator', 'layers', 'columns', ...PANELS_KEYS.filter((k) => k !== 'estimators' && k !== 'layers')]);
  const o = gridOptions(fn, options);
  const { estimator, layers, columns = LAYERS_FIGURE_DEFAULTS.columns } = options;
  checkNumber(fn, 'columns', columns, { min: 1, max: 20, integer: true });
  const runs = selectLabelSet(toRunList(run, fn), options.labels, fn);
  const est = resolveEstimator(runs, estimator, ['ixt', 'ity'], fn);
  const names = resolveLayers(runs, layers, [est], fn);
  const panels = names.map((layer, k) => ({ estimator: est, layers: [layer], firstIndex: k, heading: plotlyText(layer), showLegend: true }));
  return planeGrid(runs, panels, [est], names, {
    ...o,
    title: o.title ?? defaultTitle('Information plane by layer', runs, est),
    columns,
    sharedRanges: true,
  });
}
