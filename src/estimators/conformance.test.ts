/**
 * One conformance suite for every registered estimator, in the spirit of scikit-learn's `check_estimator`:
 * a new estimator is covered by registering it. Each check runs every operation the spec declares.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfoplaneError } from '../core/errors';
import { Labels, toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { Samples } from '../core/samples';
import { commandHelp } from '../cli/help';
import { flagOf } from '../cli/parseArgs';
import { cli, tempDir } from '../../test/helpers/cli';
import { thrownError } from '../../test/helpers/errors';
import { DIVERGENCES, ESTIMATORS } from './registry';
import { describeDefault, Param } from './specs/params';
import { EstimatorSpec, Operation, paramNames } from './specs/spec';
import { SUBSAMPLING_PARAMS } from './specs/subsampling';
import { Estimate, PlanePoint } from './types';

const N = 48;

/** 48 distinct 6-bit inputs, a 3-unit continuous layer with no ties, 2 balanced classes, a continuous target. */
function data(): { x: Samples; t: Samples; labels: Labels; y: Samples } {
  const random = randomSource(7);
  const x = new Float64Array(N * 6);
  const t = new Float64Array(N * 3);
  const y = new Float64Array(N);
  const classes: number[] = [];
  for (let i = 0; i < N; i++) {
    for (let b = 0; b < 6; b++) x[i * 6 + b] = (i >> b) & 1;
    classes.push(i & 1);
    for (let j = 0; j < 3; j++) t[i * 3 + j] = Math.tanh(0.3 * ((i % (5 + j)) - 2) + 0.8 * (i & 1) + 0.2 * random.normal());
    y[i] = (i & 1) + 0.5 * random.normal();
  }
  return { x: { data: x, n: N, d: 6 }, t: { data: t, n: N, d: 3 }, labels: toLabels(classes), y: { data: y, n: N, d: 1 } };
}

/**
 * Options the checks use where the defaults would not suit them: DSMI's reference variant draws random subsets
 * by row index, so only its deterministic conditional variant is invariant to the order of the samples.
 */
const ORDER_OPTIONS: Record<string, Record<string, unknown>> = { dsmi: { variant: 'conditional' } };

/** Rows of `s` in the order `perm`. */
function permuteRows(s: Samples, perm: number[]): Samples {
  const out = new Float64Array(s.data.length);
  perm.forEach((from, to) => out.set(s.data.subarray(from * s.d, (from + 1) * s.d), to * s.d));
  return { data: out, n: s.n, d: s.d };
}

/** The numbers an operation returns (I(X;T) and I(T;Y), or the value). */
function numbers(r: PlanePoint | Estimate): number[] {
  return 'value' in r ? [r.value] : [r.ixt, r.ity];
}

/** Second variables `mi` is called with, by the spec's convention. */
function miTargets(spec: EstimatorSpec, d: ReturnType<typeof data>): Array<Samples | Labels> {
  if (spec.miTarget === 'labels') return [d.labels];
  if (spec.miTarget === 'continuous') return [d.y];
  return [d.labels, d.y];
}

/** Call every declared operation (mi once per kind of target) with `options` on data `d`. */
function callAll(spec: EstimatorSpec, d: ReturnType<typeof data>, options: Record<string, unknown> = {}): Array<[string, PlanePoint | Estimate]> {
  const out: Array<[string, PlanePoint | Estimate]> = [];
  for (const op of spec.operations) {
    const own = Object.fromEntries(Object.entries(options).filter(([k]) => k === 'units' || paramNames(spec, op).includes(k)));
    if (op === 'point') out.push(['point', spec.point!(d.x, d.t, d.labels, own)]);
    if (op === 'entropy') out.push(['entropy', spec.entropy!(d.t, own)]);
    if (op === 'mi') for (const b of miTargets(spec, d)) out.push([`mi(${'classes' in b ? 'labels' : 'continuous'})`, spec.mi!(d.t, b, own)]);
    if (op === 'divergence') out.push(['divergence', spec.divergence!(d.x, d.y, d.t.d === 1 ? d.t : { data: d.y.data.map((v) => v + 0.1), n: N, d: 1 }, own)]);
  }
  return out;
}

const ALL: EstimatorSpec[] = [...ESTIMATORS, ...DIVERGENCES];

describe.each(ALL.map((spec) => [`${spec.name} (${spec.operations.join(', ')})`, spec] as const))('conformance of %s', (_, spec) => {
  const d = data();

  it('the spec declares a summary, a reference, a cost and a description for every parameter', () => {
    expect(spec.summary.length).toBeGreaterThan(10);
    expect(spec.reference.length).toBeGreaterThan(3);
    expect(spec.cost).toMatch(/^O\(|DSEs/);
    expect(spec.operations.length).toBeGreaterThan(0);
    for (const [name, p] of Object.entries(spec.params)) {
      expect(`${name}: ${p.description}`).toMatch(/^\w+: \S.{8,}/);
      if (p.defaultFrom !== undefined) expect(Object.keys(spec.params)).toContain(p.defaultFrom);
    }
    if (spec.operations.includes('mi')) expect(spec.miTarget).toBeDefined();
  });

  it('every operation reports units, its parameters (defaults included) and a warnings list', () => {
    for (const [op, r] of callAll(spec, d)) {
      expect(r.units).toBe('bits');
      expect(Array.isArray(r.warnings)).toBe(true);
      for (const n of numbers(r)) expect(Number.isFinite(n)).toBe(true);
      const operation = op.startsWith('mi') ? 'mi' : (op as Operation);
      for (const name of paramNames(spec, operation)) {
        const p: Param = spec.params[name];
        if (p.reported === false || p.default === undefined) continue;
        expect({ op, name, reported: name in r.params }).toEqual({ op, name, reported: true });
        // a value resolved from the data (a bandwidth rule's sigma) replaces its rule; others are the default
        if (!p.fromData?.(p.default)) expect({ op, name, value: r.params[name] }).toEqual({ op, name, value: p.default });
      }
    }
  });

  it("bits and nats agree: nats = bits x ln 2 (ratios: equal)", () => {
    const bits = callAll(spec, d, { units: 'bits' });
    const nats = callAll(spec, d, { units: 'nats' });
    bits.forEach(([op, b], i) => {
      const [, n] = nats[i];
      expect(n.units).toBe('nats');
      const factor = spec.dimensionless ? 1 : Math.LN2;
      numbers(b).forEach((v, j) => expect({ op, v: numbers(n)[j] }).toEqual({ op, v: expect.closeTo(v * factor, 10) }));
    });
  });

  it('the results do not depend on the order of the samples', () => {
    const perm = Array.from({ length: N }, (_, i) => i);
    const random = randomSource(3);
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const labels = Array.from(d.labels.ids);
    const shuffled = { x: permuteRows(d.x, perm), t: permuteRows(d.t, perm), y: permuteRows(d.y, perm), labels: toLabels(perm.map((i) => labels[i])) };
    const options = ORDER_OPTIONS[spec.name] ?? {};
    const before = callAll(spec, d, options);
    const after = callAll(spec, shuffled, options);
    before.forEach(([op, r], i) => numbers(r).forEach((v, j) => expect({ op, v: numbers(after[i][1])[j] }).toEqual({ op, v: expect.closeTo(v, 9) })));
  });

  it('maxSamples and seed follow the shared rules (dse and dsmi, which subsample in their kernel, with their own default)', () => {
    if (spec.operations.includes('divergence')) {
      expect('maxSamples' in spec.params).toBe(false); // three variables of different sizes: not subsampled
      return;
    }
    const { maxSamples, seed } = spec.params;
    expect({ kind: maxSamples.kind, rule: maxSamples.rule }).toEqual({ kind: 'integer', rule: SUBSAMPLING_PARAMS.maxSamples.rule });
    expect({ kind: seed.kind, rule: seed.rule }).toEqual({ kind: 'integer', rule: SUBSAMPLING_PARAMS.seed.rule });
    if (spec.name !== 'dse' && spec.name !== 'dsmi') expect(maxSamples).toBe(SUBSAMPLING_PARAMS.maxSamples);
  });

  it('every operation with maxSamples < n reports maxSamples, seed and the rows used, and says it subsampled', () => {
    if (spec.operations.includes('divergence')) return;
    for (const [op, r] of callAll(spec, d, { ...ORDER_OPTIONS[spec.name], maxSamples: 30, seed: 2 })) {
      expect({ op, maxSamples: r.params.maxSamples, seed: r.params.seed }).toEqual({ op, maxSamples: 30, seed: 2 });
      // dse names its count samplesUsed; dsmi reports maxSamples and seed only (its kernel draws the rows)
      if (spec.name === 'dsmi') continue;
      expect({ op, used: r.params.rowsUsed ?? r.params.samplesUsed }).toEqual({ op, used: 30 });
      expect({ op, codes: r.warnings.map((w) => w.code) }).toEqual({ op, codes: expect.arrayContaining(['subsampled']) });
      for (const n of numbers(r)) expect(Number.isFinite(n)).toBe(true);
    }
  });

  it('bad data is a one-line InfoplaneError: NaN, no samples, a single sample, mismatched counts', () => {
    const nan = Float64Array.from(d.t.data);
    nan[4] = NaN;
    const bad: Record<string, Samples> = {
      NaN: { data: nan, n: N, d: 3 },
      empty: { data: new Float64Array(0), n: 0, d: 3 },
      single: { data: d.t.data.slice(0, 3), n: 1, d: 3 },
    };
    for (const op of spec.operations) {
      for (const [what, t] of Object.entries(bad)) {
        const call = {
          point: () => spec.point!(d.x, t, d.labels),
          mi: () => spec.mi!(t, miTargets(spec, d)[0]),
          entropy: () => spec.entropy!(t),
          divergence: () => spec.divergence!(t, d.y, d.y),
        }[op];
        let error: unknown;
        try {
          call();
        } catch (e) {
          error = e;
        }
        expect({ op, what, infoplaneError: error instanceof InfoplaneError }).toEqual({ op, what, infoplaneError: true });
        if (!(error instanceof InfoplaneError)) continue;
        expect({ op, what, oneLine: !error.message.includes('\n') }).toEqual({ op, what, oneLine: true });
        if (what === 'NaN') expect(error.code).toBe('non_finite');
      }
      const short: Samples = { data: d.t.data.slice(0, 30), n: 10, d: 3 };
      const mismatched = {
        point: () => spec.point!(d.x, short, d.labels),
        mi: () => spec.mi!(short, miTargets(spec, d)[0]),
        entropy: undefined,
        divergence: () => spec.divergence!({ data: d.x.data.slice(0, 60), n: 10, d: 6 }, d.y, d.y),
      }[op];
      if (mismatched) expect({ op, code: thrownError(mismatched).code }).toEqual({ op, code: 'length_mismatch' });
    }
  });

  it('unknown options and values out of range are refused, naming the parameter', () => {
    for (const op of spec.operations) {
      const call = (options: Record<string, unknown>) =>
        ({
          point: () => spec.point!(d.x, d.t, d.labels, options),
          mi: () => spec.mi!(d.t, miTargets(spec, d)[0], options),
          entropy: () => spec.entropy!(d.t, options),
          divergence: () => spec.divergence!(d.x, d.y, d.y, options),
        })[op]();
      expect(thrownError(() => call({ noSuchOption: 1 })).code).toBe('invalid_option');
      for (const name of paramNames(spec, op)) {
        const p: Param = spec.params[name];
        const wrong = p.kind === 'boolean' || p.kind === 'choice' ? 17 : p.kind === 'range' ? [1, 0] : p.kind === 'json' ? undefined : 'not a number';
        if (wrong === undefined) continue;
        const error = thrownError(() => call({ [name]: wrong }));
        expect({ op, name, param: error.param }).toEqual({ op, name, param: name });
        expect(error).toBeInstanceOf(InfoplaneError);
      }
    }
  });

  it('every parameter has a CLI flag, listed in help with its default, that reaches the estimator', async () => {
    const dir = tempDir('infoplane-conformance-');
    const file = (name: string, s: Samples) => {
      const path = join(dir, name);
      const rows = Array.from({ length: s.n }, (_, i) => Array.from(s.data.subarray(i * s.d, (i + 1) * s.d)));
      writeFileSync(path, JSON.stringify(rows));
      return path;
    };
    const x = file('x.json', d.x);
    const t = file('t.json', d.t);
    const y = file('y.json', d.y);
    const labels = file('labels.json', { data: Float64Array.from(d.labels.ids), n: N, d: 1 });
    for (const op of spec.operations) {
      const help = commandHelp(op);
      for (const name of paramNames(spec, op)) {
        const p: Param = spec.params[name];
        const flag = `--${flagOf(name)}`;
        expect(help).toContain(`${flag}`);
        expect(help).toContain(`(default ${describeDefault(p)})`);
        if (p.default === undefined || p.reported === false) continue;
        const value = p.kind === 'boolean' ? [] : [Array.isArray(p.default) ? p.default.join(',') : String(p.default)];
        if (p.kind === 'boolean' && p.default === false) continue; // a boolean flag given means true
        const args = {
          point: ['point', '--input', x, '--activations', t, '--labels', labels],
          mi: ['mi', t, labels, '--labels'],
          entropy: ['entropy', t],
          divergence: ['divergence', x, y, y],
        }[op];
        const r = await cli(...args, '--estimator', spec.name, flag, ...value, '--json');
        expect({ op, flag, code: r.code, stderr: r.stderr }).toEqual({ op, flag, code: 0, stderr: '' });
        const reported = JSON.parse(r.stdout).params[name];
        if (!p.fromData?.(p.default)) expect({ op, flag, reported }).toEqual({ op, flag, reported: p.default });
      }
    }
  });
});
