/**
 * Where a recorder sends its run: a `RunSink` takes the header once, then batches of records. Two sinks ship:
 * `RunFileWriter` (append-only NDJSON on disk, flushed per batch) and `MemoryRunSink` (a `Run` in memory).
 */
import { fail } from '../core/errors';
import { Run, RunHeader, RunRecord } from './types';

export interface RunSink {
  /** Write the header; called once, before any record. */
  writeHeader(header: RunHeader): void;
  /** Append records (one recorded epoch); must have them durable (or kept) when it returns. */
  append(records: readonly RunRecord[]): void;
  /** Release resources (close the file); a later `append` may reopen them. */
  close(): void;
}

/** Keeps the run in memory: `sink.run` is a `Run` as `parseRun` would return it. */
export class MemoryRunSink implements RunSink {
  private header?: RunHeader;
  private readonly records: RunRecord[] = [];

  writeHeader(header: RunHeader): void {
    if (this.header) fail('invalid_option', { fn: 'MemoryRunSink.writeHeader', param: 'header', expected: 'written once (one run per sink)', received: 'a second header' });
    this.header = header;
  }

  append(records: readonly RunRecord[]): void {
    this.records.push(...records);
  }

  close(): void {
    // nothing to release
  }

  /** The run so far, or undefined before the header is written. */
  get run(): Run | undefined {
    if (!this.header) return undefined;
    return {
      header: this.header,
      points: this.records.filter((r): r is Extract<RunRecord, { type: 'point' }> => r.type === 'point'),
      epochs: this.records.filter((r): r is Extract<RunRecord, { type: 'epoch' }> => r.type === 'epoch'),
    };
  }
}

/** Sends every call to each of `sinks` in turn. */
export class TeeRunSink implements RunSink {
  constructor(private readonly sinks: readonly RunSink[]) {}

  writeHeader(header: RunHeader): void {
    for (const s of this.sinks) s.writeHeader(header);
  }

  append(records: readonly RunRecord[]): void {
    for (const s of this.sinks) s.append(records);
  }

  close(): void {
    for (const s of this.sinks) s.close();
  }
}
