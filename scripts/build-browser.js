#!/usr/bin/env node
/**
 * Builds the browser bundle dist/browser/infoplane.mjs (one ES module, see src/browser/index.ts) with esbuild.
 * Node-only modules have browser twins: for every relative import of `X`, `X.browser.ts` is used when it exists
 * (src/core/platform, src/core/threads/workerPool, src/run/runFile, src/record/snapshot, src/tfjs/backend).
 * A Node built-in that still reaches the bundle fails the build (platform 'browser' cannot resolve it), and
 * test/browserBundle.test.ts checks the bundle's import list (esbuild's metafile, which
 * `buildBrowser` returns).
 *
 * Usage: node scripts/build-browser.js [--outdir DIR] [--minify]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** Resolve `X` to `X.browser.ts` when that twin exists. */
const browserTwins = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const twin = path.resolve(args.resolveDir, `${args.path}.browser.ts`);
      return fs.existsSync(twin) ? { path: twin } : undefined;
    });
    // the version is all the bundle needs from package.json
    build.onLoad({ filter: /package\.json$/ }, (args) => {
      if (path.resolve(args.path) !== path.join(ROOT, 'package.json')) return undefined;
      const { version } = JSON.parse(fs.readFileSync(args.path, 'utf8'));
      return { contents: JSON.stringify({ version }), loader: 'json' };
    });
  },
};

async function buildBrowser({ outdir = path.join(ROOT, 'dist', 'browser'), minify = false } = {}) {
  const esbuild = require('esbuild');
  fs.mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, 'infoplane.mjs');
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'browser', 'index.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify,
    sourcemap: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    tsconfig: path.join(ROOT, 'tsconfig.build.json'),
    // the bundle's own URL, which the estimation worker loads (src/browser/workerRecorder.ts)
    banner: { js: 'const __infoplaneBundleUrl = import.meta.url;' },
    plugins: [browserTwins],
  });
  return { outfile, metafile: result.metafile, warnings: result.warnings };
}

module.exports = { buildBrowser };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  buildBrowser({ outdir: at >= 0 ? path.resolve(args[at + 1]) : undefined, minify: args.includes('--minify') }).then(
    ({ outfile, warnings }) => {
      for (const w of warnings) console.error(`build-browser: warning: ${w.text}`);
      console.error(`build-browser: wrote ${path.relative(process.cwd(), outfile)} (${(fs.statSync(outfile).size / 1e6).toFixed(2)} MB)`);
    },
    (error) => {
      console.error(`build-browser: ${error.message}`);
      process.exit(1);
    },
  );
}
