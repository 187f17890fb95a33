/** Run files: writing (append-only NDJSON), reading, summarising and combining runs. */
export * from './types';
export { createRunHeader, newRunId } from './header';
export type { RunHeaderFields } from './header';
export { RunFileWriter, RUN_FILE_WRITER_DEFAULTS, finiteReplacer } from './runFile';
export type { RunFileWriterOptions } from './runFile';
export { MemoryRunSink, TeeRunSink } from './sink';
export type { RunSink } from './sink';
export { parseRun, readRun } from './parseRun';
export { combineRuns, quantileSorted, COMBINE_RUNS_DEFAULTS } from './combineRuns';
export type { CombinedRuns, CombinedPoint, CombineRunsOptions, Spread } from './combineRuns';
export { summarizeRun, formatRunSummary } from './summarizeRun';
export type { RunSummary } from './summarizeRun';
