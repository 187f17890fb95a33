/**
 * Reorder rows so that each class is contiguous (classes in id order, rows in original order within a class),
 * for the grouped streaming kernels. Counting sort, O(n d). Kernel: trusts its input (ids in [0, classes)).
 */
import { Samples } from '../samples';

export interface GroupOrder {
  /** The rows, grouped. */
  sorted: Samples;
  /** For each row of `sorted`, the exclusive end index of its group. */
  groupEnd: Int32Array;
  /** `order[r]` = the original index of row r of `sorted`. */
  order: Int32Array;
  /** Start index of each group in `sorted` (length classes + 1). */
  starts: Int32Array;
}

export function sortByGroup(s: Samples, ids: Int32Array, classes: number): GroupOrder {
  const { data, n, d } = s;
  const starts = new Int32Array(classes + 1);
  for (let i = 0; i < n; i++) starts[ids[i] + 1]++;
  for (let c = 0; c < classes; c++) starts[c + 1] += starts[c];
  const next = starts.slice(0, classes);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[ids[i]]++] = i;
  const out = new Float64Array(n * d);
  const groupEnd = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const src = order[r] * d;
    out.set(data.subarray(src, src + d), r * d);
  }
  for (let c = 0; c < classes; c++) groupEnd.fill(starts[c + 1], starts[c], starts[c + 1]);
  return { sorted: { data: out, n, d }, groupEnd, order, starts };
}
