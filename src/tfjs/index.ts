/**
 * infoplane/tfjs: the TensorFlow.js training callback, the backend loader and the reference experiments and
 * their models. Loads `@tensorflow/tfjs-node` when it is installed, else `@tensorflow/tfjs` (one line on stderr
 * says which). Recording and run files (`createRecorder`, `readRun`, ...) live in the root entry point 'infoplane'.
 */
export { InfoPlaneCallback, infoPlaneCallback, INFO_PLANE_CALLBACK_DEFAULTS } from './infoPlaneCallback';
export type { InfoPlaneCallbackArgs, LayerSelection } from './infoPlaneCallback';
export { loadTensorFlow, setBackendNoticeHandler } from './backend';
export type { TensorFlow, LoadedTensorFlow } from './backend';
export { runExperiment, EXPERIMENTS, EXPERIMENT_NAMES, mlp } from './train';
export type { ExperimentName, ExperimentOptions, ExperimentResult, MlpSpec } from './train';
