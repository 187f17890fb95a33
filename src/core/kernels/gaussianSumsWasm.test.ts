import { randomSource } from '../random';
import { Samples } from '../samples';
import { gaussianRowSums, kernelParts, rowSumsOverParts, squaredDistance, tsRowSumsEngine } from './gaussianRowSums';
import { GAUSSIAN_SUMS_WASM_BASE64, wasmKernelRows, wasmPairedSumsEngine, wasmRowSumsEngine } from './gaussianSumsWasm';
import { expNeg } from './expNeg';
import { pairedGaussianSums, pairedSumsOverParts } from './pairedGaussianSums';
import { sortByGroup } from './sortByGroup';
import { denseGaussianRowSums } from '../../../test/helpers/matrices';
import { assembleWatFile } from '../../../test/helpers/wasm';

/** n x d samples: ReLU-like values (many exact zeros, many tied pairs), scaled by `spread`. */
function relu(n: number, d: number, seed: number, spread = 1): Samples {
  const r = randomSource(seed);
  return { data: Float64Array.from({ length: n * d }, () => spread * Math.max(0, 0.3 * r.normal() + 0.05)), n, d };
}

/** Bit-identical arrays: the first index that differs (Object.is), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('GAUSSIAN_SUMS_WASM_BASE64', () => {
  it('GAUSSIAN_SUMS_WASM_BASE64 is gaussianSumsKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'gaussianSumsKernels.wat')).toBe(GAUSSIAN_SUMS_WASM_BASE64);
  });
});

describe('wasmRowSumsEngine(data, n, d, grouped)', () => {
  // scales: a wide kernel (no zero), a narrow one (most values exactly 0, columns skipped) and one that puts
  // many arguments in [-745.14, -708), where expNeg falls back to Math.exp
  const cases: [number, number, number][] = [
    [1, 1, 0.5],
    [2, 3, 2],
    [3, 17, 500],
    [5, 5, 40],
    [37, 16, 500],
    [103, 33, 500],
    [257, 12, 2],
    [258, 70, 900],
  ];

  it('wasmRowSumsEngine gives bit-identical row sums to gaussianRowSums (TypeScript), grouped or not', () => {
    for (const [n, d, scale] of cases) {
      const s = relu(n, d, n + d);
      const engine = wasmRowSumsEngine(s.data, n, d, false);
      expect(engine).not.toBeNull();
      const got = rowSumsOverParts(engine!, n, scale, null);
      const want = gaussianRowSums(s, scale);
      expect({ n, d, scale, at: firstDifference(got.all, want.all) }).toEqual({ n, d, scale, at: -1 });
      // grouped: 3 classes of uneven (odd) sizes
      const r = randomSource(n);
      const ids = Int32Array.from({ length: n }, () => r.int(3));
      const { sorted, groupEnd } = sortByGroup(s, ids, 3);
      const grouped = rowSumsOverParts(wasmRowSumsEngine(sorted.data, n, d, true)!, n, scale, groupEnd);
      const ts = gaussianRowSums(sorted, scale, groupEnd);
      expect(firstDifference(grouped.all, ts.all)).toBe(-1);
      expect(firstDifference(grouped.within, ts.within)).toBe(-1);
    }
  });

  it('wasmRowSumsEngine row sums equal the dense Math.exp sums to 1e-12, also where exp falls back to Math.exp', () => {
    // rows 0, 1, ..., 39 on a line, scale 1: the pairs 27 apart have scale * distance = 729, in (708, 745.14),
    // where expNeg (and the kernel's scalar path) take Math.exp; others are wide or exactly 0
    const line: Samples = { data: Float64Array.from({ length: 40 }, (_, i) => i), n: 40, d: 1 };
    for (const [s, scale] of [
      [relu(61, 9, 4, 3), 40],
      [line, 1],
      [line, 0.004],
    ] as const) {
      const want = denseGaussianRowSums(s, scale);
      const got = rowSumsOverParts(wasmRowSumsEngine(s.data, s.n, s.d, false)!, s.n, scale, null).all;
      for (let i = 0; i < s.n; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-12 * want[i]);
      expect(firstDifference(got, gaussianRowSums(s, scale).all)).toBe(-1);
    }
    // the subnormal-range values themselves, seen in the cross-group sums (no diagonal 1 there): four rows at 0
    // in one group, one row at 27 in another
    const ends = Int32Array.of(4, 4, 4, 4, 5);
    const data = Float64Array.of(0, 0, 0, 0, 27);
    const got = wasmRowSumsEngine(data, 5, 1, true)!(1, ends, 0, 1, null);
    const want = tsRowSumsEngine(data, 5, 1, true)(1, ends, 0, 1, null);
    expect(got.cross[4]).toBeGreaterThan(0);
    expect(got.cross[4]).toBe(4 * Math.exp(-729));
    expect(firstDifference(got.cross, want.cross)).toBe(-1);
  });

  it('wasmRowSumsEngine parts reuse the same instance and each starts from zero', () => {
    const s = relu(50, 4, 9);
    const engine = wasmRowSumsEngine(s.data, s.n, s.d, false)!;
    const ts = tsRowSumsEngine(s.data, s.n, s.d, false);
    const parts = kernelParts(s.n);
    for (const part of [3, 0, 3]) expect(firstDifference(engine(1.5, null, part, parts, null).within, ts(1.5, null, part, parts, null).within)).toBe(-1);
  });
});

describe('wasmPairedSumsEngine(xa, da, xb, db, n, grouped)', () => {
  it('wasmPairedSumsEngine gives bit-identical sums to pairedGaussianSums (TypeScript), grouped or not', () => {
    for (const [n, da, db, scaleA, scaleB] of [
      [1, 1, 1, 1, 1],
      [3, 2, 5, 0.5, 2],
      [7, 12, 1, 500, 3],
      [101, 12, 7, 0.7, 1.3],
      [130, 20, 3, 60, 700],
    ]) {
      const a = relu(n, da, n);
      const b = relu(n, db, n + 1, 2);
      const got = pairedSumsOverParts(wasmPairedSumsEngine(a.data, da, b.data, db, n, false)!, n, scaleA, scaleB, null);
      const want = pairedGaussianSums(a, b, scaleA, scaleB);
      expect(firstDifference(got.rowA, want.rowA)).toBe(-1);
      expect(firstDifference(got.rowB, want.rowB)).toBe(-1);
      expect(Object.is(got.sumProduct, want.sumProduct)).toBe(true);
      const r = randomSource(n);
      const ids = Int32Array.from({ length: n }, () => r.int(4));
      const sa = sortByGroup(a, ids, 4);
      const sb = sortByGroup(b, ids, 4);
      const g = pairedSumsOverParts(wasmPairedSumsEngine(sa.sorted.data, da, sb.sorted.data, db, n, true)!, n, scaleA, scaleB, sa.groupEnd);
      const t = pairedGaussianSums(sa.sorted, sb.sorted, scaleA, scaleB, sa.groupEnd);
      expect(firstDifference(g.rowA, t.rowA)).toBe(-1);
      expect(firstDifference(g.rowB, t.rowB)).toBe(-1);
      expect(firstDifference(g.withinB, t.withinB)).toBe(-1);
      expect(Object.is(g.sumProduct, t.sumProduct)).toBe(true);
    }
  });
});

describe('wasmKernelRows(data, n, d)', () => {
  it('wasmKernelRows(data, n, d).rows(i, i, factor) gives expNeg(squaredDistance * factor) bit for bit, also where exp underflows', () => {
    for (const [n, d, seed] of [
      [37, 3, 1],
      [40, 1, 2],
      [21, 17, 3],
    ]) {
      const r = randomSource(seed);
      const data = new Float64Array(n * d);
      for (let k = 0; k < data.length; k++) data[k] = 3 * r.normal();
      const engine = wasmKernelRows(data, n, d);
      if (!engine) return; // no WebAssembly SIMD here: the TypeScript loop is used
      // a wide, a narrow and a very narrow kernel: values near 1, in Math.exp's range below -708, and exact 0s
      for (const factor of [-1 / 200, -1 / 2, -40]) {
        let compared = 0;
        for (let i = 0; i < n; i += 4) {
          engine.rows(i, i, factor);
          for (let q = 0; q < 4 && i + q < n; q++) {
            for (let j = 0; j < i; j++) {
              const truth = expNeg(squaredDistance(data, (i + q) * d, j * d, d) * factor);
              expect(Object.is(engine.view[q * engine.stride + j], truth)).toBe(true);
              compared++;
            }
          }
        }
        expect(compared).toBeGreaterThan((n * n) / 4);
      }
    }
  });
});
