/** Known-answer data for the compression-based estimators: Gaussian latent pairs with a closed-form MI. */
import type { Random } from '../../src/core/random';
import type { Samples } from '../../src/core/samples';

/** n samples of m latent pairs (a_j, b_j), standard normal, correlation rho within a pair: I = -m/2 ln(1 - rho^2) nats. */
export function latentPairs(n: number, m: number, rho: number, random: Random): [Samples, Samples] {
  const a = new Float64Array(n * m);
  const b = new Float64Array(n * m);
  const c = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n * m; i++) {
    a[i] = random.normal();
    b[i] = rho * a[i] + c * random.normal();
  }
  return [
    { data: a, n, d: m },
    { data: b, n, d: m },
  ];
}

/** f(z A) + sigma noise: the latent z (n x m) through a random Gaussian m x d map, f applied elementwise. */
export function embed(z: Samples, d: number, sigma: number, random: Random, f: (v: number) => number = (v) => v): Samples {
  const { n, d: m } = z;
  const A = Float64Array.from({ length: m * d }, () => random.normal());
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += z.data[i * m + j] * A[j * d + c];
      out[i * d + c] = f(s) + sigma * random.normal();
    }
  }
  return { data: out, n, d };
}
