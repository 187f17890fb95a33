/**
 * The reference cases as plain estimator calls (registry name, operation, data, options, expected values), the
 * same calls `test/referenceCases.cli.test.ts` makes through the command line, so that they can be run unchanged
 * by the Node build and by the browser bundle in Chromium (`runCaseCalls` uses nothing but the API it is given).
 */
import { casesOf, distinctRows, Matrix, RefCase, unitsOf } from './referenceCases';

export interface CaseCall {
  label: string;
  name: string;
  op: 'point' | 'mi' | 'entropy' | 'divergence';
  /** Data arguments; `{labels: [...]}` is turned into `Labels` with the API's `toLabels`. */
  args: (Matrix | number[] | { labels: number[] })[];
  options: Record<string, unknown>;
  /** Result field -> expected value (I_XT of the case for `ixt`, ...). */
  expect: Record<string, number>;
  tol: number;
}

function pointCall(label: string, name: string, c: RefCase, options: Record<string, unknown>, expect: Record<string, number>, tol: number, t: Matrix = c.t!): CaseCall {
  return { label, name, op: 'point', args: [c.x ?? distinctRows(t.length), t, c.labels!], options, expect, tol };
}

/** Every reference case as calls (the mapping of the CLI test, flag for flag). */
export function referenceCaseCalls(): CaseCall[] {
  const calls: CaseCall[] = [];
  for (const c of casesOf('binning_fixed')) {
    const o = { bins: c.params.num_of_bins, range: c.params.range, outOfRange: c.params.out_of_range, units: unitsOf(c.params) };
    calls.push(pointCall(c.id, 'binning', c, o, { ixt: c.expected.I_XT, ity: c.expected.I_TY }, c.tolerance as number));
  }
  for (const c of casesOf('binning_floor')) {
    calls.push(pointCall(c.id, 'binning', c, { binSize: c.params.binsize, units: unitsOf(c.params) }, { ixt: c.expected.H_T, ity: c.expected.I_TY }, c.tolerance as number));
  }
  for (const c of casesOf('binning_maxscaled')) {
    const o = { bins: c.params.num_of_bins, range: [0, c.params.max_value], outOfRange: 'wrap' };
    calls.push(pointCall(c.id, 'binning', c, o, { ixt: c.expected.I_XT, ity: c.expected.I_TY }, c.tolerance as number));
  }
  for (const c of casesOf('ebab')) {
    calls.push(pointCall(c.id, 'adaptive-binning', c, { bins: c.params.num_of_bins, lowerEdge: c.params.low }, { ixt: c.expected.I_XT, ity: c.expected.I_TY }, c.tolerance as number));
  }
  for (const c of casesOf('kde')) {
    const o = { noiseVariance: c.params.var, bound: c.params.bound, units: unitsOf(c.params) };
    calls.push(pointCall(c.id, 'kde', c, o, { ixt: c.expected.I_XT, ity: c.expected.I_TY }, c.tolerance as number));
  }
  for (const c of casesOf('akde')) {
    for (const bound of ['upper', 'lower']) {
      const o = { noiseVariance: c.params.base_var, bound };
      calls.push(pointCall(`${c.id} ${bound}`, 'adaptive-kde', c, o, { ixt: c.expected[`I_XT_${bound}`], ity: c.expected[`I_TY_${bound}`] }, c.tolerance as number));
    }
  }
  for (const c of casesOf('kde_chelombiev_pipeline')) {
    const shifted = c.t!.map((row, i) => row.map((v, j) => Math.abs(v + c.noise![i][j])));
    calls.push(pointCall(c.id, 'kde', c, { noiseVariance: c.params.sig }, { ixt: c.expected.I_XT, ity: c.expected.I_TY }, c.tolerance as number, shifted));
  }
  for (const c of casesOf('cs_qmi', 'cs_qmi_normalized')) {
    const name = c.estimator === 'cs_qmi' ? 'cs' : 'cs-normalized';
    calls.push({ label: c.id, name, op: 'mi', args: [c.x!, c.y!], options: { sigma: c.params.sigma }, expect: { value: c.expected.CS_QMI ?? c.expected.CS_QMI_normalized }, tol: c.tolerance as number });
  }
  for (const c of casesOf('cs_div')) {
    calls.push({ label: c.id, name: 'cs', op: 'divergence', args: [c.x!, c.y!, c.y2!], options: { sigma: c.params.sigma }, expect: { value: c.expected.CS_Div }, tol: c.tolerance as number });
  }
  for (const c of casesOf('dse')) {
    calls.push({ label: c.id, name: 'dse', op: 'entropy', args: [c.x!], options: { sigma: c.params.gaussian_kernel_sigma, t: c.params.t }, expect: { value: c.expected.DSE }, tol: c.tolerance as number });
  }
  for (const c of casesOf('dsmi')) {
    const o = { sigma: c.params.gaussian_kernel_sigma, t: c.params.t, repetitions: c.params.num_repetitions, subsets: c.params.subsample_indices };
    calls.push({ label: c.id, name: 'dsmi', op: 'mi', args: [c.x!, { labels: c.labels! }], options: o, expect: { value: c.expected.DSMI }, tol: c.tolerance as number });
  }
  for (const c of casesOf('renyi_mi')) {
    const tol = c.tolerance as number;
    calls.push({ label: c.id, name: 'renyi', op: 'mi', args: [c.x!, c.y!], options: { alpha: c.params.alpha, sigmaX: c.params.sigma_x, sigmaY: c.params.sigma_y }, expect: { value: c.expected.I }, tol });
    calls.push({ label: `${c.id} S_x`, name: 'renyi', op: 'entropy', args: [c.x!], options: { alpha: c.params.alpha, sigma: c.params.sigma_x }, expect: { value: c.expected.S_x }, tol });
  }
  for (const c of casesOf('ksg', 'ksg_mixed')) {
    const mixed = c.estimator === 'ksg_mixed';
    const o: Record<string, unknown> = { k: c.params.k, units: 'nats' };
    if (c.params.standardize) o.standardize = true;
    if (c.params.clip_zero) o.clipZero = true;
    calls.push({ label: c.id, name: 'ksg', op: 'mi', args: [c.x!, mixed ? { labels: c.labels! } : c.y!], options: o, expect: { value: c.expected.I }, tol: c.tolerance as number });
  }
  for (const c of casesOf('information_plane')) {
    const tol = c.tolerance as Record<string, number>;
    const e = c.expected;
    const id = c.id;
    calls.push(pointCall(`${id} binning`, 'binning', c, { outOfRange: 'wrap' }, { ixt: e.binning_fixed.I_XT }, tol.binning_fixed));
    calls.push(pointCall(`${id} binning floor`, 'binning', c, { binSize: 0.07 }, { ity: e.binning_floor.I_TY }, tol.binning_floor));
    calls.push(pointCall(`${id} ebab`, 'adaptive-binning', c, {}, { ixt: e.ebab.I_XT }, tol.ebab));
    calls.push(pointCall(`${id} kde upper`, 'kde', c, {}, { ixt: e.kde_upper.I_XT, ity: e.kde_upper.I_TY }, tol.kde_upper));
    calls.push(pointCall(`${id} kde lower`, 'kde', c, { bound: 'lower' }, { ixt: e.kde_lower.I_XT, ity: e.kde_lower.I_TY }, tol.kde_lower));
    calls.push(pointCall(`${id} akde`, 'adaptive-kde', c, {}, { ixt: e.akde_upper.I_XT, ity: e.akde_upper.I_TY }, tol.akde_upper));
    const oneHot = c.labels!.map((l) => [l === 0 ? 1 : 0, l === 1 ? 1 : 0]);
    calls.push({ label: `${id} cs XT`, name: 'cs', op: 'mi', args: [c.x!, c.t!], options: { sigma: 'cs-ib' }, expect: { value: e.cs_qmi_XT.CS_QMI }, tol: tol.cs_qmi_XT });
    calls.push({ label: `${id} cs TY`, name: 'cs', op: 'mi', args: [c.t!, oneHot], options: { sigma: 'cs-ib' }, expect: { value: e.cs_qmi_TY.CS_QMI }, tol: tol.cs_qmi_TY });
    calls.push({ label: `${id} cs XT sigma 1`, name: 'cs', op: 'mi', args: [c.x!, c.t!], options: { sigma: 1 }, expect: { value: e.cs_qmi_XT_sigma1.CS_QMI }, tol: tol.cs_qmi_XT_sigma1 });
    calls.push({ label: `${id} dse`, name: 'dse', op: 'entropy', args: [c.t!], options: {}, expect: { value: e.dse.DSE }, tol: tol.dse });
    calls.push({ label: `${id} dsmi`, name: 'dsmi', op: 'mi', args: [c.t!, { labels: c.labels! }], options: { subsets: c.params.dsmi_TY.subsample_indices }, expect: { value: e.dsmi_TY.DSMI }, tol: tol.dsmi_TY });
  }
  return calls;
}

/** The API surface `runCaseCalls` needs (the root entry in Node, the bundle in the browser). */
export interface CaseApi {
  ESTIMATORS: readonly { name: string; [op: string]: unknown }[];
  DIVERGENCES: readonly { name: string; [op: string]: unknown }[];
  toLabels(labels: number[]): unknown;
}

/**
 * Run the calls with `api` and return each result's fields named in `expect` (self-contained: it is sent to the
 * page as source text, so it may use nothing from outside its body).
 */
export function runCaseCalls(api: CaseApi, calls: CaseCall[]): Record<string, number>[] {
  return calls.map((call) => {
    const list = call.op === 'divergence' ? api.DIVERGENCES : api.ESTIMATORS;
    const spec = list.find((s) => s.name === call.name);
    if (!spec) throw new Error(`no estimator ${call.name}`);
    const args = call.args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) ? api.toLabels((a as { labels: number[] }).labels) : a));
    const result = (spec[call.op] as (...a: unknown[]) => Record<string, number>)(...args, call.options);
    const out: Record<string, number> = {};
    for (const field of Object.keys(call.expect)) out[field] = result[field];
    return out;
  });
}
