/** Run files: writing (append-only NDJSON), reading, summarising and combining runs. */
export * from './types';
export { createRunHeader, newRunId } from './header';
export type { RunHeaderFields } from './header';
export { RunFileWriter, RUN_FILE_WRITER_DEFAULTS, finiteReplacer } from './runFile';
export type { RunFileWriterOptions } from './runFile';
export { lockRunFile, lockFileOf, readRunLock } from './runLock';
export type { RunFileLock, RunLockInfo } from './runLock';
export { MemoryRunSink, TeeRunSink } from './sink';
export type { RunSink } from './sink';
export { parseRun, readRun } from './parseRun';
export { combineRuns, quantileSorted, COMBINE_RUNS_DEFAULTS } from './combineRuns';
export type { CombinedRuns, CombinedPoint, CombineRunsOptions, Spread } from './combineRuns';
export { summarizeRun, formatRunSummary } from './summarizeRun';
export type { RunSummary, WarningSummary } from './summarizeRun';
export { layerOrderingViolations, describeLayerOrdering, ixtStandardError, ORDERING_TOLERANCE } from './layerOrdering';
export type { LayerOrderingViolation } from './layerOrdering';
export { correlateRuns, generalizationGap, CORRELATE_QUANTITIES, GAP_KINDS } from './correlateRuns';
export type { CorrelateRunsOptions, CorrelateResult, CorrelateRow, CorrelatePair, CorrelateQuantity, GapKind } from './correlateRuns';
