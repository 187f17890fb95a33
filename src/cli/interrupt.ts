/**
 * Signals during a step that holds outside resources (headless Chromium drawing a PNG or SVG): playwright-core
 * catches SIGTERM and SIGINT to close its browser, so without this the command would go on and fail with an
 * unrelated message ("Target closed"). `interruptible` turns the signal into an `InterruptedError`, which the
 * CLI reports as "interrupted by SIGTERM while ..." with exit code 128 + the signal number (143 for SIGTERM).
 */

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type HandledSignal = keyof typeof SIGNALS;

/** A command stopped by a signal. `exitCode` is 128 + the signal number. */
export class InterruptedError extends Error {
  constructor(
    readonly signal: HandledSignal,
    /** What was being done, e.g. `drawing out.png`. */
    readonly during: string,
  ) {
    super(`interrupted by ${signal} while ${during}`);
    this.name = 'InterruptedError';
  }

  get exitCode(): number {
    return 128 + SIGNALS[this.signal];
  }
}

/**
 * Run `body`; a SIGTERM, SIGINT or SIGHUP received meanwhile rejects at once with an `InterruptedError`
 * (the listeners are removed when it settles).
 */
export async function interruptible<T>(during: string, body: () => Promise<T>): Promise<T> {
  const listeners: [HandledSignal, () => void][] = [];
  const signalled = new Promise<never>((_, reject) => {
    for (const signal of Object.keys(SIGNALS) as HandledSignal[]) {
      const listener = (): void => reject(new InterruptedError(signal, during));
      listeners.push([signal, listener]);
      process.once(signal, listener);
    }
  });
  try {
    return await Promise.race([body(), signalled]);
  } finally {
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  }
}
