/**
 * Passes over the n(n-1)/2 pairwise squared distances of a variable that never store them all: a histogram of
 * their IEEE-754 bit patterns and the collection of those within a value range. For non-negative doubles the
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
   * Also returns the least and greatest of those v. With a `window`, the same pass keeps those v with
   * window.lo <= v <= window.hi, in pair order (`kept`: null when there were more than window.cap, the window
   * overflowed), and the least and greatest of them per key (`keyMin`, `keyMax`, indexed by key - window.key).
   */
  histogram(lo: number, hi: number, shift: number, mask: number, counts: Float64Array, window?: PairWindow): PairHistogram;
  /** The squared distances v with lo <= v <= hi, in pair order; `count` is their number (known from a histogram). */
  collect(lo: number, hi: number, count: number): Float64Array;
}

/**
 * A value range whose pairs a histogram pass keeps, and the most it keeps; lo and hi are the edges of the
 * buckets key .. key + buckets - 1 of that pass.
 */
export interface PairWindow {
  lo: number;
  hi: number;
  cap: number;
  key: number;
  buckets: number;
}

/** What a histogram pass returns besides its counts (see `PairPasses.histogram`). */
export interface PairHistogram {
  min: number;
  max: number;
  kept: Float64Array | null;
  keyMin: Float64Array;
  keyMax: Float64Array;
}

/** The TypeScript passes over `s`. */
export function jsPairPasses(s: Samples): PairPasses {
  const { data, n, d } = s;
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer); // little-endian: u[0] = low word, u[1] = high word
  const forEachPair = (visit: (v: number) => void): void => {
    for (let i = 0; i < n; i++) {
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
    histogram(lo, hi, shift, mask, counts, window) {
      counts.fill(0);
      const wlo = window ? window.lo : 1;
      const whi = window ? window.hi : 0;
      const cap = window ? window.cap : 0;
      const kept = new Float64Array(cap);
      const keyMin = new Float64Array(window ? window.buckets : 0).fill(Infinity);
      const keyMax = new Float64Array(window ? window.buckets : 0).fill(-Infinity);
      const wkey = window ? window.key : 0;
      let got = 0;
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
        key &= mask;
        counts[key]++;
        if (v >= wlo && v <= whi) {
          if (got < cap) kept[got] = v;
          got++;
          if (v < keyMin[key - wkey]) keyMin[key - wkey] = v;
          if (v > keyMax[key - wkey]) keyMax[key - wkey] = v;
        }
      });
      return { min, max, kept: window && got <= cap ? kept.slice(0, got) : null, keyMin, keyMax };
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
