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

/**
 * Progress of an all-pairs pass that has reached row `row` of `n` (each row paired with the later ones): the
 * share of the n^2 / 2 pairs done, 1 - ((n - row) / n)^2, reported in thousandths. Called from kernel loops (a
 * no-op in worker threads, which have no handler).
 */
export function reportPairProgress(label: string, row: number, n: number): void {
  if (!handler) return;
  const left = (n - row) / n;
  handler({ label, done: Math.round(1000 * (1 - left * left)), total: 1000 });
}
