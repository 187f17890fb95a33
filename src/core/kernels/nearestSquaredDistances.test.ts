import { randomSource } from '../random';
import { Samples } from '../samples';
import { nearestSquaredDistances } from './nearestSquaredDistances';

/** The brute-force truth: every distance in full, summed over the columns in order. */
function bruteForce(t: Samples, rows: number[]): Float64Array {
  return Float64Array.from(rows, (i) => {
    let best = Infinity;
    for (let j = 0; j < t.n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < t.d; c++) s += (t.data[i * t.d + c] - t.data[j * t.d + c]) ** 2;
      best = Math.min(best, s);
    }
    return best;
  });
}

describe('nearestSquaredDistances(t, rows)', () => {
  it('nearestSquaredDistances equals the brute-force minimum bit for bit, in WebAssembly and in TypeScript', () => {
    for (const [n, d] of [
      [2, 1],
      [3, 5],
      [101, 17],
      [300, 64],
      [257, 40],
    ]) {
      const r = randomSource(n + d);
      const data = Float64Array.from({ length: n * d }, () => Math.max(0, 0.3 * r.normal() + 0.05));
      data.copyWithin(d * (n - 1), 0, d); // the last row repeats the first: a nearest distance of 0
      const t: Samples = { data, n, d };
      const rows = Array.from({ length: Math.min(n, 7) }, (_, k) => Math.floor((k * n) / Math.min(n, 7)));
      rows.push(n - 1);
      const want = bruteForce(t, rows);
      for (const wasm of [true, false]) {
        const got = nearestSquaredDistances(t, rows, wasm);
        expect(Array.from(got).every((v, k) => Object.is(v, want[k]))).toBe(true);
      }
      expect(nearestSquaredDistances(t, rows)[0]).toBe(0);
    }
  });

  it('nearestSquaredDistances of a single row is Infinity, and of the doc example [1, 4]', () => {
    expect(Array.from(nearestSquaredDistances({ data: Float64Array.of(2, 3), n: 1, d: 2 }, [0]))).toEqual([Infinity]);
    expect(Array.from(nearestSquaredDistances({ data: Float64Array.of(0, 1, 3), n: 3, d: 1 }, [0, 2]))).toEqual([1, 4]);
    expect(Array.from(nearestSquaredDistances({ data: Float64Array.of(0, 1, 3), n: 3, d: 1 }, [0, 2], false))).toEqual([1, 4]);
  });
});
