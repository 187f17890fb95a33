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

/**
 * Progress of a command made of many units (`estimate` over a snapshot or a plan's task): on a terminal a bar
 * redrawn in place; elsewhere (a batch job's log) one line per unit, at most one a second and always the last,
 * so that a scheduler's log says how far a task got. `end()` erases the bar.
 */
export function unitProgress(
  prefix: string,
  options: { quiet?: boolean; tty?: boolean; terminal?: (s: string) => void; line: (s: string) => void; width?: number; now?: () => number },
): { report(done: number, total: number, label: string): void; end(): void } {
  const { quiet = false, tty = process.stderr.isTTY === true, terminal, line, width = 24, now = Date.now } = options;
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    report(done, total, label) {
      if (quiet) return;
      const elapsed = ((now() - started) / 1000).toFixed(1);
      if (tty && terminal) {
        const filled = Math.max(0, Math.min(width, Math.round((width * done) / total)));
        terminal(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label} (${done}/${total}, ${elapsed} s)\x1b[K`);
        drawn = true;
        return;
      }
      if (done < total && now() - last < 1000) return;
      last = now();
      line(`${prefix}: ${done}/${total} ${label} (${elapsed} s)\n`);
    },
    end() {
      if (drawn && terminal) terminal('\r\x1b[K');
    },
  };
}
