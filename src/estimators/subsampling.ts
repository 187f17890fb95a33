/**
 * `maxSamples` for every registered estimator, in one place: the registry binds each family's operations through
 * `registerSubsampled`, which declares `maxSamples` (and `seed`, where the family has none) in the spec (so the
 * CLI flags, help and docs tables list them) and draws the seeded, label-stratified subset before calling the
 * family's own function. The subset is reported in `params`: `maxSamples`, `seed`, `rowsGiven`, `rowsUsed`,
 * `stratified`.
 *
 * Direct calls of a family's functions do not take `maxSamples` (their options are refused, not ignored):
 * subsample first with `subsampleRows` (core/subsample.ts), or call the registered estimator.
 */
import { isLabels, Labels, toLabels } from '../core/labels';
import { Samples, SamplesLike, selectRows, toSamples } from '../core/samples';
import { selectLabels, subsampleRows } from '../core/subsample';
import { checkSameCount } from '../core/validate';
import { checkParam, integerParam } from './specs/params';
import { EstimatorSpec, FamilySpec, OperationsOf, Params, registerEstimator } from './specs/spec';
import { Estimate, PlanePoint } from './types';

/** The parameters every subsampled estimator declares. */
export const SUBSAMPLING_PARAMS = {
  maxSamples: integerParam({ min: 2, description: 'use a seeded random subset of this many rows (stratified by label when labels are given)', defaultText: 'all rows' }),
  // no fixed default, so results without a subset do not report a seed that played no part (0 is used)
  seed: integerParam({ min: 0, max: 2 ** 32 - 1, description: 'seed of the maxSamples subset', defaultText: '0' }),
};

type WithSubsampling<P extends Params> = P & Omit<typeof SUBSAMPLING_PARAMS, keyof P>;

/** The spec with `maxSamples` (and `seed` when it has none) declared. */
export function withSubsamplingParams<P extends Params>(spec: FamilySpec<P>): FamilySpec<WithSubsampling<P>> {
  const params = { ...spec.params } as Record<string, unknown>;
  params.maxSamples = SUBSAMPLING_PARAMS.maxSamples;
  if (!('seed' in spec.params)) params.seed = SUBSAMPLING_PARAMS.seed;
  return { ...spec, params: params as WithSubsampling<P> };
}

interface Draw {
  /** Options for the family's own function (maxSamples removed; seed removed when the family has none). */
  rest: Record<string, unknown>;
  maxSamples: number | undefined;
  seed: number;
}

function split(fn: string, spec: FamilySpec, options: object | undefined): Draw {
  const given = { ...((options ?? {}) as Record<string, unknown>) };
  const maxSamples = given.maxSamples;
  const seed = given.seed ?? 0;
  if (maxSamples !== undefined) checkParam(fn, 'maxSamples', SUBSAMPLING_PARAMS.maxSamples, maxSamples);
  checkParam(fn, 'seed', SUBSAMPLING_PARAMS.seed, seed);
  delete given.maxSamples;
  if (!('seed' in spec.params)) delete given.seed;
  return { rest: given, maxSamples: maxSamples as number | undefined, seed: seed as number };
}

/** Class labels if `value` is (or converts to) labels, else undefined (a continuous target). */
function labelsOrUndefined(fn: string, value: SamplesLike | Labels, param: string): Labels | undefined {
  if (isLabels(value)) return value;
  try {
    return toLabels(value, { fn, param });
  } catch {
    return undefined; // not integer labels: a continuous target, subsampled without strata
  }
}

/** The report of a draw, merged into the result's params. */
function report(draw: Draw, given: number, used: number, stratified: boolean): Record<string, unknown> {
  if (draw.maxSamples === undefined) return {};
  return { maxSamples: draw.maxSamples, seed: draw.seed, rowsGiven: given, rowsUsed: used, stratified };
}

function withParams<R extends PlanePoint | Estimate>(r: R, extra: Record<string, unknown>): R {
  return { ...r, params: { ...r.params, ...extra } };
}

/** A subset of variables and (optionally) labels: the rows drawn, or all of them. */
function draw(fn: string, d: Draw, vars: Array<[string, SamplesLike]>, labels?: Labels): { vars: Samples[]; labels?: Labels; given: number; used: number } {
  const converted = vars.map(([param, v]) => toSamples(v, { fn, param, minSamples: 2 }));
  checkSameCount(fn, [...vars.map(([param], i) => [param, converted[i].n] as const), ...(labels ? [['labels', labels.n] as const] : [])]);
  const n = converted[0].n;
  const rows = subsampleRows(n, d.maxSamples!, d.seed, labels);
  if (!rows) return { vars: converted, labels, given: n, used: n };
  return { vars: converted.map((s) => selectRows(s, rows)), labels: labels && selectLabels(labels, rows), given: n, used: rows.length };
}

/**
 * Register a family whose operations take `maxSamples`: the spec gains the shared parameters and every operation
 * draws its subset (seeded; stratified by the labels of `point` and of `mi` with class labels) before calling the
 * family's function.
 */
export function registerSubsampled<P extends Params>(spec: FamilySpec<P>, operations: OperationsOf<P>): EstimatorSpec<WithSubsampling<P>> {
  const full = withSubsamplingParams(spec);
  const ops: OperationsOf<Params> = {};
  const { point, mi, entropy, divergence } = operations as OperationsOf<Params>;
  if (point) {
    ops.point = (x, t, labels, options) => {
      const d = split(point.name, spec, options);
      if (d.maxSamples === undefined) return withParams(point(x, t, labels, d.rest), report(d, 0, 0, false));
      const ls = labelsOrUndefined(point.name, labels, 'labels');
      if (ls) {
        const s = draw(point.name, d, [['x', x], ['t', t]], ls);
        return withParams(point(s.vars[0], s.vars[1], s.labels!, d.rest), report(d, s.given, s.used, true));
      }
      const s = draw(point.name, d, [['x', x], ['t', t], ['labels', labels as SamplesLike]]);
      return withParams(point(s.vars[0], s.vars[1], s.vars[2], d.rest), report(d, s.given, s.used, false));
    };
  }
  if (mi) {
    ops.mi = (a, b, options) => {
      const d = split(mi.name, spec, options);
      if (d.maxSamples === undefined) return withParams(mi(a, b, d.rest), report(d, 0, 0, false));
      if (isLabels(b)) {
        const s = draw(mi.name, d, [['a', a]], b);
        return withParams(mi(s.vars[0], s.labels!, d.rest), report(d, s.given, s.used, true));
      }
      const s = draw(mi.name, d, [['a', a], ['b', b]]);
      return withParams(mi(s.vars[0], s.vars[1], d.rest), report(d, s.given, s.used, false));
    };
  }
  if (entropy) {
    ops.entropy = (a, options) => {
      const d = split(entropy.name, spec, options);
      if (d.maxSamples === undefined) return withParams(entropy(a, d.rest), report(d, 0, 0, false));
      const s = draw(entropy.name, d, [['a', a]]);
      return withParams(entropy(s.vars[0], d.rest), report(d, s.given, s.used, false));
    };
  }
  if (divergence) ops.divergence = divergence; // not subsampled: three variables of different sizes
  // the wrappers carry the names of the functions they call (help, docs tables and error messages use them)
  for (const op of ['point', 'mi', 'entropy'] as const) {
    if (ops[op] && operations[op]) Object.defineProperty(ops[op], 'name', { value: (operations[op] as { name: string }).name });
  }
  return registerEstimator(full, ops as OperationsOf<WithSubsampling<P>>);
}
