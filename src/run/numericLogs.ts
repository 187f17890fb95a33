/**
 * Training logs (loss, accuracy...) as they go into a run file's epoch records: the numeric entries of a logs
 * object, in their order; every other entry is dropped. Used by the recorder, the TensorFlow.js callback and
 * the reference experiments.
 */

/**
 * The entries of `logs` whose value is a number (non-finite numbers included), in their order.
 *
 * @example
 * numericLogs({ loss: 0.5, acc: 0.9, note: 'x' }); // => {loss: 0.5, acc: 0.9}
 */
export function numericLogs(logs: Readonly<Record<string, unknown>> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(logs ?? {})) if (typeof v === 'number') setOwn(out, k, v);
  return out;
}

/**
 * As `numericLogs`, and also the entries that `readScalar` reads as one number (it returns undefined for values
 * it does not read): TensorFlow.js passes scalar tensors, read asynchronously. The order of the entries is kept.
 */
export async function readNumericLogs(
  logs: Readonly<Record<string, unknown>> | undefined,
  readScalar: (value: unknown) => Promise<number> | undefined,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(logs ?? {})) {
    if (typeof v === 'number') {
      setOwn(out, k, v);
    } else {
      const read = readScalar(v);
      if (read !== undefined) setOwn(out, k, await read);
    }
  }
  return out;
}

/** `out[key] = value` as an own data property, for every key: assigning to "__proto__" would set the prototype and lose the entry. */
export function setOwn(out: Record<string, number>, key: string, value: number): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
