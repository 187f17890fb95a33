/**
 * Correlation coefficients with their two-sided p-values (null hypothesis: no association):
 * - Pearson's r, p from Student's t with n - 2 degrees of freedom (exact for bivariate normal data);
 * - Spearman's rho (Pearson's r of the average ranks), p from the same t approximation;
 * - Kendall's tau-b (ties in either variable corrected), p from the normal approximation whose variance
 *   includes the tie correction (Kendall, "Rank Correlation Methods", 1970).
 * A constant variable has no correlation: statistic and p are NaN.
 */
import { fail } from '../errors';
import { normalTwoSided, studentTTwoSided } from './specialFunctions';

/** A correlation coefficient, the number of pairs behind it and its two-sided p-value. */
export interface Correlation {
  statistic: number;
  n: number;
  pValue: number;
}

function check(fn: string, x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) fail('length_mismatch', { fn, param: 'y', expected: `as many values as x (${x.length})`, received: `${y.length} values` });
  if (x.length < 3) fail('out_of_range', { fn, param: 'x', expected: 'at least 3 pairs', received: `${x.length}` });
  for (const [name, v] of [['x', x], ['y', y]] as const) {
    const i = v.findIndex((e) => typeof e !== 'number' || !Number.isFinite(e));
    if (i >= 0) fail('invalid_type', { fn, param: name, expected: 'finite numbers', received: String(v[i]), detail: `at index ${i}` });
  }
}

function pearsonR(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function tTest(r: number, n: number): number {
  if (Number.isNaN(r)) return NaN;
  if (Math.abs(r) === 1) return 0;
  const df = n - 2;
  return studentTTwoSided(r * Math.sqrt(df / (1 - r * r)), df);
}

/** Pearson's linear correlation r with its t-test p-value. */
export function pearson(x: readonly number[], y: readonly number[]): Correlation {
  check('pearson', x, y);
  const r = pearsonR(x, y);
  return { statistic: r, n: x.length, pValue: tTest(r, x.length) };
}

/** Ranks 1..n, ties getting the average of the ranks they span. */
export function averageRanks(v: readonly number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const ranks = new Array<number>(v.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation rho (Pearson's r of the average ranks) with the t-approximation p-value. */
export function spearman(x: readonly number[], y: readonly number[]): Correlation {
  check('spearman', x, y);
  const r = pearsonR(averageRanks(x), averageRanks(y));
  return { statistic: r, n: x.length, pValue: tTest(r, x.length) };
}

/** Sizes of the groups of equal values. */
function tieGroups(v: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const e of v) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts.values()].filter((t) => t > 1);
}

/** Kendall's tau-b with the normal-approximation p-value (tie-corrected variance). O(n^2) pairs. */
export function kendallTauB(x: readonly number[], y: readonly number[]): Correlation {
  check('kendallTauB', x, y);
  const n = x.length;
  let s = 0; // concordant minus discordant pairs
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
  }
  const tx = tieGroups(x);
  const ty = tieGroups(y);
  const pairs = (n * (n - 1)) / 2;
  const tiedX = tx.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  const tiedY = ty.reduce((a, t) => a + (t * (t - 1)) / 2, 0);
  if (tiedX === pairs || tiedY === pairs) return { statistic: NaN, n, pValue: NaN };
  const tau = s / Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  // Var(S) under independence with ties (Kendall 1970, eq. 4.3)
  const sum = (ts: number[], f: (t: number) => number) => ts.reduce((a, t) => a + f(t), 0);
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(tx, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(ty, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(tx, (t) => t * (t - 1)) * sum(ty, (t) => t * (t - 1));
  const v2 = sum(tx, (t) => t * (t - 1) * (t - 2)) * sum(ty, (t) => t * (t - 1) * (t - 2));
  const variance = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  return { statistic: tau, n, pValue: normalTwoSided(s / Math.sqrt(variance)) };
}
