/** Reference experiments and their networks (TensorFlow.js). */
export { runExperiment, defaultEstimators, EXPERIMENTS, EXPERIMENT_NAMES, permutation, standardizeColumns } from './experiments';
export type { ExperimentName, ExperimentDefaults, ExperimentOptions, ExperimentResult, EpochProgress } from './experiments';
export { mlp } from './models';
export type { MlpSpec, Activation, OptimizerName } from './models';
export { progressBar } from './progressBar';
export type { ProgressBar, ProgressBarOptions } from './progressBar';
