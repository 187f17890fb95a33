import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleWat } from '../../../test/helpers/wasm';
import { instantiateWasm } from '../wasm';
import { TRIDIAGONAL_WASM_BASE64, TRIDIAGONAL_WASM_SHARED_BASE64, TridiagonalExports, wasmTridiagonalWorkspace } from './tridiagonalWasm';

describe('tridiagonalWasm', () => {
  it('TRIDIAGONAL_WASM_SHARED_BASE64 and TRIDIAGONAL_WASM_BASE64 are tridiagonalKernels.wat assembled by wabt (shared and not)', async () => {
    const text = readFileSync(join(__dirname, 'tridiagonalKernels.wat'), 'utf8');
    const features = { simd: true, threads: true };
    expect(await assembleWat('tridiagonalKernels.wat', text, features)).toBe(TRIDIAGONAL_WASM_SHARED_BASE64);
    expect(text.split(' shared)').length).toBe(2); // exactly one shared memory, the import
    expect(await assembleWat('tridiagonalKernels.wat', text.replace(' shared)', ')'), features)).toBe(TRIDIAGONAL_WASM_BASE64);
  });

  it('wasmTridiagonalWorkspace(n) is in a shared memory in Node, and the ordinary-memory kernel computes the same pass bit for bit', () => {
    const n = 41;
    const ws = wasmTridiagonalWorkspace(n);
    expect(ws?.shared).toBe(true);
    if (!ws) return;
    let state = 12345;
    const next = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
    for (let i = 0; i < ws.packed.length; i++) ws.packed[i] = next();
    const [u, p, a, q, , p1] = ws.vectors;
    for (const v of [u, a, q]) for (let i = 0; i < n; i++) v[i] = next();
    // the same data in an ordinary memory, run by the other flavour of the kernel
    const Wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer } } }).WebAssembly;
    const memory = new Wasm.Memory({ initial: 1, maximum: 32768 });
    const plain = instantiateWasm<TridiagonalExports>(TRIDIAGONAL_WASM_BASE64, { env: { memory } });
    expect(plain).not.toBeNull();
    const bytes = ws.offset(p1) + 8 * n;
    new Uint8Array(memory.buffer, 0, bytes).set(new Uint8Array(ws.memory.buffer, 0, bytes));
    const k = 18;
    ws.pass(0, k, a, q, u, p);
    ws.pass(k, 33, a, q, u, p1);
    plain?.tridiagPass(0, 0, k, ws.offset(a), ws.offset(q), ws.offset(u), ws.offset(p));
    plain?.tridiagPass(0, k, 33, ws.offset(a), ws.offset(q), ws.offset(u), ws.offset(p1));
    expect(Array.from(new Uint8Array(memory.buffer, 0, bytes))).toEqual(Array.from(new Uint8Array(ws.memory.buffer, 0, bytes)));
    ws.release();
  });

  it('wasmTridiagonalWorkspace(n) falls back to an ordinary memory where shared memory is refused, with the same eigenvalues', () => {
    const Wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { shared?: boolean }) => unknown } }).WebAssembly;
    const Memory = Wasm.Memory;
    const n = 150;
    let state = 99;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const want = Array.from((require('./symmetricEigenvalues') as typeof import('./symmetricEigenvalues')).symmetricEigenvalues(a, n));
    // a page without cross-origin isolation: no shared memory
    Wasm.Memory = class extends (Memory as unknown as new (d: object) => object) {
      constructor(d: { shared?: boolean }) {
        if (d.shared) throw new TypeError('shared memory is not allowed here');
        super(d);
      }
    } as unknown as typeof Memory;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const wasm = require('./tridiagonalWasm') as typeof import('./tridiagonalWasm');
        const ws = wasm.wasmTridiagonalWorkspace(n);
        expect(ws).not.toBeNull();
        expect(ws?.shared).toBe(false);
        ws?.release();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const eig = require('./symmetricEigenvalues') as typeof import('./symmetricEigenvalues');
        expect(Array.from(eig.symmetricEigenvalues(a, n, { threads: 2 }))).toEqual(want);
      });
    } finally {
      Wasm.Memory = Memory;
    }
  });
});
