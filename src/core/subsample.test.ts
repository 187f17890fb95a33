import { toLabels } from './labels';
import { selectLabels, subsampleRows } from './subsample';

describe('subsampleRows', () => {
  it('subsampleRows keeps every row (undefined) when n <= maxSamples', () => {
    expect(subsampleRows(10, 10, 0)).toBeUndefined();
    expect(subsampleRows(3, 10, 0)).toBeUndefined();
  });

  it('subsampleRows draws maxSamples distinct ascending rows, the same for a seed, others for another seed', () => {
    const a = subsampleRows(1000, 100, 7)!;
    expect(a).toHaveLength(100);
    expect(new Set(a).size).toBe(100);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(Array.from(subsampleRows(1000, 100, 7)!)).toEqual(Array.from(a));
    expect(Array.from(subsampleRows(1000, 100, 8)!)).not.toEqual(Array.from(a));
  });

  it('subsampleRows with labels keeps the class shares (largest remainders) and draws each class from its own rows', () => {
    // classes of 500, 300, 200 rows (interleaved); 101 rows: shares 50.5, 30.3, 20.2 -> 51, 30, 20
    const raw = Array.from({ length: 1000 }, (_, i) => (i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2));
    const labels = toLabels(raw);
    const rows = subsampleRows(1000, 101, 3, labels)!;
    const counts = [0, 0, 0];
    for (const r of rows) counts[raw[r]]++;
    expect(counts).toEqual([51, 30, 20]);
    const picked = selectLabels(labels, rows);
    expect(Array.from(picked.counts)).toEqual([51, 30, 20]);
    expect(picked.classes).toEqual([0, 1, 2]);
  });

  it('subsampleRows draws uniformly: each row is picked with probability maxSamples / n (200 draws)', () => {
    const hits = new Int32Array(50);
    for (let seed = 0; seed < 200; seed++) for (const r of subsampleRows(50, 10, seed)!) hits[r]++;
    // binomial(200, 0.2): mean 40, sd 5.7; every row within 5 sd
    for (const h of hits) expect(Math.abs(h - 40)).toBeLessThan(29);
  });
});
