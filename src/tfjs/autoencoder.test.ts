/**
 * The autoencoder compressor (Butakov et al. 2024) on a known answer: two latent Gaussian pairs of correlation
 * 0.8 (I = -ln(1 - 0.8^2) = 1.0217 nats), each variable embedded nonlinearly (tanh of a random linear map) into
 * 64 dimensions plus noise 0.01. An encoder that is an invertible function of the latent keeps all of the
 * information, so the codes' KSG estimate must meet the truth within the tolerance of the PCA known-answer tests
 * (src/estimators/compressed.test.ts: |KSG bias| + 3 KSG standard deviations at n = 1500 = 0.15 nats).
 * Over 3 data seeds (wasm backend, the settings below) the error was -0.07 to +0.003 nats, the spread of the
 * PCA route on linear embeddings. The known answer trains on the wasm backend (about 8x faster than cpu);
 * reproducibility is checked on the cpu backend.
 */
import { embed, latentPairs } from '../../test/helpers/latentPairs';
import { initTensorFlow, setBackendNoticeHandler } from './backend';
import { compressedWithAutoencoder, trainAutoencoder } from './autoencoder';
import { toLabels } from '../core/labels';
import { randomSource, Random } from '../core/random';
import { Samples } from '../core/samples';

process.env.INFOPLANE_TFJS = 'tfjs';
setBackendNoticeHandler(() => undefined);

const RHO = 0.8;
const TRUTH = -Math.log(1 - RHO * RHO); // nats, 2 latent pairs
const TOLERANCE = 0.15; // nats, as in compressed.test.ts

/** tanh(z A / 2) + sigma noise: the latent z (n x m) through a random Gaussian m x d map. */
function embedTanh(z: Samples, d: number, sigma: number, random: Random): Samples {
  return embed(z, d, sigma, random, (v) => Math.tanh(v / 2));
}

function data(n: number, seed: number) {
  const random = randomSource(seed);
  const [za, zb] = latentPairs(n, 2, RHO, random);
  // Y = [b_1 > 0]: a function of T's latent, so I(T;Y) = H(Y) = ln 2 (up to the sampling of the classes)
  const labels = toLabels(Array.from({ length: n }, (_, i) => (zb.data[i * 2] > 0 ? 1 : 0)));
  return { x: embedTanh(za, 64, 0.01, random), t: embedTanh(zb, 64, 0.01, random), labels };
}

describe('compressedWithAutoencoder', () => {
  it('compressedWithAutoencoder recovers a closed-form I(X;T) through a tanh embedding into 64 dimensions (codes of 2)', async () => {
    await initTensorFlow({ backend: 'wasm' });
    const { x, t, labels } = data(1500, 3);
    const p = await compressedWithAutoencoder(x, t, labels, { dims: 2, hidden: [32], epochs: 20, batchSize: 128, learningRate: 0.01, units: 'nats', seed: 1 });
    expect(Math.abs(p.ixt - TRUTH)).toBeLessThan(TOLERANCE);
    expect(Math.abs(p.ity - Math.LN2)).toBeLessThan(TOLERANCE);
    expect(p.params).toMatchObject({ compressor: 'autoencoder', dims: 2, dimsX: 2, dimsT: 2, noiseStd: 1e-3, inner: 'ksg', seed: 1 });
    const ae = p.params.autoencoder as { lossX: number; lossT: number; hidden: number[]; epochs: number };
    expect(ae).toMatchObject({ hidden: [32], epochs: 20, activation: 'tanh', batchSize: 128, learningRate: 0.01 });
    // a 2-D code of a 2-D latent reconstructs nearly all of the standardised variance
    expect(ae.lossX).toBeLessThan(0.1);
    expect(ae.lossT).toBeLessThan(0.1);
    expect(p.params).not.toHaveProperty('pcaIterations');
  }, 60000);

  it('compressedWithAutoencoder rejects bad options in one line naming the parameter', async () => {
    const { x, t, labels } = data(50, 4);
    await expect(compressedWithAutoencoder(x, t, labels, { dims: 0 })).rejects.toThrow(/^compressedWithAutoencoder: dims must be an integer in \[1, 64\]; got 0/);
    await expect(compressedWithAutoencoder(x, t, labels, { hidden: [8, 2.5] })).rejects.toThrow(/hidden\[1\] must be an integer in \[1, 4096\]; got 2\.5/);
    await expect(compressedWithAutoencoder(x, t, labels, { learningRate: -1 })).rejects.toThrow(/learningRate must be a finite number in \(0, 10\]; got -1/);
    await expect(compressedWithAutoencoder(x, t, labels, { inner: 'mine' as never })).rejects.toThrow(/inner must be one of "ksg", "kl"/);
    await expect(compressedWithAutoencoder(x, t, labels, { compressor: 'pca' } as never)).rejects.toThrow(/unknown option "compressor"/);
    await expect(trainAutoencoder(x, { epochs: 0 })).rejects.toThrow(/^trainAutoencoder: epochs must be an integer in \[1, 100000\]; got 0/);
  });
});

describe('trainAutoencoder', () => {
  it('trainAutoencoder with the same seed gives the same codes and loss on the cpu backend; another seed differs', async () => {
    await initTensorFlow({ backend: 'cpu' });
    const { x } = data(300, 5);
    const opts = { dims: 3, hidden: [16], epochs: 5, batchSize: 32, seed: 7 };
    const a = await trainAutoencoder(x, opts);
    const b = await trainAutoencoder(x, opts);
    const c = await trainAutoencoder(x, { ...opts, seed: 8 });
    const ca = a.encode(x), cb = b.encode(x), cc = c.encode(x);
    expect(ca.d).toBe(3);
    expect(ca.n).toBe(300);
    expect(Array.from(cb.data)).toEqual(Array.from(ca.data));
    expect(b.loss).toBe(a.loss);
    expect(Array.from(cc.data)).not.toEqual(Array.from(ca.data));
    expect(a.loss).toBeGreaterThan(0);
    expect(a.loss).toBeLessThan(1); // better than predicting the mean
    expect(() => a.encode({ data: new Float64Array(10), n: 2, d: 5 })).toThrow(/Autoencoder\.encode: samples must be rows of 64 values/);
    [a, b, c].forEach((m) => m.dispose());
  });
});
