/** Hand-made `Run` objects for the plot tests. */
import { Run, RunEpochRecord, RunPointRecord } from '../../run/types';

export interface MakeRunOptions {
  layers?: string[];
  epochs?: number[];
  /** Estimators and the values they give for (layer index, epoch); return undefined to leave a value out. */
  estimators?: Record<string, (layer: number, epoch: number) => { ixt?: number; ity?: number; hT?: number }>;
  probeSize?: number;
  units?: 'bits' | 'nats';
  hY?: number;
  dataset?: string;
  /** Training logs per epoch; default loss = 1/(epoch+1), acc = epoch/(epoch+1). */
  logs?: ((epoch: number) => Record<string, number>) | null;
}

/** Default values: I(X;T) rises then falls a little per layer, I(T;Y) rises, all below the ceilings. */
export function planeValues(layer: number, epoch: number): { ixt: number; ity: number } {
  return { ixt: 1 + layer * 0.5 + epoch * 0.1, ity: 0.1 + 0.05 * epoch + 0.01 * layer };
}

export function makeRun(options: MakeRunOptions = {}): Run {
  const {
    layers = ['dense_1', 'dense_2', 'dense_3'],
    epochs = [0, 1, 2, 3],
    estimators = { binning: planeValues },
    probeSize = 64,
    units = 'bits',
    hY,
    dataset = 'toy',
    logs = (e: number) => ({ loss: 1 / (e + 1), acc: e / (e + 1), val_loss: 1.2 / (e + 1), val_acc: e / (e + 2) }),
  } = options;
  const points: RunPointRecord[] = [];
  const epochRecords: RunEpochRecord[] = [];
  for (const epoch of epochs) {
    layers.forEach((layer, layerIndex) => {
      for (const [estimator, f] of Object.entries(estimators)) {
        const v = f(layerIndex, epoch);
        points.push({ type: 'point', epoch, layer, layerIndex, estimator, ...v });
      }
    });
    if (logs) epochRecords.push({ type: 'epoch', epoch, logs: logs(epoch) });
  }
  return {
    header: {
      type: 'header',
      format: 'infoplane-run',
      version: 1,
      runId: 'test-run',
      created: '2026-01-01T00:00:00.000Z',
      model: { layers: layers.map((name) => ({ name, units: 4, activation: 'tanh' })) },
      dataset,
      probeSize,
      estimators: Object.keys(estimators).map((name) => ({ name, params: {} })),
      units,
      versions: { infoplane: 'test' },
      ...(hY !== undefined ? { meta: { hY } } : {}),
    },
    points,
    epochs: epochRecords,
  };
}

/** A run as NDJSON text (what the recorder writes). */
export function runToNdjson(run: Run): string {
  return [run.header, ...run.points, ...run.epochs].map((r) => JSON.stringify(r)).join('\n') + '\n';
}
