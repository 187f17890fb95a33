import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InfoplaneError } from '../core/errors';
import { makeRun } from './__tests__/makeRun';
import { escapeHtml, figureToHtml, figureToHtmlFragment, plotlyCdnUrl, plotlyPath, plotlyVersion, scriptJson, writeFigureHtml } from './figureToHtml';
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

  it('figureToHtml(figure) embeds the minified plotly.js of plotly.js-dist-min, so the page works offline', () => {
    const plotly = fs.readFileSync(plotlyPath(), 'utf8');
    expect(plotlyPath()).toMatch(/plotly\.js-dist-min[\\/]plotly\.min\.js$/);
    // the minified build of the version installed (the unminified bundle is about 11 MB)
    expect(plotly.length).toBeLessThan(6e6);
    expect(plotly.slice(0, 200)).toContain(`plotly.js v${plotlyVersion()}`);
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

  it('figureToHtml(figure, {plotlyjs: {cdn}}) loads plotly.js from the URL instead: a small file', () => {
    const small = figureToHtml(figure, { plotlyjs: { cdn: 'https://cdn.example/plotly-3.7.0.min.js?a=1&b="2"' } });
    expect(small.length).toBeLessThan(50000);
    expect(small).toContain('<script src="https://cdn.example/plotly-3.7.0.min.js?a=1&amp;b=&quot;2&quot;" charset="utf-8"></script>');
  });

  it('figureToHtml(figure, {plotlyjs: "cdn"}) loads the installed plotly.js version from the plotly CDN', () => {
    const page = figureToHtml(figure, { plotlyjs: 'cdn' });
    expect(plotlyCdnUrl()).toBe(`https://cdn.plot.ly/plotly-${plotlyVersion()}.min.js`);
    expect(page).toContain(`<script src="${plotlyCdnUrl()}" charset="utf-8"></script>`);
    expect(page.length).toBeLessThan(50000);
  });

  it('figureToHtml(figure, {plotlyjs: "directory"}) loads plotly.min.js from the page folder; the inline page is the bundle plus the figure', () => {
    const page = figureToHtml(figure, { plotlyjs: 'directory' });
    expect(page).toContain('<script src="plotly.min.js" charset="utf-8"></script>');
    expect(inlineScripts(page)).toHaveLength(1); // only the drawing script
    const inline = figureToHtml(figure);
    // the inline page is exactly the directory page with the bundle's script element in place of the src one
    expect(inline.length - page.length).toBe(fs.readFileSync(plotlyPath(), 'utf8').length + '<script></script>'.length - '<script src="plotly.min.js" charset="utf-8"></script>'.length);
  });

  it('writeFigureHtml(file, figure, {plotlyjs: "directory"}) writes the page and one shared plotly.min.js beside it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-html-'));
    try {
      const a = writeFigureHtml(path.join(dir, 'figs', 'a.html'), figure, { plotlyjs: 'directory' });
      const bundle = path.join(dir, 'figs', 'plotly.min.js');
      expect(a.bundle).toBe(bundle);
      expect(fs.readFileSync(bundle).equals(fs.readFileSync(plotlyPath()))).toBe(true);
      const stamp = fs.statSync(bundle).mtimeMs;
      const b = writeFigureHtml(path.join(dir, 'figs', 'b.html'), figure, { plotlyjs: 'directory' });
      expect(fs.statSync(bundle).mtimeMs).toBe(stamp); // the copy is shared, not rewritten
      expect(b.bytes).toBe(fs.statSync(path.join(dir, 'figs', 'b.html')).size);
      expect(fs.readFileSync(path.join(dir, 'figs', 'b.html'), 'utf8')).toBe(figureToHtml(figure, { plotlyjs: 'directory' }));
      const inline = writeFigureHtml(path.join(dir, 'c.html'), figure);
      expect(inline.bundle).toBeUndefined();
      expect(fs.existsSync(path.join(dir, 'plotly.min.js'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('figureToHtml(figure, {width, height}) sizes the figure div', () => {
    const sized = figureToHtml(figure, { width: 640, height: 480, divId: 'plane' });
    expect(sized).toContain('#plane { width:640px;height:480px; }');
    expect(sized).toContain('<div id="plane"');
  });

  it('figureToHtml rejects bad options naming the parameter', () => {
    const bad: [() => unknown, string, string][] = [
      [() => figureToHtml(figure, { plotlyjs: 'remote' as never }), 'invalid_option', 'plotlyjs'],
      [() => figureToHtml(figure, { plotlyjs: { cdn: 'javascript:alert(1)' } }), 'invalid_option', 'plotlyjs'],
      [() => figureToHtml(figure, { plotly: 'inline' } as never), 'invalid_option', 'options'],
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
