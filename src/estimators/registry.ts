/**
 * Every estimator reachable by name (from the command line, the recorder and `sweep`), in the order `--help`
 * lists them: each family's declarative spec (`specs/`) with the public functions of its operations.
 */
import { fail } from '../core/errors';
import { adaptiveBinning, adaptiveBinningEntropy, adaptiveBinningMutualInformation } from './adaptiveBinning';
import { adaptiveKde, adaptiveKdeMutualInformation } from './adaptiveKde';
import { binning, binningEntropy, binningMutualInformation } from './binning';
import { codingRate, codingRatePoint, rateReduction } from './codingRate';
import { compressedEntropy, compressedMutualInformation, compressedPoint } from './compressed';
import { csDivergence, csNormalizedPoint, csPoint, csQmi, csQmiNormalized } from './cauchySchwarz';
import { diffusionSpectralEntropy, diffusionSpectralMutualInformation, dsmiPoint } from './dse';
import { effectiveRankEntropy } from './effectiveRank';
import { kde, kdeEntropy, kdeMutualInformation } from './kde';
import { kozachenkoLeonenko, ksgMutualInformation, ksgPoint } from './ksg';
import { renyiEntropy, renyiMutualInformation, renyiPoint } from './renyi';
import { ADAPTIVE_BINNING_SPEC } from './specs/adaptiveBinning';
import { BINNING_SPEC } from './specs/binning';
import { CODING_RATE_SPEC } from './specs/codingRate';
import { COMPRESSED_SPEC } from './specs/compressed';
import { CS_DIVERGENCE_SPEC, CS_NORMALIZED_SPEC, CS_SPEC } from './specs/cauchySchwarz';
import { DSE_SPEC, DSMI_SPEC } from './specs/dse';
import { EFFECTIVE_RANK_SPEC } from './specs/effectiveRank';
import { ADAPTIVE_KDE_SPEC, KDE_SPEC } from './specs/kde';
import { KSG_SPEC } from './specs/ksg';
import { RENYI_SPEC } from './specs/renyi';
import { EstimatorSpec, registerEstimator } from './specs/spec';

// every family but dse and dsmi (which subsample inside their kernel, with their own maxSamples) declares the
// shared maxSamples and seed, and its public functions draw the subset themselves (subsampling.ts)
export const ESTIMATORS: readonly EstimatorSpec[] = [
  registerEstimator(BINNING_SPEC, { point: binning, mi: binningMutualInformation, entropy: binningEntropy }),
  registerEstimator(ADAPTIVE_BINNING_SPEC, { point: adaptiveBinning, mi: adaptiveBinningMutualInformation, entropy: adaptiveBinningEntropy }),
  registerEstimator(KDE_SPEC, { point: kde, mi: kdeMutualInformation, entropy: kdeEntropy }),
  registerEstimator(ADAPTIVE_KDE_SPEC, { point: adaptiveKde, mi: adaptiveKdeMutualInformation }),
  registerEstimator(CS_SPEC, { point: csPoint, mi: csQmi }),
  registerEstimator(CS_NORMALIZED_SPEC, { point: csNormalizedPoint, mi: csQmiNormalized }),
  registerEstimator(DSE_SPEC, { entropy: diffusionSpectralEntropy }),
  registerEstimator(DSMI_SPEC, { point: dsmiPoint, mi: diffusionSpectralMutualInformation }),
  registerEstimator(RENYI_SPEC, { point: renyiPoint, mi: renyiMutualInformation, entropy: renyiEntropy }),
  registerEstimator(KSG_SPEC, { point: ksgPoint, mi: ksgMutualInformation, entropy: kozachenkoLeonenko }),
  registerEstimator(COMPRESSED_SPEC, { point: compressedPoint, mi: compressedMutualInformation, entropy: compressedEntropy }),
  // representation measures (not information estimators): coding rates and the covariance spectrum
  registerEstimator(CODING_RATE_SPEC, { point: codingRatePoint, mi: rateReduction, entropy: codingRate }),
  registerEstimator(EFFECTIVE_RANK_SPEC, { entropy: effectiveRankEntropy }),
];

/** Estimators of the `divergence` command, by name. */
export const DIVERGENCES: readonly EstimatorSpec[] = [registerEstimator(CS_DIVERGENCE_SPEC, { divergence: csDivergence })];

/** The names of the registered estimators. */
export function estimatorNames(): string[] {
  return ESTIMATORS.map((e) => e.name);
}

/** Look an estimator up by name; an unknown name is an error that lists the valid ones. */
export function estimatorSpec(name: unknown, fn = 'estimator'): EstimatorSpec {
  const spec = ESTIMATORS.find((e) => e.name === name);
  if (!spec) {
    fail('invalid_option', {
      fn,
      param: 'estimator',
      expected: `one of ${estimatorNames().join(', ')}`,
      received: typeof name === 'string' ? JSON.stringify(name) : String(name),
    });
  }
  return spec;
}
