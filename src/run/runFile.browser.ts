/**
 * The browser twin of `runFile.ts` (same exports; the browser bundle resolves it in place of the Node one). A page
 * has no file system: a recorder or callback given a `runFile` path is refused at once with the way out (keep the
 * run in memory, pass a `sink`, or offer `runToNdjson(run)` for download), instead of failing at the first epoch.
 */
import { fail } from '../core/errors';
import type * as NodeRunFile from './runFile';
import { finiteReplacer } from './ndjson';
import { RunSink } from './sink';
import { RunHeader, RunRecord } from './types';

export type { RunFileWriterOptions } from './runFile';

export const RUN_FILE_WRITER_DEFAULTS = { overwrite: false, fsync: true } as const;

/** Refused in the browser (see the module comment). */
export class RunFileWriter implements RunSink {
  readonly path: string;

  constructor(file: string, options: NodeRunFile.RunFileWriterOptions = {}) {
    void options;
    this.path = file;
    fail('invalid_option', {
      fn: 'RunFileWriter',
      param: 'runFile',
      expected: 'no run file in a browser: keep the run in memory (recorder.run), pass a sink, or download runToNdjson(run)',
      received: JSON.stringify(file),
    });
  }

  writeHeader(header: RunHeader): void {
    void header;
  }

  append(records: readonly RunRecord[]): void {
    void records;
  }

  close(): void {}
}

export { finiteReplacer };
