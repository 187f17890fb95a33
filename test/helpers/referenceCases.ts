/** Loads the reference cases copied into test/fixtures/reference-cases (never from ../shared). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REFERENCE_DIR = join(__dirname, '..', 'fixtures', 'reference-cases');

export type Matrix = number[][];

export interface RefCase {
  id: string;
  estimator: string;
  params: Record<string, any>;
  x?: Matrix;
  t?: Matrix;
  y?: Matrix;
  y2?: Matrix;
  noise?: Matrix;
  labels?: number[];
  expected: Record<string, any>;
  tolerance: number | Record<string, number>;
  units: 'bits' | 'nats';
  source: string;
  expected_edges?: number[];
  expected_bin_index?: number[];
  reference_estimate?: number;
  subsample_indices?: number[][][];
}

export interface IndexEntry {
  id: string;
  estimator: string;
  units: string;
  file: string;
}

export function referenceIndex(): IndexEntry[] {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, 'index.json'), 'utf8')).cases;
}

export function loadCase(id: string): RefCase {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, `${id}.json`), 'utf8'));
}

/** Every case whose `estimator` is one of `names`, loaded. */
export function casesOf(...names: string[]): RefCase[] {
  return referenceIndex()
    .filter((e) => names.includes(e.estimator))
    .map((e) => loadCase(e.id));
}

/** Row indices [[0], [1], ...]: distinct inputs, for cases that have no x. */
export function distinctRows(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => [i]);
}

/** `units` from a case's `base` parameter. */
export function unitsOf(params: { base?: unknown }): 'bits' | 'nats' {
  return params.base === 'e' ? 'nats' : 'bits';
}

/** Absolute-tolerance comparison with a message that prints both values. */
export function expectClose(got: number, want: number, tol: number, label: string): void {
  if (!(Math.abs(got - want) <= tol)) {
    throw new Error(`${label}: got ${got}, expected ${want} ± ${tol} (difference ${got - want})`);
  }
}
