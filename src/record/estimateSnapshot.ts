/**
 * Estimate an activation snapshot (`record/snapshot.ts`) on one machine: every epoch, layer and estimator, in
 * the order the recorder writes them, into a run file identical in format to a recorded run's (so `inspect`,
 * `plot` and `correlate` read it unchanged). The sharded path (`record/plan.ts`) computes the same records
 * through the same recorder, a work unit at a time.
 */
import * as path from 'path';
import { Units } from '../core/units';
import { estimatorSpec } from '../estimators/registry';
import { predictSeconds } from '../estimators/specs/spec';
import { Run, RunPointRecord } from '../run/types';
import { EstimatorConfig, EstimatorInput, InfoPlaneRecorder, RECORDER_DEFAULTS } from './recorder';
import { readSnapshot, readSnapshotLayer, readSnapshotLogs, readSnapshotProbe, Snapshot, SnapshotEpoch, SnapshotLayerFile } from './snapshot';
import { numericLogs } from '../run/numericLogs';

export interface EstimateSnapshotOptions {
  /** Estimators, as the recorder takes them. Defaults to the recorder's (binning, adaptive-binning). */
  estimators?: readonly EstimatorInput[];
  /** Units of the run. Defaults to 'bits'. */
  units?: Units;
  /** Classes a continuous target is cut into when the snapshot has no labels. Defaults to 10. */
  targetClasses?: number;
  /** Write each point's per-class terms (the recorder's `perClass`). Defaults to false. */
  perClass?: boolean;
  /** Write the run to this NDJSON file (flushed per epoch). Defaults to undefined (memory only). */
  runFile?: string;
  /** Replace an existing `runFile`. Defaults to false. */
  overwrite?: boolean;
  /** Called after each work unit (one estimator on one layer at one epoch). */
  onProgress?: (done: number, total: number, unit: SnapshotUnit) => void;
  /** Called once before any work with the snapshot, its units and their predicted seconds in all. */
  onStart?: (snapshot: Snapshot, units: number, predictedSeconds: number) => void;
}

/** One piece of work: one estimator on one layer file at one epoch. */
export interface SnapshotUnit {
  epoch: number;
  layer: string;
  /** The layer file, relative to the snapshot folder. */
  file: string;
  /** The estimator's label. */
  estimator: string;
  /** Rows and values per row of the layer. */
  n: number;
  d: number;
}

/** The settings a snapshot is estimated with, shared by `estimateSnapshot` and plans. */
export interface SnapshotSettings {
  estimators: readonly EstimatorInput[];
  units: Units;
  targetClasses?: number;
  perClass?: boolean;
}

/**
 * The recorder that estimates snapshot `s`: its probe, its layer order, a schedule of its epochs, and a header
 * naming the snapshot. Both the single-machine and the sharded paths build it here, so their headers and
 * records agree.
 */
export function snapshotRecorder(s: Snapshot, settings: SnapshotSettings, sink: { runFile?: string; overwrite?: boolean } = {}): InfoPlaneRecorder {
  const probe = readSnapshotProbe(s, 'estimateSnapshot');
  const widths = new Map<string, number>();
  for (const e of s.epochs) for (const l of e.layers) widths.set(l.layer, l.d);
  return new InfoPlaneRecorder({
    inputs: probe.inputs,
    labels: probe.labels,
    target: probe.target,
    ...(settings.targetClasses !== undefined ? { targetClasses: settings.targetClasses } : {}),
    ...(settings.perClass ? { perClass: true } : {}),
    estimators: settings.estimators,
    units: settings.units,
    schedule: s.epochs.map((e) => e.epoch),
    layers: s.layers,
    runFile: sink.runFile,
    overwrite: sink.overwrite,
    header: {
      model: { layers: s.layers.map((name) => ({ name, units: widths.get(name) as number })) },
      dataset: path.basename(s.folder),
      meta: { snapshot: { folder: s.folder, epochs: s.epochs.length, layers: s.layers.length } },
    },
  });
}

/**
 * Predicted seconds of a unit: the family's cost model on the rows it keeps (`maxSamples`), else a generic
 * all-pairs model (most families without a declared model are O(n^2 d) or dearer).
 */
export function unitCost(u: SnapshotUnit, config: EstimatorConfig, inputDim: number): number {
  const spec = estimatorSpec(config.name, 'createPlan');
  const cap = (config.options?.maxSamples as number | undefined) ?? (spec.params.maxSamples?.default as number | undefined);
  const n = cap !== undefined ? Math.min(u.n, cap) : u.n;
  return predictSeconds(spec, n, u.d, inputDim) ?? 1e-9 * n * n * (u.d + inputDim + 4);
}

/** Every unit of a snapshot, in run-file order: epochs ascending, then layers in order, then estimators in order. */
export function snapshotUnits(s: Snapshot, estimatorLabels: readonly string[]): SnapshotUnit[] {
  const units: SnapshotUnit[] = [];
  for (const e of s.epochs) {
    for (const l of e.layers) for (const estimator of estimatorLabels) units.push({ epoch: e.epoch, layer: l.layer, file: l.file, estimator, n: l.n, d: l.d });
  }
  return units;
}

/**
 * For max-scaled binning: the running maximum of every layer's activations over this and the earlier epochs, by
 * epoch, as `InfoPlaneRecorder.record` tracks it. Reads every layer file once.
 */
export function runningMaxima(s: Snapshot): Map<number, number> {
  const out = new Map<number, number>();
  let max = -Infinity;
  for (const e of s.epochs) {
    for (const l of e.layers) {
      const t = readSnapshotLayer(s, l, 'estimateSnapshot');
      for (let i = 0; i < t.data.length; i++) if (t.data[i] > max) max = t.data[i];
    }
    out.set(e.epoch, max);
  }
  return out;
}

/** True when an estimator list has max-scaled binning (which needs `runningMaxima`). */
export function needsRunningMax(estimators: readonly EstimatorInput[]): boolean {
  return estimators.some((e) => typeof e === 'object' && e !== null && (e.options as Record<string, unknown> | undefined)?.maxScaled === true);
}

/** The epoch record of snapshot epoch `e`: its logs.json numbers. */
export function snapshotEpochRecord(s: Snapshot, e: SnapshotEpoch): { type: 'epoch'; epoch: number; logs: Record<string, number> } {
  return { type: 'epoch', epoch: e.epoch, logs: numericLogs(readSnapshotLogs(s, e, 'estimateSnapshot')) };
}

/**
 * Estimate every epoch, layer and estimator of the snapshot in `folder`, as the recorder would have during
 * training, and return the run (written to `runFile` as it goes, one epoch at a time).
 *
 * Cost: the estimators' on every layer file, each read once (twice with max-scaled binning); memory: the probe
 * plus one layer at a time.
 *
 * @example
 * const run = await estimateSnapshot('snapshots/resnet-seed0', {estimators: ['binning', 'compressed'], runFile: 'runs/resnet-seed0.ndjson'});
 */
export async function estimateSnapshot(folder: string, options: EstimateSnapshotOptions = {}): Promise<Run> {
  const s = readSnapshot(folder, { fn: 'estimateSnapshot', param: 'folder' });
  const settings: SnapshotSettings = {
    estimators: options.estimators ?? RECORDER_DEFAULTS.estimators,
    units: options.units ?? RECORDER_DEFAULTS.units,
    targetClasses: options.targetClasses,
    perClass: options.perClass,
  };
  const recorder = snapshotRecorder(s, settings, { runFile: options.runFile, overwrite: options.overwrite });
  try {
    await recorder.begin();
    const maxima = needsRunningMax(settings.estimators) ? runningMaxima(s) : undefined;
    const labels = recorder.estimatorLabels;
    const units = snapshotUnits(s, labels);
    const total = units.length;
    if (options.onStart) {
      const configs = settings.estimators.map((e) => (typeof e === 'string' ? { name: e } : e));
      const byLabel = new Map(configs.map((c) => [c.label ?? c.name, c] as [string, EstimatorConfig]));
      options.onStart(s, total, units.reduce((a, u) => a + unitCost(u, byLabel.get(u.estimator) as EstimatorConfig, s.inputDim), 0));
    }
    let done = 0;
    for (const e of s.epochs) {
      const points: RunPointRecord[] = [];
      for (const l of e.layers) {
        const t = readSnapshotLayer(s, l, 'estimateSnapshot');
        for (const estimator of labels) {
          points.push(await recorder.estimatePoint(e.epoch, l.layer, t, estimator, maxima?.get(e.epoch)));
          options.onProgress?.(++done, total, unitOf(e, l, estimator));
        }
      }
      recorder.append([...points, { ...snapshotEpochRecord(s, e), time: new Date().toISOString() }]);
    }
    return recorder.run as Run;
  } finally {
    recorder.close();
  }
}

function unitOf(e: SnapshotEpoch, l: SnapshotLayerFile, estimator: string): SnapshotUnit {
  return { epoch: e.epoch, layer: l.layer, file: l.file, estimator, n: l.n, d: l.d };
}
