import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomSource } from '../core/random';
import { Samples } from '../core/samples';
import { silenceWarnings } from '../../test/helpers/warnings';
import { diffusionSpectralMutualInformation } from './dse';

// DSMI's independent DSEs on the worker pool (src/core/threads): the same result for any number of threads.

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

silenceWarnings();

describe('diffusionSpectralMutualInformation on threads', () => {
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
  const built = existsSync(join(root, 'core', 'threads', 'worker.js')) && existsSync(join(root, 'estimators', 'dse.js'));
  (built ? it : it.skip)('diffusionSpectralMutualInformation(t, labels, {threads: 1..3}) from dist gives identical results', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dse = require(join(root, 'estimators', 'dse.js')) as typeof import('./dse');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require(join(root, 'core', 'threads', 'workerPool.js')) as typeof import('../core/threads/workerPool');
    try {
      expect(threads.threadsAvailable()).toBe(true);
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
      expect(threads.threadsAvailable()).toBe(true); // no worker failed
    } finally {
      await threads.terminateThreads();
    }
  });
});
