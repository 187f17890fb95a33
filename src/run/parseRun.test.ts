import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InfoplaneError } from '../core/errors';
import { createRunHeader } from './header';
import { parseRun, readRun } from './parseRun';
import { RunFileWriter } from './runFile';
import { RunEpochRecord, RunHeader, RunPointRecord } from './types';

function header(): RunHeader {
  return createRunHeader({
    runId: 'test-run',
    created: '2026-01-01T00:00:00.000Z',
    model: { layers: [{ name: 'h1', units: 3 }] },
    dataset: 'toy',
    probeSize: 8,
    seed: 1,
    estimators: [{ name: 'binning', params: { bins: 30 } }],
    units: 'bits',
  });
}

function point(epoch: number, ixt: number): RunPointRecord {
  return { type: 'point', epoch, layer: 'h1', layerIndex: 0, estimator: 'binning', ixt, ity: ixt / 3, params: { bins: 30 } };
}

function epochRecord(epoch: number): RunEpochRecord {
  return { type: 'epoch', epoch, logs: { loss: 1 / (epoch + 1) } };
}

function text(lines: unknown[]): string {
  return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}

function tempFile(name = 'run.ndjson'): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-run-')), name);
}

describe('parseRun', () => {
  it('parseRun(text) returns the header, points and epoch records in file order', () => {
    const run = parseRun(text([header(), point(0, 1), epochRecord(0), point(1, 2), epochRecord(1)]));
    expect(run.header.runId).toBe('test-run');
    expect(run.header.versions.infoplane).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.points.map((p) => p.ixt)).toEqual([1, 2]);
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(run.truncated).toBeUndefined();
  });

  it('parseRun(text) drops and reports a partial last line, at every cut position', () => {
    const complete = text([header(), point(0, 1), epochRecord(0), point(1, 2)]);
    const last = `${JSON.stringify(epochRecord(1))}\n`;
    for (let cut = 1; cut < last.length - 1; cut++) {
      const run = parseRun(complete + last.slice(0, cut));
      expect(run.points).toHaveLength(2);
      expect(run.epochs).toHaveLength(1);
      expect(run.truncated).toEqual({ line: 5, text: last.slice(0, cut) });
    }
    // the last line complete but for its newline is a whole record: nothing is lost
    const whole = parseRun(complete + last.slice(0, -1));
    expect(whole.epochs).toHaveLength(2);
    expect(whole.truncated).toBeUndefined();
  });

  it('parseRun(text) throws on a missing or invalid header, naming the problem', () => {
    expect(() => parseRun('')).toThrow(/parseRun: text must be a run file starting with an infoplane-run header line; got an empty file/);
    expect(() => parseRun('{"type":"head')).toThrow(/got a partial first line/);
    expect(() => parseRun('hello\n')).toThrow(/got a first line that is not JSON/);
    expect(() => parseRun('{"type":"point"}\n')).toThrow(/first line with type "header" and format "infoplane-run"/);
    expect(() => parseRun(text([{ ...header(), version: 99 }]))).toThrow(/format version 1 or less; got version 99/);
    expect(() => parseRun(text([{ ...header(), units: 'furlongs' }]))).toThrow(/a header with estimators and units/);
    try {
      parseRun('nope\n', 'runs/x.ndjson');
    } catch (e) {
      expect(e).toBeInstanceOf(InfoplaneError);
      expect((e as InfoplaneError).param).toBe('file');
      expect((e as InfoplaneError).message).toMatch(/in runs\/x\.ndjson/);
    }
  });

  it('parseRun(text) throws on a malformed line that is not the last', () => {
    const bad = `${JSON.stringify(header())}\n{"type":"point",\n${JSON.stringify(point(1, 1))}\n`;
    expect(() => parseRun(bad)).toThrow(/one JSON object per line; got line 2/);
    expect(() => parseRun(`${JSON.stringify(header())}\n42\n`)).toThrow(/got line 2: "42"/);
  });

  it('parseRun(text) skips record types it does not know and blank lines', () => {
    const run = parseRun(text([header(), { type: 'future-thing', x: 1 }, point(0, 1)]) + '\n');
    expect(run.points).toHaveLength(1);
  });

  it('RunFileWriter + readRun round-trip NaN and Infinity (written as strings, read back as numbers)', () => {
    const file = tempFile();
    const w = new RunFileWriter(file);
    w.writeHeader(header());
    w.append([{ ...point(0, NaN), ity: Infinity }, { type: 'epoch', epoch: 0, logs: { loss: -Infinity } }]);
    w.close();
    const run = readRun(file);
    expect(run.points[0].ixt).toBeNaN();
    expect(run.points[0].ity).toBe(Infinity);
    expect(run.epochs[0].logs.loss).toBe(-Infinity);
  });

  it('readRun(file) names an unreadable file', () => {
    expect(() => readRun('/nonexistent/run.ndjson')).toThrow(/readRun: file must be a readable run file; got "\/nonexistent\/run.ndjson" \(ENOENT\)/);
  });
});

describe('RunFileWriter', () => {
  it('RunFileWriter appends flushed lines, reopens after close, and never appends a run to another file', () => {
    const file = tempFile();
    const w = new RunFileWriter(file);
    w.writeHeader(header());
    w.append([point(0, 1), epochRecord(0)]);
    expect(readRun(file).points).toHaveLength(1); // on disk before close
    w.close();
    w.append([point(1, 2)]); // reopens in append mode
    w.close();
    expect(readRun(file).points.map((p) => p.epoch)).toEqual([0, 1]);
    const again = new RunFileWriter(file);
    expect(() => again.writeHeader(header())).toThrow(/RunFileWriter.writeHeader: file must be a new or empty file \(pass overwrite: true to replace it\)/);
    const replace = new RunFileWriter(file, { overwrite: true });
    replace.writeHeader(header());
    replace.close();
    expect(readRun(file).points).toHaveLength(0);
    expect(() => w.writeHeader(header())).toThrow(/written once/);
    expect(() => new RunFileWriter(file).append([])).toThrow(/header must be written before records/);
    expect(() => new RunFileWriter(file, { fsync: 'yes' as never })).toThrow(/fsync must be true or false/);
  });
});
