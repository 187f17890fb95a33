import { createRunHeader } from './header';
import { labelSetsOf, withLabelSet } from './labelSets';
import { Run, RunPointRecord } from './types';

/** A run of two layers at epochs 0 and 5 recorded against label sets clean and noisy (binning), plus a cs point against a continuous target. */
function run(): Run {
  const header = createRunHeader({
    model: { layers: [{ name: 'h1', units: 3 }, { name: 'h2', units: 2 }] },
    dataset: 'toy',
    probeSize: 64,
    estimators: [{ name: 'binning', params: { bins: 30 } }, { name: 'coding-rate', params: {}, quantities: { ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)' } }],
    units: 'bits',
    meta: { hY: 1, labelSets: ['clean', 'noisy'], hYSets: { clean: 1, noisy: 0.9 } },
  });
  const points: RunPointRecord[] = [];
  for (const epoch of [0, 5]) {
    for (const [i, layer] of ['h1', 'h2'].entries()) {
      const clean = 0.1 * (i + 1) + epoch / 10;
      const noisy = clean / 2;
      points.push({
        type: 'point',
        epoch,
        layer,
        layerIndex: i,
        estimator: 'binning',
        ixt: 3,
        ity: clean,
        itySets: { clean, noisy },
        baseline: { ity: { shuffles: 5, seed: 0, mean: 0.01, sd: 0.001, min: 0, max: 0.02 } },
        bootstrap: { bootstrap: 10, seed: 0, level: 0.95, intervals: { ixt: { mean: 3, sd: 0, lower: 3, upper: 3, nonFinite: 0 }, ity: { mean: clean, sd: 0, lower: clean, upper: clean, nonFinite: 0 } } },
      });
      points.push({ type: 'point', epoch, layer, layerIndex: i, estimator: 'cs', ixt: 1, ity: 0.7 });
    }
  }
  return { header, points, epochs: [] };
}

describe('withLabelSet', () => {
  it('withLabelSet(run, name) puts that set\'s I(T;Y) in ity and its H(Y) in meta.hY, leaving the run unchanged', () => {
    const r = run();
    const before = JSON.stringify(r);
    const noisy = withLabelSet(r, 'noisy');
    expect(JSON.stringify(r)).toBe(before);
    const binning = noisy.points.filter((p) => p.estimator === 'binning');
    expect(binning.map((p) => p.ity)).toEqual(r.points.filter((p) => p.estimator === 'binning').map((p) => p.itySets!.noisy));
    expect(binning.every((p) => p.ixt === 3)).toBe(true);
    // the baseline and bootstrap of I(T;Y) are the first set's: not shown against another set
    expect(binning.every((p) => p.baseline === undefined && p.bootstrap!.intervals.ity === undefined && p.bootstrap!.intervals.ixt !== undefined)).toBe(true);
    // a point measured against a continuous target has no I(T;Y) for a label set
    expect(noisy.points.filter((p) => p.estimator === 'cs').every((p) => p.ity === undefined && p.ixt === 1)).toBe(true);
    expect(noisy.header.meta).toMatchObject({ hY: 0.9, labelSet: 'noisy' });
    expect(noisy.header.estimators[0].quantities).toEqual({ ity: 'I(T;Y_noisy)' });
    expect(noisy.header.estimators[1].quantities).toEqual({ ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)' });
    // the first set gives the run's own values, baseline and bootstrap included
    const clean = withLabelSet(r, 'clean');
    expect(clean.points.filter((p) => p.estimator === 'binning')).toEqual(r.points.filter((p) => p.estimator === 'binning'));
    expect(clean.header.meta?.hY).toBe(1);
  });

  it('withLabelSet rejects a set the run does not have, naming the sets', () => {
    expect(() => withLabelSet(run(), 'other')).toThrow(/labels must be one of the run's label sets \("clean", "noisy"\); got "other"/);
    const one = run();
    one.header.meta = { hY: 1 };
    expect(() => withLabelSet(one, 'clean')).toThrow(/a run recorded with labelSets \(this run has one set\)/);
    expect(labelSetsOf(one)).toEqual([]);
    expect(labelSetsOf(run())).toEqual(['clean', 'noisy']);
  });
});
