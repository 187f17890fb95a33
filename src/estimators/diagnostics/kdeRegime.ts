/**
 * `kde-regime`: a Gaussian KDE condensed on its samples. In high dimension d with n samples (ln(n)/d small), a
 * kernel narrower than the typical gap between samples makes the density at each sample that of its own kernel
 * alone (Biroli & Mezard, "Kernel Density Estimators in Large Dimensions", 2023): the mixture-entropy bound then
 * reads ln n minus a small correction, whatever the layer does.
 *
 * The effective number of kernels per sample is exp(mean_i ln R_i) with R_i = sum_j exp(-|t_i - t_j|^2 / (2 v)),
 * the kernel mass at sample i relative to its own kernel (R_i = 1 when no other sample contributes). It needs no
 * extra pass: the KDE bound is H = d/2 + ln n + (d/2) ln(2 pi v) - mean_i ln R_i.
 */
import { nearestSquaredDistances } from '../../core/kernels/nearestSquaredDistances';
import { Samples } from '../../core/samples';
import { EstimateWarning } from '../types';

/** Effective number of kernels per sample below which the KDE counts as condensed (2: on average, less than one other sample weighs as much as the sample itself). */
export const CONDENSED_KERNELS = 2;

/** Rows probed for nearest-neighbour distances when suggesting a bandwidth (cost O(256 n d)). */
const PROBE_ROWS = 256;

/** mean_i ln R_i from a KDE entropy H (nats) of n rows in d dimensions at kernel variance v. */
export function meanLogRowSum(hNats: number, n: number, d: number, kernelVariance: number): number {
  return d / 2 + Math.log(n) + (d / 2) * Math.log(2 * Math.PI * kernelVariance) - hNats;
}

/** Median squared distance to the nearest other row, over up to 256 evenly spaced rows of `t`. */
export function medianNearestSquaredDistance(t: Samples): number {
  const { n } = t;
  const m = Math.min(n, PROBE_ROWS);
  const rows = Array.from({ length: m }, (_, k) => Math.floor((k * n) / m));
  // exact minima, in WebAssembly SIMD where available (7x faster at n = 20000, d = 64)
  const nearest = Array.from(nearestSquaredDistances(t, rows));
  nearest.sort((a, b) => a - b);
  const mid = nearest.length >> 1;
  return nearest.length % 2 ? nearest[mid] : (nearest[mid - 1] + nearest[mid]) / 2;
}

export interface KdeRegimeFacts {
  /** The samples the kernels sit on. */
  t: Samples;
  /** Variance of the kernels as applied (after the lower bound's factor 4 and any scaling). */
  kernelVariance: number;
  /** kernelVariance / noiseVariance (4 for the lower bound, max(t) for adaptive KDE...). */
  varianceScale: number;
  /** mean_i ln R_i (see `meanLogRowSum`). */
  meanLogRowSum: number;
}

/**
 * A `kde-regime` warning when fewer than 2 kernels contribute per sample (geometric mean), with ln(n)/d, the
 * effective number of kernels and the noiseVariance above which the nearest other sample weighs at least half as
 * much as the sample itself for half of the samples.
 */
export function kdeRegimeWarning(f: KdeRegimeFacts): EstimateWarning[] {
  const { n, d } = f.t;
  const effectiveKernels = Math.exp(f.meanLogRowSum);
  if (!(effectiveKernels < CONDENSED_KERNELS)) return [];
  const lnNOverD = Math.log(n) / d;
  const nearest = medianNearestSquaredDistance(f.t);
  // exp(-D / (2 v)) >= 1/2  <=>  v >= D / (2 ln 2)
  const leavingVariance = nearest / (2 * Math.LN2) / f.varianceScale;
  const noiseVariance = f.kernelVariance / f.varianceScale;
  const g = (v: number): string => v.toPrecision(3);
  return [
    {
      code: 'kde-regime',
      message:
        `the KDE is condensed on its samples: ${g(effectiveKernels)} kernels contribute per sample (ln(n)/d = ${g(lnNOverD)}, n = ${n}, d = ${d}), ` +
        `so the bound reflects noiseVariance = ${g(noiseVariance)} more than the layer; noiseVariance >= ${g(leavingVariance)} ` +
        'lets the nearest other sample weigh at least half as much as the sample itself for half of the samples',
      effectiveKernels,
      lnNOverD,
      n,
      d,
      noiseVariance,
      medianNearestSquaredDistance: nearest,
      leavingNoiseVariance: leavingVariance,
    },
  ];
}
