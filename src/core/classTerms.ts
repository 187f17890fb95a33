/** The per-class terms of an information-plane point, shared by the estimators' results and the run records. */

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
