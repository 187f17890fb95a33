import * as fs from 'fs';
import { InfoplaneError } from '../core/errors';
import { makeRun } from './__tests__/makeRun';
import { escapeHtml, figureToHtml, figureToHtmlFragment, plotlyPath, scriptJson } from './figureToHtml';
import { infoPlaneFigure } from './infoPlane';
import { CHROMIUM_ARGS, findChromium } from './renderFigure';

const EVIL = '<script>alert(1)</script>';

/** The text of every <script> element without a src, in order. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

/** The figure object written into the drawing script. */
function embeddedFigure(html: string): Record<string, any> {
  const scripts = inlineScripts(html);
  const draw = scripts[scripts.length - 1];
  const m = /var figure = (.*);\n/.exec(draw);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]);
}

describe('figureToHtml', () => {
  const run = makeRun({ layers: [EVIL, 'dense_2'], dataset: '</script><!-- x' });
  const figure = infoPlaneFigure(run, { title: `${EVIL} & co` });
  const html = figureToHtml(figure, { title: `${EVIL} & co` });

  it('figureToHtml(figure) embeds plotly.js from plotly.js-dist, so the page works offline', () => {
    const plotly = fs.readFileSync(plotlyPath(), 'utf8');
    expect(plotlyPath()).toMatch(/plotly\.js-dist[\\/]plotly(\.min)?\.js$/);
    expect(html.length).toBeGreaterThan(plotly.length);
    expect(html).toContain(plotly.slice(0, 2000));
    expect(/<script[^>]+src=/.test(html)).toBe(false); // nothing loaded from elsewhere
    const outsidePlotly = html.replace(inlineScripts(html)[0], '');
    expect(/https?:/.test(outsidePlotly)).toBe(false);
  });

  it('figureToHtml(figure, {title}) escapes the title: <script> in it stays text', () => {
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>');
    expect(html.includes(EVIL)).toBe(false);
    // exactly two script elements: plotly.js and the drawing script
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
  });

  it('figureToHtml(figure) writes the figure JSON with <, >, & and U+2028/2029 escaped, and it parses back', () => {
    const draw = inlineScripts(html)[1];
    expect(draw).not.toMatch(/<\/|<!--|\u2028|\u2029/);
    expect(draw).toContain('\\u003c');
    const back = embeddedFigure(html);
    expect(back.data).toEqual(JSON.parse(JSON.stringify(figure.data)));
    expect(back.layout).toEqual(JSON.parse(JSON.stringify(figure.layout)));
    expect(back.data[0].name).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('figureToHtml(figure) defaults the page title to the figure title as plain text', () => {
    const page = figureToHtml(figure);
    expect(page).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>');
    expect(figureToHtml({ data: [], layout: {} })).toContain('<title>infoplane figure</title>');
  });

  it('figureToHtml(figure, {plotly: {cdn}}) loads plotly.js from the URL instead: a small file', () => {
    const small = figureToHtml(figure, { plotly: { cdn: 'https://cdn.example/plotly-3.7.0.min.js?a=1&b="2"' } });
    expect(small.length).toBeLessThan(50000);
    expect(small).toContain('<script src="https://cdn.example/plotly-3.7.0.min.js?a=1&amp;b=&quot;2&quot;" charset="utf-8"></script>');
  });

  it('figureToHtml(figure, {width, height}) sizes the figure div', () => {
    const sized = figureToHtml(figure, { width: 640, height: 480, divId: 'plane' });
    expect(sized).toContain('#plane { width:640px;height:480px; }');
    expect(sized).toContain('<div id="plane"');
  });

  it('figureToHtml rejects bad options naming the parameter', () => {
    const bad: [() => unknown, string, string][] = [
      [() => figureToHtml(figure, { plotly: 'cdn' as never }), 'invalid_option', 'plotly'],
      [() => figureToHtml(figure, { plotly: { cdn: 'javascript:alert(1)' } }), 'invalid_option', 'plotly'],
      [() => figureToHtml(figure, { divId: 'a"b' }), 'invalid_type', 'divId'],
      [() => figureToHtml(figure, { width: 0 }), 'out_of_range', 'width'],
      [() => figureToHtml({} as never), 'invalid_type', 'figure'],
      [() => figureToHtml(figure, { colour: 1 } as never), 'invalid_option', 'options'],
    ];
    for (const [f, code, param] of bad) {
      let caught: unknown;
      try {
        f();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InfoplaneError);
      expect([(caught as InfoplaneError).code, (caught as InfoplaneError).param]).toEqual([code, param]);
    }
  });
});

describe('scriptJson', () => {
  it('scriptJson(value) escapes <, >, &, U+2028 and U+2029 and stays valid JSON', () => {
    const value = { s: '</script><!--&\u2028\u2029', n: [1, 2.5] };
    const json = scriptJson(value);
    expect(json).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029","n":[1,2.5]}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('escapeHtml(text) escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('figureToHtmlFragment', () => {
  it('figureToHtmlFragment(figure, {divId, plotly: "none"}) is a div and a script that redraws that div in place', () => {
    const frag = figureToHtmlFragment({ data: [{ type: 'scatter', name: EVIL }], layout: {} }, { divId: 'live-1', plotly: 'none' });
    expect(frag).toMatch(/^<div id="live-1" class="infoplane-figure"/);
    expect(frag).toContain('Plotly.react(gd, figure)');
    expect(frag).not.toContain(EVIL);
    expect(frag.length).toBeLessThan(5000);
    const scriptOnly = figureToHtmlFragment({ data: [], layout: {} }, { divId: 'live-1', plotly: 'none', includeDiv: false });
    expect(scriptOnly).not.toContain('<div');
    expect(scriptOnly).toContain('"live-1"');
  });
});

describe('figureToHtml in Chromium', () => {
  const chromium = findChromium();
  const e2e = chromium ? it : it.skip;
  if (!chromium) console.warn('figureToHtml browser test skipped: Chromium is missing (apt-get install -y chromium, or set INFOPLANE_CHROMIUM)');

  e2e('figureToHtml(figure) opens offline: names stay text, no script runs, the epoch slider steps through frames', async () => {
    const { chromium: pw } = await import('playwright-core');
    const evil = makeRun({ layers: [EVIL, 'dense_2'], dataset: '</script><script>alert(2)</script>', epochs: [0, 1, 2] });
    const html = figureToHtml(infoPlaneFigure(evil, { slider: true, title: `${EVIL}\u2028x` }));
    const browser = await pw.launch({ executablePath: chromium!, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(html, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as { __infoplaneReady?: boolean }).__infoplaneReady === true, undefined, { timeout: 30000 });
      const state = await page.evaluate(() => {
        const g = globalThis as any;
        return {
          title: g.document.title,
          legend: [...g.document.querySelectorAll('.legendtext')].map((e: any) => e.textContent),
          scripts: g.document.querySelectorAll('script').length,
          sliders: g.document.querySelectorAll('.slider-container').length,
        };
      });
      expect(dialogs).toEqual([]);
      expect(requests.filter((u) => /^https?:/.test(u))).toEqual([]);
      expect(state.title).toBe(`${EVIL}\u2028x`);
      expect(state.legend).toEqual([EVIL, 'dense_2']);
      expect(state.scripts).toBe(2);
      expect(state.sliders).toBe(1);
      // step the slider back to epoch 1: the trajectories show epochs 0 and 1 only
      const xs = await page.evaluate(async () => {
        const g = globalThis as any;
        const gd = g.document.getElementById('infoplane-figure');
        await g.Plotly.animate(gd, ['1'], { mode: 'immediate', frame: { duration: 0, redraw: true }, transition: { duration: 0 } });
        return gd.data.map((t: any) => t.x.length);
      });
      expect(xs).toEqual([2, 2]);
    } finally {
      await browser.close();
    }
  });
});
