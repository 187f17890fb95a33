/** Recording information-plane dynamics from any training loop. */
export { InfoPlaneRecorder, createRecorder, cutIntoClasses, RECORDER_DEFAULTS } from './recorder';
export { readSnapshot, readSnapshotProbe, readSnapshotLayer, readSnapshotLogs, snapshotLayerFileName } from './snapshot';
export type { Snapshot, SnapshotEpoch, SnapshotLayerFile, SnapshotProbe } from './snapshot';
export { estimateSnapshot } from './estimateSnapshot';
export type { EstimateSnapshotOptions, SnapshotUnit } from './estimateSnapshot';
export { createPlan, writePlan, readPlan, runPlanTask, mergePlan, planStatus, partFile, partsFolder, taskFromEnvironment, TASK_INDEX_VARIABLES } from './plan';
export type { Plan, PlanTask, PlanUnit, CreatePlanOptions, RunPlanTaskResult, MergeStatus } from './plan';
export type { RecorderArgs, EstimatorConfig, EstimatorInput, LayerActivations, ShapedActivations, RecordExtras } from './recorder';
export { everyEpoch, everyKEpochs, epochList, logSpacedEpochs, logSpacedEpochList, resolveSchedule } from './schedule';
export type { Schedule, ScheduleSpec } from './schedule';
