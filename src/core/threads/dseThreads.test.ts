import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomSource } from '../random';
import { Samples } from '../samples';
import { silenceWarnings } from '../../../test/helpers/warnings';
import { runDseTasks } from './dseThreads';
import { threadsAvailable } from './workerPool';

// The DSMI-level checks of the same pool (identical results for any `threads`) are in
// src/estimators/dseThreads.test.ts: core does not import the estimators.

function gaussian(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  return { data: Float64Array.from({ length: n * d }, () => r.normal()), n, d };
}

silenceWarnings();

describe('runDseTasks', () => {
  it('runDseTasks(fn, tasks, settings, 2, run) from the TypeScript sources runs every task here, in order', () => {
    // run from the sources the compiled worker file is absent: the work stays on this thread
    expect(threadsAvailable()).toBe(false);
    const tasks = [gaussian(5, 2, 1), gaussian(9, 2, 2), gaussian(3, 1, 3)];
    const out = runDseTasks('test', tasks, {}, 2, (s) => ({ bits: s.n, eigenvaluesUsed: s.d }));
    expect(out).toEqual([
      { bits: 5, eigenvaluesUsed: 2 },
      { bits: 9, eigenvaluesUsed: 2 },
      { bits: 3, eigenvaluesUsed: 1 },
    ]);
  });

  // The real worker pool runs the compiled modules (`npm test` builds dist first).
  const root = join(__dirname, '..', '..', '..', 'dist');
  const built = existsSync(join(root, 'core', 'threads', 'worker.js')) && existsSync(join(root, 'core', 'threads', 'dseThreads.js'));

  (built ? it : it.skip)('runDseTasks from dist recomputes on the calling thread the tasks a worker failed, warns and turns threads off', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require(join(root, 'core', 'threads', 'dseThreads.js')) as typeof import('./dseThreads');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pool = require(join(root, 'core', 'threads', 'workerPool.js')) as typeof import('./workerPool');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const warnings = require(join(root, 'core', 'warn.js')) as typeof import('../warn');
    const previous = warnings.setWarningHandler(null);
    try {
      const tasks = Array.from({ length: 16 }, (_, k) => gaussian(20 + k, 2, k));
      const slow = (s: Samples): { bits: number; eigenvaluesUsed: number } => {
        const until = Date.now() + 200; // keep the calling thread busy (3 s in all) so that the worker takes some tasks
        while (Date.now() < until);
        return { bits: s.n, eigenvaluesUsed: -1 };
      };
      // null settings make the worker's kernel throw on every task it takes
      const out = threads.runDseTasks('test', tasks, null, 2, slow);
      expect(out.map((r) => r.bits)).toEqual(tasks.map((s) => s.n));
      const messages = warnings.consumeWarnings();
      expect(messages.some((m) => /worker thread failed/.test(m))).toBe(true);
      expect(pool.threadsAvailable()).toBe(false);
    } finally {
      warnings.setWarningHandler(previous);
      await pool.terminateThreads();
    }
  });
});
