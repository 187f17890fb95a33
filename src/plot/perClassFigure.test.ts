import { expectInfoplaneError } from '../../test/helpers/errors';
import { createRecorder } from '../record/recorder';
import { Run } from '../run/types';
import { makeRun } from './__tests__/makeRun';
import { perClassFigure } from './perClassFigure';

type Obj = Record<string, any>;

/**
 * A layer whose class 0 spreads over 4 bins at epoch 0 and 2 bins at epoch 1 (compressed), while class 1 stays on
 * 2 bins: with fixed binning (edges -1, -0.8, ..., 1), H(T|Y=0) goes 2 -> 1 bit and H(T|Y=1) stays 1 bit.
 */
async function recordedRun(): Promise<Run> {
  const centres = [-0.9, -0.7, -0.5, -0.3, 0.1, 0.3];
  const layer = (class0Bins: number[]) => {
    const t: number[][] = [];
    for (let i = 0; i < 8; i++) t.push([centres[class0Bins[i % class0Bins.length]]]);
    for (let i = 0; i < 8; i++) t.push([centres[4 + (i % 2)]]);
    return t;
  };
  const x = Array.from({ length: 16 }, (_, i) => [i]);
  const labels = x.map(([i]) => (i < 8 ? 0 : 1));
  const rec = createRecorder({ inputs: x, labels, estimators: [{ name: 'binning', options: { bins: 11 } }], perClass: true });
  await rec.record(0, { hidden: layer([0, 1, 2, 3]), out: layer([0, 1, 2, 3]) });
  await rec.record(1, { hidden: layer([0, 1]), out: layer([0]) });
  return rec.run!;
}

describe('perClassFigure', () => {
  it('perClassFigure(run) draws H(T|Y=c) against epoch, one line per class, one panel per layer: the compressed class falls', async () => {
    const run = await recordedRun();
    const fig = perClassFigure(run);
    expect(fig.data.map((t) => [t.name, t.yaxis])).toEqual([
      ['class 0', 'y'],
      ['class 1', 'y'],
      ['class 0', 'y2'],
      ['class 1', 'y2'],
    ]);
    const y = fig.data.map((t) => (t.y as number[]).map((v) => Math.round(v * 1e12) / 1e12));
    expect(y).toEqual([
      [2, 1], // hidden: class 0 from 4 bins to 2
      [1, 1],
      [2, 0], // out: class 0 onto one bin
      [1, 1],
    ]);
    expect(fig.data[0].x).toEqual([0, 1]);
    expect((fig.layout.yaxis as Obj).title.text).toBe('hidden: H(T|Y=c) [bits]');
    expect((fig.layout.yaxis2 as Obj).title.text).toBe('out: H(T|Y=c) [bits]');
    // one legend entry per class, the same colour in every panel
    expect(fig.data.filter((t) => t.showlegend).map((t) => t.name)).toEqual(['class 0', 'class 1']);
    expect((fig.data[2].line as Obj).color).toBe((fig.data[0].line as Obj).color);
    expect((fig.data[1].line as Obj).color).not.toBe((fig.data[0].line as Obj).color);
    expect(fig.data[0].meta).toBe('hidden');
  });

  it('perClassFigure(run, {quantity: "ityTerm"}) draws each class\'s term of I(T;Y): the lines of a panel sum to I(T;Y)', async () => {
    const run = await recordedRun();
    const fig = perClassFigure(run, { quantity: 'ityTerm', layers: ['hidden'] });
    expect(fig.data).toHaveLength(2);
    const ity = run.points.filter((p) => p.layer === 'hidden').map((p) => p.ity as number);
    [0, 1].forEach((e) => expect(Math.abs((fig.data[0].y as number[])[e] + (fig.data[1].y as number[])[e] - ity[e])).toBeLessThan(1e-12));
    expect(perClassFigure(run, { quantity: 'ixtGivenY', classes: [1] }).data.map((t) => t.name)).toEqual(['class 1', 'class 1']);
  });

  it('perClassFigure(runs) draws the median of the seeds with a band', () => {
    const seeds = [0, 1, 2].map((s) => {
      const run = makeRun({ layers: ['a'], epochs: [0, 1] });
      for (const p of run.points) p.perClass = [{ label: 4, n: 2, weight: 1, hTgivenY: p.epoch + s, ityTerm: 0 }];
      return run;
    });
    const fig = perClassFigure(seeds);
    expect(fig.data).toHaveLength(3); // upper edge, lower edge, median
    expect(fig.data[2].y).toEqual([1, 2]);
    expect(fig.data[2].name).toBe('class 4');
  });

  it('perClassFigure rejects a run without per-class terms and options the run does not have, naming the parameter', async () => {
    expectInfoplaneError(() => perClassFigure(makeRun()), { code: 'empty', param: 'run' });
    const run = await recordedRun();
    expectInfoplaneError(() => perClassFigure(run, { estimator: 'kde' }), { code: 'invalid_option', param: 'estimator' });
    expectInfoplaneError(() => perClassFigure(run, { classes: [7] }), { code: 'invalid_option', param: 'classes' });
    expectInfoplaneError(() => perClassFigure(run, { layers: ['nope'] }), { code: 'invalid_option', param: 'layers' });
    expectInfoplaneError(() => perClassFigure(run, { quantity: 'hT' as never }), { code: 'invalid_option', param: 'quantity' });
    expectInfoplaneError(() => perClassFigure(run, { colour: 1 } as never), { code: 'invalid_option', param: 'options' });
  });
});
