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
 * Inside `withRowIdsOf` the ids of each array are computed once and shared.
 */
export function rowIdsFloat64(data: Float64Array, n: number, d: number): RowIds {
  const cached = scope?.get(data);
  if (cached && cached.n === n && cached.d === d) return cached.ids;
  const ids = float64RowIds(data, n, d);
  scope?.set(data, { n, d, ids });
  return ids;
}

/** `rowIdsFloat64` without the cache: hashes the two 32-bit words of each double, read in place. */
function float64RowIds(data: Float64Array, n: number, d: number): RowIds {
  // the words of the doubles, without a copy (a Float64Array's offset is a multiple of 8); 0 and -0 differ
  // in their bits, so a zero is hashed as the words (0, 0) and rows are compared as doubles (-0 === 0)
  const words = new Int32Array(data.buffer, data.byteOffset, 2 * data.length);
  const size = tableSize(n);
  const mask = size - 1;
  const table = new Int32Array(size).fill(EMPTY);
  const idOfRow = new Int32Array(size);
  const ids = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let h = 0x9747b28c;
    for (let k = 0; k < d; k++) {
      const j = base + k;
      const zero = data[j] === 0;
      h = Math.imul(h ^ (zero ? 0 : words[2 * j]), 0x5bd1e995);
      h ^= h >>> 15;
      h = Math.imul(h ^ (zero ? 0 : words[2 * j + 1]), 0x5bd1e995);
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
        if (data[rb + k] !== data[base + k]) {
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

let scope: Map<Float64Array, { n: number; d: number; ids: RowIds }> | undefined;

/**
 * `body()`, with the row ids of every Float64Array computed at most once inside it: an estimator and its
 * diagnostics both need the distinct rows of X, and hashing them twice is a large share of a binned point.
 * Nothing is kept after `body` returns (the arrays may change between calls). Nested calls share the outer scope.
 */
export function withRowIdsOf<R>(body: () => R): R {
  if (scope) return body();
  scope = new Map();
  try {
    return body();
  } finally {
    scope = undefined;
  }
}

/** `pairIds` uses a direct table (slot a * count(b) + b) instead of hashing when it has at most this many slots per row (plus 4096). */
const DIRECT_PAIRS_PER_ROW = 16;

/**
 * Ids of the distinct pairs (a_i, b_i): the joint symbol of two variables, in order of first appearance.
 * `counts`: the numbers of distinct values of a and b (values in 0..count - 1) when known, which allow a direct
 * table when their product is small.
 */
export function pairIds(a: Int32Array, b: Int32Array, counts?: readonly [number, number]): RowIds {
  const n = a.length;
  const ids = new Int32Array(n);
  let count = 0;
  if (counts && counts[0] * counts[1] <= DIRECT_PAIRS_PER_ROW * n + 4096) {
    const cb = counts[1];
    const idOf = new Int32Array(counts[0] * cb).fill(EMPTY);
    for (let i = 0; i < n; i++) {
      const k = a[i] * cb + b[i];
      let id = idOf[k];
      if (id === EMPTY) id = idOf[k] = count++;
      ids[i] = id;
    }
    return { ids, count };
  }
  const size = tableSize(n);
  const mask = size - 1;
  const table = new Int32Array(size).fill(EMPTY); // the first row with that pair
  const idOfRow = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    let slot = mix(Math.imul(x, 0x5bd1e995) ^ y ^ 0x9747b28c) & mask;
    for (;;) {
      const r = table[slot];
      if (r === EMPTY) {
        table[slot] = i;
        idOfRow[slot] = count;
        ids[i] = count++;
        break;
      }
      if (a[r] === x && b[r] === y) {
        ids[i] = idOfRow[slot];
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { ids, count };
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
