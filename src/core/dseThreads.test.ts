import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { diffusionSpectralMutualInformation } from '../estimators/dse';
import { dseThreadsAvailable, runDseTasks } from './dseThreads';
import { randomSource } from './random';
import { Samples } from './samples';
import { setWarningHandler } from './warn';

function gaussian(n: number, d: number, seed: number): Samples {
  const r = randomSource(seed);
  return { data: Float64Array.from({ length: n * d }, () => r.normal()), n, d };
}

function labelsOf(n: number, classes: number, seed: number): number[] {
  const r = randomSource(seed);
  return Array.from({ length: n }, () => r.int(classes));
}

/** Everything but `threads` (which params report). */
function withoutThreads(params: Record<string, unknown>): Record<string, unknown> {
  const { threads: _threads, ...rest } = params;
  return rest;
}

let previousHandler: (message: string) => void;
beforeAll(() => {
  previousHandler = setWarningHandler(null);
});
afterAll(() => {
  setWarningHandler(previousHandler);
});

describe('runDseTasks', () => {
  it('runDseTasks(fn, tasks, settings, 2, run) from the TypeScript sources runs every task here, in order', () => {
    // run from the sources the compiled worker file is absent: the work stays on this thread
    expect(dseThreadsAvailable()).toBe(false);
    const tasks = [gaussian(5, 2, 1), gaussian(9, 2, 2), gaussian(3, 1, 3)];
    const out = runDseTasks('test', tasks, {}, 2, (s) => ({ bits: s.n, eigenvaluesUsed: s.d }));
    expect(out).toEqual([
      { bits: 5, eigenvaluesUsed: 2 },
      { bits: 9, eigenvaluesUsed: 2 },
      { bits: 3, eigenvaluesUsed: 1 },
    ]);
  });

  it('diffusionSpectralMutualInformation(t, labels, {threads: 2}) from the sources equals threads: 1', () => {
    const t = gaussian(160, 3, 4);
    const labels = labelsOf(160, 3, 5);
    const one = diffusionSpectralMutualInformation(t, labels, { sigma: 1, threads: 1 });
    const two = diffusionSpectralMutualInformation(t, labels, { sigma: 1, threads: 2 });
    expect(two.value).toBe(one.value);
    expect(withoutThreads(two.params)).toEqual(withoutThreads(one.params));
    expect(two.params.threads).toBe(2);
  });

  // The real worker pool runs the compiled modules (`npm test` builds dist first).
  const root = join(__dirname, '..', '..', 'dist');
  const built = existsSync(join(root, 'core', 'dseWorker.js')) && existsSync(join(root, 'estimators', 'dse.js'));
  (built ? it : it.skip)('diffusionSpectralMutualInformation(t, labels, {threads: 1..3}) from dist gives identical results', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dse = require(join(root, 'estimators', 'dse.js')) as typeof import('../estimators/dse');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require(join(root, 'core', 'dseThreads.js')) as typeof import('./dseThreads');
    try {
      expect(threads.dseThreadsAvailable()).toBe(true);
      const t = gaussian(400, 4, 6);
      const labels = labelsOf(400, 2, 7);
      const cases: Array<Record<string, unknown>> = [
        { sigma: 1 },
        { sigma: 10, t: 2, repetitions: 3, seed: 4 },
        { sigma: 0.7, method: 'slq', probes: 8, steps: 12 },
        { sigma: 2, variant: 'conditional' },
      ];
      for (const options of cases) {
        const one = dse.diffusionSpectralMutualInformation(t, labels, { ...options, threads: 1 });
        for (const n of [2, 3]) {
          const many = dse.diffusionSpectralMutualInformation(t, labels, { ...options, threads: n });
          expect(many.value).toBe(one.value);
          expect(withoutThreads(many.params)).toEqual(withoutThreads(one.params));
        }
      }
      // Continuous target with uneven bins: tasks of unequal sizes.
      const y = gaussian(400, 1, 8);
      const a = dse.diffusionSpectralMutualInformation(t, y, { sigma: 1, clusters: 4, threads: 1 });
      const b = dse.diffusionSpectralMutualInformation(t, y, { sigma: 1, clusters: 4, threads: 2 });
      expect(b.value).toBe(a.value);
      expect(threads.dseThreadsAvailable()).toBe(true); // no worker failed
    } finally {
      await threads.terminateDseThreads();
    }
  });

  (built ? it : it.skip)('runDseTasks from dist recomputes on the calling thread the tasks a worker failed, warns and turns threads off', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require(join(root, 'core', 'dseThreads.js')) as typeof import('./dseThreads');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const warnings = require(join(root, 'core', 'warn.js')) as typeof import('./warn');
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
      expect(threads.dseThreadsAvailable()).toBe(false);
    } finally {
      warnings.setWarningHandler(previous);
      await threads.terminateDseThreads();
    }
  });
});
