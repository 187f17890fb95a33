/**
 * Headless Chromium for the browser tests, launched as PNG export launches it (`CHROMIUM_ARGS`, the installed
 * Chromium found by `findChromium`, playwright-core driving it, no network but 127.0.0.1), and the browser
 * bundle built once per test file into a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/plot/renderFigure';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBrowser } = require('../../scripts/build-browser.js') as {
  buildBrowser(o: { outdir: string }): Promise<{ outfile: string; metafile: { inputs: Record<string, unknown>; outputs: Record<string, { imports: { path: string; external?: boolean }[] }> } }>;
};

export { buildBrowser };

/** The Chromium the tests use, or undefined (the tests are then skipped, with a notice). */
export const CHROMIUM = findChromium();

/** Build the bundle into a fresh folder; returns the folder and esbuild's metafile. */
export async function bundleInTemp(): Promise<{ dir: string; outfile: string; metafile: Awaited<ReturnType<typeof buildBrowser>>['metafile']; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'infoplane-bundle-'));
  const { outfile, metafile } = await buildBrowser({ outdir: dir });
  return { dir, outfile, metafile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Launch headless Chromium that reaches nothing but `origin` (`http://127.0.0.1:PORT`). */
export async function launchChromium(origin: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const args = [...CHROMIUM_ARGS, '--proxy-server=http://127.0.0.1:9', `--proxy-bypass-list=<-loopback>;${origin.replace(/^http:\/\//, '').replace(/\/$/, '')}`];
  return chromium.launch({ executablePath: CHROMIUM, args, headless: true, timeout: 30000 });
}

/** Console errors and uncaught page errors of `page`, collected as they happen. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  return errors;
}
