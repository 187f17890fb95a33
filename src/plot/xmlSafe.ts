/**
 * SVG and PNG images go through XML (plotly.js serialises the figure as SVG), and XML 1.0 cannot hold most
 * control characters (NUL, ESC...), U+FFFE, U+FFFF or a lone UTF-16 surrogate: one of them in a layer or
 * estimator name makes the SVG invalid and the PNG fail. `xmlSafeFigure` writes each such character as the
 * visible text `\uXXXX` and says which names it changed, so that the caller can tell the user.
 */
import { PlotlyFigure } from './figure';

const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with every character XML 1.0 cannot hold written as `\uXXXX`. */
export function xmlSafeText(text: string): string {
  return text.replace(XML_INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A copy of `figure` whose strings XML can hold, and the distinct strings that had to change (escaped for
 * printing). The figure is returned as it is when nothing changes.
 *
 * @example
 * xmlSafeFigure({data: [{name: 'a\u0000b'}], layout: {}}).figure.data[0].name; // => 'a\\u0000b'
 */
export function xmlSafeFigure(figure: PlotlyFigure): { figure: PlotlyFigure; changed: string[] } {
  const changed = new Set<string>();
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      XML_INVALID.lastIndex = 0;
      if (!XML_INVALID.test(v)) return v;
      const safe = xmlSafeText(v);
      changed.add(safe);
      return safe;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = visit(x);
      return out;
    }
    return v;
  };
  const safe = visit(figure) as PlotlyFigure;
  XML_INVALID.lastIndex = 0;
  return changed.size ? { figure: safe, changed: [...changed] } : { figure, changed: [] };
}
