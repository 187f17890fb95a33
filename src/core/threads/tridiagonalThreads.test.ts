import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tridiagonalParts, tridiagonalThreadsAvailable } from './tridiagonalThreads';
import { randomSymmetric } from '../../../test/helpers/matrices';

describe('tridiagonalParts', () => {
  it('tridiagonalParts(ws) from the TypeScript sources is null (no compiled helper): the parts run in sequence', () => {
    expect(tridiagonalThreadsAvailable()).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { wasmTridiagonalWorkspace } = require('../spectral/tridiagonalWasm') as typeof import('../spectral/tridiagonalWasm');
    const ws = wasmTridiagonalWorkspace(30);
    if (ws) expect(tridiagonalParts(ws)).toBeNull();
  });

  // The helper thread runs the compiled modules (`npm test` builds dist first).
  const root = join(__dirname, '..', '..', '..', 'dist');
  const built = existsSync(join(root, 'core', 'threads', 'tridiagonalWorker.js')) && existsSync(join(root, 'core', 'spectral', 'symmetricEigenvalues.js'));

  (built ? it : it.skip)('symmetricEigenvalues from dist with threads 2 (a helper thread) equals threads 1 bit for bit, and the closed form', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const eig = require(join(root, 'core', 'spectral', 'symmetricEigenvalues.js')) as typeof import('../spectral/symmetricEigenvalues');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require(join(root, 'core', 'threads', 'tridiagonalThreads.js')) as typeof import('./tridiagonalThreads');
    try {
      expect(threads.tridiagonalThreadsAvailable()).toBe(true);
      for (const n of [120, 300, 517]) {
        const a = randomSymmetric(n, n);
        const one = Array.from(eig.symmetricEigenvalues(a, n, { threads: 1 }));
        // the helper may miss steps (it starts, or the machine is loaded): run until it has taken parts
        let helped = 0;
        for (let attempt = 0; attempt < 20 && (helped === 0 || attempt < 2); attempt++) {
          const before = threads.tridiagonalHelperParts();
          expect(Array.from(eig.symmetricEigenvalues(a, n, { threads: 2 }))).toEqual(one);
          helped += threads.tridiagonalHelperParts() - before;
          if (helped === 0) await new Promise((resolve) => setTimeout(resolve, 50)); // let the helper start
        }
        expect(helped).toBeGreaterThan(0);
      }
      // closed form: tridiagonal Toeplitz a + 2b cos(k pi / (n + 1))
      const n = 400;
      const t = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        t[i * n + i] = 0.7;
        if (i + 1 < n) t[i * n + i + 1] = t[(i + 1) * n + i] = -1.3;
      }
      const want = Array.from({ length: n }, (_, k) => 0.7 - 2.6 * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((x, y) => x - y);
      const got = eig.symmetricEigenvalues(t, n, { threads: 2 });
      for (let k = 0; k < n; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-12);
      // a dense random matrix: its eigenvalues keep the trace and the Frobenius norm
      const d = randomSymmetric(n, 4);
      let trace = 0;
      let frob = 0;
      for (let i = 0; i < n; i++) trace += d[i * n + i];
      for (const x of d) frob += x * x;
      let sum = 0;
      let sum2 = 0;
      for (const x of eig.symmetricEigenvalues(d, n, { threads: 2 })) {
        sum += x;
        sum2 += x * x;
      }
      expect(Math.abs(sum - trace) / Math.sqrt(frob)).toBeLessThan(1e-10);
      expect(Math.abs(sum2 - frob) / frob).toBeLessThan(1e-10);
    } finally {
      await threads.terminateTridiagonalThreads();
    }
  });
});
