import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../runCli';

const DIST = path.join(__dirname, '..', '..', '..', 'dist');

describe('infoplane demo --backend', () => {
  it('infoplane demo --backend gpu is a usage error naming the flag and its choices', async () => {
    let err = '';
    const code = await runCli(['demo', '--backend', 'gpu', '--out', path.join(os.tmpdir(), 'never-written')], { stdout: () => undefined, stderr: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toBe('infoplane demo: --backend must be one of auto, tensorflow, wasm, cpu; got "gpu"\n');
  });

  it('infoplane demo without TensorFlow.js says how to install it, in one line (not an internal error)', () => {
    // The built package copied where no node_modules can be found: as if TensorFlow.js were not installed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-notfjs-'));
    try {
      fs.cpSync(DIST, path.join(dir, 'dist'), { recursive: true });
      fs.copyFileSync(path.join(DIST, '..', 'package.json'), path.join(dir, 'package.json'));
      const r = spawnSync(process.execPath, [path.join(dir, 'dist', 'cli', 'main.js'), 'demo', '--out', path.join(dir, 'out')], { cwd: dir, encoding: 'utf8' });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^infoplane demo: TensorFlow\.js must be an installed package: npm install @tensorflow\/tfjs @tensorflow\/tfjs-backend-wasm \(or @tensorflow\/tfjs-node/);
      expect(r.stderr).not.toContain('internal error');
      expect(fs.existsSync(path.join(dir, 'out'))).toBe(false); // nothing written before the check
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
