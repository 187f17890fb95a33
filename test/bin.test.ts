/** The built `infoplane` program, run as a user runs it (a real child process). Needs `npm run build` (npm test does it). */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/cli';

const BIN = join(__dirname, '..', 'dist', 'cli', 'main.js');

function run(...args: string[]) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does)`);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the infoplane program', () => {
  it('infoplane demo --json trains briefly and gives every layer a point within the ceilings', () => {
    const out = tempDir();
    const r = run('demo', '--epochs', '3', '--records', '2', '--no-image', '--quiet', '--out', out, '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.n).toBe(4096);
    expect(summary.layers).toHaveLength(6);
    for (const layer of summary.layers) {
      for (const name of ['binning', 'adaptive-binning', 'kde']) {
        const p = layer.points[name];
        expect(p.ixt).toBeGreaterThanOrEqual(0);
        expect(p.ixt).toBeLessThanOrEqual(12 + 1e-9);
        expect(p.ity).toBeGreaterThanOrEqual(0);
        expect(p.ity).toBeLessThanOrEqual(summary.hY + 1e-9);
      }
    }
    expect(existsSync(join(out, 'run.ndjson'))).toBe(true);
    expect(existsSync(join(out, 'infoplane.html'))).toBe(true);
  });

  it('infoplane demo prints the final information plane and where its outputs are', () => {
    const out = tempDir();
    const r = run('demo', '--epochs', '2', '--records', '2', '--no-image', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Information plane at epoch \d+ \[bits\]/);
    expect(r.stdout).toContain(join(out, 'run.ndjson'));
  });

  it('a usage error exits 2 with one line on stderr and no stack trace', () => {
    const r = run('point', '--estimator', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\s+at /);
  });

  it('bad data exits 1 with one line on stderr', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.npy');
    writeFileSync(bad, 'not a numpy file');
    const r = run('entropy', bad, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.npy/);
  });
});

describe('entry points', () => {
  it("require('infoplane') does not load TensorFlow.js", () => {
    jest.isolateModules(() => {
      require('../src/index');
    });
    const loaded = Object.keys(require.cache).filter((k) => k.includes('@tensorflow'));
    expect(loaded).toEqual([]);
  });
});
