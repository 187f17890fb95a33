/** Switching TensorFlow.js to a backend, shared by the Node loader (backend.ts) and its browser twin. */
import type * as tfjs from '@tensorflow/tfjs';

/** Switch `tf` to backend `name` and wait until it is ready; false when it does not start (no throw). */
export async function switchBackend(tf: typeof tfjs, name: string): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}
