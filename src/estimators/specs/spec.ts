/**
 * The declarative contract of an estimator family: its name, reference, operations and every parameter (type,
 * default, accepted values, description). One `FamilySpec` per family is the single source of truth: the public
 * functions validate their options through `resolveOptions`, and the CLI flags, `--help`, the docs tables and
 * the run header are generated from the same declaration.
 *
 * Import order: core <- specs <- estimators (public functions) <- registry (operations bound to specs).
 */
import { Labels } from '../../core/labels';
import { SamplesLike } from '../../core/samples';
import { checkOptionNames, checkUnits } from '../../core/validate';
import { Units } from '../../core/units';
import type { Estimate, PlanePoint } from '../types';
import { checkParam, Param } from './params';

/** What an estimator family computes. */
export type Operation =
  | 'point' // I(X;T) and I(T;Y) of one layer
  | 'mi' // I(A;B)
  | 'entropy' // H(A)
  | 'divergence'; // a divergence between two conditionals

/** Declared parameters, in the order help lists them. */
export type Params = { readonly [name: string]: Param<any, boolean> };

/** The value type of a declared parameter. */
export type ValueOf<T> = T extends Param<infer V, boolean> ? V : never;

/** The options an estimator of this family accepts (every one optional), plus `units`. */
export type OptionsOf<P extends Params> = { -readonly [K in keyof P]?: ValueOf<P[K]> } & {
  /** Units of the result: 'bits' or 'nats'. Defaults to 'bits'. */
  units?: Units;
};

/** The options after defaults: a value for every parameter that has a default, `units` always. */
export type ResolvedOf<P extends Params> = { -readonly [K in keyof P]: P[K] extends Param<infer V, true> ? V : ValueOf<P[K]> | undefined } & {
  units: Units;
};

/**
 * How `mi(a, b)` takes its second variable, stated once per family:
 * - 'labels': integer class labels only (a `Labels` object: `toLabels(y)`, or the CLI's `--labels`);
 * - 'continuous': a continuous variable only;
 * - 'either': class labels when `b` is a `Labels` object, else a continuous variable.
 */
export type MiTarget = 'labels' | 'continuous' | 'either';

export interface FamilySpec<P extends Params = Params> {
  /** The registered (CLI) name: `binning`, `kde`, `dsmi`. */
  name: string;
  /** One line for `--help` and the docs table. */
  summary: string;
  /** Who defined it (and whose code it reproduces). */
  reference: string;
  /** Units it computes natively (results come in `units`, bits by default, either way). */
  nativeUnits: Units;
  /** True for ratios (normalised CS-QMI): `units` is reported, not applied. Defaults to false. */
  dimensionless?: boolean;
  /** The asymptotic cost, for the docs table and cost predictions: `O(n^2 d)`. */
  cost: string;
  /**
   * Predicted seconds of one call on the reference machine (2 cores, WebAssembly kernels) for n rows, `dx` columns
   * of X (0 outside `point`) and `d` columns of the variable(s) estimated (T; both for `mi`): the CLI's advice
   * before a long call (`predictSeconds`). Rough (a factor 2 either way); absent where it cannot be predicted.
   */
  costModel?(n: number, d: number, dx: number): number;
  operations: readonly Operation[];
  params: P;
  /** Parameters an operation does not take (the CLI refuses their flags there): `{entropy: ['sigmaT']}`. */
  notFor?: Partial<Record<Operation, readonly string[]>>;
  /** How `mi` takes its second variable (families with an `mi` operation). */
  miTarget?: MiTarget;
  /**
   * What the fields of a `point` (and the recorder's point records) hold when they are not the information
   * quantities I(X;T), I(T;Y), H(T): a representation measure's names, e.g. `{ixt: 'coding rate R(T)', ity:
   * 'rate reduction ΔR(T;Y)'}`. The recorder copies them into the run header, and the figures title their axes
   * with them (and drop the information ceilings and the data-processing check, which do not apply).
   */
  quantities?: PlaneQuantityNames;
}

/** Names of the quantities a family's results carry in the fields `ixt`, `ity` and `hT` (see `FamilySpec.quantities`). */
export type PlaneQuantityNames = Readonly<Partial<Record<'ixt' | 'ity' | 'hT', string>>>;

/** Predicted seconds of a call (see `FamilySpec.costModel`), or undefined when the family declares no model. */
export function predictSeconds(spec: FamilySpec, n: number, d: number, dx = 0): number | undefined {
  return spec.costModel?.(n, d, dx);
}

/** Declare a family spec (an identity that keeps the parameter types). */
export function defineSpec<const P extends Params>(spec: FamilySpec<P>): FamilySpec<P> {
  return spec;
}

/** The parameter names an operation accepts, in declaration order. */
export function paramNames(spec: FamilySpec, operation?: Operation): string[] {
  const excluded = (operation && spec.notFor?.[operation]) ?? [];
  return Object.keys(spec.params).filter((name) => !excluded.includes(name));
}

/**
 * Validate `options` against the spec and fill in the defaults: unknown names, values of the wrong kind or
 * out of range are an `InfoplaneError` naming `fn`, the parameter, the accepted values and the value received.
 * `extra` names further options the calling function takes itself (they are passed through unchecked).
 */
export function resolveOptions<P extends Params>(
  spec: FamilySpec<P>,
  fn: string,
  options: object | undefined,
  operation?: Operation,
  extra: readonly string[] = [],
): ResolvedOf<P> {
  const names = paramNames(spec, operation);
  checkOptionNames(fn, options, [...names, 'units', ...extra]);
  const given = (options ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const p = spec.params[name];
    let value = given[name];
    if (value === undefined) value = p.defaultFrom !== undefined ? out[p.defaultFrom] : p.default;
    if (value !== undefined) checkParam(fn, name, p, value);
    out[name] = value;
  }
  out.units = given.units ?? 'bits';
  checkUnits(fn, out.units);
  for (const name of extra) if (given[name] !== undefined) out[name] = given[name];
  return out as ResolvedOf<P>;
}

/** The defaults of the parameters a result reports (those with a fixed default), e.g. for a run header. */
export function reportedDefaults(spec: FamilySpec, operation?: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of paramNames(spec, operation)) {
    const p = spec.params[name];
    if (p.reported !== false && p.default !== undefined) out[name] = p.default;
  }
  return out;
}

/** The defaults of every parameter with a fixed default, plus `units` ('bits'). */
export function specDefaults(spec: FamilySpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec.params)) if (p.default !== undefined) out[name] = p.default;
  out.units = 'bits';
  return out;
}

/**
 * The parameters whose values will come from the data with these (given) options: not given, without a fixed
 * default, and resolved by a data rule (an adaptive edge left unset; sigmaX taking sigma's 'median'). Their values
 * are in each result's `params`.
 */
export function dataDependentParams(spec: FamilySpec, given: Record<string, unknown>, operation?: Operation): string[] {
  const out: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of paramNames(spec, operation)) {
    const p = spec.params[name];
    let value = given[name];
    if (value === undefined) value = p.defaultFrom !== undefined ? values[p.defaultFrom] : p.default;
    values[name] = value;
    if (given[name] === undefined && p.default === undefined && p.reported !== false && p.fromData?.(value)) out.push(name);
  }
  return out;
}

/**
 * A registered estimator: its family spec with the public functions of the operations it declares bound to it.
 * Data first, one options object last; results in `units` with `params` and `warnings`. `mi`'s second variable
 * follows `miTarget`: class labels are a `Labels` object (`toLabels`, or the CLI's `--labels`).
 */
export interface EstimatorSpec<P extends Params = Params> extends FamilySpec<P> {
  point?(x: SamplesLike, t: SamplesLike, labels: SamplesLike | Labels, options?: OptionsOf<P>): PlanePoint;
  mi?(a: SamplesLike, b: SamplesLike | Labels, options?: OptionsOf<P>): Estimate;
  entropy?(a: SamplesLike, options?: OptionsOf<P>): Estimate;
  divergence?(x: SamplesLike, y1: SamplesLike, y2: SamplesLike, options?: OptionsOf<P>): Estimate;
}

/** The functions of the operations a spec declares, no more and no fewer. */
export type OperationsOf<P extends Params> = Pick<EstimatorSpec<P>, Operation>;

/** Bind the public functions of a family's operations to its spec; a declared operation without a function (or the reverse) is an error. */
export function registerEstimator<P extends Params>(spec: FamilySpec<P>, operations: OperationsOf<P>): EstimatorSpec<P> {
  const bound = (Object.keys(operations) as Operation[]).filter((op) => operations[op] !== undefined);
  const declared = [...spec.operations];
  if (bound.length !== declared.length || bound.some((op) => !declared.includes(op))) {
    throw new Error(`registerEstimator(${spec.name}): operations ${bound.join(', ')} do not match the declared ${declared.join(', ')}`);
  }
  return { ...spec, ...operations };
}
