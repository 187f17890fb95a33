/**
 * The stderr channel for events that belong to no single result (a worker thread failing, an estimator failing
 * inside the recorder). Reasons to doubt ONE estimate (saturation, out-of-range values, ties...) are data: each
 * result's `warnings`, computed by src/estimators/diagnostics/ and printed by the command line, never here.
 * Repeated messages are printed once; tests read them with `consumeWarnings()`.
 */
import { writeErrorLine } from './platform';
import { printable } from './printable';

// Warnings quote the input (names, values): control characters are escaped before they reach the terminal.
let handler: (message: string) => void = (message) => writeErrorLine(`infoplane: warning: ${printable(message, { oneLine: true })}`);
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
