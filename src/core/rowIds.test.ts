import { randomSource } from './random';
import { pairIds, rowIdsFloat64, rowIdsInt32, withRowIdsOf } from './rowIds';

/** Ids in order of first appearance by a string per row (the definition, slowly). */
function byStrings(rows: string[]): number[] {
  const seen = new Map<string, number>();
  return rows.map((k) => {
    if (!seen.has(k)) seen.set(k, seen.size);
    return seen.get(k) as number;
  });
}

describe('rowIds', () => {
  it('rowIdsFloat64(data, n, d) numbers distinct rows in order of first appearance, -0 equal to 0', () => {
    const r = randomSource(2);
    const n = 500;
    const d = 3;
    const data = Float64Array.from({ length: n * d }, () => [0, -0, 1, 0.5, -2.25][r.int(5)]);
    const ids = rowIdsFloat64(data, n, d);
    const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d), (v) => (v === 0 ? 0 : v)).join(','));
    expect(Array.from(ids.ids)).toEqual(byStrings(rows));
    expect(ids.count).toBe(new Set(rows).size);
    // a view into a larger buffer is read in place
    const view = new Float64Array(new Float64Array(n * d + 2).buffer, 16, n * d);
    view.set(data);
    expect(Array.from(rowIdsFloat64(view, n, d).ids)).toEqual(Array.from(ids.ids));
  });

  it('pairIds(a, b, counts) gives the same ids with the direct table as by hashing', () => {
    const r = randomSource(3);
    const a = Int32Array.from({ length: 1000 }, () => r.int(40));
    const b = Int32Array.from({ length: 1000 }, () => r.int(7));
    const hashed = pairIds(a, b);
    const direct = pairIds(a, b, [40, 7]);
    expect(Array.from(direct.ids)).toEqual(Array.from(hashed.ids));
    expect(direct.count).toBe(hashed.count);
    expect(Array.from(hashed.ids)).toEqual(byStrings(Array.from(a, (v, i) => `${v},${b[i]}`)));
    const pairs = Int32Array.from({ length: 2000 }, (_, k) => (k & 1 ? b[k >> 1] : a[k >> 1]));
    expect(Array.from(rowIdsInt32(pairs, 1000, 2).ids)).toEqual(Array.from(hashed.ids));
  });

  it('withRowIdsOf(body) hashes each array once inside body and nothing after it', () => {
    const data = Float64Array.of(1, 2, 1, 2, 3, 4);
    const inside = withRowIdsOf(() => {
      const first = rowIdsFloat64(data, 3, 2);
      expect(rowIdsFloat64(data, 3, 2)).toBe(first);
      expect(rowIdsFloat64(data, 2, 3)).not.toBe(first); // another shape: not the cached ids
      return first;
    });
    expect(Array.from(inside.ids)).toEqual([0, 0, 1]);
    data[4] = 1;
    data[5] = 2;
    expect(Array.from(rowIdsFloat64(data, 3, 2).ids)).toEqual([0, 0, 0]);
  });
});
