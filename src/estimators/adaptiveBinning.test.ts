import { thrownError } from '../../test/helpers/errors';
import { casesOf, distinctRows, expectClose, loadCase, unitsOf } from '../../test/helpers/referenceCases';
import { adaptiveBinning, adaptiveBinningEdges, adaptiveBinningEntropy, defaultLowerEdge } from './adaptiveBinning';
import { binning } from './binning';

describe('adaptiveBinning reference cases', () => {
  for (const c of casesOf('ebab')) {
    it(`adaptiveBinning(x, t, labels, {bins, lowerEdge}) matches ${c.id}`, () => {
      const options = { bins: c.params.num_of_bins, lowerEdge: c.params.low, units: unitsOf(c.params) };
      const p = adaptiveBinning(c.x!, c.t!, c.labels!, options);
      const tol = c.tolerance as number;
      expectClose(p.ixt, c.expected.I_XT, tol, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, tol, 'I_TY');
      expectClose(p.hT!, c.expected.H_T, tol, 'H_T');
      expect(Array.from(adaptiveBinningEdges(c.t!, options))).toEqual(c.expected_edges);
    });
    it(`adaptiveBinning(x, t, labels) with the default lowerEdge reproduces ${c.id}`, () => {
      const p = adaptiveBinning(c.x!, c.t!, c.labels!, { bins: c.params.num_of_bins });
      expect(p.params.lowerEdge).toBe(c.params.low);
      expectClose(p.ixt, c.expected.I_XT, c.tolerance as number, 'I_XT');
    });
  }

  it('adaptiveBinning(...) matches the ebab entry of the ib12 information-plane case', () => {
    const c = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const p = adaptiveBinning(c.x!, c.t!, c.labels!, { bins: 30, lowerEdge: 0 });
    expectClose(p.ixt, c.expected.ebab.I_XT, (c.tolerance as Record<string, number>).ebab, 'I_XT');
    expectClose(p.ity, c.expected.ebab.I_TY, (c.tolerance as Record<string, number>).ebab, 'I_TY');
  });
});

describe('adaptiveBinning properties', () => {
  it('adaptiveBinningEdges(t, {bins}) truncates the floating product k * (U / B)', () => {
    // U = 130 distinct positive values, B = 30, k = 27: 27 * (130 / 30) = 116.99999999999999 -> 116
    const t = Array.from({ length: 130 }, (_, i) => [(i + 1) / 1024]);
    const edges = adaptiveBinningEdges(t, { bins: 30, lowerEdge: 0 });
    expect(edges.length).toBe(32);
    expect(edges[28]).toBe(117 / 1024); // u[116] = (116 + 1) / 1024
  });

  it('adaptiveBinning(x, t, labels) of an all-lowerEdge layer is 0', () => {
    const p = adaptiveBinning(distinctRows(4), [[0, 0], [0, 0], [0, 0], [0, 0]], [0, 1, 0, 1]);
    expect(p.ixt).toBe(0);
    expect(p.ity).toBe(0);
    expect(p.hT).toBe(0);
  });

  it('adaptiveBinning(x, t, labels) gives every distinct value its own bin when U < B (closed form)', () => {
    const t = [[0], [0.25], [0.5], [0.5], [0.75], [1]];
    const p = adaptiveBinning(distinctRows(6), t, [0, 0, 0, 1, 1, 1], { bins: 30 });
    // 5 symbols: probabilities 1/6 x4, 2/6
    const h = -(4 * (1 / 6) * Math.log2(1 / 6) + (2 / 6) * Math.log2(2 / 6));
    expect(p.hT).toBeCloseTo(h, 14);
    expect(p.ixt).toBeCloseTo(h, 14);
  });

  it('defaultLowerEdge(values) is 0 for non-negative, -1.000001 for tanh-like, min otherwise', () => {
    expect(defaultLowerEdge(Float64Array.of(0, 1, 2))).toBe(0);
    expect(defaultLowerEdge(Float64Array.of(-1, 0.5))).toBe(-1.000001);
    expect(defaultLowerEdge(Float64Array.of(-3, 0.5))).toBe(-3);
  });

  it('adaptiveBinning(x, t, labels, {units: "nats"}) equals bits times ln 2 and is order invariant', () => {
    const c = loadCase('ebab_relu_n350_d9_c3_b4');
    const bits = adaptiveBinning(c.x!, c.t!, c.labels!, { bins: 4 });
    const nats = adaptiveBinning(c.x!, c.t!, c.labels!, { bins: 4, units: 'nats' });
    expect(bits.ixt).toBeCloseTo(nats.ixt / Math.LN2, 12);
    const rev = (a: unknown[]) => a.slice().reverse();
    const r = adaptiveBinning(rev(c.x!) as number[][], rev(c.t!) as number[][], rev(c.labels!) as number[], { bins: 4 });
    expect(r.ixt).toBeCloseTo(bits.ixt, 12);
    expect(r.ity).toBeCloseTo(bits.ity, 12);
  });

  it('adaptiveBinningEntropy(t) equals the H(T) of adaptiveBinning', () => {
    const c = loadCase('ebab_tanh_n150_d2_c2_b10');
    expect(adaptiveBinningEntropy(c.t!, { bins: 10 }).value).toBeCloseTo(c.expected.H_T, 9);
  });

  it('adaptiveBinning differs from fixed binning on ReLU layers with large values', () => {
    const c = loadCase('ebab_relu_n350_d9_c3_b4');
    const fixed = binning(c.x!, c.t!, c.labels!, { bins: 6 });
    const adaptive = adaptiveBinning(c.x!, c.t!, c.labels!, { bins: 4 });
    expect(adaptive.ixt).not.toBeCloseTo(fixed.ixt, 3);
  });
});

describe('adaptiveBinning bad inputs', () => {
  const t = [[0.1], [0.3], [0.5]];
  const x = distinctRows(3);
  const y = [0, 1, 0];
  const thrown = thrownError;
  it('adaptiveBinning(x, t, labels, {bins: 0}) names bins and its range', () => {
    expect(thrown(() => adaptiveBinning(x, t, y, { bins: 0 })).message).toBe('adaptiveBinning: bins must be an integer in [1, 1000000]; got 0.');
  });
  it('adaptiveBinning(x, t, labels, {lowerEdge: 0.2}) rejects a lower edge above min(T)', () => {
    const e = thrown(() => adaptiveBinning(x, t, y, { lowerEdge: 0.2 }));
    expect(e.param).toBe('lowerEdge');
    expect(e.message).toMatch(/lowerEdge must be a number <= min\(t\) = 0.1/);
  });
  it('adaptiveBinning(x, t, labels, {lowerEdge: NaN}) is rejected', () => {
    expect(thrown(() => adaptiveBinning(x, t, y, { lowerEdge: NaN })).param).toBe('lowerEdge');
  });
  it('adaptiveBinning(x, t with NaN, labels) names the row', () => {
    expect(thrown(() => adaptiveBinning(x, [[0.1], [NaN], [0.5]], y)).message).toMatch(/at row 1, column 0/);
  });
  it('adaptiveBinning(x, t, labels of another length) reports the mismatch', () => {
    expect(thrown(() => adaptiveBinning(x, t, [0, 1])).code).toBe('length_mismatch');
  });
});

describe('adaptiveBinning: per-class terms', () => {
  it('adaptiveBinning(x, t, labels, {bins >= distinct values}).perClass: each value its own bin, H(T|Y=c) = log2 n_c', () => {
    // 30 distinct positive values exact in float32 (the edges are rounded to float32), classes 0, 1, 2 in turn
    // (10 rows each): every value gets its own bin
    const t = Array.from({ length: 30 }, (_, i) => [i / 64 + 1 / 128]);
    const labels = t.map((_, i) => i % 3);
    const x = t.map((_, i) => [i]);
    const p = adaptiveBinning(x, t, labels, { bins: 30 });
    expectClose(p.hT!, Math.log2(30), 1e-12, 'H(T)');
    expect(p.perClass!.map((c) => [c.label, c.n])).toEqual([
      [0, 10],
      [1, 10],
      [2, 10],
    ]);
    for (const c of p.perClass!) {
      expectClose(c.hTgivenY, Math.log2(10), 1e-12, `H(T|Y=${c.label})`);
      expectClose(c.ityTerm, Math.log2(3) / 3, 1e-12, `term of class ${c.label}`);
      expectClose(c.ixtGivenY!, Math.log2(10), 1e-12, `I(X;T|Y=${c.label})`); // distinct inputs
    }
    expectClose(p.perClass!.reduce((a, c) => a + c.ityTerm, 0), p.ity, 1e-12, 'sum of the terms');
    expectClose(p.ity, Math.log2(3), 1e-12, 'I(T;Y) = H(Y)');
  });
});
