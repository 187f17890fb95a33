/**
 * A progress bar on stderr while an estimate runs, on a terminal only (never in a pipe, a log or --json's
 * stdout): one line redrawn in place from the reports of `core/progress`, erased when the estimate returns.
 * Written to the terminal directly: the CLI's printable output escapes the carriage return the bar needs.
 */
import { Progress, setProgressHandler } from '../core/progress';

/** Run `body` with a progress bar on stderr when stderr is a terminal. */
export function withProgress<T>(body: () => T, options: { tty?: boolean; write?: (s: string) => void; width?: number } = {}): T {
  const { tty = process.stderr.isTTY === true, write = (s: string) => void process.stderr.write(s), width = 24 } = options;
  if (!tty) return body();
  const started = Date.now();
  let drawn = false;
  const previous = setProgressHandler((p: Progress) => {
    const filled = Math.max(0, Math.min(width, Math.round((width * p.done) / p.total)));
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.label} (${p.done}/${p.total}, ${elapsed} s)\x1b[K`);
    drawn = true;
  });
  try {
    return body();
  } finally {
    setProgressHandler(previous);
    if (drawn) write('\r\x1b[K');
  }
}
