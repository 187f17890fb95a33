/**
 * The browser bundle (scripts/build-browser.js -> dist/browser/infoplane.mjs) holds no Node built-in: esbuild's
 * metafile lists no external import, no Node-only module among its inputs (their browser twins instead), and the
 * text has no import or require of a built-in module name.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { bundleInTemp } from './helpers/browser';

describe('scripts/build-browser.js (buildBrowser)', () => {
  let bundle: Awaited<ReturnType<typeof bundleInTemp>>;
  beforeAll(async () => {
    bundle = await bundleInTemp();
  });
  afterAll(() => bundle?.remove());

  it('buildBrowser makes one ES module with no external import', () => {
    const outputs = Object.entries(bundle.metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
    expect(outputs).toHaveLength(1);
    expect(outputs[0][1].imports).toEqual([]);
  });

  it('buildBrowser uses the browser twins, not the Node-only modules, and no built-in', () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    for (const twin of ['src/core/platform', 'src/core/threads/workerPool', 'src/run/runFile', 'src/record/snapshot', 'src/tfjs/backend']) {
      expect([twin, inputs.includes(`${twin}.browser.ts`)]).toEqual([twin, true]);
      expect([twin, inputs.includes(`${twin}.ts`)]).toEqual([twin, false]);
    }
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(inputs.filter((i) => builtins.has(i) || i.startsWith('node:'))).toEqual([]);
    // nothing from the CLI, the file readers or the figure export (Node-only)
    expect(inputs.filter((i) => /^src\/(cli|io|datasets)\/|renderFigure|figureToHtml|showFigure|runLock|estimateSnapshot|plan\.ts/.test(i))).toEqual([]);
    // the WebAssembly kernels are inside
    expect(inputs.some((i) => /knn\//.test(i))).toBe(true);
  });

  it('the bundle text imports and requires no built-in module', () => {
    const text = readFileSync(bundle.outfile, 'utf8');
    const names = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/'));
    const pattern = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)["'](?:node:)?(?:${names.join('|')})(?:\\/[\\w/]+)?["']`);
    expect(pattern.exec(text)?.[0]).toBeUndefined();
    expect(/\bprocess\.(?:env|versions|stderr|stdout|memoryUsage)\b/.exec(text)?.[0]).toBeUndefined();
    // no Node Buffer either: the WebAssembly kernels decode their bytes with core/wasm's own base64 reader
    expect(/\bBuffer\.(?:from|alloc|concat|isBuffer)\b/.exec(text)?.[0]).toBeUndefined();
    // the positive control: the pattern finds a built-in import where there is one
    expect(pattern.test('import { readFileSync } from "node:fs";')).toBe(true);
    expect(pattern.test('const w = require("worker_threads");')).toBe(true);
  });
});
