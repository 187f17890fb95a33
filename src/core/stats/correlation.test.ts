import { expectInfoplaneError } from '../../../test/helpers/errors';
import { averageRanks, kendallTauB, pearson, spearman } from './correlation';
import { logGamma, normalTwoSided, regularizedBeta, regularizedGammaQ, studentTTwoSided } from './specialFunctions';

describe('special functions', () => {
  it('logGamma matches ln((n-1)!) and ln Gamma(1/2) = ln sqrt(pi)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it('regularizedBeta matches closed forms: I_x(1, b) = 1 - (1-x)^b, I_x(a, 1) = x^a, I_x(1/2, 1/2) = (2/pi) asin(sqrt x)', () => {
    for (const x of [0.01, 0.2, 0.5, 0.9, 0.999]) {
      expect(regularizedBeta(1, 3.5, x)).toBeCloseTo(1 - (1 - x) ** 3.5, 12);
      expect(regularizedBeta(2.5, 1, x)).toBeCloseTo(x ** 2.5, 12);
      expect(regularizedBeta(0.5, 0.5, x)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 12);
    }
    expect([regularizedBeta(2, 3, 0), regularizedBeta(2, 3, 1)]).toEqual([0, 1]);
  });

  it('regularizedBeta and the t tail match scipy values', () => {
    // fixtures computed with scipy 1.17.1: scipy.special.betainc(a, b, x), 2 * scipy.stats.t.sf(t, df)
    expect(regularizedBeta(2.5, 3.5, 0.3)).toBeCloseTo(0.29675298929566646, 12);
    expect(regularizedBeta(10, 0.5, 0.9)).toBeCloseTo(0.15164090963470994, 12);
    expect(regularizedBeta(0.5, 0.5, 0.2)).toBeCloseTo(0.2951672353008665, 12);
    expect(studentTTwoSided(2.1, 7)).toBeCloseTo(0.07387119621292265, 12);
    expect(studentTTwoSided(0.5, 30)).toBeCloseTo(0.6207230048851272, 12);
  });

  it('studentTTwoSided with 1 degree of freedom is the Cauchy tail 1 - (2/pi) atan|t|; 2 df: 1 - |t|/sqrt(2 + t^2)', () => {
    for (const t of [0.1, 1, 3, 20]) {
      expect(studentTTwoSided(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
      expect(studentTTwoSided(-t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });

  it('normalTwoSided gives the textbook 1.959964 -> 0.05, 2.575829 -> 0.01; regularizedGammaQ(1, x) = exp(-x)', () => {
    expect(normalTwoSided(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(normalTwoSided(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(normalTwoSided(0)).toBeCloseTo(1, 12);
    for (const x of [0.1, 1, 5, 30]) expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
  });
});

describe('correlations', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const y = [2, 1, 4, 3, 7, 8, 6, 9, 10, 5];
  // tied pairs
  const x2 = [1, 1, 2, 2, 3, 3, 4, 5, 5, 6];
  const y2 = [1, 2, 2, 3, 3, 3, 5, 4, 6, 6];

  it('pearson, spearman, kendallTauB match scipy.stats (pearsonr, spearmanr, kendalltau method=asymptotic)', () => {
    // fixtures computed with scipy 1.17.1 (scipy.stats.pearsonr, spearmanr, kendalltau(..., method='asymptotic'))
    const close = (c: { statistic: number; pValue: number; n: number }, r: number, p: number) => {
      expect(c.statistic).toBeCloseTo(r, 12);
      expect(c.pValue / p).toBeCloseTo(1, 9);
      expect(c.n).toBe(10);
    };
    close(pearson(x, y), 0.7575757575757572, 0.011143446799694229);
    close(spearman(x, y), 0.7575757575757575, 0.011143446799694208);
    close(kendallTauB(x, y), 0.6, 0.01573722226631099);
    close(pearson(x2, y2), 0.9244055210809685, 0.00013031278577042558);
    close(spearman(x2, y2), 0.9406433721202788, 5.053357805282328e-5);
    close(kendallTauB(x2, y2), 0.8642633970683908, 0.001142796855306664);
  });

  it('kendallTauB by hand: 4 pairs (1,1),(2,3),(3,2),(4,4) have 5 concordant, 1 discordant: tau = 4/6, z = 4/sqrt(4*3*13/18)', () => {
    const k = kendallTauB([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(k.statistic).toBeCloseTo(4 / 6, 14);
    expect(k.pValue).toBeCloseTo(normalTwoSided(4 / Math.sqrt((4 * 3 * 13) / 18)), 14);
  });

  it('a perfect monotone relation gives +-1 with p = 0 (Pearson, Spearman); a constant gives NaN', () => {
    const up = [1, 2, 3, 4, 5];
    expect(pearson(up, up.map((v) => 2 * v + 1))).toEqual({ statistic: 1, n: 5, pValue: 0 });
    expect(spearman(up, up.map((v) => -Math.exp(v))).statistic).toBeCloseTo(-1, 14);
    expect(kendallTauB(up, up.map((v) => v ** 3)).statistic).toBe(1);
    expect(pearson(up, [1, 1, 1, 1, 1]).statistic).toBeNaN();
    expect(kendallTauB(up, [1, 1, 1, 1, 1]).pValue).toBeNaN();
  });

  it('averageRanks averages ties', () => {
    expect(averageRanks([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4]);
  });

  it('pearson rejects mismatched lengths, fewer than 3 pairs and non-finite values', () => {
    expectInfoplaneError(() => pearson([1, 2, 3], [1, 2]), { code: 'length_mismatch', param: 'y' });
    expectInfoplaneError(() => spearman([1, 2], [1, 2]), { code: 'out_of_range', param: 'x' });
    expectInfoplaneError(() => kendallTauB([1, NaN, 3], [1, 2, 3]), { code: 'invalid_type', param: 'x' });
  });
});
