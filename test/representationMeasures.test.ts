/**
 * The representation measures (coding-rate, effective-rank) end to end: API -> recorder -> run file -> figures,
 * and the command line. Their values are tested against closed forms beside the code
 * (src/estimators/codingRate.test.ts, effectiveRank.test.ts); here the numbers must arrive unchanged and be
 * named for what they are (never "I(X;T)").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codingRatePoint } from '../src/estimators/codingRate';
import { effectiveRankEntropy } from '../src/estimators/effectiveRank';
import { makeRun } from '../src/plot/__tests__/makeRun';
import { informationCurvesFigure } from '../src/plot/curves';
import { infoPlaneFigure, infoPlanePanels } from '../src/plot/infoPlane';
import { createRecorder } from '../src/record/recorder';
import { layerOrderingViolations } from '../src/run/layerOrdering';
import { readRun } from '../src/run/parseRun';
import { cli, tempDir } from './helpers/cli';

type Obj = Record<string, any>;

/** 64 distinct inputs (6 bits), a 3-unit layer and a collapsed (rank-1) layer, labels from the first bit. */
function toy() {
  const x: number[][] = [];
  const wide: number[][] = [];
  const flat: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 64; i++) {
    const bits = Array.from({ length: 6 }, (_, b) => (i >> b) & 1);
    x.push(bits);
    wide.push([Math.tanh((i - 32) / 10), Math.tanh(((i * 7) % 64) / 20 - 1), bits[0] - 0.5]);
    flat.push(Array.from({ length: 12 }, (_, j) => (i / 64) * (j + 1)));
    labels.push(bits[0]);
  }
  return { x, wide, flat, labels };
}

describe('coding-rate and effective-rank through the recorder, the run file and the figures', () => {
  const { x, wide, flat, labels } = toy();
  const dir = tempDir('infoplane-representation-');
  const file = join(dir, 'run.ndjson');

  beforeAll(async () => {
    const rec = createRecorder({ inputs: x, labels, estimators: ['coding-rate', 'effective-rank', 'binning'], runFile: file });
    await rec.record(0, [{ name: 'wide', activations: wide }, { name: 'flat', activations: flat }]);
    await rec.record(1, [{ name: 'wide', activations: wide.map((r) => r.map((v) => 0.5 * v)) }, { name: 'flat', activations: flat }]);
    rec.close();
  });

  it('record(...) writes coding-rate points (R(T) in ixt and hT, ΔR in ity) and effective-rank points (S in hT)', () => {
    const run = readRun(file);
    const cr = run.points.find((p) => p.estimator === 'coding-rate' && p.layer === 'wide' && p.epoch === 0)!;
    const expected = codingRatePoint(x, wide, labels);
    expect(cr.ixt).toBe(expected.ixt);
    expect(cr.ity).toBe(expected.ity);
    expect(cr.hT).toBe(expected.ixt);
    expect(cr.params).toMatchObject({ eps: Math.SQRT1_2, epsSquared: expect.closeTo(0.5, 15), classes: 2 });
    const er = run.points.find((p) => p.estimator === 'effective-rank' && p.layer === 'flat' && p.epoch === 0)!;
    expect(er.hT).toBe(effectiveRankEntropy(flat).value);
    expect(er.ixt).toBeUndefined();
    expect(er.params?.effectiveRank).toBeCloseTo(1, 9);
    expect(er.warnings?.map((w) => w.code)).toContain('collapse');
    // the header names what the fields hold
    const entry = (name: string) => run.header.estimators.find((e) => e.name === name)!;
    expect(entry('coding-rate').quantities).toEqual({ ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)', hT: 'coding rate R(T)' });
    expect(entry('effective-rank').quantities).toEqual({ hT: 'von Neumann entropy S(T)' });
    expect(entry('binning').quantities).toBeUndefined();
  });

  it('infoPlaneFigure(run, {estimator: "coding-rate"}) titles its axes coding rate R(T) and rate reduction ΔR(T;Y), without information ceilings', () => {
    const run = readRun(file);
    const fig = infoPlaneFigure(run, { estimator: 'coding-rate' });
    expect((fig.layout.xaxis as Obj).title.text).toBe('coding rate R(T) [bits]');
    expect((fig.layout.yaxis as Obj).title.text).toBe('rate reduction ΔR(T;Y) [bits]');
    expect(fig.data[0].hovertemplate).toContain('coding rate R(T) = %{x:.4f} bits');
    expect(fig.data[0].hovertemplate).not.toContain('I(X;T)');
    expect(fig.layout.shapes).toEqual([]);
    expect((fig.layout.title as Obj).text).toMatch(/^Representation plane: coding-rate/);
    // binning in the same run keeps its information plane
    const binning = infoPlaneFigure(run, { estimator: 'binning' });
    expect((binning.layout.xaxis as Obj).title.text).toBe('I(X;T) [bits]');
    expect((binning.layout.shapes as Obj[]).length).toBeGreaterThan(0);
  });

  it('infoPlanePanels(run) titles each panel with its own measure when they differ', () => {
    const fig = infoPlanePanels(readRun(file), { estimators: ['binning', 'coding-rate'] });
    expect((fig.layout.xaxis as Obj).title.text).toBe('I(X;T) [bits]');
    expect((fig.layout.xaxis2 as Obj).title.text).toBe('coding rate R(T) [bits]');
    expect((fig.layout.yaxis2 as Obj).title.text).toBe('rate reduction ΔR(T;Y) [bits]');
  });

  it('informationCurvesFigure(run) names the von Neumann entropy of effective-rank', () => {
    const fig = informationCurvesFigure(readRun(file), { estimators: ['effective-rank'] });
    expect((fig.layout.yaxis as Obj).title.text).toBe('von Neumann entropy S(T) [bits]');
    expect(fig.data[0].hovertemplate).toContain('von Neumann entropy S(T) = ');
  });

  it('layerOrderingViolations(run) leaves out the coding rate (no data-processing inequality), and figures add no note for it', () => {
    // R(T) growing with depth: a violation if it were I(X;T)
    const run = makeRun({ estimators: { 'coding-rate': (layer) => ({ ixt: 1 + layer, ity: 0.2 }) } });
    expect(layerOrderingViolations(run).map((v) => v.estimator)).toEqual(['coding-rate', 'coding-rate']);
    run.header.estimators[0].quantities = { ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)' };
    expect(layerOrderingViolations(run)).toEqual([]);
    expect(infoPlaneFigure(run).layout.annotations).toEqual([]);
  });

  it('infoplane plot RUN --estimator coding-rate writes a figure with the coding-rate axis titles', async () => {
    const out = join(dir, 'figure.json');
    const r = await cli('plot', file, '--estimator', 'coding-rate', '--out', out);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const fig = JSON.parse(readFileSync(out, 'utf8'));
    expect(fig.layout.xaxis.title.text).toBe('coding rate R(T) [bits]');
    expect(fig.layout.yaxis.title.text).toBe('rate reduction ΔR(T;Y) [bits]');
  });
});

describe('the command line', () => {
  const dir = tempDir('infoplane-representation-cli-');
  const { x, wide, flat, labels } = toy();
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  const files = { x: write('x.json', x), t: write('t.json', wide), y: write('y.json', labels), flat: write('flat.json', flat) };

  it('infoplane entropy T --estimator effective-rank reports S, the effective rank and the collapse warning', async () => {
    const r = await cli('entropy', files.flat, '--estimator', 'effective-rank', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.value).toBe(effectiveRankEntropy(flat).value);
    expect(out.params.effectiveRank).toBeCloseTo(1, 9);
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain('collapse');
  });

  it('infoplane point --estimator coding-rate --eps E gives the API pair, and mi gives ΔR', async () => {
    const r = await cli('point', '--input', files.x, '--activations', files.t, '--labels', files.y, '--estimator', 'coding-rate', '--eps', '0.25', '--json');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const out = JSON.parse(r.stdout);
    const expected = codingRatePoint(x, wide, labels, { eps: 0.25 });
    expect([out.ixt, out.ity]).toEqual([expected.ixt, expected.ity]);
    expect(out.params.epsSquared).toBeCloseTo(0.0625, 15);
    const mi = await cli('mi', files.t, files.y, '--labels', '--estimator', 'coding-rate', '--eps', '0.25', '--json');
    expect(JSON.parse(mi.stdout).value).toBe(expected.ity);
  });

  it('infoplane point|mi|entropy --estimator coding-rate|effective-rank name their quantities in text output, never I(X;T)', async () => {
    const { t, y } = files;
    const point = await cli('point', '--input', files.x, '--activations', t, '--labels', y, '--estimator', 'coding-rate');
    expect(point.stdout).toMatch(/^coding rate R\(T\) = .* bits\nrate reduction ΔR\(T;Y\) = .* bits\n/);
    expect(point.stdout).not.toContain('I(X;T)');
    expect((await cli('mi', t, y, '--labels', '--estimator', 'coding-rate')).stdout).toMatch(/^rate reduction ΔR\(T;Y\) = /);
    expect((await cli('entropy', t, '--estimator', 'coding-rate')).stdout).toMatch(/^coding rate R\(T\) = /);
    expect((await cli('entropy', t, '--estimator', 'effective-rank')).stdout).toMatch(/^von Neumann entropy S\(T\) = .*\n.*effectiveRank=/);
  });
});
