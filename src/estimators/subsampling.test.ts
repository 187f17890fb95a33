import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { Samples, selectRows } from '../core/samples';
import { selectLabels, subsampleRows } from '../core/subsample';
import { cli, tempDir } from '../../test/helpers/cli';
import { thrownError } from '../../test/helpers/errors';
import { kde, kdeEntropy } from './kde';
import { ksgMutualInformation } from './ksg';
import { estimatorSpec, ESTIMATORS } from './registry';

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

describe('registerSubsampled (maxSamples of every registered estimator)', () => {
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
