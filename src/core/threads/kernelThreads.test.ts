import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomSource } from '../random';
import { Samples } from '../samples';
import { gaussianRowSums } from '../kernels/gaussianRowSums';
import { pairedGaussianSums } from '../kernels/pairedGaussianSums';
import { sortByGroup } from '../kernels/sortByGroup';
import { gaussianRowSumsThreaded, pairedGaussianSumsThreaded, resolveThreads } from './kernelThreads';
import { hardwareThreads, threadsAvailable } from './workerPool';
import { denseGaussianRowSums } from '../../../test/helpers/matrices';

function gaussianSamples(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  return { data: Float64Array.from({ length: n * d }, () => 0.3 * r.normal()), n, d };
}

/** Bit-identical arrays (Object.is per element). */
function expectSame(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  let first = -1;
  for (let i = 0; i < a.length && first < 0; i++) if (!Object.is(a[i], b[i])) first = i;
  expect(first).toBe(-1);
}

describe('resolveThreads(threads, n, columns)', () => {
  it("resolveThreads keeps a number, and maps 'auto' to every core for a large pass, one thread for a small one", () => {
    expect(resolveThreads(3, 10, 1)).toBe(3);
    expect(resolveThreads('auto', 100, 12)).toBe(1); // 0.16 ms predicted
    expect(resolveThreads('auto', 20000, 64)).toBe(Math.min(64, hardwareThreads()));
    expect(resolveThreads('auto', 1200, 12)).toBe(hardwareThreads()); // 23 ms predicted
  });
});

describe('gaussianRowSumsThreaded and pairedGaussianSumsThreaded(..., threads)', () => {
  const s0 = gaussianSamples(301, 5, 1);
  const r = randomSource(2);
  const ids = new Int32Array(s0.n).map(() => r.int(3));
  const { sorted, groupEnd } = sortByGroup(s0, ids, 3);
  const b = sortByGroup(gaussianSamples(301, 2, 3), ids, 3).sorted;

  it('gaussianRowSumsThreaded(..., threads) from the TypeScript sources equals gaussianRowSums bit for bit (one-thread fallback)', () => {
    // run from the sources, the compiled worker file is absent: the work stays on this thread
    expect(threadsAvailable()).toBe(false);
    const one = gaussianRowSums(sorted, 2, groupEnd);
    for (const wasm of [true, false]) {
      const two = gaussianRowSumsThreaded(sorted, 2, groupEnd, 2, wasm);
      expectSame(two.all, one.all);
      expectSame(two.within, one.within);
      const p1 = pairedGaussianSums(sorted, b, 0.5, 1.5, groupEnd);
      const p2 = pairedGaussianSumsThreaded(sorted, b, 0.5, 1.5, groupEnd, 'auto', wasm);
      expectSame(p2.rowA, p1.rowA);
      expectSame(p2.withinB, p1.withinB);
      expect(p2.sumProduct).toBe(p1.sumProduct);
    }
    // and the TypeScript path equals the dense truth to 1e-12
    const truth = denseGaussianRowSums(s0, 0.7);
    const got = gaussianRowSums(s0, 0.7).all;
    for (let i = 0; i < s0.n; i++) expect(Math.abs(got[i] - truth[i])).toBeLessThanOrEqual(1e-12 * truth[i]);
  });

  // The real worker pool runs the compiled modules (`npm test` builds dist first).
  const compiled = join(__dirname, '..', '..', '..', 'dist', 'core', 'threads', 'kernelThreads.js');
  const worker = join(__dirname, '..', '..', '..', 'dist', 'core', 'threads', 'worker.js');
  const poolFile = join(__dirname, '..', '..', '..', 'dist', 'core', 'threads', 'workerPool.js');
  const built = existsSync(compiled) && existsSync(worker);
  (built ? it : it.skip)('gaussianRowSumsThreaded / pairedGaussianSumsThreaded with 1, 2, 3 threads from dist are bit-identical to gaussianRowSums / pairedGaussianSums', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dist = require(compiled) as typeof import('./kernelThreads');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pool = require(poolFile) as typeof import('./workerPool');
    try {
      expect(pool.threadsAvailable()).toBe(true);
      const grouped = gaussianRowSums(sorted, 2, groupEnd);
      const plain = gaussianRowSums(s0, 0.7);
      for (const threads of [1, 2, 3]) {
        for (const wasm of [true, false]) {
          const g = dist.gaussianRowSumsThreaded(sorted, 2, groupEnd, threads, wasm);
          expectSame(g.all, grouped.all);
          expectSame(g.within, grouped.within);
          const p = dist.gaussianRowSumsThreaded(s0, 0.7, undefined, threads, wasm);
          expectSame(p.all, plain.all);
          expect(p.within).toBe(p.all);
          for (const ends of [groupEnd, undefined]) {
            const want = pairedGaussianSums(sorted, b, 0.5, 1.5, ends);
            const got = dist.pairedGaussianSumsThreaded(sorted, b, 0.5, 1.5, ends, threads, wasm);
            expectSame(got.rowA, want.rowA);
            expectSame(got.rowB, want.rowB);
            expectSame(got.withinB, want.withinB);
            expect(got.sumProduct).toBe(want.sumProduct);
          }
        }
      }
      expect(pool.threadsAvailable()).toBe(true);
    } finally {
      await pool.terminateThreads();
    }
  });
});
