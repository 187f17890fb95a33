/**
 * Standalone HTML for a Plotly figure. By default the minified plotly.js (read from the installed
 * `plotly.js-dist-min` package, about 4.6 MB) is embedded, so the file works offline. Like Python Plotly's
 * `include_plotlyjs`, `plotlyjs: 'cdn'` loads it from the plotly CDN instead and `plotlyjs: 'directory'` from a
 * `plotly.min.js` beside the page (one shared copy for many figures; `writeFigureHtml` puts it there).
 * Every user-supplied string is escaped: the page title as HTML text, the figure as JSON that cannot end the
 * <script> element it sits in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeValue, fail } from '../core/errors';
import { checkNumber, checkOptionNames } from '../core/validate';
import { PlotlyFigure } from './figure';

/** Where the page gets plotly.js from: embedded (`inline`, offline), nowhere (`none`: already on the page), a URL, or a file beside the page. */
export type PlotlySource = 'inline' | 'none' | { cdn: string } | { src: string };

/** Where a standalone page gets plotly.js (as Python Plotly's `include_plotlyjs`). */
export type PlotlyJsMode = 'inline' | 'cdn' | 'directory' | { cdn: string };

/** File name of the shared bundle that `plotlyjs: 'directory'` pages load from their own folder. */
export const PLOTLY_BUNDLE_NAME = 'plotly.min.js';

export interface FigureHtmlOptions {
  /** Page title, shown as typed (HTML-escaped). Defaults to the figure's title, else `infoplane figure`. */
  title?: string;
  /**
   * Where plotly.js comes from: `inline` (embedded, works offline, about 4.7 MB), `cdn` (the plotly CDN, the
   * version installed here; needs the network), `directory` (`plotly.min.js` in the page's folder: see
   * `writeFigureHtml`), or `{cdn: URL}`. Defaults to `inline`.
   */
  plotlyjs?: PlotlyJsMode;
  /** Width of the figure in pixels. Defaults to the width of the window. */
  width?: number;
  /** Height of the figure in pixels. Defaults to the height of the window. */
  height?: number;
  /** id of the figure's <div>: letters, digits, `-` and `_`, starting with a letter. Defaults to `infoplane-figure`. */
  divId?: string;
}

export const FIGURE_HTML_DEFAULTS = { plotlyjs: 'inline' as const, divId: 'infoplane-figure' };

let plotlyCache: string | undefined;

function missingPlotly(detail?: string): never {
  return fail('file_unreadable', {
    fn: 'figureToHtml',
    param: 'plotly.js-dist-min',
    expected: 'an installed package (npm install plotly.js-dist-min)',
    received: 'a package that cannot be found',
    detail,
  });
}

/** Path of the minified plotly.js bundle (`plotly.min.js` of the installed `plotly.js-dist-min`). */
export function plotlyPath(): string {
  let manifest: string;
  try {
    manifest = require.resolve('plotly.js-dist-min/package.json');
  } catch {
    missingPlotly();
  }
  const file = path.join(path.dirname(manifest), PLOTLY_BUNDLE_NAME);
  if (!fs.existsSync(file)) missingPlotly(`no ${PLOTLY_BUNDLE_NAME} in ${path.dirname(manifest)}`);
  return file;
}

/** Version of the installed plotly.js bundle (the CDN page loads the same version). */
export function plotlyVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(path.dirname(plotlyPath()), 'package.json'), 'utf8')) as { version: string }).version;
  } catch (e) {
    return missingPlotly((e as Error).message);
  }
}

/** URL of the installed plotly.js version on the plotly CDN. */
export function plotlyCdnUrl(): string {
  return `https://cdn.plot.ly/plotly-${plotlyVersion()}.min.js`;
}

/** The plotly.js source, read once, made safe to sit inside a <script> element. */
export function plotlySource(): string {
  if (plotlyCache === undefined) {
    const file = plotlyPath();
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      fail('file_unreadable', { fn: 'figureToHtml', param: 'plotly.js-dist-min', expected: 'a readable plotly.js bundle', received: describeValue(file), detail: (e as Error).message });
    }
    // Neither sequence occurs in plotly.js 3.7; escaping them keeps any version from closing the element.
    plotlyCache = text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  }
  return plotlyCache;
}

const JSON_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON that is safe inside an HTML <script> element: `<`, `>`, `&`, U+2028 and U+2029 are written as \u
 * escapes, so no string in it can close the element or open a comment. Non-finite numbers become null.
 *
 * @example
 * scriptJson({name: '</script>'}); // => '{"name":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c]);
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text of a Plotly title (its pseudo-HTML tags dropped, its entities decoded). */
function titleText(figure: PlotlyFigure): string | undefined {
  const t = figure.layout?.title;
  const text = typeof t === 'string' ? t : typeof t === 'object' && t !== null ? (t as { text?: unknown }).text : undefined;
  if (typeof text !== 'string' || text.length === 0) return undefined;
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function checkFigure(fn: string, figure: unknown): PlotlyFigure {
  if (typeof figure !== 'object' || figure === null || !Array.isArray((figure as PlotlyFigure).data)) {
    fail('invalid_type', { fn, param: 'figure', expected: 'a Plotly figure {data, layout}', received: describeValue(figure) });
  }
  return figure as PlotlyFigure;
}

function checkDivId(fn: string, divId: unknown): string {
  if (typeof divId !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(divId)) {
    fail('invalid_type', { fn, param: 'divId', expected: 'letters, digits, - and _, starting with a letter', received: describeValue(divId) });
  }
  return divId;
}

function checkPlotly(fn: string, plotly: unknown, allowNone: boolean): PlotlySource {
  if (plotly === 'inline' || (allowNone && plotly === 'none')) return plotly;
  if (isCdn(plotly)) return plotly;
  return fail('invalid_option', {
    fn,
    param: 'plotly',
    expected: `"inline"${allowNone ? ', "none"' : ''} or {cdn: "https://..."}`,
    received: describeValue(plotly),
  });
}

function isCdn(v: unknown): v is { cdn: string } {
  return typeof v === 'object' && v !== null && typeof (v as { cdn?: unknown }).cdn === 'string' && /^(https?:)?\/\//.test((v as { cdn: string }).cdn);
}

/** The source a standalone page loads plotly.js from, for `plotlyjs` (checked). */
export function plotlyJsSource(fn: string, plotlyjs: unknown): PlotlySource {
  if (plotlyjs === 'inline') return 'inline';
  if (plotlyjs === 'cdn') return { cdn: plotlyCdnUrl() };
  if (plotlyjs === 'directory') return { src: PLOTLY_BUNDLE_NAME };
  if (isCdn(plotlyjs)) return plotlyjs;
  return fail('invalid_option', { fn, param: 'plotlyjs', expected: '"inline", "cdn", "directory" or {cdn: "https://..."}', received: describeValue(plotlyjs) });
}

/** The <script> element that loads plotly.js from `source` ('' for `none`). */
export function plotlyTag(source: PlotlySource): string {
  if (source === 'none') return '';
  if (source === 'inline') return `<script>${plotlySource()}</script>\n`;
  if ('src' in source) return `<script src="${escapeHtml(source.src)}" charset="utf-8"></script>\n`;
  return `<script src="${escapeHtml(source.cdn)}" charset="utf-8"></script>\n`;
}

/** The script that draws `figure` into the div `divId` once plotly.js is there (Plotly.react: redraws in place). */
function drawScript(figure: PlotlyFigure, divId: string): string {
  const fig = {
    data: figure.data,
    layout: figure.layout ?? {},
    frames: figure.frames ?? [],
    config: { responsive: true, displaylogo: false, ...(figure.config ?? {}) },
  };
  return `<script>
(function () {
  var figure = ${scriptJson(fig)};
  var tries = 0;
  function draw() {
    var gd = document.getElementById(${scriptJson(divId)});
    if (!window.Plotly || !gd) {
      if (++tries < 600) return setTimeout(draw, 50);
      if (gd) gd.textContent = 'plotly.js did not load: this figure cannot be drawn.';
      return;
    }
    window.Plotly.react(gd, figure).then(function () {
      window.__infoplaneReady = true;
    }, function (e) {
      window.__infoplaneError = String(e);
    });
  }
  draw();
})();
</script>`;
}

/**
 * A standalone HTML page that shows `figure`. By default it embeds the minified plotly.js (about 4.7 MB, read
 * from the installed `plotly.js-dist-min`), so it opens offline in any browser. `plotlyjs: 'cdn'` writes a
 * small page that loads the same plotly.js version from the plotly CDN; `plotlyjs: 'directory'` one that loads
 * `plotly.min.js` from its own folder (use `writeFigureHtml`, which puts the bundle there once for many
 * figures). The title is HTML-escaped and the figure JSON is written with `<`, `>`, `&`, U+2028 and U+2029
 * escaped, so a layer named `<script>alert(1)</script>` stays text. Cost O(size of the figure) plus the
 * embedded library.
 *
 * @example
 * fs.writeFileSync('plane.html', figureToHtml(infoPlaneFigure(run), {title: 'tanh, 12 bits'}));
 */
export function figureToHtml(figure: PlotlyFigure, options: FigureHtmlOptions = {}): string {
  const { title, width, height, plotlyjs = FIGURE_HTML_DEFAULTS.plotlyjs, divId = FIGURE_HTML_DEFAULTS.divId } = options;
  const fn = 'figureToHtml';
  checkOptionNames(fn, options, ['title', 'plotlyjs', 'width', 'height', 'divId']);
  checkFigure(fn, figure);
  if (title !== undefined && typeof title !== 'string') fail('invalid_type', { fn, param: 'title', expected: 'a string', received: describeValue(title) });
  if (width !== undefined) checkNumber(fn, 'width', width, { min: 10, max: 20000, integer: true });
  if (height !== undefined) checkNumber(fn, 'height', height, { min: 10, max: 20000, integer: true });
  const source = plotlyJsSource(fn, plotlyjs);
  const id = checkDivId(fn, divId);
  const pageTitle = title ?? titleText(figure) ?? 'infoplane figure';
  const size = `width:${width !== undefined ? `${width}px` : '100%'};height:${height !== undefined ? `${height}px` : '100vh'}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="infoplane">
<title>${escapeHtml(pageTitle)}</title>
<style>html, body { margin: 0; padding: 0; background: #fff; } #${id} { ${size}; }</style>
</head>
<body>
<div id="${id}" class="infoplane-figure" role="img" aria-label="${escapeHtml(pageTitle)}"></div>
<noscript>This figure (${escapeHtml(pageTitle)}) needs JavaScript.</noscript>
${plotlyTag(source)}${drawScript(figure, id)}
</body>
</html>
`;
}

export interface WrittenFigureHtml {
  /** The HTML file written. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** With `plotlyjs: 'directory'`: the shared `plotly.min.js` beside it (copied only when missing or different). */
  bundle?: string;
}

/**
 * Write `figureToHtml(figure, options)` to `file`. With `plotlyjs: 'directory'` it also makes sure the folder
 * of `file` holds `plotly.min.js` (copied from the installed `plotly.js-dist-min` when missing or of another
 * size), so many small figures share one copy of the library and the folder works offline.
 *
 * @example
 * writeFigureHtml('figures/plane.html', infoPlaneFigure(run), {plotlyjs: 'directory'}); // plane.html ~100 KB + figures/plotly.min.js
 */
export function writeFigureHtml(file: string, figure: PlotlyFigure, options: FigureHtmlOptions = {}): WrittenFigureHtml {
  const fn = 'writeFigureHtml';
  if (typeof file !== 'string' || file.length === 0) fail('invalid_type', { fn, param: 'file', expected: 'a file path', received: describeValue(file) });
  const html = figureToHtml(figure, options);
  const written: WrittenFigureHtml = { file, bytes: Buffer.byteLength(html, 'utf8') };
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (options.plotlyjs === 'directory') {
      const bundle = path.join(dir, PLOTLY_BUNDLE_NAME);
      const source = plotlyPath();
      const present = fs.existsSync(bundle) && fs.statSync(bundle).size === fs.statSync(source).size;
      if (!present) fs.copyFileSync(source, bundle);
      written.bundle = bundle;
    }
    fs.writeFileSync(file, html);
  } catch (e) {
    fail('file_unreadable', { fn, param: 'file', expected: 'a writable file path', received: describeValue(file), detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  return written;
}

export interface FigureFragmentOptions {
  /** id of the figure's <div>; the same id redraws the same figure in place. Defaults to a fresh id. */
  divId?: string;
  /** `inline` embeds plotly.js, `none` expects it on the page already, `{cdn: URL}` loads it. Defaults to `inline`. */
  plotly?: PlotlySource;
  /** Height of the figure in pixels. Defaults to 500. */
  height?: number;
  /** Write the <div>; false gives only the script that redraws an existing div with that id. Defaults to true. */
  includeDiv?: boolean;
}

let fragmentCount = 0;

/**
 * An HTML fragment (a <div> and a <script>, no <html>) that draws `figure`, for notebook outputs. With the
 * same `divId` it redraws an existing figure in place (Plotly.react). Escaping as in `figureToHtml`.
 *
 * @example
 * tslab.display.html(figureToHtmlFragment(fig, {plotly: 'inline'}));
 */
export function figureToHtmlFragment(figure: PlotlyFigure, options: FigureFragmentOptions = {}): string {
  const { divId, plotly = 'inline', height = 500, includeDiv = true } = options;
  const fn = 'figureToHtmlFragment';
  checkOptionNames(fn, options, ['divId', 'plotly', 'height', 'includeDiv']);
  checkFigure(fn, figure);
  const source = checkPlotly(fn, plotly, true);
  checkNumber(fn, 'height', height, { min: 10, max: 20000, integer: true });
  const id = divId === undefined ? `infoplane-${process.pid}-${++fragmentCount}` : checkDivId(fn, divId);
  const div = includeDiv ? `<div id="${id}" class="infoplane-figure" style="width:100%;height:${height}px"></div>\n` : '';
  return `${div}${plotlyTag(source)}${drawScript(figure, id)}\n`;
}
