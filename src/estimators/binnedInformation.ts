/**
 * Shared plug-in information terms of the binned estimators, from per-unit Int32 codes of T.
 * H(T) is the entropy of whole-row symbols; H(T|X) = H(X,T) - H(X) over distinct rows of X;
 * H(T|Y) = sum_y p(y) H(T|Y=y) = H(T,Y) - H(Y). All in nats. Kernel: trusts its inputs.
 */
import { entropyOfIds, pairIds, rowIdsFloat64, rowIdsInt32, RowIds } from '../core/rowIds';
import { Samples } from '../core/samples';

export interface BinnedTerms {
  hT: number;
  hTgivenX: number;
  hTgivenY: number;
  /** H(T|X,Y), for I(X;T|Y) = H(T|Y) - H(T|X,Y). */
  hTgivenXY: number;
}

/** Joint symbols of binned rows. */
export function binnedRowIds(codes: Int32Array, n: number, d: number): RowIds {
  return rowIdsInt32(codes, n, d);
}

/** H(A|B) = H(A,B) - H(B) in nats, clamped at 0 against rounding. */
export function conditionalEntropy(a: RowIds, b: RowIds): number {
  const joint = pairIds(a.ids, b.ids);
  const h = entropyOfIds(joint.ids, joint.count) - entropyOfIds(b.ids, b.count);
  return h > 0 ? h : 0;
}

/** I(A;B) = H(A) - H(A|B) in nats, clamped at 0 against rounding (plug-in MI is never negative). */
export function mutualInformationOfIds(a: RowIds, b: RowIds): number {
  const i = entropyOfIds(a.ids, a.count) - conditionalEntropy(a, b);
  return i > 0 ? i : 0;
}

export function binnedTerms(tIds: RowIds, x: Samples, labelIds: RowIds): BinnedTerms {
  const xIds = rowIdsFloat64(x.data, x.n, x.d);
  return {
    hT: entropyOfIds(tIds.ids, tIds.count),
    hTgivenX: conditionalEntropy(tIds, xIds),
    hTgivenY: conditionalEntropy(tIds, labelIds),
    hTgivenXY: conditionalEntropy(tIds, pairIds(xIds.ids, labelIds.ids)),
  };
}
