/**
 * Figures inline in tslab notebooks (Jupyter with the TypeScript kernel), and a live information plane that
 * redraws in place as training records epochs.
 *
 * What works where:
 * - JupyterLab / Notebook with tslab: `html` output runs its scripts (the notebook is trusted once you ran
 *   it), so figures are interactive. plotly.js is embedded once per kernel session (`plotly: 'once'`) in its
 *   own output; later figures reuse `window.Plotly`. Re-opening a saved notebook redraws the figures as long
 *   as the notebook is trusted and that first output is kept.
 * - Live figures: tslab's `newDisplay()` (tslab >= 1.0.14) gives one output that each `update` overwrites
 *   (Jupyter `update_display_data`), so the plane redraws in place. Without it, the first update makes the
 *   figure and each later one adds an empty output whose script redraws the first figure (Plotly.react on
 *   its stable div id).
 * - Viewers that do not run scripts (VS Code with scripts off, GitHub's notebook preview, untrusted
 *   notebooks): use `format: 'png'` (rendered by headless Chromium, see `renderFigure`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeValue, fail, InfoplaneError } from '../core/errors';
import { checkChoice, checkNumber, checkOptionNames } from '../core/validate';
import { Run } from '../run/types';
import { PlotlyFigure } from './figure';
import { figureToHtmlFragment, plotlyTag, PlotlySource } from './figureToHtml';
import { infoPlaneFigure, INFO_PLANE_KEYS, InfoPlaneOptions } from './infoPlane';
import { FigureRenderer, openRenderer } from './renderFigure';

/** The part of tslab's `Display` that infoplane uses. */
export interface DisplayLike {
  html(s: string): void;
  png?(b: Uint8Array): void;
}

/** The part of the `tslab` module that infoplane uses: `display`, and `newDisplay` when the version has it. */
export interface TslabLike {
  display: DisplayLike;
  newDisplay?: () => DisplayLike;
}

/** Where notebook HTML gets plotly.js: embedded once per session (`once`), in every output (`inline`), or from a URL. */
export type NotebookPlotly = 'once' | 'inline' | { cdn: string };

export interface ShowFigureOptions {
  /** `html` (interactive) or `png` (a picture, for viewers that do not run scripts). Defaults to `html`. */
  format?: 'html' | 'png';
  /** The tslab module (`import * as tslab from 'tslab'`). Defaults to `require('tslab')` when it loads. */
  tslab?: TslabLike;
  /** Where the HTML gets plotly.js: `once` per kernel session, `inline` in every output, or `{cdn: URL}`. Defaults to `once`. */
  plotly?: NotebookPlotly;
  /** Width of a PNG in pixels. Defaults to 900. */
  width?: number;
  /** Height of the figure in pixels. Defaults to 550. */
  height?: number;
  /** Chrome/Chromium for `png` (see `renderFigure`). Defaults to `$INFOPLANE_CHROMIUM` or /usr/bin/chromium. */
  executablePath?: string;
}

export const SHOW_FIGURE_DEFAULTS = { format: 'html' as const, plotly: 'once' as NotebookPlotly, width: 900, height: 550 };

let plotlyLoaded = false;

/** Forget that plotly.js was sent to the notebook (after a page reload, or in tests). */
export function resetNotebookPlotly(): void {
  plotlyLoaded = false;
}

/**
 * Load tslab: `require('tslab')`, else the tslab package the kernel runs from (tslab resolves `tslab` only
 * for notebook code, not for libraries it imports). Undefined when neither loads.
 */
export function loadTslab(): TslabLike | undefined {
  const candidates: string[] = ['tslab'];
  const main = require.main?.filename;
  if (main) {
    for (let dir = path.dirname(main); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg)) {
        try {
          if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'tslab') candidates.push(dir);
        } catch {
          // not a readable package.json: keep looking
        }
        break;
      }
    }
  }
  for (const c of candidates) {
    try {
      const mod = require(c) as TslabLike;
      if (mod && typeof mod.display?.html === 'function') return mod;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function resolveTslab(fn: string, tslab: unknown): TslabLike {
  if (tslab !== undefined) {
    if (typeof tslab !== 'object' || tslab === null || typeof (tslab as TslabLike).display?.html !== 'function') {
      fail('invalid_type', { fn, param: 'tslab', expected: 'the tslab module ({display: {html, png}})', received: describeValue(tslab) });
    }
    return tslab as TslabLike;
  }
  const loaded = loadTslab();
  if (!loaded) {
    fail('file_unreadable', {
      fn,
      param: 'tslab',
      expected: 'the tslab module (run in a tslab notebook, or pass {tslab} from `import * as tslab from "tslab"`)',
      received: 'a module that cannot be loaded',
      detail: 'outside notebooks write files with figureToHtml or renderFigure',
    });
  }
  return loaded;
}

function checkNotebookPlotly(fn: string, plotly: unknown): NotebookPlotly {
  if (plotly === 'once' || plotly === 'inline') return plotly;
  if (typeof plotly === 'object' && plotly !== null && typeof (plotly as { cdn?: unknown }).cdn === 'string') return plotly as { cdn: string };
  return fail('invalid_option', { fn, param: 'plotly', expected: '"once", "inline" or {cdn: "https://..."}', received: describeValue(plotly) });
}

/** Send plotly.js to the notebook in its own output if `once` asks for it; return the source figures should use. */
function prepare(display: DisplayLike, plotly: NotebookPlotly): PlotlySource {
  if (plotly === 'inline' || typeof plotly === 'object') return plotly === 'inline' ? 'inline' : plotly;
  if (!plotlyLoaded) {
    display.html(`<div class="infoplane-plotly-loader" style="display:none"></div>\n${plotlyTag('inline')}`);
    plotlyLoaded = true;
  }
  return 'none';
}

function pngDisplay(fn: string, display: DisplayLike): (b: Uint8Array) => void {
  if (typeof display.png !== 'function') {
    fail('invalid_option', { fn, param: 'format', expected: '"html" (this display has no png method)', received: '"png"' });
  }
  return (b) => display.png!(b);
}

/**
 * Show a figure in a tslab notebook cell: interactive HTML (`tslab.display.html`), or a PNG drawn by headless
 * Chromium (`tslab.display.png`) for viewers that do not run scripts. tslab is found with `require('tslab')`;
 * pass `{tslab}` (from `import * as tslab from 'tslab'`) when it is not found. Outside a notebook, throws a
 * `file_unreadable` InfoplaneError naming tslab (write files with `figureToHtml` / `renderFigure` instead).
 *
 * @example
 * await showFigure(infoPlaneFigure(run));                 // interactive
 * await showFigure(infoPlaneFigure(run), {format: 'png'}); // a picture
 */
export async function showFigure(figure: PlotlyFigure, options: ShowFigureOptions = {}): Promise<void> {
  const {
    tslab,
    executablePath,
    format = SHOW_FIGURE_DEFAULTS.format,
    plotly = SHOW_FIGURE_DEFAULTS.plotly,
    width = SHOW_FIGURE_DEFAULTS.width,
    height = SHOW_FIGURE_DEFAULTS.height,
  } = options;
  const fn = 'showFigure';
  checkOptionNames(fn, options, ['format', 'tslab', 'plotly', 'width', 'height', 'executablePath']);
  checkChoice(fn, 'format', format, ['html', 'png'] as const);
  checkNotebookPlotly(fn, plotly);
  checkNumber(fn, 'width', width, { min: 10, max: 20000, integer: true });
  checkNumber(fn, 'height', height, { min: 10, max: 20000, integer: true });
  if (typeof figure !== 'object' || figure === null || !Array.isArray(figure.data)) {
    fail('invalid_type', { fn, param: 'figure', expected: 'a Plotly figure {data, layout}', received: describeValue(figure) });
  }
  const { display } = resolveTslab(fn, tslab);
  if (format === 'png') {
    const show = pngDisplay(fn, display);
    const { renderFigure } = await import('./renderFigure');
    show(await renderFigure(figure, { format: 'png', width, height, executablePath }));
    return;
  }
  const source = prepare(display, plotly);
  display.html(figureToHtmlFragment(figure, { plotly: source, height }));
}

export interface LiveInfoPlaneOptions extends InfoPlaneOptions {
  /** `html` (interactive) or `png` (re-rendered by headless Chromium each update). Defaults to `html`. */
  format?: 'html' | 'png';
  /** The tslab module. Defaults to `require('tslab')` when it loads. */
  tslab?: TslabLike;
  /** Where the HTML gets plotly.js. Defaults to `once`. */
  plotly?: NotebookPlotly;
  /** Width of a PNG in pixels. Defaults to 900. */
  width?: number;
  /** Height of the figure in pixels. Defaults to 550. */
  height?: number;
  /** Chrome/Chromium for `png`. Defaults to `$INFOPLANE_CHROMIUM` or /usr/bin/chromium. */
  executablePath?: string;
  /** Builds the figure from the run so far. Defaults to `infoPlaneFigure` with the other options. */
  figure?: (run: Run | Run[]) => PlotlyFigure;
}

/** A figure that follows training; see `liveInfoPlane`. */
export interface LiveFigure {
  /** Redraw with the run as recorded so far. A run with no information-plane points yet is skipped. */
  update(run: Run | Run[]): Promise<void>;
  /** The last figure drawn, or undefined. */
  readonly figure: PlotlyFigure | undefined;
  /** Number of redraws so far. */
  readonly updates: number;
  /** Release the browser of `png` mode (nothing to do for `html`). */
  close(): Promise<void>;
}

let liveCount = 0;

/**
 * A live information plane for tslab notebooks: call `update(run)` after each recorded epoch (for example
 * from the recorder's epoch callback) and the figure redraws in place. With tslab's `newDisplay()` a single
 * output is overwritten each time; with an older tslab, later updates redraw the first figure through its
 * stable div id (Plotly.react) and leave empty outputs behind. `format: 'png'` re-renders a picture each update
 * (one headless Chromium kept open until `close()`). The figure options are those of `infoPlaneFigure`.
 *
 * @example
 * const live = liveInfoPlane({estimator: 'binning'});
 * // in the training loop, after each recorded epoch:
 * await live.update(sink.run());
 */
export function liveInfoPlane(options: LiveInfoPlaneOptions = {}): LiveFigure {
  const {
    tslab,
    executablePath,
    figure: build,
    format = SHOW_FIGURE_DEFAULTS.format,
    plotly = SHOW_FIGURE_DEFAULTS.plotly,
    width = SHOW_FIGURE_DEFAULTS.width,
    height = SHOW_FIGURE_DEFAULTS.height,
    ...planeOptions
  } = options;
  const fn = 'liveInfoPlane';
  checkChoice(fn, 'format', format, ['html', 'png'] as const);
  checkNotebookPlotly(fn, plotly);
  checkNumber(fn, 'width', width, { min: 10, max: 20000, integer: true });
  checkNumber(fn, 'height', height, { min: 10, max: 20000, integer: true });
  if (build !== undefined && typeof build !== 'function') fail('invalid_type', { fn, param: 'figure', expected: 'a function (run) => figure', received: describeValue(build) });
  const mod = resolveTslab(fn, tslab);
  const makeFigure = build ?? ((run: Run | Run[]) => infoPlaneFigure(run, planeOptions));
  if (!build) {
    // Check the figure options now rather than at the first epoch (an unknown option fails the same way).
    checkOptionNames('infoPlaneFigure', planeOptions, INFO_PLANE_KEYS);
  }
  const divId = `infoplane-live-${process.pid}-${++liveCount}`;
  let target: DisplayLike | undefined;
  let replaces = false;
  let renderer: FigureRenderer | undefined;
  let last: PlotlyFigure | undefined;
  let count = 0;
  const live: LiveFigure = {
    get figure() {
      return last;
    },
    get updates() {
      return count;
    },
    async update(run) {
      let fig: PlotlyFigure;
      try {
        fig = makeFigure(run);
      } catch (e) {
        if (e instanceof InfoplaneError && e.code === 'empty') return; // nothing recorded yet
        throw e;
      }
      if (target === undefined) {
        replaces = typeof mod.newDisplay === 'function';
        target = replaces ? mod.newDisplay!() : mod.display;
      }
      if (format === 'png') {
        const show = pngDisplay(fn, replaces ? target : mod.display);
        renderer ??= await openRenderer({ executablePath });
        show(await renderer.render(fig, { format: 'png', width, height }));
      } else {
        const source = prepare(mod.display, plotly);
        // Only the first output carries the div (and plotly.js when inline); with newDisplay each output replaces it.
        const first = count === 0 || replaces;
        target.html(figureToHtmlFragment(fig, { divId, plotly: first ? source : 'none', height, includeDiv: first }));
      }
      last = fig;
      count++;
    },
    async close() {
      if (renderer) await renderer.close();
      renderer = undefined;
    },
  };
  return live;
}
