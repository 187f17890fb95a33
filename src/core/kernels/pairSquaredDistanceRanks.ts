/**
 * Exact order statistics of the n(n-1)/2 pairwise squared distances of a variable in O(n) memory: what the
 * median bandwidth rules need without the 4 n^2 bytes of `pairSquaredDistances`.
 *
 * Radix selection on the IEEE-754 bit patterns, which order like the values for non-negative doubles: a first
 * pass over all pairs counts them by their 19 leading bits (sign excluded: exponent and 8 mantissa bits, buckets
 * 0.4% wide in value); the bucket holding the wanted rank is then either collected by a second pass (when it
 * holds at most `collectLimit` values, the usual case) and the rank selected inside it, or counted again by its
 * next 16 bits, and so on down to single values (4 levels in all). Ties are harmless: equal values share every
 * bit. Before that, a guess usually settles it in one pass: a pilot sample of random pairs locates the wanted
 * ranks roughly, and one pass counts the pairs below that range and keeps those inside it (see
 * `solveWithPilot`); the radix levels run only when the guess misses. Typical cost: one pass of n(n-1)/2
 * distances (in f32 for most pairs, with exact f64 for those near or inside the range: `pairDistanceWasm.ts`),
 * at most max(2^20, 64 n) kept values and a pilot of at most 2^22. When every pair fits in
 * `collectLimit` values they are collected at once. Binary samples (every value 0 or 1) skip all of this: their
 * squared distances are the integers 0..d, counted by `hammingDistanceCounts` in one pass of bit operations.
 * Results are the values `pairSquaredDistances` would hold at those sorted positions, bit for bit.
 * Kernel: trusts its input (finite data, 0 <= rank < n(n-1)/2).
 */
import { Samples } from '../samples';
import { hammingDistanceCounts, isBinary } from './hammingDistanceCounts';
import { jsPairPasses, PairPasses } from './pairDistancePasses';
import { wasmPairPasses } from './pairDistanceWasm';
import { selectKth } from './select';
import { resolveThreads, Threads } from '../threads/kernelThreads';
import { pairWindowThreaded } from '../threads/pairWindowThreads';

/** Bit fields of the radix levels: [shift, width]; 19 + 16 + 16 + 12 = 63 bits (the sign bit is always 0). */
const LEVELS: readonly (readonly [number, number])[] = [
  [44, 19],
  [28, 16],
  [12, 16],
  [0, 12],
];

export interface PairRankOptions {
  /** Which passes to use: 'wasm' when available (the default 'auto'), or 'js' (the TypeScript ones). */
  engine?: 'auto' | 'js';
  /**
   * The most values a pass collects into memory (doubles); default max(2^18, 16 n); the pass of the guess may
   * keep up to 4 times as many. Tests lower it.
   */
  collectLimit?: number;
  /** Whether to try a guess from random pairs first (default true); tests turn it off. */
  pilot?: boolean;
  /**
   * Whether binary samples (every value 0 or 1) are counted by Hamming distance (`hammingDistanceCounts`: the same
   * values, about 4x faster); default true; tests turn it off to compare.
   */
  binary?: boolean;
  /**
   * Threads for the pass of the guess (worker threads; the same values for any number): an integer or 'auto'
   * (`resolveThreads`: every core when the pass is predicted to take 20 ms or more). Default 1. Used from
   * `THREADED_PAIRS` pairs up, and not for binary samples (their Hamming counts run on the calling thread).
   */
  threads?: Threads;
}

/** The fewest pairs for which the pass of the guess is split over threads. */
const THREADED_PAIRS = 2 ** 21;

/** The values at 0-based positions `ranks` of the sorted pairwise squared distances of `s`. */
export function pairSquaredDistanceRanks(s: Samples, ranks: readonly number[], options: PairRankOptions = {}): number[] {
  const n = s.n;
  const m = (n * (n - 1)) / 2;
  const limit = Math.max(1, Math.floor(options.collectLimit ?? Math.max(2 ** 18, 16 * n)));
  // made on first use: a threaded pass of the guess copies the data into its own workers and needs none here
  let made: PairPasses | undefined;
  const passes = (): PairPasses =>
    (made ??= (options.engine === 'js' ? null : wasmPairPasses(s, 2 ** LEVELS[0][1], Math.min(4 * limit, m))) ?? jsPairPasses(s));
  const out = new Array<number>(ranks.length);
  if (options.binary !== false && isBinary(s)) {
    // Squared distances of rows of zeros and ones are the integers 0..d: their counts give every rank.
    const counts = hammingDistanceCounts(s, { engine: options.engine });
    ranks.forEach((r, q) => {
      let h = 0;
      for (let below = counts[0]; below <= r; below += counts[++h]);
      out[q] = h;
    });
    return out;
  }
  if (m <= limit) {
    const all = passes().collect(0, Infinity, m);
    ranks.forEach((r, q) => (out[q] = selectKth(all, r)));
    return out;
  }
  const want = ranks.map((rank, index) => ({ rank, index }));
  if (options.pilot === false) solve(passes(), want, 0, Infinity, 0, 0, limit, out);
  else solveWithPilot(s, passes, want, m, limit, out, options.engine !== 'js' && m >= THREADED_PAIRS ? resolveThreads(options.threads ?? 1, n, s.d) : 1);
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

/** Given the histogram `counts` of level `level` over the bucket starting at lo, resolve `want`. */
function descend(
  passes: PairPasses,
  want: Wanted[],
  lo: number,
  level: number,
  below: number,
  counts: Float64Array,
  limit: number,
  out: number[],
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
    if (shift === 0) {
      for (const w of g.want) out[w.index] = bucketLo; // a bucket of one value
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

/** The most random pairs a pilot draws (32 MB of values). */
const MAX_PILOT = 2 ** 22;

/**
 * The guess: the wanted ranks' values are located roughly by the quantiles of random pairs (a pilot), and one
 * pass counts the pairs below, on and inside that range and keeps the inside ones (`PairPasses.window`). The
 * range is 5 standard errors of a sample quantile wide on each side, so it misses with a probability of about
 * 1e-6; the pilot is made large enough that the range holds about a quarter of what the pass may keep. When every
 * wanted rank falls below the range's ends, on them (ties) or among the kept values, it is read off or selected
 * there: one pass over the pairs. Otherwise (a miss, or more inside values than fit) the radix histogram
 * resolves it from scratch, exactly, in two or more passes.
 */
function solveWithPilot(s: Samples, passes: () => PairPasses, want: Wanted[], m: number, limit: number, out: number[], threads: number): void {
  const { data, n, d } = s;
  const cap = Math.min(4 * limit, m);
  const size = Math.min(m, Math.max(2 ** 14, 16 * n, Math.min(MAX_PILOT, Math.ceil(((10 * m) / cap) ** 2))));
  const pilot = new Float64Array(size);
  // xorshift32 with a fixed seed: a guess needs no more than roughly uniform pairs (a bad guess costs only time),
  // and this is 10-50x cheaper per draw than the library generator. The state is a local of this loop, not of a
  // closure: a captured int32 beyond the small-integer range is boxed at every step (8 ms of the pass here).
  let state = 0x9e3779b9 | 0;
  for (let p = 0; p < size; p++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const i = (state >>> 1) % n; // 31 bits: an integer remainder, not a floating-point one
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    let j = (state >>> 1) % (n - 1);
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
  const lo = a <= 0 ? 0 : selectKth(pilot, a);
  const hi = b >= size - 1 ? Infinity : selectKth(pilot, b);
  // the pilot's share of pairs on or inside the range: the pass's exact path takes those (a hint for its speed)
  let undecided = 0;
  for (let p = 0; p < size; p++) if (pilot[p] >= lo && pilot[p] <= hi) undecided++;
  undecided /= size;
  const { below, atLo, atHi, inside, kept } =
    (threads > 1 ? pairWindowThreaded(s, lo, hi, cap, threads, undecided) : null) ?? passes().window(lo, hi, cap, undefined, undecided);
  // the kept values are selected in increasing rank, each among those the previous selection left above it
  let from = 0;
  let fromRank = 0;
  const values = new Array<number | undefined>(want.length).fill(undefined);
  for (const q of want.map((_, q) => q).sort((a, b) => want[a].rank - want[b].rank)) {
    let r = want[q].rank - below;
    if (r < 0) continue;
    if (r < atLo) {
      values[q] = lo;
      continue;
    }
    r -= atLo;
    if (r < inside) {
      if (!kept) continue;
      values[q] = selectKth(kept.subarray(from), r - fromRank);
      from += r - fromRank;
      fromRank = r;
      continue;
    }
    r -= inside;
    if (r < atHi) values[q] = hi;
  }
  if (values.every((v) => v !== undefined)) {
    want.forEach((w, q) => (out[w.index] = values[q]!));
    return;
  }
  solve(passes(), want, 0, Infinity, 0, 0, limit, out);
}
