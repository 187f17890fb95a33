/**
 * The browser twin of `platform.ts` (same exports; the browser bundle resolves it in place of the Node one):
 * no files, no environment, warnings on the console, and a memory budget from what the page can know.
 */
import type * as NodePlatform from './platform';

export const PLATFORM: typeof NodePlatform.PLATFORM = 'browser';

/** Pages cannot read files by path: say so with the code Node would give a missing file system call. */
export function readTextFile(file: string): string {
  const error = new Error(`cannot read ${JSON.stringify(file)} in a browser: fetch the text and use parseRun(text)`) as Error & { code: string };
  error.code = 'ENOTSUP';
  throw error;
}

/**
 * Free memory is not observable from a page. The budget assumes half of `navigator.deviceMemory` (which browsers
 * round down and cap at 8 GB), else 2 GB: below what a 64-bit tab may allocate, so an oversized request is still
 * refused with the usual one-line message (`setMemoryBudget` overrides it).
 */
export function systemFreeMemory(): number {
  const gb = (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory;
  return typeof gb === 'number' && gb > 0 ? (gb * 1e9) / 2 : 2e9;
}

/** Pages have no environment variables. */
export function environmentVariable(name: string): string | undefined {
  void name;
  return undefined;
}

/** Warnings go to the console. */
export function writeErrorLine(line: string): void {
  console.warn(line);
}

/** The browser's user agent, for run headers. */
export function runtimeVersions(): Record<string, string> {
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return agent ? { browser: agent } : {};
}

// Compile-time check that both twins have the same exports.
const _sameExports: typeof NodePlatform = { PLATFORM, readTextFile, systemFreeMemory, environmentVariable, writeErrorLine, runtimeVersions };
void _sameExports;
