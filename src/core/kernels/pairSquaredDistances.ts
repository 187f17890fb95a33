/**
 * The n(n-1)/2 squared Euclidean distances |s_i - s_j|^2, i < j, in condensed order (row 0 with rows 1..n-1,
 * then row 1 with rows 2..n-1, ...), as one Float64Array: what bandwidth rules take medians of.
 * Direct differences: never negative, exactly 0 for equal rows. O(n^2 d / 2) time, 4 n^2 bytes.
 * Kernel: trusts its input.
 */
import { Samples } from '../samples';

export function pairSquaredDistances(s: Samples): Float64Array {
  const { data, n, d } = s;
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const bi = i * d;
    for (let j = i + 1; j < n; j++) {
      const bj = j * d;
      let sum = 0;
      for (let k = 0; k < d; k++) {
        const t = data[bi + k] - data[bj + k];
        sum += t * t;
      }
      out[p++] = sum;
    }
  }
  return out;
}
