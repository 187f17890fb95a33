/**
 * Loading TensorFlow.js and choosing where its operations run. Order (`backend: 'auto'`):
 *  1. `tensorflow`: `@tensorflow/tfjs-node`, native TensorFlow, when it is installed and loads;
 *  2. `wasm`: `@tensorflow/tfjs-backend-wasm` (WebAssembly with SIMD, shipped inside the npm package), up to an
 *     order of magnitude faster than the pure-JavaScript CPU backend (see `npm run bench tfjs`); it lacks a few
 *     kernels (the gradients of Conv2D among them), so convolutional training needs `backend: 'cpu'` or tfjs-node;
 *  3. `cpu`: the pure-JavaScript backend of `@tensorflow/tfjs`.
 * One line on stderr says which backend runs and why, at first use (`initTensorFlow`, or the first training with
 * the callback), never at import. `initTensorFlow({backend})`, `INFOPLANE_BACKEND=tensorflow|wasm|cpu` or the
 * CLI's `--backend` force one; `INFOPLANE_TFJS=tfjs` skips `@tensorflow/tfjs-node`.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { describeValue, fail } from '../core/errors';
import { switchBackend } from './switchBackend';

/** The TensorFlow.js namespace (`@tensorflow/tfjs-node` re-exports the same API). */
export type TensorFlow = typeof tfjs;

/** Where operations run: native TensorFlow (`tensorflow`, from tfjs-node), WebAssembly (`wasm`) or JavaScript (`cpu`). */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** A backend to use, or `auto`: the first of tensorflow, wasm, cpu that is installed. */
export type BackendChoice = 'auto' | BackendName;

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface LoadedTensorFlow {
  tf: TensorFlow;
  /** The package that was loaded. */
  packageName: '@tensorflow/tfjs-node' | '@tensorflow/tfjs';
  /** The backend operations run on now (`tf.getBackend()`). */
  backend: string;
  /** Why this backend, in words (the text of the backend line). */
  reason: string;
}

export interface InitTensorFlowOptions {
  /** Backend to use. Defaults to `$INFOPLANE_BACKEND`, else `auto` (tensorflow, then wasm, then cpu). */
  backend?: BackendChoice;
}

interface LoadedPackage {
  tf: TensorFlow;
  packageName: LoadedTensorFlow['packageName'];
  /** Why tfjs-node is not used (undefined when it is). */
  nodeProblem?: string;
}

let pkg: LoadedPackage | undefined;
let state: { backend: string; reason: string } | undefined;
let announced: string | undefined;

/** Where the one-line backend notice goes. Defaults to stderr; tests and embedders may replace it. */
let notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

/** Replace the handler of the backend notice (null restores stderr). Returns the previous handler. */
export function setBackendNoticeHandler(handler: ((line: string) => void) | null): (line: string) => void {
  const previous = notice;
  notice = handler ?? ((line) => process.stderr.write(`${line}\n`));
  return previous;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}

function loadPackage(): LoadedPackage {
  if (pkg) return pkg;
  const force = process.env.INFOPLANE_TFJS;
  let nodeProblem = force === 'tfjs' ? 'INFOPLANE_TFJS=tfjs' : undefined;
  if (force !== 'tfjs') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      pkg = { tf: require('@tensorflow/tfjs-node') as TensorFlow, packageName: '@tensorflow/tfjs-node' };
      return pkg;
    } catch (error) {
      if (force === 'tfjs-node') throw error;
      const code = (error as NodeJS.ErrnoException).code;
      nodeProblem = code === 'MODULE_NOT_FOUND' && /tfjs-node['"]/.test(firstLine(error)) ? '@tensorflow/tfjs-node is not installed' : `@tensorflow/tfjs-node did not load: ${firstLine(error)}`;
    }
  }
  let tf: TensorFlow;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tf = require('@tensorflow/tfjs') as TensorFlow;
  } catch {
    return fail('file_unreadable', {
      fn: 'loadTensorFlow',
      param: '@tensorflow/tfjs',
      expected: 'an installed package: npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm (or @tensorflow/tfjs-node for native TensorFlow)',
      received: 'a package that cannot be found',
      detail: nodeProblem,
    });
  }
  quietCpuNotice(tf);
  pkg = { tf, packageName: '@tensorflow/tfjs', nodeProblem };
  return pkg;
}

/**
 * The TensorFlow.js package, loaded once per process (later calls return the same module): `@tensorflow/tfjs-node`
 * when it loads, else `@tensorflow/tfjs`. Synchronous, and quiet: it does not choose the wasm backend (that needs
 * `await initTensorFlow()`), and the backend line is printed at first use, not here.
 * @throws InfoplaneError (`file_unreadable`) when neither package is installed, with the npm command that fixes it.
 * @example
 * const {tf} = loadTensorFlow(); // then `await initTensorFlow()` before training to run on the fastest backend
 */
export function loadTensorFlow(): LoadedTensorFlow {
  const { tf, packageName } = loadPackage();
  const backend = state?.backend ?? tf.getBackend();
  return { tf, packageName, backend, reason: state?.reason ?? `${backend} (default of ${packageName})` };
}

/** Load the wasm backend package into the same TensorFlow.js; why not, when it cannot be. */
function registerWasm(tf: TensorFlow): string | undefined {
  if (tf.findBackendFactory('wasm')) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'MODULE_NOT_FOUND' && /tfjs-backend-wasm['"]/.test(firstLine(error)) ? '@tensorflow/tfjs-backend-wasm is not installed' : `@tensorflow/tfjs-backend-wasm did not load: ${firstLine(error)}`;
  }
  return tf.findBackendFactory('wasm') ? undefined : '@tensorflow/tfjs-backend-wasm registered into another copy of @tensorflow/tfjs-core';
}

async function wasmDetails(tf: TensorFlow): Promise<string> {
  const simd = await Promise.resolve(tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).catch(() => false);
  const threads = await Promise.resolve(tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).catch(() => false);
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : 'one thread'}`;
}

/**
 * Load TensorFlow.js and switch it to the fastest backend installed (or the one asked for), then print one line
 * saying which and why (once per backend change). Order for `auto`: tfjs-node's native `tensorflow`, then
 * `wasm` (`@tensorflow/tfjs-backend-wasm`: SIMD, and threads where the runtime allows), then `cpu`.
 * Later calls return the backend chosen first unless another one is asked for.
 * @throws InfoplaneError (`invalid_option`, param `backend`) for an unknown name; (`file_unreadable`) when the
 * backend asked for is not installed, with the npm command that installs it.
 * @example
 * const {tf, backend} = await initTensorFlow(); // stderr: "infoplane: TensorFlow.js backend wasm (SIMD, one thread; ...)"
 */
export async function initTensorFlow(options: InitTensorFlowOptions = {}): Promise<LoadedTensorFlow> {
  const fn = 'initTensorFlow';
  if (typeof options !== 'object' || options === null) fail('invalid_type', { fn, param: 'options', expected: 'an options object', received: describeValue(options) });
  const fromEnv = options.backend === undefined && process.env.INFOPLANE_BACKEND ? process.env.INFOPLANE_BACKEND : undefined;
  const choice = (options.backend ?? fromEnv ?? 'auto') as BackendChoice;
  if (!BACKEND_CHOICES.includes(choice)) {
    fail('invalid_option', { fn, param: fromEnv !== undefined ? 'INFOPLANE_BACKEND' : 'backend', expected: BACKEND_CHOICES.map((c) => `"${c}"`).join(', '), received: describeValue(choice) });
  }
  const loaded = loadPackage();
  const { tf } = loaded;
  if (state && (choice === 'auto' || choice === state.backend)) {
    announceBackend();
    return loadTensorFlow();
  }
  const forced = choice !== 'auto' ? `${fromEnv !== undefined ? 'INFOPLANE_BACKEND' : 'asked for'}` : undefined;
  let reason: string | undefined;
  if (choice === 'tensorflow' || (choice === 'auto' && loaded.packageName === '@tensorflow/tfjs-node')) {
    if (loaded.packageName !== '@tensorflow/tfjs-node' || !(await switchBackend(tf, 'tensorflow'))) {
      fail('file_unreadable', { fn, param: 'backend', expected: 'native TensorFlow: npm install @tensorflow/tfjs-node', received: '"tensorflow"', detail: loaded.nodeProblem });
    }
    reason = `tensorflow (native TensorFlow from @tensorflow/tfjs-node${forced ? `; ${forced}` : ''})`;
  } else {
    let wasmProblem: string | undefined;
    if (choice === 'wasm' || choice === 'auto') {
      wasmProblem = registerWasm(tf);
      if (wasmProblem === undefined && !(await switchBackend(tf, 'wasm'))) wasmProblem = '@tensorflow/tfjs-backend-wasm did not start';
      if (wasmProblem === undefined) {
        reason = `wasm (WebAssembly, ${await wasmDetails(tf)}; ${forced ?? `${loaded.nodeProblem}; npm install @tensorflow/tfjs-node for native TensorFlow`})`;
      } else if (choice === 'wasm') {
        fail('file_unreadable', { fn, param: 'backend', expected: 'WebAssembly: npm install @tensorflow/tfjs-backend-wasm', received: '"wasm"', detail: wasmProblem });
      }
    }
    if (reason === undefined) {
      if (!(await switchBackend(tf, 'cpu'))) fail('file_unreadable', { fn, param: 'backend', expected: 'the cpu backend of @tensorflow/tfjs', received: '"cpu"', detail: 'it did not start' });
      reason = forced
        ? `cpu (pure JavaScript; ${forced})`
        : `cpu (pure JavaScript, the slowest: ${loaded.nodeProblem}, ${wasmProblem}; npm install @tensorflow/tfjs-backend-wasm for several times the speed)`;
    }
  }
  state = { backend: tf.getBackend(), reason };
  announceBackend();
  return loadTensorFlow();
}

/**
 * Print the backend line (`infoplane: TensorFlow.js backend ...`) if it has not been printed for the backend in
 * use; the callback calls this when training starts, so a script that never called `initTensorFlow` learns it
 * runs on the slow cpu backend.
 */
export function announceBackend(): void {
  const { backend, reason } = loadTensorFlow();
  const line = state
    ? `infoplane: TensorFlow.js backend ${reason}`
    : `infoplane: TensorFlow.js backend ${backend} (default of ${pkg!.packageName}${backend === 'cpu' ? '; await initTensorFlow() selects wasm or tfjs-node when installed' : ''})`;
  if (announced === line) return;
  announced = line;
  notice(line);
}

/** The CPU backend prints a multi-line "install tfjs-node" banner on first use; the backend line already says it. */
function quietCpuNotice(tf: TensorFlow): void {
  try {
    const backend = tf.backend() as unknown as { firstUse?: boolean };
    if (backend && typeof backend.firstUse === 'boolean') backend.firstUse = false;
  } catch {
    // no backend yet: the banner may show, which is harmless
  }
}
