/**
 * `sparse-bins`: most occupied cells hold one sample. Plug-in entropies of binned rows are then at their
 * sample-size limit (H(T) -> log n), so differences between layers or epochs reflect the sample size.
 */
import { RowIds } from '../../core/rowIds';
import { EstimateWarning } from '../types';

/** Share of occupied cells holding a single sample above which the warning is given (one half). */
export const SPARSE_BINS_SHARE = 0.5;

/** A `sparse-bins` warning when more than half of the occupied cells of `ids` hold one sample, else nothing. */
export function sparseBinsWarning(param: string, ids: RowIds): EstimateWarning[] {
  const size = new Int32Array(ids.count);
  for (let i = 0; i < ids.ids.length; i++) size[ids.ids[i]]++;
  let single = 0;
  for (let c = 0; c < ids.count; c++) if (size[c] === 1) single++;
  const share = ids.count > 0 ? single / ids.count : 0;
  if (share <= SPARSE_BINS_SHARE) return [];
  return [
    {
      code: 'sparse-bins',
      message:
        `${single} of the ${ids.count} occupied bins of ${param} (${(100 * share).toFixed(1)}%) hold a single sample of ${ids.ids.length}: ` +
        'plug-in entropies are at their sample-size limit; use fewer bins or more samples',
      param,
      singletonBins: single,
      occupiedBins: ids.count,
      samples: ids.ids.length,
      share,
    },
  ];
}
