/** Result types shared by every estimator family: `{value | ixt, ity, units, params, warnings}`. */
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

/**
 * One class c of an information-plane point: how much of T's entropy the class keeps, and its share of I(T;Y).
 * Entropies in the point's `units`. With I(T;Y) = H(T) - sum_c p_c H(T|Y=c), `ityTerm` = p_c (H(T) - H(T|Y=c)),
 * so the terms of all classes sum to `ity` (to rounding) and sum_c weight x hTgivenY = `hTgivenY` of the point.
 * DSMI (variant 'reference') compares each class with random subsets of its own size instead of H(T):
 * `ityTerm` = p_c (hTrandom - hTgivenY), and the terms still sum to `ity`.
 */
export interface ClassTerms {
  /** The class label as given (an integer; for a continuous target cut into clusters, the cluster index). */
  label: number;
  /** Samples of the class. */
  n: number;
  /** p_c = n_c / n. */
  weight: number;
  /** H(T|Y=c): the estimator's entropy of the class's rows of T (DSMI: DSE of the class's rows). */
  hTgivenY: number;
  /** This class's term of I(T;Y) (weighted by p_c): the terms of all classes sum to the point's `ity`. */
  ityTerm: number;
  /** I(X;T|Y=c) (not weighted: sum_c weight x ixtGivenY = the point's `ixtGivenY`), where the estimator gives it. */
  ixtGivenY?: number;
  /** DSMI variant 'reference' only: the mean DSE of the random subsets of n_c rows (of all rows) for this class. */
  hTrandom?: number;
}

/** A single estimate: an entropy, a mutual information or a divergence. */
export interface Estimate {
  value: number;
  units: Units;
  params: UsedParams;
  /** Reasons to doubt the value (empty when there are none). */
  warnings: EstimateWarning[];
}
