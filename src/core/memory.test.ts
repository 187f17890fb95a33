/** The memory budget and the guards that use it: refused up front, in one line, with the size, the budget and the way out. */
import { expectInfoplaneError } from '../../test/helpers/errors';
import { dsmiPoint, diffusionSpectralEntropy } from '../estimators/dse';
import { renyiMutualInformation, renyiPoint } from '../estimators/renyi';
import { toLabels } from './labels';
import { checkMemory, DEFAULT_MEMORY_FRACTION, freeMemory, memoryBudget, MEMORY_BUDGET_ENV, setMemoryBudget } from './memory';
import { setWarningHandler } from './warn';

afterEach(() => {
  setMemoryBudget(undefined);
  delete process.env[MEMORY_BUDGET_ENV];
});

describe('memoryBudget', () => {
  it('memoryBudget() defaults to a fraction of the free memory', () => {
    const before = freeMemory();
    const b = memoryBudget();
    const after = freeMemory();
    expect(b.bytes).toBeGreaterThanOrEqual(DEFAULT_MEMORY_FRACTION * Math.min(before, after) * 0.9);
    expect(b.bytes).toBeLessThanOrEqual(DEFAULT_MEMORY_FRACTION * Math.max(before, after) * 1.1);
    expect(b.source).toMatch(/^80% of the .* free$/);
  });

  it('setMemoryBudget(size) and INFOPLANE_MEMORY_BUDGET set the budget in bytes or as a share of free memory', () => {
    process.env[MEMORY_BUDGET_ENV] = '512MB';
    expect(memoryBudget()).toEqual({ bytes: 512e6, source: `${MEMORY_BUDGET_ENV}=512MB` });
    process.env[MEMORY_BUDGET_ENV] = '2GiB';
    expect(memoryBudget().bytes).toBe(2 * 2 ** 30);
    setMemoryBudget(1e9); // the API wins over the environment
    expect(memoryBudget().bytes).toBe(1e9);
    setMemoryBudget('50%');
    const half = memoryBudget();
    expect(half.bytes / freeMemory()).toBeCloseTo(0.5, 1);
    expect(half.source).toMatch(/setMemoryBudget=50%: 50% of the/);
  });

  it('setMemoryBudget(value) and INFOPLANE_MEMORY_BUDGET reject what is not a size', () => {
    expectInfoplaneError(() => setMemoryBudget('lots'), { code: 'invalid_option', param: 'budget', message: /a size such as 8GB/ });
    expectInfoplaneError(() => setMemoryBudget(-1), { code: 'out_of_range' });
    expectInfoplaneError(() => setMemoryBudget('150%'), { code: 'out_of_range' });
    process.env[MEMORY_BUDGET_ENV] = '12 parsecs';
    expectInfoplaneError(() => memoryBudget(), { param: MEMORY_BUDGET_ENV });
  });

  it('checkMemory(fn, param, request) refuses above the budget, naming the size, the budget and the way out', () => {
    setMemoryBudget('1GB');
    checkMemory('f', 'x', { bytes: 0.9e9, what: 'a matrix', received: '10 rows', wayOut: 'use fewer rows' });
    const e = expectInfoplaneError(() => checkMemory('f', 'x', { bytes: 3.2e9, what: 'a matrix', received: '20000 rows', wayOut: 'use fewer rows' }), { code: 'too_large', param: 'x' });
    expect(e.message).toBe(
      'f: x must be small enough for a matrix to fit the memory budget of 1.00 GB (setMemoryBudget=1GB); got 20000 rows (3.20 GB needed) (use fewer rows, or raise the budget with INFOPLANE_MEMORY_BUDGET (e.g. INFOPLANE_MEMORY_BUDGET=3.52GB)).',
    );
    // beyond one typed array, whatever the budget
    setMemoryBudget('1000TB');
    expectInfoplaneError(() => checkMemory('f', 'x', { bytes: 8e12, largestArray: 1e12, what: 'a matrix', received: 'n', wayOut: 'w' }), { code: 'too_large', message: /at most 2\^32 elements/ });
  });
});

describe('allocation guards', () => {
  let previous: (m: string) => void;
  beforeAll(() => (previous = setWarningHandler(null)));
  afterAll(() => setWarningHandler(previous));

  it('renyiPoint(x, t, labels, {alpha: 2}) with a million distinct labels is refused before its one-hot matrix', () => {
    const n = 1_000_000;
    const x = { data: new Float64Array(n).map((_, i) => i % 7), n, d: 1 };
    const labels = toLabels({ data: Float64Array.from({ length: n }, (_, i) => i), n, d: 1 });
    const e = expectInfoplaneError(() => renyiPoint(x, x, labels, { alpha: 2, sigma: 1 }), { code: 'too_large', param: 'labels' });
    expect(e.message).toMatch(/the n x classes one-hot matrix of the labels to fit in one array .*; got 1000000 samples of 1000000 classes \(1\.00e\+12 elements, 8\.00 TB\) \(merge rare classes/);
  });

  it('renyiMutualInformation(x, labels, {alpha: 2}) refuses a one-hot matrix above the budget', () => {
    setMemoryBudget('10MB');
    const n = 2000; // 2000 x 2000 one-hot: 32 MB
    const x = Array.from({ length: n }, (_, i) => [i]);
    const labels = toLabels(Array.from({ length: n }, (_, i) => i));
    expectInfoplaneError(() => renyiMutualInformation(x, labels, { alpha: 2, sigma: 1 }), { code: 'too_large', message: /32 MB needed/ });
    setMemoryBudget(undefined);
    expect(renyiMutualInformation(x.slice(0, 50), toLabels(Array.from({ length: 50 }, (_, i) => i % 5)), { alpha: 2, sigma: 1 }).value).toBeGreaterThan(0);
  });

  it('dsmiPoint(x, t, labels) with 100,000 input columns is refused before the d x d covariance of x', () => {
    const n = 24;
    const d = 100_000;
    const x = { data: Float64Array.from({ length: n * d }, (_, i) => (i * 7919) % 13), n, d };
    const t = Array.from({ length: n }, (_, i) => [i % 3]);
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const e = expectInfoplaneError(() => dsmiPoint(x, t, labels, { clusters: 4 }), { code: 'too_large', param: 'x' });
    expect(e.message).toMatch(/the d x d covariance of its columns .*; got 100000 columns \(1\.00e\+10 elements, 80\.00 GB\)/);
  });

  it('diffusionSpectralEntropy(t, {method: "full"}) counts the full solver\'s packed triangle (4 n (n + 1) bytes, no n x n matrix) against the budget', () => {
    setMemoryBudget('0.3GB');
    const n = 10_000; // the packed triangle is 400 MB
    const t = Array.from({ length: n }, (_, i) => [Math.sin(i)]);
    const e = expectInfoplaneError(() => diffusionSpectralEntropy(t, { method: 'full', maxSamples: n }), { code: 'too_large', param: 't' });
    expect(e.message).toMatch(/got 10000 samples \(400 MB needed\) \(lower maxSamples/);
    setMemoryBudget('1GB');
    const big = Array.from({ length: 30_000 }, (_, i) => [Math.sin(i)]);
    expectInfoplaneError(() => diffusionSpectralEntropy(big, { method: 'full', maxSamples: 30_000 }), { code: 'too_large', message: /3\.60 GB needed/ });
  });
});
