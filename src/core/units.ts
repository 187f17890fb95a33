/** Units of information. All estimators compute in nats internally and convert once at the end. */
export type Units = 'bits' | 'nats';

/** The natural logarithm of 2: bits = nats / LN2. */
export const LN2 = Math.LN2;

/** The units every estimator returns unless asked otherwise. */
export const DEFAULT_UNITS: Units = 'bits';

/** Convert a value in nats to `units`. */
export function fromNats(nats: number, units: Units): number {
  return units === 'bits' ? nats / LN2 : nats;
}

/** Convert a value in `units` to nats. */
export function toNats(value: number, units: Units): number {
  return units === 'bits' ? value * LN2 : value;
}
