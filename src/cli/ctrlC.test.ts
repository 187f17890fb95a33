/**
 * Ctrl-C during a long estimate ends the command at once: the estimators run synchronously, so nothing may
 * hold SIGINT for later; the process must end with the signal's status, not finish the computation first.
 * Uses the built CLI (dist/; npm test builds it first).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers/cli';

const MAIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

describe('infoplane point and Ctrl-C', () => {
  it('infoplane point --estimator kde on a call predicted to take ~15 s ends within 2 s of SIGINT (exit status of SIGINT)', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
    const dir = tempDir('infoplane-ctrlc-');
    const n = 20000;
    const rows = (d: number, f: (i: number, j: number) => number) => JSON.stringify(Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => f(i, j))));
    writeFileSync(join(dir, 'x.json'), rows(4, (i, j) => (i >> j) & 1));
    writeFileSync(join(dir, 't.json'), rows(30, (i, j) => Math.sin(i * 0.001 * (j + 1))));
    writeFileSync(join(dir, 'y.json'), JSON.stringify(Array.from({ length: n }, (_, i) => i % 2)));
    const child = spawn(process.execPath, [MAIN, 'point', '--input', join(dir, 'x.json'), '--activations', join(dir, 't.json'), '--labels', join(dir, 'y.json'), '--estimator', 'kde'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    // the advice line comes just before the estimate starts
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no advice line; stderr: ${stderr}`)), 20000);
      child.stderr.on('data', (d) => {
        stderr += d;
        if (/should take about/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    child.kill('SIGINT');
    const { code, signal, at } = await ended;
    expect(at - sent).toBeLessThan(2000);
    expect(signal === 'SIGINT' || code === 130).toBe(true);
  });
});
