/** Effective rank: the von Neumann entropy of the trace-normalised covariance (Roy & Vetterli 2007; Cheng et al. 2025, Koopman). */
import { booleanParam, numberParam } from './params';
import { defineSpec } from './spec';
import { SUBSAMPLING_PARAMS } from './subsampling';

export const EFFECTIVE_RANK_SPEC = defineSpec({
  name: 'effective-rank',
  summary: 'von Neumann entropy S of the trace-normalised covariance of T; exp(S) is its effective rank, a collapse detector',
  reference: 'Roy & Vetterli 2007; Cheng, Yuan et al. 2025 (Information Shapes Koopman Representation)',
  nativeUnits: 'nats',
  cost: 'O(n d min(n, d) + min(n, d)^3)',
  // the covariance (or the Gram matrix of the rows), then all its eigenvalues (about 3e-9 m^3 s)
  costModel: (n, d) => 2e-9 * n * d * Math.min(n, d) + 3e-9 * Math.min(n, d) ** 3,
  operations: ['entropy'],
  quantities: { hT: 'von Neumann entropy S(T)' },
  params: {
    center: booleanParam({ default: true, description: 'centre the columns of T first (a covariance); false uses the second-moment matrix T\'T / n' }),
    collapseFraction: numberParam({
      default: 0.1,
      min: 0,
      max: 1,
      description: 'warn (collapse) when exp(S) < this fraction of min(n - 1, d); 0 turns the warning off',
    }),
    ...SUBSAMPLING_PARAMS,
  },
});
