/**
 * Sensitivity of an estimate to its free parameter (bins, bandwidth, k...): the estimate against the
 * parameter value. Pure function to Plotly JSON.
 */
import { describeValue, fail } from '../core/errors';
import { Units } from '../core/units';
import { checkBoolean, checkNumber, checkOptionNames, checkSameCount, checkUnits } from '../core/validate';
import { formatNumber, layerColor, PlotlyFigure, PlotlyTrace, plotlyText, Quantity, QUANTITY_NAMES, quantityLabel, titleOf } from './figure';

/** Estimates against parameter values: one array (one layer) or one array per layer name. */
export type SensitivitySeries = readonly number[] | Record<string, readonly number[]>;

export interface SensitivityData {
  /** Name of the parameter on the x axis, e.g. `bins` or `bandwidth`. */
  param: string;
  /** The parameter values, one per estimate. */
  values: readonly number[];
  /** I(X;T) at each value (NaN leaves a gap). */
  ixt?: SensitivitySeries;
  /** I(T;Y) at each value. */
  ity?: SensitivitySeries;
  /** H(T) at each value. */
  hT?: SensitivitySeries;
  /** Units of the estimates. Defaults to `bits`. */
  units?: Units;
  /** Number of probe samples n: draws the ceiling log n when given. */
  probeSize?: number;
  /** H(Y) in `units`: draws the I(T;Y) ceiling when given. */
  hY?: number;
  /** Logarithmic x axis (bandwidths). Defaults to false. */
  logX?: boolean;
  /** Figure title (shown as typed). Defaults to `Sensitivity to PARAM`. */
  title?: string;
}

export const SENSITIVITY_DEFAULTS = { units: 'bits' as Units, logX: false };

const DASH: Record<Quantity, string> = { ixt: 'solid', ity: 'dash', hT: 'dot' };

/**
 * An estimate against its bandwidth, bin count or other free parameter: one line per quantity (I(X;T) solid,
 * I(T;Y) dashed, H(T) dotted) and layer (colour), with the ceilings log n and H(Y) as reference lines when
 * `probeSize` and `hY` are given. A plateau shows a parameter range where the estimate is stable; a rise to
 * log n shows saturation. Pure; O(values x series).
 *
 * @example
 * sensitivityFigure({param: 'bins', values: [10, 30, 100], ixt: [3.1, 6.2, 9.8], ity: [0.9, 0.98, 1]}).data.length; // => 2
 */
export function sensitivityFigure(data: SensitivityData): PlotlyFigure {
  const fn = 'sensitivityFigure';
  if (typeof data !== 'object' || data === null) fail('invalid_type', { fn, param: 'data', expected: 'an object {param, values, ixt?, ity?, hT?}', received: describeValue(data) });
  const { param, values, ixt, ity, hT, probeSize, hY, title, units = SENSITIVITY_DEFAULTS.units, logX = SENSITIVITY_DEFAULTS.logX } = data;
  checkOptionNames(fn, data, ['param', 'values', 'ixt', 'ity', 'hT', 'units', 'probeSize', 'hY', 'logX', 'title']);
  if (typeof param !== 'string' || param.length === 0) fail('invalid_type', { fn, param: 'param', expected: 'a non-empty string (the parameter name)', received: describeValue(param) });
  if (!Array.isArray(values) || values.length === 0) fail('invalid_type', { fn, param: 'values', expected: 'a non-empty array of numbers', received: describeValue(values) });
  values.forEach((v, i) => checkNumber(fn, `values[${i}]`, v, logX ? { min: 0, minExclusive: true } : {}));
  checkUnits(fn, units);
  checkBoolean(fn, 'logX', logX);
  if (probeSize !== undefined) checkNumber(fn, 'probeSize', probeSize, { min: 2, integer: true });
  if (hY !== undefined) checkNumber(fn, 'hY', hY, { min: 0 });
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  const given = (['ixt', 'ity', 'hT'] as Quantity[]).filter((q) => data[q] !== undefined);
  if (given.length === 0) fail('empty', { fn, param: 'ixt', expected: 'at least one of ixt, ity, hT', received: 'none' });

  // Normalize every series to [layer name, numbers].
  const layerNames: string[] = [];
  const series: { q: Quantity; layer: string; y: (number | null)[] }[] = [];
  for (const q of given) {
    const s = { ixt, ity, hT }[q] as unknown;
    const entries: [string, unknown][] = Array.isArray(s)
      ? [['', s]]
      : typeof s === 'object' && s !== null && !ArrayBuffer.isView(s)
        ? Object.entries(s)
        : fail('invalid_type', { fn, param: q, expected: 'an array of numbers or {layer: numbers}', received: describeValue(s) });
    if (entries.length === 0) fail('empty', { fn, param: q, expected: 'at least one series', received: 'an empty object' });
    for (const [layer, arr] of entries) {
      const p = layer ? `${q}.${layer}` : q;
      if (!Array.isArray(arr)) fail('invalid_type', { fn, param: p, expected: 'an array of numbers', received: describeValue(arr) });
      checkSameCount(fn, [['values', values.length], [p, arr.length]]);
      const y = arr.map((v, i) => {
        if (typeof v !== 'number' || v === Infinity || v === -Infinity) fail('invalid_type', { fn, param: `${p}[${i}]`, expected: 'a finite number or NaN (a gap)', received: describeValue(v) });
        return Number.isNaN(v) ? null : v;
      });
      if (!layerNames.includes(layer)) layerNames.push(layer);
      series.push({ q, layer, y });
    }
  }
  const traces: PlotlyTrace[] = series.map(({ q, layer, y }) => {
    const i = layerNames.indexOf(layer);
    const name = layer ? `${plotlyText(layer)}: ${QUANTITY_NAMES[q]}` : QUANTITY_NAMES[q];
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: [...values],
      y,
      line: { color: layerColor(i), dash: DASH[q], width: 2 },
      marker: { color: layerColor(i), size: 6 },
      meta: plotlyText(param),
      hovertemplate: `<b>%{fullData.name}</b><br>%{meta} = %{x}<br>%{y:.4f} ${units}<extra></extra>`,
    };
  });
  const shapes: Record<string, unknown>[] = [];
  const line = (v: number, text: string) => ({
    type: 'line',
    xref: 'x domain',
    yref: 'y',
    x0: 0,
    x1: 1,
    y0: v,
    y1: v,
    line: { color: '#666', width: 1, dash: 'dot' },
    label: { text, textposition: 'start', font: { size: 11, color: '#555' }, yanchor: 'bottom' },
  });
  const u = (v: number) => `${formatNumber(v)} ${units === 'bits' && v === 1 ? 'bit' : units}`;
  if (probeSize !== undefined && (given.includes('ixt') || given.includes('hT'))) {
    const c = units === 'bits' ? Math.log2(probeSize) : Math.log(probeSize);
    shapes.push(line(c, `${units === 'bits' ? 'log₂' : 'ln'} n = ${u(c)} (n = ${probeSize})`));
  }
  if (hY !== undefined && given.includes('ity')) shapes.push(line(hY, `H(Y) = ${u(hY)}`));
  return {
    data: traces,
    layout: {
      title: titleOf(title ?? `Sensitivity to ${param}`),
      xaxis: { title: { text: plotlyText(param) }, type: logX ? 'log' : 'linear' },
      yaxis: { title: { text: given.length === 1 ? quantityLabel(given[0], units) : `information [${units}]` }, rangemode: 'tozero' },
      shapes,
      hovermode: 'closest',
      legend: { x: 1.02, xanchor: 'left', y: 1 },
      margin: { t: 70 },
    },
  };
}
