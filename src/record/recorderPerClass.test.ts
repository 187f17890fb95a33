import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { binning } from '../estimators/binning';
import { kde } from '../estimators/kde';
import { parseRun, readRun } from '../run/parseRun';
import { createRecorder } from './recorder';

/** 48 distinct inputs, a 2-unit tanh layer, three classes. */
function toy(n = 48) {
  const x = Array.from({ length: n }, (_, i) => [i]);
  const t = x.map(([i]) => [Math.tanh((i - n / 2) / 10), Math.tanh(((i * 7) % n) / 20 - 1)]);
  const labels = x.map(([i]) => i % 3);
  return { x, t, labels };
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-perclass-')), 'run.ndjson');
}

describe('createRecorder({perClass})', () => {
  it('createRecorder({perClass: true}) writes each point\'s per-class terms, equal to the estimators\', through the run file', async () => {
    const { x, t, labels } = toy();
    const file = tempFile();
    const rec = createRecorder({ inputs: x, labels, estimators: ['binning', 'kde', 'dse'], perClass: true, runFile: file });
    const points = await rec.record(2, { t });
    rec.close();
    expect(points[0].perClass).toEqual(binning(x, t, labels).perClass);
    expect(points[1].perClass).toEqual(kde(x, t, labels).perClass);
    expect(points[2].perClass).toBeUndefined(); // an entropy-only estimator has no classes
    const back = readRun(file);
    expect(back.points[0].perClass).toEqual(points[0].perClass);
    expect(back.points[1].perClass).toEqual(points[1].perClass);
    const sum = back.points[0].perClass!.reduce((a, c) => a + c.ityTerm, 0);
    expect(Math.abs(sum - back.points[0].ity!)).toBeLessThan(1e-12);
  });

  it('createRecorder({units: "nats", perClass: true}) converts the terms to the run\'s units; without perClass none are written', async () => {
    const { x, t, labels } = toy();
    const nats = createRecorder({ inputs: x, labels, estimators: ['binning'], units: 'nats', perClass: true });
    const [p] = await nats.record(0, { t });
    const direct = binning(x, t, labels, { units: 'nats' }).perClass!;
    p.perClass!.forEach((c, k) => {
      expect(c.label).toBe(direct[k].label);
      expect(Math.abs(c.hTgivenY - direct[k].hTgivenY)).toBeLessThan(1e-12);
      expect(Math.abs(c.ityTerm - direct[k].ityTerm)).toBeLessThan(1e-12);
    });
    const plain = createRecorder({ inputs: x, labels, estimators: ['binning'] });
    const [q] = await plain.record(0, { t });
    expect('perClass' in q).toBe(false);
    expect(() => createRecorder({ inputs: x, labels, perClass: 'yes' as unknown as boolean })).toThrow(/perClass must be true or false; got "yes"/);
  });
});

describe('parseRun: perClass', () => {
  const header = JSON.stringify({ type: 'header', format: 'infoplane-run', version: 1, runId: 'r', created: '2026-01-01T00:00:00Z', model: { layers: [] }, dataset: 'd', probeSize: 4, estimators: [], units: 'bits', versions: {} });
  const point = (perClass: unknown, epoch = 0) => JSON.stringify({ type: 'point', epoch, layer: 'a', layerIndex: 0, estimator: 'binning', ity: 1, perClass });

  it('parseRun(text) reads perClass, turning the strings "NaN" and "Infinity" back into numbers', () => {
    const run = parseRun(`${header}\n${point([{ label: 2, n: 3, weight: 0.75, hTgivenY: 'NaN', ityTerm: 1, ixtGivenY: 'Infinity' }])}\n`);
    expect(run.skipped).toBeUndefined();
    const [c] = run.points[0].perClass!;
    expect(c).toMatchObject({ label: 2, n: 3, weight: 0.75, ityTerm: 1, ixtGivenY: Infinity });
    expect(Number.isNaN(c.hTgivenY)).toBe(true);
  });

  it('parseRun(text) leaves out a point whose perClass is malformed, saying why', () => {
    const bad: [unknown, string][] = [
      [{ label: 1 }, 'perClass is an object (Object), not an array'],
      [[{ label: 0.5, n: 1, weight: 1, hTgivenY: 0, ityTerm: 0 }], 'perClass[0].label is 0.5, not an integer'],
      [[{ label: 1, n: -1, weight: 1, hTgivenY: 0, ityTerm: 0 }], 'perClass[0].n is -1, not an integer >= 0'],
      [[{ label: 1, n: 1, weight: 1, hTgivenY: 0 }], 'perClass[0].ityTerm is undefined, not a number'],
      [[{ label: 1, n: 1, weight: 1, hTgivenY: 0, ityTerm: 0, hTrandom: 'x' }], 'perClass[0].hTrandom is "x", not a number'],
    ];
    const text = [header, ...bad.map(([v], k) => point(v, k))].join('\n') + '\n';
    const run = parseRun(text);
    expect(run.points).toHaveLength(0);
    expect(run.skipped!.map((s) => s.reason)).toEqual(bad.map(([, why]) => `a point whose ${why}`));
  });
});
