import { randomSource } from '../random';
import { choleskyLogDet, columnMeans, gramOrder, logDetIdentityPlusGram, logDetIdentityPlusScaled, SCATTER_WASM_MIN_PRODUCTS, scatterLower, scatterLowerGroups, scatterLowerSets } from './gramLogDet';

describe('logDetIdentityPlusGram', () => {
  it('logDetIdentityPlusGram(data, n, d, a) of orthogonal rows is the sum of ln(1 + a |z_i|^2)', () => {
    // rows (1, 0, 0), (0, 2, 0): Z'Z = diag(1, 4, 0); the 2 x 2 row Gram side is used (n < d)
    const z = new Float64Array([1, 0, 0, 0, 2, 0]);
    expect(logDetIdentityPlusGram(z, 2, 3, 0.5)).toBeCloseTo(Math.log(1.5) + Math.log(3), 14);
    // the same rows stacked with a third: the d x d side (n > d)
    const z3 = new Float64Array([1, 0, 0, 0, 2, 0, 0, 0, 3]);
    expect(logDetIdentityPlusGram(z3, 3, 3, 0.5)).toBeCloseTo(Math.log(1.5) + Math.log(3) + Math.log(5.5), 14);
    expect(logDetIdentityPlusGram(new Float64Array([1, 1, 1, 1, 1, 1, 1, 1]), 4, 2, 1)).toBeCloseTo(Math.log(9), 14);
  });

  it('logDetIdentityPlusGram(data, n, d, a, rows) uses only the rows given', () => {
    const z = new Float64Array([1, 0, 5, 5, 0, 2]);
    expect(logDetIdentityPlusGram(z, 3, 2, 1, [0, 2])).toBeCloseTo(Math.log(2) + Math.log(5), 14);
    expect(logDetIdentityPlusGram(z, 3, 2, 1, [])).toBe(0);
    expect(gramOrder(3, 2)).toBe(2);
  });

  it('choleskyLogDet(g, k) is ln det of a positive definite matrix and NaN for one that is not', () => {
    // [[4, 2], [2, 3]]: det 8
    expect(choleskyLogDet(new Float64Array([4, 0, 2, 3]), 2)).toBeCloseTo(Math.log(8), 14);
    expect(choleskyLogDet(new Float64Array([1, 0, 2, 1]), 2)).toBeNaN();
  });

  it('logDetIdentityPlusScaled(g, k, a) is ln det(I + a S) from the lower triangle of S', () => {
    // S = [[4, 2], [2, 3]], a = 0.5: I + a S = [[3, 1], [1, 2.5]], det 6.5
    expect(logDetIdentityPlusScaled(new Float64Array([4, 0, 2, 3]), 2, 0.5)).toBeCloseTo(Math.log(6.5), 14);
  });
});

describe('scatterLower', () => {
  /** The rank-one update per row, entry by entry (the definition). */
  function naive(data: Float64Array, d: number, rows: number[], mean: Float64Array): Float64Array {
    const g = new Float64Array(d * d);
    for (const i of rows) for (let p = 0; p < d; p++) for (let q = 0; q <= p; q++) g[p * d + q] += (data[i * d + p] - mean[p]) * (data[i * d + q] - mean[q]);
    return g;
  }

  it('scatterLower(data, d, count, g, rows, mean) equals the row-by-row sum, rounding for rounding, for any d', () => {
    const r = randomSource(5);
    for (const d of [1, 2, 3, 4, 5, 8, 11, 12, 13]) {
      const n = 37;
      const data = Float64Array.from({ length: n * d }, () => (r() < 0.2 ? 0 : 100 + r.normal()));
      const mean = Float64Array.from({ length: d }, () => 100 + r.normal());
      const all = Array.from({ length: n }, (_, i) => i);
      const some = all.filter((i) => i % 3 !== 1);
      const g = new Float64Array(d * d);
      scatterLower(data, d, n, g);
      expect(Array.from(g)).toEqual(Array.from(naive(data, d, all, new Float64Array(d))));
      const gc = new Float64Array(d * d);
      scatterLower(data, d, some.length, gc, some, mean);
      expect(Array.from(gc)).toEqual(Array.from(naive(data, d, some, mean)));
    }
  });
});

describe('columnMeans', () => {
  it('columnMeans(data, n, d) is each column\'s sum over the rows in order, divided by n', () => {
    expect(Array.from(columnMeans(new Float64Array([1, 2, 3, 4, 5, 9]), 3, 2))).toEqual([3, 5]);
    // 0.1 + 0.2 + 0.3 summed left to right, then / 3
    expect(columnMeans(new Float64Array([0.1, 0.2, 0.3]), 3, 1)[0]).toBe((0.1 + 0.2 + 0.3) / 3);
  });
});

describe('scatterLowerSets', () => {
  /** The scatter matrix of the rows `rows` around `mean`, row by row (the definition). */
  function naive(data: Float64Array, d: number, rows: number[], mean: Float64Array): Float64Array {
    const g = new Float64Array(d * d);
    for (const i of rows) for (let p = 0; p < d; p++) for (let q = 0; q <= p; q++) g[p * d + q] += (data[i * d + p] - mean[p]) * (data[i * d + q] - mean[q]);
    return g;
  }

  it('scatterLowerSets(data, n, d, center, sets, gs) is the row-by-row sum of each set, below and above the WebAssembly cutoff', () => {
    const r = randomSource(8);
    // 3 x 2 x 3 = 18 products (TypeScript), 301 x 7 x 8 x 2 sets (WebAssembly)
    for (const [n, d] of [[3, 2], [301, 7]]) {
      const data = Float64Array.from({ length: n * d }, () => 50 + r.normal());
      const all = Array.from({ length: n }, (_, i) => i);
      const odd = all.filter((i) => i % 2 === 1);
      for (const center of [false, true]) {
        const gs = [new Float64Array(d * d), new Float64Array(d * d)];
        const mean = scatterLowerSets(data, n, d, center, [undefined, odd], gs);
        const mu = center ? columnMeans(data, n, d) : new Float64Array(d);
        if (center) expect(Array.from(mean as Float64Array)).toEqual(Array.from(mu));
        else expect(mean).toBeUndefined();
        expect(Array.from(gs[0])).toEqual(Array.from(naive(data, d, all, mu)));
        expect(Array.from(gs[1])).toEqual(Array.from(naive(data, d, odd, mu)));
      }
    }
    expect(301 * 7 * 8).toBeGreaterThan(2 * SCATTER_WASM_MIN_PRODUCTS);
    expect(3 * 2 * 3).toBeLessThan(2 * SCATTER_WASM_MIN_PRODUCTS);
  });

  it('scatterLowerSets and scatterLowerGroups fall back to TypeScript, with the same numbers, where WebAssembly is missing', () => {
    const r = randomSource(14);
    const n = 301;
    const d = 7;
    const data = Float64Array.from({ length: n * d }, () => 50 + r.normal());
    const ids = Int32Array.from({ length: n }, () => r.int(2));
    const counts = new Int32Array(2);
    for (const c of ids) counts[c]++;
    const run = (mod: typeof import('./gramLogDet')) => {
      const g = new Float64Array(d * d);
      const mean = mod.scatterLowerSets(data, n, d, true, [undefined], [g]);
      const gs = [new Float64Array(d * d), new Float64Array(d * d)];
      mod.scatterLowerGroups(data, n, d, ids, counts, gs);
      return [mean, g, ...gs].map((a) => Array.from(a as Float64Array));
    };
    const withWasm = run({ scatterLowerSets, scatterLowerGroups } as typeof import('./gramLogDet'));
    const global = globalThis as { WebAssembly?: unknown };
    const saved = global.WebAssembly;
    try {
      global.WebAssembly = undefined;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fresh = require('./gramLogDet') as typeof import('./gramLogDet');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect((require('./scatterWasm') as typeof import('./scatterWasm')).wasmScatterSets(data, n, d, false, [undefined], [new Float64Array(d * d)])).toBeNull();
        expect(run(fresh)).toEqual(withWasm);
      });
    } finally {
      global.WebAssembly = saved;
    }
  });

  it('scatterLowerGroups(data, n, d, ids, counts, gs) is the scatter matrix of each class\'s rows, below and above the cutoff', () => {
    const r = randomSource(12);
    for (const [n, d] of [[5, 2], [250, 6]]) {
      const data = Float64Array.from({ length: n * d }, () => r.normal());
      const ids = Int32Array.from({ length: n }, () => r.int(3));
      const counts = new Int32Array(3);
      for (const c of ids) counts[c]++;
      const gs = [0, 1, 2].map(() => new Float64Array(d * d));
      scatterLowerGroups(data, n, d, ids, counts, gs);
      for (let c = 0; c < 3; c++) {
        const rows = Array.from({ length: n }, (_, i) => i).filter((i) => ids[i] === c);
        expect(Array.from(gs[c])).toEqual(Array.from(naive(data, d, rows, new Float64Array(d))));
      }
    }
  });
});
