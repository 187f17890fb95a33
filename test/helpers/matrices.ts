/** Small exact matrices for closed-form tests. */
import { randomSource } from '../../src/core/random';
import type { Samples } from '../../src/core/samples';

/** Rows of an n x d matrix from a function of (row, column). */
export function matrix(n: number, d: number, f: (i: number, j: number) => number): Samples {
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = f(i, j);
  return { data, n, d };
}

/** Entry (i, j) of Sylvester's Hadamard matrix (order any power of 2 above i and j): +-1, orthogonal columns; column 0 is all ones. */
export function hadamard(i: number, j: number): number {
  let bits = i & j;
  let parity = 0;
  while (bits) {
    parity ^= bits & 1;
    bits >>= 1;
  }
  return parity ? -1 : 1;
}

/** A seeded random symmetric n x n matrix (row-major), standard normal entries. */
export function randomSymmetric(n: number, seed: number): Float64Array {
  const random = randomSource(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = random.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** The row sums of exp(-scale |s_i - s_j|^2) over every j (j = i included), dense, with Math.exp: an independent truth. */
export function denseGaussianRowSums(s: Samples, scale: number): Float64Array {
  const out = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) {
    for (let j = 0; j < s.n; j++) {
      let q = 0;
      for (let k = 0; k < s.d; k++) q += (s.data[i * s.d + k] - s.data[j * s.d + k]) ** 2;
      out[i] += Math.exp(-scale * q);
    }
  }
  return out;
}
