/**
 * The browser twin of `backend.ts` (same exports; the browser bundle resolves it in place of the Node one). A page
 * brings its own TensorFlow.js: the `tf` global of `<script src=".../tf.min.js">`, or the module given to
 * `useTensorFlow(tf)` by code that imports `@tensorflow/tfjs` (the bundle does not contain TensorFlow.js, so a
 * page never loads two copies). `initTensorFlow()` picks `wasm` when `@tensorflow/tfjs-backend-wasm` is loaded
 * (its script registers the backend), else keeps the page's backend; the notice goes to the console.
 */
import { describeValue, fail } from '../core/errors';
import { switchBackend } from './switchBackend';
import type * as NodeBackend from './backend';
import type { BackendChoice, InitTensorFlowOptions, LoadedTensorFlow, TensorFlow } from './backend';

export type { BackendChoice, BackendName, InitTensorFlowOptions, LoadedTensorFlow, TensorFlow } from './backend';

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

let given: TensorFlow | undefined;
let state: { backend: string; reason: string } | undefined;
let announced: string | undefined;
let notice: (line: string) => void = (line) => console.info(line);

/** Use this TensorFlow.js module (for pages that import `@tensorflow/tfjs` rather than load its script). */
export function useTensorFlow(tf: TensorFlow): void {
  if (typeof tf !== 'object' || tf === null || typeof (tf as { Callback?: unknown }).Callback !== 'function') {
    fail('invalid_type', { fn: 'useTensorFlow', param: 'tf', expected: 'the TensorFlow.js module (import * as tf from "@tensorflow/tfjs")', received: describeValue(tf) });
  }
  given = tf;
}

function pageTensorFlow(): TensorFlow {
  const tf = given ?? (globalThis as { tf?: TensorFlow }).tf;
  if (!tf || typeof tf.Callback !== 'function') {
    return fail('file_unreadable', {
      fn: 'loadTensorFlow',
      param: '@tensorflow/tfjs',
      expected: 'TensorFlow.js in the page: <script src=".../tf.min.js"> before infoplane, or useTensorFlow(tf)',
      received: 'no tf global and no useTensorFlow call',
    });
  }
  return tf;
}

export function setBackendNoticeHandler(handler: ((line: string) => void) | null): (line: string) => void {
  const previous = notice;
  notice = handler ?? ((line) => console.info(line));
  return previous;
}

export function loadTensorFlow(): LoadedTensorFlow {
  const tf = pageTensorFlow();
  const backend = state?.backend ?? tf.getBackend();
  return { tf, packageName: '@tensorflow/tfjs', backend, reason: state?.reason ?? `${backend} (default of the page's TensorFlow.js)` };
}

export async function initTensorFlow(options: InitTensorFlowOptions = {}): Promise<LoadedTensorFlow> {
  const fn = 'initTensorFlow';
  if (typeof options !== 'object' || options === null) fail('invalid_type', { fn, param: 'options', expected: 'an options object', received: describeValue(options) });
  const choice = options.backend ?? 'auto';
  if (!BACKEND_CHOICES.includes(choice)) fail('invalid_option', { fn, param: 'backend', expected: BACKEND_CHOICES.map((c) => `"${c}"`).join(', '), received: describeValue(choice) });
  const tf = pageTensorFlow();
  if (choice === 'tensorflow') fail('invalid_option', { fn, param: 'backend', expected: '"auto", "wasm" or "cpu" in a browser (native TensorFlow needs Node and @tensorflow/tfjs-node)', received: '"tensorflow"' });
  let reason: string;
  const wasmLoaded = Boolean(tf.findBackendFactory('wasm'));
  if ((choice === 'wasm' || choice === 'auto') && wasmLoaded && (await switchBackend(tf, 'wasm'))) {
    reason = `wasm (WebAssembly${choice === 'wasm' ? '; asked for' : ''})`;
  } else if (choice === 'wasm') {
    return fail('file_unreadable', { fn, param: 'backend', expected: 'the wasm backend: <script src=".../tf-backend-wasm.min.js"> and tf.wasm.setWasmPaths(...)', received: '"wasm"', detail: wasmLoaded ? 'it did not start' : 'not loaded' });
  } else if (choice === 'cpu') {
    if (!(await switchBackend(tf, 'cpu'))) fail('file_unreadable', { fn, param: 'backend', expected: 'the cpu backend of TensorFlow.js', received: '"cpu"', detail: 'it did not start' });
    reason = 'cpu (pure JavaScript; asked for)';
  } else {
    await tf.ready();
    reason = `${tf.getBackend()} (the page's default; load tf-backend-wasm.min.js for wasm)`;
  }
  state = { backend: tf.getBackend(), reason };
  announceBackend();
  return loadTensorFlow();
}

export function announceBackend(): void {
  const { backend, reason } = loadTensorFlow();
  const line = `infoplane: TensorFlow.js backend ${state ? reason : `${backend} (the page's default)`}`;
  if (announced === line) return;
  announced = line;
  notice(line);
}

// Compile-time check that both twins have the same function exports.
const _sameExports: Pick<typeof NodeBackend, 'loadTensorFlow' | 'initTensorFlow' | 'announceBackend' | 'setBackendNoticeHandler' | 'BACKEND_CHOICES'> = {
  loadTensorFlow,
  initTensorFlow,
  announceBackend,
  setBackendNoticeHandler,
  BACKEND_CHOICES,
};
void _sameExports;
