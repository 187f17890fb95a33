/**
 * WebAssembly SIMD (f64x2) versions of the brute-force kNN kernels, about 5x faster than plain TypeScript.
 * The module is assembled from `knnKernels.wat` (beside this file) by wabt; `knnWasm.test.ts` re-assembles
 * the source and checks that it matches the bytes below. Instantiated synchronously on first use; when
 * WebAssembly SIMD is unavailable `knnWasm()` returns null and callers use the TypeScript kernels.
 * Kernels: trust their inputs.
 */
import { instantiateWasm, WasmMemory } from '../wasm';
import { Samples } from '../samples';

/** knnKernels.wat assembled with `wat2wasm --enable-simd` (wabt 1.0.39), base64. */
export const KNN_WASM_BASE64 =
  'AGFzbQEAAAABHwRgBX9/f39/AGAFf39/f38BfGADf398AGADf3x/AX8DBgUAAAECAwUDAQABB0IFBm1lbW9yeQIADHJvd0NoZWJ5c2hldgAADnJvd1NxRXVjbGlkZWFuAAEIa3RoT2ZNYXgAAgpjb3VudEJlbG93AAQK2wYFzgEDA38BewJ/IAQgAUEDdGohCiADIABBA3RqKwMA/RQhCCADIQcgBCEJAkADQCAJIApPDQEgCSAH/QAEACAI/fEB/ewB/QsEACAJQRBqIQkgB0EQaiEHDAALC0EBIQUCQANAIAUgAk8NASADIAUgAWxBA3RqIQcgByAAQQN0aisDAP0UIQggBCEJAkADQCAJIApPDQEgCSAJ/QAEACAH/QAEACAI/fEB/ewB/fUB/QsEACAJQRBqIQkgB0EQaiEHDAALCyAFQQFqIQUMAAsLC9wBBAJ/AXsCfwF7IAQgAUEDdGohCSADIABBA3RqKwMA/RQhByADIQYgBCEIAkADQCAIIAlPDQEgBv0ABAAgB/3xASEKIAggCiAK/fIB/QsEACAIQRBqIQggBkEQaiEGDAALC0EBIQUCQANAIAUgAk8NASADIAUgAWxBA3RqIQYgBiAAQQN0aisDAP0UIQcgBCEIAkADQCAIIAlPDQEgBv0ABAAgB/3xASEKIAggCP0ABAAgCiAK/fIB/fAB/QsEACAIQRBqIQggBkEQaiEGDAALCyAFQQFqIQUMAAsLC88BBQF/AnwCfwF7AX8gBCABQQFrQQN0aiEJIAQhCAJAA0AgCCAJSw0BIAhEAAAAAAAA8H85AwAgCEEIaiEIDAALC0QAAAAAAADwfyEGQQAhBQJAA0AgBSAATw0BIAVBA3QhCyACIAtq/QAEACADIAtq/QAEAP31ASEKIAogBv0U/Un9UwRAIAr9IQAhByAHIAZjBEAgBCAJIAcQAyAJKwMAIQYLIAr9IQEhByAHIAZjBEAgBCAJIAcQAyAJKwMAIQYLCyAFQQJqIQUMAAsLIAYLQAIBfwF8IAEhAwJAA0AgAyAATQ0BIANBCGsrAwAhBCAEIAJkRQ0BIAMgBDkDACADQQhrIQMMAAsLIAMgAjkDAAuYAQICfwJ7IAIgAEEDdGohBCAB/RQhBv0MAAAAAAAAAAAAAAAAAAAAACEFIAIhAyABRAAAAAAAAAAAZARAAkADQCADIARPDQEgBSAD/QAEACAG/Un90QEhBSADQRBqIQMMAAsLBQJAA0AgAyAETw0BIAUgA/0ABAAgBv1H/dEBIQUgA0EQaiEDDAALCwsgBf0dACAF/R0BfKcL';

interface KnnExports {
  memory: WasmMemory;
  rowChebyshev(i: number, m: number, d: number, cols: number, row: number): void;
  rowSqEuclidean(i: number, m: number, d: number, cols: number, row: number): void;
  kthOfMax(m: number, k: number, a: number, b: number, best: number): number;
  countBelow(m: number, r: number, row: number): number;
}

/** Row-distance metric of the kernels (see `KnnMetric`). */
type Metric = 'chebyshev' | 'sqeuclidean';

/** The largest WebAssembly memory used before falling back to TypeScript kernels (bytes). */
const MAX_BYTES = 2 ** 31;
/** A WebAssembly memory cannot shrink: after a call that grew it past this size, the instance is dropped. */
const KEEP_BYTES = 64 * 2 ** 20;

let cached: KnnWasmKernels | null | undefined;

/**
 * The WebAssembly kernels, or null when this runtime cannot instantiate them. Their methods throw a RangeError
 * when the memory cannot grow; callers then use the TypeScript kernels.
 */
export function knnWasm(): KnnWasmKernels | null {
  if (cached === undefined) {
    const kernels = instantiateWasm<KnnExports>(KNN_WASM_BASE64);
    cached = kernels ? new KnnWasmKernels(kernels) : null;
  }
  return cached;
}

/** Memory layout of one call: variables column-major (padded to an even count m), then rows, then a buffer. */
class Layout {
  readonly m: number;
  readonly cols: number[] = [];
  readonly rows: number[] = [];
  readonly best: number;
  readonly bytes: number;
  constructor(n: number, dims: readonly number[], rowCount: number, k: number) {
    this.m = n + (n & 1);
    let offset = 0;
    for (const d of dims) {
      this.cols.push(offset);
      offset += 8 * this.m * d;
    }
    for (let r = 0; r < rowCount; r++) {
      this.rows.push(offset);
      offset += 8 * this.m;
    }
    this.best = offset;
    this.bytes = offset + 8 * Math.max(k, 1);
  }
}

export class KnnWasmKernels {
  constructor(private readonly ex: KnnExports) {}

  /** True when `bytes` fit in the WebAssembly memory limit used here. */
  fits(n: number, dims: readonly number[], rowCount: number, k: number): boolean {
    return new Layout(n, dims, rowCount, k).bytes <= MAX_BYTES;
  }

  /** Let the garbage collector take a large memory back (the next call instantiates the small module again). */
  private release(): void {
    if (this.ex.memory.buffer.byteLength > KEEP_BYTES && cached === this) cached = undefined;
  }

  private memoryFor(layout: Layout): Float64Array {
    const { memory } = this.ex;
    const missing = layout.bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
    return new Float64Array(memory.buffer);
  }

  /** Copy `s` column-major into the memory at byte `offset`, padding sample m - 1 with +Infinity if n is odd. */
  private static put(heap: Float64Array, offset: number, m: number, s: Samples): void {
    const { data, n, d } = s;
    const base = offset / 8;
    for (let c = 0; c < d; c++) {
      const col = base + c * m;
      for (let i = 0; i < n; i++) heap[col + i] = data[i * d + c];
      if (m > n) heap[col + n] = Infinity;
    }
  }

  private row(metric: Metric): (i: number, m: number, d: number, cols: number, row: number) => void {
    return metric === 'chebyshev' ? this.ex.rowChebyshev : this.ex.rowSqEuclidean;
  }

  /** See `jointNeighborCounts`. */
  jointNeighborCounts(x: Samples, y: Samples, k: number): { eps: Float64Array; nx: Int32Array; ny: Int32Array } {
    const n = x.n;
    const layout = new Layout(n, [x.d, y.d], 2, k);
    const heap = this.memoryFor(layout);
    const { m, cols, rows, best } = layout;
    KnnWasmKernels.put(heap, cols[0], m, x);
    KnnWasmKernels.put(heap, cols[1], m, y);
    const { rowChebyshev, kthOfMax, countBelow } = this.ex;
    const eps = new Float64Array(n);
    const nx = new Int32Array(n);
    const ny = new Int32Array(n);
    const selfX = rows[0] / 8, selfY = rows[1] / 8;
    for (let i = 0; i < n; i++) {
      rowChebyshev(i, m, x.d, cols[0], rows[0]);
      rowChebyshev(i, m, y.d, cols[1], rows[1]);
      heap[selfX + i] = Infinity; // exclude sample i from its own neighbours and counts
      heap[selfY + i] = Infinity;
      const e = kthOfMax(m, k, rows[0], rows[1], best);
      eps[i] = e;
      nx[i] = countBelow(m, e, rows[0]);
      ny[i] = countBelow(m, e, rows[1]);
    }
    this.release();
    return { eps, nx, ny };
  }

  /** See `kthNeighborDistances`. */
  kthNeighborDistances(s: Samples, k: number, metric: Metric): Float64Array {
    const { n, d } = s;
    const layout = new Layout(n, [d], 1, k);
    const heap = this.memoryFor(layout);
    const { m, cols, rows, best } = layout;
    KnnWasmKernels.put(heap, cols[0], m, s);
    const rowOf = this.row(metric);
    const { kthOfMax } = this.ex;
    const out = new Float64Array(n);
    const self = rows[0] / 8;
    for (let i = 0; i < n; i++) {
      rowOf(i, m, d, cols[0], rows[0]);
      heap[self + i] = Infinity;
      out[i] = kthOfMax(m, k, rows[0], rows[0], best);
    }
    this.release();
    return out;
  }

  /** See `countWithinRadius`. */
  countWithinRadius(s: Samples, radius: Float64Array, metric: Metric, includeSelf: boolean): Int32Array {
    const { n, d } = s;
    const layout = new Layout(n, [d], 1, 1);
    const heap = this.memoryFor(layout);
    const { m, cols, rows } = layout;
    KnnWasmKernels.put(heap, cols[0], m, s);
    const rowOf = this.row(metric);
    const { countBelow } = this.ex;
    const out = new Int32Array(n);
    const self = rows[0] / 8;
    const extra = includeSelf ? 1 : 0;
    for (let i = 0; i < n; i++) {
      rowOf(i, m, d, cols[0], rows[0]);
      heap[self + i] = Infinity;
      out[i] = countBelow(m, radius[i], rows[0]) + extra;
    }
    this.release();
    return out;
  }
}
