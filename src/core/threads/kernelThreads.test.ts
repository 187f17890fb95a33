import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomSource } from '../random';
import { Samples } from '../samples';
import { gaussianRowSums } from '../kernels/gaussianRowSums';
import { pairedGaussianSums } from '../kernels/pairedGaussianSums';
import { sortByGroup } from '../kernels/sortByGroup';
import { gaussianRowSumsThreaded, pairedGaussianSumsThreaded } from './kernelThreads';
import { threadsAvailable } from './workerPool';

function gaussianSamples(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  return { data: Float64Array.from({ length: n * d }, () => 0.3 * r.normal()), n, d };
}

function expectClose(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-12 * b[i]);
}

describe('gaussianRowSumsThreaded and pairedGaussianSumsThreaded(..., threads)', () => {
  const s0 = gaussianSamples(301, 5, 1);
  const r = randomSource(2);
  const ids = new Int32Array(s0.n).map(() => r.int(3));
  const { sorted, groupEnd } = sortByGroup(s0, ids, 3);

  it('gaussianRowSumsThreaded(..., threads) equals gaussianRowSums from the TypeScript sources (one-thread fallback)', () => {
    // run from the sources, the compiled worker file is absent: the work stays on this thread
    expect(threadsAvailable()).toBe(false);
    const one = gaussianRowSums(sorted, 2, groupEnd);
    const two = gaussianRowSumsThreaded(sorted, 2, groupEnd, 2);
    expectClose(two.all, one.all);
    expectClose(two.within, one.within);
    const b = sortByGroup(gaussianSamples(301, 2, 3), ids, 3).sorted;
    const p1 = pairedGaussianSums(sorted, b, 0.5, 1.5, groupEnd);
    const p2 = pairedGaussianSumsThreaded(sorted, b, 0.5, 1.5, groupEnd, 2);
    expectClose(p2.rowA, p1.rowA);
    expectClose(p2.withinB, p1.withinB);
    expect(Math.abs(p2.sumProduct - p1.sumProduct)).toBeLessThanOrEqual(1e-12 * p1.sumProduct);
  });

  // The real worker pool runs the compiled modules (`npm test` builds dist first).
  const compiled = join(__dirname, '..', '..', '..', 'dist', 'core', 'threads', 'kernelThreads.js');
  const worker = join(__dirname, '..', '..', '..', 'dist', 'core', 'threads', 'worker.js');
  const poolFile = join(__dirname, '..', '..', '..', 'dist', 'core', 'threads', 'workerPool.js');
  const built = existsSync(compiled) && existsSync(worker);
  (built ? it : it.skip)('gaussianRowSumsThreaded / pairedGaussianSumsThreaded with 1..3 threads from dist equal one thread to 1e-12', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dist = require(compiled) as typeof import('./kernelThreads');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pool = require(poolFile) as typeof import('./workerPool');
    try {
      expect(pool.threadsAvailable()).toBe(true);
      const grouped = gaussianRowSums(sorted, 2, groupEnd);
      const plain = gaussianRowSums(s0, 0.7);
      for (const threads of [1, 2, 3]) {
        const g = dist.gaussianRowSumsThreaded(sorted, 2, groupEnd, threads);
        expectClose(g.all, grouped.all);
        expectClose(g.within, grouped.within);
        const p = dist.gaussianRowSumsThreaded(s0, 0.7, undefined, threads);
        expectClose(p.all, plain.all);
        expect(p.within).toBe(p.all);
        const b = sortByGroup(gaussianSamples(301, 2, 3), ids, 3).sorted;
        for (const ends of [groupEnd, undefined]) {
          const want = pairedGaussianSums(sorted, b, 0.5, 1.5, ends);
          const got = dist.pairedGaussianSumsThreaded(sorted, b, 0.5, 1.5, ends, threads);
          expectClose(got.rowA, want.rowA);
          expectClose(got.rowB, want.rowB);
          expectClose(got.withinB, want.withinB);
          expect(Math.abs(got.sumProduct - want.sumProduct)).toBeLessThanOrEqual(1e-12 * want.sumProduct);
        }
      }
      expect(pool.threadsAvailable()).toBe(true);
    } finally {
      await pool.terminateThreads();
    }
  });
});
