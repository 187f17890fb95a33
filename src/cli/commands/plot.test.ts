import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { findChromium } from '../../plot/renderFigure';

const RUNS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'runs');
const fixture = (name: string) => join(RUNS, name);
const dir = tempDir('infoplane-plot-');

function oneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('infoplane plot', () => {
  it('infoplane plot RUN --out FILE.json writes the information-plane figure: one trace per layer, axes with units', async () => {
    const out = join(dir, 'plane.json');
    const r = await cli('plot', fixture('tiny.ndjson'), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*plane\.json \(plane, 1 run, \d+ bytes\)\n$/);
    const fig = JSON.parse(readFileSync(out, 'utf8'));
    expect(fig.data.map((t: { name: string }) => t.name)).toEqual(['dense_1', 'dense_2']);
    expect(fig.data[0].x).toEqual([3.5, 3.75, 3.5]);
    expect(fig.data[0].y).toEqual([0.25, 0.5, 0.75]);
    expect(fig.data[0].marker.color).toEqual([0, 1, 2]);
    expect(fig.layout.xaxis.title.text).toBe('I(X;T) [bits]');
    expect(fig.layout.yaxis.title.text).toBe('I(T;Y) [bits]');
    expect(fig.layout.shapes.map((s: { label: { text: string } }) => s.label.text)).toEqual(['log₂ n = 4 bits (n = 16)', 'H(Y) = 1 bit']);
  });

  it('infoplane plot RUN1 RUN2 RUN3 plots medians across seeds and warns about a saturated layer', async () => {
    const out = join(dir, 'seeds.json');
    const r = await cli('plot', fixture('tiny.ndjson'), fixture('seed-1.ndjson'), fixture('seed-2.ndjson'), '--out', out, '--layers', 'dense_1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(plane, 3 runs,');
    expect(r.stderr).toBe('infoplane plot: warning: binning: I(X;T) of layer dense_1 is within 1% of log n = 4.000 at 3 epoch(s): the estimator has saturated there\n');
    const fig = JSON.parse(readFileSync(out, 'utf8'));
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0].x).toEqual([3.5, 3.75, 3.5]); // medians of {3.5, 3.25, 4}, {3.75, 3.5, 4}, {3.5, 3.25, 4}
    expect(fig.data[0].error_x.type).toBe('data');
    expect(fig.layout.annotations[0].text).toContain('saturated');
  });

  it('infoplane plot --kind curves|training|panels writes the other figures', async () => {
    const curves = join(dir, 'curves.json');
    expect((await cli('plot', fixture('tiny.ndjson'), '--out', curves, '--kind', 'curves', '--estimator', 'dse')).code).toBe(0);
    const c = JSON.parse(readFileSync(curves, 'utf8'));
    expect(c.layout.yaxis.title.text).toBe('H(T) [bits]');
    expect(c.data[0].y).toEqual([4, 4.25, 4]);
    const training = join(dir, 'training.json');
    expect((await cli('plot', fixture('tiny.ndjson'), '--out', training, '--kind', 'training')).code).toBe(0);
    expect(JSON.parse(readFileSync(training, 'utf8')).data.map((t: { name: string }) => t.name)).toEqual(['loss', 'acc']);
    const panels = join(dir, 'panels.json');
    expect((await cli('plot', fixture('tiny.ndjson'), '--out', panels, '--kind', 'panels')).code).toBe(0);
    expect(JSON.parse(readFileSync(panels, 'utf8')).data).toHaveLength(2); // only binning has plane points
  });

  it('infoplane plot --kind classes draws H(T|Y=c) per class against epoch from a run recorded with perClass', async () => {
    // two classes far apart in T; class 0 spreads over 4 bins at epoch 0 and 1 bin at epoch 1 (H(T|Y=0): 2 -> 0 bits)
    const x = Array.from({ length: 8 }, (_, i) => [i]);
    const labels = x.map(([i]) => (i < 4 ? 0 : 1));
    const layer = (spread: boolean) => x.map(([i]) => [i < 4 ? (spread ? -0.9 + 0.2 * i : -0.9) : 0.5]);
    const { createRecorder } = await import('../../record/recorder');
    const runFile = join(dir, 'classes.ndjson');
    const rec = createRecorder({ inputs: x, labels, estimators: [{ name: 'binning', options: { bins: 11 } }], perClass: true, runFile });
    await rec.record(0, { h: layer(true) });
    await rec.record(1, { h: layer(false) });
    rec.close();
    const out = join(dir, 'classes.json');
    const r = await cli('plot', runFile, '--out', out, '--kind', 'classes');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('(classes, 1 run,');
    const fig = JSON.parse(readFileSync(out, 'utf8'));
    expect(fig.data.map((t: { name: string; y: number[] }) => [t.name, t.y.map((v) => Math.round(v * 1e12) / 1e12)])).toEqual([
      ['class 0', [2, 0]],
      ['class 1', [0, 0]],
    ]);
    const none = await cli('plot', fixture('tiny.ndjson'), '--out', join(dir, 'none.json'), '--kind', 'classes');
    expect(none.code).toBe(1); // the run's data lacks what the figure needs
    expect(none.stderr).toMatch(/perClass: true/);
    oneLine(none.stderr);
  });

  it('infoplane plot --kind layers draws one panel per layer; --seeds adds every run; --epoch-scale log colours by log10(epoch + 1)', async () => {
    const layers = join(dir, 'layers.json');
    const r = await cli('plot', fixture('tiny.ndjson'), '--out', layers, '--kind', 'layers');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(layers, 1 run,');
    const fig = JSON.parse(readFileSync(layers, 'utf8'));
    expect(fig.data.map((t: { name: string; xaxis: string }) => [t.name, t.xaxis])).toEqual([
      ['dense_1', 'x'],
      ['dense_2', 'x2'],
    ]);
    expect(r.stderr).toBe('');
    const seeds = join(dir, 'seed-traces.json');
    const s = await cli('plot', fixture('tiny.ndjson'), fixture('seed-1.ndjson'), fixture('seed-2.ndjson'), '--out', seeds, '--seeds', '--slider', '--epoch-scale', 'log');
    expect(s.code).toBe(0);
    // the plane's warnings reach the terminal with the per-run traces too (seed-2 saturates dense_1)
    expect(s.stderr).toContain('saturated');
    const sf = JSON.parse(readFileSync(seeds, 'utf8'));
    // 2 layers x 3 runs behind the 2 medians, in every frame
    expect(sf.data).toHaveLength(8);
    for (const frame of sf.frames) expect(frame.data).toHaveLength(8);
    expect(sf.data[6].marker.color).toEqual([0, 1, 2].map((e) => Math.log10(e + 1)));
    const bad = await cli('plot', fixture('tiny.ndjson'), '--out', join(dir, 'bad.json'), '--epoch-scale', 'sqrt');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--epoch-scale');
    oneLine(bad.stderr);
    const misplaced = await cli('plot', fixture('tiny.ndjson'), '--out', join(dir, 'bad.json'), '--kind', 'training', '--seeds');
    expect(misplaced.code).not.toBe(0);
    oneLine(misplaced.stderr);
  });

  it('infoplane plot RUN --out FILE.html writes an offline page with layer names and titles escaped', async () => {
    const out = join(dir, 'evil.html');
    const r = await cli('plot', fixture('evil.ndjson'), '--out', out, '--title', '<script>alert(3)</script>', '--slider');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.length).toBeGreaterThan(3_000_000); // plotly.js embedded
    expect(html.includes('<script>alert(')).toBe(false);
    expect(html.includes('</script><script>alert(2)')).toBe(false);
    expect(html).toContain('<title>&lt;script&gt;alert(3)&lt;/script&gt;</title>');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('"sliders"');
  });

  it('infoplane plot on a run cut short warns and still plots what was recorded', async () => {
    const out = join(dir, 'truncated.json');
    const r = await cli('plot', fixture('truncated.ndjson'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^infoplane plot: warning: .*truncated\.ndjson ends in a partial line \(line 16, dropped\): the run was cut short\n$/);
    expect(JSON.parse(readFileSync(out, 'utf8')).data).toHaveLength(2);
  });

  it('infoplane plot reports usage mistakes in one line with exit code 2', async () => {
    const out = join(dir, 'x.json');
    const cases: [string[], RegExp][] = [
      [['plot', '--out', out], /expected at least one RUN file/],
      [['plot', fixture('tiny.ndjson')], /--out is required/],
      [['plot', fixture('tiny.ndjson'), '--out', join(dir, 'x.pdf')], /--out must end in \.html, \.svg, \.png or \.json/],
      [['plot', fixture('tiny.ndjson'), '--out', out, '--kind', 'pie'], /--kind must be one of plane, panels, layers, curves, classes, training, correlate/],
      [['plot', fixture('tiny.ndjson'), '--out', out, '--layers', 'dense_9'], /--layers must be layer names among "dense_1", "dense_2"; got "dense_9"/],
      [['plot', fixture('tiny.ndjson'), '--out', out, '--estimator', 'kde'], /--estimator must be one of "binning"/],
      [['plot', fixture('tiny.ndjson'), '--out', out, '--width', '5'], /--width must be an integer in \[10, 20000\]/],
      [['plot', fixture('tiny.ndjson'), '--out', out, '--colour', 'x'], /unknown flag --colour/],
      [['plot', fixture('tiny.ndjson'), '--out', out, '--kind', 'training', '--layers', 'dense_1'], /do not apply to --kind training/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
      expect(r.stderr).toMatch(message);
      oneLine(r.stderr);
    }
  });

  it('infoplane plot reports an unreadable or malformed run file in one line naming RUN (exit 1)', async () => {
    const missing = await cli('plot', join(dir, 'nope.ndjson'), '--out', join(dir, 'x.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^infoplane plot: RUN must be a readable run file; got ".*nope\.ndjson" \(ENOENT\)\. \[readRun\]\n$/);
    const notRun = await cli('plot', join(RUNS, 'README.md'), '--out', join(dir, 'x.json'));
    expect(notRun.code).toBe(1);
    expect(notRun.stderr).toMatch(/^infoplane plot: RUN must be a run file starting with an infoplane-run header line/);
    oneLine(notRun.stderr);
  });

  it('infoplane plot --help describes the command', async () => {
    const r = await cli('plot', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: infoplane plot RUN...');
    expect(r.stdout).toContain('apt-get install -y chromium');
    expect((await cli('--help')).stdout).toContain('infoplane plot RUN...');
  });

  const chromium = findChromium();
  const e2e = chromium ? it : it.skip;
  if (!chromium) console.warn('infoplane plot --out FILE.svg test skipped: Chromium is missing (apt-get install -y chromium, or set INFOPLANE_CHROMIUM)');
  e2e('infoplane plot RUN --out FILE.svg draws the figure in headless Chromium', async () => {
    const out = join(dir, 'plane.svg');
    const r = await cli('plot', fixture('tiny.ndjson'), '--out', out, '--width', '500', '--height', '400');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="500"');
    expect(svg.match(/class="trace scatter/g)).toHaveLength(2);
  });

  it('infoplane plot --out FILE.png with a missing Chromium says how to install it (exit 1)', async () => {
    const saved = process.env.INFOPLANE_CHROMIUM;
    process.env.INFOPLANE_CHROMIUM = '/nonexistent/chromium';
    try {
      const r = await cli('plot', fixture('tiny.ndjson'), '--out', join(dir, 'x.png'));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('apt-get install -y chromium, or set INFOPLANE_CHROMIUM to a Chrome/Chromium executable');
      expect(r.stderr).toMatch(/^infoplane plot: Chromium must be a Chrome\/Chromium executable/);
      oneLine(r.stderr);
    } finally {
      if (saved === undefined) delete process.env.INFOPLANE_CHROMIUM;
      else process.env.INFOPLANE_CHROMIUM = saved;
    }
  });
});
