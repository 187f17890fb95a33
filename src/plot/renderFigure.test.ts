import * as http from 'http';
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { InfoplaneError } from '../core/errors';
import { makeRun } from './__tests__/makeRun';
import { infoPlaneFigure } from './infoPlane';
import { closeSharedRenderer, decodeDataUrl, findChromium, lastRenderTiming, openRenderer, renderFigure } from './renderFigure';

/** Decode an 8-bit RGB or RGBA PNG (non-interlaced) into its pixels. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      expect(data[12]).toBe(0); // not interlaced
      channels = { 2: 3, 6: 4 }[data[9] as 2 | 6];
      expect(channels).toBeDefined();
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let p: number;
      if (filter === 0) p = v;
      else if (filter === 1) p = v + a;
      else if (filter === 2) p = v + b;
      else if (filter === 3) p = v + ((a + b) >> 1);
      else {
        const e = a + b - c;
        const pa = Math.abs(e - a);
        const pb = Math.abs(e - b);
        const pc = Math.abs(e - c);
        p = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      pixels[y * stride + x] = p & 255;
    }
  }
  return { width, height, channels, pixels };
}

describe('renderFigure', () => {
  it('renderFigure(figure, {executablePath: missing}) says how to install Chromium', async () => {
    const err = await renderFigure({ data: [], layout: {} }, { executablePath: '/nonexistent/chromium' }).catch((e) => e);
    expect(err).toBeInstanceOf(InfoplaneError);
    expect(err.code).toBe('file_unreadable');
    expect(err.param).toBe('chromium');
    expect(err.message).toContain('apt-get install -y chromium, or set INFOPLANE_CHROMIUM to a Chrome/Chromium executable');
    expect(err.message).toContain('"/nonexistent/chromium" (no such file)');
  });

  it('renderFigure rejects bad options before starting a browser', async () => {
    await expect(renderFigure({ data: [], layout: {} }, { format: 'jpeg' as never, executablePath: '/nonexistent' })).rejects.toMatchObject({ param: 'chromium' });
    await expect(openRenderer({ timeout: 0 })).rejects.toMatchObject({ code: 'out_of_range', param: 'timeout' });
  });

  it('decodeDataUrl(url) reads base64 and percent-encoded data URLs', () => {
    expect(decodeDataUrl('data:image/png;base64,AAEC')).toEqual(Buffer.from([0, 1, 2]));
    expect(decodeDataUrl('data:image/svg+xml,%3Csvg%3E').toString()).toBe('<svg>');
    expect(() => decodeDataUrl('nope')).toThrow(InfoplaneError);
  });

  it('renderFigure without playwright-core says to install it (an optional peer dependency)', async () => {
    let err: unknown;
    await jest.isolateModulesAsync(async () => {
      jest.doMock('playwright-core', () => {
        throw Object.assign(new Error("Cannot find module 'playwright-core'"), { code: 'MODULE_NOT_FOUND' });
      });
      const fresh = await import('./renderFigure');
      // an executable that exists, so that the check reaches the package
      err = await fresh.renderFigure({ data: [], layout: {} }, { executablePath: process.execPath }).catch((e) => e);
    });
    jest.dontMock('playwright-core');
    expect((err as InfoplaneError).code).toBe('file_unreadable');
    expect((err as InfoplaneError).param).toBe('playwright-core');
    expect((err as InfoplaneError).message).toContain('npm install playwright-core');
  });

  const chromium = findChromium();
  const e2e = chromium ? it : it.skip;
  if (!chromium) {
    console.warn('renderFigure end-to-end test skipped: Chromium is missing (apt-get install -y chromium, or set INFOPLANE_CHROMIUM)');
  }

  e2e('renderFigure(figure) keeps one browser between calls: a later image has no start time, until closeSharedRenderer()', async () => {
    const fig = { data: [{ type: 'scatter', x: [1, 2, 3], y: [2, 1, 3] }], layout: {} };
    try {
      const first = await renderFigure(fig, { width: 200, height: 150 });
      const cold = lastRenderTiming()!;
      const second = await renderFigure(fig, { width: 200, height: 150 });
      const warm = lastRenderTiming()!;
      expect(cold.startMs).toBeGreaterThan(0);
      expect(warm.startMs).toBe(0); // the same browser and page: plotly.js was not loaded again
      expect(warm.drawMs).toBeGreaterThan(0);
      expect(second.equals(first)).toBe(true); // the same figure gives the same image
      await closeSharedRenderer();
      await renderFigure(fig, { width: 200, height: 150 });
      expect(lastRenderTiming()!.startMs).toBeGreaterThan(0); // a new browser
    } finally {
      await closeSharedRenderer();
    }
  });

  e2e('renderFigure(figure) lets the page reach no server: an image URL on another loopback port is never requested', async () => {
    let requests = 0;
    const server = http.createServer((_, res) => {
      requests++;
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const layout = { images: [{ source: `http://127.0.0.1:${port}/a.png`, x: 0, y: 0, sizex: 1, sizey: 1 }] };
      const png = await renderFigure({ data: [{ type: 'scatter', x: [1, 2], y: [1, 2] }], layout }, { width: 200, height: 150 });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(requests).toBe(0);
    } finally {
      server.close();
      await closeSharedRenderer();
    }
  });

  e2e('renderFigure(infoPlaneFigure(run)) draws PNG and SVG images of the information plane in headless Chromium', async () => {
    const run = makeRun({ layers: ['<script>alert(1)</script>', 'dense_2', 'dense_3'], hY: 1, epochs: [0, 1, 2, 3, 4, 5] });
    const figure = infoPlaneFigure(run);
    const renderer = await openRenderer();
    let png: Buffer;
    let blank: Buffer;
    let svg: string;
    try {
      png = await renderer.render(figure, { format: 'png', width: 640, height: 480 });
      blank = await renderer.render({ data: [], layout: { xaxis: { visible: false }, yaxis: { visible: false } } }, { format: 'png', width: 640, height: 480 });
      svg = (await renderer.render(figure, { format: 'svg', width: 640, height: 480 })).toString('utf8');
    } finally {
      await renderer.close();
    }

    // PNG: the requested size, far from blank
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([640, 480]);
    let nonWhite = 0;
    const colours = new Set<number>();
    for (let i = 0; i < img.pixels.length; i += img.channels) {
      const [r, g, b] = [img.pixels[i], img.pixels[i + 1], img.pixels[i + 2]];
      if (r < 250 || g < 250 || b < 250) nonWhite++;
      colours.add((r << 16) | (g << 8) | b);
    }
    expect(nonWhite / (img.width * img.height)).toBeGreaterThan(0.02);
    expect(colours.size).toBeGreaterThan(50); // viridis markers, layer colours, text antialiasing
    const blankImg = decodePng(blank);
    expect([blankImg.width, blankImg.height]).toEqual([640, 480]);
    expect(png.length).toBeGreaterThan(3 * blank.length);

    // SVG: one scatter trace per layer with its line path, the escaped layer name as text, axis titles with units
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="640"');
    expect(svg.match(/class="trace scatter/g)).toHaveLength(3);
    expect((svg.match(/<path class="js-line"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect((svg.match(/<path class="point[ "]/g) ?? []).length).toBeGreaterThanOrEqual(18); // 3 layers x 6 epochs
    // the layer name is legend text (as character references), never an element
    const legend = [...svg.matchAll(/class="legendtext"[^>]*>([^<]*)</g)].map((m) =>
      m[1].replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    );
    expect(legend).toEqual(['<script>alert(1)</script>', 'dense_2', 'dense_3']);
    expect(svg.includes('<script')).toBe(false);
    expect(svg.includes('>I(X;T) [bits]</text>')).toBe(true);
    expect(svg.includes('>I(T;Y) [bits]</text>')).toBe(true);
  });
});
