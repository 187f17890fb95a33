/**
 * One channel for warnings about suspicious data (ties that make KSG ill-posed, saturated bins,
 * subsampling...). Repeated messages are printed once; tests read them with `consumeWarnings()`.
 */

let handler: (message: string) => void = (message) => process.stderr.write(`infoplane: warning: ${message}\n`);
const seen = new Set<string>();
let pending: string[] = [];

/** Emit a warning. The same message is shown once per process (it is still counted for `consumeWarnings`). */
export function warn(message: string): void {
  pending.push(message);
  if (seen.has(message)) return;
  seen.add(message);
  handler(message);
}

/** Return the warnings emitted since the last call and forget them. */
export function consumeWarnings(): string[] {
  const out = pending;
  pending = [];
  return out;
}

/**
 * Replace where warnings go (default: one line on stderr). Pass `null` to silence them.
 * Returns the previous handler so it can be restored.
 */
export function setWarningHandler(next: ((message: string) => void) | null): (message: string) => void {
  const previous = handler;
  handler = next ?? (() => undefined);
  seen.clear();
  return previous;
}
