import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomSource } from '../random';
import { Samples } from '../samples';
import { jsPairPasses } from '../kernels/pairDistancePasses';
import { pairRowRanges, pairWindowThreaded, runPairWindowTask } from './pairWindowThreads';
import { batchHeader, PairWindowBatch, shared, sharedCopy } from './protocol';

function relu(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, r.normal() - 0.25);
  return { data, n, d };
}

describe('pairWindowThreads', () => {
  it('pairRowRanges(n, parts) cuts the rows into ranges of about equal numbers of pairs', () => {
    for (const [n, parts] of [
      [1000, 2],
      [1001, 3],
      [7, 4],
    ]) {
      const starts = pairRowRanges(n, parts);
      expect(starts[0]).toBe(0);
      expect(starts[parts]).toBe(n);
      const pairsBefore = (i: number): number => i * n - (i * (i + 1)) / 2;
      for (let p = 0; p < parts; p++) {
        expect(starts[p + 1]).toBeGreaterThanOrEqual(starts[p]);
        const share = pairsBefore(starts[p + 1]) - pairsBefore(starts[p]);
        expect(Math.abs(share - (n * (n - 1)) / 2 / parts)).toBeLessThanOrEqual(n);
      }
    }
  });

  it('runPairWindowTask(batch, task) over every task gives the counts and kept values of the whole pass', () => {
    const s = relu(300, 4, 1);
    const whole = jsPairPasses(s).window(1, 3, 1e6);
    const tasks = 3;
    const cap = 1e5;
    // undecided 0 takes the WebAssembly pass's f32 filter, 1 its plain f64 pass: the same numbers
    for (const undecided of [0, 1]) {
      const batch: PairWindowBatch = {
        kind: 'pairWindow',
        ...batchHeader(tasks),
        data: sharedCopy(s.data),
        n: s.n,
        d: s.d,
        lo: 1,
        hi: 3,
        cap,
        undecided,
        starts: sharedCopy(pairRowRanges(s.n, tasks)),
        stats: shared(8 * 4 * tasks),
        kept: shared(8 * cap * tasks),
      };
      for (let task = 0; task < tasks; task++) runPairWindowTask(batch, task);
      const stats = new Float64Array(batch.stats);
      const sum = (k: number): number => stats[k] + stats[4 + k] + stats[8 + k];
      expect([sum(0), sum(1), sum(2), sum(3)]).toEqual([whole.below, whole.atLo, whole.atHi, whole.inside]);
      const kept: number[] = [];
      for (let task = 0; task < tasks; task++) kept.push(...new Float64Array(batch.kept, 8 * cap * task, stats[4 * task + 3]));
      expect(kept).toEqual(Array.from(whole.kept!)); // in pair order
    }
  });

  it('pairWindowThreaded(s, lo, hi, cap, 1) is null: one thread is the caller\'s own pass', () => {
    expect(pairWindowThreaded(relu(20, 2, 2), 0, 1, 10, 1)).toBeNull();
  });

  // The real worker pool runs the compiled modules (`npm test` builds dist first).
  const dist = join(__dirname, '..', '..', '..', 'dist', 'core');
  const built = existsSync(join(dist, 'threads', 'worker.js')) && existsSync(join(dist, 'threads', 'pairWindowThreads.js'));
  (built ? it : it.skip)('pairSquaredDistanceRanks(s, ranks, { threads }) from dist gives the same values for 1, 2 and 3 threads', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = require(join(dist, 'kernels', 'pairSquaredDistanceRanks.js')) as typeof import('../kernels/pairSquaredDistanceRanks');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threaded = require(join(dist, 'threads', 'pairWindowThreads.js')) as typeof import('./pairWindowThreads');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pool = require(join(dist, 'threads', 'workerPool.js')) as typeof import('./workerPool');
    try {
      const s = relu(2100, 3, 3); // 2.2 million pairs: above the threshold where the pass is split
      const m = (s.n * (s.n - 1)) / 2;
      const want = [m / 2 - 1, m / 2, Math.floor(0.1 * m)];
      const one = ranks.pairSquaredDistanceRanks(s, want, { threads: 1 });
      for (const threads of [2, 3]) expect(ranks.pairSquaredDistanceRanks(s, want, { threads })).toEqual(one);
      expect(pool.threadsAvailable()).toBe(true);
      // the threaded pass itself, against the single-threaded one
      const single = jsPairPasses(s).window(1, 1.5, 1e6);
      const two = threaded.pairWindowThreaded(s, 1, 1.5, 1e6, 2)!;
      expect({ ...two, kept: null }).toEqual({ ...single, kept: null });
      expect(Array.from(two.kept!)).toEqual(Array.from(single.kept!));
      expect(threaded.pairWindowThreaded(s, 1, 1.5, 10, 2)!.kept).toBeNull();
    } finally {
      await pool.terminateThreads();
    }
  });
});
