/**
 * One writer per run file. A writer owns `FILE` while it holds `FILE.lock`, created with O_EXCL (so exactly one
 * process wins) and holding the owner's process id, host, start time and a random token. The lock is removed when
 * the writer closes and, failing that, when the process exits; a lock whose process is gone (killed, crashed) is
 * stale: the next writer removes it, with a warning, and goes on.
 *
 * Stale means: same host, and the process id is not running, or it is running but started at another time
 * than the owner did (the id was reused; Linux `/proc`). A lock from another host is never taken over.
 * Taking over is race-free: the stale lock is renamed away first, and put back if what was renamed is not the
 * lock that was judged stale (another process took it over in between).
 *
 * Within one process, locks are counted: the CLI holds the lock of `runs/demo/run.ndjson` for the whole command
 * (training, then the figure), and the run's writer takes the same lock again inside it.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeValue, fail } from '../core/errors';
import { failWrite, isErrnoError } from '../core/fsErrors';
import { warn } from '../core/warn';

/** What a lock file holds. */
export interface RunLockInfo {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Random token of the owning process: a lock is released only by its owner. */
  token: string;
  /** Start time of the owning process (Linux: clock ticks after boot, from /proc/PID/stat), to detect reused ids. */
  processStart?: string;
}

/** A held lock on a run file; `release` once when done (more calls do nothing). */
export interface RunFileLock {
  /** The run file (resolved). */
  readonly file: string;
  /** The lock file: the run file's path with `.lock` appended. */
  readonly lockFile: string;
  release(): void;
}

const PROCESS_TOKEN = randomBytes(8).toString('hex');
/** Locks this process holds, by lock file, with how many holders. */
const held = new Map<string, number>();
let exitHandlerInstalled = false;
/** An unreadable lock younger than this may be one being written right now: busy, not stale. */
const FRESH_MS = 2000;

/** The lock file of a run file. */
export function lockFileOf(file: string): string {
  return `${path.resolve(file)}.lock`;
}

/**
 * Take the lock of run file `file` for this process (again, when it already holds it).
 *
 * @throws InfoplaneError `file_busy` when another live process holds it (naming the process and the lock file),
 *   `file_unwritable` when the lock file cannot be created (read-only folder, no space...).
 * @example
 * const lock = lockRunFile('runs/demo/run.ndjson');
 * try { ... } finally { lock.release(); }
 */
export function lockRunFile(file: string, fn = 'lockRunFile', param = 'file'): RunFileLock {
  if (typeof file !== 'string' || file.length === 0) fail('invalid_type', { fn, param, expected: 'a file path', received: describeValue(file) });
  const resolved = path.resolve(file);
  const lockFile = `${resolved}.lock`;
  const count = held.get(lockFile);
  if (count !== undefined) {
    held.set(lockFile, count + 1);
    return handle(resolved, lockFile);
  }
  try {
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    failWrite(fn, param, file, error, 'creating its folder');
  }
  const info: RunLockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: PROCESS_TOKEN };
  const start = processStart(process.pid);
  if (start !== undefined) info.processStart = start;
  const text = `${JSON.stringify(info)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(lockFile, 'wx');
    } catch (error) {
      if (!isErrnoError(error) || error.code !== 'EEXIST') {
        if (isErrnoError(error)) failWrite(fn, param, file, error, `creating its lock file ${lockFile}`);
        throw error;
      }
      const seen = readLock(lockFile);
      if (seen === undefined) continue; // removed meanwhile: try again
      const stale = staleReason(seen);
      if (stale === undefined) busy(fn, param, file, lockFile, seen.info);
      if (takeOver(lockFile, seen.raw)) {
        warn(`run file ${file}: removed the stale lock ${lockFile} (${stale}).`);
      }
      continue;
    }
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(lockFile, { force: true });
      if (isErrnoError(error)) failWrite(fn, param, file, error, `writing its lock file ${lockFile}`);
      throw error;
    }
    fs.closeSync(fd);
    held.set(lockFile, 1);
    installExitHandler();
    return handle(resolved, lockFile);
  }
  const seen = readLock(lockFile);
  return busy(fn, param, file, lockFile, seen?.info);
}

/** The lock's owner as `lockRunFile` would judge it: undefined when there is no lock file. */
export function readRunLock(file: string): RunLockInfo | undefined {
  return readLock(lockFileOf(file))?.info;
}

function handle(file: string, lockFile: string): RunFileLock {
  let released = false;
  return {
    file,
    lockFile,
    release: () => {
      if (released) return;
      released = true;
      const count = held.get(lockFile) ?? 0;
      if (count > 1) {
        held.set(lockFile, count - 1);
        return;
      }
      held.delete(lockFile);
      removeIfOurs(lockFile);
    },
  };
}

function busy(fn: string, param: string, file: string, lockFile: string, info: RunLockInfo | undefined): never {
  const owner = info
    ? `process ${info.pid}${info.host !== os.hostname() ? ` on host ${info.host}` : ''} since ${info.since}`
    : 'another process (its lock file is being written)';
  fail('file_busy', {
    fn,
    param,
    expected: 'a run file that no other process is writing (one writer per run file)',
    received: `${JSON.stringify(file)}, being written by ${owner}`,
    detail: `wait for it to finish or write elsewhere; if that process is gone, delete ${lockFile}`,
  });
}

function readLock(lockFile: string): { raw: string; info?: RunLockInfo; ageMs: number } | undefined {
  let raw: string;
  let ageMs: number;
  try {
    raw = fs.readFileSync(lockFile, 'utf8');
    ageMs = Date.now() - fs.statSync(lockFile).mtimeMs;
  } catch {
    return undefined;
  }
  let info: RunLockInfo | undefined;
  try {
    const v = JSON.parse(raw) as Partial<RunLockInfo>;
    if (v && typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 && typeof v.host === 'string' && typeof v.token === 'string') {
      info = { pid: v.pid, host: v.host, since: String(v.since ?? '?'), token: v.token, ...(typeof v.processStart === 'string' ? { processStart: v.processStart } : {}) };
    }
  } catch {
    info = undefined;
  }
  return { raw, info, ageMs };
}

/** Why a lock is stale, or undefined when its owner may be alive. */
function staleReason(seen: { info?: RunLockInfo; ageMs: number }): string | undefined {
  const { info, ageMs } = seen;
  if (!info) return ageMs > FRESH_MS ? 'an unreadable lock file' : undefined;
  if (info.host !== os.hostname()) return undefined;
  if (info.pid === process.pid) return info.token === PROCESS_TOKEN ? undefined : `left by an earlier process ${info.pid}`;
  if (!alive(info.pid)) return `process ${info.pid}, which took it at ${info.since}, is no longer running`;
  const start = processStart(info.pid);
  if (info.processStart !== undefined && start !== undefined && start !== info.processStart) {
    return `process ${info.pid}, which took it at ${info.since}, is no longer running (its id was reused)`;
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Start time of process `pid` (Linux /proc, in clock ticks after boot), or undefined elsewhere. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 of stat; the fields after the command name start at field 3
  } catch {
    return undefined;
  }
}

/** Move a stale lock away; true when what was moved is the lock judged stale (else it is put back). */
function takeOver(lockFile: string, rawSeen: string): boolean {
  const aside = `${lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return false; // gone already, or another process moved it
  }
  let moved = '';
  try {
    moved = fs.readFileSync(aside, 'utf8');
  } catch {
    moved = '';
  }
  if (moved !== rawSeen) {
    // another process took the lock over between our read and our rename: give it back
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // a third one holds it now; the one we moved is lost to its owner, who will find its file changed
    }
  }
  fs.rmSync(aside, { force: true });
  return moved === rawSeen;
}

function removeIfOurs(lockFile: string): void {
  const seen = readLock(lockFile);
  if (seen?.info && seen.info.token === PROCESS_TOKEN && seen.info.pid === process.pid) fs.rmSync(lockFile, { force: true });
}

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on('exit', () => {
    for (const lockFile of held.keys()) {
      try {
        removeIfOurs(lockFile);
      } catch {
        // exiting anyway
      }
    }
    held.clear();
  });
}
