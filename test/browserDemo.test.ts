/**
 * End to end, in headless Chromium: the demo page (examples/browser/index.html) loaded from the server of
 * `infoplane serve` trains the 12-bit network for a few epochs, draws a plane with points for every layer and
 * estimator, logs no console error, and offers a run file that `readRun` reads. Also: the server serves only its
 * files, with the right content types.
 *
 * INFOPLANE_SCREENSHOT=FILE (with INFOPLANE_DEMO_EPOCHS, default 4) saves a screenshot of the page after training
 * (docs/browser-demo.png is made so).
 */
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { readRun } from '../src/run/parseRun';
import { DemoServer, demoMounts, resolveRequest, startDemoServer } from '../src/cli/demoServer';
import { CHROMIUM, collectErrors, launchChromium } from './helpers/browser';

function rawGet(url: string, rawPath: string): Promise<{ status: number; type?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo server (infoplane serve)', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(() => server?.close());

  it('startDemoServer serves the page, the bundle, tfjs, its wasm, plotly and the data with their content types', async () => {
    const expected: [string, RegExp][] = [
      ['/', /^text\/html/],
      ['/infoplane/infoplane.mjs', /^text\/javascript/],
      ['/vendor/tfjs/tf.min.js', /^text\/javascript/],
      ['/vendor/tfjs-backend-wasm/tf-backend-wasm.min.js', /^text\/javascript/],
      ['/vendor/tfjs-backend-wasm/tfjs-backend-wasm-simd.wasm', /^application\/wasm$/],
      ['/vendor/plotly/plotly.min.js', /^text\/javascript/],
      ['/data/ib12.csv', /^text\/csv/],
    ];
    for (const [p, type] of expected) {
      const r = await rawGet(server.url, p);
      expect([p, r.status, type.test(r.type ?? '')]).toEqual([p, 200, true]);
    }
  });

  it('startDemoServer refuses paths outside its folders and files not listed', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/data/%2e%2e/%2e%2e/package.json', '/vendor/tfjs/..%2f..%2fpackage.json', '/a%5c..%5cpackage.json', '/%00']) {
      expect([p, (await rawGet(server.url, p)).status]).toEqual([p, 403]);
    }
    for (const p of ['/vendor/tfjs/tf.js', '/infoplane/index.js', '/data/README.md', '/package.json']) {
      expect([p, (await rawGet(server.url, p)).status]).toEqual([p, 404]);
    }
    expect(resolveRequest(demoMounts(), '/x/../../etc/passwd')).toEqual({ status: 403, reason: 'path outside the served folders' });
  });
});

const e2e = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) console.warn('browser demo test skipped: Chromium is missing (apt-get install -y chromium, or set INFOPLANE_CHROMIUM)');

e2e('examples/browser/index.html in headless Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium(server.url);
    dir = mkdtempSync(join(tmpdir(), 'infoplane-demo-'));
  }, 60000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the demo page trains the 12-bit network, draws every layer live and offers a run file readRun reads', async () => {
    const screenshot = process.env.INFOPLANE_SCREENSHOT;
    const epochs = Number(process.env.INFOPLANE_DEMO_EPOCHS ?? 4);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const errors = collectErrors(page);
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { infoplaneDemo?: { phase: string } }).infoplaneDemo?.phase === 'ready', undefined, { timeout: 30000 });
    await page.selectOption('#activation', 'tanh');
    await page.fill('#epochs', String(epochs));
    await page.fill('#recorded', String(Math.min(epochs + 1, 30)));
    await page.click('#train');
    await page.waitForFunction(() => ['done', 'failed'].includes((globalThis as unknown as { infoplaneDemo: { phase: string } }).infoplaneDemo.phase), undefined, { timeout: 120000 });
    const state = await page.evaluate(() => {
      const demo = (globalThis as unknown as { infoplaneDemo: { phase: string; error?: string; live?: { run?: { points: { layer: string; estimator: string; epoch: number; ixt?: number; ity?: number }[] } } } }).infoplaneDemo;
      const doc = (globalThis as unknown as { document: { getElementById(id: string): unknown } }).document;
      const plot = doc.getElementById('plane') as unknown as { data?: { name?: string; x?: number[]; y?: number[] }[] };
      return {
        phase: demo.phase,
        error: demo.error,
        points: (demo.live?.run?.points ?? []).map((p) => [p.layer, p.estimator, p.epoch, Number.isFinite(p.ixt) && Number.isFinite(p.ity)]),
        traces: (plot.data ?? []).map((t) => ({ name: t.name, n: (t.x ?? []).filter((v) => typeof v === 'number').length })),
        status: (doc.getElementById('status') as { textContent: string }).textContent,
      };
    });
    expect([state.phase, state.error]).toEqual(['done', undefined]);
    const layers = ['dense1', 'dense2', 'dense3', 'dense4', 'dense5', 'output'];
    const estimators = ['binning', 'adaptive-binning'];
    // every layer and estimator at every recorded epoch (epoch 0 and each trained epoch), each point finite
    const epochsRecorded = [...new Set(state.points.map((p) => p[2]))].sort((a, b) => Number(a) - Number(b));
    if (epochs + 1 <= 30) expect(epochsRecorded).toEqual(Array.from({ length: epochs + 1 }, (_, i) => i));
    expect([epochsRecorded[0], epochsRecorded[epochsRecorded.length - 1]]).toEqual([0, epochs]);
    for (const layer of layers) for (const est of estimators) {
      expect([layer, est, state.points.filter((p) => p[0] === layer && p[1] === est && p[3]).length]).toEqual([layer, est, epochsRecorded.length]);
    }
    // the drawn figure: a trace with points for every layer, in each estimator's panel
    for (const layer of layers) {
      const drawn = state.traces.filter((t) => t.name === layer && t.n > 0);
      expect([layer, drawn.length]).toEqual([layer, estimators.length]);
    }
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('ib12-tanh.ndjson');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const run = readRun(file);
    expect(run.header.dataset).toBe('ib12');
    expect(run.header.probeSize).toBe(4096);
    expect(run.points).toHaveLength(layers.length * estimators.length * epochsRecorded.length);
    expect(run.epochs.map((e) => e.epoch)).toEqual(epochsRecorded);
    expect(run.truncated).toBeUndefined();
    expect(errors).toEqual([]);
  }, 180000);
});
