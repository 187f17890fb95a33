/**
 * The helper thread of the two-thread tridiagonalisation (`tridiagonalThreads.ts`): for each session message it
 * instantiates the tridiagonal WebAssembly module over the shared memory, then claims and runs parts of the
 * posted passes until the session ends. Imported by nothing; loaded by file name from the compiled `dist`.
 */
import { parentPort } from 'node:worker_threads';
import { instantiateWasm } from '../wasm';
import { TRIDIAGONAL_PARTS, TRIDIAGONAL_WASM_SHARED_BASE64, TridiagonalExports } from '../spectral/tridiagonalWasm';
import { CONTROL, PART_SLOTS, TridiagonalSession } from './tridiagonalThreads';

/** Spin this long (ms) before sleeping while no part is open (the calling thread's work between passes is short). */
const SPIN_MS = 0.05;
/** A session with no part for this long is left (the calling thread then runs every part itself). */
const IDLE_MS = 30000;

function serve(session: TridiagonalSession): void {
  const wasm = instantiateWasm<TridiagonalExports>(TRIDIAGONAL_WASM_SHARED_BASE64, { env: { memory: session.memory } });
  if (!wasm) return;
  const c = new Int32Array(session.control);
  const { NEXT, FINISHED, CALL, STOP, HELPED, A, Q, U, B, P } = CONTROL;
  let since = performance.now();
  for (let spin = 0; ; spin++) {
    if (Atomics.load(c, CALL) !== session.call || Atomics.load(c, STOP) !== 0) return;
    const v = Atomics.load(c, NEXT);
    const k = v % PART_SLOTS;
    if (k < TRIDIAGONAL_PARTS) {
      // A claim made while the calling thread has moved to another step fails (NEXT carries the step).
      if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
      wasm.tridiagPass(0, c[B + k], c[B + k + 1], c[A], c[Q], c[U], c[P + k]);
      Atomics.add(c, HELPED, 1);
      Atomics.add(c, FINISHED, 1);
      Atomics.notify(c, FINISHED);
      since = performance.now();
      spin = 0;
      continue;
    }
    if ((spin & 255) === 0) {
      const idle = performance.now() - since;
      if (idle > IDLE_MS) return;
      if (idle > SPIN_MS) Atomics.wait(c, NEXT, v, 20);
    }
  }
}

if (parentPort) parentPort.on('message', (session: TridiagonalSession) => serve(session));
