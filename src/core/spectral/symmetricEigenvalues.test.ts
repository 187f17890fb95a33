import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { randomSource } from '../random';
import { packedSymmetricEigenvalues, symmetricEigenvalues, tridiagonalEigenvalues } from './symmetricEigenvalues';
import { TRIDIAGONAL_PARTS, tridiagonalBounds } from './tridiagonalWasm';
import { randomSymmetric } from '../../../test/helpers/matrices';

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** Largest difference between two ascending spectra, relative to the spectral radius. */
function relativeSpectrumError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let err = 0;
  for (let i = 0; i < got.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
  return err / Math.max(maxAbs(want), 1e-300);
}

function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

describe('symmetricEigenvalues', () => {
  it('symmetricEigenvalues(diagonal matrix) returns the sorted diagonal', () => {
    const diag = [3, -1, 7.5, 0, 2, 2, -4];
    const n = diag.length;
    const a = new Float64Array(n * n);
    diag.forEach((v, i) => (a[i * n + i] = v));
    expect(Array.from(symmetricEigenvalues(a, n))).toEqual([...diag].sort((x, y) => x - y));
  });

  it('symmetricEigenvalues(tridiagonal Toeplitz) equals a + 2b cos(k pi / (n + 1))', () => {
    for (const n of [1, 2, 3, 17, 64, 201]) {
      const aDiag = 0.7;
      const b = -1.3;
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = aDiag;
        if (i + 1 < n) {
          a[i * n + i + 1] = b;
          a[(i + 1) * n + i] = b;
        }
      }
      const want = Array.from({ length: n }, (_, k) => aDiag + 2 * b * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((x, y) => x - y);
      expect(relativeSpectrumError(symmetricEigenvalues(a, n), want)).toBeLessThan(1e-12);
    }
  });

  it('symmetricEigenvalues(s * tridiagonal Toeplitz) scales with s = 1e-250 and 1e250 (squares neither underflow nor overflow)', () => {
    const n = 40;
    for (const s of [1e-250, 1e250]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 0.7 * s;
        if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1.3 * s;
      }
      const want = Array.from({ length: n }, (_, k) => s * (0.7 - 2.6 * Math.cos(((k + 1) * Math.PI) / (n + 1)))).sort((x, y) => x - y);
      expect(relativeSpectrumError(symmetricEigenvalues(a, n), want)).toBeLessThan(1e-13);
    }
  });

  it('symmetricEigenvalues(I + v v\') has 1 (n - 1 times) and 1 + |v|^2', () => {
    const n = 120;
    const random = randomSource(3);
    const v = Float64Array.from({ length: n }, () => random.normal());
    let norm2 = 0;
    for (const x of v) norm2 += x * x;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) + v[i] * v[j];
    const ev = symmetricEigenvalues(a, n);
    const want = new Array(n).fill(1);
    want[n - 1] = 1 + norm2;
    expect(relativeSpectrumError(ev, want)).toBeLessThan(1e-12);
  });

  it('symmetricEigenvalues(random symmetric) matches ml-matrix EigenvalueDecomposition to 1e-10', () => {
    for (const [n, seed] of [
      [2, 1],
      [5, 2],
      [30, 3],
      [97, 4],
    ]) {
      const a = randomSymmetric(n, seed);
      const rows: number[][] = [];
      for (let i = 0; i < n; i++) rows.push(Array.from(a.subarray(i * n, (i + 1) * n)));
      const want = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((x, y) => x - y);
      const got = symmetricEigenvalues(a, n);
      expect(isAscending(got)).toBe(true);
      expect(relativeSpectrumError(got, want)).toBeLessThan(1e-10);
    }
  });

  it('symmetricEigenvalues(random symmetric, n = 400) keeps the trace and the Frobenius norm', () => {
    const n = 400;
    const a = randomSymmetric(n, 11);
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    for (const x of a) frob += x * x;
    const ev = symmetricEigenvalues(a, n);
    let sum = 0;
    let sum2 = 0;
    for (const x of ev) {
      sum += x;
      sum2 += x * x;
    }
    expect(Math.abs(sum - trace) / Math.sqrt(frob)).toBeLessThan(1e-10);
    expect(Math.abs(sum2 - frob) / frob).toBeLessThan(1e-10);
  });

  it('symmetricEigenvalues(a) leaves a untouched and reads only the requested triangle', () => {
    const n = 25;
    const a = randomSymmetric(n, 5);
    const copy = a.slice();
    const full = symmetricEigenvalues(a, n);
    expect(a).toEqual(copy);
    const lower = a.slice();
    const upper = a.slice();
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        lower[i * n + j] = NaN; // strictly upper part of `lower` is garbage
        upper[j * n + i] = NaN; // strictly lower part of `upper` is garbage
      }
    }
    expect(Array.from(symmetricEigenvalues(lower, n))).toEqual(Array.from(full));
    expect(relativeSpectrumError(symmetricEigenvalues(upper, n, { triangle: 'upper' }), full)).toBeLessThan(1e-13);
  });

  it('symmetricEigenvalues(a, n, {overwrite: true}) gives the same values without a packed copy', () => {
    const n = 33;
    const a = randomSymmetric(n, 8);
    const want = symmetricEigenvalues(a, n);
    const got = symmetricEigenvalues(a.slice(), n, { overwrite: true });
    expect(Array.from(got)).toEqual(Array.from(want));
    const plain = symmetricEigenvalues(a, n, { wasm: false });
    expect(Array.from(symmetricEigenvalues(a.slice(), n, { overwrite: true, wasm: false }))).toEqual(Array.from(plain));
  });

  it('symmetricEigenvalues(a, n, {wasm: false}) (TypeScript kernel) agrees with the WebAssembly kernel', () => {
    for (const n of [24, 25, 64, 131]) {
      const a = randomSymmetric(n, 100 + n);
      const fast = symmetricEigenvalues(a, n);
      const plain = symmetricEigenvalues(a, n, { wasm: false });
      expect(relativeSpectrumError(fast, plain)).toBeLessThan(1e-13);
      const upper = symmetricEigenvalues(a, n, { triangle: 'upper' });
      expect(relativeSpectrumError(upper, plain)).toBeLessThan(1e-13);
    }
  });

  it('symmetricEigenvalues handles zero rows, a zero matrix and n = 0', () => {
    expect(symmetricEigenvalues(new Float64Array(0), 0).length).toBe(0);
    expect(Array.from(symmetricEigenvalues(new Float64Array(9), 3))).toEqual([0, 0, 0]);
    // block diagonal with a zero block in the middle: exercises the "nothing to annihilate" branch
    const n = 6;
    const a = new Float64Array(n * n);
    const set = (i: number, j: number, v: number): void => {
      a[i * n + j] = v;
      a[j * n + i] = v;
    };
    set(0, 0, 2);
    set(0, 1, 1);
    set(1, 1, 2);
    set(4, 4, 5);
    set(5, 4, 1);
    set(5, 5, 5);
    const ev = Array.from(symmetricEigenvalues(a, n));
    const want = [0, 0, 1, 3, 4, 6];
    ev.forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
  });

  it('symmetricEigenvalues rejects an array shorter than n * n', () => {
    expect(() => symmetricEigenvalues(new Float64Array(3), 2)).toThrow(/n \* n = 4/);
  });
});

describe('tridiagonalEigenvalues', () => {
  it('tridiagonalEigenvalues(d, e) equals the Toeplitz closed form and leaves its inputs alone', () => {
    const n = 50;
    const d = new Float64Array(n).fill(2);
    const e = new Float64Array(n - 1).fill(-1);
    const ev = tridiagonalEigenvalues(d, e);
    const want = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((x, y) => x - y);
    expect(relativeSpectrumError(ev, want)).toBeLessThan(1e-13);
    expect(d[0]).toBe(2);
    expect(e[0]).toBe(-1);
  });
});

describe('symmetricEigenvalues with subnormal entries', () => {
  it('symmetricEigenvalues(identity plus subnormal off-diagonal entries) gives ones, not NaN', () => {
    const n = 6;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = 1;
    a[3 * n + 1] = a[1 * n + 3] = 5e-324;
    a[5 * n + 0] = a[0 * n + 5] = 2e-323;
    a[4 * n + 2] = a[2 * n + 4] = 1e-310;
    for (const wasm of [true, false]) {
      const values = Array.from(symmetricEigenvalues(a, n, { wasm }));
      expect(values).toEqual(Array(n).fill(1));
    }
  });
});

describe('packedSymmetricEigenvalues', () => {
  it('packedSymmetricEigenvalues(n, fill) equals symmetricEigenvalues of the dense matrix, bit for bit, on both kernels', () => {
    for (const n of [1, 2, 7, 40]) {
      const a = randomSymmetric(n, 11 + n);
      const fill = (packed: Float64Array): void => {
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) packed[(i * (i + 1)) / 2 + j] = a[i * n + j];
      };
      for (const wasm of [true, false]) {
        expect(Array.from(packedSymmetricEigenvalues(n, fill, { wasm }))).toEqual(Array.from(symmetricEigenvalues(a, n, { wasm })));
      }
    }
    // the closed form of the documented example
    const two = packedSymmetricEigenvalues(2, (p) => p.set([2, 1, 2]));
    expect(two[0]).toBeCloseTo(1, 14);
    expect(two[1]).toBeCloseTo(3, 14);
    expect(packedSymmetricEigenvalues(0, () => undefined).length).toBe(0);
  });
});


describe('symmetricEigenvalues threads', () => {
  // From the TypeScript sources there is no compiled helper worker, so every setting runs the two parts of each
  // pass in sequence; the helper thread itself is tested from dist in src/core/threads/tridiagonalThreads.test.ts.
  it('symmetricEigenvalues(a, n, {threads}) gives the same values bit for bit for 1, 2, 3 and auto, on both kernels', () => {
    for (const n of [70, 257, 301]) {
      const a = randomSymmetric(n, 40 + n);
      for (const wasm of [true, false]) {
        const one = Array.from(symmetricEigenvalues(a, n, { wasm, threads: 1 }));
        for (const threads of [2, 3, 'auto'] as const) expect(Array.from(symmetricEigenvalues(a, n, { wasm, threads }))).toEqual(one);
        const fill = (packed: Float64Array): void => {
          for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) packed[(i * (i + 1)) / 2 + j] = a[i * n + j];
        };
        expect(Array.from(packedSymmetricEigenvalues(n, fill, { wasm, threads: 2 }))).toEqual(one);
      }
    }
  });

  it('symmetricEigenvalues(I + v v\', n = 300) with the rows of each pass in two parts has 1 (n - 1 times) and 1 + |v|^2', () => {
    const n = 300;
    expect(tridiagonalBounds(n - 1, new Int32Array(TRIDIAGONAL_PARTS + 1))[1]).toBeGreaterThan(0); // the passes are split
    const random = randomSource(9);
    const v = Float64Array.from({ length: n }, () => random.normal());
    let norm2 = 0;
    for (const x of v) norm2 += x * x;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) + v[i] * v[j];
    const want = new Array(n).fill(1);
    want[n - 1] = 1 + norm2;
    for (const wasm of [true, false]) expect(relativeSpectrumError(symmetricEigenvalues(a, n, { wasm, threads: 2 }), want)).toBeLessThan(1e-12);
  });

  it('tridiagonalBounds(m) cuts a pass into parts of about equal area, from even rows', () => {
    const bounds = new Int32Array(TRIDIAGONAL_PARTS + 1);
    expect(Array.from(tridiagonalBounds(10, bounds))).toEqual([...new Array(TRIDIAGONAL_PARTS).fill(0), 10]);
    for (const m of [64, 99, 1000, 4095]) {
      tridiagonalBounds(m, bounds);
      expect(bounds[0]).toBe(0);
      expect(bounds[TRIDIAGONAL_PARTS]).toBe(m);
      for (let k = 0; k < TRIDIAGONAL_PARTS; k++) {
        expect(bounds[k] % 2).toBe(0);
        const area = (bounds[k + 1] ** 2 - bounds[k] ** 2) / m ** 2;
        expect(Math.abs(area - 1 / TRIDIAGONAL_PARTS)).toBeLessThan(8 / m); // each bound within 1 of m sqrt(k / PARTS)
      }
    }
  });

  it('symmetricEigenvalues rejects threads that are not a positive integer or auto', () => {
    expect(() => symmetricEigenvalues(new Float64Array(4), 2, { threads: 0 })).toThrow(/threads must be a positive integer/);
    expect(() => packedSymmetricEigenvalues(2, () => undefined, { threads: 1.5 })).toThrow(/threads must be a positive integer/);
  });
});
