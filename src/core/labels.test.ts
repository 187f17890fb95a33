import { InfoplaneError } from './errors';
import { oneHot, toLabels } from './labels';

describe('toLabels', () => {
  it('toLabels([3, 1, 3]) maps classes to dense ids in ascending order', () => {
    const l = toLabels([3, 1, 3]);
    expect(Array.from(l.ids)).toEqual([1, 0, 1]);
    expect(l.classes).toEqual([1, 3]);
    expect(Array.from(l.counts)).toEqual([1, 2]);
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
