/**
 * What the core needs from its runtime, in one place: Node here; `platform.browser.ts` is the browser twin with
 * the same exports, swapped in by the browser bundle (`scripts/build-browser.js` resolves `X.browser.ts` before
 * `X.ts`). Everything else in the core, the estimators, the recorder and the figure builders is runtime-free.
 */
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';

/** Which twin this is. */
export const PLATFORM: 'node' | 'browser' = 'node';

/** The text of a UTF-8 file (throws the runtime's error, with its `code`, when it cannot be read). */
export function readTextFile(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Free memory in bytes: the system's available memory, or what is left under the container's limit when lower. */
export function systemFreeMemory(): number {
  let free = freemem();
  const constrained = containerLimit();
  if (constrained !== undefined) free = Math.min(free, Math.max(0, constrained - process.memoryUsage.rss()));
  return free;
}

/**
 * The container's memory limit (cgroup), or undefined when there is none. Read once: the limit of a running
 * process does not change, and reading it costs about 30 us, which the small checks of every call would pay.
 */
let limit: { bytes: number | undefined } | undefined;
function containerLimit(): number | undefined {
  if (!limit) {
    const bytes = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
    limit = { bytes: bytes !== undefined && bytes > 0 && bytes < 2 ** 62 ? bytes : undefined };
  }
  return limit.bytes;
}

/** An environment variable (undefined when unset). */
export function environmentVariable(name: string): string | undefined {
  return process.env[name];
}

/** Write one line to the error channel (stderr). */
export function writeErrorLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Versions of the runtime, for run headers. */
export function runtimeVersions(): Record<string, string> {
  return { node: process.versions.node };
}
