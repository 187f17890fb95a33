/**
 * infoplane/tfjs: the TensorFlow.js training callback, the backend loader and the reference experiments and
 * their models. Importing it loads `@tensorflow/tfjs-node` when it is installed, else `@tensorflow/tfjs`, and
 * prints nothing; `await initTensorFlow()` picks the fastest backend (tfjs-node, then wasm, then cpu) and one line
 * on stderr says which and why, at first use. Recording and run files (`createRecorder`, `readRun`, ...) live in
 * the root entry point 'infoplane'.
 */
export { InfoPlaneCallback, infoPlaneCallback, INFO_PLANE_CALLBACK_DEFAULTS } from './infoPlaneCallback';
export type { InfoPlaneCallbackArgs, LayerSelection } from './infoPlaneCallback';
export { loadTensorFlow, initTensorFlow, announceBackend, setBackendNoticeHandler, BACKEND_CHOICES } from './backend';
export type { TensorFlow, LoadedTensorFlow, BackendName, BackendChoice, InitTensorFlowOptions } from './backend';
export { runExperiment, EXPERIMENTS, EXPERIMENT_NAMES, mlp } from './train';
export type { ExperimentName, ExperimentOptions, ExperimentResult, MlpSpec } from './train';
export { trainAutoencoder, compressedWithAutoencoder, AUTOENCODER_DEFAULTS, AUTOENCODER_ACTIVATIONS } from './autoencoder';
export type { Autoencoder, AutoencoderOptions, AutoencoderSettings, CompressedAutoencoderOptions } from './autoencoder';
