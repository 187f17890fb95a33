/** Recording information-plane dynamics from any training loop. */
export { InfoPlaneRecorder, createRecorder, activationFileName, cutIntoClasses, RECORDER_DEFAULTS } from './recorder';
export type { RecorderArgs, EstimatorConfig, EstimatorInput, LayerActivations, ShapedActivations, RecordExtras } from './recorder';
export { everyEpoch, everyKEpochs, epochList, logSpacedEpochs, logSpacedEpochList, resolveSchedule } from './schedule';
export type { Schedule, ScheduleSpec } from './schedule';
