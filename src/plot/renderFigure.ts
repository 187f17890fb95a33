/**
 * PNG and SVG images of a Plotly figure, drawn by plotly.js in headless Chromium (through playwright-core, an
 * optional peer dependency that drives an installed Chrome/Chromium and downloads nothing). A renderer keeps
 * one page with plotly.js loaded (from the installed bundle, offline) and draws each figure with
 * `Plotly.toImage`, whose promise resolves once plotly.js has drawn it: no fixed delays, and no reloading of
 * the 4.6 MB library per figure. `renderFigure` shares one such renderer per process (it closes itself when
 * idle). Network requests from the page are refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { BrowserContext, Page } from 'playwright-core';
import { describeValue, fail, InfoplaneError } from '../core/errors';
import { checkChoice, checkNumber, checkOptionNames } from '../core/validate';
import { PlotlyFigure } from './figure';
import { plotlyPath, plotlyVersion } from './figureToHtml';

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

export const RENDER_DEFAULTS = { format: 'png' as ImageFormat, width: 900, height: 600, scale: 1, timeout: 30000, keepAlive: 2000 };

export interface RendererOptions {
  /** Chrome/Chromium executable. Defaults to `$INFOPLANE_CHROMIUM`, else the first of /usr/bin/chromium, chromium-browser, google-chrome that exists. */
  executablePath?: string;
  /** Milliseconds to wait for the browser to start. Defaults to 30000. */
  timeout?: number;
}

/** How long the last figure took (see `FigureRenderer.timing`). */
export interface RenderTiming {
  /** Milliseconds spent starting the browser and loading plotly.js for this figure (0 when the renderer was warm). */
  startMs: number;
  /** Milliseconds plotly.js took to draw and export the figure. */
  drawMs: number;
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
  /** Timing of the last figure rendered (undefined before the first). */
  readonly timing: RenderTiming | undefined;
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

/** The page every figure is drawn in: plotly.js loaded once, nothing else. */
const RENDER_PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff"></body></html>';

async function openRendererAs(fn: string, options: RendererOptions): Promise<FigureRenderer> {
  const { executablePath, timeout = RENDER_DEFAULTS.timeout } = options;
  checkOptionNames(fn, options, ['executablePath', 'timeout']);
  if (executablePath !== undefined && (typeof executablePath !== 'string' || executablePath.length === 0)) {
    fail('invalid_type', { fn, param: 'executablePath', expected: 'a path to a Chrome/Chromium executable', received: describeValue(executablePath) });
  }
  checkNumber(fn, 'timeout', timeout, { min: 1, integer: true });
  const started = performance.now();
  // plotly.js comes from a server of this process on the loopback interface, with a year's cache lifetime, into
  // a browser profile kept between processes: Chromium then keeps V8's compiled code of plotly.js, and a cold
  // start loads it in well under a second instead of about two (measured on 2 shared cores).
  const server = await servePlotly(fn);
  const session = await launch(fn, executablePath, timeout, server.origin);
  let page: Page;
  try {
    page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(`${server.origin}/`, { waitUntil: 'load', timeout });
    await page.waitForFunction(() => typeof (globalThis as unknown as { Plotly?: unknown }).Plotly === 'object', undefined, { timeout });
  } catch (e) {
    await session.close();
    server.close();
    if (e instanceof InfoplaneError) throw e;
    return fail('file_unreadable', { fn, param: 'plotly.js-dist-min', expected: `plotly.js loaded in Chromium within ${timeout} ms`, received: 'a failure', detail: String((e as Error).message ?? e).split('\n')[0] });
  }
  let startMs = performance.now() - started;
  let timing: RenderTiming | undefined;
  // One figure at a time: the page is shared, and Chromium draws one at a time anyway.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    render(figure, renderOptions = {}) {
      const job = queue.then(async () => {
        const t0 = performance.now();
        const bytes = await renderWith(page, figure, renderOptions);
        timing = { startMs, drawMs: performance.now() - t0 };
        startMs = 0;
        return bytes;
      });
      queue = job.catch(() => undefined);
      return job;
    },
    get timing() {
      return timing;
    },
    close: async () => {
      await session.close();
      server.close();
    },
  };
}

interface PlotlyServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  close(): void;
}

/** Loopback port of the plotly.js server: one per user, so that the browser profile's cache entries match. */
const PREFERRED_PORT = 41_000 + ((typeof process.getuid === 'function' ? process.getuid() : 0) % 1000);

/** Serve the render page and plotly.js (immutable: its URL names its version) on 127.0.0.1, nothing else. */
async function servePlotly(fn: string): Promise<PlotlyServer> {
  const bundle = `/plotly-${plotlyVersion()}.min.js`;
  const source = fs.readFileSync(plotlyPath());
  const page = RENDER_PAGE.replace('</body>', `<script src="${bundle}"></script></body>`);
  const server = http.createServer((req, res) => {
    if (req.url === bundle) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
      res.end(source);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    // The same port each time (Chromium's cache is keyed by URL, port included); taken (another process is
    // rendering, and holds the shared profile too): any free port, and a cold start.
    await listen(PREFERRED_PORT).catch(() => listen(0));
  } catch (e) {
    fail('file_unreadable', { fn, param: 'chromium', expected: 'a loopback port to serve plotly.js to Chromium', received: 'none', detail: (e as Error).message });
  }
  server.unref(); // the browser keeps the process alive while it is open, not this server
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The browser profile kept between processes (it holds V8's code cache of plotly.js). */
function sharedProfile(): string {
  const user = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `infoplane-chromium-profile-${user}`);
}

async function launch(fn: string, executablePath: string | undefined, timeout: number, origin: string): Promise<BrowserSession> {
  const exe = findChromium(executablePath);
  if (exe === undefined) missingChromium(fn, 'none found', `looked for $INFOPLANE_CHROMIUM and ${CANDIDATES.join(', ')}`);
  if (!fs.existsSync(exe)) missingChromium(fn, describeValue(exe), 'no such file');
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('file_unreadable', {
      fn,
      param: 'playwright-core',
      expected: 'an installed package: npm install playwright-core (an optional peer dependency of infoplane for PNG/SVG; it drives the installed Chromium and downloads no browser)',
      received: 'a package that cannot be found',
    });
  }
  // Every request except to our own server goes to a proxy that does not exist: the page reaches no network.
  const args = [...CHROMIUM_ARGS, '--proxy-server=http://127.0.0.1:9', `--proxy-bypass-list=<-loopback>;${origin.replace(/^http:\/\//, '')}`];
  const start = (profile: string) => chromium.launchPersistentContext(profile, { executablePath: exe, args, headless: true, timeout });
  let error: unknown;
  try {
    const context = await start(sharedProfile());
    return { context, close: () => context.close().catch(() => undefined) };
  } catch (e) {
    error = e; // the shared profile is in use by another process (or unusable): use a fresh one
  }
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-chromium-'));
  try {
    const context = await start(fresh);
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        fs.rmSync(fresh, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(fresh, { recursive: true, force: true });
    const first = String((e as Error).message ?? e ?? error).split('\n').find((l) => l.trim().length > 0) ?? 'it did not start';
    missingChromium(fn, describeValue(exe), `it did not start: ${first.trim()}`);
  }
}

async function renderWith(page: Page, figure: PlotlyFigure, options: RenderOptions): Promise<Buffer> {
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
  if (typeof figure !== 'object' || figure === null || !Array.isArray(figure.data)) {
    fail('invalid_type', { fn, param: 'figure', expected: 'a Plotly figure {data, layout}', received: describeValue(figure) });
  }
  // JSON drops non-finite numbers to null, as plotly.js expects for gaps.
  const json = JSON.stringify({ data: figure.data, layout: figure.layout ?? {}, config: figure.config ?? {} });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no image after ${timeout} ms`)), timeout);
  });
  try {
    const result = await Promise.race([
      page.evaluate(
        async (args) => {
          const g = globalThis as unknown as { Plotly: { toImage(fig: unknown, o: object): Promise<string> } };
          try {
            // toImage draws the figure in a detached div and resolves once plotly.js has finished drawing it.
            return { url: await g.Plotly.toImage(JSON.parse(args.json), { format: args.format, width: args.width, height: args.height, scale: args.scale }) };
          } catch (e) {
            return { error: String(e) };
          }
        },
        { json, format, width, height, scale },
      ),
      expired,
    ]);
    if ('error' in result) {
      fail('file_malformed', { fn, param: 'figure', expected: 'a figure plotly.js can draw', received: 'a figure it rejected', detail: String(result.error) });
    }
    return decodeDataUrl(result.url as string);
  } catch (e) {
    if (e instanceof InfoplaneError) throw e;
    const first = String((e as Error).message ?? e).split('\n')[0];
    return fail('file_malformed', { fn, param: 'figure', expected: `a figure drawn within ${timeout} ms`, received: 'a failure while drawing', detail: first });
  } finally {
    clearTimeout(timer);
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

interface Shared {
  key: string;
  renderer: Promise<FigureRenderer>;
  idle?: NodeJS.Timeout;
  busy: number;
}

let shared: Shared | undefined;

/** The process-wide renderer for `executablePath`, started on first use. */
function sharedRenderer(executablePath: string | undefined, timeout: number): Shared {
  const key = findChromium(executablePath) ?? '';
  if (shared && shared.key !== key) void closeSharedRenderer();
  if (!shared) {
    const entry: Shared = { key, busy: 0, renderer: openRendererAs('renderFigure', { executablePath, timeout }) };
    // A renderer that failed to start is not kept: the next call tries again (and reports the error again).
    entry.renderer.catch(() => {
      if (shared === entry) shared = undefined;
    });
    shared = entry;
  }
  return shared;
}

/**
 * Close the browser that `renderFigure` keeps between calls (it also closes itself after
 * `RENDER_DEFAULTS.keepAlive` ms without a figure). Commands call this when done so that the process exits at once.
 */
export async function closeSharedRenderer(): Promise<void> {
  const entry = shared;
  shared = undefined;
  if (!entry) return;
  clearTimeout(entry.idle);
  await entry.renderer.then((r) => r.close()).catch(() => undefined);
}

/** Timing of the last figure `renderFigure` drew (undefined before the first). */
export function lastRenderTiming(): RenderTiming | undefined {
  return lastTiming;
}

let lastTiming: RenderTiming | undefined;

/**
 * The figure as a PNG or SVG image (bytes), drawn by plotly.js in headless Chromium with `Plotly.toImage`
 * (plotly.js from the installed bundle, no network). The first call starts a browser (a few seconds); later
 * calls in the same process reuse it (well under a second a figure), and it closes itself after
 * `RENDER_DEFAULTS.keepAlive` ms without a figure (or at `closeSharedRenderer()`). `lastRenderTiming()` says
 * how long the last figure took. Needs Chrome/Chromium: when it is missing, throws a `file_unreadable`
 * InfoplaneError saying "apt-get install -y chromium, or set INFOPLANE_CHROMIUM to a Chrome/Chromium
 * executable"; needs the optional peer `playwright-core` (the error says so when it is missing).
 *
 * @example
 * fs.writeFileSync('plane.png', await renderFigure(infoPlaneFigure(run), {format: 'png', width: 900, height: 600}));
 */
export async function renderFigure(figure: PlotlyFigure, options: RenderOptions & { executablePath?: string } = {}): Promise<Buffer> {
  const { executablePath, ...render } = options;
  checkOptionNames('renderFigure', options, ['format', 'width', 'height', 'scale', 'timeout', 'executablePath']);
  if (executablePath !== undefined && (typeof executablePath !== 'string' || executablePath.length === 0)) {
    fail('invalid_type', { fn: 'renderFigure', param: 'executablePath', expected: 'a path to a Chrome/Chromium executable', received: describeValue(executablePath) });
  }
  const entry = sharedRenderer(executablePath, render.timeout ?? RENDER_DEFAULTS.timeout);
  clearTimeout(entry.idle);
  entry.busy++;
  try {
    const renderer = await entry.renderer;
    const bytes = await renderer.render(figure, render);
    lastTiming = renderer.timing;
    return bytes;
  } finally {
    entry.busy--;
    if (entry.busy === 0 && shared === entry) {
      entry.idle = setTimeout(() => {
        if (shared === entry && entry.busy === 0) void closeSharedRenderer();
      }, RENDER_DEFAULTS.keepAlive);
      // The open browser keeps the process alive until this fires; an exiting process takes the browser along.
      entry.idle.unref();
    }
  }
}
