import { setBackendNoticeHandler } from '../backend';
import { defaultEstimators, permutation, runExperiment, standardizeColumns } from './experiments';

process.env.INFOPLANE_TFJS = 'tfjs';
setBackendNoticeHandler(() => undefined);

describe('runExperiment', () => {
  it("runExperiment('digits', {epochs: 2}) records the 4 layers of the MLP on all 1797 images", async () => {
    const progress: number[] = [];
    const { run, finalLogs } = await runExperiment('digits', { epochs: 2, schedule: 'every-epoch', estimators: ['adaptive-binning'], onEpoch: (p) => progress.push(p.epoch) });
    expect(progress).toEqual([1, 2]);
    expect(run.header.probeSize).toBe(1797);
    expect(run.header.model.layers.map((l) => [l.name, l.units])).toEqual([['hidden1', 32], ['hidden2', 16], ['hidden3', 8], ['output', 10]]);
    expect(run.points).toHaveLength(3 * 4);
    expect(run.header.meta!.hY as number).toBeCloseTo(Math.log2(10), 2);
    for (const p of run.points) expect(p.ity).toBeLessThanOrEqual((run.header.meta!.hY as number) + 1e-9);
    expect(finalLogs.loss).toBeGreaterThan(0);
    expect(finalLogs.val_acc).toBeGreaterThanOrEqual(0);
  });

  it("runExperiment('diabetes', {epochs: 2}) records a regression network against the target cut into classes (or cs)", async () => {
    const { run } = await runExperiment('diabetes', { epochs: 2, schedule: [0, 2] });
    expect(run.header.probeSize).toBe(442);
    expect(run.header.meta).toMatchObject({ target: { kind: 'continuous', classes: 10 } });
    expect(run.header.model.layers.map((l) => [l.name, l.units, l.activation])).toEqual([['hidden1', 16, 'tanh'], ['hidden2', 8, 'tanh'], ['output', 1, 'linear']]);
    expect(run.header.estimators.map((e) => e.label ?? e.name)).toEqual(defaultEstimators('diabetes', 'tanh').map((e) => (typeof e === 'string' ? e : e.label ?? e.name)));
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 2]);
    expect(Object.keys(run.epochs[1].logs).sort()).toEqual(['loss', 'val_loss']);
  });

  it('runExperiment rejects bad options naming the parameter', async () => {
    await expect(runExperiment('mnist' as never)).rejects.toThrow(/experiment must be one of "ib12", "digits", "diabetes"/);
    await expect(runExperiment('ib12', { epochs: 0 })).rejects.toThrow(/epochs must be an integer in \[1, 1000000\]; got 0/);
    await expect(runExperiment('ib12', { trainFraction: 1 })).rejects.toThrow(/trainFraction must be a finite number in \(0, 1\); got 1/);
    await expect(runExperiment('ib12', { bogus: 1 } as never)).rejects.toThrow(/unknown option "bogus"/);
  });

  it('permutation(n, seed) is a seeded permutation; standardizeColumns gives mean 0 and sd 1', () => {
    const p = permutation(100, 3);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(permutation(100, 3))).toEqual(Array.from(p));
    expect(Array.from(permutation(100, 4))).not.toEqual(Array.from(p));
    const s = standardizeColumns(Float64Array.from([1, 5, 2, 5, 3, 5]), 3, 2);
    expect(Array.from(s)).toEqual([-Math.sqrt(1.5), 0, 0, 0, Math.sqrt(1.5), 0]);
  });
});
