import { expectInfoplaneError } from '../../test/helpers/errors';
import { InfoplaneError } from '../core/errors';
import { sensitivityFigure } from './sensitivityFigure';

type Obj = Record<string, any>;

function expectError(f: () => unknown, code: string, param: string): void {
  expectInfoplaneError(f, { code, param });
}

describe('sensitivityFigure', () => {
  it('sensitivityFigure({param, values, ixt, ity}) draws each estimate against the parameter, axes titled', () => {
    const fig = sensitivityFigure({ param: 'bins', values: [10, 30, 100], ixt: [3.1, 6.2, 9.8], ity: [0.9, 0.98, 1] });
    expect(fig.data.map((t) => t.name)).toEqual(['I(X;T)', 'I(T;Y)']);
    expect(fig.data[0].x).toEqual([10, 30, 100]);
    expect(fig.data[0].y).toEqual([3.1, 6.2, 9.8]);
    expect((fig.data[1].line as Obj).dash).toBe('dash');
    expect((fig.layout.xaxis as Obj).title.text).toBe('bins');
    expect((fig.layout.yaxis as Obj).title.text).toBe('information [bits]');
    expect((fig.layout.title as Obj).text).toBe('Sensitivity to bins');
    expect(fig.data[0].hovertemplate).toContain('%{meta} = %{x}');
  });

  it('sensitivityFigure({..., ixt: {layer: values}}) draws one line per layer; one quantity titles the y axis with it', () => {
    const fig = sensitivityFigure({ param: 'bandwidth', values: [0.01, 0.1, 1], ixt: { dense_1: [5, 3, 1], '<b>x</b>': [4, 2, 0.5] }, units: 'nats', logX: true });
    expect(fig.data.map((t) => t.name)).toEqual(['dense_1: I(X;T)', '&lt;b&gt;x&lt;/b&gt;: I(X;T)']);
    expect((fig.layout.yaxis as Obj).title.text).toBe('I(X;T) [nats]');
    expect((fig.layout.xaxis as Obj).type).toBe('log');
  });

  it('sensitivityFigure({..., probeSize, hY}) draws the ceilings; NaN leaves a gap', () => {
    const fig = sensitivityFigure({ param: 'bins', values: [1, 2], ixt: [1, NaN], ity: [0.5, 0.6], probeSize: 1024, hY: 1 });
    expect((fig.layout.shapes as Obj[]).map((s) => s.y0)).toEqual([10, 1]);
    expect(fig.data[0].y).toEqual([1, null]);
  });

  it('sensitivityFigure rejects bad input naming the parameter', () => {
    expectError(() => sensitivityFigure({ param: 'bins', values: [1, 2], ixt: [1] }), 'length_mismatch', 'ixt');
    expectError(() => sensitivityFigure({ param: 'bins', values: [1, 2] }), 'empty', 'ixt');
    expectError(() => sensitivityFigure({ param: '', values: [1], ixt: [1] }), 'invalid_type', 'param');
    expectError(() => sensitivityFigure({ param: 'b', values: [], ixt: [] }), 'invalid_type', 'values');
    expectError(() => sensitivityFigure({ param: 'b', values: [NaN], ixt: [1] }), 'out_of_range', 'values[0]');
    expectError(() => sensitivityFigure({ param: 'b', values: [0, 1], ixt: [1, 2], logX: true }), 'out_of_range', 'values[0]');
    expectError(() => sensitivityFigure({ param: 'b', values: [1], ixt: [Infinity] }), 'invalid_type', 'ixt[0]');
    expectError(() => sensitivityFigure({ param: 'b', values: [1], ixt: [1], probeSize: 1 }), 'out_of_range', 'probeSize');
    expectError(() => sensitivityFigure({ param: 'b', values: [1], ixt: [1], units: 'dits' as never }), 'invalid_option', 'units');
    expectError(() => sensitivityFigure({ param: 'b', values: [1], ixt: [1], extra: 1 } as never), 'invalid_option', 'options');
    expectError(() => sensitivityFigure(null as never), 'invalid_type', 'data');
  });
});
