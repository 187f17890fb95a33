/*
 * Figures: the size of a figure's HTML with plotly.js inline and with 'directory' (a shared plotly.min.js), and
 * the time of a PNG: cold (a new browser: start Chromium, load plotly.js, draw) and warm (the browser that
 * renderFigure keeps between calls). Targets (issue 14): inline < 5 MB, directory < 100 KB, warm PNG < 1 s,
 * cold PNG < 4 s on the 2-core machine. The figure is the demo's: the information plane of the 12-bit network,
 * 6 layers x 30 recorded epochs x 3 estimators (panels).
 */
'use strict';

function demoRun() {
  const layers = ['hidden1', 'hidden2', 'hidden3', 'hidden4', 'hidden5', 'output'];
  const estimators = ['binning', 'adaptive-binning', 'kde'];
  const epochs = Array.from({ length: 30 }, (_, i) => Math.round(Math.expm1((i / 29) * Math.log(801))));
  const points = [];
  for (const epoch of [...new Set(epochs)]) {
    layers.forEach((layer, l) => {
      for (const estimator of estimators) {
        const t = Math.log1p(epoch) / Math.log(801);
        points.push({ epoch, layer, estimator, ixt: 12 - l * 1.5 * t, ity: 0.5 + 0.5 * t - 0.02 * l });
      }
    });
  }
  const header = {
    format: 'infoplane-run',
    units: 'bits',
    probeSize: 4096,
    estimators: estimators.map((name) => ({ name })),
    model: { layers: layers.map((name, i) => ({ name, units: [10, 7, 5, 4, 3, 2][i], activation: 'tanh' })) },
    meta: { hY: 0.999 },
  };
  return { header, points, epochs: [] };
}

function figure() {
  const plot = require('../../dist/plot');
  return plot.infoPlanePanels(demoRun(), { estimators: ['binning', 'adaptive-binning', 'kde'] });
}

function htmlCase(plotlyjs) {
  return {
    name: `figureToHtml plotlyjs=${plotlyjs}`,
    n: 1,
    d: 0,
    setup: () => ({ fig: figure(), plot: require('../../dist/plot') }),
    run: (ctx) => {
      ctx.bytes = Buffer.byteLength(ctx.plot.figureToHtml(ctx.fig, { plotlyjs }), 'utf8');
    },
    report: (ctx) => ({ html_bytes: ctx.bytes, target_bytes: plotlyjs === 'inline' ? 5e6 : 1e5 }),
  };
}

function pngCase(warm) {
  return {
    name: `renderFigure png ${warm ? 'warm (browser kept)' : 'cold (new browser)'}`,
    n: 1,
    d: 0,
    setup: () => ({ fig: figure(), plot: require('../../dist/plot') }),
    run: async (ctx) => {
      if (warm) {
        await ctx.plot.renderFigure(ctx.fig, { width: 1200, height: 560 });
      } else {
        const r = await ctx.plot.openRenderer();
        try {
          await r.render(ctx.fig, { width: 1200, height: 560 });
          ctx.timing = r.timing;
        } finally {
          await r.close();
        }
      }
    },
    report: (ctx) => ({ target_ms: warm ? 1000 : 4000, ...(ctx.timing ? { last_start_ms: Math.round(ctx.timing.startMs), last_draw_ms: Math.round(ctx.timing.drawMs) } : {}) }),
  };
}

const chromium = (() => {
  try {
    return require('../../dist/plot').findChromium();
  } catch {
    return undefined;
  }
})();

module.exports = [htmlCase('inline'), htmlCase('directory'), ...(chromium ? [pngCase(false), pngCase(true)] : [])];
