/**
 * The demonstration the README's first command runs: a 12-10-7-5-4-3-2 network (tanh hidden layers, softmax
 * output) with seeded random weights, fed the 4096 inputs of the 12-bit data set, and the information-plane
 * point of every layer by each information-plane estimator. No training (that is `infoplane train`'s job).
 */
import { Labels } from '../core/labels';
import { randomSource } from '../core/random';
import { Samples } from '../core/samples';
import { loadIb12 } from '../datasets/loadIb12';
import { estimatorSpec, estimatorNames } from '../estimators/registry';

export const DEMO_LAYER_SIZES = [12, 10, 7, 5, 4, 3, 2] as const;
/** Estimators the demo runs, those of them that are registered. */
export const DEMO_ESTIMATORS = ['binning', 'adaptive-binning', 'kde'] as const;

export interface DemoResult {
  network: string;
  dataset: string;
  n: number;
  seed: number;
  units: 'bits';
  /** H(Y) in bits, the ceiling of I(T;Y). */
  hY: number;
  /** log2(n), the ceiling of I(X;T) on distinct inputs. */
  maxIxt: number;
  layers: { layer: number; units: number; activation: string; points: Record<string, { ixt: number; ity: number; ms: number }> }[];
}

/** Activations of every layer of a seeded random network (weights N(0, 1/fan_in), biases 0). */
export function randomNetworkActivations(x: Samples, sizes: readonly number[], seed: number): Samples[] {
  const random = randomSource(seed);
  const out: Samples[] = [];
  let input = x;
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1];
    const width = sizes[l];
    const w = new Float64Array(fanIn * width);
    const scale = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < w.length; i++) w[i] = random.normal() * scale;
    const last = l === sizes.length - 1;
    const data = new Float64Array(input.n * width);
    for (let i = 0; i < input.n; i++) {
      for (let j = 0; j < width; j++) {
        let z = 0;
        for (let k = 0; k < fanIn; k++) z += input.data[i * fanIn + k] * w[k * width + j];
        data[i * width + j] = last ? z : Math.tanh(z);
      }
      if (last) softmaxInPlace(data, i * width, width);
    }
    input = { data, n: input.n, d: width };
    out.push(input);
  }
  return out;
}

function softmaxInPlace(v: Float64Array, offset: number, width: number): void {
  let max = -Infinity;
  for (let j = 0; j < width; j++) max = Math.max(max, v[offset + j]);
  let sum = 0;
  for (let j = 0; j < width; j++) {
    v[offset + j] = Math.exp(v[offset + j] - max);
    sum += v[offset + j];
  }
  for (let j = 0; j < width; j++) v[offset + j] /= sum;
}

function entropyBits(labels: Labels): number {
  let h = 0;
  for (const c of labels.counts) {
    const p = c / labels.n;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

export async function randomNetworkDemo(options: { seed?: number } = {}): Promise<DemoResult> {
  const { seed = 0 } = options;
  const { x, labels } = loadIb12();
  const layers = randomNetworkActivations(x, DEMO_LAYER_SIZES, seed);
  const names = DEMO_ESTIMATORS.filter((name) => estimatorNames().includes(name));
  const result: DemoResult = {
    network: `${DEMO_LAYER_SIZES.join('-')} (tanh hidden layers, softmax output, random weights)`,
    dataset: 'datasets/ib12',
    n: x.n,
    seed,
    units: 'bits',
    hY: entropyBits(labels),
    maxIxt: Math.log2(x.n),
    layers: [],
  };
  for (let l = 0; l < layers.length; l++) {
    const points: DemoResult['layers'][number]['points'] = {};
    for (const name of names) {
      const spec = estimatorSpec(name);
      const start = performance.now();
      const p = await spec.point!(x, layers[l], labels, { units: 'bits' });
      points[name] = { ixt: p.ixt, ity: p.ity, ms: performance.now() - start };
    }
    result.layers.push({ layer: l + 1, units: layers[l].d, activation: l === layers.length - 1 ? 'softmax' : 'tanh', points });
  }
  return result;
}

export function formatDemo(r: DemoResult): string {
  const names = Object.keys(r.layers[0]?.points ?? {});
  const lines = [
    `infoplane demo: ${r.network}`,
    `data: ${r.dataset}, n = ${r.n} distinct inputs; ceilings: I(X;T) <= log2 n = ${r.maxIxt.toFixed(3)} bits, I(T;Y) <= H(Y) = ${r.hY.toFixed(6)} bits`,
    '',
    ['layer'.padEnd(10), 'units', ...names.map((name) => `${name} I(X;T), I(T;Y) [bits]`.padEnd(34))].join('  '),
  ];
  for (const layer of r.layers) {
    const cells = names.map((name) => {
      const p = layer.points[name];
      return `${p.ixt.toFixed(4).padStart(8)}, ${p.ity.toFixed(4).padStart(6)}  (${p.ms.toFixed(0)} ms)`.padEnd(34);
    });
    lines.push([`${layer.layer} ${layer.activation}`.padEnd(10), String(layer.units).padStart(5), ...cells].join('  '));
  }
  lines.push('', 'Untrained network: the first tanh layers keep nearly all of the input (I(X;T) close to 12 bits under binning);');
  lines.push('training (infoplane train, coming) moves each layer through the plane.');
  return `${lines.join('\n')}\n`;
}
