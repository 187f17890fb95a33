/**
 * infoplane: mutual-information analysis of neural networks.
 * This entry point never loads TensorFlow.js; the training callback lives in its own entry point.
 */

// data and errors
export { InfoplaneError } from './core/errors';
export type { ErrorCode, InfoplaneErrorDetails } from './core/errors';
export { setMemoryBudget, memoryBudget, checkMemory } from './core/memory';
export type { MemoryRequest } from './core/memory';
export { toSamples, selectRows, toRows, samples, isSamples } from './core/samples';
export type { Samples, SamplesLike, NumberArray, ShapedArray, ToSamplesOptions } from './core/samples';
export { toLabels, oneHot, isLabels } from './core/labels';
export type { Labels } from './core/labels';
export { flipLabels } from './core/labelNoise';
export type { FlipLabelsOptions, FlippedLabels } from './core/labelNoise';
export { weightSpectrum, singularValues, weightMatrixShape } from './core/spectral/weightSpectrum';
export type { WeightSpectrum } from './core/spectral/weightSpectrum';
export { fromNats, toNats, LN2, DEFAULT_UNITS } from './core/units';
export type { Units } from './core/units';
export { warn, consumeWarnings, setWarningHandler } from './core/warn';
export { randomSource, sampleIndices } from './core/random';
export type { Random } from './core/random';

// files and data sets
export * from './io';
export * from './datasets';

// estimators
export type { PlanePoint, ClassTerms, Estimate, UsedParams, EstimateWarning } from './estimators/types';
export { diagnose, diagnosticsOf, formatWarning, SATURATION_TOLERANCE } from './estimators/diagnostics';
export { pointBaseline, miBaseline } from './estimators/baseline';
export type { BaselineOptions, ShuffleBaseline } from './estimators/baseline';
export { pointBootstrap, miBootstrap } from './estimators/bootstrap';
export type { BootstrapOptions, Bootstrap, BootstrapInterval } from './estimators/bootstrap';
export { pearson, spearman, kendallTauB } from './core/stats/correlation';
export type { Correlation } from './core/stats/correlation';
export type { DiagnosticFacts } from './estimators/diagnostics';
export type { EstimatorSpec, FamilySpec, Operation, OptionsOf, ResolvedOf, MiTarget, Params, PlaneQuantityNames } from './estimators/specs/spec';
export type { Param, ParamKind } from './estimators/specs/params';
export { resolveOptions, specDefaults, reportedDefaults, dataDependentParams, paramNames } from './estimators/specs/spec';
export { ESTIMATORS, DIVERGENCES, estimatorSpec, estimatorNames } from './estimators/registry';
export { binning, binningEntropy, binningMutualInformation, binningEdges, binningSymbols, BINNING_DEFAULTS } from './estimators/binning';
export type { BinningOptions } from './estimators/binning';
export {
  adaptiveBinning,
  adaptiveBinningEntropy,
  adaptiveBinningMutualInformation,
  adaptiveBinningEdges,
  defaultLowerEdge,
  ADAPTIVE_BINNING_DEFAULTS,
} from './estimators/adaptiveBinning';
export type { AdaptiveBinningOptions } from './estimators/adaptiveBinning';

export { kde, kdeEntropy, kdeMutualInformation, KDE_DEFAULTS } from './estimators/kde';
export type { KdeOptions, KdeBound } from './estimators/kde';
export { adaptiveKde, adaptiveKdeMutualInformation, ADAPTIVE_KDE_DEFAULTS } from './estimators/adaptiveKde';
export type { AdaptiveKdeOptions } from './estimators/adaptiveKde';
export {
  csQmi,
  csQmiNormalized,
  csDivergence,
  csPoint,
  csNormalizedPoint,
  resolveBandwidth,
  CS_QMI_DEFAULTS,
  CS_DIVERGENCE_DEFAULTS,
} from './estimators/cauchySchwarz';
export type { Bandwidth, CsQmiOptions, CsPointOptions, CsDivergenceOptions } from './estimators/cauchySchwarz';
export { sweep, bandwidthSweep, sweepEstimatorNames } from './estimators/sweep';
export type { SweepOptions, SweepResult } from './estimators/sweep';
export {
  diffusionSpectralEntropy,
  diffusionSpectralMutualInformation,
  dsmiPoint,
  equalWidthClusters,
  inputClusters,
  checkDenseMatrixFits,
  DSE_DEFAULTS,
  DSMI_DEFAULTS,
} from './estimators/dse';
export type { DiffusionSpectralEntropyOptions, DiffusionSpectralMutualInformationOptions } from './estimators/dse';
export { renyiEntropy, renyiMutualInformation, renyiPoint, matrixRenyiEntropy, RENYI_DEFAULTS } from './estimators/renyi';
export type { RenyiBandwidth, RenyiEntropyOptions, RenyiMutualInformationOptions, RenyiPointOptions } from './estimators/renyi';
export { symmetricEigenvalues, tridiagonalEigenvalues } from './core/spectral/symmetricEigenvalues';
export { ksg, ksgMixed, ksgPoint, ksgMutualInformation, kozachenkoLeonenko, standardizeColumns, KSG_DEFAULTS, KOZACHENKO_LEONENKO_DEFAULTS } from './estimators/ksg';
export type { KsgOptions, KozachenkoLeonenkoOptions } from './estimators/ksg';
export { compressedPoint, compressedMutualInformation, compressedEntropy, COMPRESSED_DEFAULTS } from './estimators/compressed';
export type { CompressedOptions, CompressedPlanePoint, CompressedEstimate } from './estimators/compressed';
export { codingRate, rateReduction, codingRatePoint, CODING_RATE_DEFAULTS } from './estimators/codingRate';
export type { CodingRateOptions } from './estimators/codingRate';
export { effectiveRankEntropy, EFFECTIVE_RANK_DEFAULTS } from './estimators/effectiveRank';
export type { EffectiveRankOptions } from './estimators/effectiveRank';
export { principalComponents, projectOnAxes } from './core/pca';
export type { Pca, PcaOptions } from './core/pca';
export { subsampleRows, selectLabels } from './core/subsample';
export { digamma } from './core/digamma';

// recording and run files (no TensorFlow.js; the callback is in 'infoplane/tfjs')
export * from './record';
export * from './run';

// the command line is the `infoplane` binary (src/cli), not part of this entry point
export { VERSION } from './version';
