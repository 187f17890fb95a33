import { randomSource } from '../random';
import { Samples } from '../samples';
import { medianDistance, csIbBandwidth, forgetBandwidths } from './bandwidth';
import { HAMMING_WASM_BASE64, hammingDistanceCounts, isBinary } from './hammingDistanceCounts';
import { pairSquaredDistanceRanks } from './pairSquaredDistanceRanks';
import { assembleWatFile } from '../../../test/helpers/wasm';

/** n binary rows of d columns, each value 1 with probability p. */
function bits(n: number, d: number, seed: number, p = 0.5): Samples {
  const r = randomSource(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = r() < p ? 1 : 0;
  return { data, n, d };
}

/** Independent truth: each pair's squared distance from direct differences, counted by value (0..d). */
function bruteCounts(s: Samples): number[] {
  const { data, n, d } = s;
  const counts = new Array<number>(d + 1).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let sum = 0;
      for (let c = 0; c < d; c++) sum += (data[j * d + c] - data[i * d + c]) ** 2;
      counts[sum]++;
    }
  }
  return counts;
}

describe('hammingDistanceCounts', () => {
  it('HAMMING_WASM_BASE64 is hammingKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'hammingKernels.wat')).toBe(HAMMING_WASM_BASE64);
  });

  it('hammingDistanceCounts(s) equals the counts of directly computed squared distances, in WebAssembly and TypeScript', () => {
    // one word a row (d <= 32, with n - i - 1 taking every remainder mod 4) and several (d = 33, 64, 70);
    // duplicated rows (distance 0), all-zero and all-one data, a skewed density, tiny n
    const cases: Samples[] = [
      bits(203, 12, 1),
      bits(64, 1, 2),
      bits(97, 31, 3),
      bits(130, 32, 4, 0.9),
      bits(90, 33, 5),
      bits(75, 64, 6, 0.2),
      bits(61, 70, 7),
      { data: new Float64Array(40 * 5), n: 40, d: 5 },
      { data: new Float64Array(9 * 40).fill(1), n: 9, d: 40 },
      bits(2, 3, 8),
      bits(1, 4, 9),
    ];
    const dup = bits(50, 10, 10);
    dup.data.copyWithin(10 * 25, 0, 10 * 25); // rows 25..49 repeat rows 0..24
    cases.push(dup);
    for (const s of cases) {
      const want = bruteCounts(s);
      expect(Array.from(hammingDistanceCounts(s))).toEqual(want);
      expect(Array.from(hammingDistanceCounts(s, { engine: 'js' }))).toEqual(want);
    }
  });

  it('isBinary(s) is true only when every value is 0 or 1 (-0 is 0)', () => {
    const s = (values: number[]): Samples => ({ data: Float64Array.from(values), n: values.length, d: 1 });
    expect(isBinary(s([0, 1, 1, 0, -0]))).toBe(true);
    expect(isBinary(s([]))).toBe(true);
    for (const odd of [0.5, 2, -1, NaN, 1 + 2 ** -52, Infinity]) expect(isBinary(s([0, 1, odd]))).toBe(false);
  });

  it('pairSquaredDistanceRanks(s, ranks) on binary rows gives the generic passes\' values; so do medianDistance and csIbBandwidth', () => {
    for (const s of [bits(1500, 12, 11), bits(700, 45, 12, 0.3)]) {
      const m = (s.n * (s.n - 1)) / 2;
      const ranks = [0, 1, m / 2 - 1, m / 2, Math.floor(0.37 * m), m - 2, m - 1];
      const generic = pairSquaredDistanceRanks(s, ranks, { binary: false });
      expect(pairSquaredDistanceRanks(s, ranks)).toEqual(generic);
      expect(pairSquaredDistanceRanks(s, ranks, { engine: 'js' })).toEqual(generic);
      // the median of the counts by hand: the first value whose cumulative count passes the rank
      const counts = bruteCounts(s);
      let below = 0;
      let h = 0;
      while (below + counts[h] <= m / 2) below += counts[h++];
      expect(generic[3]).toBe(h);
    }
    // the bandwidth rules through it, against the generic passes (remembered values forgotten: both computed)
    const s = bits(1300, 12, 13);
    const m = (s.n * (s.n - 1)) / 2;
    const [a, b] = pairSquaredDistanceRanks(s, [m / 2 - 1, m / 2], { binary: false });
    forgetBandwidths();
    expect(medianDistance(s)).toBe((Math.sqrt(a) + Math.sqrt(b)) / 2);
    forgetBandwidths();
    const ib = csIbBandwidth(s, { binary: false });
    forgetBandwidths();
    expect(csIbBandwidth(s)).toBe(ib);
  });
});
