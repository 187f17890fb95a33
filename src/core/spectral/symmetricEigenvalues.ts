/**
 * Eigenvalues of a real symmetric matrix (values only, no vectors), in ascending order.
 *
 * ## Method
 * 1. The lower triangle is copied into packed row storage (row i holds columns 0..i, at offset i(i+1)/2), which
 *    halves the memory traffic of a full square array and keeps every inner loop on contiguous memory.
 * 2. Householder reduction to tridiagonal form, from the last row upwards: at step i the reflector is built from
 *    row i (columns 0..i-1, a contiguous run in packed storage) and applied to the leading i x i block as the
 *    symmetric rank-two update A <- A - u q' - q u' (p = A u / h, K = u'p / 2h, q = p - K u). The update of step i
 *    and the matrix-vector product A u of step i - 1 are fused into one pass over the rows, so each stored entry
 *    is read and written once per step (about n^3 / 6 fused multiply-adds in all, 4n^3/3 flops).
 * 3. Root-free QL iterations with Wilkinson shifts on the tridiagonal matrix (Pal, Walker and Kahan; Parlett,
 *    The Symmetric Eigenvalue Problem, section 8.15), O(n^2), values only.
 *
 * The O(n^3) pass runs as a WebAssembly SIMD (f64x2) kernel when available (tridiagonalKernels.wat), else in
 * TypeScript. The rows of each pass are cut into four fixed parts of about equal area (their bounds depend only
 * on the step), each accumulating its own product vector, the four summed in part order; with `threads: 2` the
 * calling thread and a helper thread over shared WebAssembly memory take the parts as they come
 * (core/threads/tridiagonalThreads.ts), otherwise the parts run one after the other. So the values are the same
 * bit for bit whatever the number of threads.
 *
 * Accuracy: backward stable; each eigenvalue is within a small multiple of 2^-52 * ||A||_2 of the exact one.
 * Cost: O(n^3) time: with WebAssembly on the 2-core development machine (otherwise idle) about 0.13 s at
 * n = 1000 on one thread and 0.09 s on two, 0.95 s / 0.55 s at n = 2000, 10 s / 4.5 s at n = 4096
 * (bench/cases/eigen.js; LAPACK's eigvalsh is 1.5-2x faster than two threads: it has 4-wide fused multiply-adds
 * where WebAssembly has f64x2 without FMA); 0.27 s at n = 1000 without WebAssembly. n(n+1)/2 doubles of workspace
 * (none with `overwrite: true`).
 *
 * Kernel: trusts its input (a finite, symmetric matrix; only one triangle is read).
 */
import { tridiagonalParts, tridiagonalThreadsAvailable } from '../threads/tridiagonalThreads';
import { TRIDIAGONAL_PARTS, tridiagonalBounds, wasmTridiagonalWorkspace } from './tridiagonalWasm';

export interface SymmetricEigenvaluesOptions {
  /**
   * Which triangle of `a` to read; the other one is never looked at (so it need not be filled in).
   * Defaults to 'lower'.
   */
  triangle?: 'lower' | 'upper';
  /**
   * Use the caller's array as workspace instead of allocating a packed copy (its contents are destroyed).
   * Saves 4 n^2 bytes. Defaults to false.
   */
  overwrite?: boolean;
  /**
   * Use the WebAssembly SIMD kernel for the O(n^3) pass when it is available (the TypeScript kernel otherwise);
   * both give the same values up to rounding. Defaults to true.
   */
  wasm?: boolean;
  /**
   * Threads for the O(n^3) pass: 1, 2 (more are taken as 2), or 'auto' (2 from n = 256). Two threads need a
   * helper worker: Node's main thread, from the compiled package, with two cores; elsewhere (the browser, a worker
   * thread, the TypeScript sources) the pass runs on one thread. The values are the same bit for bit for any
   * setting. Defaults to 'auto'.
   */
  threads?: number | 'auto';
}

/** The default options of `symmetricEigenvalues`. */
export const SYMMETRIC_EIGENVALUES_DEFAULTS = { triangle: 'lower', overwrite: false, wasm: true, threads: 'auto' } as const;

/** From this order 'auto' uses two threads (a pass must be long enough to pay for the meeting of the threads). */
const THREADS_MIN_ORDER = 256;
/** Passes over fewer rows run on the calling thread alone (the same parts, so the same numbers). */
const THREADED_MIN_ROWS = 96;

/** Below this order the TypeScript kernel is used (the WebAssembly set-up does not pay). */
const WASM_MIN_ORDER = 24;

/**
 * Eigenvalues of the symmetric n x n row-major matrix `a`, ascending.
 *
 * Householder tridiagonalisation on packed rows, then implicit QL (see the module comment). O(n^3) time.
 * The caller's array is left untouched unless `overwrite: true`.
 *
 * @param a - n x n row-major matrix; only the triangle named by `options.triangle` is read.
 * @param n - the order of the matrix.
 * @returns a new Float64Array of the n eigenvalues in ascending order.
 * @example
 * symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2); // => Float64Array [1, 3]
 */
export function symmetricEigenvalues(a: Float64Array, n: number, options: SymmetricEigenvaluesOptions = {}): Float64Array {
  const { triangle = 'lower', overwrite = false, wasm = true, threads = 'auto' } = options;
  if (!Number.isInteger(n) || n < 0 || a.length < n * n) {
    throw new RangeError(`symmetricEigenvalues: a must hold n * n = ${n * n} values; got ${a.length} (n = ${n}).`);
  }
  const upper = triangle === 'upper';
  const two = twoThreads(n, threads, 'symmetricEigenvalues');
  return packedEigenvalues(n, wasm, two, (packed) => packInto(a, n, upper, packed), () => packLower(a, n, upper, overwrite));
}

/** Whether to share the parts of each pass with a helper thread (see `threads` in the options). */
function twoThreads(n: number, threads: number | 'auto', label: string): boolean {
  if (threads === 'auto') return n >= THREADS_MIN_ORDER && tridiagonalThreadsAvailable();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`${label}: threads must be a positive integer or 'auto'; got ${threads}.`);
  return threads >= 2;
}

/**
 * Eigenvalues (ascending) of the symmetric n x n matrix whose packed lower triangle `fill` writes into the array it
 * is given (row i: columns 0..i at offset i(i+1)/2), with no n x n array at all: the triangle goes straight into
 * the workspace of the reduction, 4 n^2 bytes where a dense matrix and its packed copy take 12 n^2. The values are
 * those `symmetricEigenvalues` gives for the dense matrix (the same packed triangle, the same passes).
 *
 * @example
 * packedSymmetricEigenvalues(2, (p) => p.set([2, 1, 2])); // => Float64Array [1.0000000000000002, 3] (1 and 3)
 */
export function packedSymmetricEigenvalues(
  n: number,
  fill: (packed: Float64Array) => void,
  options: { wasm?: boolean; threads?: number | 'auto' } = {},
): Float64Array {
  const { wasm = true, threads = 'auto' } = options;
  return packedEigenvalues(n, wasm, twoThreads(n, threads, 'packedSymmetricEigenvalues'), fill, () => {
    const packed = new Float64Array((n * (n + 1)) / 2);
    fill(packed);
    return packed;
  });
}

/**
 * The one reduction behind both entry points: the packed lower triangle goes into the WebAssembly workspace
 * (`intoWorkspace`) or, on the TypeScript path, comes from `packed()`; then Householder tridiagonalisation and QL.
 */
function packedEigenvalues(
  n: number,
  wasm: boolean,
  twoThreads: boolean,
  intoWorkspace: (packed: Float64Array) => void,
  packed: () => Float64Array,
): Float64Array {
  const d = new Float64Array(n);
  if (n === 0) return d;
  const e = new Float64Array(n);
  const ws = wasm && n >= WASM_MIN_ORDER ? wasmTridiagonalWorkspace(n) : null;
  if (ws) {
    try {
      intoWorkspace(ws.packed);
      const [u, p, uOld, qOld, zero, ...parts] = ws.vectors;
      const helper = twoThreads ? tridiagonalParts(ws) : null;
      try {
        tridiagonalize(ws.packed, n, d, e, [u, p, uOld, qOld, ...parts], (bounds, x, y, v, products) => {
          if (helper && bounds[TRIDIAGONAL_PARTS] >= THREADED_MIN_ROWS) {
            helper.run(bounds, x ?? zero, y ?? zero, v, products);
          } else {
            for (let k = 0; k < TRIDIAGONAL_PARTS; k++) ws.pass(bounds[k], bounds[k + 1], x ?? zero, y ?? zero, v, products[k]);
          }
        });
      } finally {
        helper?.end();
      }
    } finally {
      ws.release();
    }
  } else {
    const rows = packed();
    const vectors = Array.from({ length: 4 + TRIDIAGONAL_PARTS - 1 }, () => new Float64Array(n));
    tridiagonalize(rows, n, d, e, vectors, (bounds, x, y, v, products) => {
      for (let k = 0; k < TRIDIAGONAL_PARTS; k++) fusedUpdateProduct(rows, bounds[k], bounds[k + 1], x, y, v, products[k]);
    });
  }
  // e[i] couples rows i - 1 and i; the QL routine wants off[i] coupling i and i + 1.
  const off = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) off[i] = e[i + 1];
  rootFreeTridiagonalEigenvalues(d, off);
  return d;
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix with diagonal `diagonal` (length n) and off-diagonal
 * `offDiagonal` (entry i couples rows i and i + 1; length n - 1 or more, extra entries ignored), ascending.
 * Implicit QL with Wilkinson shifts, O(n^2). The inputs are not modified.
 *
 * @example
 * tridiagonalEigenvalues(new Float64Array([2, 2]), new Float64Array([1])); // => Float64Array [1, 3]
 */
export function tridiagonalEigenvalues(diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>): Float64Array {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const off = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) off[i] = offDiagonal[i];
  tridiagonalEigenvaluesInPlace(d, off);
  return d;
}

/** Copy one triangle of `a` into `out` as packed lower rows. */
function packInto(a: Float64Array, n: number, fromUpper: boolean, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const base = (i * (i + 1)) / 2;
    if (fromUpper) {
      for (let j = 0; j <= i; j++) out[base + j] = a[j * n + i];
    } else {
      out.set(a.subarray(i * n, i * n + i + 1), base);
    }
  }
}

/**
 * The fused pass in parts: over rows bounds[k]..bounds[k+1]-1 (into products[k]), apply the pending update
 * (a, q; none when null) and accumulate p += A u (see `tridiagonalBounds`).
 */
type FusedPass = (bounds: Int32Array, a: Float64Array | null, q: Float64Array | null, u: Float64Array, products: Float64Array[]) => void;

/** Copy one triangle into packed lower rows (row i: columns 0..i at offset i(i+1)/2). */
function packLower(a: Float64Array, n: number, fromUpper: boolean, overwrite: boolean): Float64Array {
  const size = (n * (n + 1)) / 2;
  if (overwrite && !fromUpper) {
    // In place: the packed offset i(i+1)/2 + j never exceeds the source offset i n + j, and rows are
    // copied in increasing order, so no source entry is overwritten before it is read.
    for (let i = 1; i < n; i++) a.copyWithin((i * (i + 1)) / 2, i * n, i * n + i + 1);
    return a.subarray(0, size);
  }
  const out = overwrite ? null : new Float64Array(size);
  if (fromUpper) {
    // Entry (i, j), j <= i, of the lower triangle is a[j n + i] (a column access, done once).
    const target = out ?? new Float64Array(size);
    for (let i = 0; i < n; i++) {
      const base = (i * (i + 1)) / 2;
      for (let j = 0; j <= i; j++) target[base + j] = a[j * n + i];
    }
    if (out) return out;
    a.set(target);
    return a.subarray(0, size);
  }
  const target = out as Float64Array;
  for (let i = 0; i < n; i++) target.set(a.subarray(i * n, i * n + i + 1), (i * (i + 1)) / 2);
  return target;
}

/**
 * Householder reduction of the packed symmetric matrix `L` to tridiagonal form (values only; `L` is destroyed).
 * On return `d` is the diagonal and `e[i]` (i >= 1) the entry coupling rows i - 1 and i; e[0] = 0.
 */
function tridiagonalize(L: Float64Array, n: number, d: Float64Array, e: Float64Array, vectors: Float64Array[], pass: FusedPass): void {
  let u = vectors[0]; // reflector of the current step
  let p = vectors[1]; // A u, then q
  let uOld = vectors[2]; // reflector of the previous step, its update still pending on rows < i
  let qOld = vectors[3];
  const others = vectors.slice(4); // the products of parts 1.. of the rows (part 0 accumulates into p)
  const bounds = new Int32Array(TRIDIAGONAL_PARTS + 1);
  let pending = false;
  e[0] = 0;
  for (let i = n - 1; i >= 1; i--) {
    const ri = (i * (i + 1)) / 2;
    if (pending) {
      // Bring row i up to date with the previous reflection.
      const a = uOld[i];
      const b = qOld[i];
      for (let j = 0; j <= i; j++) L[ri + j] -= a * qOld[j] + b * uOld[j];
    }
    d[i] = L[ri + i];
    let scale = 0;
    for (let j = 0; j < i; j++) scale += Math.abs(L[ri + j]);
    if (i === 1 || scale === 0) {
      // Nothing to annihilate: row i is already tridiagonal.
      e[i] = L[ri + i - 1];
      if (pending) {
        for (let r = 0; r < i; r++) {
          const rr = (r * (r + 1)) / 2;
          const a = uOld[r];
          const b = qOld[r];
          for (let j = 0; j <= r; j++) L[rr + j] -= a * qOld[j] + b * uOld[j];
        }
      }
      pending = false;
      continue;
    }
    let sigma = 0;
    const inv = 1 / scale;
    if (inv < Infinity) {
      for (let j = 0; j < i; j++) {
        const v = L[ri + j] * inv;
        u[j] = v;
        sigma += v * v;
      }
    } else {
      // A subnormal scale (e.g. Gaussian kernel entries of 5e-324): 1 / scale overflows, so divide instead.
      for (let j = 0; j < i; j++) {
        const v = L[ri + j] / scale;
        u[j] = v;
        sigma += v * v;
      }
    }
    const f = u[i - 1];
    const g = f >= 0 ? -Math.sqrt(sigma) : Math.sqrt(sigma);
    e[i] = scale * g;
    const h = sigma - f * g;
    u[i - 1] = f - g;
    // Fused pass over rows 0..i-1: apply the pending update, then accumulate p = A u (lower triangle only:
    // entry (r, j), j < r, contributes to p[r] and to p[j]), in parts summed in part order.
    tridiagonalBounds(i, bounds);
    const products = [p, ...others];
    p.fill(0, 0, i);
    for (let k = 1; k < TRIDIAGONAL_PARTS; k++) others[k - 1].fill(0, 0, bounds[k + 1]);
    if (pending) pass(bounds, uOld, qOld, u, products);
    else pass(bounds, null, null, u, products);
    for (let k = 1; k < TRIDIAGONAL_PARTS - 1; k++) {
      const pk = others[k - 1];
      for (let j = 0, end = bounds[k + 1]; j < end; j++) p[j] += pk[j];
    }
    // q = p / h - K u with K = u'p / (2 h^2); the last part (rows up to i - 1) is added here.
    const last = others[TRIDIAGONAL_PARTS - 2];
    let up = 0;
    for (let j = 0; j < i; j++) {
      const v = (p[j] + last[j]) / h;
      p[j] = v;
      up += u[j] * v;
    }
    const kk = up / (2 * h);
    for (let j = 0; j < i; j++) p[j] -= kk * u[j];
    const tu = uOld;
    uOld = u;
    u = tu;
    const tq = qOld;
    qOld = p;
    p = tq;
    pending = true;
  }
  if (pending) L[0] -= 2 * uOld[0] * qOld[0];
  d[0] = L[0];
}

/**
 * One fused pass over rows start..m-1 of the packed matrix: apply the pending rank-two update
 * A <- A - a q' - q a' (skipped when `a` is null), then accumulate p += A u using the lower triangle only
 * (entry (r, j), j < r, contributes to p[r] and to p[j]). Rows are taken two at a time so that each load of
 * the vectors at column j serves both rows.
 */
function fusedUpdateProduct(
  L: Float64Array,
  start: number,
  m: number,
  a: Float64Array | null,
  q: Float64Array | null,
  u: Float64Array,
  p: Float64Array,
): void {
  let r = start;
  if (a !== null && q !== null) {
    for (; r + 1 < m; r += 2) {
      const r0 = (r * (r + 1)) / 2;
      const r1 = r0 + r + 1;
      const a0 = a[r], b0 = q[r], u0 = u[r];
      const a1 = a[r + 1], b1 = q[r + 1], u1 = u[r + 1];
      let s0 = 0;
      let s1 = 0;
      for (let j = 0; j < r; j++) {
        const qj = q[j], aj = a[j], uj = u[j];
        const v0 = L[r0 + j] - (a0 * qj + b0 * aj);
        const v1 = L[r1 + j] - (a1 * qj + b1 * aj);
        L[r0 + j] = v0;
        L[r1 + j] = v1;
        s0 += v0 * uj;
        s1 += v1 * uj;
        p[j] += v0 * u0 + v1 * u1;
      }
      // the 2 x 2 block at columns r, r + 1: (r, r), (r + 1, r), (r + 1, r + 1)
      const d0 = L[r0 + r] - 2 * a0 * b0;
      const o = L[r1 + r] - (a1 * b0 + b1 * a0);
      const d1 = L[r1 + r + 1] - 2 * a1 * b1;
      L[r0 + r] = d0;
      L[r1 + r] = o;
      L[r1 + r + 1] = d1;
      p[r] += s0 + d0 * u0 + o * u1;
      p[r + 1] += s1 + o * u0 + d1 * u1;
    }
    if (r < m) {
      const r0 = (r * (r + 1)) / 2;
      const a0 = a[r], b0 = q[r], u0 = u[r];
      let s0 = 0;
      for (let j = 0; j < r; j++) {
        const v0 = L[r0 + j] - (a0 * q[j] + b0 * a[j]);
        L[r0 + j] = v0;
        s0 += v0 * u[j];
        p[j] += v0 * u0;
      }
      const d0 = L[r0 + r] - 2 * a0 * b0;
      L[r0 + r] = d0;
      p[r] += s0 + d0 * u0;
    }
    return;
  }
  for (; r + 1 < m; r += 2) {
    const r0 = (r * (r + 1)) / 2;
    const r1 = r0 + r + 1;
    const u0 = u[r], u1 = u[r + 1];
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < r; j++) {
      const uj = u[j];
      const v0 = L[r0 + j];
      const v1 = L[r1 + j];
      s0 += v0 * uj;
      s1 += v1 * uj;
      p[j] += v0 * u0 + v1 * u1;
    }
    const d0 = L[r0 + r], o = L[r1 + r], d1 = L[r1 + r + 1];
    p[r] += s0 + d0 * u0 + o * u1;
    p[r + 1] += s1 + o * u0 + d1 * u1;
  }
  if (r < m) {
    const r0 = (r * (r + 1)) / 2;
    const u0 = u[r];
    let s0 = 0;
    for (let j = 0; j < r; j++) {
      const v0 = L[r0 + j];
      s0 += v0 * u[j];
      p[j] += v0 * u0;
    }
    p[r] += s0 + L[r0 + r] * u0;
  }
}

const EPS = 2.220446049250313e-16;

/**
 * Eigenvalues (ascending) of the symmetric tridiagonal matrix (d diagonal, off[i] coupling i and i + 1; both
 * destroyed, d replaced by the values): the root-free QL iteration of Pal, Walker and Kahan (B. N. Parlett, The
 * Symmetric Eigenvalue Problem, section 8.15; C. H. Reinsch, A stable rational QR algorithm, CACM 16, 1973). It
 * works on the squares of the off-diagonal entries, so that a rotation costs two divisions and no square root
 * (cheaper than `tridiagonalEigenvaluesInPlace`, whose rotations the Gauss quadratures need): with the reduction
 * on two threads the QL iterations are a fifth of the time at n = 1000 (about 17 ms). Values only.
 * The matrix is first scaled by a power of two (exact) to a largest entry near 1, so that the squares neither
 * overflow nor lose entries that matter (an off-diagonal entry whose square underflows is below 1e-150 of the
 * norm, negligible at the accuracy of the reduction).
 */
function rootFreeTridiagonalEigenvalues(d: Float64Array, off: Float64Array): void {
  const n = d.length;
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]));
  for (let i = 0; i + 1 < n; i++) norm = Math.max(norm, Math.abs(off[i]));
  if (n <= 1 || !(norm > 0) || norm === Infinity) {
    if (n > 1) tridiagonalEigenvaluesInPlace(d, off);
    return;
  }
  const exponent = Math.max(-1000, Math.min(1000, Math.round(Math.log2(norm))));
  const scale = 2 ** -exponent;
  const e2 = off; // squared off-diagonal entries, in place
  for (let i = 0; i < n; i++) d[i] *= scale;
  for (let i = 0; i + 1 < n; i++) {
    const v = off[i] * scale;
    e2[i] = v * v;
  }
  e2[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; iteration < 100; iteration++) {
      // Find the first negligible off-diagonal entry at or after l (the test of the other QL, squared).
      let m = l;
      while (m < n - 1) {
        const t = EPS * (Math.abs(d[m]) + Math.abs(d[m + 1]));
        if (e2[m] <= t * t) break;
        m++;
      }
      if (m === l) break;
      if (m === l + 1) {
        // A 2 x 2 block: its eigenvalues directly.
        const [rt1, rt2] = eigenvalues2x2(d[l], Math.sqrt(e2[l]), d[l + 1]);
        d[l] = rt1;
        d[l + 1] = rt2;
        e2[l] = 0;
        break;
      }
      // Wilkinson shift from the leading 2 x 2 block of the unreduced part.
      const rte = Math.sqrt(e2[l]);
      let sigma = (d[l + 1] - d[l]) / (2 * rte);
      const r = pythag(sigma, 1);
      sigma = d[l] - rte / (sigma + (sigma >= 0 ? r : -r));
      let c = 1;
      let s = 0;
      let gamma = d[m] - sigma;
      let p = gamma * gamma;
      for (let i = m - 1; i >= l; i--) {
        const bb = e2[i];
        const rr = p + bb; // > 0: e2[i] is not negligible for l <= i < m
        if (i !== m - 1) e2[i + 1] = s * rr;
        const oldc = c;
        c = p / rr;
        s = bb / rr;
        const oldgam = gamma;
        const alpha = d[i];
        gamma = c * (alpha - sigma) - s * oldgam;
        d[i + 1] = oldgam + (alpha - gamma);
        p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
      }
      e2[l] = s * p;
      d[l] = sigma + gamma;
    }
  }
  for (let i = 0; i < n; i++) d[i] /= scale;
  d.sort();
}

/** The eigenvalues (larger first by absolute value, then the other) of [[a, b], [b, c]], without cancellation. */
function eigenvalues2x2(a: number, b: number, c: number): [number, number] {
  const sm = a + c;
  const adf = Math.abs(a - c);
  const ab = Math.abs(2 * b);
  const [acmx, acmn] = Math.abs(a) > Math.abs(c) ? [a, c] : [c, a];
  const rt = adf > ab ? adf * Math.sqrt(1 + (ab / adf) ** 2) : adf < ab ? ab * Math.sqrt(1 + (adf / ab) ** 2) : ab * Math.SQRT2;
  if (sm === 0) return [0.5 * rt, -0.5 * rt];
  const rt1 = sm < 0 ? 0.5 * (sm - rt) : 0.5 * (sm + rt);
  // the other one from the determinant, which does not cancel
  return [rt1, (acmx / rt1) * acmn - (b / rt1) * b];
}

/** sqrt(x^2 + y^2) without the cost of Math.hypot in the common range. */
function pythag(x: number, y: number): number {
  const s = x * x + y * y;
  if (s > 1e-290 && s < 1e290) return Math.sqrt(s);
  return Math.hypot(x, y);
}

/**
 * Implicit QL with Wilkinson shifts on a symmetric tridiagonal matrix: `d` (diagonal) is replaced by the
 * eigenvalues in ascending order, `off` (off[i] couples i and i + 1; off[n-1] is workspace) is destroyed.
 * With `firstRow` (the first row of the eigenvector matrix, e.g. [1, 0, ..., 0]), the rotations are applied to it
 * too and `d` is left UNSORTED, so that firstRow[i] stays paired with d[i] (Gauss quadrature weights, Golub-Welsch).
 */
export function tridiagonalEigenvaluesInPlace(d: Float64Array, off: Float64Array, firstRow?: Float64Array): void {
  const n = d.length;
  if (n > 0) off[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; iteration < 100; iteration++) {
      // Find the first negligible off-diagonal entry at or after l.
      let m = l;
      while (m < n - 1) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(off[m]) <= EPS * dd) break;
        m++;
      }
      if (m === l) break;
      // Wilkinson shift from the leading 2 x 2 block of the unreduced part.
      let g = (d[l + 1] - d[l]) / (2 * off[l]);
      let r = pythag(g, 1);
      g = d[m] - d[l] + off[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * off[i];
        const b = c * off[i];
        r = pythag(f, g);
        off[i + 1] = r;
        if (r === 0) {
          // Recover from underflow: the chase splits the matrix here.
          d[i + 1] -= p;
          off[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (firstRow) {
          const zf = firstRow[i + 1];
          firstRow[i + 1] = s * firstRow[i] + c * zf;
          firstRow[i] = c * firstRow[i] - s * zf;
        }
      }
      if (underflow) continue;
      d[l] -= p;
      off[l] = g;
      off[m] = 0;
    }
  }
  if (!firstRow) d.sort();
}
