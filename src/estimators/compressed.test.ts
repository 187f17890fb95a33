/**
 * Known answers for the compressed estimator (Butakov et al. 2024): variables with a closed-form mutual
 * information, embedded into 64 to 1024 dimensions, compressed back and estimated by KSG.
 *
 * Tolerances. The truth is I = -(m/2) ln(1 - rho^2) nats for m latent pairs of correlation rho (m = 2, rho = 0.8:
 * I = 1.0217 nats). KSG (k = 5) on the 2 + 2 latent coordinates themselves, over 10 seeds at n = 1500: mean
 * 0.991 nats (bias -0.03), standard deviation 0.038. The compressed estimates of the linear (d = 64, 1024) and
 * tanh (d = 256) embeddings had the same spread (sd 0.02 to 0.04) and bias (-0.02 to -0.044). So the
 * tolerance is |bias| + 3 sd = 0.03 + 0.12 = 0.15 nats. The rectangles are discussed at their test.
 */
import { embed, latentPairs } from '../../test/helpers/latentPairs';
import { toLabels } from '../core/labels';
import { randomSource } from '../core/random';
import { Samples } from '../core/samples';
import { compressedEntropy, compressedMutualInformation, compressedPoint } from './compressed';
import { ksg } from './ksg';

const RHO = 0.8;
const TRUTH = -Math.log(1 - RHO * RHO); // nats, 2 latent pairs
const TOLERANCE = 0.15; // nats: |KSG bias| + 3 KSG standard deviations at n = 1500 (see the header)

describe('compressedMutualInformation', () => {
  it.each([64, 1024])('compressedMutualInformation recovers a closed-form MI embedded linearly into %i dimensions (+ noise 0.01)', (d) => {
    const random = randomSource(d);
    const [za, zb] = latentPairs(1500, 2, RHO, random);
    const r = compressedMutualInformation(embed(za, d, 0.01, random), embed(zb, d, 0.01, random), { dims: 2, units: 'nats' });
    expect(Math.abs(r.value - TRUTH)).toBeLessThan(TOLERANCE);
    // rank-2 signal: two principal axes keep all but the noise (0.01^2 per coordinate against ~d per axis)
    expect(r.params.explainedVarianceA).toBeGreaterThan(0.99);
    // the error bar is the standard error of the per-sample terms: at n = 1500 about 0.024 nats (the spread
    // over seeds is 0.038: the terms are not independent, so it is a scale, not a confidence interval)
    expect(r.error).toBeGreaterThan(0.01);
    expect(r.error).toBeLessThan(0.05);
  });

  it('compressedMutualInformation recovers a closed-form MI through a nonlinear embedding (tanh, 256 dimensions, 4 kept)', () => {
    const random = randomSource(5);
    const [za, zb] = latentPairs(1500, 2, RHO, random);
    // v / 2 has std 0.7: most units work in tanh's curved part (over 6 seeds: bias -0.044, sd 0.019 nats)
    const f = (v: number) => Math.tanh(v / 2);
    // 4 kept for a 2-D latent: the weak 3rd and 4th coordinates (tanh's curvature) stay weak with rescale
    // 'variable'; whitening them ('coordinates') would bias KSG down by a further 0.06 nats
    const r = compressedMutualInformation(embed(za, 256, 0.01, random, f), embed(zb, 256, 0.01, random, f), { dims: 4, rescale: 'variable', units: 'nats' });
    expect(Math.abs(r.value - TRUTH)).toBeLessThan(TOLERANCE);
  });

  it('compressedMutualInformation of independent 512-dimensional variables is 0 within 3 standard deviations', () => {
    const random = randomSource(9);
    const [za] = latentPairs(1500, 3, 0, random);
    const [zb] = latentPairs(1500, 3, 0, random);
    const r = compressedMutualInformation(embed(za, 512, 0.01, random), embed(zb, 512, 0.01, random), { dims: 3, units: 'nats' });
    expect(Math.abs(r.value)).toBeLessThan(0.12);
  });

  it('compressedMutualInformation of rectangle images recovers the MI of their positions (the latent variables)', () => {
    // 16 x 16 images of a 5 x 5 square whose position (px, py) is the latent pair mapped to [0, 11] by the
    // normal CDF (an invertible map per coordinate, so I(image A; image B) = I(latent A; latent B) = 1.0217 nats);
    // pixels hold the covered area, so an image is a continuous injective function of the position.
    // Tolerance: the compression may lose information (data processing) and cannot add any, so above the
    // truth only sampling error is allowed (3 sd = 0.12 nats); below, 0.2 nats: 3 sd plus the loss of a
    // 4-dimensional PCA of these images, measured at -0.07 nats against KSG on the latent (sd 0.006, 6 seeds).
    const random = randomSource(11);
    const n = 1500;
    const [za, zb] = latentPairs(n, 2, RHO, random);
    const images = (z: Samples) => {
      const size = 16, side = 5;
      const out = new Float64Array(n * size * size);
      const { max, min } = Math; // local aliases: a global `Math` lookup is slow under Jest
      const overlap = (a0: number, a1: number, b0: number, b1: number) => max(0, min(a1, b1) - max(a0, b0));
      for (let i = 0; i < n; i++) {
        const px = (size - side) * normalCdf(z.data[i * 2]);
        const py = (size - side) * normalCdf(z.data[i * 2 + 1]);
        for (let r = 0; r < size; r++) {
          const oy = overlap(py, py + side, r, r + 1);
          for (let c = 0; c < size; c++) out[i * size * size + r * size + c] = oy * overlap(px, px + side, c, c + 1) + 0.01 * random.normal();
        }
      }
      return { data: out, n, d: size * size };
    };
    const r = compressedMutualInformation(images(za), images(zb), { dims: 4, units: 'nats' });
    expect(r.value).toBeLessThan(TRUTH + 0.12);
    expect(r.value).toBeGreaterThan(TRUTH - 0.2);
  });

  it('compressedMutualInformation with labels: 4 well-separated clusters in 256 dimensions give H(Y) = ln 4', () => {
    const random = randomSource(13);
    const n = 1200;
    const z = new Float64Array(n * 2);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 4;
      labels.push(c);
      z[i * 2] = 20 * (c & 1) + random.normal();
      z[i * 2 + 1] = 20 * (c >> 1) + random.normal();
    }
    const t = embed({ data: z, n, d: 2 }, 256, 0.01, random);
    for (const inner of ['ksg', 'kl'] as const) {
      const r = compressedMutualInformation(t, toLabels(labels), { dims: 2, inner, units: 'nats' });
      // disjoint supports: I(T;Y) = H(Y) exactly; Ross's and the KL estimators are then unbiased up to O(k/n)
      expect({ inner, close: Math.abs(r.value - Math.log(4)) < 0.05 }).toEqual({ inner, close: true });
    }
  });

  it("compressedMutualInformation with inner: 'kl' agrees with KSG on the Gaussian pairs within the tolerance", () => {
    const random = randomSource(17);
    const [za, zb] = latentPairs(1500, 2, RHO, random);
    const r = compressedMutualInformation(embed(za, 128, 0.01, random), embed(zb, 128, 0.01, random), { dims: 2, inner: 'kl', units: 'nats' });
    // the KL combination H(A) + H(B) - H(A,B) has a larger bias than KSG (its errors do not cancel): 2 x tolerance
    expect(Math.abs(r.value - TRUTH)).toBeLessThan(2 * TOLERANCE);
  });

  it('compressedMutualInformation: compression that loses nothing changes nothing (d <= dims: the variables are used as they are)', () => {
    const random = randomSource(19);
    const [za, zb] = latentPairs(800, 2, RHO, random);
    const r = compressedMutualInformation(za, zb, { dims: 2, noiseStd: 0, rescale: 'none', units: 'nats' });
    expect(r.value).toBeCloseTo(ksg(za, zb, { k: 5, units: 'nats' }).value, 12);
    expect(r.params.explainedVarianceA).toBe(1);
    // rescale: 'coordinates' is KSG's own standardize
    const whitened = compressedMutualInformation(za, zb, { dims: 2, noiseStd: 0, rescale: 'coordinates', units: 'nats' });
    expect(whitened.value).toBeCloseTo(ksg(za, zb, { k: 5, standardize: true, units: 'nats' }).value, 12);
  });

  it("compressedMutualInformation: rescaling (default 'coordinates', or 'variable') puts a layer 1000 times smaller than its input on the same scale", () => {
    const random = randomSource(21);
    const [za, zb] = latentPairs(1500, 2, RHO, random);
    const small = { ...zb, data: zb.data.map((v) => 1e-3 * v) };
    const a = embed(za, 64, 0.01, random);
    const b = embed(small, 64, 1e-5, random);
    for (const rescale of ['coordinates', 'variable'] as const) {
      const rescaled = compressedMutualInformation(a, b, { dims: 2, noiseStd: 1e-6, rescale, units: 'nats' });
      expect({ rescale, close: Math.abs(rescaled.value - TRUTH) < TOLERANCE }).toEqual({ rescale, close: true });
    }
    // without rescaling, the max-norm of the joint space is that of A alone and the estimate collapses towards 0
    const raw = compressedMutualInformation(a, b, { dims: 2, noiseStd: 1e-6, rescale: 'none', units: 'nats' });
    expect(raw.value).toBeLessThan(TRUTH / 2);
  });

  it("compressedMutualInformation: 'first' and 'random-projection' compressors of an embedding whose first coordinates hold the latent", () => {
    const random = randomSource(23);
    const [za, zb] = latentPairs(1500, 2, RHO, random);
    // the latent in the first 2 columns, then 62 columns of small noise
    const pad = (z: Samples) => {
      const out = new Float64Array(z.n * 64);
      for (let i = 0; i < z.n; i++) {
        out[i * 64] = z.data[i * 2];
        out[i * 64 + 1] = z.data[i * 2 + 1];
        for (let c = 2; c < 64; c++) out[i * 64 + c] = 0.001 * random.normal();
      }
      return { data: out, n: z.n, d: 64 };
    };
    const first = compressedMutualInformation(pad(za), pad(zb), { compressor: 'first', dims: 2, units: 'nats' });
    expect(Math.abs(first.value - TRUTH)).toBeLessThan(TOLERANCE);
    // a random 2-D projection of 64 columns keeps a random share of the signal, so it only bounds the MI from below
    const projected = compressedMutualInformation(pad(za), pad(zb), { compressor: 'random-projection', dims: 2, units: 'nats' });
    expect(projected.value).toBeLessThan(TRUTH + TOLERANCE);
    expect(projected.params.explainedVarianceA).toBeLessThan(1);
  });
});

describe('compressedPoint', () => {
  it('compressedPoint: I(X;T) of a noisy linear layer of a 784-dimensional input is the closed form; I(T;Y) = H(Y) for separated classes', () => {
    const random = randomSource(29);
    const n = 1500;
    // X: 2 latent coordinates embedded in 784 dims; T: rho X + noise (a stochastic layer), embedded in 256 dims,
    // plus 2 class coordinates far apart (labels = class), independent of X
    const [zx, zt] = latentPairs(n, 2, RHO, random);
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const zt2 = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      zt2[i * 3] = zt.data[i * 2];
      zt2[i * 3 + 1] = zt.data[i * 2 + 1];
      zt2[i * 3 + 2] = 30 * labels[i];
    }
    const x = embed(zx, 784, 0.01, random);
    const t = embed({ data: zt2, n, d: 3 }, 256, 0.01, random);
    const p = compressedPoint(x, t, labels, { dimsX: 2, dimsT: 3, units: 'nats' });
    // T's third coordinate is independent of X, so I(X;T) is still the closed form (KSG bias grows with the
    // dimension: 5 joint dimensions instead of 4; same tolerance)
    expect(Math.abs(p.ixt - TRUTH)).toBeLessThan(TOLERANCE);
    expect(Math.abs(p.ity - Math.log(2))).toBeLessThan(0.05);
    expect(p.ixtError).toBeGreaterThan(0);
    expect(p.params).toMatchObject({ dimsX: 2, dimsT: 3, compressor: 'pca' });
  });

  it('compressedPoint without noise gives the same I(X;T) as compressedMutualInformation(x, t)', () => {
    const random = randomSource(31);
    const [zx, zt] = latentPairs(600, 2, RHO, random);
    const x = embed(zx, 64, 0.01, random);
    const t = embed(zt, 32, 0.01, random);
    const labels = Array.from({ length: 600 }, (_, i) => i % 3);
    const p = compressedPoint(x, t, labels, { dims: 2, noiseStd: 0 });
    expect(p.ixt).toBeCloseTo(compressedMutualInformation(x, t, { dims: 2, noiseStd: 0 }).value, 12);
  });

  it('compressedPoint refuses k >= n, naming k', () => {
    expect(() => compressedPoint([[0], [1], [2]], [[0], [1], [3]], [0, 1, 0], { k: 3 })).toThrow(/k must be an integer in \[1, 2\]/);
  });
});

describe('compressedEntropy', () => {
  it('compressedEntropy of a 2-D standard Gaussian embedded isometrically in 100 dimensions is ln(2 pi e) nats', () => {
    const random = randomSource(37);
    const n = 2000;
    // an isometric embedding (orthonormal columns) keeps the entropy of the 2-D latent
    const u = Float64Array.from({ length: 100 }, () => random.normal());
    const v = Float64Array.from({ length: 100 }, () => random.normal());
    const nu = Math.hypot(...u);
    u.forEach((x, i) => (u[i] = x / nu));
    const dot = u.reduce((s, x, i) => s + x * v[i], 0);
    v.forEach((x, i) => (v[i] = x - dot * u[i]));
    const nv = Math.hypot(...v);
    v.forEach((x, i) => (v[i] = x / nv));
    const data = new Float64Array(n * 100);
    for (let i = 0; i < n; i++) {
      const a = random.normal(), b = random.normal();
      for (let c = 0; c < 100; c++) data[i * 100 + c] = a * u[c] + b * v[c];
    }
    const r = compressedEntropy({ data, n, d: 100 }, { dims: 2, noiseStd: 0, units: 'nats' });
    // Kozachenko-Leonenko at n = 2000 in 2 dimensions: sd about 0.03 nats; 4 sd
    expect(Math.abs(r.value - Math.log(2 * Math.PI * Math.E))).toBeLessThan(0.12);
    expect(r.error).toBeGreaterThan(0);
  });
});

/** The standard normal CDF (erf by Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
