import { makeRun } from '../plot/__tests__/makeRun';
import { formatRunSummary, summarizeRun } from './summarizeRun';
import { layerOrderingViolations } from './layerOrdering';
import { Run } from './types';

/** A run whose I(X;T) per (layer, epoch) is `ixt(l, e)`, with optional standard errors in the params. */
function runOf(ixt: (l: number, e: number) => number, se?: number): Run {
  const run = makeRun({ estimators: { ksg: (l, e) => ({ ixt: ixt(l, e), ity: 0.5 }) } });
  if (se !== undefined) for (const p of run.points) p.params = { standardErrorXT: se };
  return run;
}

describe('layerOrderingViolations', () => {
  it('layerOrderingViolations(run) is empty when I(X;T) does not increase with depth', () => {
    expect(layerOrderingViolations(runOf((l) => 3 - l))).toEqual([]);
    // equal values, and increases within 1% of the value (no error bars), are not violations
    expect(layerOrderingViolations(runOf(() => 2))).toEqual([]);
    expect(layerOrderingViolations(runOf((l) => 2 + 0.019 * l))).toEqual([]);
  });

  it('layerOrderingViolations(run) names the consecutive layers, the epochs and the largest excess', () => {
    // dense_3 exceeds dense_2 by 0.5 at epochs 2 and 3 only
    const v = layerOrderingViolations(runOf((l, e) => (l === 2 && e >= 2 ? 3 : 3 - 0.5 * l)));
    expect(v).toEqual([{ estimator: 'ksg', layer: 'dense_2', deeperLayer: 'dense_3', epochs: [2, 3], maxExcess: 0.5, margin: 'relative' }]);
  });

  it('layerOrderingViolations(run) uses 2 combined standard errors when the points carry them', () => {
    const growing = (l: number) => 2 + 0.3 * l;
    // margin 2 sqrt(2) 0.2 = 0.566 > 0.3: within the error bars
    expect(layerOrderingViolations(runOf(growing, 0.2))).toEqual([]);
    // margin 2 sqrt(2) 0.05 = 0.141 < 0.3: beyond them
    const v = layerOrderingViolations(runOf(growing, 0.05));
    expect(v.map((x) => [x.layer, x.deeperLayer, x.margin])).toEqual([
      ['dense_1', 'dense_2', 'error bars'],
      ['dense_2', 'dense_3', 'error bars'],
    ]);
  });

  it('summarizeRun(run).layerOrdering and formatRunSummary report it as a warning (what inspect prints)', () => {
    const s = summarizeRun(runOf((l) => 1 + l));
    expect(s.layerOrdering).toHaveLength(2);
    const text = formatRunSummary(s);
    expect(text).toContain('layer ordering (data-processing inequality), 2 warning(s):');
    expect(text).toContain('ksg: I(X;T) of dense_2 exceeds that of dense_1 at 4 epoch(s) (0, 1, 2, 3) by up to 1.00 bits');
  });
});
