/**
 * Scale-free summaries of a weight matrix's singular values: the condition number kappa = s_max / s_min, the
 * log-volume sum_i ln s_i and the stable rank ||W||_F^2 / s_max^2 (the condition number as a scale-invariant
 * proxy for how much a unit encodes: "The Condition Number as a Scale-Invariant Proxy for Information Encoding
 * in Neural Units"). A convolution kernel kh x kw x cin x cout is the matrix
 * (kh*kw*cin) x cout: its row-major data already is that matrix, so `rows` is the product of every dimension
 * but the last and `cols` the last.
 *
 * ## Method
 * The singular values are the square roots of the eigenvalues of the smaller Gram matrix (W'W when cols <= rows,
 * else WW', order r = min(rows, cols)), formed in float64 and handed to `symmetricEigenvalues`. The Gram route
 * resolves singular values down to about sqrt(r eps) s_max (about 1e-7 s_max): below that an eigenvalue of the
 * Gram matrix is rounding noise. Eigenvalues at or below `r_max * 8 eps * lambda_max` (r_max = max(rows, cols), the
 * rounding of the Gram sums and of the eigensolver together) count as zero: the matrix is then rank deficient,
 * kappa is Infinity and the log-volume -Infinity. Weights stored as float32 hold about 7 significant digits, so a
 * kappa beyond 1e7 is not resolved by the data either.
 *
 * Cost: O(r^2 max(rows, cols)) for the Gram matrix plus O(r^3) for its eigenvalues (about 0.2 s for a 3 x 3 x 256
 * x 256 convolution kernel, 2304 x 256; 0.05 ms for a 12 x 10 dense kernel); workspace: a float64 copy of the
 * matrix and r^2 doubles (never more than the copy).
 *
 * Kernel: trusts its input (rows * cols finite numbers, row-major).
 */
import { symmetricEigenvalues } from './symmetricEigenvalues';

/** The spectrum summaries of one weight matrix. */
export interface WeightSpectrum {
  /** [rows, cols] of the matrix the kernel was read as. */
  shape: [number, number];
  /** Largest singular value s_max (the spectral norm). */
  sMax: number;
  /** Smallest of the min(rows, cols) singular values (0 when rank deficient). */
  sMin: number;
  /** s_max / s_min: 1 for an orthogonal matrix, Infinity when rank deficient (0/0 = NaN for the zero matrix). */
  kappa: number;
  /** sum_i ln s_i over the min(rows, cols) singular values, natural log; -Infinity when rank deficient. */
  logVolume: number;
  /** ||W||_F^2 / s_max^2, between 1 and min(rows, cols); NaN for the zero matrix. */
  stableRank: number;
  /** Number of singular values above the numerical-zero threshold (see the module comment). */
  rank: number;
}

/** Multiple of max(rows, cols) * eps * lambda_max at or below which an eigenvalue of the Gram matrix is zero. */
const ZERO_FACTOR = 8;

/**
 * Singular values of the rows x cols row-major matrix `data`, descending (min(rows, cols) of them), with those
 * below the numerical-zero threshold set to 0 (see the module comment).
 *
 * @example
 * singularValues(Float64Array.from([3, 0, 0, 0, 2, 0, 0, 0, 1]), 3, 3); // => Float64Array [3, 2, 1]
 */
export function singularValues(data: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const r = Math.min(rows, cols);
  const m = Math.max(rows, cols);
  // A = the r x m orientation (W' when cols <= rows, else W), as one float64 array: the Gram matrix AA' is then
  // dot products of contiguous rows of A, which stream through the cache (weights usually come as float32)
  let a: Float64Array;
  if (cols <= rows) {
    a = new Float64Array(r * m);
    for (let k = 0; k < rows; k++) for (let i = 0; i < cols; i++) a[i * m + k] = data[k * cols + i];
  } else {
    a = data instanceof Float64Array ? data : Float64Array.from(data);
  }
  const gram = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    const oi = i * m;
    for (let j = 0; j <= i; j++) {
      const oj = j * m;
      let sum = 0;
      for (let k = 0; k < m; k++) sum += a[oi + k] * a[oj + k];
      gram[i * r + j] = sum;
    }
  }
  const lambda = r === 0 ? new Float64Array(0) : symmetricEigenvalues(gram, r, { overwrite: true });
  const top = r ? Math.max(lambda[r - 1], 0) : 0;
  const zero = ZERO_FACTOR * Math.max(rows, cols) * Number.EPSILON * top;
  const s = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    const l = lambda[r - 1 - i];
    s[i] = l > zero ? Math.sqrt(l) : 0;
  }
  return s;
}

/**
 * Condition number, log-volume (natural log) and stable rank of a rows x cols weight matrix (row-major), from its
 * singular values (see the module comment). Invariances: W -> cW leaves kappa and the stable rank unchanged and
 * adds min(rows, cols) ln|c| to the log-volume; W -> W' or an orthogonal change of basis changes none of them.
 *
 * @param data rows * cols numbers, row-major (a Dense kernel din x dout; a convolution kernel flattened to
 *   (kh*kw*cin) x cout).
 * @example
 * weightSpectrum(Float64Array.from([3, 0, 0, 0, 2, 0, 0, 0, 1]), 3, 3);
 * // => {shape: [3, 3], sMax: 3, sMin: 1, kappa: 3, logVolume: ln 6, stableRank: 14 / 9, rank: 3}
 */
export function weightSpectrum(data: ArrayLike<number>, rows: number, cols: number): WeightSpectrum {
  const s = singularValues(data, rows, cols);
  const r = s.length;
  let frobenius = 0;
  for (let i = 0; i < rows * cols; i++) frobenius += data[i] * data[i];
  let logVolume = 0;
  let rank = 0;
  for (let i = 0; i < r; i++) {
    logVolume += Math.log(s[i]); // ln 0 = -Infinity: a rank-deficient matrix has no volume
    if (s[i] > 0) rank++;
  }
  const sMax = r ? s[0] : 0;
  const sMin = r ? s[r - 1] : 0;
  return { shape: [rows, cols], sMax, sMin, kappa: sMax / sMin, logVolume, stableRank: frobenius / (sMax * sMax), rank };
}

/**
 * The matrix a weight tensor of shape `shape` is read as: [product of every dimension but the last, the last]
 * (a Dense kernel din x dout as it is; a convolution kernel kh x kw x cin x cout as (kh*kw*cin) x cout), or
 * undefined for a tensor of rank < 2 (biases, normalisation scales), which has no spectrum.
 */
export function weightMatrixShape(shape: readonly number[]): [number, number] | undefined {
  if (shape.length < 2) return undefined;
  const cols = shape[shape.length - 1];
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return [rows, cols];
}
