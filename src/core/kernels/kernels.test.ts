import { randomSource } from '../random';
import { Samples } from '../samples';
import { pairwiseSquaredDistances } from '../pairwiseSquaredDistances';
import {
  bandwidthRows,
  conditionalCsSums,
  csIbBandwidth,
  csIbBandwidthOfLabels,
  expNeg,
  gaussianRowSums,
  logSumExpRows,
  medianDistance,
  medianDistanceOfLabels,
  medianInPlace,
  pairedGaussianSums,
  pairSquaredDistances,
  selectKth,
  sortByGroup,
} from './index';

function gaussianSamples(n: number, d: number, seed: number, scale = 1): Samples {
  const r = randomSource(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = scale * r.normal();
  return { data, n, d };
}

function oneHotSamples(ids: Int32Array, classes: number): Samples {
  const data = new Float64Array(ids.length * classes);
  ids.forEach((c, i) => (data[i * classes + c] = 1));
  return { data, n: ids.length, d: classes };
}

/** Dense oracle: K = exp(-scale D) from the n x n distance matrix. */
function denseKernel(s: Samples, scale: number): Float64Array {
  const D = pairwiseSquaredDistances(s);
  return D.map((v) => Math.exp(-scale * v));
}

function relClose(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

describe('expNeg(x)', () => {
  it('expNeg(x) matches Math.exp to 4e-16 relative on [-708, 0]', () => {
    const r = randomSource(1);
    let worst = 0;
    for (let k = 0; k < 200000; k++) {
      const x = -r() * (k % 2 ? 708 : 2);
      worst = Math.max(worst, Math.abs(expNeg(x) - Math.exp(x)) / Math.exp(x));
    }
    expect(worst).toBeLessThan(5e-16);
  });
  it('expNeg(x) is exact at 0 and underflows like Math.exp', () => {
    expect(expNeg(0)).toBe(1);
    expect(expNeg(-0)).toBe(1);
    expect(expNeg(-1e-300)).toBe(1);
    expect(expNeg(-720)).toBe(Math.exp(-720));
    expect(expNeg(-800)).toBe(0);
    expect(expNeg(-Infinity)).toBe(0);
  });
});

describe('gaussianRowSums(s, scale, groupEnd)', () => {
  it('gaussianRowSums(s, scale) equals the dense row sums to 1e-12 (n not a multiple of 4)', () => {
    const s = gaussianSamples(103, 5, 2);
    const scale = 0.3;
    const K = denseKernel(s, scale);
    const { all, within } = gaussianRowSums(s, scale);
    expect(within).toBe(all);
    for (let i = 0; i < s.n; i++) {
      let row = 0;
      for (let j = 0; j < s.n; j++) row += K[i * s.n + j];
      expect(relClose(all[i], row, 1e-12)).toBe(true);
    }
  });
  it('gaussianRowSums(s, scale) gives log-sum-exp rows equal to the dense logSumExpRows to 1e-12', () => {
    const s = gaussianSamples(64, 3, 3, 0.05);
    const scale = 1 / (2 * 1e-3);
    const D = pairwiseSquaredDistances(s);
    const lse = logSumExpRows(D.map((v) => -scale * v), s.n, s.n);
    const { all } = gaussianRowSums(s, scale);
    for (let i = 0; i < s.n; i++) expect(Math.abs(Math.log(all[i]) - lse[i])).toBeLessThan(1e-12);
  });
  it('gaussianRowSums(s, scale, groupEnd) gives within-group sums equal to dense ones to 1e-12', () => {
    const s0 = gaussianSamples(157, 4, 4);
    const r = randomSource(5);
    const ids = new Int32Array(s0.n).map(() => r.int(3));
    const { sorted, groupEnd, starts, order } = sortByGroup(s0, ids, 3);
    expect(Array.from(order).map((i) => ids[i])).toEqual(Array.from(ids).sort());
    const scale = 0.7;
    const K = denseKernel(sorted, scale);
    const { all, within } = gaussianRowSums(sorted, scale, groupEnd);
    for (let c = 0; c < 3; c++) {
      for (let i = starts[c]; i < starts[c + 1]; i++) {
        let rowAll = 0;
        let rowIn = 0;
        for (let j = 0; j < s0.n; j++) {
          rowAll += K[i * s0.n + j];
          if (j >= starts[c] && j < starts[c + 1]) rowIn += K[i * s0.n + j];
        }
        expect(relClose(all[i], rowAll, 1e-12)).toBe(true);
        expect(relClose(within[i], rowIn, 1e-12)).toBe(true);
      }
    }
  });
  it('gaussianRowSums(s, scale) with d > 16 and a narrow kernel (columns skipped past exp = 0) equals dense to 1e-12', () => {
    // spread rows (most pairs far beyond the kernel) with a near twin each (pairs inside it)
    const s = gaussianSamples(45, 40, 20, 0.15);
    const jitter = gaussianSamples(45, 40, 21, 0.004);
    for (let i = 1; i < s.n; i += 2) {
      for (let k = 0; k < s.d; k++) s.data[i * s.d + k] = s.data[(i - 1) * s.d + k] + jitter.data[i * s.d + k];
    }
    let zeros = 0;
    for (const scale of [1 / (2 * 1e-3), 1 / (2 * 1e-2), 1]) {
      const K = denseKernel(s, scale);
      K.forEach((v) => (zeros += v === 0 ? 1 : 0));
      const { all } = gaussianRowSums(s, scale);
      for (let i = 0; i < s.n; i++) {
        let row = 0;
        for (let j = 0; j < s.n; j++) row += K[i * s.n + j];
        expect(relClose(all[i], row, 1e-12)).toBe(true);
        if (scale > 100 && i % 2 === 1) expect(all[i]).toBeGreaterThan(1.5); // the twin counts
      }
    }
    expect(zeros).toBeGreaterThan(1000);
  });
  it('gaussianRowSums(s, scale) handles n < 4 and identical rows (every sum = n)', () => {
    const s = { data: new Float64Array([1, 2, 1, 2, 1, 2]), n: 3, d: 2 };
    expect(Array.from(gaussianRowSums(s, 5).all)).toEqual([3, 3, 3]);
  });
});

describe('pairedGaussianSums(a, b, scaleA, scaleB)', () => {
  it('pairedGaussianSums(a, b) equals dense row sums and sum(Ka o Kb) to 1e-12', () => {
    const a = gaussianSamples(89, 6, 6);
    const b = gaussianSamples(89, 2, 7);
    const Ka = denseKernel(a, 0.2);
    const Kb = denseKernel(b, 0.9);
    const { rowA, rowB, sumProduct } = pairedGaussianSums(a, b, 0.2, 0.9);
    let product = 0;
    for (let i = 0; i < a.n; i++) {
      let ra = 0;
      let rb = 0;
      for (let j = 0; j < a.n; j++) {
        ra += Ka[i * a.n + j];
        rb += Kb[i * a.n + j];
        product += Ka[i * a.n + j] * Kb[i * a.n + j];
      }
      expect(relClose(rowA[i], ra, 1e-12)).toBe(true);
      expect(relClose(rowB[i], rb, 1e-12)).toBe(true);
    }
    expect(relClose(sumProduct, product, 1e-12)).toBe(true);
  });
  it('pairedGaussianSums(a, b, scaleA, scaleB, groupEnd) also gives the within-group row sums of Kb to 1e-12', () => {
    const r = randomSource(17);
    const ids = new Int32Array(70).map(() => r.int(4));
    const a = sortByGroup(gaussianSamples(70, 3, 18), ids, 4);
    const b = sortByGroup(gaussianSamples(70, 5, 19), ids, 4);
    const plain = pairedGaussianSums(a.sorted, b.sorted, 0.4, 0.3);
    const grouped = pairedGaussianSums(a.sorted, b.sorted, 0.4, 0.3, b.groupEnd);
    const Kb = denseKernel(b.sorted, 0.3);
    expect(relClose(grouped.sumProduct, plain.sumProduct, 1e-12)).toBe(true);
    for (let c = 0; c < 4; c++) {
      for (let i = b.starts[c]; i < b.starts[c + 1]; i++) {
        let inside = 0;
        for (let j = b.starts[c]; j < b.starts[c + 1]; j++) inside += Kb[i * 70 + j];
        expect(relClose(grouped.withinB[i], inside, 1e-12)).toBe(true);
        expect(relClose(grouped.rowB[i], plain.rowB[i], 1e-12)).toBe(true);
        expect(relClose(grouped.rowA[i], plain.rowA[i], 1e-12)).toBe(true);
      }
    }
  });
});

describe('conditionalCsSums(x, y1, y2, scale)', () => {
  it('conditionalCsSums(x, y1, y2) equals dense per-row sums to 1e-12 (L21 not symmetric)', () => {
    const n = 37;
    const x = gaussianSamples(n, 3, 8);
    const y1 = gaussianSamples(n, 2, 9);
    const y2 = gaussianSamples(n, 2, 10);
    const scale = 0.5;
    const g = (P: Samples, i: number, Q: Samples, j: number) => {
      let s = 0;
      for (let k = 0; k < P.d; k++) s += (P.data[i * P.d + k] - Q.data[j * Q.d + k]) ** 2;
      return Math.exp(-scale * s);
    };
    const { w, h1, h2, h21 } = conditionalCsSums(x, y1, y2, scale);
    for (let i = 0; i < n; i++) {
      let W = 0;
      let H1 = 0;
      let H2 = 0;
      let H21 = 0;
      for (let j = 0; j < n; j++) {
        const k = g(x, i, x, j);
        W += k * k;
        H1 += k * g(y1, i, y1, j);
        H2 += k * g(y2, i, y2, j);
        H21 += k * g(y2, i, y1, j);
      }
      expect(relClose(w[i], W, 1e-12)).toBe(true);
      expect(relClose(h1[i], H1, 1e-12)).toBe(true);
      expect(relClose(h2[i], H2, 1e-12)).toBe(true);
      expect(relClose(h21[i], H21, 1e-12)).toBe(true);
    }
  });
});

describe('selectKth(a, k) and medianInPlace(a)', () => {
  it('selectKth(a, k) returns the k-th smallest for random data with many ties', () => {
    const r = randomSource(11);
    for (const m of [1, 2, 3, 10, 101, 1000]) {
      const values = Array.from({ length: m }, () => (r() < 0.6 ? 0 : Math.floor(r() * 5)));
      const sorted = values.slice().sort((p, q) => p - q);
      for (const k of [0, Math.floor(m / 2), m - 1]) {
        const a = Float64Array.from(values);
        expect(selectKth(a, k)).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
        for (let i = k + 1; i < m; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
      }
    }
  });
  it('medianInPlace(a) averages the two middle values for an even length', () => {
    expect(medianInPlace(Float64Array.from([4, 1, 3, 2]))).toBe(2.5);
    expect(medianInPlace(Float64Array.from([5, 1, 3]))).toBe(3);
  });
});

describe('bandwidth rules', () => {
  it('medianDistance(s) equals the sorted median of the Euclidean distances', () => {
    const s = gaussianSamples(40, 3, 12); // 780 pairs: even count
    const dist = Array.from(pairSquaredDistances(s), Math.sqrt).sort((a, b) => a - b);
    expect(medianDistance(s)).toBeCloseTo((dist[389] + dist[390]) / 2, 14);
  });
  it('medianDistance(s) falls back to the mean distance when most pairs are identical, and to 1 for a constant', () => {
    const data = new Float64Array(10);
    data[0] = 3; // 9 pairs at distance 3 out of 45
    expect(medianDistance({ data, n: 10, d: 1 })).toBeCloseTo((9 * 3) / 45, 14);
    expect(medianDistance({ data: new Float64Array(10), n: 10, d: 1 })).toBe(1);
  });
  it('csIbBandwidth(s) equals 10 x the median of the stacked squared distances (brute force)', () => {
    for (const n of [7, 8]) {
      const s = gaussianSamples(n, 2, 13 + n);
      const stacked = { data: Float64Array.from([...s.data, ...s.data]), n: 2 * n, d: 2 };
      const D = pairwiseSquaredDistances(stacked);
      const tri: number[] = [];
      for (let i = 0; i < 2 * n; i++) for (let j = 0; j < i; j++) tri.push(D[i * 2 * n + j]);
      tri.sort((a, b) => a - b);
      const m = tri.length % 2 ? tri[(tri.length - 1) / 2] : (tri[tri.length / 2 - 1] + tri[tri.length / 2]) / 2;
      expect(csIbBandwidth(s)).toBeCloseTo(10 * Math.max(m, 0.01), 12);
    }
  });
  it('medianDistanceOfLabels and csIbBandwidthOfLabels equal the generic rules on the one-hot matrix', () => {
    const r = randomSource(14);
    for (const [n, classes, skew] of [
      [60, 2, 0.5],
      [61, 2, 0.9],
      [50, 3, 0.4],
      [9, 4, 0.1],
    ] as const) {
      const ids = new Int32Array(n).map(() => (r() < skew ? 0 : 1 + r.int(classes - 1)));
      const counts = new Int32Array(classes);
      ids.forEach((c) => counts[c]++);
      const hot = oneHotSamples(ids, classes);
      expect(medianDistanceOfLabels(counts)).toBeCloseTo(medianDistance(hot), 13);
      expect(csIbBandwidthOfLabels(counts)).toBeCloseTo(csIbBandwidth(hot), 13);
    }
  });
  it('bandwidthRows(s, rows) keeps small samples (or no limit) whole and takes a fixed subset of large ones', () => {
    const small = gaussianSamples(10, 1, 15);
    expect(bandwidthRows(small, 1024)).toBe(small);
    const big = gaussianSamples(1034, 1, 16);
    expect(bandwidthRows(big)).toBe(big);
    const a = bandwidthRows(big, 1024);
    expect(a.n).toBe(1024);
    expect(Array.from(bandwidthRows(big, 1024).data)).toEqual(Array.from(a.data));
  });
});
