/**
 * Joint symbols of whole rows, counted by hashing (open addressing on a 32-bit row hash), never by building a
 * string per row. Rows are compared exactly. Kernels: they trust their inputs.
 */

/** Dense ids 0..count-1 of the distinct rows, in order of first appearance. */
export interface RowIds {
  readonly ids: Int32Array;
  readonly count: number;
}

const EMPTY = -1;

function tableSize(n: number): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

function mix(h: number): number {
  // final avalanche of murmur3
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Ids of the distinct rows of an n x d row-major Int32Array of per-unit codes. */
export function rowIdsInt32(codes: Int32Array, n: number, d: number): RowIds {
  const size = tableSize(n);
  const mask = size - 1;
  const table = new Int32Array(size).fill(EMPTY); // holds the row index of the first row with that content
  const idOfRow = new Int32Array(size); // id stored beside the slot
  const ids = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let h = 0x9747b28c;
    for (let k = 0; k < d; k++) {
      h = Math.imul(h ^ codes[base + k], 0x5bd1e995);
      h ^= h >>> 15;
    }
    let slot = mix(h ^ d) & mask;
    for (;;) {
      const r = table[slot];
      if (r === EMPTY) {
        table[slot] = i;
        idOfRow[slot] = count;
        ids[i] = count++;
        break;
      }
      const rb = r * d;
      let same = true;
      for (let k = 0; k < d; k++) {
        if (codes[rb + k] !== codes[base + k]) {
          same = false;
          break;
        }
      }
      if (same) {
        ids[i] = idOfRow[slot];
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { ids, count };
}

/**
 * Ids of the distinct rows of an n x d row-major Float64Array, comparing values exactly (-0 equals 0).
 */
export function rowIdsFloat64(data: Float64Array, n: number, d: number): RowIds {
  // Reinterpret each double as two 32-bit words; normalise -0 to 0 first so that equal values have equal bits.
  const copy = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) copy[i] = data[i] === 0 ? 0 : data[i];
  return rowIdsInt32(new Int32Array(copy.buffer), n, 2 * d);
}

/** Ids of the distinct pairs (a_i, b_i): the joint symbol of two variables. */
export function pairIds(a: Int32Array, b: Int32Array): RowIds {
  const n = a.length;
  const pairs = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = a[i];
    pairs[2 * i + 1] = b[i];
  }
  return rowIdsInt32(pairs, n, 2);
}

/** Plug-in (maximum-likelihood) entropy in nats of the symbols `ids` (values in 0..count-1). */
export function entropyOfIds(ids: Int32Array, count: number): number {
  const n = ids.length;
  const counts = new Int32Array(count);
  for (let i = 0; i < n; i++) counts[ids[i]]++;
  let h = 0;
  for (let k = 0; k < count; k++) {
    const c = counts[k];
    if (c > 0) {
      const p = c / n;
      h -= p * Math.log(p);
    }
  }
  return h;
}
