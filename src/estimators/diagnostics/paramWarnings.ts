/**
 * Warnings read from a result's own `params` (so an option that changes what was computed is always said):
 * - `subsampled`: `maxSamples` applied, fewer rows used than given (`samplesUsed`/`rowsUsed` < n);
 * - `flat-spectrum`: DSE asked for an approximate method but fell back to the full O(n^3) solver (`fallback`).
 * Nested params of a composite result (`ixtParams`, `hTParams`) are read too.
 */
import { UsedParams } from '../types';
import { EstimateWarning } from '../types';

const USED_KEYS = ['samplesUsed', 'rowsUsed'];

function subsampled(where: string, params: UsedParams, n: number | undefined): EstimateWarning[] {
  const max = params.maxSamples;
  if (typeof max !== 'number') return [];
  for (const key of USED_KEYS) {
    const used = params[key];
    if (typeof used !== 'number') continue;
    const given = n ?? (typeof params.samplesGiven === 'number' ? params.samplesGiven : undefined);
    if (given === undefined || used >= given) return [];
    return [
      {
        code: 'subsampled',
        message: `${where}${used} of ${given} samples were used (maxSamples = ${max}, a seeded random subset${params.seed !== undefined ? `, seed ${String(params.seed)}` : ''})`,
        samplesUsed: used,
        samplesGiven: given,
        maxSamples: max,
      },
    ];
  }
  return [];
}

function flatSpectrum(where: string, params: UsedParams): EstimateWarning[] {
  if (typeof params.fallback !== 'string') return [];
  return [
    {
      code: 'flat-spectrum',
      message: `${where}method ${String(params.methodRequested ?? '?')} fell back to the full O(n^3) solver (${params.fallback}); the value is exact but the cost was not saved`,
      methodRequested: params.methodRequested,
      fallback: params.fallback,
    },
  ];
}

/** The `subsampled` and `flat-spectrum` warnings of `params` (and of its nested `*Params`), for `n` samples given. */
export function paramWarnings(params: UsedParams, n?: number): EstimateWarning[] {
  const out: EstimateWarning[] = [...subsampled('', params, n), ...flatSpectrum('', params)];
  for (const [key, nested] of Object.entries(params)) {
    if (!key.endsWith('Params') || typeof nested !== 'object' || nested === null || Array.isArray(nested)) continue;
    const where = `${key.slice(0, -'Params'.length)}: `;
    out.push(...subsampled(where, nested as UsedParams, n), ...flatSpectrum(where, nested as UsedParams));
  }
  return out;
}
