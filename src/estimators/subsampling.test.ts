import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { Samples, selectRows } from '../core/samples';
import { selectLabels, subsampleRows } from '../core/subsample';
import { cli, tempDir } from '../../test/helpers/cli';
import { thrownError } from '../../test/helpers/errors';
import { Labels } from '../core/labels';
import { adaptiveBinning, adaptiveBinningEdges, adaptiveBinningEntropy, adaptiveBinningMutualInformation } from './adaptiveBinning';
import { adaptiveKde, adaptiveKdeMutualInformation } from './adaptiveKde';
import { binning, binningEntropy, binningMutualInformation, binningSymbols } from './binning';
import { csNormalizedPoint, csPoint, csQmi, csQmiNormalized } from './cauchySchwarz';
import { codingRate, codingRatePoint, rateReduction } from './codingRate';
import { compressedEntropy, compressedMutualInformation, compressedPoint } from './compressed';
import { effectiveRankEntropy } from './effectiveRank';
import { kde, kdeEntropy, kdeMutualInformation, KdeOptions } from './kde';
import { kozachenkoLeonenko, ksg, ksgMixed, ksgMutualInformation, ksgPoint } from './ksg';
import { estimatorSpec, ESTIMATORS } from './registry';
import { renyiEntropy, renyiMutualInformation, renyiPoint } from './renyi';
import { SUBSAMPLING_PARAMS } from './specs/subsampling';
import { Estimate, PlanePoint } from './types';

const N = 120;

function data(): { x: Samples; t: Samples; y: Samples; raw: number[] } {
  const random = randomSource(5);
  const x = new Float64Array(N * 4);
  const t = new Float64Array(N * 2);
  const y = new Float64Array(N);
  const raw: number[] = [];
  for (let i = 0; i < N; i++) {
    raw.push(i % 3 === 0 ? 1 : 0);
    for (let c = 0; c < 4; c++) x[i * 4 + c] = random.normal();
    for (let c = 0; c < 2; c++) t[i * 2 + c] = Math.tanh(x[i * 4 + c] + raw[i]);
    y[i] = x[i * 4] + 0.1 * random.normal();
  }
  return { x: { data: x, n: N, d: 4 }, t: { data: t, n: N, d: 2 }, y: { data: y, n: N, d: 1 }, raw };
}

describe('maxSamples through the registry (the CLI, recorder and sweep path)', () => {
  const d = data();
  const labels = toLabels(d.raw);

  it('every registered estimator declares maxSamples and seed', () => {
    for (const e of ESTIMATORS) expect({ name: e.name, params: ['maxSamples', 'seed'].every((p) => p in e.params) }).toEqual({ name: e.name, params: true });
  });

  it("estimatorSpec('kde').point with maxSamples equals kde on the stratified seeded rows, and reports them", () => {
    const r = estimatorSpec('kde').point!(d.x, d.t, d.raw, { maxSamples: 40, seed: 3 });
    const rows = subsampleRows(N, 40, 3, labels)!;
    const direct = kde(selectRows(d.x, rows), selectRows(d.t, rows), selectLabels(labels, rows));
    expect(r.ixt).toBe(direct.ixt);
    expect(r.ity).toBe(direct.ity);
    expect(r.params).toMatchObject({ maxSamples: 40, seed: 3, rowsGiven: N, rowsUsed: 40, stratified: true });
    // the class shares are kept: 1/3 of the rows are class 1
    expect(Array.from(selectLabels(labels, rows).counts)).toEqual([27, 13]);
  });

  it('estimatorSpec(...).mi with maxSamples: stratified with labels, uniform with a continuous b; entropy uniform', () => {
    const ksg = estimatorSpec('ksg');
    const withLabels = ksg.mi!(d.t, labels, { maxSamples: 60 });
    const rows = subsampleRows(N, 60, 0, labels)!;
    expect(withLabels.value).toBe(ksgMutualInformation(selectRows(d.t, rows), selectLabels(labels, rows)).value);
    expect(withLabels.params).toMatchObject({ rowsUsed: 60, stratified: true, seed: 0 });
    const continuous = ksg.mi!(d.t, d.y, { maxSamples: 60, seed: 1 });
    const rows2 = subsampleRows(N, 60, 1)!;
    expect(continuous.value).toBe(ksgMutualInformation(selectRows(d.t, rows2), selectRows(d.y, rows2)).value);
    expect(continuous.params).toMatchObject({ rowsUsed: 60, stratified: false });
    const h = estimatorSpec('kde').entropy!(d.t, { maxSamples: 50, seed: 2 });
    expect(h.value).toBe(kdeEntropy(selectRows(d.t, subsampleRows(N, 50, 2)!)).value);
  });

  it('maxSamples above n keeps every row; without maxSamples nothing is added to params', () => {
    const all = estimatorSpec('binning').point!(d.x, d.t, d.raw, { maxSamples: 1000 });
    expect(all.params).toMatchObject({ rowsGiven: N, rowsUsed: N });
    const plain = estimatorSpec('binning').point!(d.x, d.t, d.raw);
    expect('maxSamples' in plain.params || 'seed' in plain.params).toBe(false);
  });

  it('a bad maxSamples is refused naming it', () => {
    const e = thrownError(() => estimatorSpec('kde').point!(d.x, d.t, d.raw, { maxSamples: 1 }));
    expect(e.param).toBe('maxSamples');
    expect(e.code).toBe('out_of_range');
  });

  it('infoplane point --estimator kde --max-samples 30 --json reports the rows used', async () => {
    const dir = tempDir('infoplane-subsample-');
    const file = (name: string, s: Samples) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(Array.from({ length: s.n }, (_, i) => Array.from(s.data.subarray(i * s.d, (i + 1) * s.d)))));
      return path;
    };
    const labelsFile = join(dir, 'labels.json');
    writeFileSync(labelsFile, JSON.stringify(d.raw));
    const r = await cli('point', '--input', file('x.json', d.x), '--activations', file('t.json', d.t), '--labels', labelsFile, '--estimator', 'kde', '--max-samples', '30', '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).params).toMatchObject({ maxSamples: 30, rowsUsed: 30, rowsGiven: N, stratified: true });
  });
});

/** The options of a subsampled call. */
type Sub = { maxSamples?: number; seed?: number };

// every public estimator function of the subsampled families, by operation (the registry binds some of them)
const POINTS: Array<(x: Samples, t: Samples, labels: Labels, o?: Sub) => PlanePoint> = [
  binning,
  adaptiveBinning,
  kde,
  adaptiveKde,
  csPoint,
  csNormalizedPoint,
  renyiPoint,
  ksgPoint,
  compressedPoint,
  codingRatePoint,
];
const MI_LABELS: Array<(a: Samples, b: Labels, o?: Sub) => Estimate> = [
  binningMutualInformation,
  adaptiveBinningMutualInformation,
  kdeMutualInformation,
  adaptiveKdeMutualInformation,
  csQmi,
  csQmiNormalized,
  renyiMutualInformation,
  ksgMutualInformation,
  ksgMixed,
  compressedMutualInformation,
  rateReduction,
];
const MI_CONTINUOUS: Array<(a: Samples, b: Samples, o?: Sub) => Estimate> = [
  binningMutualInformation,
  adaptiveBinningMutualInformation,
  csQmi,
  csQmiNormalized,
  renyiMutualInformation,
  ksgMutualInformation,
  ksg,
  compressedMutualInformation,
];
const ENTROPIES: Array<(a: Samples, o?: Sub) => Estimate> = [
  binningEntropy,
  adaptiveBinningEntropy,
  kdeEntropy,
  renyiEntropy,
  kozachenkoLeonenko,
  compressedEntropy,
  codingRate,
  effectiveRankEntropy,
];

/** The numbers of a result. */
function numbers(r: PlanePoint | Estimate): number[] {
  return 'value' in r ? [r.value] : [r.ixt, r.ity];
}

describe('maxSamples of direct calls: every public estimator function subsamples itself', () => {
  const d = data();
  const labels = toLabels(d.raw);
  const sel = (s: Samples, rows: Int32Array) => selectRows(s, rows);

  it('the lists cover every operation of every registered family with the shared maxSamples', () => {
    const listed: Record<string, readonly unknown[]> = { point: POINTS, mi: [...MI_LABELS, ...MI_CONTINUOUS], entropy: ENTROPIES };
    for (const e of ESTIMATORS) {
      if (e.params.maxSamples !== SUBSAMPLING_PARAMS.maxSamples) continue;
      for (const op of ['point', 'mi', 'entropy'] as const) {
        if (e[op]) expect({ family: e.name, op, listed: listed[op].includes(e[op]) }).toEqual({ family: e.name, op, listed: true });
      }
    }
    // the options types include them: this compiles
    const options: KdeOptions = { maxSamples: 10, seed: 1 };
    expect(options.maxSamples).toBe(10);
  });

  it.each(POINTS.map((f) => [f.name, f] as const))('%s(x, t, labels, {maxSamples: 40, seed: 3}) equals the call on the stratified rows, and reports them', (_, f) => {
    const r = f(d.x, d.t, labels, { maxSamples: 40, seed: 3 });
    const rows = subsampleRows(N, 40, 3, labels)!;
    expect(numbers(r)).toEqual(numbers(f(sel(d.x, rows), sel(d.t, rows), selectLabels(labels, rows), { seed: 3 })));
    expect(r.params).toMatchObject({ maxSamples: 40, seed: 3, rowsGiven: N, rowsUsed: 40, stratified: true });
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'subsampled', samplesUsed: 40, samplesGiven: N, maxSamples: 40 }));
  });

  it.each(MI_LABELS.map((f) => [f.name, f] as const))('%s(t, labels, {maxSamples: 50}) equals the call on the stratified rows (seed 0)', (_, f) => {
    const r = f(d.t, labels, { maxSamples: 50 });
    const rows = subsampleRows(N, 50, 0, labels)!;
    expect(numbers(r)).toEqual(numbers(f(sel(d.t, rows), selectLabels(labels, rows))));
    expect(r.params).toMatchObject({ maxSamples: 50, seed: 0, rowsGiven: N, rowsUsed: 50, stratified: true });
  });

  it.each(MI_CONTINUOUS.map((f) => [f.name, f] as const))('%s(t, y, {maxSamples: 50, seed: 1}) equals the call on uniformly drawn rows', (_, f) => {
    const r = f(d.t, d.y, { maxSamples: 50, seed: 1 });
    const rows = subsampleRows(N, 50, 1)!;
    expect(numbers(r)).toEqual(numbers(f(sel(d.t, rows), sel(d.y, rows), { seed: 1 })));
    expect(r.params).toMatchObject({ maxSamples: 50, seed: 1, rowsGiven: N, rowsUsed: 50, stratified: false });
  });

  it.each(ENTROPIES.map((f) => [f.name, f] as const))('%s(t, {maxSamples: 50, seed: 2}) equals the call on uniformly drawn rows', (_, f) => {
    const r = f(d.t, { maxSamples: 50, seed: 2 });
    const rows = subsampleRows(N, 50, 2)!;
    expect(numbers(r)).toEqual(numbers(f(sel(d.t, rows), { seed: 2 })));
    expect(r.params).toMatchObject({ maxSamples: 50, seed: 2, rowsGiven: N, rowsUsed: 50, stratified: false });
  });

  it('kdeMutualInformation, adaptiveKdeMutualInformation, ksgMixed and rateReduction stratify plain label arrays too (their target is labels)', () => {
    const rows = subsampleRows(N, 45, 4, labels)!;
    for (const f of [kdeMutualInformation, adaptiveKdeMutualInformation, ksgMixed, rateReduction]) {
      const r = f(d.t, d.raw, { maxSamples: 45, seed: 4 });
      expect({ f: f.name, v: r.value, stratified: r.params.stratified }).toEqual({ f: f.name, v: f(sel(d.t, rows), selectLabels(labels, rows)).value, stratified: true });
    }
    // a plain array is a continuous target where either is accepted: drawn uniformly
    expect(ksgMutualInformation(d.t, d.raw, { maxSamples: 45 }).params.stratified).toBe(false);
  });

  it('kde(x, t, labels, {maxSamples: 1000}) keeps every row (maxSamples >= n): the same result, the rows reported, no warning added', () => {
    for (const f of POINTS) {
      const all = f(d.x, d.t, labels, { maxSamples: 1000 });
      const plain = f(d.x, d.t, labels);
      expect({ f: f.name, v: numbers(all), warnings: all.warnings }).toEqual({ f: f.name, v: numbers(plain), warnings: plain.warnings });
      expect(all.params).toEqual({ ...plain.params, maxSamples: 1000, seed: 0, rowsGiven: N, rowsUsed: N, stratified: true });
    }
    const h = kdeEntropy(d.t, { maxSamples: N });
    expect(h.value).toBe(kdeEntropy(d.t).value);
    expect(h.params).toMatchObject({ maxSamples: N, rowsGiven: N, rowsUsed: N, stratified: false });
  });

  it('without maxSamples nothing is added: kde(x, t, labels, {seed: 5}) reports no subset', () => {
    for (const f of POINTS) {
      const r = f(d.x, d.t, labels, { seed: 5 });
      const keys = ['maxSamples', 'rowsGiven', 'rowsUsed', 'stratified'].filter((k) => k in r.params);
      expect({ f: f.name, keys }).toEqual({ f: f.name, keys: [] });
    }
  });

  it('kde(..., {maxSamples: 1}) and other bad values are one-line errors naming the parameter, the range and the value', () => {
    const calls: Array<[string, (o: Record<string, unknown>) => unknown]> = [
      ...POINTS.map((f) => [f.name, (o: Record<string, unknown>) => f(d.x, d.t, labels, o)] as [string, (o: Record<string, unknown>) => unknown]),
      ...MI_LABELS.map((f) => [f.name, (o: Record<string, unknown>) => f(d.t, labels, o)] as [string, (o: Record<string, unknown>) => unknown]),
      ...ENTROPIES.map((f) => [f.name, (o: Record<string, unknown>) => f(d.t, o)] as [string, (o: Record<string, unknown>) => unknown]),
    ];
    for (const [name, call] of calls) {
      for (const [options, param, message] of [
        [{ maxSamples: 1 }, 'maxSamples', /maxSamples.*>= 2.*got 1\b/],
        [{ maxSamples: 2.5 }, 'maxSamples', /maxSamples.*integer.*got 2\.5/],
        [{ maxSamples: '40' }, 'maxSamples', /maxSamples/],
        [{ maxSamples: 40, seed: -1 }, 'seed', /seed.*got -1/],
        [{ maxSamples: 40, noSuchOption: 1 }, 'options', /noSuchOption/],
      ] as const) {
        const e = thrownError(() => call(options));
        expect({ name, param: e.param, oneLine: !e.message.includes('\n'), names: e.message.includes(name) }).toEqual({ name, param, oneLine: true, names: true });
        expect(e.message).toMatch(message);
      }
    }
  });

  it('binningSymbols and adaptiveBinningEdges map every row: maxSamples and seed are refused, not ignored', () => {
    for (const call of [() => binningSymbols(d.t, { maxSamples: 10 } as object), () => adaptiveBinningEdges(d.t, { seed: 1 } as object)]) {
      const e = thrownError(call);
      expect({ code: e.code, param: e.param }).toEqual({ code: 'invalid_option', param: 'options' });
    }
    expect(binningSymbols(d.t, { bins: 5, units: 'nats' }).length).toBe(N * 2);
  });

  it('kde(x, t, labels, {maxSamples}) with mismatched counts is a length_mismatch naming the variable', () => {
    const short: Samples = { data: d.t.data.slice(0, 20), n: 10, d: 2 };
    expect(thrownError(() => kde(d.x, short, labels, { maxSamples: 5 })).code).toBe('length_mismatch');
    expect(thrownError(() => csQmi(d.t, { data: d.y.data.slice(0, 10), n: 10, d: 1 }, { maxSamples: 5 })).param).toBe('y');
  });
});
