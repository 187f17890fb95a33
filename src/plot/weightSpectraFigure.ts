/**
 * The weight spectra of a run against epoch: the condition number kappa = s_max / s_min (log axis), the log-volume
 * sum ln s_i or the stable rank ||W||_F^2 / s_max^2 of each layer's weight matrix, one line per layer, from the
 * epoch records' `weightSpectra` (the training callback writes them). Shown beside the information plane, it
 * tells whether a layer's weights grow ill-conditioned while its I(X;T) falls. Pure function from `Run` to Plotly
 * JSON.
 */
import { describeValue, fail } from '../core/errors';
import { checkChoice, checkOptionNames } from '../core/validate';
import { Run } from '../run/types';
import { curveTraces, stackedLayout } from './curves';
import { layerColor, PlotlyFigure, PlotlyTrace, plotlyText } from './figure';
import { SeedSpread, toRunList } from './runData';

/** The quantities of a weight spectrum the figure can show. */
export type SpectrumQuantity = 'kappa' | 'logVolume' | 'stableRank';

export const SPECTRUM_QUANTITIES: readonly SpectrumQuantity[] = ['kappa', 'logVolume', 'stableRank'];

/** Axis titles of the quantities. */
export const SPECTRUM_LABELS: Readonly<Record<SpectrumQuantity, string>> = {
  kappa: 'condition number κ = s_max / s_min',
  logVolume: 'log-volume Σ ln s_i [nats]',
  stableRank: 'stable rank ‖W‖²_F / s²_max',
};

const HOVER_NAMES: Readonly<Record<SpectrumQuantity, string>> = { kappa: 'κ', logVolume: 'log-volume', stableRank: 'stable rank' };

export interface WeightSpectraOptions {
  /** The quantity on the y axis: `kappa` (log axis), `logVolume` (natural log) or `stableRank`. Defaults to `kappa`. */
  quantity?: SpectrumQuantity;
  /** Weight matrices to show, by their key in `weightSpectra` (the layer name). Defaults to every one in the run. */
  layers?: string[];
  /** Figure title (shown as typed). Defaults to `Weight spectra: QUANTITY (DATASET)`. */
  title?: string;
  /** Epoch axis scale, `linear` or `log`. Defaults to `linear`. */
  epochAxis?: 'linear' | 'log';
  /** Spread across seeds when several runs are given: `iqr`, `range` or `none`. Defaults to `iqr`. */
  spread?: SeedSpread;
}

export const WEIGHT_SPECTRA_DEFAULTS = { quantity: 'kappa' as SpectrumQuantity, epochAxis: 'linear' as const, spread: 'iqr' as SeedSpread };

/**
 * One line per weight matrix of `quantity` against epoch (several runs: the median with the inter-quartile range as
 * a band). Kappa is drawn on a log axis; an infinite kappa (a rank-deficient matrix) or log-volume cannot be drawn
 * and is named in a note instead. Pure; O(epochs x layers).
 *
 * @throws InfoplaneError (`empty`) for runs without weight spectra (recorded with `weightSpectra: false`, or
 *   before they existed).
 * @example
 * weightSpectraFigure(run).layout.yaxis.type; // => 'log'
 * weightSpectraFigure(run, {quantity: 'stableRank'}).data.map((t) => t.name); // => ['hidden1', 'hidden2', ...]
 */
export function weightSpectraFigure(run: Run | Run[], options: WeightSpectraOptions = {}): PlotlyFigure {
  const fn = 'weightSpectraFigure';
  checkOptionNames(fn, options, ['quantity', 'layers', 'title', 'epochAxis', 'spread']);
  const { quantity = WEIGHT_SPECTRA_DEFAULTS.quantity, layers, title, epochAxis = WEIGHT_SPECTRA_DEFAULTS.epochAxis, spread = WEIGHT_SPECTRA_DEFAULTS.spread } = options;
  checkChoice(fn, 'quantity', quantity, SPECTRUM_QUANTITIES);
  checkChoice(fn, 'epochAxis', epochAxis, ['linear', 'log'] as const);
  checkChoice(fn, 'spread', spread, ['iqr', 'range', 'none'] as const);
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  const runs = toRunList(run, fn);
  const all: string[] = [];
  for (const r of runs) for (const e of r.epochs ?? []) for (const k of Object.keys(e.weightSpectra ?? {})) if (!all.includes(k)) all.push(k);
  if (all.length === 0) fail('empty', { fn, param: 'run', expected: 'a run with weight spectra in its epoch records (the callback records them by default)', received: 'none' });
  let names = all;
  if (layers !== undefined) {
    if (!Array.isArray(layers) || layers.length === 0 || layers.some((l) => typeof l !== 'string')) {
      fail('invalid_type', { fn, param: 'layers', expected: 'a non-empty array of layer names', received: describeValue(layers) });
    }
    for (const l of layers) {
      if (!all.includes(l)) fail('invalid_option', { fn, param: 'layers', expected: `layers with weight spectra (${all.map((a) => JSON.stringify(a)).join(', ')})`, received: describeValue(l) });
    }
    names = layers;
  }
  const seeds = runs.length > 1;
  const data: PlotlyTrace[] = [];
  const undrawable: string[] = [];
  names.forEach((layer) => {
    const values = new Map<number, number[]>();
    let infinite = 0;
    for (const r of runs) {
      for (const e of r.epochs ?? []) {
        const v = e.weightSpectra?.[layer]?.[quantity];
        if (typeof v !== 'number' || typeof e.epoch !== 'number') continue;
        if (!Number.isFinite(v)) {
          infinite++;
          continue;
        }
        values.set(e.epoch, [...(values.get(e.epoch) ?? []), v]);
      }
    }
    if (infinite) undrawable.push(`${plotlyText(layer)} (${infinite} epoch${infinite === 1 ? '' : 's'})`);
    if (values.size === 0) return;
    const sorted = new Map([...values.entries()].sort((a, b) => a[0] - b[0]));
    // the layer's position among all matrices: the colour it has in every spectra figure of the run
    const color = layerColor(all.indexOf(layer));
    data.push(...curveTraces(sorted, seeds, spread, { name: plotlyText(layer), legendgroup: layer, showlegend: true, color, dash: 'solid', yaxis: 'y', meta: '', label: HOVER_NAMES[quantity], unit: quantity === 'logVolume' ? 'nats' : '' }));
  });
  const dataset = runs[0].header.dataset;
  const layout = stackedLayout(
    title ?? `Weight spectra: ${quantity === 'kappa' ? 'condition number' : quantity === 'logVolume' ? 'log-volume' : 'stable rank'}${dataset ? ` (${dataset}${seeds ? `, median of ${runs.length} runs` : ''})` : ''}`,
    [{ title: SPECTRUM_LABELS[quantity] }],
    epochAxis,
  );
  layout.legend = { ...(layout.legend as object), title: { text: 'layer' } };
  if (quantity === 'kappa') (layout.yaxis as Record<string, unknown>).type = 'log';
  if (undrawable.length) {
    const what = quantity === 'kappa' ? 'rank deficient, κ = ∞' : quantity === 'logVolume' ? 'rank deficient, log-volume = −∞' : 'a zero matrix, no stable rank';
    layout.annotations = [
      { xref: 'paper', yref: 'paper', x: 0, y: 1.02, xanchor: 'left', yanchor: 'bottom', showarrow: false, align: 'left', font: { size: 11, color: '#a33' }, text: `⚠ ${what} (not drawn): ${undrawable.join(', ')}` },
    ];
  }
  return { data, layout };
}
