/**
 * The epoch colour bar of the information-plane figures, on a linear or a log scale. Plotly colour axes have no
 * log type, so a log colour bar colours each marker by log10(epoch + 1) (epoch 0, the untrained network, is
 * recorded too) and labels the bar with epochs at round values (0, 1, 2, 5, 10, 20, 50, ...).
 */
import { Run } from '../run/types';
import { EPOCH_COLORSCALE } from './figure';

/** How epochs map to colours: `linear`, `log` (log10(epoch + 1)), or `auto` (log when the recording was log-spaced). */
export type EpochScale = 'linear' | 'log' | 'auto';

export const EPOCH_SCALES = ['linear', 'log', 'auto'] as const;

/** A resolved epoch colouring: the marker colour value of an epoch and the shared colour axis. */
export interface EpochColoring {
  scale: 'linear' | 'log';
  /** Marker colour value of an epoch (the epoch itself, or log10(epoch + 1)). */
  value: (epoch: number) => number;
  /** `layout.coloraxis` without the colour bar's placement. */
  coloraxis: Record<string, unknown>;
}

/** True when a run header says its epochs were recorded on a log-spaced schedule (`meta.schedule.kind`). */
export function logSpacedRecording(runs: Run[]): boolean {
  return runs.some((r) => {
    const s = r.header.meta?.schedule as { kind?: unknown } | undefined;
    return typeof s === 'object' && s !== null && s.kind === 'log-spaced';
  });
}

/**
 * Colour-bar ticks: round epochs (0, 1, 2, 5, 10, 20, 50, ...) within [lo, hi] and the ends of the range,
 * ascending, none closer than 10% of the bar to another (labels would overlap on a short bar). Priority:
 * 0 and powers of ten, then 5 x 10^k, then 2 x 10^k, then an end that is not round.
 */
export function logEpochTicks(lo: number, hi: number): number[] {
  const candidates = new Set<number>([lo, hi]);
  if (lo <= 0 && hi >= 0) candidates.add(0);
  for (let decade = 1; decade <= Math.max(1, hi); decade *= 10) {
    for (const m of [1, 2, 5]) if (m * decade >= lo && m * decade <= hi) candidates.add(m * decade);
  }
  const isPower = (e: number, m: number) => e > 0 && Number.isInteger(Math.log10(e / m));
  const rank = (e: number) => (e === 0 || isPower(e, 1) ? 0 : isPower(e, 5) ? 1 : isPower(e, 2) ? 2 : 3);
  const at = (e: number) => Math.log10(e + 1);
  const span = at(hi) - at(lo) || 1;
  const kept: number[] = [];
  for (const e of [...candidates].sort((a, b) => rank(a) - rank(b) || a - b)) {
    if (kept.every((k) => Math.abs(at(k) - at(e)) >= 0.1 * span)) kept.push(e);
  }
  return kept.sort((a, b) => a - b);
}

/**
 * The epoch colouring of the epochs [cmin, cmax] under `scale` (`auto`: log when `runs` were recorded
 * log-spaced, linear otherwise).
 *
 * @example
 * epochColoring(runs, 0, 1000, 'log').value(9); // => 1 (log10(9 + 1))
 */
export function epochColoring(runs: Run[], cmin: number, cmax: number, scale: EpochScale): EpochColoring {
  const resolved = scale === 'auto' ? (logSpacedRecording(runs) ? 'log' : 'linear') : scale;
  const hi = cmax > cmin ? cmax : cmin + 1;
  if (resolved === 'linear') {
    return { scale: 'linear', value: (e) => e, coloraxis: { colorscale: EPOCH_COLORSCALE, cmin, cmax: hi, colorbar: { title: { text: 'epoch' } } } };
  }
  const value = (e: number) => Math.log10(Math.max(0, e) + 1);
  const ticks = logEpochTicks(Math.max(0, cmin), hi);
  return {
    scale: 'log',
    value,
    coloraxis: {
      colorscale: EPOCH_COLORSCALE,
      cmin: value(cmin),
      cmax: value(hi),
      colorbar: { title: { text: 'epoch<br>(log scale)' }, tickmode: 'array', tickvals: ticks.map(value), ticktext: ticks.map(String) },
    },
  };
}
