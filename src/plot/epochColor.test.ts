import { Run } from '../run/types';
import { makeRun } from './__tests__/makeRun';
import { epochColoring, logEpochTicks, logSpacedRecording } from './epochColor';

type Obj = Record<string, any>;

/** A run whose header says it was recorded log-spaced (what the recorder writes into meta.schedule). */
function logSpacedRun(epochs: number[]): Run {
  const run = makeRun({ epochs });
  run.header.meta = { schedule: { kind: 'log-spaced', count: epochs.length - 1, total: epochs[epochs.length - 1], epochs } };
  return run;
}

describe('epochColoring', () => {
  it('epochColoring(runs, lo, hi, "log") colours by log10(epoch + 1) and labels the bar with epochs', () => {
    const c = epochColoring([makeRun()], 0, 1000, 'log');
    expect(c.scale).toBe('log');
    // closed form: log10(e + 1)
    expect(c.value(0)).toBe(0);
    expect(c.value(9)).toBeCloseTo(1, 12);
    expect(c.value(999)).toBeCloseTo(3, 12);
    expect(c.coloraxis.cmin).toBe(0);
    expect(c.coloraxis.cmax).toBeCloseTo(Math.log10(1001), 12);
    const bar = c.coloraxis.colorbar as Obj;
    expect(bar.tickmode).toBe('array');
    expect(bar.ticktext).toEqual(['0', '1', '10', '100', '500', '1000']);
    expect(bar.tickvals).toEqual(bar.ticktext.map((t: string) => Math.log10(Number(t) + 1)));
    // early epochs are far apart on the bar: epochs 1 and 2 are 5% of its length apart, not 0.1% as on a linear bar
    const len = (c.coloraxis.cmax as number) - (c.coloraxis.cmin as number);
    expect((c.value(2) - c.value(1)) / len).toBeGreaterThan(0.05);
  });

  it('epochColoring(runs, lo, hi, "auto") is log only when a run header says the recording was log-spaced', () => {
    const log = logSpacedRun([0, 1, 3, 7, 19, 52, 139, 373, 1000]);
    expect(logSpacedRecording([log])).toBe(true);
    expect(logSpacedRecording([makeRun()])).toBe(false);
    expect(epochColoring([log], 0, 1000, 'auto').scale).toBe('log');
    expect(epochColoring([makeRun()], 0, 3, 'auto').scale).toBe('linear');
    expect(epochColoring([log], 0, 1000, 'linear').scale).toBe('linear');
  });

  it('epochColoring(runs, lo, hi, "linear") keeps the epoch as the colour and the plain colour bar', () => {
    const c = epochColoring([makeRun()], 0, 3, 'linear');
    expect(c.value(2)).toBe(2);
    expect([c.coloraxis.cmin, c.coloraxis.cmax]).toEqual([0, 3]);
    expect((c.coloraxis.colorbar as Obj).tickvals).toBeUndefined();
    // a single epoch still gives a non-empty colour range
    expect(epochColoring([makeRun()], 5, 5, 'linear').coloraxis.cmax).toBe(6);
  });

  it('logEpochTicks(lo, hi) gives the round epochs 1, 2, 5 x 10^k in range and the ends, none crowding another', () => {
    expect(logEpochTicks(0, 30)).toEqual([0, 1, 2, 5, 10, 20, 30]);
    expect(logEpochTicks(0, 21)).toEqual([0, 1, 2, 5, 10, 20]); // 21 is next to 20 on the bar
    expect(logEpochTicks(3, 60)).toEqual([3, 5, 10, 20, 50]); // 60 crowds 50, 3 does not crowd 5
    // no two labels closer than 10% of the bar: on 0..1000 (a bar of log10(1001) = 3) 5 is 0.26 from 10 and 50 0.296
    // from 100 (left out), 500 is 0.3004 from 1000 (kept)
    expect(logEpochTicks(0, 1000)).toEqual([0, 1, 10, 100, 500, 1000]);
    for (const [lo, hi] of [[0, 1000], [0, 100000], [7, 300]]) {
      const at = logEpochTicks(lo, hi).map((e) => Math.log10(e + 1));
      for (let k = 1; k < at.length; k++) expect(at[k] - at[k - 1]).toBeGreaterThanOrEqual(0.1 * (Math.log10(hi + 1) - Math.log10(lo + 1)));
    }
  });
});
