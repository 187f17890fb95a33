/**
 * Loading TensorFlow.js: `@tensorflow/tfjs-node` (native TensorFlow, fast) when it loads on this machine, else
 * `@tensorflow/tfjs` (pure JavaScript CPU backend). One line on stderr says which. Set
 * `INFOPLANE_TFJS=tfjs` to force the pure-JS package, `INFOPLANE_TFJS=tfjs-node` to require the native one.
 */
import type * as tfjs from '@tensorflow/tfjs';

/** The TensorFlow.js namespace (`@tensorflow/tfjs-node` re-exports the same API). */
export type TensorFlow = typeof tfjs;

export interface LoadedTensorFlow {
  tf: TensorFlow;
  /** The package that was loaded. */
  packageName: '@tensorflow/tfjs-node' | '@tensorflow/tfjs';
}

let loaded: LoadedTensorFlow | undefined;

/** Where the one-line backend notice goes. Defaults to stderr; tests and embedders may replace it. */
let notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

/** Replace the handler of the backend notice (null restores stderr). Returns the previous handler. */
export function setBackendNoticeHandler(handler: ((line: string) => void) | null): (line: string) => void {
  const previous = notice;
  notice = handler ?? ((line) => process.stderr.write(`${line}\n`));
  return previous;
}

/**
 * Load TensorFlow.js once per process (later calls return the same module): try `@tensorflow/tfjs-node`, fall
 * back to `@tensorflow/tfjs`, and print one line saying which was loaded.
 * @throws Error when neither package is installed (with the npm command that fixes it).
 * @example
 * const {tf, packageName} = loadTensorFlow(); // stderr: "infoplane: using @tensorflow/tfjs-node (native TensorFlow)"
 */
export function loadTensorFlow(): LoadedTensorFlow {
  if (loaded) return loaded;
  const force = process.env.INFOPLANE_TFJS;
  let nodeError: unknown;
  if (force !== 'tfjs') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = { tf: require('@tensorflow/tfjs-node') as TensorFlow, packageName: '@tensorflow/tfjs-node' };
      notice('infoplane: using @tensorflow/tfjs-node (native TensorFlow)');
      return loaded;
    } catch (error) {
      nodeError = error;
      if (force === 'tfjs-node') throw error;
    }
  }
  let tf: TensorFlow;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    tf = require('@tensorflow/tfjs') as TensorFlow;
  } catch {
    throw new Error(
      'infoplane/tfjs needs TensorFlow.js: npm install @tensorflow/tfjs-node (native, fast) or @tensorflow/tfjs (pure JavaScript)' +
        (nodeError instanceof Error ? ` (@tensorflow/tfjs-node: ${nodeError.message.split('\n')[0]})` : ''),
    );
  }
  loaded = { tf, packageName: '@tensorflow/tfjs' };
  notice(
    force === 'tfjs'
      ? 'infoplane: using @tensorflow/tfjs (pure JavaScript, INFOPLANE_TFJS=tfjs)'
      : 'infoplane: using @tensorflow/tfjs (pure JavaScript; npm install @tensorflow/tfjs-node for native speed)',
  );
  quietCpuNotice(tf);
  return loaded;
}

/** The CPU backend prints a multi-line "install tfjs-node" banner on first use; the line above already says it. */
function quietCpuNotice(tf: TensorFlow): void {
  try {
    const backend = tf.backend() as unknown as { firstUse?: boolean };
    if (backend && typeof backend.firstUse === 'boolean') backend.firstUse = false;
  } catch {
    // no backend yet: the banner may show, which is harmless
  }
}
