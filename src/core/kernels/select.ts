/**
 * Order statistics of a Float64Array by selection (Hoare partition around a median-of-three pivot), O(m)
 * expected time, in place: no sort of the whole array. Hoare's partition splits runs of equal values evenly,
 * so arrays made mostly of ties (zero distances of dead units, one-hot labels) stay linear.
 * Kernel: trusts its input (no NaN, 0 <= k < a.length).
 */

/**
 * Rearrange `a` so that a[k] is the k-th smallest value (0-based), every a[i] <= a[k] for i < k and every
 * a[i] >= a[k] for i > k; return a[k].
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to a[mid]
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * The k-th and (k+1)-th smallest values (0-based) of `a`, reordering it in place. k + 1 must be < a.length.
 */
export function selectPair(a: Float64Array, k: number): [number, number] {
  const low = selectKth(a, k);
  let next = Infinity;
  for (let i = k + 1; i < a.length; i++) if (a[i] < next) next = a[i];
  return [low, next];
}

/** The median of `a` (the mean of the two middle values for an even length), reordering it in place. */
export function medianInPlace(a: Float64Array): number {
  const m = a.length;
  if (m % 2 === 1) return selectKth(a, (m - 1) / 2);
  const [lo, hi] = selectPair(a, m / 2 - 1);
  return (lo + hi) / 2;
}
