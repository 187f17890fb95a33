/**
 * Every reference case of the registered estimators through the command line (`infoplane point|mi|entropy
 * --json`), with the case's data written to JSON files. The API-level checks sit beside each estimator.
 */
import { casesOf, expectClose, RefCase, referenceIndex, unitsOf } from './helpers/referenceCases';
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

  for (const c of casesOf('kde')) {
    it(`infoplane point --estimator kde matches ${c.id}`, async () => {
      const p = await pointJson(c, ['--estimator', 'kde', '--noise-variance', String(c.params.var), '--bound', c.params.bound, '--units', unitsOf(c.params)]);
      expectClose(p.ixt, c.expected.I_XT, c.tolerance as number, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, c.tolerance as number, 'I_TY');
      expect(p.params).toMatchObject({ noiseVariance: c.params.var, bound: c.params.bound });
    });
  }
  for (const c of casesOf('akde')) {
    for (const bound of ['upper', 'lower']) {
      it(`infoplane point --estimator adaptive-kde --bound ${bound} matches ${c.id}`, async () => {
        const p = await pointJson(c, ['--estimator', 'adaptive-kde', '--noise-variance', String(c.params.base_var), '--bound', bound]);
        expectClose(p.ixt, c.expected[`I_XT_${bound}`], c.tolerance as number, 'I_XT');
        expectClose(p.ity, c.expected[`I_TY_${bound}`], c.tolerance as number, 'I_TY');
        expect(p.params.effectiveVariance).toBeCloseTo(c.expected.var_effective, 15);
      });
    }
  }
  for (const c of casesOf('kde_chelombiev_pipeline')) {
    it(`infoplane point --estimator kde --noise-variance 0.01 on |t + noise| reproduces the released pipeline ${c.id}`, async () => {
      const shifted = c.t!.map((row, i) => row.map((v, j) => Math.abs(v + c.noise![i][j])));
      const p = await pointJson({ ...c, t: shifted }, ['--estimator', 'kde', '--noise-variance', String(c.params.sig)]);
      expectClose(p.ixt, c.expected.I_XT, c.tolerance as number, 'I_XT');
      expectClose(p.ity, c.expected.I_TY, c.tolerance as number, 'I_TY');
    });
  }
  for (const c of casesOf('cs_qmi', 'cs_qmi_normalized')) {
    it(`infoplane mi --estimator ${c.estimator === 'cs_qmi' ? 'cs' : 'cs-normalized'} matches ${c.id}`, async () => {
      const dir = tempDir();
      const name = c.estimator === 'cs_qmi' ? 'cs' : 'cs-normalized';
      const r = await cli('mi', writeJson(dir, 'x.json', c.x), writeJson(dir, 'y.json', c.y), '--estimator', name, '--sigma', String(c.params.sigma), '--json');
      if (r.code !== 0) throw new Error(r.stderr);
      const out = JSON.parse(r.stdout);
      const tol = c.tolerance as number;
      expectClose(out.value, c.expected.CS_QMI ?? c.expected.CS_QMI_normalized, tol, 'CS-QMI');
      if (c.expected.sigma_x !== undefined) {
        expectClose(out.params.sigmaX, c.expected.sigma_x, 1e-9, 'sigma_x');
        expectClose(out.params.sigmaY, c.expected.sigma_y, 1e-9, 'sigma_y');
      }
    });
  }
  for (const c of casesOf('cs_div')) {
    it(`infoplane divergence X Y1 Y2 --estimator cs matches ${c.id}`, async () => {
      const dir = tempDir();
      const r = await cli('divergence', writeJson(dir, 'x.json', c.x), writeJson(dir, 'y.json', c.y), writeJson(dir, 'y2.json', c.y2), '--estimator', 'cs', '--sigma', String(c.params.sigma), '--json');
      if (r.code !== 0) throw new Error(r.stderr);
      expectClose(JSON.parse(r.stdout).value, c.expected.CS_Div, c.tolerance as number, 'CS_Div');
    });
  }
  it('infoplane point reproduces the kde, adaptive-kde and cs entries of the ib12 information-plane case', async () => {
    const c = casesOf('information_plane')[0];
    const tol = c.tolerance as Record<string, number>;
    const upper = await pointJson(c, ['--estimator', 'kde']);
    expectClose(upper.ixt, c.expected.kde_upper.I_XT, tol.kde_upper, 'kde_upper I_XT');
    expectClose(upper.ity, c.expected.kde_upper.I_TY, tol.kde_upper, 'kde_upper I_TY');
    const lower = await pointJson(c, ['--estimator', 'kde', '--bound', 'lower']);
    expectClose(lower.ixt, c.expected.kde_lower.I_XT, tol.kde_lower, 'kde_lower I_XT');
    expectClose(lower.ity, c.expected.kde_lower.I_TY, tol.kde_lower, 'kde_lower I_TY');
    const akde = await pointJson(c, ['--estimator', 'adaptive-kde']);
    expectClose(akde.ixt, c.expected.akde_upper.I_XT, tol.akde_upper, 'akde I_XT');
    expectClose(akde.ity, c.expected.akde_upper.I_TY, tol.akde_upper, 'akde I_TY');
    const dir = tempDir();
    const x = writeJson(dir, 'x.json', c.x);
    const t = writeJson(dir, 't.json', c.t);
    const y = writeJson(dir, 'y.json', c.labels!.map((l) => [l === 0 ? 1 : 0, l === 1 ? 1 : 0]));
    const xt = JSON.parse((await cli('mi', x, t, '--estimator', 'cs', '--sigma', 'cs-ib', '--json')).stdout);
    expectClose(xt.value, c.expected.cs_qmi_XT.CS_QMI, tol.cs_qmi_XT, 'cs_qmi_XT');
    const ty = JSON.parse((await cli('mi', t, y, '--estimator', 'cs', '--sigma', 'cs-ib', '--json')).stdout);
    expectClose(ty.value, c.expected.cs_qmi_TY.CS_QMI, tol.cs_qmi_TY, 'cs_qmi_TY');
    const xt1 = JSON.parse((await cli('mi', x, t, '--estimator', 'cs', '--sigma', '1', '--json')).stdout);
    expectClose(xt1.value, c.expected.cs_qmi_XT_sigma1.CS_QMI, tol.cs_qmi_XT_sigma1, 'cs_qmi_XT_sigma1');
  });

  for (const c of casesOf('dse')) {
    it(`infoplane entropy --estimator dse matches ${c.id}`, async () => {
      const dir = tempDir();
      const r = await cli('entropy', writeJson(dir, 'x.json', c.x), '--estimator', 'dse', '--sigma', String(c.params.gaussian_kernel_sigma), '--t', String(c.params.t), '--json');
      if (r.code !== 0) throw new Error(r.stderr);
      const out = JSON.parse(r.stdout);
      expectClose(out.value, c.expected.DSE, c.tolerance as number, 'DSE');
      expect(out.params).toMatchObject({ sigma: c.params.gaussian_kernel_sigma, t: c.params.t, maxSamples: 10000 });
    });
  }
  for (const c of casesOf('dsmi')) {
    it(`infoplane mi --labels --estimator dsmi --subsets FILE matches ${c.id}`, async () => {
      const dir = tempDir();
      const subsets = writeJson(dir, 'subsets.json', c.params.subsample_indices);
      const r = await cli('mi', writeJson(dir, 'x.json', c.x), writeJson(dir, 'y.json', c.labels), '--labels', '--estimator', 'dsmi', '--sigma', String(c.params.gaussian_kernel_sigma), '--t', String(c.params.t), '--repetitions', String(c.params.num_repetitions), '--subsets', subsets, '--json');
      if (r.code !== 0) throw new Error(r.stderr);
      expectClose(JSON.parse(r.stdout).value, c.expected.DSMI, c.tolerance as number, 'DSMI');
    });
  }
  it('infoplane entropy/mi with dse and dsmi reproduce the ib12 information-plane entries', async () => {
    const c = casesOf('information_plane')[0];
    const tol = c.tolerance as Record<string, number>;
    const dir = tempDir();
    const t = writeJson(dir, 't.json', c.t);
    const dse = JSON.parse((await cli('entropy', t, '--estimator', 'dse', '--json')).stdout);
    expectClose(dse.value, c.expected.dse.DSE, tol.dse, 'DSE');
    const subsets = writeJson(dir, 'subsets.json', c.params.dsmi_TY.subsample_indices);
    const r = await cli('mi', t, writeJson(dir, 'y.json', c.labels), '--labels', '--estimator', 'dsmi', '--subsets', subsets, '--json');
    expectClose(JSON.parse(r.stdout).value, c.expected.dsmi_TY.DSMI, tol.dsmi_TY, 'DSMI');
  });
  for (const c of casesOf('renyi_mi')) {
    it(`infoplane mi --estimator renyi matches ${c.id}`, async () => {
      const dir = tempDir();
      const r = await cli('mi', writeJson(dir, 'x.json', c.x), writeJson(dir, 'y.json', c.y), '--estimator', 'renyi', '--alpha', String(c.params.alpha), '--sigma-x', String(c.params.sigma_x), '--sigma-y', String(c.params.sigma_y), '--json');
      if (r.code !== 0) throw new Error(r.stderr);
      expectClose(JSON.parse(r.stdout).value, c.expected.I, c.tolerance as number, 'I');
      const hx = JSON.parse((await cli('entropy', writeJson(dir, 'x2.json', c.x), '--estimator', 'renyi', '--alpha', String(c.params.alpha), '--sigma', String(c.params.sigma_x), '--json')).stdout);
      expectClose(hx.value, c.expected.S_x, c.tolerance as number, 'S_x');
    });
  }
  it('every reference case is checked through the CLI', () => {
    const covered = ['binning_fixed', 'binning_floor', 'binning_maxscaled', 'ebab', 'kde', 'akde', 'kde_chelombiev_pipeline', 'cs_qmi', 'cs_qmi_normalized', 'cs_div', 'dse', 'dsmi', 'renyi_mi', 'ksg', 'ksg_mixed', 'information_plane'];
    const missing = referenceIndex().filter((e) => !covered.includes(e.estimator)).map((e) => e.id);
    expect(missing).toEqual([]);
    expect(referenceIndex()).toHaveLength(35);
  });
});
