/**
 * The scatter figure of `infoplane correlate`: for each layer (columns) and quantity (rows), the runs' final-epoch
 * value against their generalisation gap, one marker per run, with Kendall's tau-b, Spearman's rho and Pearson's r
 * (and their p-values) in each panel's title. Pure function to Plotly JSON.
 */
import { CorrelateQuantity, CorrelateResult, QUANTITY_LABELS } from '../run/correlateRuns';
import { formatNumber, layerColor, PlotlyFigure, PlotlyTrace, plotlyText } from './figure';

export interface CorrelateFigureOptions {
  /** Figure title (shown as typed). Defaults to `Final-epoch information against the generalisation gap`. */
  title?: string;
}

function pText(p: number): string {
  return Number.isNaN(p) ? 'n/a' : p < 1e-4 ? p.toExponential(1) : formatNumber(Number(p.toPrecision(2)));
}

/**
 * One scatter panel per (quantity, layer) of `correlateRuns`' rows.
 * @example
 * correlateFigure(correlateRuns(runs)).data.length; // => one trace per row
 */
export function correlateFigure(result: CorrelateResult, options: CorrelateFigureOptions = {}): PlotlyFigure {
  const layers = [...new Set(result.rows.map((r) => r.layer))];
  const quantities = [...new Set(result.rows.map((r) => r.quantity))] as CorrelateQuantity[];
  const cols = Math.max(1, layers.length);
  const rowsN = Math.max(1, quantities.length);
  const gapLabel = `gap (${result.gap.definition})`;
  const data: PlotlyTrace[] = [];
  const layout: Record<string, unknown> = {
    title: { text: plotlyText(options.title ?? 'Final-epoch information against the generalisation gap') },
    showlegend: false,
    grid: { rows: rowsN, columns: cols, pattern: 'independent' },
    annotations: [] as Record<string, unknown>[],
    margin: { t: 90 },
  };
  result.rows.forEach((row) => {
    const c = layers.indexOf(row.layer);
    const q = quantities.indexOf(row.quantity);
    const k = q * cols + c + 1;
    const suffix = k === 1 ? '' : String(k);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: plotlyText(`${row.layer} ${QUANTITY_LABELS[row.quantity]}`),
      x: row.pairs.map((p) => p.value),
      y: row.pairs.map((p) => p.gap),
      customdata: row.pairs.map((p) => [p.runId, p.epoch]),
      hovertemplate: `run %{customdata[0]} (epoch %{customdata[1]})<br>${QUANTITY_LABELS[row.quantity]} = %{x:.4f} ${result.units}<br>gap = %{y:.4f}<extra></extra>`,
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      marker: { color: layerColor(c), size: 8 },
    });
    layout[`xaxis${suffix}`] = { title: { text: `${plotlyText(row.layer)}: ${QUANTITY_LABELS[row.quantity]} (${result.units})` } };
    layout[`yaxis${suffix}`] = { title: { text: gapLabel } };
    (layout.annotations as Record<string, unknown>[]).push({
      xref: `x${suffix} domain`,
      yref: `y${suffix} domain`,
      x: 0,
      y: 1.02,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      align: 'left',
      font: { size: 10 },
      text: `τ_b ${formatNumber(row.kendall.statistic)} (p ${pText(row.kendall.pValue)}), ρ ${formatNumber(row.spearman.statistic)} (p ${pText(row.spearman.pValue)}), r ${formatNumber(row.pearson.statistic)} (p ${pText(row.pearson.pValue)}), n ${row.pearson.n}`,
    });
  });
  return { data, layout };
}
