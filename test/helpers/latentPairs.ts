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
