/**
 * infoplane/browser: the browser build (`dist/browser/infoplane.mjs`, one ES module made by
 * `scripts/build-browser.js`): the estimators, the recorder (runs in memory, to a sink, or as NDJSON text to
 * download), the figure builders, the TensorFlow.js callback, and the live information plane of a page. It holds
 * no Node built-in: file, thread and environment code sits behind twins (`X.browser.ts` beside `X.ts`) that the
 * bundle resolves instead; the WebAssembly kernels are inside it. TensorFlow.js is the page's own (the `tf`
 * global or `useTensorFlow(tf)`), and Plotly too (the `Plotly` global or the `plotly` option).
 *
 * Loaded in a Web Worker named `infoplane-estimation` (what `showInfoPlane` and `WorkerRecorder` start), the
 * same file serves their estimation requests (`./estimationWorker.ts`).
 */
import type { InfoPlaneCallback, InfoPlaneCallbackArgs } from '../tfjs/infoPlaneCallback';
import { installIfEstimationWorker } from './estimationWorker';

// data and errors
export { InfoplaneError } from '../core/errors';
export type { ErrorCode, InfoplaneErrorDetails } from '../core/errors';
export { setMemoryBudget, memoryBudget, checkMemory } from '../core/memory';
export { toSamples, selectRows, toRows, samples, isSamples } from '../core/samples';
export type { Samples, SamplesLike, NumberArray, ShapedArray, ToSamplesOptions } from '../core/samples';
export { toLabels, oneHot, isLabels } from '../core/labels';
export type { Labels } from '../core/labels';
export { fromNats, toNats, LN2, DEFAULT_UNITS } from '../core/units';
export type { Units } from '../core/units';
export { warn, consumeWarnings, setWarningHandler } from '../core/warn';
export { randomSource, sampleIndices } from '../core/random';
export { PLATFORM } from '../core/platform';

// estimators (the registry holds every family; the functions below are the most used ones)
export type { PlanePoint, Estimate, UsedParams, EstimateWarning } from '../estimators/types';
export { ESTIMATORS, DIVERGENCES, estimatorSpec, estimatorNames } from '../estimators/registry';
export { resolveOptions, specDefaults, reportedDefaults, paramNames } from '../estimators/specs/spec';
export { diagnose, formatWarning } from '../estimators/diagnostics';
export { pointBaseline, miBaseline } from '../estimators/baseline';
export { pointBootstrap, miBootstrap } from '../estimators/bootstrap';
export { binning, binningEntropy, binningMutualInformation } from '../estimators/binning';
export { adaptiveBinning, adaptiveBinningEntropy, adaptiveBinningMutualInformation } from '../estimators/adaptiveBinning';
export { kde, kdeEntropy, kdeMutualInformation } from '../estimators/kde';
export { adaptiveKde, adaptiveKdeMutualInformation } from '../estimators/adaptiveKde';
export { csQmi, csQmiNormalized, csDivergence, csPoint, csNormalizedPoint } from '../estimators/cauchySchwarz';
export { diffusionSpectralEntropy, diffusionSpectralMutualInformation, dsmiPoint } from '../estimators/dse';
export { renyiEntropy, renyiMutualInformation, renyiPoint } from '../estimators/renyi';
export { ksg, ksgMixed, ksgPoint, ksgMutualInformation, kozachenkoLeonenko } from '../estimators/ksg';
export { compressedPoint, compressedMutualInformation, compressedEntropy } from '../estimators/compressed';
export { codingRate, rateReduction, codingRatePoint } from '../estimators/codingRate';
export { effectiveRankEntropy } from '../estimators/effectiveRank';
export { digamma } from '../core/digamma';

// recording, runs in memory and as NDJSON text
export { InfoPlaneRecorder, createRecorder, RECORDER_DEFAULTS } from '../record/recorder';
export type { RecorderArgs, EstimatorConfig, EstimatorInput, LayerActivations, ShapedActivations, RecordExtras } from '../record/recorder';
export { everyEpoch, everyKEpochs, epochList, logSpacedEpochs, logSpacedEpochList, resolveSchedule } from '../record/schedule';
export type { Schedule, ScheduleSpec } from '../record/schedule';
export * from '../run/types';
export { createRunHeader, newRunId } from '../run/header';
export { MemoryRunSink, TeeRunSink } from '../run/sink';
export type { RunSink } from '../run/sink';
export { parseRun } from '../run/parseRun';
export { finiteReplacer, runToNdjson, ndjsonLine, NdjsonRunSink } from '../run/ndjson';
export { combineRuns } from '../run/combineRuns';
export { summarizeRun, formatRunSummary } from '../run/summarizeRun';
export { layerOrderingViolations, describeLayerOrdering } from '../run/layerOrdering';
export { downloadRun, runBlob } from './download';

// figures (pure builders: Plotly JSON)
export { infoPlaneFigure, seedsFigure, infoPlanePanels, layersFigure, INFO_PLANE_DEFAULTS } from '../plot/infoPlane';
export type { InfoPlaneOptions, InfoPlanePanelsOptions, LayersFigureOptions } from '../plot/infoPlane';
export { informationCurvesFigure, trainingFigure } from '../plot/curves';
export type { PlotlyFigure, PlotlyTrace } from '../plot/figure';

// TensorFlow.js: the page's own, the callback, and the live plane
export { useTensorFlow, initTensorFlow, loadTensorFlow, setBackendNoticeHandler } from '../tfjs/backend.browser';
export { WorkerRecorder, createWorkerRecorder, WORKER_RECORDER_DEFAULTS, ESTIMATION_WORKER_NAME } from './workerRecorder';
export type { WorkerRecorderOptions } from './workerRecorder';
export { showInfoPlane, SHOW_INFO_PLANE_DEFAULTS } from './showInfoPlane';
export type { ShowInfoPlaneArgs, LiveInfoPlane, PlotlyLike } from './showInfoPlane';
export type { InfoPlaneCallback, InfoPlaneCallbackArgs } from '../tfjs/infoPlaneCallback';

/**
 * The tfjs training callback (see `infoplane/tfjs`). Its module subclasses `tf.Callback`, so it is evaluated at the
 * first call, when the page's TensorFlow.js is there, not when the bundle loads (the estimation worker loads the
 * same bundle without TensorFlow.js).
 * @example
 * await model.fit(xs, ys, {epochs: 50, callbacks: [infoPlaneCallback({x: xs, y: ys, estimators: ['binning']})]});
 */
export function infoPlaneCallback(args: InfoPlaneCallbackArgs): InfoPlaneCallback {
  return callbackModule().infoPlaneCallback(args);
}

/** The callback module, evaluated on first use (a `require` the bundler turns into a lazy initializer). */
export function callbackModule(): typeof import('../tfjs/infoPlaneCallback') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../tfjs/infoPlaneCallback');
}

installIfEstimationWorker();
