import { randomSource } from '../random';
import { entropyTerm, lowRankBracket, spectralEntropyBits, SPECTRAL_EPS, tailBracket, ZERO_TERM } from './spectralEntropy';

/** A descending spectrum in [0, 1] of n values with the given decay (lambda_i = decay^i, some jitter). */
function spectrum(n: number, decay: number, seed: number): Float64Array {
  const random = randomSource(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.pow(decay, i) * (0.5 + random());
  out[0] = 1;
  return out.sort().reverse();
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

describe('spectralEntropyBits', () => {
  it('spectralEntropyBits(c equal eigenvalues and zeros) = log2 c + eps terms (closed form)', () => {
    const ev = new Float64Array(150);
    for (let i = 0; i < 6; i++) ev[i] = 1;
    const p = 1 / 6 + SPECTRAL_EPS;
    const want = -6 * p * Math.log2(p) - 144 * SPECTRAL_EPS * Math.log2(SPECTRAL_EPS);
    expect(spectralEntropyBits(ev, 1)).toBeCloseTo(want, 14);
    expect(Math.abs(spectralEntropyBits(ev, 1) - Math.log2(6) - 1.664e-12)).toBeLessThan(1e-14);
  });

  it('spectralEntropyBits(ev, t) uses |ev|^t', () => {
    const ev = [0.9, -0.3, 0.1];
    const mu = ev.map((v) => Math.abs(v) ** 2);
    const total = sum(mu);
    const want = mu.reduce((h, m) => h + entropyTerm(m / total), 0);
    expect(spectralEntropyBits(ev, 2)).toBeCloseTo(want, 15);
  });
});

describe('tailBracket', () => {
  it('tailBracket(top k, total, n) contains the exact entropy for every k on several spectra', () => {
    for (const [n, decay, seed] of [
      [200, 0.9, 1],
      [300, 0.5, 2],
      [120, 0.99, 3],
      [500, 0.97, 4],
    ]) {
      for (const power of [1, 2]) {
        const mu = spectrum(n, decay, seed).map((v) => v ** power);
        const total = sum(mu);
        const exact = spectralEntropyBits(mu, 1);
        let lastWidth = Infinity;
        for (let k = 1; k <= n; k += 7) {
          const { lo, hi } = tailBracket(mu.subarray(0, k), total, n);
          expect(lo).toBeLessThanOrEqual(exact + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(exact - 1e-12);
          expect(hi - lo).toBeLessThanOrEqual(lastWidth + 1e-12);
          lastWidth = hi - lo;
        }
        const all = tailBracket(mu, total, n);
        expect(all.hi - all.lo).toBe(0);
        expect(all.lo).toBeCloseTo(exact, 12);
      }
    }
  });

  it('tailBracket accounts for the eps term of every unseen zero eigenvalue', () => {
    const top = Float64Array.from([1, 1, 1]);
    const { lo, hi } = tailBracket(top, 3, 100);
    const want = 3 * entropyTerm(1 / 3) + 97 * ZERO_TERM;
    expect(lo).toBeCloseTo(want, 15);
    expect(hi).toBeCloseTo(want, 15);
  });
});

describe('lowRankBracket', () => {
  it('lowRankBracket(nu, tau, total, n) contains the exact entropy when lambda = nu + delta, delta >= 0', () => {
    const random = randomSource(9);
    for (let trial = 0; trial < 40; trial++) {
      const n = 50 + random.int(200);
      const lambda = spectrum(n, 0.8 + 0.19 * random(), trial);
      const total = sum(lambda);
      const exact = spectralEntropyBits(lambda, 1);
      // nu below lambda, r of them nonzero (as from a truncated factorisation)
      const r = 1 + random.int(n - 1);
      const nu = new Float64Array(r);
      for (let i = 0; i < r; i++) nu[i] = lambda[i] * (1 - 0.1 * random() * (i / r));
      const tau = total - sum(nu);
      const { lo, hi } = lowRankBracket(nu, tau, total, n);
      expect(lo).toBeLessThanOrEqual(exact + 1e-12);
      expect(hi).toBeGreaterThanOrEqual(exact - 1e-12);
    }
  });

  it('lowRankBracket(all eigenvalues, 0, ...) is exact', () => {
    const lambda = spectrum(80, 0.9, 5);
    const total = sum(lambda);
    const { lo, hi } = lowRankBracket(lambda, 0, total, 80);
    expect(lo).toBe(hi);
    expect(lo).toBeCloseTo(spectralEntropyBits(lambda, 1), 13);
  });
});
