import { epochList, everyEpoch, everyKEpochs, logSpacedEpochList, logSpacedEpochs, resolveSchedule } from './schedule';

describe('schedules', () => {
  it('logSpacedEpochList(total, count) gives count distinct ascending epochs from 0 to total, log-spaced', () => {
    for (const [total, count] of [[1000, 30], [1000, 8], [50, 30], [10, 11], [3, 2], [100000, 40]]) {
      const e = logSpacedEpochList(total, count);
      expect(e).toHaveLength(count);
      expect(e[0]).toBe(0);
      expect(e[e.length - 1]).toBe(total);
      for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
    }
    // sparse late: the ratio of consecutive epochs tends to total^(1/(count-2))
    const e = logSpacedEpochList(100000, 12);
    expect(e.slice(-2)[1] / e.slice(-2)[0]).toBeCloseTo(Math.pow(100000, 1 / 10), 0);
    expect(logSpacedEpochList(5, 30)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('everyEpoch, everyKEpochs(k), epochList and logSpacedEpochs include exactly their epochs', () => {
    expect([0, 1, 7].every((e) => everyEpoch().includes(e))).toBe(true);
    expect([0, 1, 2, 3, 4, 5, 6].filter((e) => everyKEpochs(3).includes(e))).toEqual([0, 3, 6]);
    expect(epochList([5, 1]).description).toEqual({ kind: 'list', epochs: [1, 5] });
    const s = logSpacedEpochs(100, 5);
    expect(Array.from({ length: 101 }, (_, i) => i).filter((e) => s.includes(e))).toEqual(s.description.epochs);
  });

  it('resolveSchedule(spec, plannedEpochs) accepts every form and rejects others naming the parameter', () => {
    expect(resolveSchedule('every-epoch').description.kind).toBe('every-epoch');
    expect(resolveSchedule({ every: 2 }).includes(4)).toBe(true);
    expect(resolveSchedule({ logSpaced: 3 }, 10).description.epochs).toEqual([0, 1, 10]);
    expect(resolveSchedule([2]).includes(2)).toBe(true);
    expect(resolveSchedule((e) => e === 4).includes(4)).toBe(true);
    expect(() => resolveSchedule('weekly' as never)).toThrow(/schedule must be 'every-epoch', \{every: k\}/);
    expect(() => resolveSchedule({ logSpaced: 1 }, 10)).toThrow(/schedule.logSpaced must be an integer >= 2; got 1/);
    expect(() => resolveSchedule([1.5])).toThrow(/epochs\[0\] must be an integer >= 0; got 1.5/);
    expect(() => everyKEpochs(0)).toThrow(/k must be an integer >= 1/);
  });
});
