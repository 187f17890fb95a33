import { expectInfoplaneError } from '../../test/helpers/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { Samples, samples, selectRows } from '../core/samples';
import { consumeWarnings } from '../core/warn';
import { silenceWarnings } from '../../test/helpers/warnings';
import { diffusionSpectralEntropy, diffusionSpectralMutualInformation, DSE_DEFAULTS, DSMI_DEFAULTS, dsmiPoint, equalWidthClusters, inputClusters } from './dse';
import { estimatorSpec } from './registry';
import { createRecorder } from '../record/recorder';
import { readRun } from '../run/parseRun';
import { cli, tempDir, writeJson } from '../../test/helpers/cli';

const dseSpec = estimatorSpec('dse');
const dsmiSpec = estimatorSpec('dsmi');

const CASES = join(__dirname, '..', '..', 'test', 'fixtures', 'reference-cases');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function loadCase(id: string): any {
  return JSON.parse(readFileSync(join(CASES, `${id}.json`), 'utf8'));
}

/** Activation-like data: tanh of a random linear map of the ib12-style binary inputs (row i = bits of i). */
function activations(n: number, d: number, seed: number, gain = 1): Samples {
  const random = randomSource(seed);
  const w = Float64Array.from({ length: 12 * d }, () => random.normal() * gain);
  const b = Float64Array.from({ length: d }, () => random.normal() * 0.5);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let s = b[j];
      for (let k = 0; k < 12; k++) s += ((i >> k) & 1) * w[k * d + j];
      data[i * d + j] = Math.tanh(s);
    }
  }
  return samples(data, n, d);
}

function expectError(f: () => unknown, param: string, code?: string): void {
  expectInfoplaneError(f, { param, code });
}

silenceWarnings();

describe('diffusionSpectralEntropy: reference cases', () => {
  for (const id of ['dse_tanh_n150_d2_sigma10_t1', 'dse_relu_n350_d9_sigma1_t2', 'analytic_dse_clusters_c6_n150']) {
    it(`diffusionSpectralEntropy(x, {sigma, t}) matches ${id}`, () => {
      const c = loadCase(id);
      const r = diffusionSpectralEntropy(c.x, { sigma: c.params.gaussian_kernel_sigma, t: c.params.t });
      expect(r.units).toBe('bits');
      expect(Math.abs(r.value - c.expected.DSE)).toBeLessThanOrEqual(c.tolerance);
      expect(r.params.method).toBe('full');
      expect(r.params.eigenvaluesUsed).toBe(c.x.length);
    });
  }

  it('diffusionSpectralEntropy(t, {sigma: 10, t: 1}) matches the dse entry of ib12subset_relu_seed7007_epoch400_layer2_w7_n700', () => {
    const c = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const r = diffusionSpectralEntropy(c.t, { sigma: c.params.dse.gaussian_kernel_sigma, t: c.params.dse.t });
    expect(Math.abs(r.value - c.expected.dse.DSE)).toBeLessThanOrEqual(c.tolerance.dse);
  });

  it('diffusionSpectralEntropy(x, {method: "lanczos" | "cholesky", tolerance: 1e-8}) matches the reference cases too', () => {
    for (const id of ['dse_tanh_n150_d2_sigma10_t1', 'analytic_dse_clusters_c6_n150']) {
      const c = loadCase(id);
      for (const method of ['lanczos', 'cholesky'] as const) {
        const r = diffusionSpectralEntropy(c.x, { sigma: c.params.gaussian_kernel_sigma, t: c.params.t, method, tolerance: 1e-8 });
        expect(Math.abs(r.value - c.expected.DSE)).toBeLessThanOrEqual(c.tolerance);
        const [lo, hi] = r.params.bracket as number[];
        expect(lo).toBeLessThanOrEqual(c.expected.DSE + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(c.expected.DSE - 1e-12);
      }
    }
  });
});

describe('diffusionSpectralMutualInformation: reference cases', () => {
  for (const id of ['dsmi_tanh_n150_d2_c2_sigma10_t1', 'dsmi_relu_n350_d9_c3_sigma1_t2']) {
    it(`diffusionSpectralMutualInformation(x, labels, {subsets}) matches ${id}`, () => {
      const c = loadCase(id);
      const r = diffusionSpectralMutualInformation(c.x, c.labels, {
        sigma: c.params.gaussian_kernel_sigma,
        t: c.params.t,
        subsets: c.params.subsample_indices,
      });
      expect(Math.abs(r.value - c.expected.DSMI)).toBeLessThanOrEqual(c.tolerance);
      expect(r.params.subsets).toBe('given');
    });
  }

  it('diffusionSpectralMutualInformation(t, labels, {subsets}) matches the dsmi_TY entry of ib12subset_relu_seed7007_epoch400_layer2_w7_n700', () => {
    const c = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const p = c.params.dsmi_TY;
    const r = diffusionSpectralMutualInformation(c.t, c.labels, { sigma: p.gaussian_kernel_sigma, t: p.t, subsets: p.subsample_indices });
    expect(Math.abs(r.value - c.expected.dsmi_TY.DSMI)).toBeLessThanOrEqual(c.tolerance.dsmi_TY);
  });

  it('diffusionSpectralMutualInformation(x, labels) with its own seeded subsets is close to the reference value', () => {
    const c = loadCase('dsmi_relu_n350_d9_c3_sigma1_t2');
    const r = diffusionSpectralMutualInformation(c.x, c.labels, { sigma: 1, t: 2 });
    expect(r.params.subsets).toBe('seeded');
    expect(Math.abs(r.value - c.expected.DSMI)).toBeLessThan(0.3); // subsampling noise only
  });
});

describe('diffusionSpectralEntropy: properties', () => {
  it('diffusionSpectralEntropy(t, {units: "nats"}) = bits x ln 2, bracket included', () => {
    const t = activations(120, 3, 1);
    const bits = diffusionSpectralEntropy(t, { sigma: 1 });
    const nats = diffusionSpectralEntropy(t, { sigma: 1, units: 'nats' });
    expect(nats.units).toBe('nats');
    expect(nats.value).toBeCloseTo(bits.value * Math.LN2, 14);
    expect((nats.params.bracket as number[])[0]).toBeCloseTo(bits.value * Math.LN2, 14);
  });

  it('diffusionSpectralEntropy(t) does not depend on the order of the rows', () => {
    const t = activations(200, 4, 2);
    const order = Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
    const a = diffusionSpectralEntropy(t, { sigma: 2 }).value;
    const b = diffusionSpectralEntropy(selectRows(t, order), { sigma: 2 }).value;
    expect(Math.abs(a - b)).toBeLessThan(1e-10);
  });

  it('diffusionSpectralEntropy(t) reports every parameter, defaults included', () => {
    const r = diffusionSpectralEntropy(activations(50, 2, 3));
    expect(r.params).toMatchObject({
      kernel: 'gaussian',
      sigma: DSE_DEFAULTS.sigma,
      t: DSE_DEFAULTS.t,
      maxSamples: DSE_DEFAULTS.maxSamples,
      seed: DSE_DEFAULTS.seed,
      method: 'full',
      methodRequested: 'auto',
      tolerance: DSE_DEFAULTS.tolerance,
      samplesUsed: 50,
      eigenvaluesUsed: 50,
    });
  });

  it('diffusionSpectralEntropy(t, {method: "auto"}) agrees with "full" within the tolerance above the full-solver limit (cholesky)', () => {
    const t = activations(1100, 12, 4);
    const full = diffusionSpectralEntropy(t, { method: 'full' });
    const auto = diffusionSpectralEntropy(t);
    expect(auto.params.method).toBe('cholesky');
    expect(auto.params.eigenvaluesUsed as number).toBeLessThan(1100);
    expect(Math.abs(auto.value - full.value)).toBeLessThanOrEqual(DSE_DEFAULTS.tolerance / 2);
    const [lo, hi] = auto.params.bracket as number[];
    expect(hi - lo).toBeLessThan(DSE_DEFAULTS.tolerance);
    expect(lo).toBeLessThanOrEqual(full.value + 1e-12);
    expect(hi).toBeGreaterThanOrEqual(full.value - 1e-12);
  });

  it('diffusionSpectralEntropy(t, {method: "lanczos"}) brackets the full-solver value on several spectra (t = 1 and 2)', () => {
    const cases: Array<[Samples, number, number]> = [
      [activations(300, 4, 6, 3), 2, 1],
      [activations(400, 12, 5), 10, 2],
      [activations(300, 4, 6, 3), 2, 2],
      [activations(300, 2, 7), 10, 1],
    ];
    for (const [t, sigma, power] of cases) {
      const full = diffusionSpectralEntropy(t, { sigma, t: power, method: 'full' }).value;
      const r = diffusionSpectralEntropy(t, { sigma, t: power, method: 'lanczos', tolerance: 1e-5 });
      expect(r.params.method).toBe('lanczos');
      const [lo, hi] = r.params.bracket as number[];
      expect(hi - lo).toBeLessThan(1e-5);
      expect(lo).toBeLessThanOrEqual(full + 1e-12);
      expect(hi).toBeGreaterThanOrEqual(full - 1e-12);
      expect(Math.abs(r.value - full)).toBeLessThanOrEqual(0.5e-5);
    }
  });

  it('diffusionSpectralEntropy(t, {method: "lanczos", t: 1.5}) falls back to the full solver and says why', () => {
    const t = activations(100, 3, 8);
    const r = diffusionSpectralEntropy(t, { method: 'lanczos', t: 1.5 });
    expect(r.params.method).toBe('full');
    expect(r.params.fallback).toMatch(/t = 1 or 2/);
    expect(r.value).toBe(diffusionSpectralEntropy(t, { method: 'full', t: 1.5 }).value);
  });

  it('diffusionSpectralEntropy(t, {method: "cholesky"}) falls back to the full solver on a flat spectrum', () => {
    const t = activations(300, 12, 9, 4);
    const r = diffusionSpectralEntropy(t, { sigma: 0.2, method: 'cholesky' });
    expect(r.params.method).toBe('full');
    expect(r.params.fallback).toMatch(/cholesky (did not reach|stopped at)/);
  });

  it('diffusionSpectralEntropy(t, {method: "slq"}) is within 4 of its own standard errors of "full" on spread spectra (small sigma)', () => {
    const gaussian = (n: number, d: number, seed: number): Samples => {
      const r = randomSource(seed);
      return samples(Float64Array.from({ length: n * d }, () => r.normal()), n, d);
    };
    const cases: Array<[Samples, number, number]> = [
      [activations(400, 12, 11), 0.3, 1],
      [activations(400, 12, 12), 0.5, 2],
      [activations(300, 8, 13, 3), 0.5, 1.5],
      [gaussian(400, 6, 14), 1, 1],
      [gaussian(400, 6, 15), 0.7, 2],
      [gaussian(350, 3, 16), 0.3, 1],
    ];
    for (const [t, sigma, power] of cases) {
      const full = diffusionSpectralEntropy(t, { sigma, t: power, method: 'full' }).value;
      const r = diffusionSpectralEntropy(t, { sigma, t: power, method: 'slq', seed: 2 });
      expect(full).toBeGreaterThan(0.8 * Math.log2(t.n)); // a spread spectrum
      expect(r.params).toMatchObject({ method: 'slq', methodRequested: 'slq', probes: DSE_DEFAULTS.probes, steps: DSE_DEFAULTS.steps });
      const se = r.params.standardError as number;
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(r.value - full)).toBeLessThanOrEqual(4 * se);
      expect(Math.abs(r.value - full)).toBeLessThanOrEqual(0.01 * full);
      const [lo, hi] = r.params.bracket as number[];
      expect(lo).toBeCloseTo(r.value - 3 * se, 12);
      expect(hi).toBeCloseTo(r.value + 3 * se, 12);
    }
  });

  it('diffusionSpectralEntropy(t, {method: "slq"}) is reproducible for a seed; more probes shrink the standard error', () => {
    const t = activations(300, 12, 17);
    const a = diffusionSpectralEntropy(t, { sigma: 0.5, method: 'slq', seed: 3 });
    expect(diffusionSpectralEntropy(t, { sigma: 0.5, method: 'slq', seed: 3 })).toEqual(a);
    expect(diffusionSpectralEntropy(t, { sigma: 0.5, method: 'slq', seed: 4 }).value).not.toBe(a.value);
    const more = diffusionSpectralEntropy(t, { sigma: 0.5, method: 'slq', seed: 3, probes: 120, steps: 40 });
    expect(more.params).toMatchObject({ probes: 120, steps: 40 });
    expect(more.params.standardError as number).toBeLessThan(a.params.standardError as number);
    const nats = diffusionSpectralEntropy(t, { sigma: 0.5, method: 'slq', seed: 3, units: 'nats' });
    expect(nats.value).toBeCloseTo(a.value * Math.LN2, 13);
    expect(nats.params.standardError as number).toBeCloseTo((a.params.standardError as number) * Math.LN2, 13);
  });

  it('diffusionSpectralEntropy(t, {method: "slq"}) on tiny inputs: far-apart clusters give log2(clusters)', () => {
    const pts = [
      [0, 0],
      [1000, 0],
      [0, 1000],
    ];
    // K = I / 1 (three isolated points): the Krylov space closes at once and every probe is exact.
    expect(diffusionSpectralEntropy(pts, { method: 'slq' }).value).toBeCloseTo(Math.log2(3), 10);
  });

  it('diffusionSpectralEntropy(t, {maxSamples}) uses a seeded subset and warns once', () => {
    const t = activations(300, 3, 10);
    consumeWarnings();
    const a = diffusionSpectralEntropy(t, { maxSamples: 100, seed: 4 });
    const warnings = consumeWarnings();
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/maxSamples = 100/);
    expect(a.params.samplesUsed).toBe(100);
    expect(diffusionSpectralEntropy(t, { maxSamples: 100, seed: 4 }).value).toBe(a.value);
    expect(diffusionSpectralEntropy(t, { maxSamples: 100, seed: 5 }).value).not.toBe(a.value);
  });

  it('diffusionSpectralEntropy of far-apart clusters is log2(clusters); of one repeated point, 0 + eps terms', () => {
    const pts = [
      [0, 0],
      [0, 0],
      [1000, 0],
      [0, 1000],
      [0, 1000],
    ];
    expect(diffusionSpectralEntropy(pts).value).toBeCloseTo(Math.log2(3), 10);
    expect(diffusionSpectralEntropy([[1], [1], [1]]).value).toBeCloseTo(0, 12);
  });
});

describe('diffusionSpectralEntropy: bad input', () => {
  const t = [
    [0, 1],
    [1, 0],
    [1, 1],
  ];
  it('diffusionSpectralEntropy rejects bad data naming t', () => {
    expectError(() => diffusionSpectralEntropy([[0, NaN], [1, 1]]), 't', 'non_finite');
    expectError(() => diffusionSpectralEntropy([[0, 1], [1]]), 't', 'ragged');
    expectError(() => diffusionSpectralEntropy([]), 't', 'empty');
    expectError(() => diffusionSpectralEntropy([[1, 2]]), 't', 'too_few_samples');
  });

  it('diffusionSpectralEntropy rejects out-of-range parameters naming them', () => {
    expectError(() => diffusionSpectralEntropy(t, { sigma: 0 }), 'sigma', 'out_of_range');
    expectError(() => diffusionSpectralEntropy(t, { sigma: -1 }), 'sigma');
    expectError(() => diffusionSpectralEntropy(t, { sigma: NaN }), 'sigma');
    expectError(() => diffusionSpectralEntropy(t, { t: 0 }), 't', 'out_of_range');
    expectError(() => diffusionSpectralEntropy(t, { maxSamples: 1 }), 'maxSamples');
    expectError(() => diffusionSpectralEntropy(t, { maxSamples: 2.5 }), 'maxSamples');
    expectError(() => diffusionSpectralEntropy(t, { seed: -1 }), 'seed');
    expectError(() => diffusionSpectralEntropy(t, { tolerance: 0 }), 'tolerance');
    expectError(() => diffusionSpectralEntropy(t, { method: 'slq', probes: 1 }), 'probes', 'out_of_range');
    expectError(() => diffusionSpectralEntropy(t, { method: 'slq', probes: 2.5 }), 'probes');
    expectError(() => diffusionSpectralEntropy(t, { method: 'slq', steps: 0 }), 'steps', 'out_of_range');
    expectError(() => diffusionSpectralEntropy(t, { method: 'slq', steps: NaN }), 'steps');
    expectError(() => diffusionSpectralEntropy(t, { method: 'qr' as never }), 'method', 'invalid_option');
    expectError(() => diffusionSpectralEntropy(t, { units: 'dits' as never }), 'units');
    expectError(() => diffusionSpectralEntropy(t, { bandwidth: 1 } as never), 'options', 'invalid_option');
  });

  it('diffusionSpectralEntropy refuses an n x n matrix that cannot fit in memory (too_large)', () => {
    const n = 1_000_000;
    const big = samples(new Float64Array(n), n, 1);
    expectError(() => diffusionSpectralEntropy(big, { maxSamples: n }), 't', 'too_large');
  });
});

describe('diffusionSpectralMutualInformation: properties', () => {
  const t = activations(240, 4, 11);
  const labels = Array.from({ length: 240 }, (_, i) => (i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : 2));

  it('diffusionSpectralMutualInformation(t, labels) is reproducible for a seed and reports its parameters', () => {
    const a = diffusionSpectralMutualInformation(t, labels, { sigma: 1, seed: 3 });
    const b = diffusionSpectralMutualInformation(t, labels, { sigma: 1, seed: 3 });
    expect(b.value).toBe(a.value);
    expect(diffusionSpectralMutualInformation(t, labels, { sigma: 1, seed: 4 }).value).not.toBe(a.value);
    expect(a.params).toMatchObject({
      sigma: 1,
      t: 1,
      repetitions: DSMI_DEFAULTS.repetitions,
      seed: 3,
      variant: 'reference',
      subsets: 'seeded',
      classes: 3,
      threads: DSMI_DEFAULTS.threads,
    });
    expect(DSMI_DEFAULTS.threads).toBe(2);
    const one = diffusionSpectralMutualInformation(t, labels, { sigma: 1, seed: 3, threads: 1 });
    expect(one.value).toBe(a.value);
    expect(one.params.threads).toBe(1);
  });

  it('diffusionSpectralMutualInformation(t, labels, {method: "slq"}) reports probes, steps and a standard error that covers "full"', () => {
    const full = diffusionSpectralMutualInformation(t, labels, { sigma: 0.3, method: 'full' });
    const slq = diffusionSpectralMutualInformation(t, labels, { sigma: 0.3, method: 'slq' });
    expect(slq.params).toMatchObject({ method: 'slq', probes: DSE_DEFAULTS.probes, steps: DSE_DEFAULTS.steps });
    expect(full.params.standardError).toBeUndefined();
    const se = slq.params.standardError as number;
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(slq.value - full.value)).toBeLessThanOrEqual(4 * se);
  });

  it('diffusionSpectralMutualInformation = sum_b p(b) (mean DSE of random subsets - DSE(T | b)) from its own parts', () => {
    const r = diffusionSpectralMutualInformation(t, labels, { sigma: 1 });
    const counts = [0, 0, 0];
    for (const y of labels) counts[y]++;
    const classDse = r.params.classDse as number[];
    const randomDse = r.params.randomDse as number[];
    let want = 0;
    for (let c = 0; c < 3; c++) {
      const rows = labels.flatMap((y, i) => (y === c ? [i] : []));
      expect(classDse[c]).toBeCloseTo(diffusionSpectralEntropy(selectRows(t, rows), { sigma: 1 }).value, 12);
      want += (counts[c] / 240) * (randomDse[c] - classDse[c]);
    }
    expect(r.value).toBeCloseTo(want, 12);
  });

  it('diffusionSpectralMutualInformation(t, labels, {variant: "conditional"}) = DSE(T) - sum_b p(b) DSE(T | b)', () => {
    const r = diffusionSpectralMutualInformation(t, labels, { sigma: 1, variant: 'conditional' });
    let cond = 0;
    for (let c = 0; c < 3; c++) {
      const rows = labels.flatMap((y, i) => (y === c ? [i] : []));
      cond += (rows.length / 240) * diffusionSpectralEntropy(selectRows(t, rows), { sigma: 1 }).value;
    }
    expect(r.value).toBeCloseTo(diffusionSpectralEntropy(t, { sigma: 1 }).value - cond, 12);
  });

  it('diffusionSpectralMutualInformation(t, continuous y) cuts y into equal-width bins', () => {
    const binary = labels.map((y) => (y === 0 ? 0 : 1));
    const y = samples(Float64Array.from(binary, (v) => v * 3.5 - 1), 240, 1); // two values: two extreme bins
    const continuous = diffusionSpectralMutualInformation(t, y, { sigma: 1 });
    const discrete = diffusionSpectralMutualInformation(t, binary, { sigma: 1 });
    expect(continuous.value).toBe(discrete.value);
    expect(continuous.params.clusters).toBe(DSMI_DEFAULTS.clusters);
  });

  it('diffusionSpectralMutualInformation(t, labels, {units: "nats"}) = bits x ln 2', () => {
    const bits = diffusionSpectralMutualInformation(t, labels, { sigma: 1 }).value;
    const nats = diffusionSpectralMutualInformation(t, labels, { sigma: 1, units: 'nats' }).value;
    expect(nats).toBeCloseTo(bits * Math.LN2, 13);
  });

  it('diffusionSpectralMutualInformation rejects bad input naming the parameter', () => {
    expectError(() => diffusionSpectralMutualInformation(t, labels.slice(1)), 'labels', 'length_mismatch');
    expectError(() => diffusionSpectralMutualInformation(t, labels.map((y) => y - 1)), 'labels', 'invalid_label');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { repetitions: 0 }), 'repetitions');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { clusters: 0 }), 'clusters');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { threads: 0 }), 'threads', 'out_of_range');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { threads: 1.5 }), 'threads');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { method: 'slq', probes: 1 }), 'probes');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { variant: 'other' as never }), 'variant');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { sigma: 0 }), 'sigma');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { subsets: [[[0, 1]]] }), 'subsets');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { subsets: [[[0, 1]], [[0, 240]], [[2, 3]]] }), 'subsets', 'out_of_range');
    expectError(() => diffusionSpectralMutualInformation(t, labels, { extra: 1 } as never), 'options');
    expectError(() => diffusionSpectralMutualInformation([[1, 2]], [0]), 't', 'too_few_samples');
  });
});

describe('dse and dsmi specs', () => {
  it('dseSpec.entropy(t, {sigma, t}) is diffusionSpectralEntropy', async () => {
    const c = loadCase('dse_relu_n350_d9_sigma1_t2');
    const t = samples(Float64Array.from(c.x.flat()), c.x.length, c.x[0].length);
    const r = await dseSpec.entropy!(t, { sigma: 1, t: 2 });
    expect(Math.abs(r.value - c.expected.DSE)).toBeLessThanOrEqual(c.tolerance);
    expect(Object.keys(dseSpec.params)).toEqual(['kernel', 'sigma', 'k', 'alpha', 't', 'maxSamples', 'seed', 'method', 'tolerance', 'probes', 'steps']);
  });

  it('dsmiSpec.mi(t, labels) is DSMI; dsmiSpec.point gives I(X;T), I(T;Y) and H(T)', async () => {
    const c = loadCase('ib12subset_relu_seed7007_epoch400_layer2_w7_n700');
    const x = samples(Float64Array.from(c.x.flat()), 700, 12);
    const t = samples(Float64Array.from(c.t.flat()), 700, 7);
    const labels = toLabels(c.labels);
    const mi = await dsmiSpec.mi!(t, labels, { sigma: 10 });
    expect(mi.value).toBe(diffusionSpectralMutualInformation(t, labels).value);
    const point = await dsmiSpec.point!(x, t, labels, {});
    expect(point.ity).toBe(mi.value);
    expect(point.hT).toBeCloseTo(c.expected.dse.DSE, 7);
    expect(Number.isFinite(point.ixt)).toBe(true);
    expect(point.params.xClusters).toBe(10); // 700 distinct inputs: 10 bins of the first principal direction
    expect(point.units).toBe('bits');
  });

  it('inputClusters(x, k) uses the distinct rows of x when there are at most k of them', () => {
    const x = samples(Float64Array.from([0, 1, 0, 1, 5, 5, 0, 1]), 4, 2);
    expect(Array.from(inputClusters(x, 10).ids)).toEqual([0, 0, 1, 0]);
  });

  it('equalWidthClusters(y, k) min-max scales y and cuts it into k equal-width bins', () => {
    const y = samples(Float64Array.from([0, 0.05, 0.1, 0.55, 1]), 5, 1);
    const l = equalWidthClusters(y, 10);
    expect(l.classes).toEqual([0, 1, 5, 9]);
  });
});

describe("diffusionSpectralEntropy and DSMI: kernel 'knn'", () => {
  const scaled = (s: Samples, c: number): Samples => samples(s.data.map((v) => v * c), s.n, s.d);

  /** DSE in bits of the spectrum 1 (once) and mu (m times), with power t: the definition written out. */
  function twoLevelDse(mu: number, m: number, t: number): number {
    const total = 1 + m * Math.pow(mu, t);
    const term = (p: number) => -(p + 2 ** -52) * Math.log2(p + 2 ** -52);
    return term(1 / total) + m * term(Math.pow(mu, t) / total);
  }

  it("diffusionSpectralEntropy(c t, {kernel: 'knn'}) = diffusionSpectralEntropy(t, {kernel: 'knn'}) for c = 0.01, 100; not with the Gaussian kernel", () => {
    const t = activations(200, 4, 21);
    for (const options of [{ kernel: 'knn' as const }, { kernel: 'knn' as const, k: 5, alpha: 0.5, t: 1 }, { kernel: 'knn' as const, alpha: 0 }]) {
      const ref = diffusionSpectralEntropy(t, options).value;
      expect(ref).toBeGreaterThan(0.5);
      for (const c of [0.01, 100]) {
        const v = diffusionSpectralEntropy(scaled(t, c), options).value;
        expect({ options, c, rel: Math.abs(v - ref) / ref < 1e-9 }).toEqual({ options, c, rel: true });
      }
    }
    // the fixed bandwidth sees the scale: sigma = 10 on the data x 0.01 and x 100 gives very different values
    const g = diffusionSpectralEntropy(t).value;
    for (const c of [0.01, 100]) expect(Math.abs(diffusionSpectralEntropy(scaled(t, c)).value - g)).toBeGreaterThan(0.1);
  });

  it("diffusionSpectralEntropy(t, {kernel: 'knn'}) of n equidistant points: the closed-form spectrum 1 and (1 - c) / (1 + (n - 1) c), c = e^-1", () => {
    // the unit vectors of R^n: every distance sqrt(2) = every sigma_i, K = 1 on the diagonal and e^-1 off it; D is
    // constant, so alpha cancels and P = K / (1 + (n - 1) e^-1)
    const n = 9;
    const pts = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    const c = Math.exp(-1);
    const mu = (1 - c) / (1 + (n - 1) * c);
    const r = diffusionSpectralEntropy(pts, { kernel: 'knn' });
    expect(r.params).toMatchObject({ kernel: 'knn', k: 15, alpha: 1, t: 3, method: 'full', kUsed: n - 1 });
    expect(r.value).toBeCloseTo(twoLevelDse(mu, n - 1, 3), 12);
    expect(diffusionSpectralEntropy(pts, { kernel: 'knn', k: 2, alpha: 0, t: 1.5 }).value).toBeCloseTo(twoLevelDse(mu, n - 1, 1.5), 12);
    expect(diffusionSpectralEntropy(pts, { kernel: 'knn', k: 2 }).params.kUsed).toBeUndefined();
  });

  it("diffusionSpectralEntropy(t, {kernel: 'knn'}) of points repeated more than k times is log2(distinct points); never NaN", () => {
    // three atoms of 20 copies, k = 15: every sigma_i = 0, the kernel's limit makes each atom one block
    const pts = Array.from({ length: 60 }, (_, i) => [[0, 0], [3, 1], [-2, 7]][i % 3]);
    expect(diffusionSpectralEntropy(pts, { kernel: 'knn' }).value).toBeCloseTo(Math.log2(3), 10);
    expect(diffusionSpectralEntropy([[1], [1], [1]], { kernel: 'knn' }).value).toBeCloseTo(0, 12);
    // some duplicates among distinct points: finite, between 0 and log2 n
    const mixed = [...pts.slice(0, 20), ...Array.from({ length: 30 }, (_, i) => [i / 7, Math.sin(i)])];
    const v = diffusionSpectralEntropy(mixed, { kernel: 'knn' }).value;
    expect(Number.isFinite(v) && v > 0 && v < Math.log2(50)).toBe(true);
  });

  it("diffusionSpectralEntropy(t, {kernel: 'knn', method: 'slq'}) is within 4 of its standard errors of 'full'", () => {
    const t = activations(400, 6, 22);
    for (const power of [1, 2, 3]) {
      const full = diffusionSpectralEntropy(t, { kernel: 'knn', k: 5, t: power, method: 'full' }).value;
      const slq = diffusionSpectralEntropy(t, { kernel: 'knn', k: 5, t: power, method: 'slq', probes: 40 });
      expect(slq.params.method).toBe('slq');
      const se = slq.params.standardError as number;
      expect({ power, ok: Math.abs(slq.value - full) <= 4 * se + 1e-9 }).toEqual({ power, ok: true });
      expect(se / full).toBeLessThan(0.05);
    }
  });

  it("diffusionSpectralEntropy(t, {kernel: 'knn', method: 'lanczos' | 'cholesky'}) is refused naming method; 'auto' is 'full'", () => {
    const t = activations(60, 3, 23);
    for (const method of ['lanczos', 'cholesky'] as const) {
      expectError(() => diffusionSpectralEntropy(t, { kernel: 'knn', method }), 'method', 'invalid_option');
      expectError(() => diffusionSpectralMutualInformation(t, Array.from({ length: 60 }, (_, i) => i % 2), { kernel: 'knn', method }), 'method', 'invalid_option');
    }
    expect(() => diffusionSpectralEntropy(t, { kernel: 'knn', method: 'lanczos' })).toThrow(/method must be one of "auto", "full", "slq" with kernel "knn"/);
    const auto = diffusionSpectralEntropy(t, { kernel: 'knn' });
    expect(auto.params).toMatchObject({ method: 'full', methodRequested: 'auto' });
    expect(auto.value).toBe(diffusionSpectralEntropy(t, { kernel: 'knn', method: 'full' }).value);
    expectError(() => diffusionSpectralEntropy(t, { kernel: 'cosine' as never }), 'kernel', 'invalid_option');
    expectError(() => diffusionSpectralEntropy(t, { kernel: 'knn', k: 0 }), 'k', 'out_of_range');
    expectError(() => diffusionSpectralEntropy(t, { kernel: 'knn', k: 2.5 }), 'k');
    expectError(() => diffusionSpectralEntropy(t, { kernel: 'knn', alpha: -0.1 }), 'alpha', 'out_of_range');
    expectError(() => diffusionSpectralEntropy(t, { kernel: 'knn', alpha: 1.5 }), 'alpha', 'out_of_range');
  });

  it("diffusionSpectralEntropy(t, {kernel: 'knn'}) refuses an n x n matrix that cannot fit in memory (too_large)", () => {
    const n = 1_000_000;
    expectError(() => diffusionSpectralEntropy(samples(new Float64Array(n), n, 1), { kernel: 'knn', maxSamples: n }), 't', 'too_large');
  });

  it('the default kernel is unchanged: gaussian with t = 1 (DSE_DEFAULTS), and t given overrides either default', () => {
    const t = activations(80, 3, 24);
    expect(DSE_DEFAULTS).toMatchObject({ kernel: 'gaussian', t: 1, k: 15, alpha: 1 });
    expect(diffusionSpectralEntropy(t).value).toBe(diffusionSpectralEntropy(t, { kernel: 'gaussian', t: 1 }).value);
    expect(diffusionSpectralEntropy(t, { kernel: 'knn' }).value).toBe(diffusionSpectralEntropy(t, { kernel: 'knn', t: 3 }).value);
    expect(diffusionSpectralEntropy(t, { kernel: 'knn', t: 1 }).params.t).toBe(1);
    // k and alpha do not touch the Gaussian kernel (reported all the same)
    const g = diffusionSpectralEntropy(t, { k: 4, alpha: 0 });
    expect(g.value).toBe(diffusionSpectralEntropy(t).value);
    expect(g.params).toMatchObject({ kernel: 'gaussian', k: 4, alpha: 0, t: 1 });
  });

  it("diffusionSpectralMutualInformation(t, labels, {kernel: 'knn'}) uses the kNN kernel in every DSE, scale-free, any threads", () => {
    const t = activations(150, 4, 25);
    const labels = Array.from({ length: 150 }, (_, i) => i % 3);
    const a = diffusionSpectralMutualInformation(t, labels, { kernel: 'knn', k: 10 });
    expect(a.params).toMatchObject({ kernel: 'knn', k: 10, alpha: 1, t: 3, method: 'auto' });
    // its parts are DSEs with the same kernel: the class DSEs are those of the class rows
    const rows0 = Array.from({ length: 50 }, (_, i) => 3 * i);
    expect((a.params.classDse as number[])[0]).toBe(diffusionSpectralEntropy(selectRows(t, rows0), { kernel: 'knn', k: 10 }).value);
    for (const c of [0.01, 100]) {
      const v = diffusionSpectralMutualInformation(scaled(t, c), labels, { kernel: 'knn', k: 10 }).value;
      expect(Math.abs(v - a.value)).toBeLessThan(1e-9 * Math.max(1, Math.abs(a.value)));
    }
    expect(diffusionSpectralMutualInformation(t, labels, { kernel: 'knn', k: 10, threads: 1 }).value).toBe(a.value);
    expect(diffusionSpectralMutualInformation(t, labels, { k: 10 }).value).not.toBe(a.value);
    // two far-apart clusters labelled by cluster: 1 bit with this kernel too (each class is one atom of copies)
    const pts = [...Array(20).fill([0, 0]), ...Array(20).fill([5, 5])];
    const lab = pts.map((_, i) => (i < 20 ? 0 : 1));
    expect(diffusionSpectralMutualInformation(pts, lab, { kernel: 'knn', variant: 'conditional' }).value).toBeCloseTo(1, 10);
  });

  it("dseSpec.entropy and the CLI (entropy --estimator dse --kernel knn --k 10) give the same value and params", async () => {
    const t = activations(70, 3, 26);
    const api = diffusionSpectralEntropy(t, { kernel: 'knn', k: 10 });
    expect((await dseSpec.entropy!(t, { kernel: 'knn', k: 10 })).value).toBe(api.value);
    const dir = tempDir('infoplane-dse-knn-');
    const rows = Array.from({ length: t.n }, (_, i) => Array.from(t.data.subarray(i * t.d, (i + 1) * t.d)));
    const r = await cli('entropy', writeJson(dir, 't.json', rows), '--estimator', 'dse', '--kernel', 'knn', '--k', '10', '--json');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const out = JSON.parse(r.stdout);
    expect(out.value).toBeCloseTo(api.value, 12);
    expect(out.params).toMatchObject({ kernel: 'knn', k: 10, alpha: 1, t: 3, method: 'full' });
    const bad = await cli('entropy', writeJson(dir, 't.json', rows), '--estimator', 'dse', '--kernel', 'knn', '--method', 'cholesky');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/method must be one of "auto", "full", "slq" with kernel "knn"/);
  });

  it("createRecorder({estimators: [{name: 'dse', options: {kernel: 'knn'}}], runFile}) records and stores params.kernel = 'knn'", async () => {
    const x = Array.from({ length: 64 }, (_, i) => Array.from({ length: 6 }, (_, b) => (i >> b) & 1));
    const labels = x.map((r) => r[0]);
    const t = x.map((_, i) => [Math.tanh((i - 32) / 10), Math.tanh(((i * 7) % 64) / 20 - 1)]);
    const runFile = join(tempDir('infoplane-dse-knn-rec-'), 'run.ndjson');
    const rec = createRecorder({ inputs: x, labels, runFile, estimators: [{ name: 'dse', options: { kernel: 'knn', k: 10 } }] });
    const points = await rec.record(0, { t });
    rec.close();
    expect(points[0].params).toMatchObject({ kernel: 'knn', k: 10, t: 3 });
    expect(points[0].hT).toBe(diffusionSpectralEntropy(t, { kernel: 'knn', k: 10 }).value);
    const run = readRun(runFile);
    expect(run.points[0].params).toMatchObject({ kernel: 'knn', k: 10, t: 3 });
    expect(run.header.estimators[0]).toMatchObject({ name: 'dse', params: { kernel: 'knn', k: 10 }, dataDependent: ['t'] });
  });
});

describe('dsmiPoint: per-class terms', () => {
  const t = activations(91, 3, 21);
  // labels 4, 1, 8 and a class 6 of one row (no spectrum: DSE 0), in no particular order
  const labels = Array.from({ length: 91 }, (_, i) => (i === 90 ? 6 : i % 9 < 3 ? 4 : i % 9 < 7 ? 1 : 8));
  // X with 4 distinct rows: dsmiPoint passes `subsets` to its I(X;T) too, which needs as many clusters as classes
  const x = Array.from({ length: 91 }, (_, i) => [i % 4]);
  const order = [1, 4, 6, 8]; // ascending labels: the order of perClass and of `subsets`
  const rowsOf = (label: number) => labels.flatMap((y, i) => (y === label ? [i] : []));
  const random = randomSource(8);
  const subsets = order.map((label) => [0, 1, 2].map(() => {
    const size = rowsOf(label).length;
    const all = Array.from({ length: 91 }, (_, i) => i);
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (91 - i));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, size).sort((a, b) => a - b);
  }));

  it('dsmiPoint(x, t, labels, {subsets}).perClass: DSE of each class and the mean DSE of its given subsets, computed directly', () => {
    for (const units of ['bits', 'nats'] as const) {
      const settings = { sigma: 1, units };
      const p = dsmiPoint(x, t, labels, { ...settings, subsets });
      expect(p.perClass!.map((c) => [c.label, c.n])).toEqual(order.map((l) => [l, rowsOf(l).length]));
      p.perClass!.forEach((c, k) => {
        const rows = rowsOf(c.label);
        const alone = rows.length < 2 ? 0 : diffusionSpectralEntropy(selectRows(t, rows), settings).value;
        const random = subsets[k].map((s) => (s.length < 2 ? 0 : diffusionSpectralEntropy(selectRows(t, s), settings).value));
        const mean = random.reduce((a, b) => a + b, 0) / random.length;
        expect(Math.abs(c.hTgivenY - alone)).toBeLessThan(1e-12);
        expect(Math.abs(c.hTrandom! - mean)).toBeLessThan(1e-12);
        expect(Math.abs(c.ityTerm - c.weight * (mean - alone))).toBeLessThan(1e-12);
        expect(c.weight).toBe(rows.length / 91);
        expect(c.ixtGivenY).toBeUndefined(); // DSMI has no I(X;T|Y=c)
      });
      expect(p.perClass![2]).toMatchObject({ label: 6, n: 1, hTgivenY: 0, hTrandom: 0, ityTerm: 0 });
      expect(Math.abs(p.perClass!.reduce((a, c) => a + c.ityTerm, 0) - p.ity)).toBeLessThan(1e-12);
    }
  });

  it('dsmiPoint(x, t, labels, {variant: "conditional"}).perClass: p_c (DSE(T) - DSE(T | c)), summing to ity', () => {
    const p = dsmiPoint(x, t, labels, { sigma: 1, variant: 'conditional' });
    const whole = diffusionSpectralEntropy(t, { sigma: 1 }).value;
    for (const c of p.perClass!) {
      const rows = rowsOf(c.label);
      const alone = rows.length < 2 ? 0 : diffusionSpectralEntropy(selectRows(t, rows), { sigma: 1 }).value;
      expect(Math.abs(c.hTgivenY - alone)).toBeLessThan(1e-12);
      expect(Math.abs(c.ityTerm - c.weight * (whole - alone))).toBeLessThan(1e-12);
      expect(c.hTrandom).toBeUndefined();
    }
    expect(Math.abs(p.perClass!.reduce((a, c) => a + c.ityTerm, 0) - p.ity)).toBeLessThan(1e-12);
  });
});
