/** `infoplane plot --kind spectra` and `--labels`, on a run the framework-free recorder writes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { weightSpectrum } from '../../core/spectral/weightSpectrum';
import { createRecorder } from '../../record/recorder';

const dir = tempDir('infoplane-plot-spectra-');

/** A run of two layers at epochs 0..2 against label sets clean and noisy, with weight spectra; returns its file. */
async function writeRun(): Promise<string> {
  const n = 64;
  const x = Array.from({ length: n }, (_, i) => [i]);
  const clean = Array.from({ length: n }, (_, i) => i % 2);
  const noisy = clean.map((y, i) => (i % 4 === 1 ? 1 - y : y));
  const file = join(dir, 'run.ndjson');
  const rec = createRecorder({ inputs: x, labelSets: { clean, noisy }, estimators: ['binning'], runFile: file, overwrite: true });
  for (const epoch of [0, 1, 2]) {
    const h1 = x.map(([i]) => [Math.tanh((i - 32) / (8 + epoch)), Math.tanh(((i % 2) - 0.5) * (epoch + 1))]);
    const h2 = h1.map(([a, b]) => [Math.tanh(a + b)]);
    const kernel = (s: number) => weightSpectrum(Float64Array.from([s, 0, 0, 1]), 2, 2);
    await rec.record(epoch, { h1, h2 }, { loss: 1 / (epoch + 1) }, { weightSpectra: { h1: kernel(1 + epoch), h2: kernel(2 * (1 + epoch)) } });
  }
  rec.close();
  return file;
}

describe('infoplane plot --kind spectra and --labels', () => {
  it('infoplane plot RUN --kind spectra draws kappa per layer against epoch; --spectrum log-volume the log-volume', async () => {
    const run = await writeRun();
    const out = join(dir, 'spectra.json');
    const r = await cli('plot', run, '--kind', 'spectra', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*spectra\.json \(spectra, 1 run, \d+ bytes\)\n$/);
    const fig = JSON.parse(readFileSync(out, 'utf8'));
    expect(fig.data.map((t: { name: string }) => t.name)).toEqual(['h1', 'h2']);
    expect(fig.data[0].y).toEqual([1, 2, 3]); // kappa of diag(1 + e, 1)
    expect(fig.data[1].y).toEqual([2, 4, 6]);
    expect(fig.layout.yaxis.type).toBe('log');
    const lv = join(dir, 'log-volume.json');
    expect((await cli('plot', run, '--kind', 'spectra', '--spectrum', 'log-volume', '--layers', 'h2', '--out', lv)).code).toBe(0);
    const f = JSON.parse(readFileSync(lv, 'utf8'));
    f.data[0].y.forEach((v: number, e: number) => expect(v).toBeCloseTo(Math.log(2 * (1 + e)), 12));
  });

  it('infoplane plot RUN --labels noisy draws I(T;Y) against the noisy labels', async () => {
    const run = await writeRun();
    const out = join(dir, 'noisy.json');
    const r = await cli('plot', run, '--labels', 'noisy', '--out', out);
    expect(r.code).toBe(0);
    const fig = JSON.parse(readFileSync(out, 'utf8'));
    expect(fig.layout.yaxis.title.text).toBe('I(T;Y_noisy) [bits]');
    const points = readFileSync(run, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((p) => p.type === 'point' && p.layer === 'h1');
    expect(fig.data[0].y).toEqual(points.map((p) => p.itySets.noisy));
    expect(points.some((p) => p.itySets.noisy !== p.itySets.clean)).toBe(true);
    const curves = join(dir, 'curves.json');
    expect((await cli('plot', run, '--kind', 'curves', '--labels', 'clean', '--out', curves)).code).toBe(0);
  });

  it('infoplane plot reports --labels and --spectrum mistakes in one line', async () => {
    const run = await writeRun();
    const out = join(dir, 'x.json');
    const cases: [string[], RegExp][] = [
      [['--labels', 'other'], /labels must be one of the run's label sets \("clean", "noisy"\); got "other"/],
      [['--kind', 'training', '--labels', 'noisy'], /--labels applies to --kind plane, panels, layers and curves only/],
      [['--spectrum', 'kappa'], /--spectrum applies to --kind spectra only/],
      [['--kind', 'spectra', '--spectrum', 'rank'], /--spectrum must be one of/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('plot', run, '--out', out, ...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
