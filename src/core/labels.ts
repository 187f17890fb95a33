/**
 * Integer class labels. Accepted as a flat array of non-negative integers, a one-column matrix, or a one-hot
 * matrix (each row has a single 1 and zeros elsewhere). Converted once to dense class ids 0..C-1 in
 * ascending order of the original labels.
 */
import { describeValue, fail } from './errors';
import { isSamples, Samples, SamplesLike, toSamples } from './samples';

export interface Labels {
  /** Dense class id (0..classes.length-1) of each sample. */
  readonly ids: Int32Array;
  /** The original label of each dense id, ascending. */
  readonly classes: readonly number[];
  /** Number of samples of each dense id. */
  readonly counts: Int32Array;
  readonly n: number;
}

export function isLabels(value: unknown): value is Labels {
  return typeof value === 'object' && value !== null && (value as Labels).ids instanceof Int32Array && Array.isArray((value as Labels).classes);
}

/** Convert and validate labels. */
export function toLabels(input: SamplesLike | Labels, options: { fn?: string; param?: string } = {}): Labels {
  const { fn = 'toLabels', param = 'labels' } = options;
  if (isLabels(input)) return input;
  const s: Samples = isSamples(input) ? input : toSamples(input, { fn, param });
  if (s.n === 0) fail('empty', { fn, param, expected: 'at least one label', received: '0 labels' });
  let raw: Float64Array;
  if (s.d === 1) {
    raw = s.data;
  } else {
    raw = fromOneHot(s, fn, param);
  }
  let max = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (!Number.isInteger(v) || v < 0) {
      fail('invalid_label', { fn, param, expected: 'non-negative integer class labels', received: describeValue(v), detail: `at index ${i}` });
    }
    if (v > max) max = v;
  }
  // the usual labels 0..C-1 (or any labels not much larger than n): a direct table instead of a Set and a Map,
  // the same classes and ids at a fraction of the cost
  if (max <= 4 * raw.length + 1024) return denseLabels(raw, max);
  const classes = Array.from(new Set(raw)).sort((a, b) => a - b);
  const idOf = new Map<number, number>();
  classes.forEach((c, k) => idOf.set(c, k));
  const ids = new Int32Array(raw.length);
  const counts = new Int32Array(classes.length);
  for (let i = 0; i < raw.length; i++) {
    const id = idOf.get(raw[i]) as number;
    ids[i] = id;
    counts[id]++;
  }
  return { ids, classes, counts, n: raw.length };
}

/** `toLabels` for validated labels all at most `max` (small): classes found by marking a table of max + 1 slots. */
function denseLabels(raw: Float64Array, max: number): Labels {
  const idOf = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < raw.length; i++) idOf[raw[i]] = 0;
  const classes: number[] = [];
  for (let v = 0; v <= max; v++) if (idOf[v] === 0) idOf[v] = classes.push(v) - 1;
  const ids = new Int32Array(raw.length);
  const counts = new Int32Array(classes.length);
  for (let i = 0; i < raw.length; i++) {
    const id = idOf[raw[i]];
    ids[i] = id;
    counts[id]++;
  }
  return { ids, classes, counts, n: raw.length };
}

function fromOneHot(s: Samples, fn: string, param: string): Float64Array {
  const out = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) {
    let hot = -1;
    for (let j = 0; j < s.d; j++) {
      const v = s.data[i * s.d + j];
      if (v === 1 && hot === -1) hot = j;
      else if (v !== 0) hot = -2;
    }
    if (hot < 0) {
      fail('invalid_label', {
        fn,
        param,
        expected: 'a flat array of integer labels or a one-hot matrix',
        received: `a ${s.n} x ${s.d} matrix whose row ${i} is not one-hot`,
      });
    }
    out[i] = hot;
  }
  return out;
}

/** One-hot matrix (n x C) of labels, for estimators that need Y as a variable (CS-QMI, Renyi). */
export function oneHot(labels: Labels): Samples {
  const C = labels.classes.length;
  const data = new Float64Array(labels.n * C);
  for (let i = 0; i < labels.n; i++) data[i * C + labels.ids[i]] = 1;
  return { data, n: labels.n, d: C };
}
