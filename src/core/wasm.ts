/**
 * The one loader of infoplane's WebAssembly kernels (spectral, pair distances, neighbour searches, PCA): each
 * module's bytes are embedded as base64 in the TypeScript beside its `.wat` source, so the kernels load the same
 * way in Node and from the browser bundle (no file to fetch, no `Buffer`). A runtime without WebAssembly SIMD
 * gets null and the callers use their TypeScript kernels, which give the same numbers.
 */

/** The parts of the WebAssembly global used here (not in this project's `lib` typings). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** The bytes of a standard base64 string (padding optional); throws on any other character. */
export function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let k = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    const v = c < 128 ? DECODE[c] : -1;
    if (v < 0) throw new Error(`not base64 at ${i}`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Compiled modules by their base64 bytes; null where this runtime cannot compile them. */
const modules = new Map<string, object | null>();

/**
 * A new instance (with its own memory, or the one passed in `imports`) of the WebAssembly module whose bytes are
 * `base64`, or null when this runtime cannot compile or instantiate it (no WebAssembly, no SIMD, or no shared
 * memory for a module that imports one). Each module is compiled once.
 */
export function instantiateWasm<T>(base64: string, imports: object = {}): T | null {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  let module = modules.get(base64);
  if (module === undefined) {
    try {
      module = new api.Module(base64Bytes(base64));
    } catch {
      module = null;
    }
    modules.set(base64, module);
  }
  if (!module) return null;
  try {
    return new api.Instance(module, imports).exports as T;
  } catch {
    return null;
  }
}

/** WebAssembly pages are 64 KiB. */
const PAGE = 65536;

/**
 * Grow `memory` to at least `bytes` bytes; false when it cannot (the engine's limit, or no memory left), so that the
 * caller falls back to its TypeScript kernel.
 */
export function growMemory(memory: { buffer: ArrayBuffer | SharedArrayBuffer; grow(pages: number): number }, bytes: number): boolean {
  try {
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
    return true;
  } catch {
    return false;
  }
}
