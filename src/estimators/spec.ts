/**
 * How an estimator family is described to the command line and to the recorder: its name, its parameters
 * (camelCase option names and their kebab-case flags) and the three operations it may support.
 * Each family module exports one `EstimatorSpec` per estimator name; `registry.ts` lists them.
 */
import { Labels } from '../core/labels';
import { Samples } from '../core/samples';
import { Units } from '../core/units';
import { Estimate, PlanePoint } from './types';

/** How a flag value is parsed from the command line. */
export type ParamKind =
  | 'number' // a finite number
  | 'integer' // an integer
  | 'range' // "LO,HI" -> [lo, hi]
  | 'choice' // one of `choices`
  | 'boolean' // a flag without value (or true/false)
  | 'sigma' // a number or one of `choices` (e.g. 'median', 'cs-ib')
  | 'json'; // the path of a JSON file, whose parsed content is the option's value

export interface ParamSpec {
  /** The API option name, camelCase: `noiseVariance`. The flag is its kebab-case form: `--noise-variance`. */
  name: string;
  kind: ParamKind;
  /** Accepted strings for `choice` and `sigma` kinds. */
  choices?: readonly string[];
  /** One line for `--help`, ending with the default. */
  description: string;
}

/** Options every operation receives: the estimator's own (already parsed) options plus `units`. */
export type SpecOptions = Record<string, unknown> & { units?: Units };

export interface EstimatorSpec {
  /** The CLI name, e.g. `binning`, `adaptive-binning`, `kde`. */
  name: string;
  /** One line for `--help`. */
  summary: string;
  params: readonly ParamSpec[];
  /** I(X;T) and I(T;Y) of one layer. */
  point?(x: Samples, t: Samples, labels: Labels, options: SpecOptions): PlanePoint | Promise<PlanePoint>;
  /** I(A;B); `b` is `Labels` when the caller says B holds integer class labels. */
  mi?(a: Samples, b: Samples | Labels, options: SpecOptions): Estimate | Promise<Estimate>;
  /** H(A). */
  entropy?(a: Samples, options: SpecOptions): Estimate | Promise<Estimate>;
}
