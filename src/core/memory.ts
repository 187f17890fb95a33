/**
 * The memory budget: every allocation whose size grows faster than the input (an n x n kernel matrix, a d x d
 * covariance, an n x classes one-hot matrix...) is checked with `checkMemory` before it is made, and refused with
 * one line naming the size, the budget and the way out. Without the check such an input either swaps the
 * machine for minutes or dies with V8's "Invalid typed array length".
 *
 * The budget defaults to a fraction (`DEFAULT_MEMORY_FRACTION`) of the memory free when the check runs (the
 * container's limit counts when it is lower). Change it with `setMemoryBudget` or the environment variable
 * `INFOPLANE_MEMORY_BUDGET` (e.g. `8GB`, `512MB`, `2e9` bytes or `50%` of free memory).
 */
import { describeValue, fail } from './errors';
import { environmentVariable, systemFreeMemory } from './platform';

/** Share of the free memory that the default budget allows. */
export const DEFAULT_MEMORY_FRACTION = 0.8;

/** Most elements one JavaScript typed array can hold (V8, 64-bit). */
export const MAX_TYPED_ARRAY_ELEMENTS = 2 ** 32;

/** The environment variable that sets the budget. */
export const MEMORY_BUDGET_ENV = 'INFOPLANE_MEMORY_BUDGET';

/** A budget: bytes, or a fraction of the free memory. */
type Budget = { bytes: number } | { fraction: number };

let explicit: { budget: Budget; text: string } | undefined;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const ACCEPTED = 'a size such as 8GB, 512MB, 2GiB or 2e9 (bytes), or a share of free memory such as 50%';

/** Parse a budget: a positive number of bytes, `<number><unit>` (B, KB, MB, GB, TB, KiB...) or `<number>%`. */
function parseBudget(value: unknown, fn: string, param: string): Budget {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) fail('out_of_range', { fn, param, expected: 'a positive number of bytes', received: describeValue(value) });
    return { bytes: value };
  }
  if (typeof value !== 'string') fail('invalid_type', { fn, param, expected: ACCEPTED, received: describeValue(value) });
  const m = /^\s*(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+)\s*(%|[kmgt]i?b|b)?\s*$/i.exec(value);
  if (!m) fail('invalid_option', { fn, param, expected: ACCEPTED, received: describeValue(value) });
  const amount = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === '%') {
    if (!(amount > 0 && amount <= 100)) fail('out_of_range', { fn, param, expected: 'a share of free memory in (0%, 100%]', received: describeValue(value) });
    return { fraction: amount / 100 };
  }
  const bytes = amount * UNITS[unit];
  if (!(bytes > 0) || !Number.isFinite(bytes)) fail('out_of_range', { fn, param, expected: 'a positive size', received: describeValue(value) });
  return { bytes };
}

/**
 * Set the memory budget for this process: bytes (a number), a size string (`'8GB'`, `'512MiB'`), a share of
 * free memory (`'50%'`), or undefined to go back to the default (`INFOPLANE_MEMORY_BUDGET`, else 80% of free memory).
 *
 * @example
 * setMemoryBudget('2GB'); // allocations above 2e9 bytes are refused
 * setMemoryBudget(undefined); // back to the default
 */
export function setMemoryBudget(budget: number | string | undefined): void {
  if (budget === undefined) {
    explicit = undefined;
    return;
  }
  explicit = { budget: parseBudget(budget, 'setMemoryBudget', 'budget'), text: typeof budget === 'number' ? formatBytes(budget) : budget.trim() };
}

/** The budget now, in bytes, and how it was set (for messages). */
export function memoryBudget(): { bytes: number; source: string } {
  let chosen = explicit;
  let origin = 'setMemoryBudget';
  if (!chosen) {
    const env = environmentVariable(MEMORY_BUDGET_ENV);
    if (env !== undefined && env.trim() !== '') {
      chosen = { budget: parseBudget(env, 'memory budget', MEMORY_BUDGET_ENV), text: env.trim() };
      origin = MEMORY_BUDGET_ENV;
    }
  }
  if (chosen && 'bytes' in chosen.budget) return { bytes: chosen.budget.bytes, source: `${origin}=${chosen.text}` };
  const fraction = chosen && 'fraction' in chosen.budget ? chosen.budget.fraction : DEFAULT_MEMORY_FRACTION;
  const free = freeMemory();
  const share = `${Math.round(fraction * 1000) / 10}% of the ${formatBytes(free)} free`;
  return { bytes: fraction * free, source: chosen ? `${origin}=${chosen.text}: ${share}` : share };
}

/** Bytes as a short human size: `3.20 GB`, `512 MB`, `900 B`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(2)} TB`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${Math.round(bytes)} B`;
}

/** The last reading of the free memory by `freeMemory` (performance.now() ms, bytes). */
let recent = { at: -Infinity, free: 0 };

/** Free memory in bytes: the system's available memory, or what is left under the container's limit when lower. */
export function freeMemory(): number {
  const free = systemFreeMemory();
  recent = { at: performance.now(), free };
  return free;
}

/**
 * Whether `bytes` is so small beside a reading of the free memory under a second old (at most 1% of the default
 * budget's share of it) that no new reading could refuse it: reading costs about 25 us, as much as a small
 * estimator's whole work, and every call checks. An explicit budget (setMemoryBudget, the environment variable)
 * is always consulted.
 */
function fitsRecentReading(bytes: number): boolean {
  if (explicit || environmentVariable(MEMORY_BUDGET_ENV)?.trim()) return false;
  return performance.now() - recent.at < 1000 && bytes <= 0.01 * DEFAULT_MEMORY_FRACTION * recent.free;
}

/** What `checkMemory` is asked about. */
export interface MemoryRequest {
  /** Bytes the allocation(s) need at their peak. */
  bytes: number;
  /** Elements of the largest single typed array, when it may exceed `MAX_TYPED_ARRAY_ELEMENTS`. */
  largestArray?: number;
  /** What is allocated, e.g. `an n x n kernel matrix`. */
  what: string;
  /** What grows it, already formatted, e.g. `20000 samples`. */
  received: string;
  /** How to get under the budget, e.g. `lower maxSamples`. */
  wayOut: string;
}

/**
 * Refuse, before allocating, what does not fit the memory budget (or one typed array), with a `too_large`
 * InfoplaneError naming the size, the budget and the way out. O(1).
 *
 * @example
 * checkMemory('renyiEntropy', 'x', {bytes: 8 * n * n, what: 'an n x n Gram matrix', received: `${n} samples`, wayOut: 'use alpha: 2'});
 */
export function checkMemory(fn: string, param: string, request: MemoryRequest): void {
  const { bytes, largestArray, what, received, wayOut } = request;
  if (largestArray !== undefined && largestArray > MAX_TYPED_ARRAY_ELEMENTS) {
    fail('too_large', {
      fn,
      param,
      expected: `small enough for ${what} to fit in one array (at most 2^32 elements)`,
      received: `${received} (${largestArray.toExponential(2)} elements, ${formatBytes(bytes)})`,
      detail: wayOut,
    });
  }
  if (fitsRecentReading(bytes)) return;
  const budget = memoryBudget();
  if (bytes > budget.bytes) {
    fail('too_large', {
      fn,
      param,
      expected: `small enough for ${what} to fit the memory budget of ${formatBytes(budget.bytes)} (${budget.source})`,
      received: `${received} (${formatBytes(bytes)} needed)`,
      detail: `${wayOut}, or raise the budget with ${MEMORY_BUDGET_ENV} (e.g. ${MEMORY_BUDGET_ENV}=${formatBytes(Math.ceil(bytes * 1.1)).replace(/[ .]/g, (c) => (c === ' ' ? '' : c))})`,
    });
  }
}
