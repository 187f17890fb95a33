/**
 * Reading what the figure builders need out of `Run` objects: validation at the public boundary, the
 * estimator and layers to show, per-layer series, medians across seeds, and the ceilings of the plane.
 * Internal to `src/plot`.
 */
import { describeValue, fail } from '../core/errors';
import { Units } from '../core/units';
import { aggregate } from '../run/aggregate';
import { withLabelSet } from '../run/labelSets';
import { Run, RunPointRecord } from '../run/types';
import { Quantity, QUANTITY_NAMES } from './figure';

/** Check `run` (one run or several seeds) and return it as a non-empty list of runs with the same units. */
export function toRunList(run: unknown, fn: string, param = 'run'): Run[] {
  const list = Array.isArray(run) ? run : [run];
  if (list.length === 0) fail('empty', { fn, param, expected: 'a run or a non-empty array of runs', received: 'an empty array' });
  list.forEach((r, i) => {
    const name = Array.isArray(run) ? `${param}[${i}]` : param;
    if (typeof r !== 'object' || r === null || typeof (r as Run).header !== 'object' || (r as Run).header === null) {
      fail('invalid_type', { fn, param: name, expected: 'a Run ({header, points, epochs})', received: describeValue(r) });
    }
    if (!Array.isArray((r as Run).points)) {
      fail('invalid_type', { fn, param: `${name}.points`, expected: 'an array of point records', received: describeValue((r as Run).points) });
    }
    if ((r as Run).epochs !== undefined && !Array.isArray((r as Run).epochs)) {
      fail('invalid_type', { fn, param: `${name}.epochs`, expected: 'an array of epoch records', received: describeValue((r as Run).epochs) });
    }
  });
  const runs = list as Run[];
  const units = unitsOf(runs[0]);
  runs.forEach((r, i) => {
    if (unitsOf(r) !== units) {
      fail('invalid_option', {
        fn,
        param: `${param}[${i}].header.units`,
        expected: `the units of the first run (${units})`,
        received: describeValue(r.header.units),
        detail: 'runs shown together must use the same units',
      });
    }
  });
  return runs;
}

export function unitsOf(run: Run): Units {
  return run.header.units === 'nats' ? 'nats' : 'bits';
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** True when the point carries a finite value of `q`. */
export function has(p: RunPointRecord, q: Quantity): boolean {
  return isNum(p[q]);
}

/** Estimator names that occur in the runs, in header order first, then in order of appearance. */
export function estimatorsIn(runs: Run[]): string[] {
  const names: string[] = [];
  const add = (n: unknown) => {
    if (typeof n === 'string' && !names.includes(n)) names.push(n);
  };
  for (const r of runs) for (const e of r.header.estimators ?? []) add(e?.name);
  for (const r of runs) for (const p of r.points) add(p.estimator);
  return names;
}

/** Estimators with at least one point that has every quantity in `need`. */
export function estimatorsWith(runs: Run[], need: readonly Quantity[]): string[] {
  return estimatorsIn(runs).filter((e) => runs.some((r) => r.points.some((p) => p.estimator === e && need.every((q) => has(p, q)))));
}

/**
 * The estimator to show: `requested` if given (it must have points with `need`), else the first estimator
 * of the run that has such points.
 */
export function resolveEstimator(runs: Run[], requested: unknown, need: readonly Quantity[], fn: string): string {
  const usable = estimatorsWith(runs, need);
  const what = need.length ? need.map((q) => (q === 'ixt' ? 'I(X;T)' : q === 'ity' ? 'I(T;Y)' : 'H(T)')).join(' and ') : 'information';
  if (usable.length === 0) {
    fail('empty', {
      fn,
      param: 'run',
      expected: `a run with ${what} points`,
      received: `none (estimators in the run: ${estimatorsIn(runs).join(', ') || 'none'})`,
    });
  }
  if (requested === undefined) return usable[0];
  if (typeof requested !== 'string' || !usable.includes(requested)) {
    fail(typeof requested === 'string' ? 'invalid_option' : 'invalid_type', {
      fn,
      param: 'estimator',
      expected: usable.length ? `one of ${usable.map((u) => JSON.stringify(u)).join(', ')} (estimators of the run with ${what})` : `an estimator of the run with ${what}`,
      received: describeValue(requested),
    });
  }
  return requested;
}

/** Layer names of the runs ordered by `layerIndex` (then first appearance). */
export function layersIn(runs: Run[], estimators?: readonly string[]): string[] {
  const index = new Map<string, number>();
  for (const r of runs) {
    for (const l of r.header.model?.layers ?? []) if (typeof l?.name === 'string' && !index.has(l.name)) index.set(l.name, Infinity);
    for (const p of r.points) {
      if (estimators && !estimators.includes(p.estimator)) continue;
      const prev = index.get(p.layer);
      const li = isNum(p.layerIndex) ? p.layerIndex : Infinity;
      if (prev === undefined || li < prev) index.set(p.layer, li);
    }
  }
  const seen = new Set(runs.flatMap((r) => r.points.filter((p) => !estimators || estimators.includes(p.estimator)).map((p) => p.layer)));
  const order = [...index.keys()].filter((l) => seen.has(l));
  return order
    .map((name, i) => ({ name, i, li: index.get(name)! }))
    .sort((a, b) => a.li - b.li || a.i - b.i)
    .map((x) => x.name);
}

/** The layers to show: `requested` (every name must be a layer of the run) or every layer with points. */
export function resolveLayers(runs: Run[], requested: unknown, estimators: readonly string[], fn: string): string[] {
  const all = layersIn(runs, estimators);
  if (requested === undefined) {
    if (all.length === 0) fail('empty', { fn, param: 'run', expected: 'a run with point records', received: 'no points' });
    return all;
  }
  if (!Array.isArray(requested) || requested.length === 0 || requested.some((l) => typeof l !== 'string')) {
    fail('invalid_type', { fn, param: 'layers', expected: 'a non-empty array of layer names', received: describeValue(requested) });
  }
  for (const l of requested as string[]) {
    if (!all.includes(l)) {
      fail('invalid_option', { fn, param: 'layers', expected: `layer names among ${all.map((a) => JSON.stringify(a)).join(', ')}`, received: describeValue(l) });
    }
  }
  return requested as string[];
}

/** One layer's points of one estimator, sorted by epoch (the last record of an epoch wins). */
export function layerPoints(run: Run, estimator: string, layer: string): RunPointRecord[] {
  const byEpoch = new Map<number, RunPointRecord>();
  for (const p of run.points) if (p.estimator === estimator && p.layer === layer && isNum(p.epoch)) byEpoch.set(p.epoch, p);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/**
 * How the spread across seeds is drawn: inter-quartile range, full range, or not at all. The plot names of
 * the spreads of `aggregate` (src/run/aggregate.ts): 'iqr' is its 'quartiles'.
 */
export type SeedSpread = 'iqr' | 'range' | 'none';

export interface Summary {
  median: number;
  lo: number;
  hi: number;
  /** Number of runs that contributed. */
  count: number;
}

/** Median and spread of `values` (non-empty), with the number of values. */
export function summarize(values: number[], spread: SeedSpread): Summary {
  return { ...aggregate(values, spread), count: values.length };
}

/** Per-epoch values of `quantity` across runs: epoch -> values (one per run that has it). */
export function valuesByEpoch(runs: Run[], estimator: string, layer: string, quantity: Quantity): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of runs) {
    for (const p of layerPoints(r, estimator, layer)) {
      if (!has(p, quantity)) continue;
      const list = out.get(p.epoch) ?? [];
      list.push(p[quantity] as number);
      out.set(p.epoch, list);
    }
  }
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * The names of what an estimator's points hold in `ixt`, `ity` and `hT`: a representation measure's own names,
 * declared in its run-header entry (`quantities`, e.g. `coding rate R(T)`), else I(X;T), I(T;Y) and H(T).
 * `information` is false when `ixt` or `ity` is renamed: the information ceilings (log n, H(Y)) and the
 * saturation test do not apply to such a pair.
 */
export function quantityNames(runs: Run[], estimator: string): Record<Quantity, string> & { information: boolean } {
  const out = { ...QUANTITY_NAMES, information: true };
  for (const r of runs) {
    const entry = (r.header.estimators ?? []).find((e) => (e?.label ?? e?.name) === estimator);
    const declared = entry?.quantities;
    if (typeof declared !== 'object' || declared === null) continue;
    for (const q of ['ixt', 'ity', 'hT'] as const) if (typeof declared[q] === 'string' && declared[q] !== '') out[q] = declared[q] as string;
    // I(T;Y_noisy) (a run seen through one of its label sets, `withLabelSet`) is still I(T;Y)
    out.information = out.ixt === QUANTITY_NAMES.ixt && (out.ity === QUANTITY_NAMES.ity || /^I\(T;Y_.+\)$/.test(out.ity));
    break;
  }
  return out;
}

/** Ceiling of I(X;T): log n of the probe size (in the run's units), or undefined when unknown. */
export function ixtCeiling(run: Run): number | undefined {
  const n = run.header.probeSize;
  if (!isNum(n) || n < 2) return undefined;
  return unitsOf(run) === 'bits' ? Math.log2(n) : Math.log(n);
}

/**
 * The runs seen through label set `labels` (`withLabelSet`: `ity` is that set's I(T;Y)), or as they are when
 * `labels` is undefined.
 */
export function selectLabelSet(runs: Run[], labels: unknown, fn: string): Run[] {
  if (labels === undefined) return runs;
  return runs.map((r) => withLabelSet(r, labels as string, fn, 'labels'));
}

/** H(Y) of the run (header.meta.hY, in the run's units), or undefined. */
export function hYOf(run: Run): number | undefined {
  const v = run.header.meta?.hY;
  return isNum(v) && v >= 0 ? v : undefined;
}

/** Smallest and largest epoch of the points of `estimators` (or all), or [0, 0]. */
export function epochRange(runs: Run[], estimators?: readonly string[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of runs) {
    for (const p of r.points) {
      if (estimators && !estimators.includes(p.estimator)) continue;
      if (!isNum(p.epoch)) continue;
      lo = Math.min(lo, p.epoch);
      hi = Math.max(hi, p.epoch);
    }
  }
  return lo === Infinity ? [0, 0] : [lo, hi];
}
