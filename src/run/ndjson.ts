/**
 * Run records as NDJSON text, the run-file format, without a file system: what `RunFileWriter` writes line by
 * line, and what a page offers for download (`runToNdjson`, `NdjsonRunSink`). `parseRun` reads it back.
 */
import { RunSink } from './sink';
import { Run, RunHeader, RunRecord } from './types';

/** JSON has no NaN or Infinity: write them as strings so that nothing is silently turned into null. */
export function finiteReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/** One record as one NDJSON line (with its newline), as run files hold it. */
export function ndjsonLine(record: RunHeader | RunRecord): string {
  return `${JSON.stringify(record, finiteReplacer)}\n`;
}

/**
 * A whole run as the text of a run file: the header, then each recorded epoch's point records followed by its
 * epoch record (the order the recorder writes them).
 * @example
 * parseRun(runToNdjson(recorder.run!)).points.length === recorder.run!.points.length; // => true
 */
export function runToNdjson(run: Run): string {
  const lines = [ndjsonLine(run.header)];
  const pointsByEpoch = new Map<number, RunRecord[]>();
  for (const p of run.points) {
    const list = pointsByEpoch.get(p.epoch);
    if (list) list.push(p);
    else pointsByEpoch.set(p.epoch, [p]);
  }
  const written = new Set<number>();
  for (const e of run.epochs) {
    for (const p of pointsByEpoch.get(e.epoch) ?? []) lines.push(ndjsonLine(p));
    lines.push(ndjsonLine(e));
    written.add(e.epoch);
  }
  // points of an epoch without its epoch record (a run cut short) still belong to the file
  for (const [epoch, points] of pointsByEpoch) if (!written.has(epoch)) for (const p of points) lines.push(ndjsonLine(p));
  return lines.join('');
}

/**
 * A sink that hands each batch of records to `write` as NDJSON text (the header first): the run file's bytes,
 * for a page to keep, send or offer for download.
 */
export class NdjsonRunSink implements RunSink {
  constructor(private readonly write: (text: string) => void) {}

  writeHeader(header: RunHeader): void {
    this.write(ndjsonLine(header));
  }

  append(records: readonly RunRecord[]): void {
    this.write(records.map(ndjsonLine).join(''));
  }

  close(): void {
    // nothing to release
  }
}
