/**
 * Every reference case of the registered estimators through the command line (`infoplane point|mi|entropy
 * --json`), with the case's data written to JSON files. The API-level checks sit beside each estimator.
 */
import { casesOf, expectClose, RefCase, unitsOf } from './helpers/referenceCases';
import { cli, tempDir, writeJson } from './helpers/cli';

async function pointJson(c: RefCase, args: string[]): Promise<{ ixt: number; ity: number; units: string; params: Record<string, unknown> }> {
  const dir = tempDir();
  const x = writeJson(dir, 'x.json', c.x ?? c.t!.map((_, i) => [i]));
  const t = writeJson(dir, 't.json', c.t);
  const y = writeJson(dir, 'labels.json', c.labels);
  const r = await cli('point', '--input', x, '--activations', t, '--labels', y, '--json', ...args);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('reference cases through the CLI', () => {
  for (const c of casesOf('binning_fixed')) {
    it(`infoplane point --estimator binning matches ${c.id}`, async () => {
      const p = await pointJson(c, ['--estimator', 'binning', '--bins', String(c.params.num_of_bins), '--range', c.params.range.join(','), '--out-of-range', c.params.out_of_range, '--units', unitsOf(c.params)]);
      expect(p.units).toBe(c.units);
      expectClose(p.ixt, c.expected.I_XT, c.tolerance as number, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, c.tolerance as number, 'I_TY');
    });
  }
  for (const c of casesOf('binning_floor')) {
    it(`infoplane point --estimator binning --bin-size matches ${c.id}`, async () => {
      const p = await pointJson(c, ['--estimator', 'binning', '--bin-size', String(c.params.binsize), '--units', unitsOf(c.params)]);
      expectClose(p.ixt, c.expected.H_T, c.tolerance as number, 'I_XT (= H_T)');
      expectClose(p.ity, c.expected.I_TY, c.tolerance as number, 'I_TY');
    });
  }
  for (const c of casesOf('binning_maxscaled')) {
    it(`infoplane point --estimator binning --range 0,M matches ${c.id}`, async () => {
      const p = await pointJson(c, ['--estimator', 'binning', '--bins', String(c.params.num_of_bins), '--range', `0,${c.params.max_value}`, '--out-of-range', 'wrap']);
      expectClose(p.ixt, c.expected.I_XT, c.tolerance as number, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, c.tolerance as number, 'I_TY');
    });
  }
  for (const c of casesOf('ebab')) {
    it(`infoplane point --estimator adaptive-binning matches ${c.id}`, async () => {
      const p = await pointJson(c, ['--estimator', 'adaptive-binning', '--bins', String(c.params.num_of_bins), '--lower-edge', String(c.params.low)]);
      expectClose(p.ixt, c.expected.I_XT, c.tolerance as number, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, c.tolerance as number, 'I_TY');
      expect(p.params).toEqual({ bins: c.params.num_of_bins, lowerEdge: c.params.low });
    });
  }
  it('infoplane point reproduces the binning entries of the ib12 information-plane case', async () => {
    const c = casesOf('information_plane')[0];
    const tol = c.tolerance as Record<string, number>;
    const fixed = await pointJson(c, ['--estimator', 'binning', '--out-of-range', 'wrap']);
    expectClose(fixed.ixt, c.expected.binning_fixed.I_XT, tol.binning_fixed, 'binning I_XT');
    expect(fixed.params).toEqual({ bins: 30, range: [-1, 1], outOfRange: 'wrap' });
    const floor = await pointJson(c, ['--estimator', 'binning', '--bin-size', '0.07']);
    expectClose(floor.ity, c.expected.binning_floor.I_TY, tol.binning_floor, 'floor I_TY');
    const ebab = await pointJson(c, ['--estimator', 'adaptive-binning']);
    expectClose(ebab.ixt, c.expected.ebab.I_XT, tol.ebab, 'ebab I_XT');
  });

  for (const c of casesOf('ksg', 'ksg_mixed')) {
    it(`infoplane mi --estimator ksg matches ${c.id}`, async () => {
      const dir = tempDir();
      const x = writeJson(dir, 'x.json', c.x);
      const mixed = c.estimator === 'ksg_mixed';
      const y = writeJson(dir, 'y.json', mixed ? c.labels : c.y);
      const flags = ['--estimator', 'ksg', '--k', String(c.params.k), '--units', 'nats', '--json'];
      if (c.params.standardize) flags.push('--standardize');
      if (c.params.clip_zero) flags.push('--clip-zero');
      const r = await cli('mi', x, y, ...(mixed ? ['--labels'] : []), ...flags);
      if (r.code !== 0) throw new Error(r.stderr);
      const out = JSON.parse(r.stdout);
      expect(out.units).toBe('nats');
      if (c.reference_estimate !== undefined) expectClose(out.value, c.reference_estimate, 1e-8, 'reference_estimate');
      expectClose(out.value, c.expected.I, c.tolerance as number, 'I');
    });
  }
});
