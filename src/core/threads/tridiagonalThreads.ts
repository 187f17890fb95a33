/**
 * The parts of each fused pass of the Householder tridiagonalisation (`symmetricEigenvalues`) on two threads:
 * the calling thread and one helper worker (`tridiagonalWorker.ts`) that instantiates the same WebAssembly module
 * over the same shared memory (`core/spectral/tridiagonalWasm.ts`). A step is a few tens of microseconds at
 * n = 1000, far below the cost of a message, so the threads meet through a small shared control block with
 * Atomics, spinning briefly before they sleep.
 *
 * Protocol: the rows of a pass are cut into TRIDIAGONAL_PARTS fixed parts (`tridiagonalBounds` in
 * tridiagonalWasm.ts, each with its own product vector). For step s the calling thread writes the parameters, then publishes NEXT = (s, part 0);
 * each thread claims the next part by compare-exchange on NEXT (the step number in it makes a late claim for a
 * finished step fail), runs it and counts it in FINISHED; the calling thread returns when all parts are finished.
 * So a helper that is slow to start, descheduled (a loaded machine) or gone costs nothing but its share: the
 * calling thread takes the parts it leaves. The numbers do not depend on which thread ran which part.
 *
 * The helper is started on first use, unref'd (it never keeps the process alive), and runs the compiled
 * `tridiagonalWorker.js` beside this file; where that file is missing (running from the TypeScript sources) or
 * the worker failed, or off the main thread (a pool worker already runs one task per core), `tridiagonalParts`
 * gives null and the caller runs the parts in sequence.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';
import { TRIDIAGONAL_PARTS } from '../spectral/tridiagonalWasm';
import type { TridiagonalWorkspace } from '../spectral/tridiagonalWasm';

/**
 * Fields of the control block (Int32): NEXT = (step mod 2^24) * 128 + next unclaimed part; FINISHED parts of the
 * step; CALL (session number); STOP; HELPED (parts run by the helper, for tests); the byte offsets of the vectors
 * a, q, u; the part bounds B..B+PARTS (rows) and the product vectors P..P+PARTS-1 (byte offsets).
 */
export const CONTROL = { NEXT: 0, FINISHED: 1, CALL: 2, STOP: 3, HELPED: 4, A: 5, Q: 6, U: 7, B: 8, P: 8 + TRIDIAGONAL_PARTS + 1 } as const;
const CONTROL_FIELDS = CONTROL.P + TRIDIAGONAL_PARTS;
/** NEXT = step * PART_SLOTS + part. */
export const PART_SLOTS = 128;
const STEP_MASK = 2 ** 24 - 1;

/** The message that starts a helper on one reduction. */
export interface TridiagonalSession {
  memory: unknown;
  control: SharedArrayBuffer;
  call: number;
}

/** Runs the parts of one fused pass: part c over rows bounds[c]..bounds[c+1]-1 into products[c]. */
export interface TridiagonalParts {
  run(bounds: Int32Array, a: Float64Array, q: Float64Array, u: Float64Array, products: readonly Float64Array[]): void;
  /** End the session (the helper goes back to waiting for messages). Always call, also after an error. */
  end(): void;
}

/** A helper that has not finished a claimed part after this long is presumed dead (its rows are lost). */
const STALL_MS = 120000;
/** Spin this long (ms) before sleeping while the helper finishes a part (a part at n = 1000 takes ~25 us). */
const SPIN_MS = 0.2;

let helper: { worker: Worker; control: Int32Array } | null = null;
let disabled = false;
/** Whether a helper could run here at all (cached: it cannot change). */
let possible: boolean | undefined;
let calls = 0;
let step = 0;
/** Diagnostics: milliseconds the calling thread waited for the helper, and passes that waited. */
export const tridiagonalWaits = { ms: 0, count: 0 };

/** Calls of `withoutTridiagonalHelper` under way. */
let solo = 0;

/**
 * `f()` with every eigensolver on this thread running on it alone: for a caller that already keeps every core
 * busy (the DSE tasks of DSMI on the worker pool, this thread taking its share), where a helper would be a third
 * thread on two cores, spinning for parts its descheduled partner holds. The values are the same either way.
 */
export function withoutTridiagonalHelper<T>(f: () => T): T {
  solo++;
  try {
    return f();
  } finally {
    solo--;
  }
}

/** True when a helper worker can run here: the compiled worker file exists, two cores, the main thread. */
export function tridiagonalThreadsAvailable(): boolean {
  if (disabled || solo > 0) return false;
  possible ??= isMainThread && availableParallelism() >= 2 && existsSync(join(__dirname, 'tridiagonalWorker.js'));
  return possible;
}

function startHelper(): { worker: Worker; control: Int32Array } | null {
  if (helper) return helper;
  if (!tridiagonalThreadsAvailable()) return null;
  try {
    const worker = new Worker(join(__dirname, 'tridiagonalWorker.js'));
    worker.unref();
    const failed = (): void => {
      disabled = true;
      if (helper?.worker === worker) helper = null;
    };
    worker.on('error', failed);
    worker.on('exit', failed);
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_FIELDS));
    // no part open: the part index is at its end
    control[CONTROL.NEXT] = TRIDIAGONAL_PARTS;
    helper = { worker, control };
    return helper;
  } catch {
    disabled = true;
    return null;
  }
}

/** Wait until FINISHED reaches `parts`: spin first (a part takes microseconds), then sleep in short waits. */
function waitFinished(c: Int32Array, parts: number): void {
  const since = performance.now();
  tridiagonalWaits.count++;
  try {
    let done = Atomics.load(c, CONTROL.FINISHED);
    for (let spin = 0; done !== parts; spin++) {
      if ((spin & 255) === 0 && performance.now() - since > SPIN_MS) break;
      done = Atomics.load(c, CONTROL.FINISHED);
    }
    while (done !== parts) {
      Atomics.wait(c, CONTROL.FINISHED, done, 50);
      done = Atomics.load(c, CONTROL.FINISHED);
      if (done !== parts && performance.now() - since > STALL_MS) {
        disabled = true;
        throw new Error('symmetricEigenvalues: the helper thread stalled in the middle of a pass; threads are now off.');
      }
    }
  } finally {
    tridiagonalWaits.ms += performance.now() - since;
  }
}

/**
 * A two-thread runner of the parts of each pass over the shared workspace `ws`, or null when a helper cannot run
 * here (the caller then runs the parts in sequence, with the same numbers).
 */
export function tridiagonalParts(ws: TridiagonalWorkspace): TridiagonalParts | null {
  if (!ws.shared) return null;
  const h = startHelper();
  if (!h) return null;
  const c = h.control;
  const { NEXT, FINISHED, CALL, STOP, A, Q, U, B, P } = CONTROL;
  const call = (calls = (calls + 1) & STEP_MASK);
  Atomics.store(c, CALL, call);
  Atomics.store(c, STOP, 0);
  const session: TridiagonalSession = { memory: ws.memory, control: c.buffer as SharedArrayBuffer, call };
  h.worker.postMessage(session);
  return {
    run(bounds, a, q, u, products) {
      c[A] = ws.offset(a);
      c[Q] = ws.offset(q);
      c[U] = ws.offset(u);
      for (let k = 0; k <= TRIDIAGONAL_PARTS; k++) c[B + k] = bounds[k];
      for (let k = 0; k < TRIDIAGONAL_PARTS; k++) c[P + k] = ws.offset(products[k]);
      Atomics.store(c, FINISHED, 0);
      step = (step + 1) & STEP_MASK;
      const base = step * PART_SLOTS;
      Atomics.store(c, NEXT, base);
      Atomics.notify(c, NEXT);
      let mine = 0;
      for (;;) {
        const v = Atomics.load(c, NEXT);
        const k = v - base;
        if (k >= TRIDIAGONAL_PARTS) break;
        if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
        ws.pass(bounds[k], bounds[k + 1], a, q, u, products[k]);
        mine++;
      }
      // Wait for the parts the helper took.
      const parts = TRIDIAGONAL_PARTS - mine;
      if (parts > 0 && Atomics.load(c, FINISHED) !== parts) waitFinished(c, parts);
    },
    end() {
      Atomics.store(c, STOP, 1);
      Atomics.notify(c, NEXT);
    },
  };
}

/** How many parts the helper thread has run since it started (0 without one): a check that it takes part. */
export function tridiagonalHelperParts(): number {
  return helper ? Atomics.load(helper.control, CONTROL.HELPED) : 0;
}

/** Stop the helper thread (a later threaded call starts a new one). */
export async function terminateTridiagonalThreads(): Promise<void> {
  const h = helper;
  helper = null;
  if (!h) return;
  h.worker.removeAllListeners('exit'); // a requested exit is no failure
  await h.worker.terminate();
}
