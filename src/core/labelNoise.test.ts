import { flipLabels } from './labelNoise';
import { randomSource } from './random';

function randomLabels(n: number, classes: number, seed: number): Float64Array {
  const random = randomSource(seed);
  return Float64Array.from({ length: n }, () => random.int(classes));
}

describe('flipLabels', () => {
  it('flipLabels changes exactly round(p n) labels, each to another class, at the reported indices', () => {
    const y = randomLabels(1000, 4, 1);
    for (const fraction of [0, 0.013, 0.2, 0.5, 0.999]) {
      const { labels, flipped } = flipLabels(y, { fraction, seed: 5 });
      const changed = [...labels.keys()].filter((i) => labels[i] !== y[i]);
      expect(changed).toHaveLength(Math.round(fraction * 1000));
      expect(Array.from(flipped)).toEqual(changed);
      for (const i of changed) expect([0, 1, 2, 3]).toContain(labels[i]);
    }
  });

  it('flipLabels flips only the eligible rows (the training split), exactly round(p * rows) of them', () => {
    const y = randomLabels(500, 3, 2);
    const rows = Array.from({ length: 400 }, (_, i) => (i * 7) % 500).filter((v, i, a) => a.indexOf(v) === i);
    const { labels, flipped } = flipLabels(y, { fraction: 0.25, seed: 1, rows });
    expect(flipped).toHaveLength(Math.round(0.25 * rows.length));
    const eligible = new Set(rows);
    for (let i = 0; i < 500; i++) if (!eligible.has(i)) expect(labels[i]).toBe(y[i]);
  });

  it('flipLabels is seeded: the same seed gives the same flips, another seed others', () => {
    const y = randomLabels(300, 5, 3);
    const a = flipLabels(y, { fraction: 0.3, seed: 9 });
    const b = flipLabels(y, { fraction: 0.3, seed: 9 });
    const c = flipLabels(y, { fraction: 0.3, seed: 10 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.flipped)).not.toEqual(Array.from(c.flipped));
  });

  it('flipLabels draws the new class uniformly among the other classes (chi-square over many flips)', () => {
    // every label but four is 0 (classes 0..4 present): a flipped 0 should become 1..4 with probability 1/4 each
    const y = new Float64Array(20000);
    y.set([1, 2, 3, 4]);
    const { labels, flipped } = flipLabels(y, { fraction: 0.5, seed: 4 });
    const counts = [0, 0, 0, 0, 0];
    for (const i of flipped) if (y[i] === 0) counts[labels[i]]++;
    expect(counts[0]).toBe(0);
    const expected = counts.reduce((a, b) => a + b, 0) / 4;
    const chi2 = counts.slice(1).reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(16.27); // chi-square, 3 degrees of freedom, p = 0.001
  });

  it('flipLabels keeps the original label values (not dense ids) and rejects bad options in one line', () => {
    const y = [3, 7, 3, 7, 7, 3];
    const { labels } = flipLabels(y, { fraction: 0.5, seed: 0 });
    for (const v of labels) expect([3, 7]).toContain(v);
    expect(() => flipLabels(y, { fraction: 1 })).toThrow(/fraction.*\[0, 1\)/);
    expect(() => flipLabels(y, { fraction: -0.1 })).toThrow(/fraction/);
    expect(() => flipLabels([1, 1, 1], { fraction: 0.5 })).toThrow(/at least two classes/);
    expect(() => flipLabels(y, { fraction: 0.5, rows: [0, 0] })).toThrow(/rows\[1\]/);
    expect(() => flipLabels(y, { fraction: 0.5, rows: [9] })).toThrow(/rows\[0\]/);
  });
});
