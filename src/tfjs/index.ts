/**
 * infoplane/tfjs: the TensorFlow.js training callback. Loads `@tensorflow/tfjs-node` when it is installed,
 * else `@tensorflow/tfjs` (one line on stderr says which).
 */
export { InfoPlaneCallback, infoPlaneCallback, INFO_PLANE_CALLBACK_DEFAULTS } from './infoPlaneCallback';
export type { InfoPlaneCallbackArgs, LayerSelection } from './infoPlaneCallback';
export { loadTensorFlow, setBackendNoticeHandler } from './backend';
export type { TensorFlow, LoadedTensorFlow } from './backend';
export * from '../record';
export { readRun, parseRun, combineRuns, summarizeRun, formatRunSummary, RunFileWriter, MemoryRunSink } from '../run';
export type { Run, RunHeader, RunPointRecord, RunEpochRecord, RunSink, CombinedRuns } from '../run';
export { runExperiment, EXPERIMENTS, EXPERIMENT_NAMES, mlp } from '../train';
export type { ExperimentName, ExperimentOptions, ExperimentResult, MlpSpec } from '../train';
