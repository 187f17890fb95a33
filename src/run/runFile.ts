/**
 * Append-only NDJSON run files. Each call to `append` writes its lines with one `fs.writeSync` on a file
 * descriptor opened with flag 'a' and then `fs.fsyncSync`s it, so a recorded epoch is on disk before training
 * goes on: a process killed at any moment leaves every completed epoch readable (at worst a partial last line,
 * which `parseRun` reports in `run.truncated`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeValue, fail } from '../core/errors';
import { checkBoolean, checkOptionNames } from '../core/validate';
import { RunSink } from './sink';
import { RunHeader, RunRecord } from './types';

export interface RunFileWriterOptions {
  /** Replace an existing non-empty file. When false, such a file is an error (a run is never appended to another). Defaults to false. */
  overwrite?: boolean;
  /** Call `fs.fsyncSync` after every append (durable against power loss, not only against a killed process). Defaults to true. */
  fsync?: boolean;
}

export const RUN_FILE_WRITER_DEFAULTS = { overwrite: false, fsync: true } as const;

/** Writes a run file: `writeHeader` once, then `append` per recorded epoch. */
export class RunFileWriter implements RunSink {
  /** The file being written. */
  readonly path: string;
  private fd: number | null = null;
  private readonly fsync: boolean;
  private readonly overwrite: boolean;
  private headerWritten = false;

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
    if (this.headerWritten) fail('invalid_option', { fn, param: 'header', expected: 'written once', received: 'a second header' });
    fs.mkdirSync(path.dirname(path.resolve(this.path)), { recursive: true });
    let size = 0;
    try {
      size = fs.statSync(this.path).size;
    } catch {
      size = 0;
    }
    if (size > 0) {
      if (!this.overwrite) {
        fail('invalid_option', {
          fn,
          param: 'file',
          expected: 'a new or empty file (pass overwrite: true to replace it)',
          received: `${JSON.stringify(this.path)}, which already holds ${size} bytes`,
        });
      }
      fs.unlinkSync(this.path);
    }
    this.fd = fs.openSync(this.path, 'a');
    this.headerWritten = true;
    this.writeLines([header]);
  }

  append(records: readonly RunRecord[]): void {
    if (!this.headerWritten) fail('invalid_option', { fn: 'RunFileWriter.append', param: 'header', expected: 'written before records', received: 'no header yet' });
    if (records.length) this.writeLines(records);
  }

  /** Close the file descriptor. A later `append` reopens the file (flag 'a') and goes on appending. */
  close(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }

  private writeLines(values: readonly unknown[]): void {
    if (this.fd === null) this.fd = fs.openSync(this.path, 'a');
    const text = values.map((v) => `${JSON.stringify(v, finiteReplacer)}\n`).join('');
    const buffer = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(this.fd, buffer, offset, buffer.length - offset);
    if (this.fsync) fs.fsyncSync(this.fd);
  }
}

/** JSON has no NaN or Infinity: write them as strings so that nothing is silently turned into null. */
export function finiteReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
