/**
 * Before an estimate: the predicted cost from n, d and the estimator's cost model (`FamilySpec.costModel`), one
 * line of advice on stderr when it exceeds a few seconds, and a refusal (with the same advice) when it exceeds
 * `REFUSE_SECONDS` unless `--allow-slow` is given. Why: an O(n^2 d) estimator on a real network's layer runs for
 * hours without a word; the way out (`--max-samples`, `--estimator compressed`) should be said before, not after.
 */
import { Samples } from '../core/samples';
import { toNats } from '../core/units';
import { ESTIMATORS } from '../estimators/registry';
import { PlanePoint } from '../estimators/types';
import { EstimatorSpec, predictSeconds } from '../estimators/specs/spec';
import { UsageError } from './parseArgs';

/** Calls predicted to take longer than this get a line of advice. */
export const ADVISE_SECONDS = 5;

/** Calls predicted to take longer than this are refused without `--allow-slow`. */
export const REFUSE_SECONDS = 600;

/** A duration in words: `40 s`, `12 min`, `3.1 h`. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export interface CostCheck {
  /** Predicted seconds, undefined without a cost model. */
  seconds?: number;
  /** The advice line (no newline), when the call is predicted to be slow. */
  advice?: string;
}

/**
 * The predicted cost of `spec` on n rows of d columns (and dx of X for a point), with the rows `maxSamples` keeps.
 * Advice: the largest round `--max-samples` that keeps the call near `ADVISE_SECONDS` (families with that
 * parameter), and `--estimator compressed` with its own prediction for wide variables.
 */
export function checkCost(command: string, spec: EstimatorSpec, n: number, d: number, dx: number, options: Record<string, unknown>): CostCheck {
  const cap = (options.maxSamples as number | undefined) ?? (spec.params.maxSamples?.default as number | undefined);
  const rows = cap !== undefined ? Math.min(n, cap) : n;
  const seconds = predictSeconds(spec, rows, d, dx);
  if (seconds === undefined || seconds <= ADVISE_SECONDS) return { seconds };
  const ways: string[] = [];
  if ('maxSamples' in spec.params) {
    // the most rows that keep the call within ADVISE_SECONDS (bisection; the models grow with n), rounded down
    let lo = 2;
    let hi = rows;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((predictSeconds(spec, mid, d, dx) ?? 0) <= ADVISE_SECONDS) lo = mid;
      else hi = mid;
    }
    const step = 10 ** Math.max(0, Math.floor(Math.log10(lo)) - 1);
    const round = Math.max(2, Math.floor(lo / step) * step);
    if (round < rows) ways.push(`--max-samples ${round} (about ${formatDuration(predictSeconds(spec, round, d, dx)!)})`);
  }
  const compressed = ESTIMATORS.find((e) => e.name === 'compressed');
  if (compressed && spec.name !== 'compressed' && d > 8 && command !== 'entropy') {
    ways.push(`--estimator compressed (about ${formatDuration(predictSeconds(compressed, n, d, dx)!)})`);
  }
  const advice =
    `infoplane ${command}: ${spec.name} on n = ${rows}, d = ${d}${dx ? ` (X: ${dx})` : ''} should take about ${formatDuration(seconds)} (${spec.cost})` +
    (ways.length ? `; faster: ${ways.join(' or ')}` : '');
  return { seconds, advice };
}

/** Print the advice (stderr) or refuse a call predicted to exceed `REFUSE_SECONDS` without `--allow-slow`. */
export function adviseOnCost(stderr: (s: string) => void, check: CostCheck, allowSlow: boolean): void {
  if (!check.advice) return;
  if (check.seconds! > REFUSE_SECONDS && !allowSlow) throw new UsageError(`${check.advice}; refused (over ${formatDuration(REFUSE_SECONDS)}): add --allow-slow to run it anyway`);
  stderr(`${check.advice}\n`);
}

/**
 * After a point of a wide layer (16 units or more) whose I(X;T) sits at its ceiling log n (every sample in a bin
 * or kernel of its own): one line saying that the number describes the estimator, and what to use instead
 * (text output only; with --json the result's warnings carry such findings).
 */
export function adviseOnSaturation(stderr: (s: string) => void, spec: EstimatorSpec, p: PlanePoint, t: Samples): void {
  // a representation measure's ixt (the coding rate) has no log n ceiling
  if (spec.name === 'compressed' || t.d < 16 || spec.dimensionless || spec.quantities?.ixt) return;
  // a `saturated` warning already says it (printed with the others)
  if (p.warnings.some((w) => w.code === 'saturated')) return;
  const rows = (p.params.rowsUsed as number | undefined) ?? (p.params.maxSamples as number | undefined) ?? t.n;
  const ceiling = Math.log(Math.min(rows, t.n));
  // within 0.01 nats: a KDE bound at saturation falls short of log n by the kernels' overlap, ~1e-5 nats
  if (toNats(p.ixt, p.units) < ceiling - 0.01) return;
  stderr(
    `infoplane point: I(X;T) is at its ceiling log2 n = ${(ceiling / Math.LN2).toFixed(2)} bits: with ${t.d} units every sample has a bin or kernel of its own, ` +
      `so the number says nothing about the layer; --estimator compressed estimates it between X and T compressed to a few dimensions\n`,
  );
}
