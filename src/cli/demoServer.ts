/**
 * The tiny static server of `infoplane serve` (and of the browser tests): bound to 127.0.0.1, it serves the demo
 * page (examples/browser/) and, under fixed prefixes, the few files the page needs from the package and its
 * dependencies: the browser bundle, TensorFlow.js with its wasm backend, Plotly and the ib12 data set. Nothing
 * else is reachable: a path is looked up only inside its mount's folder, after decoding, and any `..`, backslash
 * or NUL is refused (403); GET and HEAD only; every file offline.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';

/** The package's root (dist/cli/ or src/cli/ -> two levels up). */
export const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/** Content types by extension (`.wasm` as application/wasm, which `WebAssembly.instantiateStreaming` requires). */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ndjson': 'application/x-ndjson',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** A URL prefix served from one folder (only the listed files when `files` is given). */
export interface Mount {
  prefix: string;
  folder: string | undefined;
  files?: readonly string[];
  /** Why the folder is missing, for the 404 page and the startup notice. */
  missing?: string;
}

function packageFolder(pkg: string, sub = ''): string | undefined {
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [PACKAGE_ROOT] })), sub);
  } catch {
    return undefined;
  }
}

/** What `infoplane serve` serves: the demo page at /, and the package files it loads. */
export function demoMounts(root = PACKAGE_ROOT): Mount[] {
  const tfjs = packageFolder('@tensorflow/tfjs', 'dist');
  const wasm = packageFolder('@tensorflow/tfjs-backend-wasm', 'dist');
  const plotly = packageFolder('plotly.js-dist-min');
  return [
    { prefix: '/infoplane/', folder: path.join(root, 'dist', 'browser'), files: ['infoplane.mjs'] },
    { prefix: '/vendor/tfjs/', folder: tfjs, files: ['tf.min.js'], missing: tfjs ? undefined : 'npm install @tensorflow/tfjs' },
    {
      prefix: '/vendor/tfjs-backend-wasm/',
      folder: wasm,
      files: ['tf-backend-wasm.min.js', 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'],
      missing: wasm ? undefined : 'npm install @tensorflow/tfjs-backend-wasm',
    },
    { prefix: '/vendor/plotly/', folder: plotly, files: ['plotly.min.js'], missing: plotly ? undefined : 'npm install plotly.js-dist-min' },
    { prefix: '/data/', folder: path.join(root, 'datasets', 'ib12'), files: ['ib12.csv'] },
    { prefix: '/', folder: path.join(root, 'examples', 'browser') },
  ];
}

/** The file a request path maps to, or an HTTP status when it maps to none. */
export function resolveRequest(mounts: readonly Mount[], urlPath: string): { file: string } | { status: 403 | 404; reason: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return { status: 403, reason: 'malformed path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((s) => s === '..' || s === '.')) return { status: 403, reason: 'path outside the served folders' };
  if (decoded.endsWith('/')) decoded += 'index.html';
  const mount = mounts.find((m) => decoded.startsWith(m.prefix));
  if (!mount) return { status: 404, reason: 'not served' };
  if (!mount.folder) return { status: 404, reason: mount.missing ?? 'not installed' };
  const rel = decoded.slice(mount.prefix.length);
  if (mount.files && !mount.files.includes(rel)) return { status: 404, reason: 'not served' };
  const folder = path.resolve(mount.folder);
  const file = path.resolve(folder, rel);
  if (file !== folder && !file.startsWith(folder + path.sep)) return { status: 403, reason: 'path outside the served folders' };
  return { file };
}

export interface DemoServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Start the server on 127.0.0.1 (`port` 0: any free port). */
export async function startDemoServer(options: { port?: number; mounts?: readonly Mount[] } = {}): Promise<DemoServer> {
  const mounts = options.mounts ?? demoMounts();
  const server = http.createServer((req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'GET or HEAD only');
    const found = resolveRequest(mounts, req.url ?? '/');
    if ('status' in found) return send(found.status, found.reason);
    fs.stat(found.file, (error, st) => {
      if (error || !st.isFile()) return send(404, 'not found');
      res.writeHead(200, {
        'content-type': MIME_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(found.file).pipe(res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
