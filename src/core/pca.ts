/**
 * Principal component analysis of a few components by subspace iteration on the centred data (a randomised
 * range finder refined by power steps, with a Rayleigh-Ritz step each iteration): O(n d l) time per iteration
 * for l = k + oversample columns, O(d l + n l) extra memory. The d x d covariance is never formed, so a
 * 1024-wide layer costs about as much as reading it a few times. Each iteration reads the rows once: W = A B^T
 * and Z = W^T A come from the same pass (a WebAssembly SIMD kernel, pcaWasm.ts, when the runtime has one).
 *
 * Rows are visited in a canonical (lexicographic) order, so the result does not depend on the order of the
 * samples bit for bit: a permutation of the rows gives the same axes, even inside a degenerate eigenspace.
 */
import { Random, randomSource } from './random';
import { pcaWasm } from './pcaWasm';
import { Samples } from './samples';

export interface PcaOptions {
  /** Seed of the random starting subspace. Defaults to 0. */
  seed?: number;
  /** Extra columns iterated beyond k (faster, surer convergence). Defaults to 8. */
  oversample?: number;
  /** Most subspace iterations. Defaults to 30. */
  maxIterations?: number;
  /** Stop when every one of the top-k Ritz values changes by less than this fraction between iterations. Defaults to 1e-9. */
  tolerance?: number;
  /** Row order to visit (a permutation of 0..n-1); defaults to the canonical lexicographic order of the rows. */
  order?: Int32Array;
  /** Use the WebAssembly SIMD kernel when the runtime has it. Defaults to true; false runs the plain TypeScript loops (same products, other rounding). */
  wasm?: boolean;
}

export interface Pca {
  /** Column means (length d). */
  mean: Float64Array;
  /** The k principal axes, row-major k x d, orthonormal, by decreasing variance; each with its largest entry positive (a fixed sign). */
  axes: Float64Array;
  /** The variance (population, divide by n) along each axis, decreasing. */
  variances: Float64Array;
  /** Total variance: the trace of the covariance. */
  totalVariance: number;
  /** Fraction of the total variance the k axes keep, in [0, 1] (1 for constant data). */
  explained: number;
  k: number;
  d: number;
  /** Subspace iterations run. */
  iterations: number;
  /** Whether the Ritz values met `tolerance` (always true when k + oversample >= d: the subspace is the whole space). */
  converged: boolean;
}

/** Row indices in lexicographic order of the rows (ties by index): a canonical order of the samples. O(n log n d). */
export function canonicalRowOrder(s: Samples): Int32Array {
  return canonicalJointOrder([s]);
}

/**
 * Row indices in lexicographic order of the joint rows (the rows of `parts` side by side, then `tags`; ties by
 * index). Rows tied here are identical in every part, so which of them comes first changes nothing downstream.
 */
export function canonicalJointOrder(parts: readonly Samples[], tags?: ArrayLike<number>): Int32Array {
  const n = parts[0].n;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => {
    for (const { data, d } of parts) {
      const ba = a * d, bb = b * d;
      for (let c = 0; c < d; c++) {
        const diff = data[ba + c] - data[bb + c];
        if (diff !== 0) return diff;
      }
    }
    if (tags && tags[a] !== tags[b]) return tags[a] - tags[b];
    return a - b;
  });
  return Int32Array.from(idx);
}

/**
 * The first k principal axes of the rows of `s`.
 *
 * @example
 * principalComponents(samples(Float64Array.of(0, 0, 2, 0, 4, 0), 3, 2), 1).axes; // => Float64Array [1, 0]
 */
export function principalComponents(s: Samples, k: number, options: PcaOptions = {}): Pca {
  const { data, n, d } = s;
  const { seed = 0, oversample = 8, maxIterations = 30, tolerance = 1e-9, wasm = true } = options;
  const order = options.order ?? canonicalRowOrder(s);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    const b = order[r] * d;
    for (let c = 0; c < d; c++) mean[c] += data[b + c];
  }
  for (let c = 0; c < d; c++) mean[c] /= n;
  let totalVariance = 0;
  for (let r = 0; r < n; r++) {
    const b = order[r] * d;
    for (let c = 0; c < d; c++) {
      const v = data[b + c] - mean[c];
      totalVariance += v * v;
    }
  }
  totalVariance /= n;
  const l = Math.min(d, k + oversample);
  const random = randomSource(seed);
  // the basis is stored transposed, l x d: row j is the j-th basis vector (contiguous, for fast dot products)
  let basis = new Float64Array(l * d);
  if (l === d) {
    for (let c = 0; c < d; c++) basis[c * d + c] = 1; // the whole space: one Rayleigh-Ritz step is exact
  } else {
    for (let i = 0; i < basis.length; i++) basis[i] = random.normal();
    orthonormalizeRows(basis, l, d, random);
  }
  let previous: Float64Array | undefined;
  let ritz = new Float64Array(l);
  let iterations = 0;
  let converged = false;
  for (;;) {
    iterations++;
    // no power step can follow the last allowed iteration (or the exact one-step case): then W alone is needed
    const more = l < d && iterations < maxIterations;
    const pass = products(s, order, mean, basis, l, more, wasm);
    const W = pass.W;
    // Rayleigh-Ritz: M = B C B^T = W^T W / n, eigendecomposed; rotate the basis onto the Ritz vectors
    const M = new Float64Array(l * l);
    for (let r = 0; r < n; r++) {
      const b = r * l;
      for (let a = 0; a < l; a++) {
        const wa = W[b + a];
        if (wa === 0) continue;
        for (let c = a; c < l; c++) M[a * l + c] += wa * W[b + c];
      }
    }
    for (let a = 0; a < l; a++) for (let c = a; c < l; c++) M[c * l + a] = M[a * l + c] /= n;
    const { values, vectors } = symmetricEigen(M, l);
    ritz = values;
    basis = rotateRows(basis, l, d, vectors);
    if (l === d) {
      converged = true;
      break;
    }
    if (previous) {
      let ok = true;
      for (let j = 0; j < k; j++) if (Math.abs(ritz[j] - previous[j]) > tolerance * Math.max(Math.abs(ritz[j]), 1e-300)) ok = false;
      if (ok) {
        converged = true;
        break;
      }
    }
    if (!more) break;
    previous = ritz;
    // power step: B <- orth(B C) = orth((A B^T U)^T A) = orth(U^T Z) with Z = W^T A (A centred; U the Ritz rotation)
    basis = rotateRows(pass.Z ?? transposeTimes(s, order, W, l), l, d, vectors);
    orthonormalizeRows(basis, l, d, random);
  }
  const axes = new Float64Array(k * d);
  const variances = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    variances[j] = Math.max(0, ritz[j]);
    const row = basis.subarray(j * d, (j + 1) * d);
    let big = 0;
    for (let c = 0; c < d; c++) if (Math.abs(row[c]) > Math.abs(row[big]) + 1e-12) big = c;
    const sign = row[big] < 0 ? -1 : 1; // a fixed sign (largest entry positive), so the axes are reproducible
    for (let c = 0; c < d; c++) axes[j * d + c] = sign * row[c];
  }
  let kept = 0;
  for (let j = 0; j < k; j++) kept += variances[j];
  const explained = totalVariance > 0 ? Math.min(1, kept / totalVariance) : 1;
  return { mean, axes, variances, totalVariance, explained, k, d, iterations, converged };
}

/** The scores of the rows of `s` on the axes of `pca`: n x k, (x_i - mean) . axis_j. O(n d k). */
export function projectOnAxes(s: Samples, pca: Pick<Pca, 'mean' | 'axes' | 'k' | 'd'>, options: { wasm?: boolean } = {}): Samples {
  const { data, n, d } = s;
  const { mean, axes, k } = pca;
  const offsets = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let o = 0;
    for (let c = 0; c < d; c++) o += mean[c] * axes[j * d + c];
    offsets[j] = o;
  }
  const fast = options.wasm === false ? null : pcaWasm()?.project(s, null, axes, k, offsets, false);
  if (fast) return { data: fast.W, n, d: k };
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const b = i * d;
    for (let j = 0; j < k; j++) {
      const a = j * d;
      let sum = 0;
      for (let c = 0; c < d; c++) sum += data[b + c] * axes[a + c];
      out[i * k + j] = sum - offsets[j];
    }
  }
  return { data: out, n, d: k };
}

/**
 * W = (A - mean) B^T in the visiting order (row r of W belongs to sample order[r]), n x l; and, when `withZ` and
 * the WebAssembly kernel runs, Z = W^T A from the same pass over the rows (otherwise the caller computes Z with
 * `transposeTimes` only when it needs it).
 */
function products(s: Samples, order: Int32Array, mean: Float64Array, basis: Float64Array, l: number, withZ: boolean, wasm: boolean): { W: Float64Array; Z?: Float64Array } {
  const { d } = s;
  const meanB = new Float64Array(l);
  for (let j = 0; j < l; j++) for (let c = 0; c < d; c++) meanB[j] += mean[c] * basis[j * d + c];
  return (wasm ? pcaWasm()?.project(s, order, basis, l, meanB, withZ) : null) ?? { W: projectCentered(s, order, meanB, basis, l) };
}

/** W = (A - mean) B^T in the visiting order, given meanB = B mean: row r of W belongs to sample order[r]. n x l. Four dot products per pass over a row. */
function projectCentered(s: Samples, order: Int32Array, meanB: Float64Array, basis: Float64Array, l: number): Float64Array {
  const { data, n, d } = s;
  const W = new Float64Array(n * l);
  for (let r = 0; r < n; r++) {
    const b = order[r] * d;
    const w = r * l;
    let j = 0;
    for (; j + 4 <= l; j += 4) {
      const a0 = j * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let c = 0; c < d; c++) {
        const v = data[b + c];
        s0 += v * basis[a0 + c];
        s1 += v * basis[a1 + c];
        s2 += v * basis[a2 + c];
        s3 += v * basis[a3 + c];
      }
      W[w + j] = s0 - meanB[j];
      W[w + j + 1] = s1 - meanB[j + 1];
      W[w + j + 2] = s2 - meanB[j + 2];
      W[w + j + 3] = s3 - meanB[j + 3];
    }
    for (; j < l; j++) {
      const a = j * d;
      let sum = 0;
      for (let c = 0; c < d; c++) sum += data[b + c] * basis[a + c];
      W[w + j] = sum - meanB[j];
    }
  }
  return W;
}

/** Z = W^T (A - mean), l x d; W's rows follow the visiting order and its columns sum to 0, so the mean drops out. */
function transposeTimes(s: Samples, order: Int32Array, W: Float64Array, l: number): Float64Array {
  const { data, n, d } = s;
  const Z = new Float64Array(l * d);
  for (let r = 0; r < n; r++) {
    const b = order[r] * d;
    const w = r * l;
    let j = 0;
    for (; j + 4 <= l; j += 4) {
      const a0 = j * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
      const w0 = W[w + j], w1 = W[w + j + 1], w2 = W[w + j + 2], w3 = W[w + j + 3];
      for (let c = 0; c < d; c++) {
        const v = data[b + c];
        Z[a0 + c] += v * w0;
        Z[a1 + c] += v * w1;
        Z[a2 + c] += v * w2;
        Z[a3 + c] += v * w3;
      }
    }
    for (; j < l; j++) {
      const a = j * d;
      const wj = W[w + j];
      for (let c = 0; c < d; c++) Z[a + c] += data[b + c] * wj;
    }
  }
  return Z;
}

/** U^T B for the l x d basis B and the l x l matrix U (eigenvectors in columns): the rotated basis, l x d. */
function rotateRows(basis: Float64Array, l: number, d: number, U: Float64Array): Float64Array {
  const out = new Float64Array(l * d);
  for (let j = 0; j < l; j++) {
    const o = j * d;
    for (let m = 0; m < l; m++) {
      const u = U[m * l + j];
      if (u === 0) continue;
      const b = m * d;
      for (let c = 0; c < d; c++) out[o + c] += u * basis[b + c];
    }
  }
  return out;
}

/** Orthonormalise the l rows of the row-major l x d matrix in place (Gram-Schmidt twice); a vanishing row is replaced by a random one. */
function orthonormalizeRows(B: Float64Array, l: number, d: number, random: Random): void {
  for (let j = 0; j < l; j++) {
    const row = B.subarray(j * d, (j + 1) * d);
    let original = Math.sqrt(dot(row, row));
    for (let attempt = 0; ; attempt++) {
      for (let pass = 0; pass < 2; pass++) {
        for (let m = 0; m < j; m++) {
          const other = B.subarray(m * d, (m + 1) * d);
          const p = dot(row, other);
          for (let c = 0; c < d; c++) row[c] -= p * other[c];
        }
      }
      const norm = Math.sqrt(dot(row, row));
      if (norm > 1e-10 * original && norm > 0) {
        for (let c = 0; c < d; c++) row[c] /= norm;
        break;
      }
      // the row lies in the span of the previous ones (rank-deficient data): restart it at random
      for (let c = 0; c < d; c++) row[c] = random.normal();
      original = Math.sqrt(dot(row, row));
      if (attempt > 10) throw new Error('orthonormalizeRows: cannot complete an orthonormal basis');
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < a.length; c++) sum += a[c] * b[c];
  return sum;
}

/**
 * Eigenvalues (decreasing) and eigenvectors (columns of the row-major m x m `vectors`) of a small symmetric
 * matrix, by cyclic Jacobi rotations: accurate to rounding, O(m^3) per sweep; meant for m up to a few dozen.
 */
export function symmetricEigen(matrix: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < m; p++) {
      diag += a[p * m + p] ** 2;
      for (let q = p + 1; q < m; q++) off += a[p * m + q] ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (apq === 0) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const arp = a[r * m + p], arq = a[r * m + q];
          a[r * m + p] = c * arp - s * arq;
          a[r * m + q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = a[p * m + r], aqr = a[q * m + r];
          a[p * m + r] = c * apr - s * aqr;
          a[q * m + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = v[r * m + p], vrq = v[r * m + q];
          v[r * m + p] = c * vrp - s * vrq;
          v[r * m + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const idx = Array.from({ length: m }, (_, i) => i).sort((x, y) => a[y * m + y] - a[x * m + x] || x - y);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  idx.forEach((from, to) => {
    values[to] = a[from * m + from];
    for (let r = 0; r < m; r++) vectors[r * m + to] = v[r * m + from];
  });
  return { values, vectors };
}
