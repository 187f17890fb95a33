/**
 * Append-only NDJSON run files, one writer each (see ./runLock.ts). Each call to `append` writes its lines with
 * `fs.writeSync` on a file descriptor opened for appending and then `fs.fsyncSync`s it, so a recorded epoch is on disk before training
 * goes on: a process killed at any moment leaves every completed epoch readable (at worst a partial last line,
 * which `parseRun` reports in `run.truncated`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { describeValue, fail, InfoplaneError } from '../core/errors';
import { failWrite, isErrnoError, writing } from '../core/fsErrors';
import { checkBoolean, checkOptionNames } from '../core/validate';
import { finiteReplacer } from './ndjson';
import { lockRunFile, RunFileLock } from './runLock';
import { RunSink } from './sink';
import { RunHeader, RunRecord } from './types';

export interface RunFileWriterOptions {
  /** Replace an existing non-empty file. When false, such a file is an error (a run is never appended to another). Defaults to false. */
  overwrite?: boolean;
  /** Call `fs.fsyncSync` after every append (durable against power loss, not only against a killed process). Defaults to true. */
  fsync?: boolean;
}

export const RUN_FILE_WRITER_DEFAULTS = { overwrite: false, fsync: true } as const;

/** Writers of this process, by resolved path: one `RunFileWriter` per run file at a time. */
const activeWriters = new Set<string>();

/**
 * Writes a run file: `writeHeader` once, then `append` per recorded epoch. The writer owns the file from
 * `writeHeader` to `close` (the lock file `FILE.lock`, see `lockRunFile`): a second writer, in this process or
 * another, is refused with a `file_busy` error instead of mixing two runs in one file. The header is written to
 * a temporary file that is then renamed onto FILE, so that FILE is at every moment either the old file or the new
 * run with its complete header (atomic replacement with `overwrite`). A file-system failure (no space, read-only,
 * permissions) is a `file_unwritable` error naming the file; the writer stops at the first failed write.
 */
export class RunFileWriter implements RunSink {
  /** The file being written. */
  readonly path: string;
  private fd: number | null = null;
  private readonly fsync: boolean;
  private readonly overwrite: boolean;
  private headerWritten = false;
  private lock: RunFileLock | null = null;
  /** Identity and size of the file as this writer left it, to detect another writer between close and append. */
  private written: { dev: number; ino: number; size: number } | null = null;
  private failure: InfoplaneError | null = null;

  /**
   * Prepare a writer for `file` (folders are created, nothing is written until `writeHeader`).
   * @example
   * const w = new RunFileWriter('runs/a/run.ndjson', {overwrite: true});
   * w.writeHeader(header); w.append([pointRecord]); w.close();
   */
  constructor(file: string, options: RunFileWriterOptions = {}) {
    const fn = 'RunFileWriter';
    checkOptionNames(fn, options, ['overwrite', 'fsync']);
    const { overwrite = RUN_FILE_WRITER_DEFAULTS.overwrite, fsync = RUN_FILE_WRITER_DEFAULTS.fsync } = options;
    checkBoolean(fn, 'overwrite', overwrite);
    checkBoolean(fn, 'fsync', fsync);
    if (typeof file !== 'string' || file.length === 0) fail('invalid_type', { fn, param: 'file', expected: 'a file path', received: describeValue(file) });
    this.path = file;
    this.fsync = fsync;
    this.overwrite = overwrite;
  }

  writeHeader(header: RunHeader): void {
    const fn = 'RunFileWriter.writeHeader';
    if (this.headerWritten) fail('invalid_option', { fn, param: 'header', expected: 'written once (one run per file: write a new run to a new file)', received: 'a second header' });
    this.own(fn);
    let tmp: string | null = null;
    try {
      let existing: fs.Stats | undefined;
      try {
        existing = fs.statSync(this.path);
      } catch (error) {
        if (!isErrnoError(error) || (error.code !== 'ENOENT' && error.code !== 'ENOTDIR')) throw error;
        if (error.code === 'ENOTDIR') failWrite(fn, 'file', this.path, error);
      }
      if (existing?.isDirectory()) failWrite(fn, 'file', this.path, Object.assign(new Error('EISDIR'), { code: 'EISDIR', syscall: 'open' }));
      if (existing && existing.size > 0 && !this.overwrite) {
        fail('invalid_option', {
          fn,
          param: 'file',
          expected: 'a new or empty file (pass overwrite: true to replace it)',
          received: `${JSON.stringify(this.path)}, which already holds ${existing.size} bytes`,
        });
      }
      const dir = path.dirname(path.resolve(this.path));
      tmp = path.join(dir, `.${path.basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      const tmpPath = tmp;
      this.fd = writing(fn, 'file', this.path, () => fs.openSync(tmpPath, 'wx'), 'creating it');
      this.writeLines([header]);
      writing(fn, 'file', this.path, () => fs.renameSync(tmpPath, this.path), existing ? 'replacing it' : 'creating it');
      tmp = null;
      if (this.fsync) syncFolder(dir);
      const st = fs.fstatSync(this.fd);
      this.written = { dev: st.dev, ino: st.ino, size: st.size };
      this.headerWritten = true;
    } catch (error) {
      if (this.fd !== null) fs.closeSync(this.fd);
      this.fd = null;
      if (tmp) fs.rmSync(tmp, { force: true });
      this.disown();
      throw error;
    }
  }

  append(records: readonly RunRecord[]): void {
    const fn = 'RunFileWriter.append';
    if (!this.headerWritten) fail('invalid_option', { fn, param: 'header', expected: 'written before records', received: 'no header yet' });
    if (this.failure) throw this.failure;
    if (records.length === 0) return;
    if (this.fd === null) this.reopen(fn);
    this.writeLines(records);
  }

  /** Close the file and give up ownership. A later `append` takes it again, if the file is as this writer left it. */
  close(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    this.disown();
  }

  private own(fn: string): void {
    const key = path.resolve(this.path);
    if (activeWriters.has(key)) {
      fail('file_busy', {
        fn,
        param: 'file',
        expected: 'a run file that no other writer is writing (one writer per run file)',
        received: `${JSON.stringify(this.path)}, being written by another writer of this process`,
        detail: 'close the other writer (or its callback/recorder) first, or write to another file',
      });
    }
    this.lock = lockRunFile(this.path, fn, 'file');
    activeWriters.add(key);
  }

  private disown(): void {
    if (!this.lock) return;
    activeWriters.delete(path.resolve(this.path));
    this.lock.release();
    this.lock = null;
  }

  private reopen(fn: string): void {
    this.own(fn);
    const w = this.written as { dev: number; ino: number; size: number };
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(this.path);
    } catch {
      st = undefined;
    }
    if (!st || st.dev !== w.dev || st.ino !== w.ino || st.size !== w.size) {
      this.disown();
      fail('file_busy', {
        fn,
        param: 'file',
        expected: 'the run file as this writer left it when it was closed',
        received: `${JSON.stringify(this.path)}, ${!st ? 'which is gone' : st.ino !== w.ino || st.dev !== w.dev ? 'replaced by another file' : `changed from ${w.size} to ${st.size} bytes`}`,
        detail: 'another writer used it meanwhile; these records were not written: write them to a new file',
      });
    }
    try {
      this.fd = writing(fn, 'file', this.path, () => fs.openSync(this.path, 'a'), 'opening it');
    } catch (error) {
      this.disown();
      throw error;
    }
  }

  private writeLines(values: readonly unknown[]): void {
    const fd = this.fd as number;
    const text = values.map((v) => `${JSON.stringify(v, finiteReplacer)}\n`).join('');
    const buffer = Buffer.from(text, 'utf8');
    try {
      let offset = 0;
      while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
      if (this.fsync) fs.fsyncSync(fd);
    } catch (error) {
      if (!isErrnoError(error)) throw error;
      try {
        failWrite('RunFileWriter', 'file', this.path, error, 'writing the run (every earlier record is kept; nothing more is written)');
      } catch (e) {
        if (this.headerWritten) this.failure = e as InfoplaneError;
        throw e;
      }
    }
    if (this.written) this.written.size += buffer.length;
  }
}

/** fsync a folder so that a rename in it survives a power loss (best effort: not every platform allows it). */
function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not supported here (Windows): the rename is still atomic
  }
}

// one serializer for run files on disk and NDJSON made in a page (./ndjson.ts)
export { finiteReplacer };
