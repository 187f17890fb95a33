import { randomSource } from '../random';
import { samples, Samples } from '../samples';
import { countWithinRadius, countWithinRadiusJs } from './countWithinRadius';
import { jointNeighborCounts, jointNeighborCountsJs } from './jointNeighborCounts';
import { KNN_WASM_BASE64, knnWasm } from './knnWasm';
import { kthNeighborDistances, kthNeighborDistancesJs } from './kthNeighborDistances';
import { assembleWatFile } from '../../../test/helpers/wasm';

/** n x d values from a seeded source; `grid` rounds them to multiples of 1/grid so that ties occur. */
function randomSamples(n: number, d: number, seed: number, grid = 0): Samples {
  const random = randomSource(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = grid ? Math.round(random.normal() * grid) / grid : random.normal();
  return samples(data, n, d);
}

/** Brute force straight from the definitions, sorting every row. */
function naiveKth(s: Samples, k: number, metric: 'chebyshev' | 'sqeuclidean'): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.n; i++) {
    const row: number[] = [];
    for (let j = 0; j < s.n; j++) {
      if (j === i) continue;
      let dist = 0;
      for (let c = 0; c < s.d; c++) {
        const diff = s.data[i * s.d + c] - s.data[j * s.d + c];
        dist = metric === 'chebyshev' ? Math.max(dist, Math.abs(diff)) : dist + diff * diff;
      }
      row.push(dist);
    }
    row.sort((a, b) => a - b);
    out.push(row[k - 1]);
  }
  return out;
}

describe('knn kernels', () => {
  it('kthNeighborDistances(s, 1, "chebyshev") on 0, 1, 3 gives 1, 1, 2', () => {
    expect(Array.from(kthNeighborDistances(samples(Float64Array.of(0, 1, 3), 3, 1), 1, 'chebyshev'))).toEqual([1, 1, 2]);
    expect(Array.from(kthNeighborDistances(samples(Float64Array.of(0, 1, 3), 3, 1), 2, 'sqeuclidean'))).toEqual([9, 4, 9]);
  });

  it('countWithinRadius(s, r, metric, includeSelf) counts strictly inside r, and duplicates when r = 0', () => {
    const s = samples(Float64Array.of(0, 1, 3, 3), 4, 1);
    expect(Array.from(countWithinRadius(s, Float64Array.of(1.5, 1, 0, 2), 'chebyshev', false))).toEqual([1, 0, 1, 1]);
    expect(Array.from(countWithinRadius(s, Float64Array.of(1.5, 1, 0, 2), 'chebyshev', true))).toEqual([2, 1, 2, 2]);
  });

  it('kthNeighborDistances(s, k, metric) matches a sort of every row, with and without ties', () => {
    for (const [n, d, k, grid] of [[31, 3, 1, 0], [40, 2, 5, 2], [17, 1, 16, 1]]) {
      const s = randomSamples(n, d, n + d, grid);
      for (const metric of ['chebyshev', 'sqeuclidean'] as const) {
        expect(Array.from(kthNeighborDistances(s, k, metric))).toEqual(naiveKth(s, k, metric));
      }
    }
  });

  it('the WebAssembly kernels give exactly the numbers of the TypeScript kernels (odd and even n, ties)', () => {
    expect(knnWasm()).not.toBeNull();
    for (const [n, dx, dy, k, grid] of [[101, 5, 2, 3, 0], [64, 1, 1, 1, 0], [77, 3, 4, 6, 2], [50, 2, 1, 4, 1]]) {
      const x = randomSamples(n, dx, 3 * n, grid);
      const y = randomSamples(n, dy, 5 * n, grid);
      const a = jointNeighborCounts(x, y, k);
      const b = jointNeighborCountsJs(x, y, k);
      expect(Array.from(a.eps)).toEqual(Array.from(b.eps));
      expect(Array.from(a.nx)).toEqual(Array.from(b.nx));
      expect(Array.from(a.ny)).toEqual(Array.from(b.ny));
      for (const metric of ['chebyshev', 'sqeuclidean'] as const) {
        const r = kthNeighborDistances(x, k, metric);
        expect(Array.from(r)).toEqual(Array.from(kthNeighborDistancesJs(x, k, metric)));
        for (const self of [false, true]) {
          expect(Array.from(countWithinRadius(x, r, metric, self))).toEqual(Array.from(countWithinRadiusJs(x, r, metric, self)));
        }
      }
    }
  });

  it('jointNeighborCounts(x, y, k) counts strictly within the k-th joint max-norm distance', () => {
    const x = samples(Float64Array.of(0, 1, 2, 4), 4, 1);
    const y = samples(Float64Array.of(0, 3, 1, 2), 4, 1);
    // joint distances from 0: to 1 -> 3, to 2 -> 2, to 3 -> 4; k = 1 -> eps_0 = 2; n_x(0) = #{|x| < 2} = 1; n_y(0) = #{|y| < 2} = 1
    const r = jointNeighborCountsJs(x, y, 1);
    expect(r.eps[0]).toBe(2);
    expect(r.nx[0]).toBe(1);
    expect(r.ny[0]).toBe(1);
    const w = jointNeighborCounts(x, y, 1);
    expect(Array.from(w.eps)).toEqual(Array.from(r.eps));
  });

  it('KNN_WASM_BASE64 is knnKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'knnKernels.wat')).toBe(KNN_WASM_BASE64);
  });
});
