/**
 * `ties`: exact repeats among continuous samples (dead ReLU units, saturated tanh, discrete data). The
 * nearest-neighbour estimators assume continuous data: repeats bias their counts, and a sample with k or more
 * exact copies has radius 0, which makes KSG ill-posed and the Kozachenko-Leonenko entropy -Infinity.
 * `dropped-samples`: samples the mixed KSG estimator left out (their label occurs once).
 */
import { Labels } from '../../core/labels';
import { pairIds, rowIdsFloat64, RowIds } from '../../core/rowIds';
import { Samples } from '../../core/samples';
import { EstimateWarning } from '../types';

const TIE_HINT = 'add tiny noise (e.g. 1e-10 times the data scale) or use a binning estimator';

function groupSizes(ids: RowIds): Int32Array {
  const size = new Int32Array(ids.count);
  for (let i = 0; i < ids.ids.length; i++) size[ids.ids[i]]++;
  return size;
}

/**
 * A `ties` warning when some rows of `s` repeat another row exactly, with the number of samples that have `k` or
 * more exact copies in the joint space of `s` and `partner` (rows of another variable, or class labels; `s` alone
 * without one): those have radius 0. `k` undefined: `s` is not the space neighbours are searched in (no radius
 * count). Cost O(n d) expected (row hashing).
 */
export function tiesWarning(param: string, s: Samples, k: number | undefined, partner?: { param: string; ids: RowIds }): EstimateWarning[] {
  const ids = rowIdsFloat64(s.data, s.n, s.d);
  if (ids.count === s.n) return [];
  const size = groupSizes(ids);
  let repeated = 0;
  for (let i = 0; i < s.n; i++) if (size[ids.ids[i]] > 1) repeated++;
  const joint = partner ? pairIds(ids.ids, partner.ids.ids) : ids;
  const jointSize = partner ? groupSizes(joint) : size;
  let zeroRadius = 0;
  if (k !== undefined) for (let i = 0; i < s.n; i++) if (jointSize[joint.ids[i]] - 1 >= k) zeroRadius++;
  const share = repeated / s.n;
  const space = partner ? `the joint space of ${param} and ${partner.param}` : param;
  return [
    {
      code: 'ties',
      message:
        `${repeated} of ${s.n} samples of ${param} (${(100 * share).toFixed(1)}%) repeat another sample exactly (dead or saturated units, discrete values?); ` +
        `nearest-neighbour estimators assume continuous data and ties bias their counts` +
        (zeroRadius > 0 ? `; ${zeroRadius} samples have k = ${k} or more exact copies in ${space} (radius 0: ill-posed)` : '') +
        `; ${TIE_HINT}`,
      param,
      repeated,
      n: s.n,
      share,
      k,
      zeroRadius,
    },
  ];
}

/** Row ids of class labels, for `tiesWarning`'s partner. */
export function labelIds(labels: Labels): RowIds {
  return { ids: labels.ids, count: labels.classes.length };
}

/** Row ids of continuous rows, for `tiesWarning`'s partner. */
export function sampleIds(s: Samples): RowIds {
  return rowIdsFloat64(s.data, s.n, s.d);
}

/** A `dropped-samples` warning when some labels occur only once (the mixed KSG estimator leaves them out). */
export function droppedSamplesWarning(param: string, labels: Labels): EstimateWarning[] {
  let dropped = 0;
  for (let i = 0; i < labels.n; i++) if (labels.counts[labels.ids[i]] === 1) dropped++;
  if (dropped === 0) return [];
  return [
    {
      code: 'dropped-samples',
      message: `${dropped} samples whose label occurs only once were dropped (the Ross estimator needs 2 per class)`,
      param,
      dropped,
      n: labels.n,
    },
  ];
}
