/**
 * Shared pairwise-kernel building blocks: fast exp, fused streaming Gaussian sums (one thread or a worker pool),
 * distances, selection, bandwidth rules.
 */
export { expNeg } from './expNeg';
export { gaussianRowSums, accumulateRowSums, combineRowSums, squaredDistance } from './gaussianRowSums';
export type { GaussianRowSums } from './gaussianRowSums';
export { pairedGaussianSums, accumulatePairedSums, combinePairedSums } from './pairedGaussianSums';
export type { PairedGaussianSums } from './pairedGaussianSums';
export { conditionalCsSums } from './conditionalCsSums';
export type { ConditionalCsSums } from './conditionalCsSums';
export { pairSquaredDistances } from './pairSquaredDistances';
export { selectKth, selectPair, medianInPlace } from './select';
export { logSumExpRows } from './logSumExp';
export { sortByGroup } from './sortByGroup';
export type { GroupOrder } from './sortByGroup';
export { pairSquaredDistanceRanks } from './pairSquaredDistanceRanks';
export type { PairRankOptions } from './pairSquaredDistanceRanks';
export type { BandwidthRuleOptions } from './bandwidth';
export {
  bandwidthRows,
  medianDistance,
  csIbBandwidth,
  medianDistanceOfLabels,
  csIbBandwidthOfLabels,
} from './bandwidth';
export { gaussianRowSumsThreaded, pairedGaussianSumsThreaded } from '../threads/kernelThreads';
export { threadsAvailable, terminateThreads } from '../threads/workerPool';
