import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InfoplaneError } from '../core/errors';
import { createRunHeader } from './header';
import { numericLogs } from './numericLogs';
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

  it('RunFileWriter + readRun round-trip itySets and weightSpectra (an infinite kappa and log-volume included)', () => {
    const file = tempFile();
    const w = new RunFileWriter(file);
    w.writeHeader(header());
    const spectrum = { shape: [4, 3] as [number, number], kappa: Infinity, logVolume: -Infinity, stableRank: 1.25, sMax: 2, sMin: 0, rank: 2 };
    w.append([
      { ...point(0, 1), itySets: { clean: 0.5, noisy: 0.25, __proto__x: NaN } },
      { type: 'epoch', epoch: 0, logs: { loss: 1 }, weightSpectra: { h1: spectrum, 'conv/kernel': { ...spectrum, kappa: 3, logVolume: 0.5 } } },
    ]);
    w.close();
    const run = readRun(file);
    expect(run.skipped).toBeUndefined();
    expect(run.points[0].itySets).toEqual({ clean: 0.5, noisy: 0.25, __proto__x: NaN });
    expect(run.epochs[0].weightSpectra).toEqual({ h1: spectrum, 'conv/kernel': { ...spectrum, kappa: 3, logVolume: 0.5 } });
  });

  it('parseRun(text) leaves out a point with a non-numeric itySets entry and an epoch with a malformed weight spectrum', () => {
    const spectrum = { shape: [2, 2], kappa: 1, logVolume: 0, stableRank: 2, sMax: 1, sMin: 1, rank: 2 };
    const run = parseRun(
      text([
        header(),
        { ...point(0, 1), itySets: { clean: 'high' } },
        { ...point(1, 1), itySets: [1, 2] },
        { ...epochRecord(0), weightSpectra: { h1: { ...spectrum, shape: [2] } } },
        { ...epochRecord(1), weightSpectra: { h1: { ...spectrum, kappa: undefined } } },
        { ...epochRecord(2), weightSpectra: { h1: spectrum } },
      ]) + '\n',
    );
    expect(run.points).toHaveLength(0);
    expect(run.epochs.map((e) => e.epoch)).toEqual([2]);
    expect(run.skipped?.map((s) => s.reason)).toEqual([
      'a point whose itySets["clean"] is "high", not a number',
      expect.stringMatching(/^a point whose itySets is .*, not an object of numbers$/),
      expect.stringMatching(/^an epoch record whose weightSpectra\["h1"\]\.shape is .*, not \[rows, cols\]$/),
      'an epoch record whose weightSpectra["h1"] has no kappa',
    ]);
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

describe('parseRun on hostile files', () => {
  const good = () => [header(), point(0, 1), epochRecord(0)];

  it.each([
    ['epoch as a string', { ...point(1, 2), epoch: '1' }, /point whose epoch is "1", not an integer >= 0/],
    ['negative epoch', { ...point(1, 2), epoch: -1 }, /epoch is -1/],
    ['fractional epoch', { ...point(1, 2), epoch: 1.5 }, /epoch is 1\.5/],
    ['layer as a number', { ...point(1, 2), layer: 3 }, /layer is 3, not a string/],
    ['missing estimator', { ...point(1, 2), estimator: undefined }, /estimator is undefined, not a string/],
    ['layerIndex null', { ...point(1, 2), layerIndex: null }, /layerIndex is null/],
    ['ixt as an object', { ...point(1, 2), ixt: { a: 1 } }, /ixt is an object \(Object\), not a number/],
    ['ixt as a word', { ...point(1, 2), ixt: 'lots' }, /ixt is "lots", not a number/],
    ['params as an array', { ...point(1, 2), params: [1] }, /params is an array of length 1, not an object/],
    ['epoch logs missing', { type: 'epoch', epoch: 1 }, /logs is undefined, not an object of numbers/],
    ['a log that is not a number', { type: 'epoch', epoch: 1, logs: { loss: [1] } }, /logs\["loss"\] is an array of length 1, not a number/],
    ['weight norms as a string', { type: 'epoch', epoch: 1, logs: {}, weightNorms: 'x' }, /weightNorms is "x"/],
    ['a record nested too deep', { ...point(1, 2), params: JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)) }, /nested deeper than 64 levels/],
  ])('parseRun(text) leaves out and reports a record with %s, keeping the others', (_, bad, reason) => {
    const run = parseRun(text([...good(), bad, point(2, 3)]));
    expect(run.skipped).toEqual([{ line: 4, reason: expect.stringMatching(reason) }]);
    expect(run.points.map((p) => p.epoch)).toEqual([0, 2]);
  });

  it('parseRun(text) refuses a second header: the file holds two runs', () => {
    const second = { ...header(), runId: 'other-run' };
    expect(() => parseRun(text([...good(), second, point(0, 5)]), 'runs/x.ndjson')).toThrow(
      /parseRun: file must be one header \(one run per file\); got a second header on line 4 \(run "other-run"\) \(in runs\/x\.ndjson; the file holds two runs: keep lines 1 to 3 in one file and the rest in another\)/,
    );
  });

  it('parseRun(text) keeps the first of repeated points and epoch records and reports the others', () => {
    const run = parseRun(text([header(), point(0, 1), epochRecord(0), point(1, 2), point(1, 9), epochRecord(1), epochRecord(1)]));
    expect(run.points.map((p) => p.ixt)).toEqual([1, 2]);
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(run.skipped).toEqual([
      { line: 5, reason: 'a second point of estimator "binning", layer "h1" at epoch 1 (the one on line 4 is kept)' },
      { line: 7, reason: 'a second epoch record for epoch 1 (the one on line 6 is kept)' },
    ]);
  });

  it('numericLogs(logs) and RunFileWriter keep a log named __proto__ as data, through to readRun', () => {
    const logs = numericLogs(JSON.parse('{"__proto__":0.25,"loss":1,"note":"x"}') as Record<string, unknown>);
    expect(Object.keys(logs)).toEqual(['__proto__', 'loss']);
    const file = tempFile();
    const w = new RunFileWriter(file);
    w.writeHeader(header());
    w.append([{ type: 'epoch', epoch: 0, logs }]);
    w.close();
    expect(Object.getOwnPropertyDescriptor(readRun(file).epochs[0].logs, '__proto__')?.value).toBe(0.25);
  });

  it('parseRun(text) keeps a log named __proto__ as data', () => {
    const line = `{"type":"epoch","epoch":0,"logs":{"__proto__":0.25,"loss":1}}`;
    const run = parseRun(`${JSON.stringify(header())}\n${line}\n`);
    const logs = run.epochs[0].logs;
    expect(Object.keys(logs)).toEqual(['__proto__', 'loss']);
    expect(Object.getOwnPropertyDescriptor(logs, '__proto__')?.value).toBe(0.25);
    expect(Object.getPrototypeOf(logs)).toBe(Object.prototype);
  });

  it.each([
    ['runId as a number', { runId: 5 }, /runId a string\); got runId = 5/],
    ['layers as a string', { model: { layers: 'h1' } }, /model an object with a layers array/],
    ['a layer without a name', { model: { layers: [{ units: 3 }] } }, /model\.layers\[0\]/],
    ['an estimator without params', { estimators: [{ name: 'binning' }] }, /estimators\[0\]/],
    ['probeSize as a string', { probeSize: '8' }, /probeSize an integer >= 0\); got probeSize = "8"/],
    ['a header nested too deep', { meta: JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)) }, /a header nested at most 64 levels deep/],
  ])('parseRun(text) refuses a header with %s, naming the field', (_, change, message) => {
    expect(() => parseRun(text([{ ...header(), ...change }, point(0, 1)]))).toThrow(message);
  });
});
