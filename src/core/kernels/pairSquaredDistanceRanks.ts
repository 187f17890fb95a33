/**
 * Exact order statistics of the n(n-1)/2 pairwise squared distances of a variable in O(n) memory: what the
 * median bandwidth rules need without the 4 n^2 bytes of `pairSquaredDistances`.
 *
 * Radix selection on the IEEE-754 bit patterns, which order like the values for non-negative doubles: a first
 * pass over all pairs counts them by their 19 leading bits (sign excluded: exponent and 8 mantissa bits, buckets
 * 0.4% wide in value); the bucket holding the wanted rank is then either collected by a second pass (when it
 * holds at most `collectLimit` values, the usual case) and the rank selected inside it, or counted again by its
 * next 16 bits, and so on down to single values (4 levels in all). Ties are harmless: equal values share every
 * bit. The first pass also keeps the values in a window located by a pilot sample of random pairs, which
 * usually holds the wanted ranks (see `solveWithPilot`): typical cost one pass of n(n-1)/2 distances (two when
 * the guess misses), 4 MB of counts and at most max(2^20, 64 n) kept values. When every pair fits in
 * `collectLimit` values they are collected at once. Results are the values `pairSquaredDistances` would hold at
 * those sorted positions, bit for bit.
 * Kernel: trusts its input (finite data, 0 <= rank < n(n-1)/2).
 */
import { randomSource } from '../random';
import { Samples } from '../samples';
import { jsPairPasses, PairPasses } from './pairDistancePasses';
import { wasmPairPasses } from './pairDistanceWasm';
import { selectKth } from './select';

/** Bit fields of the radix levels: [shift, width]; 19 + 16 + 16 + 12 = 63 bits (the sign bit is always 0). */
const LEVELS: readonly (readonly [number, number])[] = [
  [44, 19],
  [28, 16],
  [12, 16],
  [0, 12],
];

/** The widest window (in first-level buckets) the first pass keeps values of. */
const WINDOW_BUCKETS = 4096;

export interface PairRankOptions {
  /** Which passes to use: 'wasm' when available (the default 'auto'), or 'js' (the TypeScript ones). */
  engine?: 'auto' | 'js';
  /**
   * The most values a pass collects into memory (doubles); default max(2^18, 16 n); the first pass may keep
   * up to 4 times as many around a guess. Tests lower it.
   */
  collectLimit?: number;
  /** Whether the first pass keeps the values around a guess from random pairs (default true); tests turn it off. */
  pilot?: boolean;
}

/** The values at 0-based positions `ranks` of the sorted pairwise squared distances of `s`. */
export function pairSquaredDistanceRanks(s: Samples, ranks: readonly number[], options: PairRankOptions = {}): number[] {
  const n = s.n;
  const m = (n * (n - 1)) / 2;
  const limit = Math.max(1, Math.floor(options.collectLimit ?? Math.max(2 ** 18, 16 * n)));
  const passes =
    (options.engine === 'js' ? null : wasmPairPasses(s, 2 ** LEVELS[0][1], Math.min(4 * limit, m), WINDOW_BUCKETS)) ?? jsPairPasses(s);
  const out = new Array<number>(ranks.length);
  if (m <= limit) {
    const all = passes.collect(0, Infinity, m);
    ranks.forEach((r, q) => (out[q] = selectKth(all, r)));
    return out;
  }
  const want = ranks.map((rank, index) => ({ rank, index }));
  if (options.pilot === false) solve(passes, want, 0, Infinity, 0, 0, limit, out);
  else solveWithPilot(s, passes, want, m, limit, out);
  return out;
}

interface Wanted {
  rank: number;
  index: number;
}

/** Bit patterns <-> doubles (little-endian words). */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
function bitsOf(v: number): bigint {
  f64[0] = v;
  return (BigInt(u32[1]) << 32n) | BigInt(u32[0]);
}
function fromBits(b: bigint): number {
  u32[0] = Number(b & 0xffffffffn);
  u32[1] = Number(b >> 32n);
  return f64[0];
}

/**
 * Resolve `want` among the values in [lo, hi] (a bucket of the previous level, or everything), `below` of all
 * values being smaller than lo.
 */
function solve(passes: PairPasses, want: Wanted[], lo: number, hi: number, level: number, below: number, limit: number, out: number[]): void {
  const [shift, width] = LEVELS[level];
  const counts = new Float64Array(2 ** width);
  const { min, max } = passes.histogram(lo, hi, shift, counts.length - 1, counts);
  if (min === max) {
    for (const w of want) out[w.index] = min; // one value in the bucket (ties): known without another pass
    return;
  }
  descend(passes, want, lo, level, below, counts, limit, out);
}

/**
 * Given the histogram `counts` of level `level` over the bucket starting at lo, resolve `want`; `single(key)`
 * is the one value of bucket `key` when the pass saw that it holds a single value, else undefined.
 */
function descend(
  passes: PairPasses,
  want: Wanted[],
  lo: number,
  level: number,
  below: number,
  counts: Float64Array,
  limit: number,
  out: number[],
  single: (key: number) => number | undefined = () => undefined,
): void {
  const shift = LEVELS[level][0];
  // the bucket of each wanted rank, with the number of values before that bucket
  const groups = new Map<number, { before: number; count: number; want: Wanted[] }>();
  for (const w of want) {
    let acc = below;
    let key = 0;
    while (key < counts.length - 1 && acc + counts[key] <= w.rank) acc += counts[key++];
    const g = groups.get(key) ?? { before: acc, count: counts[key], want: [] };
    g.want.push(w);
    groups.set(key, g);
  }
  const base = bitsOf(lo); // lo starts a bucket of the previous level: its bits below shift + width are 0
  for (const [key, g] of groups) {
    const start = base + (BigInt(key) << BigInt(shift));
    const bucketLo = fromBits(start);
    const bucketHi = bucketEnd(start, shift);
    const known = shift === 0 ? bucketLo : single(key); // a bucket of one value
    if (known !== undefined) {
      for (const w of g.want) out[w.index] = known;
    } else if (g.count <= limit) {
      const values = passes.collect(bucketLo, bucketHi, g.count);
      for (const w of g.want) out[w.index] = selectKth(values, w.rank - g.before);
    } else {
      solve(passes, g.want, bucketLo, bucketHi, level + 1, g.before, limit, out);
    }
  }
}

/** The largest double in the bucket of `2^shift` bit patterns that starts at `start`. */
function bucketEnd(start: bigint, shift: number): number {
  const end = fromBits(start + (1n << BigInt(shift)) - 1n);
  return Number.isNaN(end) ? Infinity : end; // the bucket of +Infinity
}

/**
 * The first level, with a guess: the wanted ranks' values are located roughly by the quantiles of `pilot`
 * random pairs, and the histogram pass also keeps every value in a window of first-level buckets around them
 * (wide enough to miss with a probability of about 1e-6). When the window holds the ranks and did not overflow,
 * they are selected in it: one pass over the pairs instead of two. Otherwise the histogram is used as usual.
 */
function solveWithPilot(s: Samples, passes: PairPasses, want: Wanted[], m: number, limit: number, out: number[]): void {
  const [shift, width] = LEVELS[0];
  const { data, n, d } = s;
  const size = Math.min(m, Math.max(2 ** 14, 16 * n));
  const pilot = new Float64Array(size);
  const random = randomSource(0);
  for (let p = 0; p < size; p++) {
    const i = random.int(n) | 0;
    let j = random.int(n - 1) | 0;
    if (j >= i) j++;
    const bi = i * d;
    const bj = j * d;
    let sum = 0;
    for (let c = 0; c < d; c++) {
      const t = data[bj + c] - data[bi + c];
      sum += t * t;
    }
    pilot[p] = sum;
  }
  let pMin = 1;
  let pMax = 0;
  for (const w of want) {
    pMin = Math.min(pMin, w.rank / m);
    pMax = Math.max(pMax, (w.rank + 1) / m);
  }
  const margin = 5 * Math.sqrt(0.25 / size) + 2 / size; // 5 standard errors of a sample quantile, and a little
  const a = Math.floor((pMin - margin) * size);
  const b = Math.ceil((pMax + margin) * size);
  const wlo = a <= 0 ? 0 : selectKth(pilot, a);
  const whi = b >= size - 1 ? Infinity : selectKth(pilot, b);
  const keyLo = Number(bitsOf(wlo) >> BigInt(shift));
  const keyHi = Number(bitsOf(whi) >> BigInt(shift));
  const buckets = keyHi - keyLo + 1;
  const window =
    buckets <= WINDOW_BUCKETS
      ? { lo: fromBits(BigInt(keyLo) << BigInt(shift)), hi: bucketEnd(BigInt(keyHi) << BigInt(shift), shift), cap: 4 * limit, key: keyLo, buckets }
      : undefined; // a guess this vague would overflow anyway
  const counts = new Float64Array(2 ** width);
  const { kept, keyMin, keyMax } = passes.histogram(0, Infinity, shift, counts.length - 1, counts, window);
  let before = 0;
  for (let key = 0; key < keyLo; key++) before += counts[key];
  if (kept && want.every((w) => w.rank >= before && w.rank < before + kept.length)) {
    for (const w of want) out[w.index] = selectKth(kept, w.rank - before);
    return;
  }
  // an overflowing window may still be made of ties: a bucket whose least and greatest values are equal
  const single = (key: number): number | undefined => {
    const k = key - keyLo;
    return window && k >= 0 && k < buckets && keyMin[k] === keyMax[k] ? keyMin[k] : undefined;
  };
  descend(passes, want, 0, 0, 0, counts, limit, out, single);
}
