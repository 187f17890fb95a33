/**
 * Diffusion spectral entropy by stochastic Lanczos quadrature (SLQ): an approximate, randomised estimate with its
 * own standard error, for spread spectra where neither top-k Lanczos nor a low-rank factorisation pays.
 *
 * ## Method
 * DSE = sum_i f(mu_i / S) with mu_i = |lambda_i|^t, S = sum_i mu_i and f(x) = -(x + eps) log2(x + eps)
 * (`entropyTerm`; the eps is added to every one of the n normalised values, as the definition says). That is the
 * trace of a matrix function, tr g(K) with g(lambda) = f(|lambda|^t / S), estimated by Hutchinson's estimator
 * tr g(K) ~ mean_j z_j' g(K) z_j over seeded Rademacher probes z_j (|z_j|^2 = n). Each quadratic form is
 * approximated by Gauss quadrature from m Lanczos steps started at z_j / sqrt(n):
 * z' g(K) z ~ n sum_k tau_k^2 g(theta_k), theta_k the eigenvalues of the tridiagonal T_m and tau_k the first
 * components of its unit eigenvectors (Golub & Welsch). The weights sum to n, so the n eps terms are counted as
 * the exact formula counts them.
 * The normaliser S is exact when the caller knows it (t = 1: trace(K); t = 2: |K|_F^2); otherwise it is
 * estimated from the same quadrature (S ~ mean_j n sum_k tau_k^2 |theta_k|^t) and its error propagated to first
 * order (delta method). A known S also serves as a control variate: each probe's own estimate s_j of S errs
 * in step with its entropy estimate h_j, so h_j - c (s_j - S) (c the regression slope of h on s over the
 * probes) has a several times smaller spread on spread spectra.
 * The standard error is the spread of the per-probe estimates / sqrt(probes). It does not include the quadrature
 * (truncation) error, which is small for spread spectra (< 0.3% at 30 probes x 30 steps, n = 300-4096). When one
 * eigenvalue dominates (the default sigma = 10 on activations) the estimate is several % off (measured 2-11% at
 * n = 500, 5-9% at n = 4096); the standard error is then as large (the errors stayed within 1.5 of it), and the
 * exact and bounded methods are cheap there, which is why callers make this mode opt-in.
 *
 * Probes run in blocks of 8 so that one pass over the matrix serves 8 Lanczos recurrences (WebAssembly SIMD when
 * available); each recurrence is fully reorthogonalised (cheap: O(n m^2) against O(n^2 m) for the products).
 *
 * References: Hutchinson 1990; Golub & Meurant, "Matrices, Moments and Quadrature" (1994/2010); Ubaru, Chen & Saad
 * 2017, "Fast estimation of tr(f(A)) via stochastic Lanczos quadrature".
 * Kernels: trust their inputs.
 */
import { randomSource } from '../random';
import { entropyTerm, SPECTRAL_EPS } from './spectralEntropy';
import { instantiateWasm, WasmMemory } from './spectralWasm';
import { tridiagonalEigenvaluesInPlace } from './symmetricEigenvalues';

/** Probes per pass over the matrix (the vectors of a block are stored interleaved: x[i * SLQ_BLOCK + k]). */
export const SLQ_BLOCK = 8;

/**
 * A symmetric operator of order n applied to blocks of `SLQ_BLOCK` vectors: `apply()` sets y = A x, with x and y
 * interleaved (x[i * SLQ_BLOCK + k] is entry i of vector k). `release()` frees what it holds.
 */
export interface BlockOperator {
  readonly n: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  apply(): void;
  release(): void;
}

/** Y = A X for the dense row-major n x n matrix A and `SLQ_BLOCK` = 8 interleaved vectors (TypeScript kernel). */
export function denseBlockProduct(a: Float64Array, n: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let j = 0, p = 0; j < n; j++, p += 8) {
      const v = a[row + j];
      s0 += v * x[p];
      s1 += v * x[p + 1];
      s2 += v * x[p + 2];
      s3 += v * x[p + 3];
      s4 += v * x[p + 4];
      s5 += v * x[p + 5];
      s6 += v * x[p + 6];
      s7 += v * x[p + 7];
    }
    const o = 8 * i;
    y[o] = s0;
    y[o + 1] = s1;
    y[o + 2] = s2;
    y[o + 3] = s3;
    y[o + 4] = s4;
    y[o + 5] = s5;
    y[o + 6] = s6;
    y[o + 7] = s7;
  }
}

/**
 * The WebAssembly SIMD (f64x2) block product: `blockProduct8(a, n, x, y, r0, r1)` sets rows r0..r1-1 of
 * Y = A X (byte offsets a, x, y; 8 interleaved vectors), about 5x faster than `denseBlockProduct` (it reads each
 * matrix entry once for 8 vectors, and each vector entry once for 2 rows: 8 two-lane accumulators). Assembled from `SLQ_WAT` by wabt
 * (`wat2wasm --enable-simd`); a test re-assembles it and checks the bytes.
 */
export const SLQ_WAT = `(module
  (memory (export "memory") 1)
  ;; Rows r0..r1-1 of Y = A X: A row-major n x n at byte offset a, X and Y with 8 interleaved vectors (64 bytes
  ;; per row) at byte offsets x and y (16-byte aligned). Two rows per pass over X (8 two-lane accumulators),
  ;; then an odd last row alone.
  (func (export "blockProduct8") (param $a i32) (param $n i32) (param $x i32) (param $y i32) (param $r0 i32) (param $r1 i32)
    (local $i i32) (local $p i32) (local $q i32) (local $end i32) (local $xp i32) (local $u v128) (local $v v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $i (local.get $r0))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $r1)))
        (local.set $s0 (v128.const f64x2 0 0))
        (local.set $s1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0))
        (local.set $s3 (v128.const f64x2 0 0))
        (local.set $t0 (v128.const f64x2 0 0))
        (local.set $t1 (v128.const f64x2 0 0))
        (local.set $t2 (v128.const f64x2 0 0))
        (local.set $t3 (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 3))))
        (local.set $q (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
        (local.set $end (local.get $q))
        (local.set $xp (local.get $x))
        (block $rowdone
          (loop $cols
            (br_if $rowdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $u (f64x2.splat (f64.load (local.get $p))))
            (local.set $v (f64x2.splat (f64.load (local.get $q))))
            (local.set $x0 (v128.load (local.get $xp)))
            (local.set $x1 (v128.load offset=16 (local.get $xp)))
            (local.set $x2 (v128.load offset=32 (local.get $xp)))
            (local.set $x3 (v128.load offset=48 (local.get $xp)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $u) (local.get $x0))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $u) (local.get $x1))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $u) (local.get $x2))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $u) (local.get $x3))))
            (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $v) (local.get $x0))))
            (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $v) (local.get $x1))))
            (local.set $t2 (f64x2.add (local.get $t2) (f64x2.mul (local.get $v) (local.get $x2))))
            (local.set $t3 (f64x2.add (local.get $t3) (f64x2.mul (local.get $v) (local.get $x3))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $q (i32.add (local.get $q) (i32.const 8)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
            (br $cols)))
        (local.set $p (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 6))))
        (v128.store (local.get $p) (local.get $s0))
        (v128.store offset=16 (local.get $p) (local.get $s1))
        (v128.store offset=32 (local.get $p) (local.get $s2))
        (v128.store offset=48 (local.get $p) (local.get $s3))
        (v128.store offset=64 (local.get $p) (local.get $t0))
        (v128.store offset=80 (local.get $p) (local.get $t1))
        (v128.store offset=96 (local.get $p) (local.get $t2))
        (v128.store offset=112 (local.get $p) (local.get $t3))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows)))
    ;; an odd last row
    (if (i32.lt_s (local.get $i) (local.get $r1))
      (then
        (local.set $s0 (v128.const f64x2 0 0))
        (local.set $s1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0))
        (local.set $s3 (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 3))))
        (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
        (local.set $xp (local.get $x))
        (block $rowdone
          (loop $cols
            (br_if $rowdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $u (f64x2.splat (f64.load (local.get $p))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $u) (v128.load (local.get $xp)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $u) (v128.load offset=16 (local.get $xp)))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $u) (v128.load offset=32 (local.get $xp)))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $u) (v128.load offset=48 (local.get $xp)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
            (br $cols)))
        (local.set $p (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 6))))
        (v128.store (local.get $p) (local.get $s0))
        (v128.store offset=16 (local.get $p) (local.get $s1))
        (v128.store offset=32 (local.get $p) (local.get $s2))
        (v128.store offset=48 (local.get $p) (local.get $s3))))))
`;

/** `SLQ_WAT` assembled (wabt 1.0.39), base64. */
export const SLQ_WASM_BASE64 = 'AGFzbQEAAAABCgFgBn9/f39/fwADAgEABQMBAAEHGgIGbWVtb3J5AgANYmxvY2tQcm9kdWN0OAAACoIGAf8FAgV/DnsgBCEGAkADQCAGQQFqIAVODQH9DAAAAAAAAAAAAAAAAAAAAAAhEf0MAAAAAAAAAAAAAAAAAAAAACES/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEV/QwAAAAAAAAAAAAAAAAAAAAAIRb9DAAAAAAAAAAAAAAAAAAAAAAhF/0MAAAAAAAAAAAAAAAAAAAAACEYIAAgBiABbEEDdGohByAHIAFBA3RqIQggCCEJIAIhCgJAA0AgByAJTw0BIAcrAwD9FCELIAgrAwD9FCEMIAr9AAQAIQ0gCv0ABBAhDiAK/QAEICEPIAr9AAQwIRAgESALIA398gH98AEhESASIAsgDv3yAf3wASESIBMgCyAP/fIB/fABIRMgFCALIBD98gH98AEhFCAVIAwgDf3yAf3wASEVIBYgDCAO/fIB/fABIRYgFyAMIA/98gH98AEhFyAYIAwgEP3yAf3wASEYIAdBCGohByAIQQhqIQggCkHAAGohCgwACwsgAyAGQQZ0aiEHIAcgEf0LBAAgByAS/QsEECAHIBP9CwQgIAcgFP0LBDAgByAV/QsEQCAHIBb9CwRQIAcgF/0LBGAgByAY/QsEcCAGQQJqIQYMAAsLIAYgBUgEQP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRL9DAAAAAAAAAAAAAAAAAAAAAAhE/0MAAAAAAAAAAAAAAAAAAAAACEUIAAgBiABbEEDdGohByAHIAFBA3RqIQkgAiEKAkADQCAHIAlPDQEgBysDAP0UIQsgESALIAr9AAQA/fIB/fABIREgEiALIAr9AAQQ/fIB/fABIRIgEyALIAr9AAQg/fIB/fABIRMgFCALIAr9AAQw/fIB/fABIRQgB0EIaiEHIApBwABqIQoMAAsLIAMgBkEGdGohByAHIBH9CwQAIAcgEv0LBBAgByAT/QsEICAHIBT9CwQwCws=';

interface SlqExports {
  memory: WasmMemory;
  blockProduct8(a: number, n: number, x: number, y: number, r0: number, r1: number): void;
}

/**
 * The operator y = K x of the dense symmetric row-major n x n matrix `k`: in WebAssembly memory (a copy of k;
 * `k` may be dropped afterwards) with the SIMD kernel when available and `wasm` is not false, else the
 * TypeScript kernel on `k` itself.
 */
export function denseBlockOperator(k: Float64Array, n: number, options: { wasm?: boolean } = {}): BlockOperator {
  const { wasm = true } = options;
  const width = SLQ_BLOCK * n;
  if (wasm) {
    const bytes = 8 * n * n + 16 * width;
    // a fresh instance each time: its memory is dropped with it (a WebAssembly memory cannot shrink)
    const instance = bytes < 2 ** 32 - 65536 ? instantiateWasm<SlqExports>(SLQ_WASM_BASE64) : null;
    if (instance) {
      let live: SlqExports | null = instance;
      try {
        const have = instance.memory.buffer.byteLength;
        if (bytes > have) instance.memory.grow(Math.ceil((bytes - have) / 65536));
        const buffer = instance.memory.buffer;
        new Float64Array(buffer, 0, n * n).set(k.subarray(0, n * n));
        const xOffset = 8 * n * n;
        const yOffset = xOffset + 8 * width;
        return {
          n,
          x: new Float64Array(buffer, xOffset, width),
          y: new Float64Array(buffer, yOffset, width),
          apply: () => (live as SlqExports).blockProduct8(0, n, xOffset, yOffset, 0, n),
          release: () => {
            live = null;
          },
        };
      } catch {
        live = null; // the memory could not grow: use the TypeScript kernel
      }
    }
  }
  const x = new Float64Array(width);
  const y = new Float64Array(width);
  return { n, x, y, apply: () => denseBlockProduct(k, n, x, y), release: () => undefined };
}

/** Gauss quadrature nodes and weights of one probe: the eigenvalues of T_m and the squared first components. */
export interface QuadratureRule {
  nodes: Float64Array;
  /** Non-negative, summing to 1. */
  weights: Float64Array;
}

/**
 * Eigenvalues (ascending) and squared first eigenvector components of the symmetric tridiagonal matrix with
 * diagonal `alpha` (m values) and off-diagonal `beta` (m - 1 values): the implicit QL of
 * `tridiagonalEigenvaluesInPlace`, rotating only the first row of the eigenvector matrix. O(m^2).
 * @example
 * gaussQuadrature([2, 2], [1]); // nodes [1, 3], weights [0.5, 0.5]
 */
export function gaussQuadrature(alpha: ArrayLike<number>, beta: ArrayLike<number>): QuadratureRule {
  const m = alpha.length;
  const d = Float64Array.from(alpha);
  const e = new Float64Array(m);
  for (let i = 0; i + 1 < m; i++) e[i] = beta[i];
  const z = new Float64Array(m);
  z[0] = 1;
  tridiagonalEigenvaluesInPlace(d, e, z);
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    nodes[i] = d[order[i]];
    weights[i] = z[order[i]] * z[order[i]];
    sum += weights[i];
  }
  for (let i = 0; i < m; i++) weights[i] /= sum;
  return { nodes, weights };
}

export interface SlqOptions {
  /** Rademacher probes (at least 2, for the standard error). */
  probes: number;
  /** Lanczos steps per probe (at most n; fewer when the Krylov space closes). */
  steps: number;
  /** Seed of the probes. */
  seed: number;
}

export interface SlqResult {
  /** Estimated DSE, bits. */
  bits: number;
  /** Standard error of `bits` from the spread of the per-probe estimates (normaliser error included when estimated). */
  standardError: number;
  /** The normaliser S = sum |lambda|^t used (exact when given, else estimated). */
  total: number;
  /** Standard error of `total` (0 when it was given). */
  totalStandardError: number;
  /** Largest number of Lanczos steps a probe took. */
  steps: number;
}

/**
 * Gauss quadrature rules of `probes` seeded Rademacher probes of the symmetric operator `op`, `steps` Lanczos
 * steps each (fully reorthogonalised), `SLQ_BLOCK` probes per block product. O(probes steps / SLQ_BLOCK)
 * products. The probes are drawn in order from one generator, so probe j is the same for any block size.
 */
export function slqRules(op: BlockOperator, options: SlqOptions): QuadratureRule[] {
  const { n, x, y } = op;
  const b = SLQ_BLOCK;
  const steps = Math.max(1, Math.min(options.steps, n));
  const random = randomSource(options.seed);
  const rules: QuadratureRule[] = [];
  const inv = 1 / Math.sqrt(n);
  for (let first = 0; first < options.probes; first += SLQ_BLOCK) {
    const live = Math.min(SLQ_BLOCK, options.probes - first);
    // Per probe: its Lanczos vectors (steps x n), recurrence coefficients and whether it is still running.
    const q = Array.from({ length: live }, () => new Float64Array(steps * n));
    const alpha = Array.from({ length: live }, () => new Float64Array(steps));
    const beta = Array.from({ length: live }, () => new Float64Array(steps));
    const taken = new Int32Array(live);
    const running = new Array<boolean>(live).fill(true);
    for (let k = 0; k < live; k++) for (let i = 0; i < n; i++) q[k][i] = random() < 0.5 ? -inv : inv;
    x.fill(0);
    const w = new Float64Array(n);
    const coef = new Float64Array(steps);
    for (let j = 0; j < steps; j++) {
      for (let k = 0; k < live; k++) {
        const qj = q[k].subarray(j * n, (j + 1) * n);
        for (let i = 0; i < n; i++) x[i * b + k] = running[k] ? qj[i] : 0;
      }
      op.apply();
      for (let k = 0; k < live; k++) {
        if (!running[k]) continue;
        const qk = q[k];
        for (let i = 0; i < n; i++) w[i] = y[i * b + k];
        let a = 0;
        for (let i = 0; i < n; i++) a += qk[j * n + i] * w[i];
        alpha[k][j] = a;
        taken[k] = j + 1;
        // Full reorthogonalisation (classical Gram-Schmidt, twice) removes alpha q_j and beta q_{j-1} as well.
        for (let pass = 0; pass < 2; pass++) {
          for (let l = 0; l <= j; l++) {
            let s = 0;
            const base = l * n;
            for (let i = 0; i < n; i++) s += qk[base + i] * w[i];
            coef[l] = s;
          }
          for (let l = 0; l <= j; l++) {
            const base = l * n;
            const c = coef[l];
            for (let i = 0; i < n; i++) w[i] -= c * qk[base + i];
          }
        }
        let norm = 0;
        for (let i = 0; i < n; i++) norm += w[i] * w[i];
        norm = Math.sqrt(norm);
        if (j + 1 >= steps || norm <= 1e-12 * Math.max(Math.abs(a), norm, 1e-300)) {
          // Last step, or the Krylov space is invariant: the quadrature is exact for this probe.
          running[k] = false;
          continue;
        }
        beta[k][j] = norm;
        const next = (j + 1) * n;
        const scale = 1 / norm;
        for (let i = 0; i < n; i++) qk[next + i] = w[i] * scale;
      }
      if (!running.some((r) => r)) break;
    }
    for (let k = 0; k < live; k++) {
      const m = taken[k];
      rules.push(gaussQuadrature(alpha[k].subarray(0, m), beta[k].subarray(0, Math.max(0, m - 1))));
    }
  }
  return rules;
}

/** |x|^power. */
function powered(x: number, power: number): number {
  const v = Math.abs(x);
  return power === 1 ? v : power === 2 ? v * v : Math.pow(v, power);
}

/**
 * DSE (bits) from SLQ quadrature rules of an order-n operator: sum_i f(|lambda_i|^power / S), with S = `total`
 * when known (pass null to estimate it from the same rules). O(probes steps).
 */
export function slqEntropyFromRules(rules: QuadratureRule[], n: number, power: number, total: number | null): SlqResult {
  const m = rules.length;
  const mu = rules.map((r) => Float64Array.from(r.nodes, (v) => powered(v, power)));
  // Per-probe estimates of S.
  const sj = mu.map((values, j) => {
    let s = 0;
    for (let k = 0; k < values.length; k++) s += rules[j].weights[k] * values[k];
    return n * s;
  });
  const known = total !== null;
  const S = known ? total : mean(sj);
  // Per-probe entropy estimates h_j(S) and their derivatives in S.
  const hj = new Float64Array(m);
  const dj = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const w = rules[j].weights;
    let h = 0;
    let dh = 0;
    for (let k = 0; k < w.length; k++) {
      const x = mu[j][k] / S;
      h += w[k] * entropyTerm(x);
      // d f(mu / S) / dS = f'(x) (-mu / S^2), f'(x) = -(log2(x + eps) + 1 / ln 2)
      dh += w[k] * (Math.log2(x + SPECTRAL_EPS) + Math.LOG2E) * (mu[j][k] / (S * S));
    }
    hj[j] = n * h;
    dj[j] = n * dh;
  }
  let standardError: number;
  let totalStandardError = 0;
  let bits = mean(hj);
  if (known) {
    // Control variate: s_j estimates the known S, and its error is strongly correlated with that of h_j.
    const sMean = mean(sj);
    let cov = 0;
    let vs = 0;
    for (let j = 0; j < m; j++) {
      cov += (hj[j] - bits) * (sj[j] - sMean);
      vs += (sj[j] - sMean) ** 2;
    }
    const c = vs > 0 ? cov / vs : 0;
    const adjusted = hj.map((h, j) => h - c * (sj[j] - S));
    bits = mean(adjusted);
    // One degree of freedom went into c.
    standardError = m > 2 ? (sd(adjusted) * Math.sqrt((m - 1) / (m - 2))) / Math.sqrt(m) : sd(hj) / Math.sqrt(m);
  } else {
    const slope = mean(dj);
    const linear = hj.map((h, j) => h + slope * sj[j]);
    standardError = sd(linear) / Math.sqrt(m);
    totalStandardError = sd(sj) / Math.sqrt(m);
  }
  const steps = rules.reduce((a, r) => Math.max(a, r.nodes.length), 0);
  return { bits, standardError, total: S, totalStandardError, steps };
}

/**
 * DSE (bits) of the symmetric operator `op` by stochastic Lanczos quadrature (see the module comment).
 * `total` = sum |lambda|^power when known exactly, else null. O(probes steps / SLQ_BLOCK) block products.
 * @example
 * const k = new Float64Array([0.5, 0, 0, 0.5]); // eigenvalues 0.5, 0.5: DSE = 1 bit
 * slqSpectralEntropy(denseBlockOperator(k, 2), 1, 1, { probes: 4, steps: 2, seed: 0 }).bits; // => 0.9999999999999999 (exact here)
 */
export function slqSpectralEntropy(op: BlockOperator, power: number, total: number | null, options: SlqOptions): SlqResult {
  return slqEntropyFromRules(slqRules(op, options), op.n, power, total);
}

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Sample standard deviation (0 for fewer than 2 values). */
function sd(v: ArrayLike<number>): number {
  const m = v.length;
  if (m < 2) return 0;
  const mu = mean(v);
  let s = 0;
  for (let i = 0; i < m; i++) s += (v[i] - mu) * (v[i] - mu);
  return Math.sqrt(s / (m - 1));
}
