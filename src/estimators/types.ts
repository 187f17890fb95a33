/** Result types shared by every estimator family: `{value | ixt, ity, units, params, warnings}`. */
import type { ClassTerms } from '../core/classTerms';
import { Units } from '../core/units';

/** Parameters actually used by an estimate, defaults and resolved values (e.g. a bandwidth rule's sigma) included. */
export type UsedParams = Record<string, unknown>;

/**
 * A reason to doubt a number, carried with it (saturation, out-of-range values, ties...): a machine-readable
 * `code`, one sentence for people, and any figures behind it.
 */
export interface EstimateWarning {
  code: string;
  message: string;
  [figure: string]: unknown;
}

/** One information-plane point of a layer T: I(X;T) and I(T;Y), with the entropies behind them. */
export interface PlanePoint {
  /** I(X;T) in `units`. */
  ixt: number;
  /** I(T;Y) in `units`. */
  ity: number;
  /** H(T) in `units`, where the estimator defines it. */
  hT?: number;
  /** H(T|X) in `units`, where the estimator defines it. */
  hTgivenX?: number;
  /** sum_y p(y) H(T|Y=y) in `units`, where the estimator defines it. */
  hTgivenY?: number;
  /**
   * I(X;T|Y) in `units` ("unnecessary information", Kawaguchi et al. 2023): what T keeps about X beyond the label,
   * H(T|Y) - H(T|X,Y); where the estimator defines it (binning, adaptive binning, KDE).
   */
  ixtGivenY?: number;
  /**
   * The class-conditional terms behind `hTgivenY` and `ity`, one per class with at least one sample (ascending
   * label order), where the estimator computes them (binning, adaptive binning, KDE, adaptive KDE, DSMI).
   */
  perClass?: ClassTerms[];
  units: Units;
  params: UsedParams;
  /** Reasons to doubt the point (empty when there are none). */
  warnings: EstimateWarning[];
}

/** One class c of an information-plane point (defined in core: the run records share it). */
export type { ClassTerms };

/** A single estimate: an entropy, a mutual information or a divergence. */
export interface Estimate {
  value: number;
  units: Units;
  params: UsedParams;
  /** Reasons to doubt the value (empty when there are none). */
  warnings: EstimateWarning[];
}
