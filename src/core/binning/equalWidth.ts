/**
 * Equal-width classes of a continuous variable between its minimum and maximum: each value is min-max scaled,
 * x = (v - min) / (max - min), and falls in class min(classes - 1, floor(x classes)) (the maximum joins the
 * last class; a constant variable is all class 0). The rule of the reference DSMI code for a continuous target
 * (Liao, Liu et al. 2023), shared by DSMI (`equalWidthClusters`) and the recorder (`cutIntoClasses`).
 * O(n). Kernel: trusts its input (finite values, classes >= 1).
 * @example
 * equalWidthClasses(Float64Array.from([0, 0.05, 0.1, 0.55, 1]), 10); // => Int32Array [0, 0, 1, 5, 9]
 */
export function equalWidthClasses(values: ArrayLike<number>, classes: number): Int32Array {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = hi > lo ? (values[i] - lo) / (hi - lo) : 0;
    ids[i] = Math.min(classes - 1, Math.floor(x * classes));
  }
  return ids;
}
