/**
 * Layer ordering against the data-processing inequality: for a deterministic feed-forward network
 * X -> T_1 -> T_2 -> ..., I(X;T_{l+1}) <= I(X;T_l). An estimate of I(X;T) that increases with depth beyond its
 * error bars says something about the estimator (its resolution differs per layer: bins, bandwidths), not the
 * network. Reported as a warning, never an error.
 */
import { Run, RunPointRecord } from './types';

/** Relative increase tolerated when the points carry no error bars (1% of the larger value). */
export const ORDERING_TOLERANCE = 0.01;

/** One estimator and pair of consecutive layers whose I(X;T) increased with depth. */
export interface LayerOrderingViolation {
  estimator: string;
  /** The shallower layer and the deeper one (consecutive among the recorded layers). */
  layer: string;
  deeperLayer: string;
  /** Epochs at which I(X;T) of `deeperLayer` exceeded that of `layer` by more than `margin`, ascending. */
  epochs: number[];
  /** The largest excess I(X;T_deeper) - I(X;T_layer) over those epochs, in the run's units. */
  maxExcess: number;
  /** How the margin was set: 'error bars' (2 combined standard errors) or 'relative' (1% of the larger value). */
  margin: 'error bars' | 'relative';
}

/** The standard error of a point's I(X;T), from its params (`standardErrorXT`, or `standardError` of an I(X;T)-only estimate). */
export function ixtStandardError(p: RunPointRecord): number | undefined {
  const params = p.params ?? {};
  const se = params.standardErrorXT ?? (p.ity === undefined ? params.standardError : undefined);
  if (typeof se === 'number' && Number.isFinite(se)) return se;
  const interval = (params.bootstrap as { ixt?: { interval?: [number, number] } } | undefined)?.ixt?.interval;
  // a 95% percentile interval spans about 4 standard errors
  if (Array.isArray(interval) && interval.length === 2) return (interval[1] - interval[0]) / 4;
  return undefined;
}

/**
 * Where I(X;T) increases with depth: for each estimator with I(X;T) points, each pair of consecutive recorded
 * layers (by `layerIndex`) and each epoch, an increase larger than 2 combined standard errors (when both points
 * carry one) or than 1% of the larger value (when they do not). Estimators whose header entry names another
 * quantity for `ixt` (`quantities.ixt`: the coding rate R(T)) are skipped. Cost O(points log points).
 *
 * @example
 * layerOrderingViolations(run); // => [{estimator: 'binning', layer: 'dense_1', deeperLayer: 'dense_2', epochs: [3, 4], maxExcess: 0.4, margin: 'relative'}]
 */
export function layerOrderingViolations(run: Run): LayerOrderingViolation[] {
  const byKey = new Map<string, RunPointRecord>();
  const layers = new Map<string, number>();
  const estimators: string[] = [];
  // representation measures (coding rate) put another quantity in `ixt`: the inequality does not apply to them
  const renamed = new Set((run.header?.estimators ?? []).filter((e) => typeof e?.quantities?.ixt === 'string').map((e) => e.label ?? e.name));
  for (const p of run.points) {
    if (typeof p.ixt !== 'number' || !Number.isFinite(p.ixt) || renamed.has(p.estimator)) continue;
    byKey.set(`${p.estimator}\u0000${p.layer}\u0000${p.epoch}`, p);
    layers.set(p.layer, p.layerIndex);
    if (!estimators.includes(p.estimator)) estimators.push(p.estimator);
  }
  const ordered = [...layers.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name);
  const epochs = [...new Set(run.points.map((p) => p.epoch))].sort((a, b) => a - b);
  const out: LayerOrderingViolation[] = [];
  for (const estimator of estimators) {
    for (let l = 0; l + 1 < ordered.length; l++) {
      const found: LayerOrderingViolation = { estimator, layer: ordered[l], deeperLayer: ordered[l + 1], epochs: [], maxExcess: 0, margin: 'relative' };
      let withBars = true;
      for (const epoch of epochs) {
        const a = byKey.get(`${estimator}\u0000${ordered[l]}\u0000${epoch}`);
        const b = byKey.get(`${estimator}\u0000${ordered[l + 1]}\u0000${epoch}`);
        if (!a || !b) continue;
        const excess = (b.ixt as number) - (a.ixt as number);
        const sa = ixtStandardError(a);
        const sb = ixtStandardError(b);
        const bars = sa !== undefined && sb !== undefined;
        if (!bars) withBars = false;
        const margin = bars ? 2 * Math.sqrt(sa * sa + sb * sb) : ORDERING_TOLERANCE * Math.max(Math.abs(a.ixt as number), Math.abs(b.ixt as number));
        if (excess > margin) {
          found.epochs.push(epoch);
          found.maxExcess = Math.max(found.maxExcess, excess);
        }
      }
      found.margin = withBars ? 'error bars' : 'relative';
      if (found.epochs.length) out.push(found);
    }
  }
  return out;
}

/** One sentence for a violation. */
export function describeLayerOrdering(v: LayerOrderingViolation, units: string): string {
  const shown = v.epochs.length <= 6 ? v.epochs.join(', ') : `${v.epochs.slice(0, 3).join(', ')}, ..., ${v.epochs.slice(-2).join(', ')}`;
  return (
    `${v.estimator}: I(X;T) of ${v.deeperLayer} exceeds that of ${v.layer} at ${v.epochs.length} epoch(s) (${shown}) by up to ${v.maxExcess.toPrecision(3)} ${units} ` +
    `(beyond ${v.margin === 'error bars' ? '2 standard errors' : '1% of the value'}); a deterministic network cannot gain information about X with depth (data-processing inequality), so the estimator's resolution differs between these layers`
  );
}
