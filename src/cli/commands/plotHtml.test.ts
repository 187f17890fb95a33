import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { plotlyCdnUrl, plotlyPath } from '../../plot/figureToHtml';

const RUN = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'runs', 'tiny.ndjson');
const dir = tempDir('infoplane-plot-html-');

describe('infoplane plot --plotlyjs', () => {
  it('infoplane plot RUN --out FILE.html embeds plotly.js (offline, under 5 MB); --plotlyjs directory writes a small page and one shared plotly.min.js', async () => {
    const inline = await cli('plot', RUN, '--out', join(dir, 'inline.html'));
    expect(inline.code).toBe(0);
    const inlineBytes = statSync(join(dir, 'inline.html')).size;
    expect(inlineBytes).toBeLessThan(5e6);
    expect(inlineBytes).toBeGreaterThan(statSync(plotlyPath()).size);

    mkdirSync(join(dir, 'figs'));
    const small = await cli('plot', RUN, '--out', join(dir, 'figs', 'a.html'), '--plotlyjs', 'directory');
    expect(small.code).toBe(0);
    const page = readFileSync(join(dir, 'figs', 'a.html'), 'utf8');
    expect(page.length).toBeLessThan(100_000);
    expect(page).toContain('<script src="plotly.min.js" charset="utf-8"></script>');
    expect(readFileSync(join(dir, 'figs', 'plotly.min.js')).equals(readFileSync(plotlyPath()))).toBe(true);
    expect(small.stdout).toContain(`${Buffer.byteLength(page)} bytes`);
  });

  it('infoplane plot --plotlyjs cdn loads the installed plotly.js version from the CDN; --plotlyjs with an image is a usage error', async () => {
    const cdn = await cli('plot', RUN, '--out', join(dir, 'cdn.html'), '--plotlyjs', 'cdn');
    expect(cdn.code).toBe(0);
    expect(readFileSync(join(dir, 'cdn.html'), 'utf8')).toContain(`<script src="${plotlyCdnUrl()}"`);
    expect(existsSync(join(dir, 'plotly.min.js'))).toBe(false);
    const png = await cli('plot', RUN, '--out', join(dir, 'a.png'), '--plotlyjs', 'cdn');
    expect([png.code, png.stderr]).toEqual([2, 'infoplane plot: --plotlyjs applies to .html output only\n']);
    const bad = await cli('plot', RUN, '--out', join(dir, 'b.html'), '--plotlyjs', 'remote');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('infoplane plot: --plotlyjs must be one of inline, cdn, directory; got "remote"\n');
  });
});
