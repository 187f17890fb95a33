import { base64Bytes, instantiateWasm } from './wasm';
import { SPECTRAL_WASM_BASE64 } from './spectral/spectralWasm';
import { KNN_WASM_BASE64 } from './knn/knnWasm';

describe('base64Bytes', () => {
  it('base64Bytes decodes as Node does, for every length modulo 3 and with or without padding', () => {
    let state = 7;
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, () => (state = (state * 1103515245 + 12345) % 2 ** 31) & 0xff);
      const text = Buffer.from(bytes).toString('base64');
      expect(Array.from(base64Bytes(text))).toEqual(Array.from(bytes));
      expect(Array.from(base64Bytes(text.replace(/=+$/, '')))).toEqual(Array.from(bytes));
    }
    expect(Array.from(base64Bytes(SPECTRAL_WASM_BASE64))).toEqual(Array.from(Buffer.from(SPECTRAL_WASM_BASE64, 'base64')));
    expect(() => base64Bytes('AG#s')).toThrow(/not base64 at 2/);
  });
});

describe('instantiateWasm', () => {
  it('instantiateWasm loads the kernels without Node\'s Buffer (as in the browser bundle)', () => {
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      const ex = instantiateWasm<{ memory: unknown; rowChebyshev: unknown }>(KNN_WASM_BASE64);
      expect(typeof ex?.rowChebyshev).toBe('function');
    } finally {
      globalThis.Buffer = saved;
    }
    expect(instantiateWasm('AGFzbQEAAAA=')).toEqual({});
    expect(instantiateWasm('AGFz')).toBeNull();
  });
});
