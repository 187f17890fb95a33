import { binning } from '../estimators/binning';
import { createWorkerRecorder } from './workerRecorder';

describe('createWorkerRecorder', () => {
  it('createWorkerRecorder({perClass: true}, {worker: false}) passes perClass to the estimating recorder', async () => {
    const x = Array.from({ length: 12 }, (_, i) => [i]);
    const t = x.map(([i]) => [Math.tanh(i / 4 - 1)]);
    const labels = x.map(([i]) => i % 2);
    const rec = createWorkerRecorder({ inputs: x, labels, estimators: ['binning'], perClass: true }, { worker: false });
    await rec.record(0, { t });
    const p = (await rec.flush())!.points[0];
    rec.close();
    expect(p.perClass).toEqual(binning(x, t, labels).perClass);
    const plain = createWorkerRecorder({ inputs: x, labels, estimators: ['binning'] }, { worker: false });
    await plain.record(0, { t });
    const q = (await plain.flush())!.points[0];
    plain.close();
    expect(q.perClass).toBeUndefined();
  });
});
