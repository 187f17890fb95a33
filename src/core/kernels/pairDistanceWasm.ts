/**
 * WebAssembly SIMD (f64x2) passes over the n(n-1)/2 pairwise squared distances of a variable, without storing
 * them: a histogram of their bit patterns, the counts and values around a guessed range, and the collection of
 * those in a value range. They serve the exact
 * order statistics of `pairSquaredDistanceRanks`. The window pass (the usual one) first places the pairs by f32
 * distances, 4 to a vector, with bounds on their rounding, and computes in f64 only those it cannot place for
 * certain (see `f32Filter` below): the same numbers as the f64 pass, about 1.5x faster (integer data, whose f32
 * distances are exact: about 1.8x). Assembled from `pairDistanceKernels.wat` (beside this file)
 * by wabt; a test re-assembles the source and checks that it matches the bytes below, and that the TypeScript
 * passes (`pairDistancePasses.ts`) give the same numbers. Instantiated on first use; null when this runtime
 * has no WebAssembly SIMD or the memory cannot grow (callers then use the TypeScript passes).
 * Kernels: trust their inputs.
 */
import { Samples } from '../samples';
import { growMemory, instantiateWasm, WasmMemory } from '../wasm';
import { PairPasses } from './pairDistancePasses';

/** pairDistanceKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const PAIR_DISTANCE_WASM_BASE64 =
  'AGFzbQEAAAABbAlgCH9/f39/f39/AGANf39/f39/f3x8fn5/fwBgBnx8fH9/fwBgDH9/f39/f398fH9/fwBgE39/f39/fHx/f39/f39/f399fX8AYAJ/ewBgBH58f38BfmAEfH9/fwBgCn9/f39/f398fH8BfwMMCwABAgMABAUGBwUIBQMBAAEHRAUGbWVtb3J5AgANcGFpckhpc3RvZ3JhbQABCnBhaXJXaW5kb3cAAwxwYWlyV2luZG93MzIABQtwYWlyQ29sbGVjdAAKCokZC5oEBAR/AnsEfwR7IAJBA3QhDiAGIANBBHRqIRAgBCAAQQN0aiEJIAYhDwJAA0AgDyAQTw0BIA8gCSsDAP0U/QsEACAJIA5qIQkgD0EQaiEPDAALCyAFIAdBA3RqIQsgAUEDdCERIAUgEWohCgJAA0AgCkHAAGogC0sNASAEIBFqIQkgBiEP/QwAAAAAAAAAAAAAAAAAAAAAIQ39DAAAAAAAAAAAAAAAAAAAAAAhEv0MAAAAAAAAAAAAAAAAAAAAACET/QwAAAAAAAAAAAAAAAAAAAAAIRQCQANAIA8gEE8NASAP/QAEACEVIAn9AAQAIBX98QEhDCANIAwgDP3yAf3wASENIAn9AAQQIBX98QEhDCASIAwgDP3yAf3wASESIAn9AAQgIBX98QEhDCATIAwgDP3yAf3wASETIAn9AAQwIBX98QEhDCAUIAwgDP3yAf3wASEUIAkgDmohCSAPQRBqIQ8MAAsLIAogDf0LBAAgCiAS/QsEECAKIBP9CwQgIAogFP0LBDAgCkHAAGohCiARQcAAaiERDAALCwJAA0AgCiALTw0BIAQgEWohCSAGIQ/9DAAAAAAAAAAAAAAAAAAAAAAhDQJAA0AgDyAQTw0BIAn9AAQAIA/9AAQA/fEBIQwgDSAMIAz98gH98AEhDSAJIA5qIQkgD0EQaiEPDAALCyAKIA39CwQAIApBEGohCiARQRBqIREMAAsLC+IBBAR/AXwCfwJ8IAwrAwAhFCAMKwMIIRUgBiACQQN0aiEQIAYgA0EDdGohDSAAIQ4CQANAIA4gAU8NASAOIA5BAWpBfnEgAyAEIAUgBiANIAJBAWpBfnEQACAGIA5BAWpBA3RqIQ8CQANAIA8gEE8NASAPKwMAIREgESAHZiARIAhlcQRAIBG9IAmIIAqDpyETIAsgE0EDdGohEiASIBIrAwBEAAAAAAAA8D+gOQMAIBQgEaQhFCAVIBGlIRULIA9BCGohDwwACwsgDkEBaiEODAALCyAMIBQ5AwAgDCAVOQMIC2wAIAAgAWMEQCADIAMrAwBEAAAAAAAA8D+gOQMADwsgACACZARADwsgACABYQRAIAMgAysDCEQAAAAAAADwP6A5AwgPCyAAIAJhBEAgAyADKwMQRAAAAAAAAPA/oDkDEA8LIAAgAyAEIAUQCAvrAgIEfwh7IAf9FCESIAj9FCETIAhEAAAAAAAA+H8gCCAHZBv9FCEUIAYgAkEDdGohDyAGIANBA3RqIQwgACENAkADQCANIAFPDQEgDSANQQFqQX5xIAMgBCAFIAYgDCACQQFqQX5xEAAgBiANQQFqQQN0aiEOIA4gD0kgDUEBakEBcXEEQCAOKwMAIAcgCCALIAkgChACIA5BCGohDgsCQANAIA5BEGogD0sNASAO/QAEACEQIBEgECAS/Un90QEhESAWIBAgEv1H/dEBIRYgFyAQIBT9R/3RASEXIBAgEv1KIBAgE/1J/U4hFSAV/VMEQCAV/RsABEAgEP0hACAHIAggCyAJIAoQAgsgFf0bAgRAIBD9IQEgByAIIAsgCSAKEAILCyAOQRBqIQ4MAAsLIA4gD0kEQCAOKwMAIAcgCCALIAkgChACCyANQQFqIQ0MAAsLIAsgERAJIAtBCGogFhAJIAtBEGogFxAJC5oEBAN/AnsEfwR7IAJBAnQhDSAGIANBBHRqIQ8gBCAAQQJ0aiEIIAYhDgJAA0AgDiAPTw0BIA4gCCoCAP0T/QsEACAIIA1qIQggDkEQaiEODAALCyAFIAdBAnRqIQogAUECdCEQIAUgEGohCQJAA0AgCUHAAGogCksNASAEIBBqIQggBiEO/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRMCQANAIA4gD08NASAO/QAEACEUIAj9AAQAIBT95QEhCyAMIAsgC/3mAf3kASEMIAj9AAQQIBT95QEhCyARIAsgC/3mAf3kASERIAj9AAQgIBT95QEhCyASIAsgC/3mAf3kASESIAj9AAQwIBT95QEhCyATIAsgC/3mAf3kASETIAggDWohCCAOQRBqIQ4MAAsLIAkgDP0LBAAgCSAR/QsEECAJIBL9CwQgIAkgE/0LBDAgCUHAAGohCSAQQcAAaiEQDAALCwJAA0AgCSAKTw0BIAQgEGohCCAGIQ79DAAAAAAAAAAAAAAAAAAAAAAhDAJAA0AgDiAPTw0BIAj9AAQAIA79AAQA/eUBIQsgDCALIAv95gH95AEhDCAIIA1qIQggDkEQaiEODAALCyAJIAz9CwQAIAlBEGohCSAQQRBqIRAMAAsLC9UIBgR/DnsEfw17AX4DeyAJKwMYsSE2IAa2QwAAwH8gBiAFZBv9EyE5IBD9EyEeIBH9EyEfIAL9ESEjIAX9FCEwIAb9FCExIAZEAAAAAAAA+H8gBiAFZBv9FCEyIANBBHQhKCACQQNqQXxxIRYgDSAKQQJ0aiETIAAhFAJAA0AgFCABTw0BIBRBAWpBfHEhFSAUIBUgCiADIAsgDSATIBYQBCAOIBRBAnRqKgIA/RMhICAPIBRBAnRqKgIA/RMhISAU/REhIv0MAAAAAAAAAAAAAAAAAAAAACEk/QwAAAAAAAAAAAAAAAAAAAAAITf9DAAAAAAAAAAAAAAAAAAAAAAhOAJAA0AgFSAWTw0BIA0gFUECdGr9AAQAIRcgDCAVQQJ0av0ABAAhGCAVIBRNIBVBBGogAktyBHsgFf0R/QwAAAAAAQAAAAIAAAADAAAA/a4BIR0gHSAi/TsgHSAj/Tn9TgX9DP////////////////////8LIRwgFyAe/eYBIBj95AEgIP1DIRkgFyAf/eYBIBj95QEgIf1EIRogJCAZIBz9Tv2xASEkIBwgGSAa/VD9TyEbIBIEQCA3IBsgFyAg/UH9Tv2xASE3IDggGyAXIDn9Qf1O/bEBITggGyAXICD9RCAXICH9Q/1O/U4hLyAv/VMEQCAv/RsABEAgNiAX/R8AuyAHIAgQByE2CyAv/RsBBEAgNiAX/R8BuyAHIAgQByE2CyAv/RsCBEAgNiAX/R8CuyAHIAgQByE2CyAv/RsDBEAgNiAX/R8DuyAHIAgQByE2CwsFIBv9UwRAIAQgFUEBdiAobGohJSAEIBRBAXYgKGxqIBRBAXFBA3RqISYgJSAoaiEn/QwAAAAAAAAAAAAAAAAAAAAAISv9DAAAAAAAAAAAAAAAAAAAAAAhLAJAA0AgJSAnTw0BICYrAwD9FCEpICX9AAQAICn98QEhKiArICogKv3yAf3wASErICUgKGr9AAQAICn98QEhKiAsICogKv3yAf3wASEsICVBEGohJSAmQRBqISYMAAsLIBv9xwEhLSAb/cgBIS4gMyAtICsgMP1J/U790QEhMyAzIC4gLCAw/Un9Tv3RASEzIDQgLSArIDD9R/1O/dEBITQgNCAuICwgMP1H/U790QEhNCA1IC0gKyAy/Uf9Tv3RASE1IDUgLiAsIDL9R/1O/dEBITUgLSArIDD9SiArIDH9Sf1O/U4hLyAv/RsABEAgNiAr/SEAIAcgCBAHITYLIC/9GwIEQCA2ICv9IQEgByAIEAchNgsgLiAsIDD9SiAsIDH9Sf1O/U4hLyAv/RsABEAgNiAs/SEAIAcgCBAHITYLIC/9GwIEQCA2ICz9IQEgByAIEAchNgsLCyAVQQRqIRUMAAsLIAkgJBAGIAlBCGogNxAGIAlBEGogOBAGIBRBAWohFAwACwsgCSAzEAkgCUEIaiA0EAkgCUEQaiA1EAkgCSA2ujkDGAslACAAIAArAwAgAf0bACAB/RsBaiAB/RsCIAH9GwNqarigOQMACx4AIAAgA61UBEAgAiAAp0EDdGogATkDAAsgAEIBfAszAQF8IAErAxghBCAEIAO4YwRAIAIgBKtBA3RqIAA5AwALIAEgBEQAAAAAAADwP6A5AxgLGQAgACAAKwMAIAH9HQAgAf0dAXy6oDkDAAumAQMEfwF8AX8gBiACQQN0aiENIAkhDyAGIANBA3RqIQogACELAkADQCALIAFPDQEgCyALQQFqQX5xIAMgBCAFIAYgCiACQQFqQX5xEAAgBiALQQFqQQN0aiEMAkADQCAMIA1PDQEgDCsDACEOIA4gB2YgDiAIZXEEQCAPIA45AwAgD0EIaiEPCyAMQQhqIQwMAAsLIAtBAWohCwwACwsgDyAJa0EDdgs=';

interface PairExports {
  memory: WasmMemory;
  pairHistogram(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, shift: bigint, mask: bigint, counts: number, mm: number): void;
  pairCollect(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, out: number): number;
  pairWindow(i0: number, i1: number, n: number, m: number, d: number, cols: number, row: number, lo: number, hi: number, out: number, cap: number, stats: number): void;
  pairWindow32(
    i0: number, i1: number, n: number, d: number, pairs: number, lo: number, hi: number, out: number, cap: number, stats: number,
    m4: number, cols32: number, norms: number, row: number, lows: number, highs: number, kp: number, km: number, exact: number,
  ): void;
}

/**
 * The column stride (in doubles) for n samples: even, and 8 doubles past a multiple of 512, so that the d column
 * streams of a pass fall into different cache sets (a stride of exactly 4096 doubles made the pass 1.8x slower).
 */
export function paddedStride(n: number): number {
  const even = n + (n & 1);
  return Math.ceil(Math.max(0, even - 8) / 512) * 512 + 8;
}

const MAX_BYTES = 2 ** 31;

/**
 * The passes of `PairPasses` over `s` in a fresh WebAssembly instance holding s column-major (padded stride), a
 * scratch row, `buckets` histogram counts and room for `capacity` collected or kept values; null when
 * unavailable.
 */
export function wasmPairPasses(s: Samples, buckets: number, capacity: number, options: { filter?: boolean } = {}): PairPasses | null {
  const { n, d, data } = s;
  const m = paddedStride(n);
  const cols = 0;
  const row = cols + 8 * m * d;
  const counts = row + 8 * m + 16 * d; // the scratch row, then the splats of one sample
  const mm = counts + 8 * buckets;
  const stats = mm + 16;
  const out = stats + 32;
  const end = out + 8 * capacity;
  const filter = options.filter !== false ? filterLayout(n, d, end + (end % 16)) : null;
  const bytes = filter ? filter.end : end;
  if (bytes > MAX_BYTES) return null;
  const ex = instantiateWasm<PairExports>(PAIR_DISTANCE_WASM_BASE64);
  if (!ex) return null;
  if (!growMemory(ex.memory, bytes)) return null;
  const heap = new Float64Array(ex.memory.buffer);
  for (let c = 0; c < d; c++) {
    const col = c * m;
    for (let i = 0; i < n; i++) heap[col + i] = data[i * d + c];
  }
  const f32 = filter ? f32Filter(s, filter, ex.memory) : null;
  return {
    histogram(lo, hi, shift, mask, target) {
      const view = heap.subarray(counts / 8, counts / 8 + target.length);
      view.fill(0);
      heap[mm / 8] = Infinity;
      heap[mm / 8 + 1] = -Infinity;
      ex.pairHistogram(0, n, n, m, d, cols, row, lo, hi, BigInt(shift), BigInt(mask), counts, mm);
      target.set(view);
      return { min: heap[mm / 8], max: heap[mm / 8 + 1] };
    },
    window(lo, hi, cap, rows = [0, n], undecided = 0) {
      heap.fill(0, stats / 8, stats / 8 + 4);
      const keep = Math.min(cap, capacity);
      // integer data: S is exact, so any share of undecided pairs is cheap, but the kernel compares S with lo and hi
      // themselves (f32 values then, as a pilot's integer ends are); other data: while few pairs are undecided
      const exactEnds = Math.fround(lo) === lo && Math.fround(hi) === hi;
      if (f32 && filter && (f32.exact ? exactEnds : undecided <= FILTER_MAX_UNDECIDED)) {
        f32.thresholds(lo, hi, rows[0], rows[1]);
        const { m4, pairs, cols32, norms, row32, lows, highs } = filter;
        ex.pairWindow32(rows[0], rows[1], n, d, pairs, lo, hi, out, keep, stats, m4, cols32, norms, row32, lows, highs, f32.kp, f32.km, f32.exact ? 1 : 0);
      } else {
        ex.pairWindow(rows[0], rows[1], n, m, d, cols, row, lo, hi, out, keep, stats);
      }
      const inside = heap[stats / 8 + 3];
      return {
        below: heap[stats / 8],
        atLo: heap[stats / 8 + 1],
        atHi: heap[stats / 8 + 2],
        inside,
        kept: inside <= keep ? heap.slice(out / 8, out / 8 + inside) : null,
      };
    },
    collect(lo, hi, count) {
      const got = ex.pairCollect(0, n, n, m, d, cols, row, lo, hi, out);
      return heap.slice(out / 8, out / 8 + Math.min(got, count));
    },
  };
}

/*
 * The f32 filter of the window pass (`pairWindow32` in pairDistanceKernels.wat): most pairs are placed below or
 * above the guessed range [lo, hi] by an f32 squared distance S, at twice the f64x2 rate, and only the pairs it
 * cannot place with certainty get their exact f64 distance D (the value every other pass computes, bit for bit).
 * So the counts and the kept values are exactly those of `pairWindow`.
 *
 * Why the bounds are safe (u = 2^-24, the f32 unit roundoff; u64 = 2^-53). The f32 data are
 * y_ic = f32((x_ic - mu_c) s) with column means mu and a power-of-two scale s (max |y_i| about 1: no f32 overflow;
 * underflow only below 2^-126, an absolute error under 2^-149 a value). With r_i = (x_i - mu) s exactly and
 * R_i = |r_i|^2, each y_ic = r_ic + e_ic with |e_ic| <= 1.01 u |r_ic| + 2^-149. Let T = |r_j - r_i|^2 (the exact
 * scaled squared distance). Then, by Cauchy-Schwarz on the cross term,
 *   |sum_c (y_jc - y_ic)^2 - T| <= 1.02 u (T + 2 (R_i + R_j)) + tau0,
 * and the f32 subtraction, squaring and d-term recursive sum add a relative (d + 3) u: so
 * |S - T| <= (d + 5) u T + 2.1 u (R_i + R_j) + tau0. The f64 distance (scaled) obeys |D - T| <= (d + 2) u64 T.
 * With k = 4 (d + 8) u (at least 4 times what these need, which also absorbs the roundings of the f32 test
 * itself and of R_j stored as f32), and tau = 2^-80 (far above tau0 ~ d 2^-147 at this scale):
 *   S (1 + k) + k (R_i + R_j) + tau < L  implies  D < L,      S (1 - k) - k (R_i + R_j) - tau > H  implies  D > H,
 * where L, H are lo, hi times s^2 (exact). The kernel tests S (1 + k) + k R_j < lows[i] with
 * lows[i] = L - k R_i - tau rounded down to f32, and S (1 - k) - k R_j > highs[i] = H + k R_i + tau rounded up,
 * with k R_j stored as f32 rounded up.
 * Every other pair (near an end, on it, or inside the range) is computed exactly and classified as before.
 */

/** The filter's buffers (byte offsets; floats), after the f64 layout ending at `start` (16-byte aligned). */
interface FilterLayout {
  m4: number;
  pairs: number;
  cols32: number;
  norms: number;
  row32: number;
  lows: number;
  highs: number;
  end: number;
}

/**
 * The filter pays while few pairs are left to the exact path: each of those costs about 20 filtered pairs (the
 * exact f64 distances of its 4-pair vector, out of order in memory), so beyond about 4% undecided pairs (for
 * example a range made of ties) the plain f64 pass is faster (measured at n = 4096, d = 12). Integer data are
 * exempt: their f32 distances are exact, and ties are counted in lanes (`exactIntegers`).
 */
const FILTER_MAX_UNDECIDED = 0.04;

/** Beyond this many columns k = 4 (d + 8) 2^-24 is no longer small: the filter would place few pairs. */
const FILTER_MAX_D = 4096;

/** The stride (floats) of the f32 columns: a multiple of 4, 16 floats past a multiple of 1024 (see paddedStride). */
function paddedStride32(n: number): number {
  const n4 = (n + 3) & ~3;
  return Math.ceil(Math.max(0, n4 - 16) / 1024) * 1024 + 16;
}

function filterLayout(n: number, d: number, start: number): FilterLayout | null {
  if (d > FILTER_MAX_D || n < 2) return null;
  const m4 = paddedStride32(n);
  const pairs = start;
  const cols32 = pairs + 8 * d * (n + (n % 2));
  const norms = cols32 + 4 * m4 * d;
  const row32 = norms + 4 * m4;
  const lows = row32 + 4 * m4 + 16 * d;
  const highs = lows + 4 * m4;
  return { m4, pairs, cols32, norms, row32, lows, highs, end: highs + 4 * m4 };
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The largest f32 value <= v (v finite or infinite, not NaN). */
export function f32Below(v: number): number {
  F32[0] = v;
  if (F32[0] <= v) return F32[0];
  // one step towards -Infinity: the bit pattern of a positive float goes down, of a negative one up
  if (F32[0] === 0) return -(2 ** -149);
  U32[0] += F32[0] > 0 ? -1 : 1;
  return F32[0];
}

/** The smallest f32 value >= v. */
export function f32Above(v: number): number {
  return -f32Below(-v);
}

/**
 * Whether every value is an integer with d (2 max |x|)^2 <= 2^24: then every difference, square and partial sum
 * of a squared distance is an integer below 2^24, exact in f32 as in f64, so the f32 distance S equals the f64
 * one D bit for bit (binary inputs such as the 12-bit patterns of the information-bottleneck experiments, pixel
 * values, one-hot rows).
 */
function exactIntegers(data: Float64Array, n: number, d: number): boolean {
  let max = 0;
  for (let i = 0; i < n * d; i++) {
    const v = data[i];
    if (v !== Math.trunc(v)) return false; // also NaN and the infinities
    const a = Math.abs(v);
    if (a > max) max = a;
  }
  return d * 4 * max * max <= 2 ** 24;
}

/**
 * The filter of integer data (`exactIntegers`): the data as they are in f32 (exact), no norms, factors 1, and the
 * range's ends as they are (used only when they are f32 values, as the integer ends a pilot gives are): S < lo
 * is D < lo, S > hi is D > hi, and the kernel places the other pairs by S (= D) itself.
 */
function exactFilter(s: Samples, layout: FilterLayout, memory: WasmMemory) {
  const { data, n, d } = s;
  const buffer = memory.buffer;
  const cols32 = new Float32Array(buffer, layout.cols32, layout.m4 * d);
  cols32.fill(0);
  for (let c = 0; c < d; c++) {
    const col = c * layout.m4;
    for (let i = 0; i < n; i++) cols32[col + i] = data[i * d + c];
  }
  new Float32Array(buffer, layout.norms, layout.m4).fill(0);
  const lows = new Float32Array(buffer, layout.lows, layout.m4);
  const highs = new Float32Array(buffer, layout.highs, layout.m4);
  return {
    exact: true,
    kp: 1,
    km: 1,
    thresholds(lo: number, hi: number, i0: number, i1: number): void {
      lows.fill(lo, i0, i1);
      highs.fill(hi, i0, i1);
    },
  };
}

/**
 * Write the centred, scaled f32 columns and the scaled squared norms (rounded up) into the filter's buffers, and
 * return the threshold writer and the factors; null when the data's scale is out of range (the f64 pass is used).
 */
function f32Filter(s: Samples, layout: FilterLayout, memory: WasmMemory) {
  const { data, n, d } = s;
  const exact = exactIntegers(data, n, d);
  if (exact) return exactFilter(s, layout, memory);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += data[i * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;
  const norms = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < d; c++) {
      const r = data[i * d + c] - mean[c];
      sum += r * r;
    }
    norms[i] = sum;
    if (sum > max) max = sum;
  }
  if (!Number.isFinite(max)) return null;
  // a power of two puts the largest centred sample near norm 1 (so the f32 values can neither overflow nor, but
  // for values 2^-126 below the largest, underflow); exact in f64
  const scale = max > 0 ? 2 ** -Math.ceil(Math.log2(max) / 2) : 1;
  const scale2 = scale * scale;
  if (!(scale2 > 0 && Number.isFinite(scale2))) return null;
  const buffer = memory.buffer;
  // the samples interleaved in twos for the exact distances: sample i, column c at 2 (d (i >> 1) + c) + (i & 1)
  const pairs = new Float64Array(buffer, layout.pairs, d * (n + (n % 2)));
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) pairs[2 * (d * (i >> 1) + c) + (i & 1)] = data[i * d + c];
  const cols32 = new Float32Array(buffer, layout.cols32, layout.m4 * d);
  cols32.fill(0);
  for (let c = 0; c < d; c++) {
    const col = c * layout.m4;
    for (let i = 0; i < n; i++) cols32[col + i] = (data[i * d + c] - mean[c]) * scale;
  }
  const normsOut = new Float32Array(buffer, layout.norms, layout.m4);
  normsOut.fill(0);
  const k = 4 * (d + 8) * 2 ** -24;
  for (let i = 0; i < n; i++) normsOut[i] = f32Above(k * norms[i] * scale2);
  const tau = 2 ** -80;
  const lows = new Float32Array(buffer, layout.lows, layout.m4);
  const highs = new Float32Array(buffer, layout.highs, layout.m4);
  return {
    exact: false,
    kp: f32Above(1 + k),
    km: f32Below(1 - k),
    /** The per-row thresholds of rows i0..i1-1 for the range [lo, hi]. */
    thresholds(lo: number, hi: number, i0: number, i1: number): void {
      const L = lo * scale2;
      const H = hi * scale2;
      for (let i = i0; i < i1; i++) {
        const kr = k * norms[i] * scale2;
        lows[i] = f32Below(L - kr - tau);
        highs[i] = f32Above(H + kr + tau);
      }
    },
  };
}
