import { loadIb12 } from './loadIb12';

describe('loadIb12', () => {
  const { x, labels, y } = loadIb12();

  it('loadIb12() returns 4096 x 12 inputs with binary labels', () => {
    expect([x.n, x.d]).toEqual([4096, 12]);
    expect(x.data).toBeInstanceOf(Float64Array);
    expect(y).toBeInstanceOf(Int32Array);
    expect(y.length).toBe(4096);
    expect(labels.n).toBe(4096);
    expect(labels.classes).toEqual([0, 1]);
  });

  it('loadIb12() row i is the binary expansion of i with x0 the most significant bit', () => {
    for (let i = 0; i < 4096; i++) {
      let value = 0;
      for (let j = 0; j < 12; j++) {
        const bit = x.data[i * 12 + j];
        expect(bit === 0 || bit === 1).toBe(true);
        value = value * 2 + bit;
      }
      if (value !== i) throw new Error(`row ${i} encodes ${value}`);
    }
  });

  it('loadIb12() has 4096 distinct rows', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 4096; i++) keys.add(x.data.subarray(i * 12, (i + 1) * 12).join(''));
    expect(keys.size).toBe(4096);
  });

  it('loadIb12() has label counts 1978 / 2118 (H(Y) = 0.999157 bits)', () => {
    expect(Array.from(labels.counts)).toEqual([1978, 2118]);
    expect(Array.from(labels.ids)).toEqual(Array.from(y));
    const p = [1978 / 4096, 2118 / 4096];
    expect(-p.reduce((s, q) => s + q * Math.log2(q), 0)).toBeCloseTo(0.999157, 6);
  });
});
