import { randomSource } from '../random';
import { columnMeans, scatterLower } from './gramLogDet';
import { SCATTER_WASM_BASE64, wasmScatterGroups, wasmScatterSets } from './scatterWasm';
import { assembleWatFile } from '../../../test/helpers/wasm';

/** The first index where two arrays differ bit for bit (Object.is), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** n x d values around 100 (centring matters), a fifth of them exact zeros, and a few -0. */
function matrix(n: number, d: number, seed: number): Float64Array {
  const r = randomSource(seed);
  return Float64Array.from({ length: n * d }, () => {
    const u = r();
    return u < 0.2 ? 0 : u < 0.22 ? -0 : 100 + r.normal();
  });
}

describe('SCATTER_WASM_BASE64', () => {
  it('SCATTER_WASM_BASE64 is scatterKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'scatterKernels.wat')).toBe(SCATTER_WASM_BASE64);
  });
});

describe('wasmScatterSets(data, n, d, center, sets, gs)', () => {
  it('wasmScatterSets gives the numbers of columnMeans and scatterLower bit for bit, for any n, d, row subset and centring', () => {
    let seed = 1;
    for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17]) {
      for (const n of [1, 2, 5, 36, 37]) {
        const data = matrix(n, d, seed++);
        const all = Array.from({ length: n }, (_, i) => i);
        // all rows, a subset in another order (with a repeat), no row
        const sets = [undefined, all.filter((i) => i % 3 !== 1).reverse().concat(all.slice(0, 1)), []];
        for (const center of [false, true]) {
          // the upper triangle must be left as it was
          const wasm = sets.map(() => new Float64Array(d * d).fill(7));
          const ts = sets.map(() => new Float64Array(d * d).fill(7));
          const done = wasmScatterSets(data, n, d, center, sets, wasm);
          expect(done).not.toBeNull();
          const mean = center ? columnMeans(data, n, d) : undefined;
          sets.forEach((set, k) => scatterLower(data, d, set ? set.length : n, ts[k], set, mean));
          for (let k = 0; k < sets.length; k++) expect([d, n, center, k, firstDifference(wasm[k], ts[k])]).toEqual([d, n, center, k, -1]);
          if (mean) expect(firstDifference(done?.mean as Float64Array, mean)).toBe(-1);
          else expect(done?.mean).toBeUndefined();
        }
      }
    }
  });

  it('wasmScatterSets reads only the first n rows of a longer array and leaves the data unchanged', () => {
    const d = 5;
    const data = matrix(9, d, 40);
    const copy = Float64Array.from(data);
    const g = new Float64Array(d * d);
    wasmScatterSets(data, 7, d, true, [undefined], [g]);
    const ts = new Float64Array(d * d);
    scatterLower(data, d, 7, ts, undefined, columnMeans(data, 7, d));
    expect(firstDifference(g, ts)).toBe(-1);
    expect(firstDifference(data, copy)).toBe(-1);
  });
});

describe('wasmScatterGroups(data, n, d, ids, counts, gs)', () => {
  it('wasmScatterGroups gives scatterLower of each class\'s rows in increasing order, bit for bit', () => {
    const r = randomSource(9);
    for (const d of [1, 3, 4, 7, 12, 13]) {
      for (const n of [1, 6, 37, 101]) {
        const data = matrix(n, d, 100 + d + n);
        const classes = 4; // class 3 may be empty
        const ids = Int32Array.from({ length: n }, () => r.int(3) + (r() < 0.1 ? 1 : 0));
        const counts = new Int32Array(classes);
        for (const c of ids) counts[c]++;
        const wasm = Array.from({ length: classes }, () => new Float64Array(d * d));
        expect(wasmScatterGroups(data, n, d, ids, counts, wasm)).not.toBeNull();
        for (let c = 0; c < classes; c++) {
          const rows = Array.from({ length: n }, (_, i) => i).filter((i) => ids[i] === c);
          const ts = new Float64Array(d * d);
          scatterLower(data, d, rows.length, ts, rows);
          expect([d, n, c, firstDifference(wasm[c], ts)]).toEqual([d, n, c, -1]);
        }
      }
    }
  });
});
