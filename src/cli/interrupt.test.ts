/** Signals during image export, and names XML cannot hold in SVG and PNG images. */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir } from '../../test/helpers/cli';
import { findChromium } from '../plot/renderFigure';
import { xmlSafeFigure } from '../plot/xmlSafe';
import { createRunHeader } from '../run/header';
import { RunFileWriter } from '../run/runFile';
import { InterruptedError, interruptible } from './interrupt';

const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const withChromium = findChromium() ? it : it.skip;

function runWithLayers(dir: string, layers: string[]): string {
  const file = path.join(dir, 'run.ndjson');
  const w = new RunFileWriter(file);
  w.writeHeader(createRunHeader({ model: { layers: layers.map((name) => ({ name, units: 2 })) }, dataset: 'toy', probeSize: 8, estimators: [{ name: 'binning', params: {} }], units: 'bits' }));
  w.append(layers.flatMap((layer, layerIndex) => [0, 1].map((epoch) => ({ type: 'point' as const, epoch, layer, layerIndex, estimator: 'binning', ixt: 1 + epoch, ity: 0.5 }))));
  w.close();
  return file;
}

describe('interruptible', () => {
  it('interruptible(during, body) rejects with exit code 143 on SIGTERM and removes its listeners', async () => {
    const before = process.listenerCount('SIGTERM');
    const pending = interruptible('drawing x.png', () => new Promise<never>(() => undefined));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM');
    const e = await pending.catch((error: unknown) => error);
    expect(e).toBeInstanceOf(InterruptedError);
    expect((e as InterruptedError).exitCode).toBe(143);
    expect((e as InterruptedError).message).toBe('interrupted by SIGTERM while drawing x.png');
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  withChromium('infoplane plot --out F.png exits 143 on SIGTERM, saying it was interrupted, and writes nothing', async () => {
    const dir = tempDir();
    const file = runWithLayers(dir, ['h1']);
    const out = path.join(dir, 'plane.png');
    const before = process.listenerCount('SIGTERM');
    const result = cli('plot', file, '--out', out);
    // signal once the export is under way (its handler is installed), however loaded the machine is
    for (let waited = 0; process.listenerCount('SIGTERM') === before && waited < 30000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    process.emit('SIGTERM');
    const r = await result;
    expect(r.code).toBe(143);
    expect(r.stderr).toBe(`infoplane plot: interrupted by SIGTERM while drawing ${out}; stopped without writing it (exit code 143)\n`);
    expect(fs.existsSync(out)).toBe(false);
  }, 60000);
});

describe('xmlSafeFigure', () => {
  it('xmlSafeFigure(figure) escapes NUL, ESC and lone surrogates and lists what it changed', () => {
    const { figure, changed } = xmlSafeFigure({ data: [{ name: 'a\u0000b', x: [1] }, { name: 'ok \u00e9 \ud83d\ude00' }], layout: { title: { text: 'x\u001by\ud800' } } });
    expect(figure.data[0].name).toBe('a\\u0000b');
    expect(figure.data[1].name).toBe('ok \u00e9 \ud83d\ude00');
    expect((figure.layout.title as { text: string }).text).toBe('x\\u001by\\ud800');
    expect(changed.sort()).toEqual(['a\\u0000b', 'x\\u001by\\ud800']);
    const same = { data: [{ name: 'h1' }], layout: {} };
    expect(xmlSafeFigure(same).figure).toBe(same);
  });

  withChromium('infoplane plot --out F.svg and F.png with NUL, ESC and a lone surrogate in layer names: valid XML, a PNG, and a warning', async () => {
    const dir = tempDir();
    const file = runWithLayers(dir, ['nul\u0000layer', 'esc\u001b[2J', 'half\ud800']);
    const svg = await cli('plot', file, '--out', path.join(dir, 'plane.svg'));
    expect(svg.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'plane.svg'), 'utf8');
    expect(text).not.toMatch(XML_INVALID);
    expect(text).not.toContain('\ufffd');
    expect(text).toContain('nul\\u0000layer');
    expect(svg.stderr).toMatch(/warning: .*nul\\u0000layer.*: characters XML cannot hold are shown as \\uXXXX in the SVG/);
    const png = await cli('plot', file, '--out', path.join(dir, 'plane.png'));
    expect(png.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'plane.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60000);
});
