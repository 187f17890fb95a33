/**
 * Reading run files back: `parseRun(text)` and `readRun(path)`. The header must be valid (anything else is an
 * error: the file is not a run). A partial last line, what a killed writer leaves, is dropped and reported in
 * `run.truncated`; a malformed line anywhere else is an error naming its line number.
 */
import * as fs from 'fs';
import { describeValue, fail } from '../core/errors';
import { Run, RUN_FORMAT, RUN_FORMAT_VERSION, RunEpochRecord, RunHeader, RunPointRecord } from './types';

const NUMERIC_POINT_FIELDS = ['ixt', 'ity', 'hT'] as const;

/**
 * Parse the text of a run file (NDJSON: a header line, then point and epoch records).
 *
 * Cost: O(size of the text).
 *
 * @param text The whole file.
 * @param source The file the text comes from, named in error messages. Defaults to undefined (errors name `text`).
 * @returns The header, the point records and epoch records in file order, and `truncated` when the text ended
 *   in a partial line.
 * @throws InfoplaneError (`file_malformed`) for a missing or invalid header, or a malformed line that is not the last.
 * @example
 * const run = parseRun(fs.readFileSync('runs/demo/run.ndjson', 'utf8'));
 * run.points.filter((p) => p.estimator === 'binning').length; // => epochs x layers
 */
export function parseRun(text: string, source?: string): Run {
  const fn = 'parseRun';
  const where: Where = { param: source === undefined ? 'text' : 'file', detail: source === undefined ? undefined : `in ${source}` };
  if (typeof text !== 'string') fail('invalid_type', { fn, param: 'text', expected: 'a string', received: describeValue(text) });
  const lines = text.split('\n');
  const endsComplete = lines[lines.length - 1] === '';
  if (endsComplete) lines.pop();
  if (lines.length === 0 || lines[0].trim() === '') {
    fail('file_malformed', { fn, ...where, expected: 'a run file starting with an infoplane-run header line', received: 'an empty file' });
  }
  const header = parseHeader(lines[0], fn, where, !endsComplete && lines.length === 1);
  const run: Run = { header, points: [], epochs: [] };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const isLast = i === lines.length - 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isLast && !endsComplete) {
        run.truncated = { line: i + 1, text: line };
        break;
      }
      fail('file_malformed', { fn, ...where, expected: 'one JSON object per line', received: `line ${i + 1}: ${preview(line)}` });
    }
    if (typeof value !== 'object' || value === null) {
      fail('file_malformed', { fn, ...where, expected: 'one JSON object per line', received: `line ${i + 1}: ${preview(line)}` });
    }
    const record = value as { type?: unknown };
    if (record.type === 'point') {
      const p = record as RunPointRecord;
      for (const f of NUMERIC_POINT_FIELDS) if (typeof p[f] === 'string') p[f] = Number(p[f]);
      run.points.push(p);
    } else if (record.type === 'epoch') {
      const e = record as RunEpochRecord;
      if (e.logs) for (const k of Object.keys(e.logs)) if (typeof e.logs[k] === 'string') e.logs[k] = Number(e.logs[k]);
      run.epochs.push(e);
    }
    // other record types (from later format versions) are skipped
  }
  return run;
}

interface Where {
  param: string;
  detail?: string;
}

function parseHeader(line: string, fn: string, where: Where, partial: boolean): RunHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    fail('file_malformed', {
      fn,
      ...where,
      expected: 'a run file starting with an infoplane-run header line',
      received: `${partial ? 'a partial first line' : 'a first line that is not JSON'}: ${preview(line)}`,
    });
  }
  const h = value as Partial<RunHeader> | null;
  if (typeof h !== 'object' || h === null || h.type !== 'header' || h.format !== RUN_FORMAT) {
    fail('file_malformed', { fn, ...where, expected: `a first line with type "header" and format "${RUN_FORMAT}"`, received: preview(line) });
  }
  if (typeof h.version !== 'number' || h.version > RUN_FORMAT_VERSION) {
    fail('unsupported_format', {
      fn,
      ...where,
      expected: `a run file of format version ${RUN_FORMAT_VERSION} or less`,
      received: `version ${describeValue(h.version)} (a newer infoplane wrote it)`,
    });
  }
  if (!Array.isArray(h.estimators) || (h.units !== 'bits' && h.units !== 'nats')) {
    fail('file_malformed', { fn, ...where, expected: 'a header with estimators and units', received: preview(line) });
  }
  return h as RunHeader;
}

function preview(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
}

/**
 * Read and parse a run file (see `parseRun`).
 * @throws InfoplaneError (`file_unreadable`) when the file cannot be read.
 * @example
 * const run = readRun('runs/demo/run.ndjson');
 * if (run.truncated) console.log(`line ${run.truncated.line} was cut short`);
 */
export function readRun(file: string): Run {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    fail('file_unreadable', {
      fn: 'readRun',
      param: 'file',
      expected: 'a readable run file',
      received: JSON.stringify(file),
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  return parseRun(text, file);
}
