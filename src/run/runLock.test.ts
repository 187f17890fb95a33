/** One writer per run file: the lock, stale locks after a crash, atomic replacement, file-system failures. */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectInfoplaneError } from '../../test/helpers/errors';
import { consumeWarnings, setWarningHandler } from '../core/warn';
import { createRunHeader } from './header';
import { readRun } from './parseRun';
import { RunFileWriter } from './runFile';
import { lockFileOf, lockRunFile, readRunLock } from './runLock';
import { RunHeader, RunPointRecord } from './types';

function header(runId: string): RunHeader {
  return createRunHeader({ runId, model: { layers: [{ name: 'h', units: 1 }] }, dataset: 'toy', probeSize: 4, estimators: [{ name: 'binning', params: {} }], units: 'bits' });
}

function point(epoch: number): RunPointRecord {
  return { type: 'point', epoch, layer: 'h', layerIndex: 0, estimator: 'binning', ixt: 1, ity: 0.5 };
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-lock-')), 'run.ndjson');
}

/**
 * Another process that takes the lock the way infoplane does (O_EXCL create, its pid, host, token and start
 * time) and then stays alive until killed: prints "locked" once it holds it.
 */
function foreignWriter(file: string): Promise<ChildProcess> {
  const script = `
    const fs = require('fs'), os = require('os');
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const processStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const fd = fs.openSync(process.argv[1], 'wx');
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'foreign', processStart }) + '\\n');
    fs.closeSync(fd);
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, lockFileOf(file)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`foreign writer exited with ${code}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const linux = fs.existsSync('/proc/self/stat') ? it : it.skip;

describe('lockRunFile', () => {
  let previous: (message: string) => void;
  beforeEach(() => {
    previous = setWarningHandler(null);
    consumeWarnings();
  });
  afterEach(() => setWarningHandler(previous));

  linux('RunFileWriter.writeHeader refuses a run file that another live process is writing, and leaves it untouched', async () => {
    const file = tempFile();
    fs.writeFileSync(file, `${JSON.stringify(header('theirs'))}\n`);
    const child = await foreignWriter(file);
    try {
      const before = fs.readFileSync(file, 'utf8');
      const e = expectInfoplaneError(() => new RunFileWriter(file, { overwrite: true }).writeHeader(header('ours')), { code: 'file_busy', param: 'file' });
      expect(e.message).toContain(`being written by process ${child.pid}`);
      expect(e.message).toContain(`delete ${lockFileOf(file)}`);
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
      expect(readRunLock(file)?.pid).toBe(child.pid);
    } finally {
      await killed(child);
    }
  });

  linux('lockRunFile takes over the stale lock of a killed process, with a warning', async () => {
    const file = tempFile();
    const child = await foreignWriter(file);
    const pid = child.pid;
    await killed(child); // SIGKILL: the lock file stays behind
    expect(readRunLock(file)?.pid).toBe(pid);
    const w = new RunFileWriter(file);
    w.writeHeader(header('after-crash'));
    w.append([point(0)]);
    expect(readRunLock(file)?.pid).toBe(process.pid);
    w.close();
    expect(fs.existsSync(lockFileOf(file))).toBe(false);
    expect(readRun(file).header.runId).toBe('after-crash');
    expect(consumeWarnings().join('\n')).toMatch(new RegExp(`removed the stale lock .*process ${pid}, which took it at .*, is no longer running`));
  });

  it('lockRunFile treats a lock whose process id was reused (another start time) as stale', () => {
    const file = tempFile();
    const stat = fs.existsSync('/proc/self/stat');
    // our own parent process is alive; a lock that claims it with another start time is not its lock
    fs.writeFileSync(lockFileOf(file), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2020-01-01T00:00:00Z', token: 'x', processStart: '1' }));
    if (!stat) return; // without /proc the start time cannot be compared: nothing to check here
    const lock = lockRunFile(file);
    expect(readRunLock(file)?.pid).toBe(process.pid);
    lock.release();
    expect(consumeWarnings().join('\n')).toMatch(/its id was reused/);
  });

  it('a second RunFileWriter of the same file in one process is refused while the first is open', () => {
    const file = tempFile();
    const a = new RunFileWriter(file);
    a.writeHeader(header('a'));
    expectInfoplaneError(() => new RunFileWriter(file, { overwrite: true }).writeHeader(header('b')), { code: 'file_busy', message: /another writer of this process/ });
    a.append([point(0)]);
    a.close();
    expect(readRun(file).header.runId).toBe('a');
    expect(readRun(file).points).toHaveLength(1);
  });

  it('RunFileWriter refuses to append after close when another writer replaced the file meanwhile', () => {
    const file = tempFile();
    const a = new RunFileWriter(file);
    a.writeHeader(header('a'));
    a.close();
    const b = new RunFileWriter(file, { overwrite: true });
    b.writeHeader(header('b'));
    b.close();
    expectInfoplaneError(() => a.append([point(1)]), { code: 'file_busy', message: /replaced by another file/ });
    const run = readRun(file);
    expect(run.header.runId).toBe('b');
    expect(run.points).toHaveLength(0);
  });

  it('RunFileWriter with overwrite replaces a run atomically: the old inode keeps the old run whole', () => {
    const file = tempFile();
    const a = new RunFileWriter(file);
    a.writeHeader(header('old'));
    a.append([point(0), point(1)]);
    a.close();
    const reader = fs.openSync(file, 'r'); // a reader that opened the old run before the replacement
    const b = new RunFileWriter(file, { overwrite: true });
    b.writeHeader(header('new'));
    const old = Buffer.alloc(fs.fstatSync(reader).size);
    fs.readSync(reader, old, 0, old.length, 0);
    fs.closeSync(reader);
    expect(old.toString('utf8').split('\n').filter(Boolean)).toHaveLength(3);
    expect(readRun(file).header.runId).toBe('new');
    b.close();
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['run.ndjson']); // no temporary or lock file left
  });

  it('the lock of the CLI and the writer nest: the writer takes it again and the holder keeps it', () => {
    const file = tempFile();
    const hold = lockRunFile(file, 'infoplane demo', '--out');
    const w = new RunFileWriter(file);
    w.writeHeader(header('a'));
    w.close();
    expect(readRunLock(file)?.pid).toBe(process.pid); // still held by `hold`
    hold.release();
    expect(fs.existsSync(lockFileOf(file))).toBe(false);
  });
});

/** The fs module object itself (the `import * as fs` namespace cannot be spied on). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as typeof fs;

describe('RunFileWriter file-system failures', () => {
  afterEach(() => jest.restoreAllMocks());

  const errno = (code: string) => Object.assign(new Error(`${code}: failed, write`), { code, syscall: 'write', errno: -28 });

  it('RunFileWriter.append names the file on ENOSPC, keeps every earlier record and stops at the first failed write', () => {
    const file = tempFile();
    const w = new RunFileWriter(file);
    w.writeHeader(header('a'));
    w.append([point(0)]);
    const spy = jest.spyOn(nodeFs, 'writeSync').mockImplementation(() => {
      throw errno('ENOSPC');
    });
    const e = expectInfoplaneError(() => w.append([point(1)]), { code: 'file_unwritable', param: 'file' });
    expect(e.message).toContain(JSON.stringify(file));
    expect(e.message).toMatch(/ENOSPC: no space left on the device: free some space or write elsewhere/);
    spy.mockRestore();
    expect(() => w.append([point(2)])).toThrow(/ENOSPC/); // stopped: nothing is written after a failed write
    w.close();
    expect(readRun(file).points.map((p) => p.epoch)).toEqual([0]);
  });

  it.each([
    ['EROFS', /the file system is read-only: write to another folder/],
    ['EACCES', /permission denied: write to a folder you own/],
  ])('RunFileWriter.writeHeader names the file and what to do on %s', (code, message) => {
    const file = tempFile();
    // the temporary file next to the run cannot be created, as on a read-only or foreign-owned folder
    const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error(code), { code, syscall: 'rename' });
    });
    const e = expectInfoplaneError(() => new RunFileWriter(file).writeHeader(header('a')), { code: 'file_unwritable' });
    expect(e.message).toMatch(message);
    expect(e.message).toContain(JSON.stringify(file));
    spy.mockRestore();
    expect(fs.readdirSync(path.dirname(file))).toEqual([]); // neither the temporary file nor the lock is left
    expect(fs.existsSync(lockFileOf(file))).toBe(false); // the lock is given back
  });

  it('RunFileWriter.writeHeader on a directory says it is a directory', () => {
    const file = tempFile();
    fs.mkdirSync(file);
    expectInfoplaneError(() => new RunFileWriter(file).writeHeader(header('a')), { code: 'file_unwritable', message: /EISDIR: it is a directory: give a file path/ });
  });
});
