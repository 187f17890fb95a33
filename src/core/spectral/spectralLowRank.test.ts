import { randomSource } from '../random';
import { spectralEntropyBits } from './spectralEntropy';
import { lowRankDiffusionEntropy } from './spectralLowRank';
import { SPECTRAL_WASM_BASE64 } from './spectralWasm';
import { symmetricEigenvalues } from './symmetricEigenvalues';
import { assembleWatFile } from '../../../test/helpers/wasm';

/** The diffusion operator K = D^-1/2 G D^-1/2 of a Gaussian kernel on random data, dense. */
function diffusionOperator(n: number, d: number, sigma: number, seed: number): { k: Float64Array; diag: Float64Array; trace: number } {
  const random = randomSource(seed);
  const x = Float64Array.from({ length: n * d }, () => Math.tanh(random.normal()));
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (x[i * d + c] - x[j * d + c]) ** 2;
      k[i * n + j] = Math.exp(-s / (2 * sigma * sigma));
    }
  }
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += k[i * n + j];
    scale[i] = 1 / Math.sqrt(s);
  }
  const diag = new Float64Array(n);
  let trace = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] *= scale[i] * scale[j];
  for (let i = 0; i < n; i++) {
    diag[i] = k[i * n + i];
    trace += diag[i];
  }
  return { k, diag, trace };
}

describe('lowRankDiffusionEntropy', () => {
  for (const [n, d, sigma] of [
    [300, 3, 10],
    [301, 6, 3],
    [250, 2, 1],
  ]) {
    it(`lowRankDiffusionEntropy brackets the full-solver DSE (n = ${n}, d = ${d}, sigma = ${sigma})`, () => {
      const { k, diag, trace } = diffusionOperator(n, d, sigma, n);
      const exact = spectralEntropyBits(symmetricEigenvalues(k, n), 1);
      const row = (p: number, out: Float64Array): void => out.set(k.subarray(p * n, (p + 1) * n));
      for (const tolerance of [1e-3, 1e-6]) {
        const r = lowRankDiffusionEntropy(row, diag, n, trace, tolerance, n);
        expect(r.converged).toBe(true);
        expect(r.bracket.hi - r.bracket.lo).toBeLessThan(tolerance);
        expect(r.bracket.lo).toBeLessThanOrEqual(exact + 1e-12);
        expect(r.bracket.hi).toBeGreaterThanOrEqual(exact - 1e-12);
      }
    });
  }

  it('lowRankDiffusionEntropy gives the same numbers with the WebAssembly and the TypeScript kernels', () => {
    const n = 301; // odd: exercises the padded column stride
    const { k, diag, trace } = diffusionOperator(n, 4, 5, 7);
    const row = (p: number, out: Float64Array): void => out.set(k.subarray(p * n, (p + 1) * n));
    const a = lowRankDiffusionEntropy(row, diag, n, trace, 1e-7, 200, { wasm: true });
    const b = lowRankDiffusionEntropy(row, diag, n, trace, 1e-7, 200, { wasm: false });
    expect(a.rank).toBe(b.rank);
    expect(Math.abs(a.bracket.lo - b.bracket.lo)).toBeLessThan(1e-12);
    expect(Math.abs(a.bracket.hi - b.bracket.hi)).toBeLessThan(1e-12);
    expect(Math.abs(a.residualTrace - b.residualTrace)).toBeLessThan(1e-15);
  });

  it('lowRankDiffusionEntropy reports no convergence when maxRank is too small', () => {
    const n = 200;
    const { k, diag, trace } = diffusionOperator(n, 6, 1, 3);
    const row = (p: number, out: Float64Array): void => out.set(k.subarray(p * n, (p + 1) * n));
    const r = lowRankDiffusionEntropy(row, diag, n, trace, 1e-9, 5);
    expect(r.converged).toBe(false);
    expect(r.rank).toBe(5);
  });

  it('lowRankDiffusionEntropy gives up early when the residual decay predicts more than maxRank columns', () => {
    const n = 400;
    const { k, diag, trace } = diffusionOperator(n, 8, 0.7, 5);
    const row = (p: number, out: Float64Array): void => out.set(k.subarray(p * n, (p + 1) * n));
    const r = lowRankDiffusionEntropy(row, diag, n, trace, 1e-9, 200);
    expect(r.converged).toBe(false);
    expect(r.rank).toBeLessThan(200);
    expect(r.predictedRank).toBeGreaterThan(200);
  });

  it('SPECTRAL_WASM_BASE64 is spectralKernels.wat assembled by wabt', async () => {
    expect(await assembleWatFile(__dirname, 'spectralKernels.wat')).toBe(SPECTRAL_WASM_BASE64);
  });
});
