import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, writeJson } from '../../test/helpers/cli';

const dir = tempDir();
const t = writeJson(dir, 't.json', [[-0.9, 0.1], [-0.2, 0.3], [0.1, 0.5], [0.6, 0.7], [0.65, -0.3], [0.99, 0.2]]);
const x = writeJson(dir, 'x.json', [[0], [1], [2], [3], [4], [5]]);
const y = writeJson(dir, 'y.json', [0, 0, 1, 1, 1, 0]);
const point = (...extra: string[]) => cli('point', '--input', x, '--activations', t, '--labels', y, ...extra);

function expectOneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('infoplane point', () => {
  it('infoplane point --json prints {estimator, units, ixt, ity, params} with defaults included', async () => {
    const r = await point('--estimator', 'binning', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['estimator', 'units', 'ixt', 'ity', 'ixtGivenY', 'perClass', 'params', 'warnings']);
    expect(out.estimator).toBe('binning');
    expect(out.units).toBe('bits');
    expect(out.params).toEqual({ bins: 30, range: [-1, 1], outOfRange: 'clamp' });
    expect(out.ixt).toBeCloseTo(Math.log2(6), 12); // six distinct rows, deterministic layer
    // every row in its own bin: I(X;T) = H(X) = log2 6 and I(T;Y) = H(Y) = 1 bit are at their ceilings
    expect(out.warnings.map((w: { code: string; quantity?: string }) => `${w.code} ${w.quantity ?? ''}`.trim())).toEqual(['sparse-bins', 'saturated I(X;T)', 'saturated I(T;Y)']);
    expect(out.ixtGivenY).toBeCloseTo(Math.log2(6) - 1, 12); // H(T|Y) - H(T|X,Y) = (log2 6 - 1) - 0
    expect(r.stderr).toBe(''); // --json: the warnings are in the output only
  });
  it('infoplane point --json carries perClass; --per-class prints the table, whose I(T;Y) terms sum to I(T;Y)', async () => {
    // every row in its own bin, classes of 3 rows: H(T|Y=c) = log2 3, each term (1/2)(log2 6 - log2 3) = 0.5 bit
    const out = JSON.parse((await point('--estimator', 'binning', '--json')).stdout);
    expect(out.perClass.map((c: { label: number; n: number; weight: number }) => [c.label, c.n, c.weight])).toEqual([
      [0, 3, 0.5],
      [1, 3, 0.5],
    ]);
    for (const c of out.perClass) {
      expect(c.hTgivenY).toBeCloseTo(Math.log2(3), 12);
      expect(c.ityTerm).toBeCloseTo(0.5, 12);
      expect(c.ixtGivenY).toBeCloseTo(Math.log2(3), 12);
    }
    const r = await point('--estimator', 'binning', '--per-class');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'per class (bits; the I(T;Y) terms sum to I(T;Y)):',
        '  label  n    weight  H(T|Y=c)  I(T;Y) term  I(X;T|Y=c)',
        '      0  3  0.500000  1.584963     0.500000    1.584963',
        '      1  3  0.500000  1.584963     0.500000    1.584963',
      ].join('\n'),
    );
    expect((await point('--estimator', 'binning')).stdout).not.toContain('per class');
    const dsmi = await point('--estimator', 'dsmi', '--per-class', '--sigma', '0.5', '--repetitions', '2');
    expect(dsmi.stdout).toMatch(/label  n    weight  H\(T\|Y=c\)  I\(T;Y\) term  H\(random n_c\)/);
    const none = await point('--estimator', 'cs', '--per-class');
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('infoplane point: --per-class: cs gives no per-class terms');
  });
  it('infoplane point --units nats returns bits times ln 2', async () => {
    const bits = JSON.parse((await point('--estimator', 'binning', '--json')).stdout);
    const nats = JSON.parse((await point('--estimator', 'binning', '--json', '--units', 'nats')).stdout);
    expect(nats.units).toBe('nats');
    expect(nats.ity).toBeCloseTo(bits.ity * Math.LN2, 12);
  });
  it('infoplane point prints text by default', async () => {
    const r = await point('--estimator', 'adaptive-binning', '--bins', '4');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^I\(X;T\) = \d+\.\d{6} bits\nI\(T;Y\) = \d+\.\d{6} bits\nI\(X;T\|Y\) = \d+\.\d{6} bits\nestimator: adaptive-binning \(bins=4, lowerEdge=-1.000001\)\n$/);
    // one stderr line per warning
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => /^infoplane: warning: [a-z-]+: /.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('infoplane: warning: saturated: I(X;T) = 2.585 bits is within 1% of its ceiling H(X) = 2.585 bits'))).toHaveLength(1);
  });
  it('infoplane point --estimator nope lists the valid estimators (exit 2)', async () => {
    const r = await point('--estimator', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown estimator "nope"; valid estimators are binning, adaptive-binning/);
    expectOneLine(r.stderr);
  });
  it('infoplane point --binz 3 lists the valid flags (exit 2)', async () => {
    const r = await point('--estimator', 'binning', '--binz', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown flag --binz; valid flags are .*--input.* and the binning parameters --bins, --range, --out-of-range, --bin-size/);
  });
  it('infoplane point --estimator adaptive-binning --range says range is not its parameter (exit 2)', async () => {
    const r = await point('--estimator', 'adaptive-binning', '--range', '0,1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--range is not a parameter of the adaptive-binning estimator; its parameters are --bins, --lower-edge/);
  });
  it('infoplane point --bins abc names the flag (exit 2)', async () => {
    const r = await point('--estimator', 'binning', '--bins', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bins must be an integer; got "abc"/);
  });
  it('infoplane point --bins 1 gives the accepted range (exit 2)', async () => {
    const r = await point('--estimator', 'binning', '--bins', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^infoplane point: --bins must be an integer in \[2, 1000000\]; got 1\. \[binning\]$/m);
    expectOneLine(r.stderr);
  });
  it('infoplane point --range 1 is a usage error', async () => {
    expect((await point('--estimator', 'binning', '--range', '1')).stderr).toMatch(/--range must be LO,HI/);
  });
  it('infoplane point --out-of-range drop lists the choices', async () => {
    expect((await point('--estimator', 'binning', '--out-of-range', 'drop')).stderr).toMatch(/--out-of-range must be one of clamp, wrap; got "drop"/);
  });
  it('infoplane point --units dits is a usage error', async () => {
    const r = await point('--estimator', 'binning', '--units', 'dits');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--units must be bits or nats; got "dits"/);
  });
  it('infoplane point without --activations says it is required', async () => {
    const r = await cli('point', '--input', x, '--labels', y, '--estimator', 'binning');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--activations is required/);
  });
  it('infoplane point with a missing file exits 1 and names the file', async () => {
    const r = await cli('point', '--input', x, '--activations', join(dir, 'missing.csv'), '--labels', y, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--activations/);
    expect(r.stderr).toMatch(/missing\.csv/);
    expectOneLine(r.stderr);
  });
  it('infoplane point with NaN in a CSV exits 1 naming row and column', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n0.1,0.2\n0.3,NaN\n0.1,0.2\n0.3,0.4\n0.1,0.2\n0.3,0.4\n');
    const r = await cli('point', '--input', x, '--activations', bad, '--labels', y, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--activations/);
    expect(r.stderr).toMatch(/NaN/);
    expect(r.stderr).toMatch(/row 1|line 3/);
    expectOneLine(r.stderr);
  });
  it('infoplane point with labels of another length exits 1', async () => {
    const short = writeJson(dir, 'short.json', [0, 1, 0]);
    const r = await cli('point', '--input', x, '--activations', t, '--labels', short, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--labels must be 6 samples, as many as --input; got 3 samples/);
  });
  it('infoplane point with non-integer labels exits 1', async () => {
    const frac = writeJson(dir, 'frac.json', [0, 0.5, 1, 1, 0, 0]);
    const r = await cli('point', '--input', x, '--activations', t, '--labels', frac, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--labels must be non-negative integer class labels; got 0.5/);
  });
  it('infoplane point with a malformed JSON file exits 1', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[[0.1, 0.2], [0.3');
    const r = await cli('point', '--input', x, '--activations', broken, '--labels', y, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expectOneLine(r.stderr);
  });
  it('infoplane point with a single sample exits 1', async () => {
    const one = writeJson(dir, 'one.json', [[0.5]]);
    const oneY = writeJson(dir, 'oneY.json', [0]);
    const r = await cli('point', '--input', one, '--activations', one, '--labels', oneY, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at least 2 samples; got 1 sample/);
  });
});

describe('infoplane mi and entropy', () => {
  it('infoplane mi X Y --labels --json gives I(T;Y) of the point command', async () => {
    const p = JSON.parse((await point('--estimator', 'binning', '--json')).stdout);
    const r = await cli('mi', t, y, '--labels', '--estimator', 'binning', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['estimator', 'units', 'value', 'params', 'warnings']);
    expect(out.value).toBeCloseTo(p.ity, 12);
    expect(out.warnings.filter((w: { code: string }) => w.code === 'saturated')).toEqual([expect.objectContaining({ quantity: 'I(T;Y)', ceiling: 1, ceilingName: 'H(Y)' })]);
  });
  it('infoplane mi X X gives H(X) (binned)', async () => {
    const h = JSON.parse((await cli('entropy', t, '--estimator', 'binning', '--json')).stdout);
    const m = JSON.parse((await cli('mi', t, t, '--estimator', 'binning', '--json')).stdout);
    expect(m.value).toBeCloseTo(h.value, 12);
    expect(h.value).toBeCloseTo(Math.log2(6), 12);
  });
  it('infoplane mi with one file is a usage error', async () => {
    const r = await cli('mi', t, '--estimator', 'binning');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected 2 file arguments \(X Y\); got 1/);
  });
  it('infoplane entropy X --estimator adaptive-binning --json', async () => {
    const r = await cli('entropy', t, '--estimator', 'adaptive-binning', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).params).toEqual({ bins: 30, lowerEdge: -1.000001 });
  });
});

describe('infoplane help and usage', () => {
  it('infoplane --help documents the commands, flags and estimators', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const word of ['point', 'mi', 'entropy', 'demo', '--bins', '--range LO,HI', '--out-of-range', '--bin-size', '--lower-edge', 'adaptive-binning', '--units', '--json']) {
      expect(r.stdout).toContain(word);
    }
  });
  it('infoplane point --help documents the command', async () => {
    const r = await cli('point', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: infoplane point --input X --activations T --labels Y/);
  });
  it('infoplane with no command prints help and exits 2', async () => {
    expect((await cli()).code).toBe(2);
  });
  it('infoplane frobnicate is an unknown command (exit 2)', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"; commands are point, mi, entropy, divergence, /);
  });
  it('infoplane point -x is rejected', async () => {
    expect((await cli('point', '-x')).code).toBe(2);
  });
  it('infoplane point --bins 3 --bins 4 rejects a repeated flag', async () => {
    expect((await point('--estimator', 'binning', '--bins', '3', '--bins', '4')).stderr).toMatch(/--bins is given twice/);
  });
  it('infoplane --version prints the package version', async () => {
    const r = await cli('--version');
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
