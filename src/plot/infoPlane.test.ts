import { expectInfoplaneError } from '../../test/helpers/errors';
import { InfoplaneError } from '../core/errors';
import { Run } from '../run/types';
import { makeRun, planeValues } from './__tests__/makeRun';
import { infoPlaneFigure, infoPlanePanels, saturatedLayers, seedsFigure } from './infoPlane';

type Obj = Record<string, any>;

function expectError(f: () => unknown, code: string, param: string): InfoplaneError {
  return expectInfoplaneError(f, { code, param });
}

describe('infoPlaneFigure', () => {
  const run = makeRun({ hY: 1 });

  it('infoPlaneFigure(run) draws one trace per layer, in layer order, markers joined in epoch order', () => {
    const fig = infoPlaneFigure(run);
    expect(fig.data.map((t) => t.name)).toEqual(['dense_1', 'dense_2', 'dense_3']);
    for (const [i, t] of fig.data.entries()) {
      expect(t.type).toBe('scatter');
      expect(t.mode).toBe('lines+markers');
      expect(t.x).toEqual([0, 1, 2, 3].map((e) => planeValues(i, e).ixt));
      expect(t.y).toEqual([0, 1, 2, 3].map((e) => planeValues(i, e).ity));
    }
  });

  it('infoPlaneFigure(run) colours markers by epoch on one shared colour bar', () => {
    const fig = infoPlaneFigure(run);
    for (const t of fig.data) {
      expect((t.marker as Obj).color).toEqual([0, 1, 2, 3]);
      expect((t.marker as Obj).coloraxis).toBe('coloraxis');
    }
    const ca = fig.layout.coloraxis as Obj;
    expect([ca.cmin, ca.cmax]).toEqual([0, 3]);
    expect(ca.colorbar.title.text).toBe('epoch');
    // the layer is in the legend and each layer keeps its own line colour and symbol
    expect(new Set(fig.data.map((t) => (t.line as Obj).color)).size).toBe(3);
    expect(new Set(fig.data.map((t) => (t.marker as Obj).symbol)).size).toBe(3);
    expect((fig.layout.legend as Obj).title.text).toBe('layer');
  });

  it('infoPlaneFigure(run) titles the axes with their units', () => {
    const fig = infoPlaneFigure(run);
    expect((fig.layout.xaxis as Obj).title.text).toBe('I(X;T) [bits]');
    expect((fig.layout.yaxis as Obj).title.text).toBe('I(T;Y) [bits]');
    const nats = infoPlaneFigure(makeRun({ units: 'nats' }));
    expect((nats.layout.xaxis as Obj).title.text).toBe('I(X;T) [nats]');
    expect((nats.layout.yaxis as Obj).title.text).toBe('I(T;Y) [nats]');
  });

  it('infoPlaneFigure(run) hover shows layer, epoch and both values with units', () => {
    const t = infoPlaneFigure(run).data[0];
    expect(t.customdata).toEqual([0, 1, 2, 3]);
    expect(t.hovertemplate).toContain('%{fullData.name}');
    expect(t.hovertemplate).toContain('epoch %{customdata}');
    expect(t.hovertemplate).toContain('I(X;T) = %{x:.4f} bits');
    expect(t.hovertemplate).toContain('I(T;Y) = %{y:.4f} bits');
  });

  it('infoPlaneFigure(run) draws the ceilings log2 n and H(Y) as labelled reference lines', () => {
    const fig = infoPlaneFigure(run);
    const shapes = fig.layout.shapes as Obj[];
    expect(shapes).toHaveLength(2);
    const [vertical, horizontal] = shapes;
    expect([vertical.x0, vertical.x1]).toEqual([6, 6]); // log2 64
    expect(vertical.label.text).toBe('log₂ n = 6 bits (n = 64)');
    expect([horizontal.y0, horizontal.y1]).toEqual([1, 1]);
    expect(horizontal.label.text).toBe('H(Y) = 1 bit');
    // the axes reach the ceilings
    expect((fig.layout.xaxis as Obj).range[1]).toBeGreaterThan(6);
    expect((fig.layout.yaxis as Obj).range[1]).toBeGreaterThan(1);
  });

  it('infoPlaneFigure(run, {hY}) overrides header.meta.hY; ceilings: false draws none; nats use ln n', () => {
    expect(((infoPlaneFigure(run, { hY: 0.5 }).layout.shapes as Obj[])[1]).y0).toBe(0.5);
    expect(infoPlaneFigure(run, { ceilings: false }).layout.shapes).toEqual([]);
    expect((infoPlaneFigure(makeRun()).layout.shapes as Obj[]).length).toBe(1); // no H(Y) known
    const nats = infoPlaneFigure(makeRun({ units: 'nats' })).layout.shapes as Obj[];
    expect(nats[0].x0).toBeCloseTo(Math.log(64), 12);
    expect(nats[0].label.text).toMatch(/^ln n = 4\.159 nats/);
  });

  it('infoPlaneFigure(run) warns in the figure when a layer sits at the ceiling log2 n', () => {
    expect(infoPlaneFigure(run).layout.annotations).toEqual([]);
    const saturated = makeRun({
      estimators: { binning: (l, e) => ({ ixt: l === 2 ? 6 - 0.05 * (e === 3 ? 1 : 0) : 2, ity: 0.5 }) },
    });
    const fig = infoPlaneFigure(saturated);
    const notes = fig.layout.annotations as Obj[];
    expect(notes).toHaveLength(1);
    expect(notes[0].text).toContain('saturated');
    expect(notes[0].text).toContain('dense_3');
    expect(notes[0].text).not.toContain('dense_1');
    expect(notes[0].text).toContain('within 1% of log₂ n = 6 bits');
    // 5.95 is within 1% of 6: every epoch counts
    expect(saturatedLayers(saturated)).toEqual([{ layer: 'dense_3', epochs: [0, 1, 2, 3], ceiling: 6 }]);
    expect(saturatedLayers(saturated, { tolerance: 0.001 })).toEqual([{ layer: 'dense_3', epochs: [0, 1, 2], ceiling: 6 }]);
  });

  it('infoPlaneFigure(run, {estimator, layers}) shows the chosen estimator and layers in the given order', () => {
    const two = makeRun({ estimators: { binning: planeValues, kde: (l, e) => ({ ixt: 0.5 * l + e, ity: 0.2 }) } });
    const fig = infoPlaneFigure(two, { estimator: 'kde', layers: ['dense_3', 'dense_1'] });
    expect(fig.data.map((t) => t.name)).toEqual(['dense_3', 'dense_1']);
    expect(fig.data[0].x).toEqual([1, 2, 3, 4]);
    expect(fig.data[0].meta).toBe('kde');
    expect((fig.layout.title as Obj).text).toBe('Information plane: kde (toy)');
  });

  it('infoPlaneFigure(run) skips an estimator that gives only H(T) (DSE) and refuses it when asked', () => {
    const withDse = makeRun({ estimators: { dse: (l, e) => ({ hT: l + e }), binning: planeValues } });
    expect(infoPlaneFigure(withDse).data[0].meta).toBe('binning');
    const err = expectError(() => infoPlaneFigure(withDse, { estimator: 'dse' }), 'invalid_option', 'estimator');
    expect(err.message).toContain('"binning"');
    expectError(() => infoPlaneFigure(makeRun({ estimators: { dse: (l, e) => ({ hT: l + e }) } })), 'empty', 'run');
  });

  it('infoPlaneFigure(run) leaves out points with a missing or non-finite value', () => {
    const gaps = makeRun({ estimators: { binning: (l, e) => (e === 1 ? { ixt: NaN, ity: 0.3 } : e === 2 ? { ity: 0.3 } : planeValues(l, e)) } });
    expect(infoPlaneFigure(gaps).data[0].customdata).toEqual([0, 3]);
  });

  it('infoPlaneFigure(run) escapes layer names and titles for Plotly: <script> stays text', () => {
    const evil = makeRun({ layers: ['<script>alert(1)</script>', 'a&b'], dataset: '<img src=x onerror=alert(2)>' });
    const fig = infoPlaneFigure(evil, { title: '<b>bold</b> & <i>it</i>' });
    expect(fig.data.map((t) => t.name)).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt;', 'a&amp;b']);
    expect((fig.layout.title as Obj).text).toBe('&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;it&lt;/i&gt;');
    expect((infoPlaneFigure(evil).layout.title as Obj).text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    // hover text takes the escaped name from the trace, never from a template with the raw name
    expect(fig.data[0].hovertemplate).not.toContain('alert');
  });

  it('infoPlaneFigure(run) does not modify the run (pure)', () => {
    const before = JSON.stringify(run);
    infoPlaneFigure(run, { slider: true });
    infoPlanePanels(run);
    expect(JSON.stringify(run)).toBe(before);
  });

  it('infoPlaneFigure(run, {slider: true}) adds an epoch slider whose frames step through training', () => {
    const fig = infoPlaneFigure(run, { slider: true });
    expect(fig.frames).toHaveLength(4);
    expect(fig.frames!.map((f) => f.name)).toEqual(['0', '1', '2', '3']);
    const frame1 = fig.frames![1] as Obj;
    expect(frame1.traces).toEqual([0, 1, 2]);
    expect(frame1.data[0].x).toEqual([planeValues(0, 0).ixt, planeValues(0, 1).ixt]);
    expect(frame1.data[0].marker.color).toEqual([0, 1]);
    const slider = (fig.layout.sliders as Obj[])[0];
    expect(slider.active).toBe(3);
    expect(slider.steps.map((s: Obj) => s.label)).toEqual(['0', '1', '2', '3']);
    expect(slider.steps[2].method).toBe('animate');
    expect(slider.steps[2].args[0]).toEqual(['2']);
    // fixed ranges, so the axes do not jump while stepping
    expect((fig.layout.xaxis as Obj).range).toHaveLength(2);
    expect(infoPlaneFigure(run).frames).toBeUndefined();
  });

  it('infoPlaneFigure(run, {slider: true, sliderSteps}) subsamples long runs, keeping the first and last epoch', () => {
    const long = makeRun({ epochs: Array.from({ length: 101 }, (_, i) => i), layers: ['a'] });
    const steps = ((infoPlaneFigure(long, { slider: true, sliderSteps: 11 }).layout.sliders as Obj[])[0].steps as Obj[]).map((s) => s.label);
    expect(steps).toEqual(['0', '10', '20', '30', '40', '50', '60', '70', '80', '90', '100']);
  });

  it('infoPlaneFigure(run) rejects bad options naming the parameter', () => {
    expectError(() => infoPlaneFigure(run, { layers: ['nope'] }), 'invalid_option', 'layers');
    expectError(() => infoPlaneFigure(run, { layers: [] }), 'invalid_type', 'layers');
    expectError(() => infoPlaneFigure(run, { estimator: 'ksg' }), 'invalid_option', 'estimator');
    expectError(() => infoPlaneFigure(run, { saturationTolerance: 2 }), 'out_of_range', 'saturationTolerance');
    expectError(() => infoPlaneFigure(run, { hY: -1 }), 'out_of_range', 'hY');
    expectError(() => infoPlaneFigure(run, { hY: NaN }), 'out_of_range', 'hY');
    expectError(() => infoPlaneFigure(run, { sliderSteps: 1 }), 'out_of_range', 'sliderSteps');
    expectError(() => infoPlaneFigure(run, { spread: 'sd' as never }), 'invalid_option', 'spread');
    expectError(() => infoPlaneFigure(run, { colour: 'epoch' } as never), 'invalid_option', 'options');
    expectError(() => infoPlaneFigure(run, { title: 3 as never }), 'invalid_type', 'title');
    expectError(() => infoPlaneFigure(null as never), 'invalid_type', 'run');
    expectError(() => infoPlaneFigure({ header: {} } as never), 'invalid_type', 'run.points');
    expectError(() => infoPlaneFigure([]), 'empty', 'run');
  });
});

describe('infoPlaneFigure (several runs)', () => {
  // three seeds: I(X;T) = base + 0, +0.3, +0.6 ; I(T;Y) = base + 0, +0.02, +0.1
  const seeds: Run[] = [0, 1, 2].map((s) =>
    makeRun({ estimators: { binning: (l, e) => ({ ixt: planeValues(l, e).ixt + 0.3 * s, ity: planeValues(l, e).ity + [0, 0.02, 0.1][s] }) } }),
  );

  it('infoPlaneFigure([run1, run2, run3]) plots the median per (layer, epoch) with the IQR as error bars', () => {
    const fig = infoPlaneFigure(seeds);
    expect(fig.data).toHaveLength(3);
    const t = fig.data[1];
    const x = t.x as number[];
    const y = t.y as number[];
    [0, 1, 2, 3].forEach((e, k) => {
      expect(x[k]).toBeCloseTo(planeValues(1, e).ixt + 0.3, 12);
      expect(y[k]).toBeCloseTo(planeValues(1, e).ity + 0.02, 12);
    });
    // quartiles of {0, 0.3, 0.6} around the median 0.3: 0.15 and 0.45 (linear interpolation)
    const ex = t.error_x as Obj;
    expect(ex.type).toBe('data');
    expect(ex.symmetric).toBe(false);
    ex.array.forEach((v: number) => expect(v).toBeCloseTo(0.15, 12));
    ex.arrayminus.forEach((v: number) => expect(v).toBeCloseTo(0.15, 12));
    // {0, 0.02, 0.1}: q1 = 0.01, q3 = 0.06, median 0.02
    const ey = t.error_y as Obj;
    ey.array.forEach((v: number) => expect(v).toBeCloseTo(0.04, 12));
    ey.arrayminus.forEach((v: number) => expect(v).toBeCloseTo(0.01, 12));
    expect(t.hovertemplate).toContain('median of %{customdata[1]} runs');
    expect((t.customdata as number[][])[0][1]).toBe(3);
    expect((fig.layout.title as Obj).text).toBe('Information plane: binning (toy, median of 3 runs)');
  });

  it('seedsFigure(runs, {spread: "range"}) uses min and max; spread "none" draws no error bars', () => {
    const t = seedsFigure(seeds, { spread: 'range' }).data[0];
    (t.error_x as Obj).array.forEach((v: number) => expect(v).toBeCloseTo(0.3, 12));
    (t.error_x as Obj).arrayminus.forEach((v: number) => expect(v).toBeCloseTo(0.3, 12));
    expect(seedsFigure(seeds, { spread: 'none' }).data[0].error_x).toBeUndefined();
    expect(seedsFigure(seeds)).toEqual(infoPlaneFigure(seeds));
    expectError(() => seedsFigure(seeds[0] as never), 'invalid_type', 'runs');
  });

  it('infoPlaneFigure(runs) counts only the runs that recorded an epoch (a run cut short)', () => {
    const short = makeRun({ epochs: [0, 1] });
    const t = infoPlaneFigure([seeds[0], short]).data[0];
    expect((t.customdata as number[][]).map((c) => c[1])).toEqual([2, 2, 1, 1]);
  });

  it('infoPlaneFigure(runs) refuses runs in different units', () => {
    expectError(() => infoPlaneFigure([seeds[0], makeRun({ units: 'nats' })]), 'invalid_option', 'run[1].header.units');
  });
});

describe('infoPlanePanels', () => {
  const run = makeRun({
    hY: 1,
    estimators: {
      binning: planeValues,
      dse: (l, e) => ({ hT: l + e }),
      kde: (l, e) => ({ ixt: 0.8 * planeValues(l, e).ixt, ity: 0.9 * planeValues(l, e).ity }),
    },
  });

  it('infoPlanePanels(run) draws one panel per estimator side by side, with a shared legend and colour bar', () => {
    const fig = infoPlanePanels(run);
    expect(fig.data).toHaveLength(6); // binning and kde (dse has no plane points) x 3 layers
    expect(fig.data.slice(0, 3).map((t) => [t.xaxis, t.yaxis, t.meta])).toEqual([
      ['x', 'y', 'binning'],
      ['x', 'y', 'binning'],
      ['x', 'y', 'binning'],
    ]);
    expect(fig.data.slice(3).map((t) => [t.xaxis, t.yaxis, t.meta])).toEqual([
      ['x2', 'y2', 'kde'],
      ['x2', 'y2', 'kde'],
      ['x2', 'y2', 'kde'],
    ]);
    expect(fig.data.map((t) => t.showlegend)).toEqual([true, true, true, false, false, false]);
    expect(fig.data[0].legendgroup).toBe(fig.data[3].legendgroup);
    const [a, b] = [(fig.layout.xaxis as Obj).domain, (fig.layout.xaxis2 as Obj).domain];
    expect(a[1]).toBeLessThan(b[0]);
    expect((fig.layout.xaxis2 as Obj).title.text).toBe('I(X;T) [bits]');
    expect((fig.layout.yaxis as Obj).title.text).toBe('I(T;Y) [bits]');
    expect((fig.layout.annotations as Obj[]).map((n) => n.text)).toEqual(['<b>binning</b>', '<b>kde</b>']);
    expect(fig.data.every((t) => (t.marker as Obj).coloraxis === 'coloraxis')).toBe(true);
    // ceilings in both panels
    expect((fig.layout.shapes as Obj[]).map((s) => s.xref)).toEqual(['x', 'x domain', 'x2', 'x2 domain']);
  });

  it('infoPlanePanels(run, {estimators}) keeps the given order and rejects an estimator without plane points', () => {
    expect(infoPlanePanels(run, { estimators: ['kde', 'binning'] }).data.map((t) => t.meta)).toEqual(['kde', 'kde', 'kde', 'binning', 'binning', 'binning']);
    expectError(() => infoPlanePanels(run, { estimators: ['dse'] }), 'invalid_option', 'estimator');
    expectError(() => infoPlanePanels(run, { estimators: [] }), 'invalid_type', 'estimators');
  });
});
