/**
 * The Plotly figure type every builder in `src/plot` returns, and the small helpers they share: text
 * escaping for Plotly's pseudo-HTML, colours, and axis labels with units. Pure data, no DOM, no IO.
 */
import { Units } from '../core/units';

/** One Plotly trace (`scatter`, ...), as plain JSON. */
export type PlotlyTrace = Record<string, unknown>;

/**
 * A Plotly figure as plain JSON: what `Plotly.newPlot(div, figure)` takes. Builders return it and do nothing
 * else; `figureToHtml`, `renderFigure` and `showFigure` display it.
 */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
  /** Animation frames (the epoch slider of `infoPlaneFigure(run, {slider: true})`). */
  frames?: Record<string, unknown>[];
  /** Plotly config (`{responsive: true}`, ...); figureToHtml fills in defaults. */
  config?: Record<string, unknown>;
}

/** Layer colours (Plotly's default qualitative cycle), by layer position. */
export const LAYER_COLORS: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Marker symbols by layer position, so layers stay apart even in greyscale. */
export const LAYER_SYMBOLS: readonly string[] = ['circle', 'square', 'diamond', 'triangle-up', 'cross', 'x', 'triangle-down', 'star', 'pentagon', 'hexagon'];

/** Colour scale of the epoch colour bar. */
export const EPOCH_COLORSCALE = 'Viridis';

export function layerColor(i: number): string {
  return LAYER_COLORS[i % LAYER_COLORS.length];
}

export function layerSymbol(i: number): string {
  return LAYER_SYMBOLS[i % LAYER_SYMBOLS.length];
}

/** `#1f77b4` -> `rgba(31,119,180,alpha)`, for bands. */
export function withAlpha(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

/**
 * Escape a user-supplied string (a layer name, a title) for Plotly's pseudo-HTML text, so that it is shown
 * as typed: `<script>` stays the text "<script>", never a tag.
 */
export function plotlyText(s: string): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Axis label of an information quantity with its unit: `I(X;T) [bits]`; `name` replaces the quantity's name
 * (a representation measure's own, `coding rate R(T)`, from `quantityNames`). The name is escaped for Plotly.
 */
export function quantityLabel(quantity: Quantity, units: Units, name: string = QUANTITY_NAMES[quantity]): string {
  return `${plotlyText(name)} [${units}]`;
}

/** Information quantities a run point can carry. */
export type Quantity = 'ixt' | 'ity' | 'hT';

export const QUANTITY_NAMES: Record<Quantity, string> = { ixt: 'I(X;T)', ity: 'I(T;Y)', hT: 'H(T)' };

/** A number for hover text and labels: 3 significant decimals, no trailing noise. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000 || v === Math.round(v)) return String(Math.round(v * 1000) / 1000);
  return v.toFixed(3).replace(/\.?0+$/, '');
}

/** A figure title object, escaped. */
export function titleOf(text: string | undefined): Record<string, unknown> | undefined {
  return text === undefined ? undefined : { text: plotlyText(text), x: 0.5, xanchor: 'center' };
}
