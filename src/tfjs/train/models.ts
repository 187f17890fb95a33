/**
 * The networks of the reference experiments, built with TensorFlow.js (loaded by `loadTensorFlow`: tfjs-node
 * when installed, else tfjs). Weights are initialised from a seed.
 */
import type { Sequential } from '@tensorflow/tfjs';
import { loadTensorFlow } from '../backend';

export type Activation = 'tanh' | 'relu';
export type OptimizerName = 'adam' | 'sgd';

export interface MlpSpec {
  /** Input width. */
  inputs: number;
  /** Hidden layer widths, in order. */
  hidden: readonly number[];
  /** Output width. */
  outputs: number;
  /** Hidden activation. */
  activation: Activation;
  /** 'softmax' (classification, categorical cross-entropy) or 'linear' (regression, mean squared error). */
  output: 'softmax' | 'linear';
  optimizer: OptimizerName;
  learningRate: number;
  /** Seed of the weight initialisation. */
  seed: number;
}

/** Standard deviation of a hidden kernel's truncated normal: 1/sqrt(fan-in) (ibsgd) for tanh, sqrt(2/fan-in) (He) for ReLU. */
export function initStddev(activation: Activation | 'softmax' | 'linear', fanIn: number): number {
  return activation === 'relu' ? Math.sqrt(2 / fanIn) : 1 / Math.sqrt(fanIn);
}

/**
 * A compiled fully connected network. Layers are named `hidden1`...`hiddenK` and `output`. Kernels are drawn
 * from a truncated normal with standard deviation 1/sqrt(fan-in) (as in Saxe et al.'s ibsgd code; sqrt(2/fan-in)
 * for ReLU hidden layers), biases are 0 (0.1 for ReLU hidden layers, so that narrow layers do not start dead);
 * layer i uses seed `seed * 1000 + i + 1` (tfjs treats a seed of 0 as no seed). Metrics: accuracy for softmax outputs.
 * @example
 * const model = mlp({inputs: 12, hidden: [10, 7, 5, 4, 3], outputs: 2, activation: 'tanh', output: 'softmax', optimizer: 'adam', learningRate: 0.004, seed: 0});
 */
export function mlp(spec: MlpSpec): Sequential {
  const { tf } = loadTensorFlow();
  const model = tf.sequential();
  const widths = [...spec.hidden, spec.outputs];
  let fanIn = spec.inputs;
  widths.forEach((units, i) => {
    const last = i === widths.length - 1;
    model.add(
      tf.layers.dense({
        units,
        activation: last ? spec.output : spec.activation,
        inputShape: i === 0 ? [spec.inputs] : undefined,
        name: last ? 'output' : `hidden${i + 1}`,
        kernelInitializer: tf.initializers.truncatedNormal({ mean: 0, stddev: initStddev(last ? spec.output : spec.activation, fanIn), seed: spec.seed * 1000 + i + 1 }),
        // ReLU: a small positive bias keeps the narrow layers (3 and 2 units) from starting dead
        biasInitializer: !last && spec.activation === 'relu' ? tf.initializers.constant({ value: 0.1 }) : 'zeros',
      }),
    );
    fanIn = units;
  });
  const optimizer = spec.optimizer === 'adam' ? tf.train.adam(spec.learningRate) : tf.train.sgd(spec.learningRate);
  if (spec.output === 'softmax') {
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  } else {
    model.compile({ optimizer, loss: 'meanSquaredError' });
  }
  return model;
}
