import { combineRuns, quantileSorted } from './combineRuns';
import { createRunHeader } from './header';
import { Run } from './types';

function run(id: string, units: 'bits' | 'nats', values: Record<number, number>): Run {
  return {
    header: createRunHeader({ runId: id, model: { layers: [] }, dataset: 'toy', probeSize: 4, estimators: [{ name: 'binning', params: {} }], units }),
    points: Object.entries(values).map(([epoch, v]) => ({ type: 'point' as const, epoch: Number(epoch), layer: 'h1', layerIndex: 0, estimator: 'binning', ixt: v, ity: v / 2 })),
    epochs: [],
  };
}

describe('combineRuns', () => {
  it('combineRuns(runs) gives the median and min/max per (estimator, layer, epoch)', () => {
    const c = combineRuns([run('a', 'bits', { 0: 1, 5: 4 }), run('b', 'bits', { 0: 3, 5: 2 }), run('c', 'bits', { 0: 2 })]);
    expect(c.runIds).toEqual(['a', 'b', 'c']);
    expect(c.points.map((p) => [p.epoch, p.runs])).toEqual([[0, 3], [5, 2]]);
    expect(c.points[0].ixt).toEqual({ median: 2, lo: 1, hi: 3 });
    expect(c.points[0].ity).toEqual({ median: 1, lo: 0.5, hi: 1.5 });
    expect(c.points[1].ixt).toEqual({ median: 3, lo: 2, hi: 4 });
    expect(c.points[0].hT).toBeUndefined();
  });

  it('combineRuns(runs, {spread: "quartiles"}) uses linearly interpolated quartiles', () => {
    const runs = [1, 2, 3, 4, 10].map((v, i) => run(String(i), 'bits', { 0: v }));
    expect(combineRuns(runs, { spread: 'quartiles' }).points[0].ixt).toEqual({ median: 3, lo: 2, hi: 4 });
    expect(quantileSorted([1, 2], 0.25)).toBe(1.25);
  });

  it('combineRuns(runs) converts runs in other units (bits = nats / ln 2)', () => {
    const c = combineRuns([run('a', 'bits', { 0: 1 }), run('b', 'nats', { 0: Math.LN2 * 3 })]);
    expect(c.units).toBe('bits');
    expect(c.points[0].ixt?.median).toBeCloseTo(2, 12);
    expect(combineRuns([run('a', 'bits', { 0: 1 })], { units: 'nats' }).points[0].ixt?.median).toBeCloseTo(Math.LN2, 12);
  });

  it('combineRuns rejects bad input naming the parameter', () => {
    expect(() => combineRuns([])).toThrow(/combineRuns: runs must be a non-empty array of runs/);
    expect(() => combineRuns([{} as Run])).toThrow(/runs\[0\] must be a Run/);
    expect(() => combineRuns([run('a', 'bits', {})], { spread: 'iqr' as never })).toThrow(/spread must be one of "minmax", "quartiles"/);
  });

  it('combineRuns(runs) refuses a run with a repeated (estimator, layer, epoch) and the same run twice: neither is another seed', () => {
    const a = run('a', 'bits', { 0: 1 });
    const repeated: Run = { ...a, points: [...a.points, { ...a.points[0], ixt: 9 }] };
    expect(() => combineRuns([repeated, run('b', 'bits', { 0: 3 })])).toThrow(
      /combineRuns: runs\[0\] must be one point per \(estimator, layer, epoch\) in each run \(a repeat would count as another seed\); got two points of estimator "binning", layer "h1" at epoch 0/,
    );
    expect(() => combineRuns([a, run('b', 'bits', { 0: 3 }), a])).toThrow(/runs\[2\] must be a run not given before \(each run counts as one seed\); got run "a" again \(it is runs\[0\]\)/);
  });
});
