/**
 * The 12-bit data set of the information-bottleneck experiments.
 */
import { Labels } from '../core/labels';
import { Samples } from '../core/samples';
import { loadDataset } from './loadDataset';

/** The ib12 data set: inputs, labels and raw labels. */
export interface Ib12 {
  /** 4096 x 12 binary inputs; row i is the binary expansion of i, x0 the most significant bit. */
  x: Samples;
  /** Binary labels as `Labels` (classes [0, 1], counts [1978, 2118]). */
  labels: Labels;
  /** The label (0 or 1) of each row. */
  y: Int32Array;
}

/**
 * Load the 12-bit data set of Shwartz-Ziv & Tishby (2017), as used by Saxe et al. (2018): all 4096 binary
 * patterns of 12 bits with a binary label (`datasets/ib12/ib12.csv`). H(X) = 12 bits, H(Y) = 0.999157 bits.
 *
 * @example
 * const {x, labels} = loadIb12();
 * x.n; x.d; // => 4096, 12
 * labels.counts; // => Int32Array [1978, 2118]
 */
export function loadIb12(): Ib12 {
  const { x, labels, y } = loadDataset('ib12');
  return { x, labels, y };
}
