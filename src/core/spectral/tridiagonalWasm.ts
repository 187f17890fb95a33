/**
 * The WebAssembly workspace of the Householder tridiagonalisation in `symmetricEigenvalues`: the packed lower
 * triangle and the vectors of the reduction in one WebAssembly memory, and the SIMD (f64x2) fused pass over a
 * range of rows (`tridiagonalKernels.wat`, beside this file), so that the rows of each step can be split into
 * parts run by different threads (`../threads/tridiagonalThreads.ts`).
 *
 * The memory is shared (a SharedArrayBuffer that worker threads instantiate the same module over) where the
 * runtime allows it (Node; a cross-origin-isolated page), else an ordinary memory with the same kernel assembled
 * for it (the parts then run one after the other on the calling thread: the same numbers). When WebAssembly SIMD
 * is unavailable (or the memory cannot grow) `wasmTridiagonalWorkspace` returns null and the caller uses the
 * TypeScript kernel.
 * Kernel: trusts its inputs.
 */
import { instantiateWasm, WasmMemory } from '../wasm';

/** tridiagonalKernels.wat assembled with `wat2wasm --enable-simd --enable-threads` (wabt 1.0.39), base64. */
export const TRIDIAGONAL_WASM_SHARED_BASE64 =
  'AGFzbQEAAAABCwFgB39/f39/f38AAhIBA2VudgZtZW1vcnkCAwGAgAIDAgEABw8BC3RyaWRpYWdQYXNzAAAKowgBoAgFBX8GfA17B3wBfyABIQcCQANAIAdBAWogAkEBa0oNASAAIAcgB0EBamxBAXZBA3RqIQggCCAHQQFqQQN0aiEJIAMgB0EDdGorAwAhDCAEIAdBA3RqKwMAIQ0gBSAHQQN0aisDACEOIAMgB0EDdGorAwghDyAEIAdBA3RqKwMIIRAgBSAHQQN0aisDCCERIAz9FCESIA39FCETIA79FCEUIA/9FCEVIBD9FCEWIBH9FCEX/QwAAAAAAAAAAAAAAAAAAAAAIRj9DAAAAAAAAAAAAAAAAAAAAAAhGSAHQX5xQQN0IQtBACEKAkADQCAKIAtPDQEgBCAKav0ABAAhGiADIApq/QAEACEbIAUgCmr9AAQAIRwgCCAKav0ABAAgEiAa/fIBIBMgG/3yAf3wAf3xASEdIAkgCmr9AAQAIBUgGv3yASAWIBv98gH98AH98QEhHiAIIApqIB39CwQAIAkgCmogHv0LBAAgGCAdIBz98gH98AEhGCAZIB4gHP3yAf3wASEZIAYgCmohJiAmICb9AAQAIB0gFP3yASAeIBf98gH98AH98AH9CwQAIApBEGohCgwACwsgGP0hACAY/SEBoCEfIBn9IQAgGf0hAaAhICAHQQFxBEAgCCALaisDACAMIAQgC2orAwCiIA0gAyALaisDAKKgoSEhIAkgC2orAwAgDyAEIAtqKwMAoiAQIAMgC2orAwCioKEhIiAIIAtqICE5AwAgCSALaiAiOQMAIB8gISAFIAtqKwMAoqAhHyAgICIgBSALaisDAKKgISAgBiALaiEmICYgJisDACAhIA6iICIgEaKgoDkDAAsgB0EDdCELIAggC2orAwBEAAAAAAAAAEAgDKIgDaKhISMgCSALaisDACAPIA2iIBAgDKKgoSEkIAkgC2orAwhEAAAAAAAAAEAgD6IgEKKhISUgCCALaiAjOQMAIAkgC2ogJDkDACAJIAtqICU5AwggBiALaiEmICYgJisDACAfICMgDqKgICQgEaKgoDkDACAmICYrAwggICAkIA6ioCAlIBGioKA5AwggB0ECaiEHDAALCyAHIAJIBEAgACAHIAdBAWpsQQF2QQN0aiEIIAMgB0EDdGorAwAhDCAEIAdBA3RqKwMAIQ0gBSAHQQN0aisDACEORAAAAAAAAAAAIR9BACEKIAdBA3QhCwJAA0AgCiALTw0BIAggCmorAwAgDCAEIApqKwMAoiANIAMgCmorAwCioKEhISAIIApqICE5AwAgHyAhIAUgCmorAwCioCEfIAYgCmohJiAmICYrAwAgISAOoqA5AwAgCkEIaiEKDAALCyAIIAtqKwMARAAAAAAAAABAIAyiIA2ioSEjIAggC2ogIzkDACAGIAtqISYgJiAmKwMAIB8gIyAOoqCgOQMACws=';

/** The same source with an ordinary (not shared) imported memory (the word `shared` removed), base64. */
export const TRIDIAGONAL_WASM_BASE64 =
  'AGFzbQEAAAABCwFgB39/f39/f38AAhIBA2VudgZtZW1vcnkCAQGAgAIDAgEABw8BC3RyaWRpYWdQYXNzAAAKowgBoAgFBX8GfA17B3wBfyABIQcCQANAIAdBAWogAkEBa0oNASAAIAcgB0EBamxBAXZBA3RqIQggCCAHQQFqQQN0aiEJIAMgB0EDdGorAwAhDCAEIAdBA3RqKwMAIQ0gBSAHQQN0aisDACEOIAMgB0EDdGorAwghDyAEIAdBA3RqKwMIIRAgBSAHQQN0aisDCCERIAz9FCESIA39FCETIA79FCEUIA/9FCEVIBD9FCEWIBH9FCEX/QwAAAAAAAAAAAAAAAAAAAAAIRj9DAAAAAAAAAAAAAAAAAAAAAAhGSAHQX5xQQN0IQtBACEKAkADQCAKIAtPDQEgBCAKav0ABAAhGiADIApq/QAEACEbIAUgCmr9AAQAIRwgCCAKav0ABAAgEiAa/fIBIBMgG/3yAf3wAf3xASEdIAkgCmr9AAQAIBUgGv3yASAWIBv98gH98AH98QEhHiAIIApqIB39CwQAIAkgCmogHv0LBAAgGCAdIBz98gH98AEhGCAZIB4gHP3yAf3wASEZIAYgCmohJiAmICb9AAQAIB0gFP3yASAeIBf98gH98AH98AH9CwQAIApBEGohCgwACwsgGP0hACAY/SEBoCEfIBn9IQAgGf0hAaAhICAHQQFxBEAgCCALaisDACAMIAQgC2orAwCiIA0gAyALaisDAKKgoSEhIAkgC2orAwAgDyAEIAtqKwMAoiAQIAMgC2orAwCioKEhIiAIIAtqICE5AwAgCSALaiAiOQMAIB8gISAFIAtqKwMAoqAhHyAgICIgBSALaisDAKKgISAgBiALaiEmICYgJisDACAhIA6iICIgEaKgoDkDAAsgB0EDdCELIAggC2orAwBEAAAAAAAAAEAgDKIgDaKhISMgCSALaisDACAPIA2iIBAgDKKgoSEkIAkgC2orAwhEAAAAAAAAAEAgD6IgEKKhISUgCCALaiAjOQMAIAkgC2ogJDkDACAJIAtqICU5AwggBiALaiEmICYgJisDACAfICMgDqKgICQgEaKgoDkDACAmICYrAwggICAkIA6ioCAlIBGioKA5AwggB0ECaiEHDAALCyAHIAJIBEAgACAHIAdBAWpsQQF2QQN0aiEIIAMgB0EDdGorAwAhDCAEIAdBA3RqKwMAIQ0gBSAHQQN0aisDACEORAAAAAAAAAAAIR9BACEKIAdBA3QhCwJAA0AgCiALTw0BIAggCmorAwAgDCAEIApqKwMAoiANIAMgCmorAwCioKEhISAIIApqICE5AwAgHyAhIAUgCmorAwCioCEfIAYgCmohJiAmICYrAwAgISAOoqA5AwAgCkEIaiEKDAALCyAIIAtqKwMARAAAAAAAAABAIAyiIA2ioSEjIAggC2ogIzkDACAGIAtqISYgJiAmKwMAIB8gIyAOoqCgOQMACws=';

/** The exports of the tridiagonal module. */
export interface TridiagonalExports {
  /** Over rows start..m-1 of the packed triangle at byte offset L: A <- A - a q' - q a', then p <- p + A u. */
  tridiagPass(L: number, start: number, m: number, a: number, q: number, u: number, p: number): void;
}

/** The memory of the WebAssembly global used here (not in this project's `lib` typings). */
interface MemoryApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
}

/** The number of parts of each pass (fixed, so that the numbers do not depend on the threads). */
export const TRIDIAGONAL_PARTS = 4;

/** Number of vectors of n doubles in the workspace (see `TridiagonalWorkspace.vectors`). */
export const TRIDIAGONAL_VECTORS = 5 + TRIDIAGONAL_PARTS - 1;

/**
 * The parts of a pass over rows 0..m-1: part k is rows bounds[k]..bounds[k+1]-1, of about equal area (bounds[k]
 * ~ m sqrt(k / PARTS), even); a short pass is one part (the last). It depends on m only, so the numbers do not
 * depend on the threads.
 */
export function tridiagonalBounds(m: number, bounds: Int32Array): Int32Array {
  const short = m < 64;
  for (let k = 0; k < TRIDIAGONAL_PARTS; k++) bounds[k] = short ? 0 : 2 * Math.round((m * Math.sqrt(k / TRIDIAGONAL_PARTS)) / 2);
  bounds[TRIDIAGONAL_PARTS] = m;
  return bounds;
}

/** Packed storage and the fused pass of the Householder tridiagonalisation (see symmetricEigenvalues.ts). */
export interface TridiagonalWorkspace {
  /** The packed lower triangle, n(n+1)/2 doubles, at byte offset 0. */
  readonly packed: Float64Array;
  /**
   * TRIDIAGONAL_VECTORS vectors of n doubles (16-byte aligned): u, p, uOld, qOld, zero (all zeros, must stay so)
   * and the products of parts 1..PARTS-1 of the rows (part 0 accumulates into p).
   */
  readonly vectors: readonly Float64Array[];
  /** The memory (shared or not) and whether it is shared. */
  readonly memory: WasmMemory;
  readonly shared: boolean;
  /** Byte offset of one of `vectors` in the memory. */
  offset(v: Float64Array): number;
  /**
   * Over rows start..m-1: A <- A - a q' - q a' (lower triangle), then p <- p + A u; a, q, u, p are entries of
   * `vectors` (a = q = the zero vector when no update is pending).
   */
  pass(start: number, m: number, a: Float64Array, q: Float64Array, u: Float64Array, p: Float64Array): void;
  /** Let a large memory go (call when done). */
  release(): void;
}

const MAX_PAGES = 32768; // 2 GiB, the maximum the module declares
const KEEP_BYTES = 64 * 2 ** 20;
const PAGE = 65536;

interface Cached {
  memory: WasmMemory;
  wasm: TridiagonalExports;
  shared: boolean;
}

/** One memory and instance, reused while small; null once neither flavour can be instantiated here. */
let cached: Cached | null | undefined;

function create(pages: number, shared: boolean): Cached | null {
  const api = (globalThis as unknown as { WebAssembly?: MemoryApi }).WebAssembly;
  if (!api) return null;
  try {
    // Without cross-origin isolation a page cannot create a shared memory: the ordinary flavour is used then.
    const memory = new api.Memory({ initial: pages, maximum: MAX_PAGES, shared });
    const wasm = instantiateWasm<TridiagonalExports>(shared ? TRIDIAGONAL_WASM_SHARED_BASE64 : TRIDIAGONAL_WASM_BASE64, { env: { memory } });
    return wasm ? { memory, wasm, shared } : null;
  } catch {
    return null;
  }
}

/** The instance over a memory of at least `bytes`, or null. */
function instance(bytes: number): Cached | null {
  if (bytes > MAX_PAGES * PAGE) return null;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (cached === undefined) cached = create(pages, true) ?? create(pages, false);
  if (!cached) {
    cached = undefined; // maybe only this size failed; try again next time
    return null;
  }
  const have = cached.memory.buffer.byteLength;
  if (bytes > have) {
    try {
      cached.memory.grow(Math.ceil((bytes - have) / PAGE));
    } catch {
      return null;
    }
  }
  return cached;
}

/** True when the WebAssembly tridiagonal kernel runs here over a shared memory (so parts can run on workers). */
export function sharedTridiagonalAvailable(): boolean {
  return instance(PAGE)?.shared ?? false;
}

/** A tridiagonalisation workspace in WebAssembly memory, or null when WebAssembly SIMD or the memory is not available. */
export function wasmTridiagonalWorkspace(n: number): TridiagonalWorkspace | null {
  const size = (n * (n + 1)) / 2;
  const packedBytes = (size + (size % 2)) * 8;
  const vectorBytes = (n + (n % 2)) * 8;
  const c = instance(packedBytes + TRIDIAGONAL_VECTORS * vectorBytes);
  if (!c) return null;
  const buffer = c.memory.buffer;
  const packed = new Float64Array(buffer, 0, size);
  const vectors: Float64Array[] = [];
  const offsets = new Map<Float64Array, number>();
  for (let k = 0; k < TRIDIAGONAL_VECTORS; k++) {
    const v = new Float64Array(buffer, packedBytes + k * vectorBytes, n);
    v.fill(0);
    vectors.push(v);
    offsets.set(v, packedBytes + k * vectorBytes);
  }
  const at = (v: Float64Array): number => offsets.get(v) as number;
  const wasm = c.wasm;
  return {
    packed,
    vectors,
    memory: c.memory,
    shared: c.shared,
    offset: at,
    pass: (start, m, a, q, u, p) => wasm.tridiagPass(0, start, m, at(a), at(q), at(u), at(p)),
    release: () => {
      // A WebAssembly memory cannot shrink: drop a large one so that it can be collected.
      if (cached && cached.memory.buffer.byteLength > KEEP_BYTES) cached = undefined;
    },
  };
}
