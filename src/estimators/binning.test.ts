import { thrownError } from '../../test/helpers/errors';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { casesOf, distinctRows, expectClose, loadCase, unitsOf } from '../../test/helpers/referenceCases';
import { binning, binningEdges, binningEntropy, binningMutualInformation, binningSymbols } from './binning';

describe('binning reference cases', () => {
  for (const c of casesOf('binning_fixed')) {
    it(`binning(x, t, labels, {bins, range, outOfRange: 'wrap'}) matches ${c.id}`, () => {
      const p = binning(c.x!, c.t!, c.labels!, {
        bins: c.params.num_of_bins,
        range: c.params.range,
        outOfRange: c.params.out_of_range,
        units: unitsOf(c.params),
      });
      const tol = c.tolerance as number;
      expectClose(p.ixt, c.expected.I_XT, tol, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, tol, 'I_TY');
      expectClose(p.hT!, c.expected.H_T, tol, 'H_T');
      expect(Array.from(binningEdges({ bins: c.params.num_of_bins, range: c.params.range }))).toEqual(c.expected_edges);
    });
  }

  it('binningSymbols(t, {bins: 11, outOfRange: "wrap"}) reproduces the edge-semantics bin indices', () => {
    const c = loadCase('binning_fixed_edge_semantics_n24_d1_b11_bits');
    const symbols = binningSymbols(c.t!, { bins: 11, range: [-1, 1], outOfRange: 'wrap' });
    expect(Array.from(symbols)).toEqual(c.expected_bin_index);
  });

  for (const c of casesOf('binning_floor')) {
    it(`binning(x, t, labels, {binSize}) matches ${c.id}`, () => {
      const p = binning(distinctRows(c.t!.length), c.t!, c.labels!, { binSize: c.params.binsize, units: unitsOf(c.params) });
      const tol = c.tolerance as number;
      expectClose(p.hT!, c.expected.H_T, tol, 'H_T');
      expectClose(p.ixt, c.expected.H_T, tol, 'I_XT (= H_T, inputs distinct)');
      expectClose(p.ity, c.expected.I_TY, tol, 'I_TY');
    });
  }

  for (const c of casesOf('binning_maxscaled')) {
    it(`binning(x, t, labels, {range: [0, M]}) matches the max-scaled case ${c.id}`, () => {
      const range: [number, number] = [0, c.params.max_value];
      const p = binning(c.x!, c.t!, c.labels!, { bins: c.params.num_of_bins, range, outOfRange: 'wrap', units: unitsOf(c.params) });
      const tol = c.tolerance as number;
      expectClose(p.ixt, c.expected.I_XT, tol, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, tol, 'I_TY');
      expectClose(p.hT!, c.expected.H_T, tol, 'H_T');
      expect(Array.from(binningEdges({ bins: c.params.num_of_bins, range }))).toEqual(c.expected_edges);
    });
  }

  it('binning(...) matches the binning_fixed, binning_floor and binning_maxscaled entries of the ib12 information-plane case', () => {
    const c = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const tol = c.tolerance as Record<string, number>;
    const fixed = binning(c.x!, c.t!, c.labels!, { bins: 30, range: [-1, 1], outOfRange: 'wrap' });
    expectClose(fixed.ixt, c.expected.binning_fixed.I_XT, tol.binning_fixed, 'fixed I_XT');
    expectClose(fixed.ity, c.expected.binning_fixed.I_TY, tol.binning_fixed, 'fixed I_TY');
    const floor = binning(c.x!, c.t!, c.labels!, { binSize: c.params.binning_floor.binsize });
    expectClose(floor.ixt, c.expected.binning_floor.I_XT, tol.binning_floor, 'floor I_XT');
    expectClose(floor.ity, c.expected.binning_floor.I_TY, tol.binning_floor, 'floor I_TY');
    const ms = c.params.binning_maxscaled;
    const scaled = binning(c.x!, c.t!, c.labels!, { bins: ms.num_of_bins, range: [0, ms.max_value], outOfRange: 'wrap' });
    expectClose(scaled.ixt, c.expected.binning_maxscaled.I_XT, tol.binning_maxscaled, 'maxscaled I_XT');
    expectClose(scaled.ity, c.expected.binning_maxscaled.I_TY, tol.binning_maxscaled, 'maxscaled I_TY');
  });
});

function randomLayer(n: number, d: number, seed: number): number[][] {
  const r = randomSource(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.tanh(2 * r.normal())));
}

describe('binning properties', () => {
  const n = 300;
  const t = randomLayer(n, 3, 1);
  const x = distinctRows(n);
  const labels = Array.from({ length: n }, (_, i) => (t[i][0] > 0 ? 1 : 0));

  it('binning(x, t, labels) gives I(X;T) = H(T) when inputs are distinct and T is deterministic', () => {
    const p = binning(x, t, labels, { bins: 10 });
    expect(p.ixt).toBeCloseTo(p.hT!, 12);
    expect(p.hTgivenX).toBeCloseTo(0, 12);
  });

  it('binning(x, t, labels, {units: "nats"}) equals bits times ln 2', () => {
    const bits = binning(x, t, labels, { bins: 10 });
    const nats = binning(x, t, labels, { bins: 10, units: 'nats' });
    expect(nats.units).toBe('nats');
    expect(bits.units).toBe('bits');
    expect(bits.ixt).toBeCloseTo(nats.ixt / Math.LN2, 12);
    expect(bits.ity).toBeCloseTo(nats.ity / Math.LN2, 12);
  });

  it('binning(x, t, labels) is invariant to the order of samples', () => {
    const r = randomSource(5);
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const a = binning(x, t, labels, { bins: 10 });
    const b = binning(perm.map((i) => x[i]), perm.map((i) => t[i]), perm.map((i) => labels[i]), { bins: 10 });
    expect(b.ixt).toBeCloseTo(a.ixt, 12);
    expect(b.ity).toBeCloseTo(a.ity, 12);
  });

  it('binning(x, t, labels) keeps I(T;Y) <= H(Y) and I >= 0', () => {
    const p = binning(x, t, labels, { bins: 30 });
    const p1 = labels.filter((v) => v === 1).length / n;
    const hy = -(p1 * Math.log2(p1) + (1 - p1) * Math.log2(1 - p1));
    expect(p.ity).toBeLessThanOrEqual(hy + 1e-12);
    expect(p.ity).toBeGreaterThan(0.5); // label is a function of the sign of unit 0, which the bins resolve
    expect(p.ixt).toBeGreaterThanOrEqual(0);
  });

  it('binning(x, t, labels) gives I(T;Y) = H(Y) when T determines Y exactly (closed form)', () => {
    const tt = [[-0.9], [-0.8], [0.5], [0.6], [0.7], [0.95]];
    const yy = [0, 0, 1, 1, 1, 1];
    const p = binning(distinctRows(6), tt, yy, { bins: 3 }); // edges -1, 0, 1: two symbols, one per class
    const hy = -(1 / 3) * Math.log2(1 / 3) - (2 / 3) * Math.log2(2 / 3);
    expect(p.ity).toBeCloseTo(hy, 14);
    expect(p.hT).toBeCloseTo(hy, 14);
  });

  it('binning(x, t, labels) counts H(T|X) over repeated inputs (closed form)', () => {
    // x takes two values, each with two different t rows: H(T) = 2 bits, H(T|X) = 1 bit
    const p = binning([[0], [0], [1], [1]], [[-0.9], [-0.2], [0.1], [0.6]], [0, 0, 1, 1], { bins: 5 });
    expect(p.hT).toBeCloseTo(2, 14);
    expect(p.hTgivenX).toBeCloseTo(1, 14);
    expect(p.ixt).toBeCloseTo(1, 14);
  });

  it('binning(x, t, labels, {outOfRange: "clamp"}) puts values below the range in the first bin', () => {
    expect(Array.from(binningSymbols([[-5], [-1], [0.2], [1], [7]], { bins: 3, outOfRange: 'clamp' }))).toEqual([0, 0, 1, 2, 2]);
    expect(Array.from(binningSymbols([[-5], [-1], [0.2], [1], [7]], { bins: 3, outOfRange: 'wrap' }))).toEqual([2, 0, 1, 2, 2]);
  });

  it('binningEntropy(t) and binningMutualInformation(a, labels) agree with binning(...)', () => {
    const p = binning(x, t, labels, { bins: 10 });
    expect(binningEntropy(t, { bins: 10 }).value).toBeCloseTo(p.hT!, 12);
    expect(binningMutualInformation(t, toLabels(labels), { bins: 10 }).value).toBeCloseTo(p.ity, 12);
    expect(binningMutualInformation(t, t, { bins: 10 }).value).toBeCloseTo(p.hT!, 12);
  });

  it('binningEntropy([[-0.5], [0.5], [0.9]], {bins: 3}) is 0.918 bits (the doc example: two symbols, 1/3 and 2/3)', () => {
    const h = binningEntropy([[-0.5], [0.5], [0.9]], { bins: 3 });
    expect(h.value).toBeCloseTo(Math.log2(3) - 2 / 3, 12);
    expect(h.value.toFixed(3)).toBe('0.918');
    expect(h.units).toBe('bits');
  });
});

describe('binning bad inputs', () => {
  const t = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]];
  const x = [[0], [1], [2]];
  const y = [0, 1, 0];
  const err = thrownError;

  it('binning(x, t with NaN, labels) names the row and column', () => {
    const e = err(() => binning(x, [[0.1, 0.2], [0.3, NaN], [0.5, 0.6]], y));
    expect(e.code).toBe('non_finite');
    expect(e.param).toBe('t');
    expect(e.message).toMatch(/binning: t must be finite numbers.*got NaN \(at row 1, column 1\)/);
  });
  it('binning(x, t with Infinity, labels) is rejected', () => {
    expect(err(() => binning(x, [[0.1, Infinity], [0.3, 0], [0.5, 0.6]], y)).message).toMatch(/got Infinity \(at row 0, column 1\)/);
  });
  it('binning(x, ragged t, labels) names the ragged row', () => {
    const e = err(() => binning(x, [[0.1, 0.2], [0.3], [0.5, 0.6]], y));
    expect(e.code).toBe('ragged');
    expect(e.message).toMatch(/row 1 with 1 values/);
  });
  it('binning(x, [], labels) reports empty input', () => {
    expect(err(() => binning([], [], [])).code).toBe('empty');
  });
  it('binning(x, one sample, labels) needs at least two samples', () => {
    const e = err(() => binning([[0]], [[0.5]], [0]));
    expect(e.code).toBe('too_few_samples');
    expect(e.message).toMatch(/at least 2 samples; got 1 sample/);
  });
  it('binning(x, t, labels of another length) reports the mismatch', () => {
    const e = err(() => binning(x, t, [0, 1]));
    expect(e.code).toBe('length_mismatch');
    expect(e.param).toBe('labels');
    expect(e.message).toMatch(/labels must be 3 samples, as many as x; got 2 samples/);
  });
  it('binning(x of another length, t, labels) reports the mismatch', () => {
    expect(err(() => binning([[0], [1]], t, y)).param).toBe('t');
  });
  it('binning(x, t, non-integer labels) is rejected', () => {
    const e = err(() => binning(x, t, [0, 1.5, 0]));
    expect(e.code).toBe('invalid_label');
    expect(e.message).toMatch(/non-negative integer class labels; got 1.5 \(at index 1\)/);
  });
  it('binning(x, t, negative labels) is rejected', () => {
    expect(err(() => binning(x, t, [0, -1, 0])).code).toBe('invalid_label');
  });
  it('binning(x, t, labels, {bins: 1}) names bins and its range', () => {
    const e = err(() => binning(x, t, y, { bins: 1 }));
    expect(e.param).toBe('bins');
    expect(e.message).toBe('binning: bins must be an integer in [2, 1000000]; got 1.');
  });
  it('binning(x, t, labels, {bins: 2.5}) rejects a non-integer', () => {
    expect(err(() => binning(x, t, y, { bins: 2.5 })).param).toBe('bins');
  });
  it('binning(x, t, labels, {range: [1, -1]}) rejects an empty range', () => {
    expect(err(() => binning(x, t, y, { range: [1, -1] })).message).toMatch(/range must be \[lo, hi\] with finite lo < hi; got \[1, -1\]/);
  });
  it('binning(x, t, labels, {binSize: 0}) rejects a non-positive width', () => {
    expect(err(() => binning(x, t, y, { binSize: 0 })).message).toMatch(/binSize must be a finite number > 0; got 0/);
  });
  it('binning(x, t, labels, {binSize: 1e-300}) rejects symbols beyond 32 bits', () => {
    expect(err(() => binning(x, t, y, { binSize: 1e-300 })).param).toBe('binSize');
  });
  it('binning(x, t, labels, {outOfRange: "drop"}) lists the choices', () => {
    expect(err(() => binning(x, t, y, { outOfRange: 'drop' as never })).message).toMatch(/outOfRange must be one of "clamp", "wrap"; got "drop"/);
  });
  it('binning(x, t, labels, {units: "dits"}) lists the units', () => {
    expect(err(() => binning(x, t, y, { units: 'dits' as never })).param).toBe('units');
  });
  it('binning(x, t, labels, {bin: 3}) rejects an unknown option', () => {
    expect(err(() => binning(x, t, y, { bin: 3 } as never)).message).toMatch(/unknown option "bin"/);
  });
  it('binning("t.csv", ...) rejects a string as data', () => {
    expect(err(() => binning(x, 'abc' as never, y)).code).toBe('invalid_type');
  });
});

describe('binning: per-class terms', () => {
  // Edges -1, -0.8, ..., 1 (bins = 11: intervals of 0.2). Class 7 puts 2 rows in each of 4 bins, class 3 puts 4 rows
  // in each of 2 other bins, class 5 puts 4 rows in one more bin: the classes never share a bin.
  const centres = [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3];
  const layout: [number, number, number][] = [
    // [label, bin, rows]
    [7, 0, 2], [7, 1, 2], [7, 2, 2], [7, 3, 2],
    [3, 4, 4], [3, 5, 4],
    [5, 6, 4],
  ];
  const t: number[][] = [];
  const labels: number[] = [];
  for (const [label, bin, rows] of layout) {
    for (let r = 0; r < rows; r++) {
      t.push([centres[bin]]);
      labels.push(label);
    }
  }
  const n = t.length; // 20
  const x = t.map((_, i) => [i]); // distinct inputs
  const options = { bins: 11, range: [-1, 1] as [number, number] };

  it('binning(x, t, labels).perClass gives H(T|Y=c) = log2 m for m equally filled bins per class, in ascending label order', () => {
    const p = binning(x, t, labels, options);
    expect(p.perClass!.map((c) => [c.label, c.n, c.weight])).toEqual([
      [3, 8, 8 / n],
      [5, 4, 4 / n],
      [7, 8, 8 / n],
    ]);
    expectClose(p.perClass![0].hTgivenY, 1, 1e-12, 'H(T|Y=3)');
    expectClose(p.perClass![1].hTgivenY, 0, 1e-12, 'H(T|Y=5)');
    expectClose(p.perClass![2].hTgivenY, 2, 1e-12, 'H(T|Y=7)');
    // T determines Y: I(T;Y) = H(Y); H(T) = -(4 x 0.1 log2 0.1 + 3 x 0.2 log2 0.2)
    const hT = -(0.4 * Math.log2(0.1) + 0.6 * Math.log2(0.2));
    const hY = -(0.8 * Math.log2(0.4) + 0.2 * Math.log2(0.2));
    expectClose(p.hT!, hT, 1e-12, 'H(T)');
    expectClose(p.ity, hY, 1e-12, 'I(T;Y)');
    const terms = p.perClass!.map((c) => c.ityTerm);
    [1, 0, 2].forEach((h, k) => expectClose(terms[k], p.perClass![k].weight * (hT - h), 1e-12, `term ${k}`));
    expectClose(terms.reduce((a, b) => a + b, 0), p.ity, 1e-12, 'sum of the terms');
    // distinct inputs: H(T|X,Y=c) = 0, so I(X;T|Y=c) = H(T|Y=c)
    p.perClass!.forEach((c) => expectClose(c.ixtGivenY!, c.hTgivenY, 1e-12, `I(X;T|Y=${c.label})`));
  });

  it('binning(x, t, labels).perClass: weighted sums are hTgivenY and ixtGivenY; one input per class gives I(X;T|Y=c) = 0', () => {
    // every row of a class has the same input: X tells nothing within the class
    const xByClass = labels.map((y) => [y]);
    const p = binning(xByClass, t, labels, options);
    p.perClass!.forEach((c) => expectClose(c.ixtGivenY!, 0, 1e-12, `I(X;T|Y=${c.label})`));
    expectClose(p.ixtGivenY!, 0, 1e-12, 'I(X;T|Y)');
    // random data: the weighted per-class terms add up to the pooled ones
    const random = randomSource(5);
    const tr = Array.from({ length: 300 }, () => [random() * 2 - 1, random() * 2 - 1]);
    const yr = tr.map(() => Math.floor(random() * 4));
    const xr = tr.map(() => [Math.floor(random() * 40)]);
    for (const units of ['bits', 'nats'] as const) {
      const q = binning(xr, tr, yr, { bins: 5, units });
      const sum = (f: (c: NonNullable<typeof q.perClass>[number]) => number) => q.perClass!.reduce((a, c) => a + f(c), 0);
      expectClose(sum((c) => c.weight * c.hTgivenY), q.hTgivenY!, 1e-12, 'sum p_c H(T|Y=c)');
      expectClose(sum((c) => c.weight * c.ixtGivenY!), q.ixtGivenY!, 1e-12, 'sum p_c I(X;T|Y=c)');
      expectClose(sum((c) => c.ityTerm), q.ity, 1e-12, 'sum of the I(T;Y) terms');
    }
  });
});
