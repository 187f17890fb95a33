/**
 * Runs recorded against several named label sets (the recorder's `labelSets`, e.g. `{clean, noisy}` under label
 * noise): every point keeps I(T;Y) per set in `itySets`, and `ity` is the first set's. `withLabelSet(run, name)`
 * makes the run in which `ity` is another set's, so every figure, summary and query that reads `ity` shows that
 * set's I(T;Y).
 */
import { describeValue, fail } from '../core/errors';
import { Run, RunPointRecord } from './types';

/** The names of a run's label sets, in order (`header.meta.labelSets`), or [] for a run with one set. */
export function labelSetsOf(run: Run): string[] {
  const names = run.header.meta?.labelSets;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * The run with I(T;Y) against label set `name`: each point's `ity` is `itySets[name]` (a point without it, such as
 * one measured against a continuous target, loses its `ity`), the baseline and bootstrap of I(T;Y), which are the
 * first set's, are dropped for another set, `header.meta.hY` is that set's H(Y) and each information estimator's
 * I(T;Y) is named `I(T;Y_name)` (the figures' axis titles). The first set gives the run as it is, apart from the
 * name. Pure: the given run is not changed. O(points).
 *
 * @throws InfoplaneError (`invalid_option`) when the run has no such label set.
 * @example
 * infoPlaneFigure(withLabelSet(run, 'noisy')); // the plane of I(X;T) against I(T;Y_noisy)
 */
export function withLabelSet(run: Run, name: string, fn = 'withLabelSet', param = 'labels'): Run {
  const names = labelSetsOf(run);
  if (typeof name !== 'string' || !names.includes(name)) {
    fail(typeof name === 'string' ? 'invalid_option' : 'invalid_type', {
      fn,
      param,
      expected: names.length ? `one of the run's label sets (${names.map((n) => JSON.stringify(n)).join(', ')})` : 'the name of a label set of a run recorded with labelSets (this run has one set)',
      received: describeValue(name),
    });
  }
  const first = name === names[0];
  const points = run.points.map((p): RunPointRecord => {
    const { ity: _ity, baseline, bootstrap, ...rest } = p;
    const out: RunPointRecord = { ...rest };
    const value = p.itySets?.[name];
    if (typeof value === 'number') out.ity = value;
    if (first && baseline) out.baseline = baseline;
    if (bootstrap) {
      const { ity: _interval, ...others } = bootstrap.intervals;
      out.bootstrap = first ? bootstrap : { ...bootstrap, intervals: others };
    }
    return out;
  });
  const hY = (run.header.meta?.hYSets as Record<string, unknown> | undefined)?.[name];
  const meta: Record<string, unknown> = { ...run.header.meta, labelSet: name };
  if (typeof hY === 'number') meta.hY = hY;
  else delete meta.hY;
  // information estimators name their I(T;Y) after the set; a representation measure keeps its own names
  const estimators = run.header.estimators.map((e) => (e.quantities ? e : { ...e, quantities: { ity: `I(T;Y_${name})` } }));
  return { ...run, header: { ...run.header, estimators, meta }, points };
}
