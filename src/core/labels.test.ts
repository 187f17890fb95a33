import { InfoplaneError } from './errors';
import { oneHot, toLabels } from './labels';

describe('toLabels', () => {
  it('toLabels([3, 1, 3]) maps classes to dense ids in ascending order', () => {
    const l = toLabels([3, 1, 3]);
    expect(Array.from(l.ids)).toEqual([1, 0, 1]);
    expect(l.classes).toEqual([1, 3]);
    expect(Array.from(l.counts)).toEqual([1, 2]);
  });
  it('toLabels(y) gives the same classes, ids and counts for small labels (a table) and large ones (a Set)', () => {
    const small = [7, 0, 3, 7, 3, 3, -0];
    const large = small.map((v) => v * 1e6);
    const a = toLabels(small);
    const b = toLabels(large);
    expect(a.classes).toEqual([0, 3, 7]);
    expect(b.classes).toEqual([0, 3e6, 7e6]);
    expect(Array.from(a.ids)).toEqual([2, 0, 1, 2, 1, 1, 0]);
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    expect(Array.from(b.counts)).toEqual(Array.from(a.counts));
  });
  it('toLabels(one-hot rows) reads the hot column', () => {
    expect(Array.from(toLabels([[0, 1], [1, 0], [0, 1]]).ids)).toEqual([1, 0, 1]);
  });
  it('toLabels([[0.5, 1]]) rejects a row that is not one-hot', () => {
    expect(() => toLabels([[0.5, 1], [1, 0]])).toThrow(/row 0 is not one-hot/);
    expect(() => toLabels([[1, 1], [1, 0]])).toThrow(/row 0 is not one-hot/);
    expect(() => toLabels([[0, 0], [1, 0]])).toThrow(InfoplaneError);
  });
  it('toLabels([0, 2.5]) rejects non-integer labels with their index', () => {
    expect(() => toLabels([0, 2.5])).toThrow(/got 2.5 \(at index 1\)/);
  });
  it('oneHot(toLabels(y)) round-trips', () => {
    const l = toLabels([2, 0, 2, 1]);
    expect(Array.from(toLabels(oneHot(l)).ids)).toEqual(Array.from(l.ids));
  });
});
