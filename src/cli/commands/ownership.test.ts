/** `infoplane train` and `demo` own their folder: nothing replaced without --overwrite, one writer at a time. */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { readRun } from '../../run/parseRun';
import { lockFileOf } from '../../run/runLock';
import { setBackendNoticeHandler } from '../../tfjs/backend';

setBackendNoticeHandler(() => undefined);
process.env.INFOPLANE_TFJS = 'tfjs';

/** Another process holding the lock of `file` as infoplane does, alive until killed. */
function foreignWriter(file: string): Promise<ChildProcess> {
  const script = `
    const fs = require('fs'), os = require('os');
    const fd = fs.openSync(process.argv[1], 'wx');
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'foreign' }));
    fs.closeSync(fd);
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const child = spawn(process.execPath, ['-e', script, lockFileOf(file)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`foreign writer exited with ${code}`)));
  });
}

describe('infoplane train and demo own their run file', () => {
  it.each([['demo'], ['train', '--experiment', 'ib12']])('infoplane %s refuses a run file that holds data unless --overwrite, before training', async (...command) => {
    const out = tempDir();
    const runFile = path.join(out, 'run.ndjson');
    fs.writeFileSync(runFile, '{"type":"header"}\n');
    const started = Date.now();
    const r = await cli(...command, '--out', out, '--epochs', '2', '--records', '2', ...(command[0] === 'demo' ? ['--no-image'] : []), '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `infoplane ${command[0]}: --out must be a folder whose run.ndjson is new or empty (pass --overwrite to replace it, or choose another --out); got ${JSON.stringify(out)}, whose run.ndjson already holds 18 bytes.`,
    );
    expect(fs.readFileSync(runFile, 'utf8')).toBe('{"type":"header"}\n');
    expect(fs.readdirSync(out)).toEqual(['run.ndjson']); // no figure, no lock left behind
    expect(Date.now() - started).toBeLessThan(5000); // refused before any training
  });

  it('infoplane demo refuses a folder whose run file another process is writing, even with --overwrite', async () => {
    const out = tempDir();
    const runFile = path.join(out, 'run.ndjson');
    fs.writeFileSync(runFile, 'their run\n');
    const child = await foreignWriter(runFile);
    try {
      const r = await cli('demo', '--out', out, '--epochs', '2', '--records', '2', '--no-image', '--quiet', '--overwrite');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^infoplane demo: --out must be a run file that no other process is writing \\(one writer per run file\\); got ".*run\\.ndjson", being written by process ${child.pid} since .*`, 'm'));
      expect(fs.readFileSync(runFile, 'utf8')).toBe('their run\n');
      expect(fs.existsSync(path.join(out, 'infoplane.html'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('two infoplane demo commands in one folder at once: one writes its run and figure, the other is refused', async () => {
    const out = tempDir();
    const [a, b] = await Promise.all([
      cli('demo', '--out', out, '--epochs', '2', '--records', '2', '--estimators', 'binning', '--no-image', '--quiet', '--json'),
      cli('demo', '--out', out, '--epochs', '1', '--records', '2', '--estimators', 'binning', '--no-image', '--quiet', '--json', '--overwrite'),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
    expect(loser.stderr).toMatch(/must be a folder that no other command is writing|no other process is writing|no other writer is writing/);
    const summary = JSON.parse(winner.stdout);
    const run = readRun(path.join(out, 'run.ndjson'));
    expect(run.points.map((p) => p.epoch).filter((e, i, all) => all.indexOf(e) === i)).toEqual(summary.recordedEpochs);
    expect(summary.figure.html).toBe(path.join(out, 'infoplane.html'));
    expect(fs.existsSync(lockFileOf(path.join(out, 'run.ndjson')))).toBe(false);
  }, 120000);
});
