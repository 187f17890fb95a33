/**
 * `maxSamples` of every estimator family but dse and dsmi (which subsample inside their kernel), in one place.
 *
 * Each family spec declares `maxSamples` (and `seed`, where the family has none of its own) by spreading
 * `SUBSAMPLING_PARAMS` (specs/subsampling.ts) into its `params`, so the options types, the CLI flags, help and the
 * docs tables list them. Each public estimator function of a family is one of the wrappers below around the
 * module's full-data function: with `maxSamples` given, it checks every option, draws the seeded subset with
 * `subsampleRows` (core/subsample.ts; stratified by class when labels are given) and calls the full-data function
 * on those rows. Direct calls and the registry (CLI, recorder, sweep) reach the same wrappers, so the subset and
 * its report are the same everywhere: `params` gains `maxSamples`, `seed`, `rowsGiven`, `rowsUsed` and
 * `stratified` (also when maxSamples >= n, where every row is used), and fewer rows used than given adds a
 * `subsampled` warning. Without `maxSamples` the full-data function gets the options as given: nothing is added.
 */
import { isLabels, Labels, toLabels } from '../core/labels';
import { isSamples, Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { selectLabels, subsampleRows } from '../core/subsample';
import { checkOptionNames, checkSameCount } from '../core/validate';
import { paramWarnings } from './diagnostics/paramWarnings';
import { FamilySpec, MiTarget, Operation, resolveOptions } from './specs/spec';
import { SUBSAMPLING_PARAMS } from './specs/subsampling';
import { Estimate, PlanePoint } from './types';

interface Draw {
  /** Options for the full-data function: those given, without `maxSamples`. */
  rest: Record<string, unknown>;
  maxSamples: number;
  seed: number;
}

/** The subset asked for, or undefined when `options` has no `maxSamples` (they go to the full-data function untouched). */
function drawOf(spec: FamilySpec, fn: string, options: unknown, operation: Operation): Draw | undefined {
  if (typeof options !== 'object' || options === null || (options as Record<string, unknown>).maxSamples === undefined) return undefined;
  // every option is checked before rows are drawn (unknown names, maxSamples and seed out of range: one-line errors)
  const o = resolveOptions(spec, fn, options, operation) as Record<string, unknown>;
  const rest = { ...(options as Record<string, unknown>) };
  delete rest.maxSamples;
  return { rest, maxSamples: o.maxSamples as number, seed: (o.seed as number | undefined) ?? 0 };
}

/** Class labels if `value` is (or converts to) labels, else undefined (a continuous target, subsampled without strata). */
function labelsOrUndefined(fn: string, value: SamplesLike | Labels, param: string): Labels | undefined {
  if (isLabels(value)) return value;
  try {
    return toLabels(value, { fn, param });
  } catch {
    return undefined; // not integer labels (or not valid data: the draw's conversion reports it)
  }
}

interface Drawn {
  vars: Samples[];
  labels?: Labels;
  given: number;
  used: number;
}

/** The drawn rows of the variables and (optionally) the labels, or all of them when maxSamples >= n. */
function draw(fn: string, d: Draw, vars: Array<[string, SamplesLike]>, labels?: Labels, labelsParam = 'labels'): Drawn {
  const converted = vars.map(([param, v]) => toSamples(v, { fn, param, minSamples: 2 }));
  checkSameCount(fn, [...vars.map(([param], i) => [param, converted[i].n] as const), ...(labels ? [[labelsParam, labels.n] as const] : [])]);
  const n = converted[0].n;
  const rows = subsampleRows(n, d.maxSamples, d.seed, labels);
  if (!rows) return { vars: converted, labels, given: n, used: n };
  return { vars: converted.map((s) => selectRows(s, rows)), labels: labels && selectLabels(labels, rows), given: n, used: rows.length };
}

/** The result with the subset reported in `params` (and a `subsampled` warning when rows were left out). */
function withReport<R extends PlanePoint | Estimate>(r: R, d: Draw, s: Drawn, stratified: boolean): R {
  const report = { maxSamples: d.maxSamples, seed: d.seed, rowsGiven: s.given, rowsUsed: s.used, stratified };
  return { ...r, params: { ...r.params, ...report }, warnings: [...r.warnings, ...paramWarnings(report, s.given)] };
}

/**
 * `point` with `maxSamples`: `full(x, t, labels, options)` on a seeded subset of the rows, stratified by the labels
 * (uniform when they are a continuous target). `fn` is the public function's name, for the errors.
 */
export function subsampledPoint<O, R extends PlanePoint>(
  spec: FamilySpec,
  fn: string,
  full: (x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options: O) => R,
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: O,
): R {
  const d = drawOf(spec, fn, options, 'point');
  if (!d) return full(x, t, labels, options);
  const ls = labelsOrUndefined(fn, labels, 'labels');
  if (ls) {
    const s = draw(fn, d, [['x', x], ['t', t]], ls);
    return withReport(full(s.vars[0], s.vars[1], s.labels!, d.rest as O), d, s, true);
  }
  const s = draw(fn, d, [['x', x], ['t', t], ['labels', labels as SamplesLike]]);
  return withReport(full(s.vars[0], s.vars[1], s.vars[2], d.rest as O), d, s, false);
}

/**
 * `mi` with `maxSamples`: `full(a, b, options)` on a seeded subset of the rows, stratified when `b` is class labels:
 * a `Labels` object, or (`target` 'labels', the spec's `miTarget` by default) anything but a `Samples` object that
 * converts to labels. `names` are the public function's names of its two variables, for the errors.
 */
export function subsampledMi<O, R extends Estimate>(
  spec: FamilySpec,
  fn: string,
  full: (a: SamplesLike, b: SamplesLike | Labels, options: O) => R,
  a: SamplesLike,
  b: SamplesLike | Labels,
  options: O,
  target: MiTarget = spec.miTarget ?? 'either',
  names: readonly [string, string] = ['a', 'b'],
): R {
  const d = drawOf(spec, fn, options, 'mi');
  if (!d) return full(a, b, options);
  const ls = isLabels(b) ? b : target === 'labels' && !isSamples(b) ? labelsOrUndefined(fn, b, names[1]) : undefined;
  if (ls) {
    const s = draw(fn, d, [[names[0], a]], ls, names[1]);
    return withReport(full(s.vars[0], s.labels!, d.rest as O), d, s, true);
  }
  const s = draw(fn, d, [[names[0], a], [names[1], b as SamplesLike]]);
  return withReport(full(s.vars[0], s.vars[1], d.rest as O), d, s, false);
}

/** `entropy` with `maxSamples`: `full(a, options)` on a seeded uniform subset of the rows of `a` (named `name`). */
export function subsampledEntropy<O, R extends Estimate>(spec: FamilySpec, fn: string, full: (a: SamplesLike, options: O) => R, a: SamplesLike, options: O, name = 'a'): R {
  const d = drawOf(spec, fn, options, 'entropy');
  if (!d) return full(a, options);
  const s = draw(fn, d, [[name, a]]);
  return withReport(full(s.vars[0], d.rest as O), d, s, false);
}

/**
 * Refuse `maxSamples` (and the shared `seed`) in a helper that maps every row it is given (`binningSymbols`,
 * `adaptiveBinningEdges`): a subset there would silently change its output's shape or meaning.
 */
export function checkNoSubsampling(spec: FamilySpec, fn: string, options: object | undefined): void {
  const shared = SUBSAMPLING_PARAMS as Record<string, unknown>;
  checkOptionNames(fn, options, [...Object.keys(spec.params).filter((name) => spec.params[name] !== shared[name]), 'units']);
}
