import { expectInfoplaneError } from '../../test/helpers/errors';
import { InfoplaneError } from '../core/errors';
import { makeRun, planeValues } from './__tests__/makeRun';
import { informationCurvesFigure, trainingFigure } from './curves';

type Obj = Record<string, any>;

function expectError(f: () => unknown, code: string, param: string): void {
  expectInfoplaneError(f, { code, param });
}

const run = makeRun({ hY: 1, estimators: { binning: planeValues, dse: (l, e) => ({ hT: 2 + l + e }) } });

describe('informationCurvesFigure', () => {
  it('informationCurvesFigure(run) draws one panel per quantity, titled with its unit, one line per layer and estimator', () => {
    const fig = informationCurvesFigure(run);
    expect((fig.layout.yaxis as Obj).title.text).toBe('I(X;T) [bits]');
    expect((fig.layout.yaxis2 as Obj).title.text).toBe('I(T;Y) [bits]');
    expect((fig.layout.yaxis3 as Obj).title.text).toBe('H(T) [bits]');
    expect((fig.layout.xaxis as Obj).title.text).toBe('epoch');
    // binning gives I(X;T) and I(T;Y) for 3 layers, dse gives H(T) for 3 layers
    expect(fig.data.map((t) => t.yaxis)).toEqual(['y', 'y', 'y', 'y2', 'y2', 'y2', 'y3', 'y3', 'y3']);
    const first = fig.data[0];
    expect(first.x).toEqual([0, 1, 2, 3]);
    expect(first.y).toEqual([0, 1, 2, 3].map((e) => planeValues(0, e).ixt));
    expect(first.name).toBe('dense_1 · binning');
    const dse = fig.data[6];
    expect(dse.y).toEqual([2, 3, 4, 5]);
    expect((dse.line as Obj).dash).not.toBe((first.line as Obj).dash); // estimators differ by dash
    expect((fig.data[1].line as Obj).color).not.toBe((first.line as Obj).color); // layers differ by colour
    // the legend lists each (layer, estimator) once; clicking hides it in every panel
    expect(fig.data.filter((t) => t.showlegend).length).toBe(6);
    expect(fig.data[3].legendgroup).toBe(first.legendgroup);
    expect(first.hovertemplate).toContain('I(X;T) = %{y:.4f} bits');
  });

  it('informationCurvesFigure(run) draws log2 n on the I(X;T) panel and H(Y) on the I(T;Y) panel, with room for the labels', () => {
    const fig = informationCurvesFigure(run);
    const shapes = fig.layout.shapes as Obj[];
    expect(shapes.map((s) => [s.yref, s.y0])).toEqual([
      ['y', 6],
      ['y2', 1],
    ]);
    expect((fig.layout.yaxis as Obj).range[1]).toBeGreaterThan(6);
    expect(informationCurvesFigure(run, { ceilings: false }).layout.shapes).toEqual([]);
  });

  it('informationCurvesFigure(run, {estimators: ["dse"], quantities: ["hT"]}) shows the DSE entropy alone', () => {
    const fig = informationCurvesFigure(run, { estimators: ['dse'], quantities: ['hT'] });
    expect(fig.data).toHaveLength(3);
    expect(fig.data[0].name).toBe('dense_1');
    expect((fig.layout.yaxis as Obj).title.text).toBe('H(T) [bits]');
    expect((fig.layout.xaxis as Obj).anchor).toBe('y');
  });

  it('informationCurvesFigure(runs) draws the median with an IQR band', () => {
    const seeds = [0, 1, 2].map((s) => makeRun({ layers: ['a'], estimators: { binning: (_l, e) => ({ ixt: e + s, ity: 0.1 * s }) } }));
    const fig = informationCurvesFigure(seeds, { quantities: ['ixt'] });
    expect(fig.data).toHaveLength(3); // upper edge, lower edge (filled to the upper), median
    const [upper, lower, median] = fig.data;
    expect(median.y).toEqual([1, 2, 3, 4]);
    expect(upper.y).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(lower.y).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(lower.fill).toBe('tonexty');
    expect(upper.showlegend).toBe(false);
    expect(median.hovertemplate).toContain('median of %{customdata[0]} runs');
  });

  it('informationCurvesFigure(run) rejects bad options naming the parameter', () => {
    expectError(() => informationCurvesFigure(run, { quantities: ['mi' as never] }), 'invalid_option', 'quantities');
    expectError(() => informationCurvesFigure(run, { estimators: ['ksg'] }), 'invalid_option', 'estimator');
    expectError(() => informationCurvesFigure(run, { layers: ['x'] }), 'invalid_option', 'layers');
    expectError(() => informationCurvesFigure(run, { epochAxis: 'exp' as never }), 'invalid_option', 'epochAxis');
    expectError(() => informationCurvesFigure(run, { nope: 1 } as never), 'invalid_option', 'options');
  });
});

describe('trainingFigure', () => {
  it('trainingFigure(run) draws losses above and accuracies below, validation dashed in the same colour', () => {
    const fig = trainingFigure(run);
    expect(fig.data.map((t) => [t.name, t.yaxis])).toEqual([
      ['loss', 'y'],
      ['val_loss', 'y'],
      ['acc', 'y2'],
      ['val_acc', 'y2'],
    ]);
    expect(fig.data[0].y).toEqual([1, 1 / 2, 1 / 3, 1 / 4]);
    expect((fig.data[1].line as Obj).dash).toBe('dash');
    expect((fig.data[1].line as Obj).color).toBe((fig.data[0].line as Obj).color);
    expect((fig.layout.yaxis as Obj).title.text).toBe('loss');
    expect((fig.layout.yaxis2 as Obj).title.text).toBe('accuracy');
    expect((fig.layout.xaxis as Obj).title.text).toBe('epoch');
  });

  it('trainingFigure(run, {metrics}) shows only the chosen metrics; a run without epoch records is an error', () => {
    const fig = trainingFigure(run, { metrics: ['acc'] });
    expect(fig.data.map((t) => t.name)).toEqual(['acc']);
    expect((fig.layout.yaxis as Obj).title.text).toBe('accuracy');
    expectError(() => trainingFigure(run, { metrics: ['f1'] }), 'invalid_option', 'metrics');
    expectError(() => trainingFigure(makeRun({ logs: null })), 'empty', 'run');
  });

  it('trainingFigure(runs) draws the median across seeds with a band', () => {
    const seeds = [1, 2, 3].map((k) => makeRun({ logs: (e) => ({ loss: k * (e + 1) }) }));
    const fig = trainingFigure(seeds);
    expect(fig.data).toHaveLength(3);
    expect(fig.data[2].y).toEqual([2, 4, 6, 8]);
    expect(fig.data[1].fill).toBe('tonexty');
  });
});
