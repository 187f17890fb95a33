import { expectInfoplaneError } from '../../test/helpers/errors';
import { InfoplaneError } from '../core/errors';
import { Run } from '../run/types';
import { makeRun, planeValues } from './__tests__/makeRun';
import { infoPlaneFigure, infoPlanePanels, layersFigure, NOTE_LINE_CHARS, noteBlock, saturatedLayers, seedsFigure, wrapNote } from './infoPlane';

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

  it('infoPlaneFigure(run) notes layers whose I(X;T) increases with depth (data-processing inequality)', () => {
    // I(X;T) decreasing with depth: no note
    expect(infoPlaneFigure(makeRun({ estimators: { binning: (l, e) => ({ ixt: 3 - 0.5 * l + 0.1 * e, ity: 0.5 }) } })).layout.annotations).toEqual([]);
    // planeValues: I(X;T) = 1 + 0.5 l + 0.1 e grows with depth l by 0.5 bits, more than 1% of the values
    const notes = infoPlaneFigure(run).layout.annotations as Obj[];
    expect(notes).toHaveLength(1);
    // (the note is wrapped to fit the page: compare its words)
    expect(notes[0].text.replace(/<br>/g, ' ')).toBe("⚠ layer-ordering: dense_2, dense_3 (see the run's warnings: infoplane inspect)");
  });

  it('infoPlaneFigure(run) warns in the figure when a layer sits at the ceiling log2 n', () => {
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
    // the panels' values grow with depth: one note under the panels names the layers per estimator
    expect((fig.layout.annotations as Obj[]).map((n) => n.text.replace(/<br>/g, ' '))).toEqual([
      '<b>binning</b>',
      '<b>kde</b>',
      '⚠ binning: layer-ordering: dense_2, dense_3; ⚠ kde: layer-ordering: dense_2, dense_3',
    ]);
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

/** A run recorded on a log-spaced schedule (what the recorder writes into header.meta.schedule). */
function logSpaced(epochs = [0, 1, 3, 7, 19, 52, 139, 373, 1000]): Run {
  const run = makeRun({ epochs, hY: 1 });
  run.header.meta = { ...run.header.meta, schedule: { kind: 'log-spaced', count: epochs.length - 1, total: 1000, epochs } };
  return run;
}

/** Every annotation of the figure sits in paper coordinates inside the page ([0, 1] on both axes). */
function expectInsidePage(fig: { layout: Obj }): void {
  for (const a of (fig.layout.annotations as Obj[]) ?? []) {
    expect([a.xref, a.yref]).toEqual(['paper', 'paper']);
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.x).toBeLessThanOrEqual(1);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeLessThanOrEqual(1);
    for (const line of String(a.text).split('<br>')) expect(line.length).toBeLessThanOrEqual(NOTE_LINE_CHARS);
  }
}

/** A run whose last layer saturates (I(X;T) = log2 64 = 6) and whose I(X;T) grows with depth: two kinds of note. */
const noisy = makeRun({ hY: 1, estimators: { binning: (l, e) => ({ ixt: l === 2 ? 6 : 2 + 0.5 * l, ity: 0.2 + 0.1 * e }) } });

describe('infoPlaneFigure (figures to publish)', () => {
  it('infoPlaneFigure(logSpacedRun) colours epochs by log10(epoch + 1) with epoch tick labels', () => {
    const fig = infoPlaneFigure(logSpaced());
    const epochs = [0, 1, 3, 7, 19, 52, 139, 373, 1000];
    for (const t of fig.data) expect((t.marker as Obj).color).toEqual(epochs.map((e) => Math.log10(e + 1)));
    // hover still shows the epoch itself
    expect(fig.data[0].customdata).toEqual(epochs);
    const ca = fig.layout.coloraxis as Obj;
    expect(ca.cmin).toBe(0);
    expect(ca.cmax).toBeCloseTo(Math.log10(1001), 12);
    expect(ca.colorbar.ticktext).toEqual(['0', '1', '10', '100', '500', '1000']);
    expect(ca.colorbar.tickvals[2]).toBeCloseTo(Math.log10(11), 12);
    // epochs 0, 1, 3 take a third of the bar (linear: 0.3%)
    expect(Math.log10(4) / ca.cmax).toBeGreaterThan(0.2);
    // asked for linear, the epoch is the colour
    expect((infoPlaneFigure(logSpaced(), { epochScale: 'linear' }).data[0].marker as Obj).color).toEqual(epochs);
    // an every-epoch run stays linear; log can be asked for
    expect((infoPlaneFigure(makeRun()).data[0].marker as Obj).color).toEqual([0, 1, 2, 3]);
    expect((infoPlaneFigure(makeRun(), { epochScale: 'log' }).data[0].marker as Obj).color).toEqual([0, 1, 2, 3].map((e) => Math.log10(e + 1)));
    expectError(() => infoPlaneFigure(makeRun(), { epochScale: 'sqrt' as never }), 'invalid_option', 'epochScale');
  });

  it('infoPlaneFigure(run) keeps its notes inside the page: top of the plotting area, wrapped, axes below them', () => {
    const fig = infoPlaneFigure(noisy);
    const notes = fig.layout.annotations as Obj[];
    expect(notes).toHaveLength(1);
    expectInsidePage(fig);
    expect(notes[0].yanchor).toBe('top');
    const lines = String(notes[0].text).split('<br>');
    expect(lines.length).toBeGreaterThan(3); // the 118-character explanation is wrapped
    // the axes start below the notes: the notes' height is kept free
    const top = (fig.layout.yaxis as Obj).domain[1];
    expect(top).toBeCloseTo(1 - noteBlock(['⚠ saturated']).height - (lines.length - 1) * 0.034, 12);
    // nothing flagged: the axes fill the plotting area
    expect((infoPlaneFigure(makeRun({ estimators: { binning: (l, e) => ({ ixt: 3 - 0.5 * l, ity: 0.1 * e }) } })).layout.yaxis as Obj).domain).toBeUndefined();
  });

  it('wrapNote(line) breaks at spaces into lines of at most the width, keeping every word in order', () => {
    const line = 'every probe sample is distinct there, so the estimator cannot show compression (use more probe samples or coarser bins)';
    const parts = wrapNote(line, 40);
    expect(parts.every((p) => p.length <= 40)).toBe(true);
    expect(parts.join(' ')).toBe(line);
    expect(wrapNote('short')).toEqual(['short']);
  });

  it('infoPlaneFigure(run) puts the ceiling labels where no point can be: right of log2 n, above H(Y)', () => {
    const fig = infoPlaneFigure(noisy);
    const [vertical, horizontal] = fig.layout.shapes as Obj[];
    // I(X;T) <= log n: the label reads on the right of the line, and the axis leaves room for it there
    expect(vertical.x0).toBe(6);
    // rotated 90 degrees, yanchor 'bottom' is the side away from the line: right of it, 6 px off (seen in a PNG)
    expect(vertical.label).toMatchObject({ textposition: 'end', textangle: 90, xanchor: 'left', yanchor: 'bottom', padding: 6 });
    for (const t of fig.data) expect(Math.max(...(t.x as number[]))).toBeLessThanOrEqual(vertical.x0);
    expect((fig.layout.xaxis as Obj).range[1]).toBeGreaterThan(6 + 0.07 * 6);
    // I(T;Y) <= H(Y): the label sits above the line
    expect(horizontal.y0).toBe(1);
    expect(horizontal.label.yanchor).toBe('bottom');
    expect(horizontal.label.textposition).toBe('start');
  });

  it('infoPlaneFigure(runs, {seedTraces: true, slider: true}) shows every run\'s trajectory in every frame, behind the medians', () => {
    const seeds: Run[] = [0, 1, 2].map((k) => {
      const r = makeRun({ estimators: { binning: (l, e) => ({ ixt: planeValues(l, e).ixt + 0.3 * k, ity: planeValues(l, e).ity }) } });
      r.header.seed = 10 + k;
      return r;
    });
    const fig = infoPlaneFigure(seeds, { seedTraces: true, slider: true });
    // 3 layers x 3 runs, then the 3 medians on top
    expect(fig.data).toHaveLength(12);
    expect(fig.data.slice(0, 9).map((t) => t.name)).toEqual(['dense_1', 'dense_2', 'dense_3'].flatMap((l) => [10, 11, 12].map((s) => `${l} (seed ${s})`)));
    expect(fig.data.slice(9).map((t) => t.name)).toEqual(['dense_1', 'dense_2', 'dense_3']);
    // a run's trace is its own values; the layer's legend entry hides it too
    expect(fig.data[4].x).toEqual([0, 1, 2, 3].map((e) => planeValues(1, e).ixt + 0.3));
    expect(fig.data[4].legendgroup).toBe('dense_2');
    expect(fig.data[4].showlegend).toBe(false);
    expect(fig.frames).toHaveLength(4);
    for (const frame of fig.frames!) {
      const e = Number(frame.name);
      const data = frame.data as Obj[];
      expect(data).toHaveLength(12);
      expect(frame.traces).toEqual([...Array(12).keys()]);
      // every run's trajectory up to the frame's epoch
      data.slice(0, 9).forEach((t, k) => expect(t.x).toEqual([0, 1, 2, 3].filter((x) => x <= e).map((x) => planeValues(Math.floor(k / 3), x).ixt + 0.3 * (k % 3))));
    }
    // without seedTraces the figure is the medians alone; one run has no per-run traces
    expect(infoPlaneFigure(seeds).data).toHaveLength(3);
    expect(infoPlaneFigure(seeds[0], { seedTraces: true }).data).toHaveLength(3);
    expect(seedsFigure(seeds, { seedTraces: true }).data).toHaveLength(12);
    expectError(() => infoPlaneFigure(seeds, { seedTraces: 'yes' as never }), 'invalid_type', 'seedTraces');
  });
});

describe('layersFigure', () => {
  it('layersFigure(run) draws one subplot per layer with the same axes, shared colour bar and one legend entry per layer', () => {
    const fig = layersFigure(noisy);
    expect(fig.data.map((t) => [t.name, t.xaxis, t.yaxis])).toEqual([
      ['dense_1', 'x', 'y'],
      ['dense_2', 'x2', 'y2'],
      ['dense_3', 'x3', 'y3'],
    ]);
    expect(fig.data.map((t) => t.showlegend)).toEqual([true, true, true]);
    // each layer keeps the colour and symbol it has in infoPlaneFigure
    const plane = infoPlaneFigure(noisy);
    expect(fig.data.map((t) => (t.marker as Obj).symbol)).toEqual(plane.data.map((t) => (t.marker as Obj).symbol));
    expect(fig.data.map((t) => (t.line as Obj).color)).toEqual(plane.data.map((t) => (t.line as Obj).color));
    expect(fig.data[2].x).toEqual(plane.data[2].x);
    const axes = ['', '2', '3'].map((k) => [fig.layout[`xaxis${k}`] as Obj, fig.layout[`yaxis${k}`] as Obj]);
    // side by side, not overlapping, inside the page, same ranges
    for (let k = 1; k < 3; k++) expect(axes[k][0].domain[0]).toBeGreaterThan(axes[k - 1][0].domain[1]);
    for (const [x, y] of axes) {
      expect(x.range).toEqual(axes[0][0].range);
      expect(y.range).toEqual(axes[0][1].range);
      expect(Math.min(...x.domain, ...y.domain)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...x.domain, ...y.domain)).toBeLessThanOrEqual(1);
    }
    expect(fig.layout.coloraxis).toBeDefined();
    expect(fig.data.every((t) => (t.marker as Obj).coloraxis === 'coloraxis')).toBe(true);
    // a heading per panel and the notes, all inside the page
    const texts = (fig.layout.annotations as Obj[]).map((a) => a.text);
    expect(texts.slice(0, 3)).toEqual(['<b>dense_1</b>', '<b>dense_2</b>', '<b>dense_3</b>']);
    expect(texts[3]).toContain('saturated');
    expect(texts[3]).toContain('layer-ordering');
    expectInsidePage(fig);
    // ceilings in every panel
    expect((fig.layout.shapes as Obj[]).map((s) => s.xref)).toEqual(['x', 'x domain', 'x2', 'x2 domain', 'x3', 'x3 domain']);
    expect((fig.layout.title as Obj).text).toBe('Information plane by layer: binning (toy)');
  });

  it('layersFigure(run, {columns}) wraps panels into rows; {layers} picks them; bad options are named', () => {
    const six = makeRun({ layers: ['a', 'b', 'c', 'd', 'e', 'f'] });
    const fig = layersFigure(six, { columns: 2 });
    expect(fig.data).toHaveLength(6);
    const y = (k: number) => (fig.layout[`yaxis${k === 0 ? '' : k + 1}`] as Obj).domain as number[];
    // three rows, top to bottom, not overlapping
    expect(y(0)).toEqual(y(1));
    expect(y(2)[1]).toBeLessThan(y(0)[0]);
    expect(y(4)[1]).toBeLessThan(y(2)[0]);
    expect(y(4)[0]).toBeGreaterThanOrEqual(0);
    expect(layersFigure(six, { layers: ['e', 'b'] }).data.map((t) => t.name)).toEqual(['e', 'b']);
    expectError(() => layersFigure(six, { columns: 0 }), 'out_of_range', 'columns');
    expectError(() => layersFigure(six, { layers: ['z'] }), 'invalid_option', 'layers');
    expect(expectError(() => layersFigure(six, { estimators: ['binning'] } as never), 'invalid_option', 'options').message).toContain('estimators');
  });

  it('layersFigure(logSpacedRun) uses the log epoch colour bar too', () => {
    const fig = layersFigure(logSpaced());
    expect((fig.layout.coloraxis as Obj).colorbar.ticktext[0]).toBe('0');
    expect((fig.data[0].marker as Obj).color[1]).toBeCloseTo(Math.log10(2), 12);
  });
});

describe('infoPlanePanels (figures to publish)', () => {
  it('infoPlanePanels(run) keeps panel headings and notes inside the page', () => {
    const two = makeRun({ hY: 1, estimators: { binning: (l, e) => ({ ixt: l === 2 ? 6 : 2 + 0.5 * l, ity: 0.2 + 0.1 * e }), kde: planeValues } });
    const fig = infoPlanePanels(two);
    expectInsidePage(fig);
    const notes = (fig.layout.annotations as Obj[]).at(-1)!;
    expect(notes.text).toContain('binning: dense_3');
    // the panels end below the notes
    expect((fig.layout.yaxis as Obj).domain[1]).toBeLessThan(1 - noteBlock([notes.text]).height + 0.0001);
  });
});
