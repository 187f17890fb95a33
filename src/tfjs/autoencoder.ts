/**
 * The autoencoder compressor of the compressed estimator (Butakov et al., ICLR 2024): a dense autoencoder
 * trained with TensorFlow.js, whose code (bottleneck) is the compressed variable. It lives here, in
 * 'infoplane/tfjs', so that the estimators never load TensorFlow.js; the estimator itself stays declarative
 * (JSON options) and receives the codes as ordinary samples (`compressor: 'first'` with dims = the code size:
 * variables already that small are used as they are).
 *
 * Noise: the paper makes the layer stochastic (T + Z, Z Gaussian) and its compressor encodes the noisy
 * variable, trained to reconstruct it; `compressedWithAutoencoder` does the same: the noise is added to T
 * before its autoencoder is trained and before encoding (as the PCA path adds it before projecting).
 *
 * Reproducibility: weights are initialised from the seed and the minibatches are drawn by a seeded
 * permutation (not tfjs's `fit` shuffle, which uses Math.random), so the same seed gives the same codes on
 * the cpu backend (and, as far as its kernels are deterministic, on the others).
 */
import { describeValue, fail } from '../core/errors';
import { isLabels, Labels } from '../core/labels';
import { permutation, randomSource } from '../core/random';
import { Samples, SamplesLike, toSamples } from '../core/samples';
import { checkChoice, checkNumber, checkOptionNames, checkUnits } from '../core/validate';
import { compressedPoint, CompressedPlanePoint } from '../estimators/compressed';
import { INNER_ESTIMATORS, RESCALES } from '../estimators/specs/compressed';
import type { Tensor } from '@tensorflow/tfjs';
import { loadTensorFlow } from './backend';

/** Hidden-layer activation of the autoencoder. */
export const AUTOENCODER_ACTIVATIONS = ['tanh', 'relu'] as const;

export interface AutoencoderOptions {
  /** Code size: the dimensions the variable is compressed to. Defaults to 4. */
  dims?: number;
  /** Widths of the encoder's hidden layers (the decoder mirrors them). Defaults to [64]. */
  hidden?: readonly number[];
  /** Hidden activation: 'tanh' (default) or 'relu'. The code and the reconstruction are linear. */
  activation?: (typeof AUTOENCODER_ACTIVATIONS)[number];
  /** Passes over the data. Defaults to 50. */
  epochs?: number;
  /** Minibatch size (Adam). Defaults to 64. */
  batchSize?: number;
  /** Adam's learning rate. Defaults to 0.005. */
  learningRate?: number;
  /** Seed of the initial weights and of the minibatch order. Defaults to 0. */
  seed?: number;
}

/** The settings an autoencoder was trained with (all defaults filled in), as reported in `params`. */
export interface AutoencoderSettings {
  dims: number;
  hidden: number[];
  activation: (typeof AUTOENCODER_ACTIVATIONS)[number];
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** A trained autoencoder used as a compressor. */
export interface Autoencoder {
  /** The codes of `samples` (n x dims): the encoder applied to the columns standardised as in training. */
  encode(samples: SamplesLike): Samples;
  /** Code size. */
  dims: number;
  /** Input width. */
  inputDims: number;
  /** Final reconstruction loss: mean squared error per coordinate of the standardised data (1 = no better than the mean). */
  loss: number;
  settings: AutoencoderSettings;
  /** Free the TensorFlow.js weights. */
  dispose(): void;
}

export const AUTOENCODER_DEFAULTS: AutoencoderSettings = { dims: 4, hidden: [64], activation: 'tanh', epochs: 50, batchSize: 64, learningRate: 0.005, seed: 0 };

const AUTOENCODER_KEYS = Object.keys(AUTOENCODER_DEFAULTS);

function resolveAutoencoder(fn: string, options: AutoencoderOptions): AutoencoderSettings {
  const o = { ...AUTOENCODER_DEFAULTS, ...options };
  checkNumber(fn, 'dims', o.dims, { integer: true, min: 1, max: 64 });
  if (!Array.isArray(o.hidden)) fail('invalid_type', { fn, param: 'hidden', expected: 'an array of layer widths (integers in [1, 4096])', received: describeValue(o.hidden) });
  o.hidden.forEach((w, i) => checkNumber(fn, `hidden[${i}]`, w, { integer: true, min: 1, max: 4096 }));
  checkChoice(fn, 'activation', o.activation, AUTOENCODER_ACTIVATIONS);
  checkNumber(fn, 'epochs', o.epochs, { integer: true, min: 1, max: 100000 });
  checkNumber(fn, 'batchSize', o.batchSize, { integer: true, min: 1, max: 1000000 });
  checkNumber(fn, 'learningRate', o.learningRate, { min: 0, minExclusive: true, max: 10 });
  checkNumber(fn, 'seed', o.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  return { ...o, hidden: [...o.hidden] };
}

/** Column means and standard deviations (1 for constant columns). */
function columnScales(s: Samples): { mean: Float64Array; std: Float64Array } {
  const { data, n, d } = s;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += data[i * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) std[c] += (data[i * d + c] - mean[c]) ** 2;
  for (let c = 0; c < d; c++) std[c] = Math.sqrt(std[c] / n) || 1;
  return { mean, std };
}

function standardized(s: Samples, mean: Float64Array, std: Float64Array): Float32Array {
  const { data, n, d } = s;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) out[i * d + c] = (data[i * d + c] - mean[c]) / std[c];
  return out;
}

/** Layer seeds from one seed (tfjs treats a seed of 0 as no seed, so never 0). */
function layerSeed(seed: number, layer: number): number {
  return ((seed >>> 0) % 1000003) * 1000 + layer + 1;
}

/**
 * Train a dense autoencoder d -> hidden -> dims -> reversed hidden -> d on the rows of `x` (columns
 * standardised first, so that no unit dominates the loss by its scale), with Adam on the mean squared
 * reconstruction error, and return it as a compressor. Uses the TensorFlow.js backend in use
 * (`initTensorFlow` picks one).
 *
 * Cost: O(epochs n d h) arithmetic for h hidden units, on the TensorFlow.js backend.
 *
 * @example
 * const ae = await trainAutoencoder(t, {dims: 4, epochs: 30, seed: 1});
 * ae.encode(t); // => n x 4 codes; ae.loss: final reconstruction MSE of the standardised data
 */
export async function trainAutoencoder(x: SamplesLike, options: AutoencoderOptions = {}): Promise<Autoencoder> {
  const fn = 'trainAutoencoder';
  checkOptionNames(fn, options, AUTOENCODER_KEYS);
  const settings = resolveAutoencoder(fn, options);
  const s = toSamples(x, { fn, param: 'x', minSamples: 2 });
  return train(fn, s, settings);
}

async function train(fn: string, s: Samples, settings: AutoencoderSettings): Promise<Autoencoder> {
  const { tf } = loadTensorFlow();
  const { n, d } = s;
  const { dims, hidden, activation, epochs, batchSize, learningRate, seed } = settings;
  const { mean, std } = columnScales(s);
  const input = standardized(s, mean, std);
  let layer = 0;
  const dense = (units: number, act: 'tanh' | 'relu' | 'linear', inputDim?: number) =>
    tf.layers.dense({
      units,
      activation: act,
      inputShape: inputDim === undefined ? undefined : [inputDim],
      kernelInitializer: tf.initializers.glorotUniform({ seed: layerSeed(seed, layer++) }),
      biasInitializer: 'zeros',
    });
  const encoder = tf.sequential();
  let width = d;
  for (const h of hidden) {
    encoder.add(dense(h, activation, encoder.layers.length === 0 ? width : undefined));
    width = h;
  }
  encoder.add(dense(dims, 'linear', encoder.layers.length === 0 ? d : undefined));
  const decoder = tf.sequential();
  const back = [...hidden].reverse();
  back.forEach((h, i) => decoder.add(dense(h, activation, i === 0 ? dims : undefined)));
  decoder.add(dense(d, 'linear', back.length === 0 ? dims : undefined));
  const model = tf.sequential();
  model.add(encoder);
  model.add(decoder);
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' });
  const random = randomSource(seed);
  const size = Math.min(batchSize, n);
  const batch = new Float32Array(size * d);
  let loss = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(n, random);
    let sum = 0;
    let seen = 0;
    for (let start = 0; start < n; start += size) {
      const m = Math.min(size, n - start);
      for (let r = 0; r < m; r++) batch.set(input.subarray(order[start + r] * d, (order[start + r] + 1) * d), r * d);
      const xb = tf.tensor2d(batch.subarray(0, m * d), [m, d]);
      const value = (await model.trainOnBatch(xb, xb)) as number;
      xb.dispose();
      sum += value * m;
      seen += m;
    }
    loss = sum / seen;
  }
  if (!Number.isFinite(loss)) {
    model.dispose();
    fail('non_finite', { fn, param: 'learningRate', expected: 'a rate at which the reconstruction loss stays finite', received: `${learningRate} (the loss diverged)` });
  }
  const encode = (samples: SamplesLike): Samples => {
    const t = toSamples(samples, { fn: 'Autoencoder.encode', param: 'samples' });
    if (t.d !== d) fail('length_mismatch', { fn: 'Autoencoder.encode', param: 'samples', expected: `rows of ${d} values (the training width)`, received: `rows of ${t.d}` });
    const codes = tf.tidy(() => encoder.predict(tf.tensor2d(standardized(t, mean, std), [t.n, d])) as Tensor);
    const data = Float64Array.from(codes.dataSync());
    codes.dispose();
    return { data, n: t.n, d: dims };
  };
  return { encode, dims, inputDims: d, loss, settings, dispose: () => model.dispose() };
}

/** Options of `compressedWithAutoencoder`. */
export interface CompressedAutoencoderOptions extends Omit<AutoencoderOptions, 'dims'> {
  /** Code size of both autoencoders. Defaults to 4. */
  dims?: number;
  /** Code size of X's autoencoder. Defaults to `dims`. */
  dimsX?: number;
  /** Code size of T's autoencoder. Defaults to `dims`. */
  dimsT?: number;
  /** Std of the seeded Gaussian noise added to T before its autoencoder is trained and applied. Defaults to 1e-3. */
  noiseStd?: number;
  /** Rescaling of the codes before the kNN search (see the compressed estimator). Defaults to 'coordinates'. */
  rescale?: (typeof RESCALES)[number];
  /** 'ksg' (default) or 'kl', as in the compressed estimator. */
  inner?: (typeof INNER_ESTIMATORS)[number];
  /** Neighbours. Defaults to 5. */
  k?: number;
  /** 'bits' (default) or 'nats'. */
  units?: 'bits' | 'nats';
}

const POINT_KEYS = [...AUTOENCODER_KEYS, 'dimsX', 'dimsT', 'noiseStd', 'rescale', 'inner', 'k', 'units'];

/** Independent streams of one seed (X's autoencoder, T's, the noise). */
function stream(seed: number, s: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(s, 0x85ebca6b) + s) >>> 0;
}

/**
 * Information-plane point with autoencoder compressors (Butakov et al. 2024): seeded Gaussian noise of std
 * `noiseStd` is added to T; one autoencoder is trained on X and one on T + noise (codes of `dimsX` and `dimsT`
 * dimensions); the codes go to the compressed estimator (`compressor: 'first'`, the codes used as they are,
 * no further noise), which estimates I(X;T) by KSG and I(T;Y) by Ross's estimator with standard errors.
 * `params.compressor` is 'autoencoder'; `params.autoencoder` holds the settings and the final reconstruction
 * losses (`lossX`, `lossT`: MSE per standardised coordinate; near 1 means the code kept little).
 *
 * Units: bits by default. Cost: two autoencoder trainings (O(epochs n d h)), then the compressed estimator.
 *
 * @example
 * await initTensorFlow();
 * const p = await compressedWithAutoencoder(x, t, labels, {dims: 4, epochs: 30});
 * // => {ixt, ity, ixtError, ityError, units: 'bits', params: {compressor: 'autoencoder', autoencoder: {lossX, lossT, ...}, ...}}
 */
export async function compressedWithAutoencoder(
  x: SamplesLike,
  t: SamplesLike,
  labels: SamplesLike | Labels,
  options: CompressedAutoencoderOptions = {},
): Promise<CompressedPlanePoint> {
  const fn = 'compressedWithAutoencoder';
  checkOptionNames(fn, options, POINT_KEYS);
  const { dimsX: dx, dimsT: dt, noiseStd = 1e-3, rescale = 'coordinates', inner = 'ksg', k = 5, units = 'bits', ...ae } = options;
  const settings = resolveAutoencoder(fn, ae);
  const dimsX = dx === undefined ? settings.dims : checkNumber(fn, 'dimsX', dx, { integer: true, min: 1, max: 64 });
  const dimsT = dt === undefined ? settings.dims : checkNumber(fn, 'dimsT', dt, { integer: true, min: 1, max: 64 });
  checkNumber(fn, 'noiseStd', noiseStd, { min: 0 });
  checkChoice(fn, 'rescale', rescale, RESCALES);
  checkChoice(fn, 'inner', inner, INNER_ESTIMATORS);
  checkNumber(fn, 'k', k, { integer: true, min: 1 });
  checkUnits(fn, units);
  const xs = toSamples(x, { fn, param: 'x', minSamples: 2 });
  const ts = toSamples(t, { fn, param: 't', minSamples: 2 });
  if (!isLabels(labels)) toSamples(labels, { fn, param: 'labels' }); // shape errors named here, before training
  let noisy = ts;
  if (noiseStd > 0) {
    const random = randomSource(stream(settings.seed, 1));
    noisy = { data: ts.data.map((v) => v + noiseStd * random.normal()), n: ts.n, d: ts.d };
  }
  const aeX = await train(fn, xs, { ...settings, dims: dimsX, seed: stream(settings.seed, 2) });
  const aeT = await train(fn, noisy, { ...settings, dims: dimsT, seed: stream(settings.seed, 3) });
  try {
    const point = compressedPoint(aeX.encode(xs), aeT.encode(noisy), labels, { compressor: 'first', dimsX, dimsT, noiseStd: 0, rescale, inner, k, units, seed: settings.seed });
    // the codes were used as they are: PCA settings and the 'explained variance' of an uncompressed variable (1) do not apply
    const params: Record<string, unknown> = { ...point.params };
    for (const key of ['pcaIterations', 'explainedVarianceX', 'explainedVarianceT']) delete params[key];
    return {
      ...point,
      params: {
        ...params,
        compressor: 'autoencoder',
        dims: settings.dims,
        noiseStd,
        autoencoder: { hidden: settings.hidden, activation: settings.activation, epochs: settings.epochs, batchSize: settings.batchSize, learningRate: settings.learningRate, lossX: aeX.loss, lossT: aeT.loss },
      },
    };
  } finally {
    aeX.dispose();
    aeT.dispose();
  }
}
