/**
 * Passes over the n(n-1)/2 pairwise squared distances of a variable that never store them all: a histogram of
 * their IEEE-754 bit patterns, the counts and values around a guessed range, and the collection of those within a
 * value range. For non-negative doubles the
 * bit pattern (read as an unsigned integer) orders like the value, so a histogram over its leading bits is a
 * histogram over the values with exact, tie-safe bucket edges. This is the TypeScript version; the WebAssembly
 * one (`pairDistanceWasm.ts`) gives the same numbers. The squared distance of samples i < j is
 * sum_c (x_jc - x_ic)^2, summed over c = 0, 1, ... in order, as in `pairSquaredDistances`.
 * Kernels: trust their inputs.
 */
import { Samples } from '../samples';

/** The two passes, over one variable's pairs. */
export interface PairPasses {
  /**
   * counts[key] = the number of pairs whose squared distance v has lo <= v <= hi and (bits(v) >>> shift) &
   * mask === key, where bits(v) is the 64-bit pattern of v (0 <= shift < 64, mask = 2^w - 1, w <= 20).
   * Also returns the least and greatest of those v.
   */
  histogram(lo: number, hi: number, shift: number, mask: number, counts: Float64Array): { min: number; max: number };
  /** The squared distances v with lo <= v <= hi, in pair order; `count` is their number (known from a histogram). */
  collect(lo: number, hi: number, count: number): Float64Array;
  /**
   * One pass that places every squared distance v against a guessed range [lo, hi]: how many fall below lo, on
   * lo, on hi (when hi > lo) and strictly inside, the inside ones kept in pair order (`kept`: null when there
   * are more than `cap`). Cheaper than `histogram`: no per-value bucket, and the frequent case (below lo) is a
   * comparison. With `rows` = [i0, i1), only the pairs (i, j) with i0 <= i < i1 (and i < j) are placed: one
   * share of the pass for one thread. `undecided` is the fraction of pairs expected on or inside [lo, hi] (a
   * pilot's estimate; default 0): a hint for the speed of the WebAssembly pass, never for its values.
   */
  window(lo: number, hi: number, cap: number, rows?: readonly [number, number], undecided?: number): PairWindowCounts;
}

/** What `PairPasses.window` returns. */
export interface PairWindowCounts {
  below: number;
  atLo: number;
  atHi: number;
  inside: number;
  kept: Float64Array | null;
}

/** The TypeScript passes over `s`. */
export function jsPairPasses(s: Samples): PairPasses {
  const { data, n, d } = s;
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer); // little-endian: u[0] = low word, u[1] = high word
  const forEachPair = (visit: (v: number) => void, i0 = 0, i1 = n): void => {
    for (let i = i0; i < i1; i++) {
      const bi = i * d;
      for (let j = i + 1; j < n; j++) {
        const bj = j * d;
        let sum = 0;
        for (let c = 0; c < d; c++) {
          const t = data[bj + c] - data[bi + c];
          sum += t * t;
        }
        visit(sum);
      }
    }
  };
  return {
    histogram(lo, hi, shift, mask, counts) {
      counts.fill(0);
      let min = Infinity;
      let max = -Infinity;
      forEachPair((v) => {
        if (v < lo || v > hi) return;
        if (v < min) min = v;
        if (v > max) max = v;
        f[0] = v;
        const h = u[1];
        const l = u[0];
        let key: number;
        if (shift >= 32) key = h >>> (shift - 32);
        else if (shift === 0) key = l;
        else key = (h << (32 - shift)) | (l >>> shift);
        counts[(key & mask) >>> 0]++;
      });
      return { min, max };
    },
    window(lo, hi, cap, rows = [0, n]) {
      const kept = new Float64Array(Math.min(cap, (n * (n - 1)) / 2));
      let below = 0;
      let atLo = 0;
      let atHi = 0;
      let inside = 0;
      forEachPair((v) => {
        if (v < lo) below++;
        else if (v > hi) return;
        else if (v === lo) atLo++;
        else if (v === hi) atHi++;
        else {
          if (inside < cap) kept[inside] = v;
          inside++;
        }
      }, ...rows);
      return { below, atLo, atHi, inside, kept: inside <= cap ? kept.slice(0, inside) : null };
    },
    collect(lo, hi, count) {
      const out = new Float64Array(count);
      let p = 0;
      forEachPair((v) => {
        if (v >= lo && v <= hi && p < count) out[p++] = v;
      });
      return out;
    },
  };
}
