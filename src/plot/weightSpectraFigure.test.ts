import { weightSpectrum } from '../core/spectral/weightSpectrum';
import { Run, RunWeightSpectrum } from '../run/types';
import { makeRun, planeValues } from './__tests__/makeRun';
import { informationCurvesFigure } from './curves';
import { infoPlaneFigure, infoPlanePanels, layersFigure } from './infoPlane';
import { weightSpectraFigure } from './weightSpectraFigure';

type Obj = Record<string, any>;

/** diag(a, b) as a 3 x 2 kernel: kappa a/b, log-volume ln(ab), stable rank (a^2 + b^2) / a^2. */
function spectrum(a: number, b: number): RunWeightSpectrum {
  return weightSpectrum(Float64Array.from([a, 0, 0, b, 0, 0]), 3, 2);
}

/** The toy run with weight spectra: layer i at epoch e has diag(2 + e, 1 / (i + 1)); dense_3 is rank deficient at epoch 3. */
function spectraRun(): Run {
  const run = makeRun();
  for (const e of run.epochs) {
    e.weightSpectra = Object.fromEntries(['dense_1', 'dense_2', 'dense_3'].map((l, i) => [l, spectrum(2 + e.epoch, i === 2 && e.epoch === 3 ? 0 : 1 / (i + 1))]));
  }
  return run;
}

describe('weightSpectraFigure', () => {
  it('weightSpectraFigure(run) draws kappa against epoch, one line per layer, on a log axis', () => {
    const fig = weightSpectraFigure(spectraRun());
    expect(fig.data.map((t) => t.name)).toEqual(['dense_1', 'dense_2', 'dense_3']);
    const [d1, d2, d3] = fig.data;
    expect(d1.x).toEqual([0, 1, 2, 3]);
    (d1.y as number[]).forEach((v, e) => expect(v).toBeCloseTo(2 + e, 12)); // kappa of diag(2 + e, 1)
    (d2.y as number[]).forEach((v, e) => expect(v).toBeCloseTo((2 + e) * 2, 12));
    // rank deficient at epoch 3: not drawn, named in a note
    expect(d3.x).toEqual([0, 1, 2]);
    expect((fig.layout.annotations as Obj[])[0].text).toBe('⚠ rank deficient, κ = ∞ (not drawn): dense_3 (1 epoch)');
    expect((fig.layout.yaxis as Obj).type).toBe('log');
    expect((fig.layout.yaxis as Obj).title.text).toBe('condition number κ = s_max / s_min');
    expect((fig.layout.xaxis as Obj).title.text).toBe('epoch');
    expect(fig.layout.title).toMatchObject({ text: 'Weight spectra: condition number (toy)' });
  });

  it('weightSpectraFigure(run, {quantity}) draws the log-volume (natural log) or the stable rank on a linear axis', () => {
    const lv = weightSpectraFigure(spectraRun(), { quantity: 'logVolume', layers: ['dense_1'] });
    expect(lv.data).toHaveLength(1);
    (lv.data[0].y as number[]).forEach((v, e) => expect(v).toBeCloseTo(Math.log(2 + e), 12)); // ln((2 + e) x 1)
    expect((lv.layout.yaxis as Obj).type).toBeUndefined();
    expect((lv.layout.yaxis as Obj).title.text).toBe('log-volume Σ ln s_i [nats]');
    const sr = weightSpectraFigure(spectraRun(), { quantity: 'stableRank' });
    (sr.data[1].y as number[]).forEach((v, e) => expect(v).toBeCloseTo(((2 + e) ** 2 + 0.25) / (2 + e) ** 2, 12));
    expect(sr.layout.annotations).toBeUndefined(); // the stable rank of a rank-deficient matrix is finite
    expect((sr.layout.yaxis as Obj).title.text).toBe('stable rank ‖W‖²_F / s²_max');
  });

  it('weightSpectraFigure([runs]) draws the median across seeds with a band', () => {
    const a = spectraRun();
    const b = spectraRun();
    for (const e of b.epochs) e.weightSpectra!.dense_1 = spectrum(4 + e.epoch, 1);
    const fig = weightSpectraFigure([a, b], { layers: ['dense_1'], spread: 'range' });
    const line = fig.data[fig.data.length - 1];
    (line.y as number[]).forEach((v, e) => expect(v).toBeCloseTo(3 + e, 12)); // median of 2 + e and 4 + e
    expect(fig.data).toHaveLength(3); // band edges and the line
  });

  it('weightSpectraFigure rejects runs without spectra and bad options naming the parameter', () => {
    expect(() => weightSpectraFigure(makeRun())).toThrow(/run must be a run with weight spectra/);
    expect(() => weightSpectraFigure(spectraRun(), { quantity: 'rank' as never })).toThrow(/quantity must be one of "kappa", "logVolume", "stableRank"/);
    expect(() => weightSpectraFigure(spectraRun(), { layers: ['nope'] })).toThrow(/layers must be layers with weight spectra/);
  });
});

describe('figures of one label set (labels option)', () => {
  /** The toy run recorded against clean and noisy labels: noisy I(T;Y) is half the clean one; H(Y) 1 and 0.5 bits. */
  function labelledRun(): Run {
    const run = makeRun({ hY: 1 });
    for (const p of run.points) p.itySets = { clean: p.ity as number, noisy: (p.ity as number) / 2 };
    run.header.meta = { hY: 1, labelSets: ['clean', 'noisy'], hYSets: { clean: 1, noisy: 0.5 } };
    return run;
  }

  it('infoPlaneFigure(run, {labels}) plots I(T;Y) of that label set, titled with it, under its H(Y)', () => {
    const fig = infoPlaneFigure(labelledRun(), { labels: 'noisy' });
    fig.data.forEach((t, i) => expect(t.y).toEqual([0, 1, 2, 3].map((e) => planeValues(i, e).ity / 2)));
    expect((fig.layout.yaxis as Obj).title.text).toBe('I(T;Y_noisy) [bits]');
    expect(fig.data[0].hovertemplate).toContain('I(T;Y_noisy) = %{y:.4f} bits');
    expect((fig.layout.shapes as Obj[])[1].y0).toBe(0.5); // H(Y) of the noisy labels
    expect((fig.layout.title as Obj).text).toBe('Information plane: binning (toy, labels noisy)');
    // without the option: the first set, as before
    const plain = infoPlaneFigure(labelledRun());
    plain.data.forEach((t, i) => expect(t.y).toEqual([0, 1, 2, 3].map((e) => planeValues(i, e).ity)));
    expect((plain.layout.yaxis as Obj).title.text).toBe('I(T;Y) [bits]');
  });

  it('infoPlanePanels, layersFigure and informationCurvesFigure take {labels} too', () => {
    const run = labelledRun();
    expect((infoPlanePanels(run, { labels: 'noisy' }).data[0].y as number[])[3]).toBeCloseTo(planeValues(0, 3).ity / 2, 12);
    expect((layersFigure(run, { labels: 'noisy' }).layout.yaxis as Obj).title.text).toBe('I(T;Y_noisy) [bits]');
    const curves = informationCurvesFigure(run, { labels: 'noisy', quantities: ['ity'] });
    expect((curves.layout.yaxis as Obj).title.text).toBe('I(T;Y_noisy) [bits]');
    expect(curves.data[0].y).toEqual([0, 1, 2, 3].map((e) => planeValues(0, e).ity / 2));
    expect((curves.layout.shapes as Obj[])[0].y0).toBe(0.5);
    expect(() => infoPlaneFigure(run, { labels: 'other' })).toThrow(/infoPlaneFigure: labels must be one of the run's label sets \("clean", "noisy"\)/);
  });
});
