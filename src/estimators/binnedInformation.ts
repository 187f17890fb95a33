/**
 * Shared plug-in information terms of the binned estimators, from per-unit Int32 codes of T.
 * H(T) is the entropy of whole-row symbols; H(T|X) = H(X,T) - H(X) over distinct rows of X;
 * H(T|Y) = sum_y p(y) H(T|Y=y) = H(T,Y) - H(Y), and each H(T|Y=y) (and H(T|X,Y=y)) from the same joint symbols.
 * All in nats. Kernel: trusts its inputs.
 */
import { entropyOfIds, pairIds, rowIdsFloat64, rowIdsInt32, RowIds } from '../core/rowIds';
import { Samples } from '../core/samples';

export interface BinnedTerms {
  hT: number;
  hTgivenX: number;
  hTgivenY: number;
  /** H(T|X,Y), for I(X;T|Y) = H(T|Y) - H(T|X,Y). */
  hTgivenXY: number;
  /** H(T|Y=c) per dense class id (0 for a class without samples). */
  classHT: Float64Array;
  /** H(T|X,Y=c) per dense class id, for I(X;T|Y=c) = H(T|Y=c) - H(T|X,Y=c). */
  classHTgivenX: Float64Array;
}

/** Joint symbols of binned rows. */
export function binnedRowIds(codes: Int32Array, n: number, d: number): RowIds {
  return rowIdsInt32(codes, n, d);
}

/** H(A|B) = H(A,B) - H(B) in nats, clamped at 0 against rounding. */
export function conditionalEntropy(a: RowIds, b: RowIds): number {
  const joint = pairIds(a.ids, b.ids, [a.count, b.count]);
  const h = entropyOfIds(joint.ids, joint.count) - entropyOfIds(b.ids, b.count);
  return h > 0 ? h : 0;
}

/** I(A;B) = H(A) - H(A|B) in nats, clamped at 0 against rounding (plug-in MI is never negative). */
export function mutualInformationOfIds(a: RowIds, b: RowIds): number {
  const i = entropyOfIds(a.ids, a.count) - conditionalEntropy(a, b);
  return i > 0 ? i : 0;
}

/**
 * Plug-in entropies of the symbols `joint`, in nats, from one count: `total` over all samples (the same arithmetic
 * as `entropyOfIds`) and `within[g]` over the samples of group g (0 for an empty group). Every joint symbol must
 * fall in a single group (a pair whose second member determines the group). O(n + count).
 */
export function entropiesOfIds(joint: RowIds, group: Int32Array, groups: number): { total: number; within: Float64Array } {
  const n = joint.ids.length;
  const counts = new Int32Array(joint.count);
  const groupOf = new Int32Array(joint.count);
  const size = new Int32Array(groups);
  for (let i = 0; i < n; i++) {
    const k = joint.ids[i];
    counts[k]++;
    groupOf[k] = group[i];
  }
  for (let k = 0; k < joint.count; k++) size[groupOf[k]] += counts[k];
  let total = 0;
  // within[g] = ln n_g - (1/n_g) sum_k c_k ln c_k: a symbol seen once adds nothing, so the common case of distinct
  // rows costs no logarithm beyond the pooled entropy's
  const within = new Float64Array(groups);
  for (let k = 0; k < joint.count; k++) {
    const c = counts[k];
    if (c > 0) {
      const p = c / n;
      total -= p * Math.log(p);
      if (c > 1) within[groupOf[k]] += c * Math.log(c);
    }
  }
  for (let g = 0; g < groups; g++) within[g] = size[g] > 0 ? Math.max(0, Math.log(size[g]) - within[g] / size[g]) : 0;
  return { total, within };
}

export function binnedTerms(tIds: RowIds, x: Samples, labelIds: RowIds): BinnedTerms {
  const xIds = rowIdsFloat64(x.data, x.n, x.d);
  // the joint symbols are built and counted once: each count gives the pooled entropy and the per-class ones
  const y = labelIds.ids;
  const ty = entropiesOfIds(pairIds(tIds.ids, y, [tIds.count, labelIds.count]), y, labelIds.count);
  const xyIds = pairIds(xIds.ids, y, [xIds.count, labelIds.count]);
  const xy = entropiesOfIds(xyIds, y, labelIds.count);
  const txy = entropiesOfIds(pairIds(tIds.ids, xyIds.ids, [tIds.count, xyIds.count]), y, labelIds.count);
  const clamp = (h: number) => (h > 0 ? h : 0);
  const classHTgivenX = new Float64Array(labelIds.count);
  for (let c = 0; c < labelIds.count; c++) classHTgivenX[c] = clamp(txy.within[c] - xy.within[c]);
  return {
    hT: entropyOfIds(tIds.ids, tIds.count),
    hTgivenX: conditionalEntropy(tIds, xIds),
    hTgivenY: clamp(ty.total - entropyOfIds(labelIds.ids, labelIds.count)),
    hTgivenXY: clamp(txy.total - xy.total),
    classHT: ty.within,
    classHTgivenX,
  };
}
