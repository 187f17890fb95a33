import { randomSource } from '../random';
import { samples, Samples } from '../samples';
import { countWithinRadiusJs } from './countWithinRadius';
import { jointNeighborCounts, jointNeighborCountsJs, jointNeighborCountsTree } from './jointNeighborCounts';
import { buildKdTree, kdCountWithinRadius, kdKthNeighborDistances, sortedCountWithinRadius } from './kdTree';
import { kthNeighborDistances, kthNeighborDistancesJs, useTree } from './kthNeighborDistances';

type Kind = 'normal' | 'grid' | 'integers' | 'scales';

/**
 * n x d values from a seeded source: 'normal' continuous; 'grid' normal rounded to halves (many ties);
 * 'integers' in {0, 1, 2, 3} (ties everywhere, many zero eps); 'scales' normal times 10^[-12, 12] plus offsets
 * of 1e8, where the rounding of differences matters.
 */
function data(n: number, d: number, seed: number, kind: Kind): Samples {
  const random = randomSource(seed);
  const out = new Float64Array(n * d);
  for (let i = 0; i < out.length; i++) {
    const z = random.normal();
    if (kind === 'normal') out[i] = z;
    else if (kind === 'grid') out[i] = Math.round(2 * z) / 2;
    else if (kind === 'integers') out[i] = random.int(4);
    else out[i] = z * 10 ** (random.int(25) - 12) + (random.int(2) ? 1e8 : 0);
  }
  return samples(out, n, d);
}

/** Bitwise equality of two arrays (Object.is: 0 and -0 differ, NaN equals NaN). */
function expectSame(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}: index ${i}: ${a[i]} !== ${b[i]}`);
  }
}

const KINDS: Kind[] = ['normal', 'grid', 'integers', 'scales'];

describe('kdTree', () => {
  it('buildKdTree(data, n, d) holds every row once, each node inside its tight box, children splitting its range', () => {
    for (const [n, d, kind] of [[1000, 3, 'normal'], [257, 2, 'integers'], [2, 1, 'normal'], [40, 5, 'grid']] as const) {
      const s = data(n, d, n + d, kind);
      const tree = buildKdTree(s.data, n, d, 4);
      expect(Array.from(tree.index).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      for (let p = 0; p < n; p++) for (let c = 0; c < d; c++) expect(tree.points[p * d + c]).toBe(s.data[tree.index[p] * d + c]);
      for (let v = 0; v < tree.start.length; v++) {
        if (tree.end[v] - tree.start[v] > 4) expect(v).toBeLessThan(tree.firstLeaf);
        if (v < tree.firstLeaf) {
          expect(tree.start[2 * v + 1]).toBe(tree.start[v]);
          expect(tree.end[2 * v + 1]).toBe(tree.start[2 * v + 2]);
          expect(tree.end[2 * v + 2]).toBe(tree.end[v]);
        }
        for (let c = 0; c < d; c++) {
          let lo = Infinity, hi = -Infinity;
          for (let p = tree.start[v]; p < tree.end[v]; p++) {
            lo = Math.min(lo, tree.points[p * d + c]);
            hi = Math.max(hi, tree.points[p * d + c]);
          }
          // === rather than toBe: a box may hold 0 where the points hold -0, which bounds them the same
          expect(tree.box[2 * d * v + c] === lo && tree.box[2 * d * v + d + c] === hi).toBe(true);
        }
      }
    }
  });

  it('kdKthNeighborDistances(tree, k) gives the brute-force max-norm k-th distances bit for bit (ties, scales, all n)', () => {
    for (const kind of KINDS) {
      for (const [n, d, k] of [[2, 1, 1], [3, 2, 2], [17, 1, 16], [100, 2, 3], [333, 3, 5], [600, 1, 1], [500, 4, 10], [200, 6, 3]]) {
        const s = data(n, d, 7 * n + d, kind);
        const brute = kthNeighborDistancesJs(s, k, 'chebyshev');
        for (const leaf of [1, 3, 16]) expectSame(kdKthNeighborDistances(buildKdTree(s.data, n, d, leaf), k), brute, `${kind} n=${n} d=${d} k=${k} leaf=${leaf}`);
        expectSame(kthNeighborDistances(s, k, 'chebyshev', 'tree'), brute, `${kind} tree`);
        expectSame(kthNeighborDistances(s, k, 'chebyshev', 'auto'), brute, `${kind} auto`);
      }
    }
  });

  it('kdCountWithinRadius(tree, radius) counts strictly inside each radius (self included), duplicates at radius 0', () => {
    for (const kind of KINDS) {
      for (const [n, d, k] of [[2, 1, 1], [50, 2, 2], [400, 3, 3], [300, 1, 5], [250, 5, 4]]) {
        const s = data(n, d, 11 * n + d, kind);
        // radii equal to actual distances (the boundary case of the strict test), zero radii and random radii
        const radii = [kthNeighborDistancesJs(s, k, 'chebyshev'), new Float64Array(n), Float64Array.from({ length: n }, (_, i) => (i % 3) * 0.4)];
        for (const radius of radii) {
          const brute = countWithinRadiusJs(s, radius, 'chebyshev', true);
          for (const leaf of [1, 16]) expectSame(kdCountWithinRadius(buildKdTree(s.data, n, d, leaf), radius), brute, `${kind} n=${n} d=${d} leaf=${leaf}`);
          if (d === 1) expectSame(sortedCountWithinRadius(s.data, radius), brute, `${kind} sorted n=${n}`);
        }
      }
    }
  });

  it('sortedCountWithinRadius(values, radius) on 0, -0, 1, 1, 3 with radii 0, 1, 2 and 1e-300', () => {
    const values = Float64Array.of(0, -0, 1, 1, 3);
    // |0 - (-0)| = 0: the two zeros are duplicates of each other
    expect(Array.from(sortedCountWithinRadius(values, new Float64Array(5)))).toEqual([2, 2, 2, 2, 1]);
    expect(Array.from(sortedCountWithinRadius(values, new Float64Array(5).fill(1)))).toEqual([2, 2, 2, 2, 1]);
    expect(Array.from(sortedCountWithinRadius(values, new Float64Array(5).fill(2)))).toEqual([4, 4, 4, 4, 1]);
    expect(Array.from(sortedCountWithinRadius(values, new Float64Array(5).fill(1e-300)))).toEqual([2, 2, 2, 2, 1]);
  });

  it('jointNeighborCounts(x, y, k, "tree") gives eps, n_x, n_y of brute force bit for bit (ties, scales, several n, d, k)', () => {
    for (const kind of KINDS) {
      for (const [n, dx, dy, k] of [[2, 1, 1, 1], [9, 1, 1, 8], [150, 1, 1, 3], [700, 1, 1, 1], [400, 3, 1, 3], [300, 2, 3, 6], [256, 1, 4, 4], [200, 3, 3, 2]]) {
        const x = data(n, dx, 3 * n + dx, kind);
        // y depends on x in part, so that the joint neighbours are not those of independent data
        const y = data(n, dy, 5 * n + dy, kind);
        for (let i = 0; i < n; i++) y.data[i * dy] = kind === 'integers' ? (y.data[i * dy] + x.data[i * dx]) % 4 : y.data[i * dy] + x.data[i * dx];
        const brute = jointNeighborCountsJs(x, y, k);
        const wasm = jointNeighborCounts(x, y, k, 'brute');
        for (const r of [jointNeighborCountsTree(x, y, k), jointNeighborCounts(x, y, k, 'tree'), jointNeighborCounts(x, y, k, 'auto'), wasm]) {
          const what = `${kind} n=${n} dx=${dx} dy=${dy} k=${k}`;
          expectSame(r.eps, brute.eps, `${what} eps`);
          expectSame(r.nx, brute.nx, `${what} nx`);
          expectSame(r.ny, brute.ny, `${what} ny`);
        }
      }
    }
  });

  it('jointNeighborCounts(x, y, k, "tree") on identical samples: eps 0 and every other sample counted', () => {
    const x = samples(new Float64Array(30).fill(2), 30, 1);
    const y = samples(new Float64Array(60).fill(-1), 30, 2);
    const r = jointNeighborCounts(x, y, 3, 'tree');
    expect(Array.from(r.eps)).toEqual(new Array(30).fill(0));
    expect(Array.from(r.nx)).toEqual(new Array(30).fill(29));
    expect(Array.from(r.ny)).toEqual(new Array(30).fill(29));
  });

  it('useTree(n, d, offset) takes the tree from 2^(d + offset) samples up to 8 dimensions', () => {
    expect(useTree(1024, 2, 8)).toBe(true);
    expect(useTree(1023, 2, 8)).toBe(false);
    expect(useTree(512, 2, 7)).toBe(true);
    expect(useTree(2 ** 20, 9, 8)).toBe(false);
  });
});
