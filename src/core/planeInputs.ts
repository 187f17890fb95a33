/** Validation shared by every information-plane estimator: x, t and labels with at least 2 samples, equal counts. */
import { Labels, toLabels } from './labels';
import { Samples, SamplesLike, toSamples } from './samples';
import { checkSameCount } from './validate';

export interface PlaneInputs {
  x: Samples;
  t: Samples;
  labels: Labels;
}

/** Convert and validate the inputs, the layer and the labels of an information-plane estimate. */
export function planeInputs(fn: string, x: unknown, t: unknown, labels: unknown): PlaneInputs {
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  const ls = toLabels(labels as SamplesLike, { fn, param: 'labels' });
  checkSameCount(fn, [
    ['x', xs.n],
    ['t', ts.n],
    ['labels', ls.n],
  ]);
  return { x: xs, t: ts, labels: ls };
}
