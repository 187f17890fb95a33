import { digamma } from './digamma';

// Reference values from mpmath.digamma at 30 significant digits.
const KNOWN: ReadonlyArray<readonly [number, number]> = [
  [1, -0.57721566490153286061],
  [0.5, -1.9635100260214234794],
  [10, 2.2517525890667211076],
  [100, 4.6001618527380874002],
  [2, 0.42278433509846713939],
  [0.25, -4.2274535333762654081],
  [3.7, 1.1671535393615113859],
  [7.5, 1.9467574842460867881],
  [1234.5, 7.1180162318279978433],
  [1e6, 13.815510057964190771],
  [1e-3, -1000.5755719318103005],
  [-0.5, 0.036489973978576520559],
  [-2.3, 3.3173231575618201233],
];

describe('digamma', () => {
  it.each(KNOWN)('digamma(%p) matches mpmath to 1e-13 relative', (x, want) => {
    const got = digamma(x);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * Math.abs(want));
  });

  it('digamma(x + 1) = digamma(x) + 1/x (recurrence across the asymptotic switch)', () => {
    for (const x of [0.3, 1.5, 8.9, 9.5, 9.99, 10, 25.25]) {
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 13);
    }
  });

  it('digamma(n) = -gamma + H(n-1) for integers 1..200', () => {
    let harmonic = 0;
    for (let n = 1; n <= 200; n++) {
      expect(Math.abs(digamma(n) - (-0.5772156649015329 + harmonic))).toBeLessThan(1e-13 * Math.max(1, Math.abs(digamma(n))));
      harmonic += 1 / n;
    }
  });

  it('digamma(0), digamma(-3), digamma(NaN) are NaN; digamma(Infinity) is Infinity', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-3)).toBeNaN();
    expect(digamma(NaN)).toBeNaN();
    expect(digamma(-Infinity)).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
  });
});
