/**
 * A training progress display for the command line: on a terminal, one line redrawn in place (at most every
 * 100 ms) with a bar, the epoch, loss and accuracy; otherwise (a pipe, a CI log) plain lines, one per recorded
 * epoch. Writes through a `write` function (stderr in the CLI).
 */
import type { EpochProgress } from './experiments';

export interface ProgressBarOptions {
  /** Draw in place with carriage returns (a terminal). Defaults to `process.stderr.isTTY`. */
  tty?: boolean;
  /** Bar width in characters. Defaults to 24. */
  width?: number;
  /** Minimum milliseconds between redraws on a terminal. Defaults to 100. */
  intervalMs?: number;
}

export interface ProgressBar {
  update(p: EpochProgress): void;
  /** End the display (a newline after the bar on a terminal). */
  done(): void;
}

/** Create a progress display writing with `write`. */
export function progressBar(write: (text: string) => void, options: ProgressBarOptions = {}): ProgressBar {
  const { tty = process.stderr.isTTY === true, width = 24, intervalMs = 100 } = options;
  let last = -Infinity;
  let drawn = false;
  const line = (p: EpochProgress) => {
    const parts = [`epoch ${String(p.epoch).padStart(String(p.epochs).length)}/${p.epochs}`];
    const loss = p.logs.loss;
    const acc = p.logs.acc ?? p.logs.accuracy;
    if (loss !== undefined) parts.push(`loss ${loss.toFixed(4)}`);
    if (acc !== undefined) parts.push(`acc ${acc.toFixed(3)}`);
    const valAcc = p.logs.val_acc ?? p.logs.val_accuracy;
    if (valAcc !== undefined) parts.push(`val_acc ${valAcc.toFixed(3)}`);
    else if (p.logs.val_loss !== undefined) parts.push(`val_loss ${p.logs.val_loss.toFixed(4)}`);
    parts.push(`${(p.elapsedMs / 1000).toFixed(1)}s`);
    return parts.join('  ');
  };
  return {
    update(p) {
      if (tty) {
        const now = Date.now();
        if (now - last < intervalMs && p.epoch < p.epochs) return;
        last = now;
        const filled = Math.round((width * p.epoch) / p.epochs);
        write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(p)}\x1b[K`);
        drawn = true;
      } else if (p.recorded || p.epoch === p.epochs) {
        write(`${line(p)}${p.recorded ? '  (recorded)' : ''}\n`);
      }
    },
    done() {
      if (tty && drawn) write('\n');
    },
  };
}
