/** Result types shared by every estimator family. */
import { Units } from '../core/units';

/** Parameters actually used by an estimate, defaults and resolved values (e.g. a bandwidth rule's sigma) included. */
export type UsedParams = Record<string, unknown>;

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
  units: Units;
  params: UsedParams;
}

/** A single estimate: an entropy, a mutual information or a divergence. */
export interface Estimate {
  value: number;
  units: Units;
  params: UsedParams;
}
