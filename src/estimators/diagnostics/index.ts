/**
 * Diagnostics: the reasons to doubt an estimate, computed in one place and carried by every result as
 * `warnings: [{code, message, ...figures}]`. Each family's public functions call `diagnose` once, at their end,
 * with the facts only they know (the binning range, the KDE row sums...); the checks themselves live here.
 *
 * Codes:
 * - `saturated`      I(X;T) within 1% of H(X) (log n for distinct inputs), I(T;Y) within 1% of H(Y), or a binned
 *                    entropy within 1% of log n (`saturation.ts`);
 * - `out-of-range`   more than 1% of the values outside a fixed binning range (`outOfRange.ts`);
 * - `sparse-bins`    most occupied bins hold one sample (binning, adaptive binning; `sparseBins.ts`);
 * - `kde-regime`     a Gaussian KDE condensed on its samples, with ln(n)/d and the effective number of kernels
 *                    (`kdeRegime.ts`);
 * - `ties`           exact repeats among continuous samples (KSG, Kozachenko-Leonenko; `ties.ts`);
 * - `dropped-samples` samples left out by the mixed KSG estimator (`ties.ts`);
 * - `flat-spectrum`  DSE fell back to the full solver; `subsampled`: `maxSamples` applied (`paramWarnings.ts`);
 * - `collapse`       an effective rank below a fraction of min(n - 1, d): variance in few directions (`collapse.ts`).
 *
 * How they relate to `warn()` (src/core/warn.ts): a warning about ONE result is data, returned with it and never
 * printed by the library; the command line prints each one as a line on stderr (`--json` puts them in
 * "warnings"), the recorder writes them into the point records of the run file, and `inspect` and the figures
 * show them. `warn()` stays the stderr channel for events that belong to no single result (a worker thread
 * failing, an estimator failing inside the recorder).
 */
import { Labels } from '../../core/labels';
import { RowIds } from '../../core/rowIds';
import { Samples } from '../../core/samples';
import { Estimate, EstimateWarning, PlanePoint } from '../types';
import { collapseWarning } from './collapse';
import { kdeRegimeWarning, KdeRegimeFacts } from './kdeRegime';
import { outOfRangeWarning } from './outOfRange';
import { paramWarnings } from './paramWarnings';
import { labelEntropyNats, rowEntropyNats, saturationWarning } from './saturation';
import { sparseBinsWarning } from './sparseBins';
import { droppedSamplesWarning, tiesWarning } from './ties';

export { SATURATION_TOLERANCE, labelEntropyNats, rowEntropyNats, saturationWarning } from './saturation';
export { outOfRangeWarning } from './outOfRange';
export { sparseBinsWarning } from './sparseBins';
export { kdeRegimeWarning, meanLogRowSum, medianNearestSquaredDistance } from './kdeRegime';
export type { KdeRegimeFacts } from './kdeRegime';
export { tiesWarning, droppedSamplesWarning, labelIds, sampleIds } from './ties';
export { paramWarnings } from './paramWarnings';
export { collapseWarning, COLLAPSE_FRACTION } from './collapse';

/** What a family knows about one estimate; every field is optional and each enables the checks it feeds. */
export interface DiagnosticFacts {
  /** Samples given (before any subsampling), for `subsampled`. */
  n?: number;
  /** Inputs X: the ceiling H(X) of I(X;T) (`saturated`). */
  x?: Samples;
  /** Class labels Y: the ceiling H(Y) of I(T;Y) (of `value` for a mutual information with labels). */
  labels?: Labels;
  /** A binned entropy: its ceiling is log n of this many samples. */
  entropySamples?: number;
  /** Values binned with fixed edges on `range` (`out-of-range`). */
  binned?: { param: string; values: ArrayLike<number>; range: readonly [number, number] }[];
  /** Whole-row symbols of binned variables (`sparse-bins`). */
  cells?: { param: string; ids: RowIds }[];
  /** A Gaussian KDE (`kde-regime`). */
  kde?: KdeRegimeFacts;
  /** Continuous variables of a nearest-neighbour estimator (`ties`), with the partner of the joint space. */
  ties?: { param: string; s: Samples; k?: number; partner?: { param: string; ids: RowIds } }[];
  /** Labels the mixed KSG estimator needs twice per class (`dropped-samples`). */
  droppedFrom?: { param: string; labels: Labels };
  /** An effective rank and its largest possible value min(n - 1, d), with the fraction that counts as collapsed (`collapse`). */
  collapse?: { effectiveRank: number; rankBound: number; fraction: number };
}

function isPoint(r: PlanePoint | Estimate): r is PlanePoint {
  return typeof (r as PlanePoint).ixt === 'number';
}

/** The warnings of a result and the facts behind it (the result's own `warnings` are kept first). */
export function diagnosticsOf(r: PlanePoint | Estimate, f: DiagnosticFacts): EstimateWarning[] {
  const out: EstimateWarning[] = [...r.warnings];
  for (const b of f.binned ?? []) out.push(...outOfRangeWarning(b.param, b.values, b.range));
  for (const c of f.cells ?? []) out.push(...sparseBinsWarning(c.param, c.ids));
  if (isPoint(r)) {
    if (f.x) out.push(...saturationWarning('I(X;T)', r.ixt, rowEntropyNats(f.x), 'H(X)', r.units));
    if (f.labels) out.push(...saturationWarning('I(T;Y)', r.ity, labelEntropyNats(f.labels), 'H(Y)', r.units));
  } else {
    if (f.labels) out.push(...saturationWarning('I(T;Y)', r.value, labelEntropyNats(f.labels), 'H(Y)', r.units));
    if (f.entropySamples !== undefined) out.push(...saturationWarning('H(T)', r.value, Math.log(f.entropySamples), 'log n', r.units));
  }
  if (f.kde) out.push(...kdeRegimeWarning(f.kde));
  for (const t of f.ties ?? []) out.push(...tiesWarning(t.param, t.s, t.k, t.partner));
  if (f.droppedFrom) out.push(...droppedSamplesWarning(f.droppedFrom.param, f.droppedFrom.labels));
  if (f.collapse) out.push(...collapseWarning(f.collapse.effectiveRank, f.collapse.rankBound, f.collapse.fraction));
  out.push(...paramWarnings(r.params, f.n));
  // one warning per (code, message): a composite result may see the same fact twice
  const seen = new Set<string>();
  return out.filter((w) => {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `r` with its warnings (see `diagnosticsOf`). Call once, at the end of a public estimator function. */
export function diagnose<R extends PlanePoint | Estimate>(r: R, facts: DiagnosticFacts): R {
  r.warnings = diagnosticsOf(r, facts);
  return r;
}

/** One line for people: `code: message`. */
export function formatWarning(w: EstimateWarning): string {
  return `${w.code}: ${w.message}`;
}
