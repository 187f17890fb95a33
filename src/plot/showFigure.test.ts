import { InfoplaneError } from '../core/errors';
import { Run } from '../run/types';
import { makeRun } from './__tests__/makeRun';
import { findChromium } from './renderFigure';
import { liveInfoPlane, loadTslab, resetNotebookPlotly, showFigure, TslabLike } from './showFigure';

/** A stand-in for tslab: records what each display was sent. */
function fakeTslab(withNewDisplay: boolean) {
  const outputs: { display: string; kind: 'html' | 'png'; content: string | Uint8Array }[] = [];
  let displays = 0;
  const make = (name: string) => ({
    html: (s: string) => outputs.push({ display: name, kind: 'html', content: s }),
    png: (b: Uint8Array) => outputs.push({ display: name, kind: 'png', content: b }),
  });
  const tslab: TslabLike = { display: make('display') };
  if (withNewDisplay) tslab.newDisplay = () => make(`new-${++displays}`);
  return { tslab, outputs };
}

const PLOTLY_MARK = 'plotly.js v3';
const figure = { data: [{ type: 'scatter', x: [1, 2], y: [3, 4], name: '<script>alert(1)</script>' }], layout: {} };

function divIds(html: string): string[] {
  return [...html.matchAll(/<div id="([^"]+)"/g)].map((m) => m[1]);
}

beforeEach(() => resetNotebookPlotly());

describe('showFigure', () => {
  it('showFigure(figure, {tslab}) sends plotly.js once in its own output, then the figure as HTML', async () => {
    const { tslab, outputs } = fakeTslab(false);
    await showFigure(figure, { tslab });
    await showFigure(figure, { tslab });
    expect(outputs.map((o) => o.kind)).toEqual(['html', 'html', 'html']);
    const [loader, first, second] = outputs.map((o) => o.content as string);
    expect(loader).toContain(PLOTLY_MARK);
    expect(first).not.toContain(PLOTLY_MARK);
    expect(second).not.toContain(PLOTLY_MARK);
    expect(first).toContain('Plotly.react');
    expect(first.includes('<script>alert(1)</script>')).toBe(false);
    expect(divIds(first)).toHaveLength(1);
    expect(divIds(first)).not.toEqual(divIds(second)); // two figures, two divs
  });

  it('showFigure(figure, {plotly: "inline"}) embeds plotly.js in the output itself', async () => {
    const { tslab, outputs } = fakeTslab(false);
    await showFigure(figure, { tslab, plotly: 'inline' });
    expect(outputs).toHaveLength(1);
    expect(outputs[0].content as string).toContain(PLOTLY_MARK);
  });

  it('loadTslab() finds the installed tslab (a devDependency), with display and newDisplay', () => {
    const tslab = loadTslab();
    expect(typeof tslab?.display.html).toBe('function');
    expect(typeof tslab?.newDisplay).toBe('function');
  });

  it('showFigure(figure) without tslab throws a file_unreadable error naming tslab', async () => {
    jest.resetModules();
    jest.doMock('tslab', () => {
      throw new Error("Cannot find module 'tslab'");
    });
    try {
      const isolated = require('./showFigure') as typeof import('./showFigure');
      expect(isolated.loadTslab()).toBeUndefined();
      await expect(isolated.showFigure(figure)).rejects.toMatchObject({ code: 'file_unreadable', param: 'tslab' });
      await expect(isolated.showFigure(figure)).rejects.toThrow(/import \* as tslab from "tslab"/);
      expect(() => isolated.liveInfoPlane({})).toThrow(/tslab/);
    } finally {
      jest.dontMock('tslab');
    }
    await expect(showFigure(figure, { tslab: {} as never })).rejects.toMatchObject({ code: 'invalid_type', param: 'tslab' });
    await expect(showFigure(figure, { tslab: fakeTslab(false).tslab, format: 'gif' as never })).rejects.toBeInstanceOf(InfoplaneError);
  });

  it('showFigure(figure, {format: "png"}) needs a display with png', async () => {
    const tslab: TslabLike = { display: { html: () => undefined } };
    await expect(showFigure(figure, { tslab, format: 'png' })).rejects.toMatchObject({ code: 'invalid_option', param: 'format' });
  });
});

describe('liveInfoPlane', () => {
  const full = makeRun({ epochs: [0, 1, 2] });
  const upTo = (e: number): Run => ({ ...full, points: full.points.filter((p) => p.epoch <= e) });

  it('liveInfoPlane({tslab}) with newDisplay overwrites one output each epoch, same div id', async () => {
    const { tslab, outputs } = fakeTslab(true);
    const live = liveInfoPlane({ tslab, estimator: 'binning' });
    await live.update({ ...full, points: [] }); // nothing recorded yet: skipped
    expect(outputs).toHaveLength(0);
    for (const e of [0, 1, 2]) await live.update(upTo(e));
    expect(live.updates).toBe(3);
    const [loader, ...updates] = outputs;
    expect(loader.display).toBe('display');
    expect(loader.content as string).toContain(PLOTLY_MARK);
    expect(updates.map((o) => o.display)).toEqual(['new-1', 'new-1', 'new-1']); // one output, overwritten
    const ids = updates.map((o) => divIds(o.content as string));
    expect(ids[0]).toHaveLength(1);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    // the figure grows with training
    expect((live.figure!.data[0].x as number[]).length).toBe(3);
    await live.close();
  });

  it('liveInfoPlane({tslab}) without newDisplay redraws the first figure through its div id', async () => {
    const { tslab, outputs } = fakeTslab(false);
    const live = liveInfoPlane({ tslab });
    for (const e of [0, 1]) await live.update(upTo(e));
    const [, first, second] = outputs.map((o) => o.content as string);
    expect(outputs.map((o) => o.display)).toEqual(['display', 'display', 'display']);
    const id = divIds(first)[0];
    expect(divIds(second)).toEqual([]); // no new div: a script that redraws the first one
    expect(second).toContain(JSON.stringify(id));
    expect(second).toContain('Plotly.react');
  });

  it('liveInfoPlane({figure}) uses a custom figure builder; bad options fail at once', async () => {
    const { tslab, outputs } = fakeTslab(true);
    const custom = liveInfoPlane({ tslab, plotly: 'inline', figure: (r) => ({ data: [{ type: 'bar', y: [(r as Run).points.length] }], layout: {} }) });
    await custom.update(upTo(1));
    expect(outputs).toHaveLength(1); // plotly.js inline in the figure output itself, no loader
    expect(outputs[0].content as string).toContain(PLOTLY_MARK);
    expect(custom.figure!.data[0].y).toEqual([6]);
    expect(() => liveInfoPlane({ tslab, colour: 1 } as never)).toThrow(InfoplaneError);
    expect(() => liveInfoPlane({ tslab, format: 'svg' as never })).toThrow(/format/);
    expect(() => liveInfoPlane({ tslab, figure: 3 as never })).toThrow(/figure/);
  });

  const chromium = findChromium();
  const pngIt = chromium ? it : it.skip;
  if (!chromium) console.warn('liveInfoPlane png test skipped: Chromium is missing (apt-get install -y chromium, or set INFOPLANE_CHROMIUM)');
  pngIt('liveInfoPlane({format: "png"}) re-renders a PNG into the same output each update', async () => {
    const { tslab, outputs } = fakeTslab(true);
    const live = liveInfoPlane({ tslab, format: 'png', width: 400, height: 300 });
    try {
      await live.update(upTo(0));
      await live.update(upTo(1));
    } finally {
      await live.close();
    }
    expect(outputs.map((o) => [o.display, o.kind])).toEqual([
      ['new-1', 'png'],
      ['new-1', 'png'],
    ]);
    const png = Buffer.from(outputs[1].content as Uint8Array);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
