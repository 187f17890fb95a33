/**
 * The run-file format: append-only NDJSON. The first line is a `RunHeader`; then, in the order they are
 * recorded, one `RunPointRecord` per (epoch, layer, estimator) and one `RunEpochRecord` per recorded epoch
 * (training logs and weight norms). Every line is a complete JSON object, so a run cut short by a crash keeps
 * every line that was written before it; a truncated last line is detected and reported by the reader.
 */
import type { ClassTerms } from '../core/classTerms';
import { Units } from '../core/units';

export const RUN_FORMAT = 'infoplane-run';
export const RUN_FORMAT_VERSION = 1;

/** One estimator configured for a run, with all of its parameters (defaults included). */
export interface RunEstimator {
  /** Registry name: `binning`, `adaptive-binning`, `kde`, `dse`, ... */
  name: string;
  /** Every parameter the estimator uses (defaults included), as the API options object. */
  params: Record<string, unknown>;
  /** The name point records use for this estimator when it differs from `name` (the same estimator configured twice). */
  label?: string;
  /** Parameters whose value is chosen per layer and epoch from the data (see each point's `params`). */
  dataDependent?: string[];
  /**
   * What this estimator's point records hold in `ixt`, `ity` and `hT` when they are not I(X;T), I(T;Y) and H(T):
   * a representation measure's names (`coding-rate`: `{ixt: 'coding rate R(T)', ity: 'rate reduction ΔR(T;Y)',
   * hT: 'coding rate R(T)'}`), which the figures use as axis titles. Absent for information estimators.
   */
  quantities?: { ixt?: string; ity?: string; hT?: string };
}

/** Description of the trained model, as far as it is known. */
export interface RunModelSummary {
  /** Layer names in order, with their unit counts and activations. */
  layers: { name: string; units: number; activation?: string }[];
  /** Free text (architecture, optimiser, learning rate...). */
  description?: string;
  [key: string]: unknown;
}

export interface RunHeader {
  type: 'header';
  format: typeof RUN_FORMAT;
  version: typeof RUN_FORMAT_VERSION;
  runId: string;
  /** ISO 8601 time the run was created. */
  created: string;
  model: RunModelSummary;
  /** Data set name or description, e.g. `ib12`. */
  dataset: string;
  /** Number of probe samples the estimates use. */
  probeSize: number;
  seed?: number;
  estimators: RunEstimator[];
  units: Units;
  /** Versions of infoplane, node, and the tfjs backend when one is used. */
  versions: Record<string, string>;
  /** Anything else the producer wants to keep (planned epochs, schedule...). */
  meta?: Record<string, unknown>;
}

/**
 * A reason to doubt a recorded estimate (the estimator's `warnings`: `saturated`, `out-of-range`, `kde-regime`,
 * `ties`...): a machine-readable code, one sentence, and the figures behind it.
 */
export interface RunWarning {
  code: string;
  message: string;
  [figure: string]: unknown;
}

/** One class's terms of a point record (see `RunPointRecord.perClass`), in the header's units. */
export type RunClassTerms = ClassTerms;

/** One estimate of one layer at one epoch. Information values are in the header's `units`. */
export interface RunPointRecord {
  type: 'point';
  epoch: number;
  /** Layer name. */
  layer: string;
  /** 0-based position of the layer among the recorded layers. */
  layerIndex: number;
  /** Estimator name (as in the header). */
  estimator: string;
  /** I(X;T), when the estimator gives it. */
  ixt?: number;
  /** I(T;Y), when the estimator gives it. */
  ity?: number;
  /** H(T), when the estimator gives it (DSE gives only this). */
  hT?: number;
  /** I(X;T|Y), the information T keeps about X beyond the label, when the estimator gives it. */
  ixtGivenY?: number;
  /**
   * I(T;Y) against each of the run's named label sets (`header.meta.labelSets`, e.g. `{clean, noisy}`), by set
   * name; `ity` is the first set's. Absent when the run has one label set.
   */
  itySets?: Record<string, number>;
  /**
   * Per-class terms (recorder option `perClass`), one per class with samples (of the first label set), in the
   * header's units: `hTgivenY` = H(T|Y=c), `ityTerm` = the class's term of I(T;Y) (the terms sum to `ity`),
   * `ixtGivenY` = I(X;T|Y=c) where the estimator gives it, `hTrandom` for DSMI's 'reference' variant.
   */
  perClass?: RunClassTerms[];
  /** The bias floor: I(T;Y) with the labels permuted `shuffles` times (seeded), at the epochs the recorder chose. */
  baseline?: { ity: { shuffles: number; seed: number; mean: number; sd: number; min: number; max: number } };
  /**
   * Error bars by the bootstrap over samples (seeded), at the epochs the recorder chose: per quantity (`ixt`, `ity`,
   * `ixtGivenY`) the percentile interval [lower, upper] at `level`, with the replicates' mean and sd, in the run's units.
   */
  bootstrap?: {
    bootstrap: number;
    seed: number;
    level: number;
    intervals: Record<string, { mean: number; sd: number; lower: number; upper: number; nonFinite: number }>;
  };
  /**
   * The estimate's warnings (empty when there are none). Absent in run files written before warnings existed:
   * readers then fall back to their own checks (the figures' saturation test).
   */
  warnings?: RunWarning[];
  /** Parameters actually used for this estimate (e.g. the adaptive lower edge or bandwidth chosen). */
  params?: Record<string, unknown>;
  /** Milliseconds the estimate took. */
  ms?: number;
}

/** Training logs of one recorded epoch. */
export interface RunEpochRecord {
  type: 'epoch';
  epoch: number;
  /** Loss, accuracy, validation metrics... as numbers. */
  logs: Record<string, number>;
  /** Frobenius norm of each layer's weights, by layer name. */
  weightNorms?: Record<string, number>;
  /**
   * The singular-value summaries of each weight matrix (kernels of rank >= 2; a convolution kernel read as
   * (kh*kw*cin) x cout), by layer name (`layer/weight` when a layer has several matrices).
   */
  weightSpectra?: Record<string, RunWeightSpectrum>;
  /** ISO 8601 time the epoch was recorded. */
  time?: string;
}

/**
 * Singular-value summaries of one weight matrix W (see core/spectral/weightSpectrum.ts): the condition number
 * kappa = s_max / s_min (Infinity when rank deficient), the log-volume sum ln s_i (natural log; -Infinity when
 * rank deficient) and the stable rank ||W||_F^2 / s_max^2.
 */
export interface RunWeightSpectrum {
  /** [rows, cols] of the matrix. */
  shape: [number, number];
  kappa: number;
  logVolume: number;
  stableRank: number;
  sMax: number;
  sMin: number;
  /** Singular values above the numerical-zero threshold. */
  rank: number;
}

export type RunRecord = RunPointRecord | RunEpochRecord;

/** A run read back from its file. */
export interface Run {
  header: RunHeader;
  points: RunPointRecord[];
  epochs: RunEpochRecord[];
  /** Set when the file ended in a partial line (a crash while writing): what was dropped, for reporting. */
  truncated?: { line: number; text: string };
  /**
   * Lines the reader left out, with the reason: a record with a missing or wrong-typed field (an epoch that is
   * not a non-negative integer...), or a second record for the same (estimator, layer, epoch) or epoch (the
   * first is kept). Absent when every line was read.
   */
  skipped?: { line: number; reason: string }[];
}
