/**
 * The browser twin of `tridiagonalThreads.ts` (same exports; the browser bundle resolves it in place of the Node
 * one): the calling thread would block in `Atomics.wait`, which a page's main thread may not do, so in the browser
 * the parts of each pass run one after the other on the calling thread, with the same numbers. (A helper for
 * a Web Worker in a cross-origin-isolated page would be possible; not done.)
 */
import type * as NodeThreads from './tridiagonalThreads';
import type { TridiagonalWorkspace } from '../spectral/tridiagonalWasm';

/** False: no helper thread in the browser. */
export function tridiagonalThreadsAvailable(): boolean {
  return false;
}

/** No helper thread in the browser: the caller runs the parts in sequence. */
export function tridiagonalParts(ws: TridiagonalWorkspace): null {
  void ws;
  return null;
}

/** `f()`: there is no helper thread in the browser to leave out. */
export function withoutTridiagonalHelper<T>(f: () => T): T {
  return f();
}

/** 0: no helper thread in the browser. */
export function tridiagonalHelperParts(): number {
  return 0;
}

/** Nothing to stop. */
export async function terminateTridiagonalThreads(): Promise<void> {}

// Compile-time check that both twins have the same function exports.
const _sameExports: Pick<
  typeof NodeThreads,
  'tridiagonalThreadsAvailable' | 'withoutTridiagonalHelper' | 'tridiagonalHelperParts' | 'terminateTridiagonalThreads'
> = {
  tridiagonalThreadsAvailable,
  withoutTridiagonalHelper,
  tridiagonalHelperParts,
  terminateTridiagonalThreads,
};
void _sameExports;
