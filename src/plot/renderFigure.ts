/**
 * PNG and SVG images of a Plotly figure, drawn by plotly.js in headless Chromium (through playwright-core,
 * which drives an installed Chrome/Chromium and downloads nothing). The page is the offline HTML of
 * `figureToHtml`; the image comes from `Plotly.toImage`. Network requests from the page are refused.
 */
import * as fs from 'fs';
import type { Browser } from 'playwright-core';
import { describeValue, fail, InfoplaneError } from '../core/errors';
import { checkChoice, checkNumber, checkOptionNames } from '../core/validate';
import { PlotlyFigure } from './figure';
import { figureToHtml } from './figureToHtml';

/** Image formats `renderFigure` writes. */
export type ImageFormat = 'png' | 'svg';

export interface RenderOptions {
  /** `png` or `svg`. Defaults to `png`. */
  format?: ImageFormat;
  /** Image width in CSS pixels. Defaults to 900. */
  width?: number;
  /** Image height in CSS pixels. Defaults to 600. */
  height?: number;
  /** Pixel ratio of a PNG (2 for a sharp image on high-density screens). Defaults to 1. */
  scale?: number;
  /** Milliseconds to wait for the page to load and the figure to draw. Defaults to 30000. */
  timeout?: number;
}

export const RENDER_DEFAULTS = { format: 'png' as ImageFormat, width: 900, height: 600, scale: 1, timeout: 30000 };

export interface RendererOptions {
  /** Chrome/Chromium executable. Defaults to `$INFOPLANE_CHROMIUM`, else the first of /usr/bin/chromium, chromium-browser, google-chrome that exists. */
  executablePath?: string;
  /** Milliseconds to wait for the browser to start. Defaults to 30000. */
  timeout?: number;
}

/** Flags Chromium runs with: headless, no sandbox (containers, root), and no background network traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

const INSTALL_HINT = 'install it with apt-get install -y chromium, or set INFOPLANE_CHROMIUM to a Chrome/Chromium executable';

function missingChromium(fn: string, received: string, detail: string): never {
  fail('file_unreadable', { fn, param: 'chromium', expected: `a Chrome/Chromium executable (${INSTALL_HINT})`, received, detail });
}

/**
 * The Chrome/Chromium executable renderFigure uses: `explicit`, else `$INFOPLANE_CHROMIUM`, else the first
 * that exists of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome(-stable); undefined
 * when none is found.
 */
export function findChromium(explicit?: string): string | undefined {
  if (explicit !== undefined) return explicit;
  const env = process.env.INFOPLANE_CHROMIUM;
  if (env) return env;
  return CANDIDATES.find((c) => fs.existsSync(c));
}

/** A started headless browser that renders figures one after the other; close it when done. */
export interface FigureRenderer {
  /** The figure as a PNG or SVG image. */
  render(figure: PlotlyFigure, options?: RenderOptions): Promise<Buffer>;
  /** Stop the browser. */
  close(): Promise<void>;
}

/**
 * Start headless Chromium once to render several figures (the live notebook figure re-renders each epoch).
 * Throws a `file_unreadable` InfoplaneError that says how to install Chromium when none is found.
 *
 * @example
 * const r = await openRenderer();
 * try { fs.writeFileSync('a.png', await r.render(figA)); fs.writeFileSync('b.svg', await r.render(figB, {format: 'svg'})); }
 * finally { await r.close(); }
 */
export async function openRenderer(options: RendererOptions = {}): Promise<FigureRenderer> {
  return openRendererAs('openRenderer', options);
}

async function openRendererAs(fn: string, options: RendererOptions): Promise<FigureRenderer> {
  const { executablePath, timeout = RENDER_DEFAULTS.timeout } = options;
  checkOptionNames(fn, options, ['executablePath', 'timeout']);
  if (executablePath !== undefined && (typeof executablePath !== 'string' || executablePath.length === 0)) {
    fail('invalid_type', { fn, param: 'executablePath', expected: 'a path to a Chrome/Chromium executable', received: describeValue(executablePath) });
  }
  checkNumber(fn, 'timeout', timeout, { min: 1, integer: true });
  const browser = await launch(fn, executablePath, timeout);
  return {
    render: (figure, renderOptions = {}) => renderWith(browser, figure, renderOptions),
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

async function launch(fn: string, executablePath: string | undefined, timeout: number): Promise<Browser> {
  const exe = findChromium(executablePath);
  if (exe === undefined) missingChromium(fn, 'none found', `looked for $INFOPLANE_CHROMIUM and ${CANDIDATES.join(', ')}`);
  if (!fs.existsSync(exe)) missingChromium(fn, describeValue(exe), 'no such file');
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('file_unreadable', { fn, param: 'playwright-core', expected: 'an installed package (npm install playwright-core)', received: 'a package that cannot be found' });
  }
  try {
    return await chromium.launch({ executablePath: exe, args: [...CHROMIUM_ARGS], headless: true, timeout });
  } catch (e) {
    const first = String((e as Error).message ?? e).split('\n').find((l) => l.trim().length > 0) ?? 'it did not start';
    missingChromium(fn, describeValue(exe), `it did not start: ${first.trim()}`);
  }
}

async function renderWith(browser: Browser, figure: PlotlyFigure, options: RenderOptions): Promise<Buffer> {
  const {
    format = RENDER_DEFAULTS.format,
    width = RENDER_DEFAULTS.width,
    height = RENDER_DEFAULTS.height,
    scale = RENDER_DEFAULTS.scale,
    timeout = RENDER_DEFAULTS.timeout,
  } = options;
  const fn = 'renderFigure';
  checkOptionNames(fn, options, ['format', 'width', 'height', 'scale', 'timeout']);
  checkChoice(fn, 'format', format, ['png', 'svg'] as const);
  checkNumber(fn, 'width', width, { min: 10, max: 20000, integer: true });
  checkNumber(fn, 'height', height, { min: 10, max: 20000, integer: true });
  checkNumber(fn, 'scale', scale, { min: 0.1, max: 10 });
  checkNumber(fn, 'timeout', timeout, { min: 1, integer: true });
  const divId = 'infoplane-figure';
  const html = figureToHtml(figure, { width, height, divId, title: 'infoplane render' });
  const page = await browser.newPage({ viewport: { width, height } });
  try {
    await page.route(/^(https?|wss?|ftp):/i, (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout });
    const state = await page.waitForFunction(
      () => {
        const w = globalThis as unknown as { __infoplaneReady?: boolean; __infoplaneError?: string };
        return w.__infoplaneReady ? 'ready' : w.__infoplaneError !== undefined ? `error: ${w.__infoplaneError}` : false;
      },
      undefined,
      { timeout },
    );
    const status = await state.jsonValue();
    if (status !== 'ready') {
      fail('file_malformed', { fn, param: 'figure', expected: 'a figure plotly.js can draw', received: 'a figure it rejected', detail: String(status) });
    }
    const url = await page.evaluate(
      (args) => {
        const g = globalThis as unknown as {
          Plotly: { toImage(gd: unknown, o: object): Promise<string> };
          document: { getElementById(id: string): unknown };
        };
        return g.Plotly.toImage(g.document.getElementById(args.divId), { format: args.format, width: args.width, height: args.height, scale: args.scale });
      },
      { divId, format, width, height, scale },
    );
    return decodeDataUrl(url);
  } catch (e) {
    if (e instanceof InfoplaneError) throw e;
    const first = String((e as Error).message ?? e).split('\n')[0];
    return fail('file_malformed', { fn, param: 'figure', expected: `a figure drawn within ${timeout} ms`, received: 'a failure while drawing', detail: first });
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Bytes of a `data:` URL (base64 or percent-encoded). */
export function decodeDataUrl(url: string): Buffer {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) {
    fail('file_malformed', { fn: 'renderFigure', param: 'image', expected: 'a data: URL from Plotly.toImage', received: describeValue(url.slice(0, 40)) });
  }
  const meta = url.slice(5, comma);
  const body = url.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'utf8');
}

/**
 * The figure as a PNG or SVG image (bytes), drawn by plotly.js in headless Chromium: the page is
 * `figureToHtml(figure)` (plotly.js embedded, no network), the image is `Plotly.toImage`. Starts and stops a
 * browser each call (about a second); use `openRenderer` to render many. Needs Chrome/Chromium: when it is
 * missing, throws a `file_unreadable` InfoplaneError saying "apt-get install -y chromium, or set
 * INFOPLANE_CHROMIUM to a Chrome/Chromium executable".
 *
 * @example
 * fs.writeFileSync('plane.png', await renderFigure(infoPlaneFigure(run), {format: 'png', width: 900, height: 600}));
 */
export async function renderFigure(figure: PlotlyFigure, options: RenderOptions & { executablePath?: string } = {}): Promise<Buffer> {
  const { executablePath, ...render } = options;
  checkOptionNames('renderFigure', options, ['format', 'width', 'height', 'scale', 'timeout', 'executablePath']);
  const renderer = await openRendererAs('renderFigure', { executablePath, timeout: render.timeout ?? RENDER_DEFAULTS.timeout });
  try {
    return await renderer.render(figure, render);
  } finally {
    await renderer.close();
  }
}
