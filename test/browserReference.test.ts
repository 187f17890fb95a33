/**
 * The reference cases in headless Chromium: every case's estimator call (test/helpers/caseCalls.ts) runs in a page
 * that imports the browser bundle from a local server, and gives the same numbers as the Node build (identical)
 * within the case's stored tolerance of the reference value. Also: a recorder estimating in a Web Worker
 * (`createWorkerRecorder`) writes the same points as one estimating on the page's thread.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as api from '../src';
import { DemoServer, startDemoServer } from '../src/cli/demoServer';
import { bundleInTemp, CHROMIUM, collectErrors, launchChromium } from './helpers/browser';
import { referenceCaseCalls, runCaseCalls } from './helpers/caseCalls';
import { expectClose } from './helpers/referenceCases';

const e2e = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) console.warn('browser reference test skipped: Chromium is missing (apt-get install -y chromium, or set INFOPLANE_CHROMIUM)');

/** Bits of Math.exp, Math.log and Math.pow over a grid, hashed (self-contained: also run in the page). */
function mathFingerprint(): string {
  let h = 0;
  const bits = new Uint32Array(new Float64Array(1).buffer);
  const f64 = new Float64Array(bits.buffer);
  for (let i = 1; i < 4000; i++) {
    const x = i * 0.0173;
    for (const y of [Math.exp(-x), Math.log(x), Math.pow(x, 1.37)]) {
      f64[0] = y;
      h = (Math.imul(h, 31) + (bits[0] ^ bits[1])) >>> 0;
    }
  }
  return h.toString(16);
}

e2e('the browser bundle in Chromium', () => {
  let bundle: Awaited<ReturnType<typeof bundleInTemp>>;
  let pageDir: string;
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    bundle = await bundleInTemp();
    pageDir = mkdtempSync(join(tmpdir(), 'infoplane-page-'));
    writeFileSync(join(pageDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>infoplane test</title><link rel="icon" href="data:,"><body></body>');
    server = await startDemoServer({ mounts: [{ prefix: '/infoplane/', folder: bundle.dir, files: ['infoplane.mjs'] }, { prefix: '/', folder: pageDir }] });
    browser = await launchChromium(server.url);
    page = await browser.newPage();
    errors = collectErrors(page);
    await page.goto(server.url);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    bundle?.remove();
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  });

  it('every reference case gives in Chromium the numbers of Node, within the stored tolerance', async () => {
    const calls = referenceCaseCalls();
    expect(calls.length).toBeGreaterThanOrEqual(40);
    const inNode = runCaseCalls(api as never, calls);
    // the page code is given as text: the test's own compiled output would turn import() into require()
    await page.evaluate((c) => ((globalThis as { calls?: unknown }).calls = c), calls);
    const inPage = (await page.evaluate(`(async () => {
      const bundled = await import('/infoplane/infoplane.mjs');
      return (${runCaseCalls.toString()})(bundled, globalThis.calls);
    })()`)) as Record<string, number>[];
    expect(inPage).toHaveLength(calls.length);
    // Identical numbers need identical Math.exp/log/pow: V8 versions differ in their last bit (Node 20's V8 and a
    // recent Chromium's do), so the numbers must then agree to rounding (1e-12 relative), else bit for bit.
    const sameMath = mathFingerprint() === (await page.evaluate(`(${mathFingerprint.toString()})()`));
    const allowed = sameMath ? 0 : 1e-12;
    const differences: string[] = [];
    let identical = 0;
    calls.forEach((call, i) => {
      for (const [field, want] of Object.entries(call.expect)) {
        const got = inPage[i][field];
        const node = inNode[i][field];
        if (Object.is(got, node)) identical++;
        else if (!(Math.abs(got - node) <= allowed * Math.max(1, Math.abs(node)))) differences.push(`${call.label} ${field}: Chromium ${got}, Node ${node}`);
        expectClose(got, want, call.tol, `${call.label} ${field} (Chromium)`);
      }
    });
    expect(differences).toEqual([]);
    expect(identical).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120000);

  it('createWorkerRecorder (estimates in a Web Worker) records the points createRecorder records in the page', async () => {
    const result = (await page.evaluate(`(async () => {
      const ip = await import('/infoplane/infoplane.mjs');
      // a deterministic probe: 200 samples, 3 inputs, 2 classes, two layers of tanh activations
      const n = 200;
      const x = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]);
      const labels = x.map((r) => (r[0] + r[1] > 0 ? 1 : 0));
      const layer = (w, epoch) => x.map((r) => [Math.tanh(w * epoch * r[0] + r[2]), Math.tanh(r[1] - w * r[2] * epoch)]);
      const estimators = ['binning', 'kde', { name: 'binning', label: 'binning-max', options: { maxScaled: true } }];
      const inline = ip.createRecorder({ inputs: x, labels, estimators });
      const arrived = [];
      const remote = ip.createWorkerRecorder({ inputs: x, labels, estimators }, { onRecord: (e) => arrived.push(e) });
      for (let epoch = 0; epoch < 3; epoch++) {
        const acts = { hidden1: layer(0.5, epoch), hidden2: layer(1.5, epoch) };
        await inline.record(epoch, acts, { loss: 1 / (epoch + 1) });
        await remote.record(epoch, acts, { loss: 1 / (epoch + 1) });
      }
      const run = await remote.flush();
      const strip = (p) => [p.epoch, p.layer, p.estimator, p.ixt, p.ity, p.params];
      remote.close();
      return { inline: inline.run.points.map(strip), remote: run.points.map(strip), epochs: run.epochs.map((e) => [e.epoch, e.logs]), arrived, ndjson: ip.runToNdjson(run) };
    })()`)) as { inline: unknown[]; remote: unknown[]; epochs: unknown[]; arrived: number[]; ndjson: string };
    expect(result.remote).toEqual(result.inline);
    expect(result.remote).toHaveLength(3 * 2 * 3);
    expect(result.arrived).toEqual([0, 1, 2]);
    expect(result.epochs).toEqual([0, 1, 2].map((e) => [e, { loss: 1 / (e + 1) }]));
    // the NDJSON text made in the page is a run file for Node
    const parsed = api.parseRun(result.ndjson);
    expect(parsed.points.map((p) => [p.epoch, p.layer, p.estimator, p.ixt, p.ity, p.params])).toEqual(result.remote);
    expect(parsed.header.versions.browser).toMatch(/Chrome/);
    expect(errors).toEqual([]);
  }, 60000);
});
