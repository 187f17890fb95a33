import { randomSource } from '../random';
import { Samples } from '../samples';
import { bandwidthRows, csIbBandwidth, medianDistance } from './bandwidth';
import { f32Above, f32Below, PAIR_DISTANCE_WASM_BASE64, wasmPairPasses } from './pairDistanceWasm';
import { jsPairPasses } from './pairDistancePasses';
import { pairSquaredDistanceRanks } from './pairSquaredDistanceRanks';
import { assembleWatFile } from '../../../test/helpers/wasm';

function gaussian(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = r.normal();
  return { data, n, d };
}

/** ReLU-like activations: about 60% exact zeros, so many pairs tie (at 0 and elsewhere). */
function relu(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, r.normal() - 0.25);
  return { data, n, d };
}

/** Independent truth: every pairwise squared distance from direct differences, sorted (a brute-force sort). */
function sortedPairs(s: Samples): Float64Array {
  const { data, n, d } = s;
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += (data[j * d + c] - data[i * d + c]) ** 2;
      out[p++] = sum;
    }
  }
  return out.sort();
}

/** The squared distances as the authors' NumPy code forms them: |a|^2 + |b|^2 - 2 a.b, clipped at 0. */
function gramSquaredDistance(data: Float64Array, d: number, a: number, b: number): number {
  let aa = 0;
  let bb = 0;
  let ab = 0;
  for (let c = 0; c < d; c++) {
    aa += data[a * d + c] ** 2;
    bb += data[b * d + c] ** 2;
    ab += data[a * d + c] * data[b * d + c];
  }
  return Math.max(0, aa + bb - 2 * ab);
}

/** The first index where a and b differ (or their lengths do), -1 if none: cheaper than toEqual on 2^19 counts. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('pairSquaredDistanceRanks', () => {
  it('pairSquaredDistanceRanks(s, ranks) equals a brute-force sort on every path (WebAssembly, TypeScript, small buffers, no pilot)', () => {
    const cases: Samples[] = [gaussian(300, 3, 1), relu(260, 4, 2), relu(200, 1, 3)];
    // binary rows: every squared distance is an integer 0..8, so wanted ranks sit in huge runs of ties
    const bits = gaussian(400, 8, 10);
    bits.data.forEach((v, i) => (bits.data[i] = v > 0 ? 1 : 0));
    cases.push(bits);
    // integer-valued data: heavy ties everywhere
    const ints = gaussian(240, 2, 4);
    ints.data.forEach((v, i) => (ints.data[i] = Math.round(2 * v)));
    cases.push(ints);
    for (const s of cases) {
      const sorted = sortedPairs(s);
      const m = sorted.length;
      const ranks = [0, 1, (m >> 1) - 1, m >> 1, Math.floor(0.3 * m), m - 2, m - 1];
      const truth = ranks.map((k) => sorted[k]);
      for (const options of [
        {},
        { engine: 'js' as const },
        { collectLimit: 64 },
        { collectLimit: 64, pilot: false },
        { collectLimit: 64, engine: 'js' as const },
        { collectLimit: 1, pilot: false }, // every level down to single values
        // binary rows go to hammingDistanceCounts unless told not to: the generic passes on them too
        { binary: false },
        { binary: false, engine: 'js' as const },
        { binary: false, collectLimit: 64, pilot: false },
      ]) {
        expect(pairSquaredDistanceRanks(s, ranks, options)).toEqual(truth);
        expect(pairSquaredDistanceRanks(s, [m >> 1], options)).toEqual([sorted[m >> 1]]);
      }
    }
  });

  it('pairSquaredDistanceRanks(s, ranks) is exact at n = 1600 (more pairs than it collects at once), with and without the pilot window', () => {
    const s = gaussian(1600, 5, 5);
    const sorted = sortedPairs(s);
    const m = sorted.length;
    expect(m).toBeGreaterThan(Math.max(2 ** 18, 16 * s.n)); // the histogram path, not a collect-all
    const ranks = [m / 2 - 1, m / 2];
    expect(pairSquaredDistanceRanks(s, ranks)).toEqual(ranks.map((k) => sorted[k]));
    expect(pairSquaredDistanceRanks(s, ranks, { pilot: false })).toEqual(ranks.map((k) => sorted[k]));
  });

  it('pairSquaredDistanceRanks(s, ranks) is exact at n = 1400 when the guessed range is made of ties (binary rows) or misses', () => {
    const s = gaussian(1400, 9, 13);
    s.data.forEach((v, i) => (s.data[i] = v > 0.3 ? 1 : 0)); // squared distances are the integers 0..9
    const sorted = sortedPairs(s);
    const m = sorted.length;
    // the median, a rank at the start of a run of ties, the extremes (outside any guess around the median)
    const start = sorted.indexOf(sorted[m >> 1]);
    const ranks = [m / 2 - 1, m / 2, start, start - 1, 0, m - 1];
    // (binary rows are counted by hammingDistanceCounts unless `binary: false` sends them to the passes)
    for (const options of [{}, { engine: 'js' as const }, { binary: false }, { binary: false, engine: 'js' as const }, { binary: false, collectLimit: 1000 }]) {
      expect(pairSquaredDistanceRanks(s, ranks, options)).toEqual(ranks.map((k) => sorted[k]));
    }
  });

  it('wasmPairPasses(s) gives the same histogram, window counts and values as jsPairPasses(s)', () => {
    // odd and even n (the vector loop's head and tail), and a stride padded past 512 doubles
    for (const s of [relu(150, 7, 6), relu(151, 3, 11), gaussian(521, 2, 12)]) {
      const m = (s.n * (s.n - 1)) / 2;
      const wasm = wasmPairPasses(s, 2 ** 19, m);
      if (!wasm) return; // no WebAssembly SIMD here: the TypeScript passes are used (and tested above)
      const js = jsPairPasses(s);
      const a0 = new Float64Array(2 ** 19);
      const b0 = new Float64Array(2 ** 19);
      const ha = wasm.histogram(0, Infinity, 44, 2 ** 19 - 1, a0);
      const hb = js.histogram(0, Infinity, 44, 2 ** 19 - 1, b0);
      expect(firstDifference(a0, b0)).toBe(-1);
      expect([ha.min, ha.max]).toEqual([hb.min, hb.max]);
      expect(a0.reduce((x, y) => x + y, 0)).toBe(m);
      for (const [lo, hi, shift, width] of [
        [0.5, 2, 28, 16],
        [1, 1.25, 12, 16],
        [1, 1.0001, 0, 12], // a range narrower than a bucket: counts by the lowest bits
      ]) {
        const a = new Float64Array(2 ** width);
        const b = new Float64Array(2 ** width);
        const x = wasm.histogram(lo, hi, shift, a.length - 1, a);
        const y = js.histogram(lo, hi, shift, b.length - 1, b);
        expect(firstDifference(a, b)).toBe(-1);
        expect([x.min, x.max]).toEqual([y.min, y.max]);
        const count = a.reduce((u, v) => u + v, 0);
        expect(firstDifference(wasm.collect(lo, hi, count), js.collect(lo, hi, count))).toBe(-1);
      }
      // the window pass: counts against the truth of a sort, on tied ends (0 is a frequent ReLU distance) and
      // open ones; kept values in pair order, equal on both engines; an overflow reported as null by both
      const sorted = sortedPairs(s);
      const q = (p: number): number => sorted[Math.floor(p * (m - 1))];
      for (const [lo, hi] of [
        [q(0.4), q(0.6)],
        [0, q(0.3)],
        [q(0.5), q(0.5)],
        [q(0.9), Infinity],
      ]) {
        const x = wasm.window(lo, hi, m);
        const y = js.window(lo, hi, m);
        expect({ ...x, kept: null }).toEqual({ ...y, kept: null });
        expect(x.below).toBe(sorted.filter((v) => v < lo).length);
        expect(x.atLo).toBe(sorted.filter((v) => v === lo).length);
        expect(x.atHi).toBe(lo < hi ? sorted.filter((v) => v === hi).length : 0);
        expect(x.inside).toBe(sorted.filter((v) => v > lo && v < hi).length);
        expect(firstDifference(x.kept!, y.kept!)).toBe(-1);
        if (x.inside > 1) {
          expect(wasm.window(lo, hi, 1).kept).toBeNull();
          expect(js.window(lo, hi, 1).kept).toBeNull();
        }
      }
    }
  });

  it('wasmPairPasses(s).window(lo, hi, cap, rows) with its f32 filter gives the counts and kept values of the f64 pass', () => {
    // data that stress the filter's bounds: a large offset (cancellation), tiny and huge scales (f32 underflow and
    // overflow without the scaling), an outlier column, ties (binary and integer rows, placed by their exact f32
    // distances), large integers, d = 1 and d = 40, odd n; ranges with f32 ends and without
    const scaled = (s: Samples, f: (v: number, i: number) => number): Samples => ({ ...s, data: s.data.map(f) });
    const cases: Samples[] = [
      gaussian(301, 3, 1),
      relu(300, 12, 2),
      gaussian(257, 1, 3),
      scaled(gaussian(200, 5, 4), (v) => 1e8 + 1e-3 * v),
      scaled(gaussian(200, 4, 5), (v) => 1e-30 * v),
      scaled(gaussian(200, 4, 6), (v) => 1e30 * v),
      scaled(gaussian(150, 7, 7), (v, i) => (i % 7 === 0 ? 1e6 * v : v)),
      scaled(gaussian(222, 9, 8), (v) => (v > 0.3 ? 1 : 0)),
      scaled(gaussian(190, 2, 9), (v) => Math.round(2 * v)), // small integers: the f32 sums are exact
      scaled(gaussian(170, 5, 11), (v) => Math.round(3000 * v)), // integers too large for that: the bounds
      gaussian(133, 40, 10),
    ];
    for (const s of cases) {
      const m = (s.n * (s.n - 1)) / 2;
      const filtered = wasmPairPasses(s, 2, m);
      const plain = wasmPairPasses(s, 2, m, { filter: false });
      if (!filtered || !plain) return; // no WebAssembly SIMD here
      const js = jsPairPasses(s);
      const sorted = sortedPairs(s);
      const q = (p: number): number => sorted[Math.floor(p * (m - 1))];
      for (const [lo, hi] of [
        [q(0.4), q(0.6)],
        [q(0.49), q(0.51)],
        [0, q(0.3)],
        [q(0.5), q(0.5)],
        [q(0.9), Infinity],
        [0, Infinity],
        [q(0.2) * (1 + 1e-9), q(0.2) * (1 + 2e-9)], // a range narrower than the filter's band
      ]) {
        for (const rows of [[0, s.n], [3, s.n - 5], [0, 1]] as [number, number][]) {
          const x = filtered.window(lo, hi, m, rows); // undecided 0: the filter runs
          const y = plain.window(lo, hi, m, rows);
          const z = js.window(lo, hi, m, rows);
          expect({ ...x, kept: null }).toEqual({ ...z, kept: null });
          expect({ ...y, kept: null }).toEqual({ ...z, kept: null });
          expect(firstDifference(x.kept!, z.kept!)).toBe(-1); // the same values in pair order
          expect(firstDifference(y.kept!, z.kept!)).toBe(-1);
        }
      }
      // a hint of many undecided pairs takes the plain pass: the same numbers
      expect(filtered.window(q(0.4), q(0.6), m, undefined, 0.5)).toEqual(plain.window(q(0.4), q(0.6), m));
    }
  });

  it('f32Below(v) and f32Above(v) are the nearest float32 values on each side of v', () => {
    for (const v of [0, 1, 1 / 3, -1 / 3, 1e-50, -1e-50, 1e39, -1e39, 2 ** -149, 3e-45, Math.PI * 1e20, Infinity, -Infinity]) {
      const below = f32Below(v);
      const above = f32Above(v);
      expect(Math.fround(below)).toBe(below);
      expect(Math.fround(above)).toBe(above);
      expect(below).toBeLessThanOrEqual(v);
      expect(above).toBeGreaterThanOrEqual(v);
      if (Math.fround(v) === v) {
        expect(below).toBe(v);
        expect(above).toBe(v);
      } else {
        // adjacent floats: nothing representable strictly between them
        const f = new Float32Array([below]);
        const u = new Uint32Array(f.buffer);
        u[0] += below >= 0 ? 1 : -1;
        if (below === 0) f[0] = 2 ** -149;
        expect(f[0]).toBe(above);
      }
    }
  });

  it('PAIR_DISTANCE_WASM_BASE64 is pairDistanceKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'pairDistanceKernels.wat')).toBe(PAIR_DISTANCE_WASM_BASE64);
  });
});

describe('remembered bandwidths', () => {
  it('medianDistance(s) and csIbBandwidth(s) give the same values again for equal data, and see in-place changes', () => {
    const s = relu(1200, 3, 14);
    const median = medianDistance(s, { engine: 'js' }); // computed without the memory
    const csIb = csIbBandwidth(s, { engine: 'js' });
    expect(medianDistance(s)).toBe(median);
    expect(medianDistance(s)).toBe(median); // remembered
    expect(medianDistance({ ...s, data: Float64Array.from(s.data) })).toBe(median); // equal values, another array
    expect(csIbBandwidth(s)).toBe(csIb);
    expect(csIbBandwidth(s)).toBe(csIb);
    // an in-place change of one value is a different variable: computed afresh, equal to the memory-free value
    s.data[17] += 0.5;
    const changed = medianDistance(s, { engine: 'js' });
    expect(medianDistance(s)).toBe(changed);
    expect(csIbBandwidth(s)).toBe(csIbBandwidth(s, { engine: 'js' }));
    expect(changed).not.toBe(median);
    // the same values read as another shape are another variable
    const wide = { data: s.data, n: 600, d: 6 };
    expect(medianDistance(wide)).toBe(medianDistance(wide, { engine: 'js' }));
  });
});

describe('exact bandwidth rules above 1024 rows', () => {
  it('medianDistance(s) at n = 1500 equals the median of all sorted pairwise distances (and the Gram form to 1e-12)', () => {
    const s = relu(1500, 6, 7);
    const sorted = sortedPairs(s);
    const m = sorted.length; // even
    const truth = (Math.sqrt(sorted[m / 2 - 1]) + Math.sqrt(sorted[m / 2])) / 2;
    expect(medianDistance(s)).toBe(truth);
    // the authors' rule: median of the distances of all pairs, formed as |a|^2 + |b|^2 - 2 a.b
    const gram = new Float64Array(m);
    let p = 0;
    for (let i = 0; i < s.n; i++) for (let j = i + 1; j < s.n; j++) gram[p++] = Math.sqrt(gramSquaredDistance(s.data, s.d, i, j));
    gram.sort();
    expect(Math.abs(medianDistance(s) - (gram[m / 2 - 1] + gram[m / 2]) / 2)).toBeLessThan(1e-12 * truth);
    // the old default, a 1024-row subset, is a different (approximate) number, now only on request
    const subset = medianDistance(s, { rows: 1024 });
    expect(subset).toBe(medianDistance(bandwidthRows(s, 1024)));
    expect(subset).not.toBe(truth);
  });

  it("csIbBandwidth(s) at n = 1100 equals the CS-IB reference rule on the stacked sample (brute force, Gram form)", () => {
    // sigma_estimation of the CS-IB code: Z = [X; X] (2n rows), D = squared distances (Gram form), median of
    // the strictly lower triangle of D (mean if <= 0), floored at 0.01, times 10
    for (const s of [relu(1100, 3, 9)]) {
      const n = s.n;
      const stacked = Float64Array.from([...s.data, ...s.data]);
      const tri = new Float64Array((2 * n * (2 * n - 1)) / 2);
      let p = 0;
      for (let a = 0; a < 2 * n; a++) for (let b = 0; b < a; b++) tri[p++] = gramSquaredDistance(stacked, s.d, a, b);
      tri.sort();
      const t = tri.length; // even: (2n)(2n-1)/2 = n(2n-1), n even
      let median = (tri[t / 2 - 1] + tri[t / 2]) / 2;
      if (median <= 0) median = tri.reduce((x, y) => x + y, 0) / t;
      const reference = 10 * Math.max(median, 0.01);
      expect(Math.abs(csIbBandwidth(s) - reference)).toBeLessThan(1e-12 * reference);
    }
  });

  it('medianDistance(s) and csIbBandwidth(s) fall back to the mean when most pairs tie at 0 (n = 1500)', () => {
    const n = 1500;
    const data = new Float64Array(n);
    for (let i = 0; i < 300; i++) data[i] = 1 + (i % 7); // 1200 rows at 0: most pairs are 0
    const s = { data, n, d: 1 };
    const sorted = sortedPairs(s);
    const m = sorted.length;
    expect(sorted[m / 2]).toBe(0);
    let sumRoot = 0;
    let sum = 0;
    for (const v of sorted) {
      sumRoot += Math.sqrt(v);
      sum += v;
    }
    expect(medianDistance(s)).toBeCloseTo(sumRoot / m, 12);
    expect(csIbBandwidth(s)).toBeCloseTo(10 * Math.max((4 * sum) / (n + 4 * m), 0.01), 12);
  });
});
