/**
 * One channel for progress reports from long computations (the stages of an estimate), like `warn` for
 * warnings: code that knows how far it is calls `reportProgress`; the command line draws a bar on a terminal
 * (`setProgressHandler`); without a handler a report costs one function call.
 */

/** How far a computation is: `done` of `total` steps, the current one named by `label`. */
export interface Progress {
  label: string;
  done: number;
  total: number;
}

let handler: ((p: Progress) => void) | null = null;

/** Report progress (a no-op unless a handler is set). */
export function reportProgress(label: string, done: number, total: number): void {
  if (handler) handler({ label, done, total });
}

/** Replace the progress handler (`null`: none); returns the previous one so it can be restored. */
export function setProgressHandler(next: ((p: Progress) => void) | null): ((p: Progress) => void) | null {
  const previous = handler;
  handler = next;
  return previous;
}
