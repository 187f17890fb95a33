/**
 * Several runs of the same experiment (different seeds) combined into one curve per (estimator, layer, epoch):
 * the median across runs and a spread (min/max or quartiles).
 */
import { describeValue, fail } from '../core/errors';
import { fromNats, toNats, Units } from '../core/units';
import { checkChoice, checkOptionNames } from '../core/validate';
import { aggregate, Spread } from './aggregate';
import { Run } from './types';

export type { Spread } from './aggregate';
export { quantileSorted } from './aggregate';

export interface CombinedPoint {
  estimator: string;
  layer: string;
  layerIndex: number;
  epoch: number;
  /** Number of runs that recorded this (estimator, layer, epoch). */
  runs: number;
  ixt?: Spread;
  ity?: Spread;
  hT?: Spread;
}

export interface CombinedRuns {
  units: Units;
  spread: 'minmax' | 'quartiles';
  /** Run ids, in input order. */
  runIds: string[];
  /** Sorted by estimator (first-seen order), layer index, epoch. */
  points: CombinedPoint[];
}

export interface CombineRunsOptions {
  /**
   * Spread reported: 'minmax' (min and max) or 'quartiles' (first and third quartiles, linear interpolation).
   * Defaults to 'minmax'. 'minmax' is the 'range' of `aggregate` (./aggregate.ts, the one median-and-spread).
   */
  spread?: 'minmax' | 'quartiles';
  /** Units of the result (runs in other units are converted). Defaults to the first run's units. */
  units?: Units;
}

export const COMBINE_RUNS_DEFAULTS = { spread: 'minmax' } as const;

/**
 * Combine runs: for every (estimator, layer, epoch) recorded by at least one run, the median, and the min/max
 * or quartiles, of I(X;T), I(T;Y) and H(T) across the runs that have it. Non-finite values are left out.
 *
 * Cost: O(P log P) for P point records in all.
 *
 * @example
 * const c = combineRuns([readRun('seed0.ndjson'), readRun('seed1.ndjson')], {spread: 'quartiles'});
 * c.points[0].ixt; // => {median, lo, hi}
 */
export function combineRuns(runs: readonly Run[], options: CombineRunsOptions = {}): CombinedRuns {
  const fn = 'combineRuns';
  checkOptionNames(fn, options, ['spread', 'units']);
  if (!Array.isArray(runs) || runs.length === 0) fail('empty', { fn, param: 'runs', expected: 'a non-empty array of runs', received: describeValue(runs) });
  runs.forEach((r, i) => {
    if (!r || typeof r !== 'object' || !r.header || !Array.isArray(r.points)) {
      fail('invalid_type', { fn, param: `runs[${i}]`, expected: 'a Run (from readRun or parseRun)', received: describeValue(r) });
    }
  });
  const seenIds = new Map<string, number>();
  runs.forEach((r, i) => {
    const first = seenIds.get(r.header.runId);
    if (first !== undefined) {
      fail('invalid_option', { fn, param: `runs[${i}]`, expected: 'a run not given before (each run counts as one seed)', received: `run ${JSON.stringify(r.header.runId)} again (it is runs[${first}])` });
    }
    seenIds.set(r.header.runId, i);
  });
  const { spread = COMBINE_RUNS_DEFAULTS.spread, units = runs[0].header.units } = options;
  checkChoice(fn, 'spread', spread, ['minmax', 'quartiles'] as const);
  checkChoice(fn, 'units', units, ['bits', 'nats'] as const);
  type Acc = { estimator: string; layer: string; layerIndex: number; epoch: number; runs: Set<number>; ixt: number[]; ity: number[]; hT: number[] };
  const groups = new Map<string, Acc>();
  const estimatorOrder: string[] = [];
  runs.forEach((run, r) => {
    const from = run.header.units;
    const convert = (v: number) => (from === units ? v : fromNats(toNats(v, from), units));
    for (const p of run.points) {
      if (!estimatorOrder.includes(p.estimator)) estimatorOrder.push(p.estimator);
      const key = `${p.estimator}\u0000${p.layer}\u0000${p.epoch}`;
      let g = groups.get(key);
      if (!g) {
        g = { estimator: p.estimator, layer: p.layer, layerIndex: p.layerIndex, epoch: p.epoch, runs: new Set(), ixt: [], ity: [], hT: [] };
        groups.set(key, g);
      }
      if (g.runs.has(r)) {
        fail('invalid_option', {
          fn,
          param: `runs[${r}]`,
          expected: 'one point per (estimator, layer, epoch) in each run (a repeat would count as another seed)',
          received: `two points of estimator ${JSON.stringify(p.estimator)}, layer ${JSON.stringify(p.layer)} at epoch ${p.epoch}`,
          detail: 'read runs with readRun or parseRun, which keep the first and report the repeat',
        });
      }
      g.runs.add(r);
      for (const f of ['ixt', 'ity', 'hT'] as const) {
        const v = p[f];
        if (typeof v === 'number' && Number.isFinite(v)) g[f].push(convert(v));
      }
    }
  });
  const points: CombinedPoint[] = [...groups.values()]
    .sort((a, b) => estimatorOrder.indexOf(a.estimator) - estimatorOrder.indexOf(b.estimator) || a.layerIndex - b.layerIndex || a.epoch - b.epoch)
    .map((g) => {
      const out: CombinedPoint = { estimator: g.estimator, layer: g.layer, layerIndex: g.layerIndex, epoch: g.epoch, runs: g.runs.size };
      for (const f of ['ixt', 'ity', 'hT'] as const) if (g[f].length) out[f] = aggregate(g[f], spread);
      return out;
    });
  return { units, spread, runIds: runs.map((r) => r.header.runId), points };
}
