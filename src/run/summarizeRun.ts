/** A short description of a run: what `infoplane inspect` prints. */
import { printable } from '../core/printable';
import { Units } from '../core/units';
import { describeLayerOrdering, layerOrderingViolations, LayerOrderingViolation } from './layerOrdering';
import { Run } from './types';

/** The warnings of one code on one (estimator, layer), over the recorded epochs. */
export interface WarningSummary {
  estimator: string;
  layer: string;
  code: string;
  /** Epochs whose point carries the warning, ascending. */
  epochs: number[];
  /** The message at the last of them. */
  message: string;
}

export interface RunSummary {
  runId: string;
  created: string;
  dataset: string;
  probeSize: number;
  seed?: number;
  units: Units;
  /** Recorded layers in order (from the point records; the model's description when there are none). */
  layers: { name: string; index: number; units?: number; activation?: string }[];
  /** Configured estimators with their parameters; `dataDependent` ones are chosen per layer and epoch (see the points). */
  estimators: { name: string; params: Record<string, unknown>; dataDependent?: string[] }[];
  /** Epochs with at least one point record, ascending. */
  epochs: number[];
  /** Epochs missing some (layer, estimator) point: only the last one after a crash, normally. */
  incompleteEpochs: number[];
  pointCount: number;
  /** The last recorded epoch's point of every (estimator, layer). */
  finalPoints: { estimator: string; layer: string; epoch: number; ixt?: number; ity?: number; hT?: number; ixtGivenY?: number; itySets?: Record<string, number> }[];
  /** The points' warnings (saturated, out-of-range, kde-regime, ties...) by (estimator, layer, code). */
  warnings: WarningSummary[];
  /** Where I(X;T) increases with depth beyond the error bars (data-processing inequality; a warning). */
  layerOrdering: (LayerOrderingViolation & { message: string })[];
  /** The last epoch record's logs (loss, accuracy...), if any. */
  finalLogs?: { epoch: number; logs: Record<string, number> };
  truncated?: { line: number; length: number };
  /** Lines the reader left out (wrong-typed fields, repeated records), with the reason (`run.skipped`). */
  skipped?: { line: number; reason: string }[];
  model?: string;
  versions: Record<string, string>;
}

/**
 * Summarise a run: layers, epochs, estimators, units, the final points and a truncated-line report.
 * @example
 * summarizeRun(readRun('runs/demo/run.ndjson')).epochs; // => [0, 1, 2, 3, 5, ...]
 */
export function summarizeRun(run: Run): RunSummary {
  const h = run.header;
  const layerMap = new Map<string, number>();
  for (const p of run.points) if (!layerMap.has(p.layer)) layerMap.set(p.layer, p.layerIndex);
  const described = h.model?.layers ?? [];
  const layers = layerMap.size
    ? [...layerMap.entries()]
        .sort((a, b) => a[1] - b[1])
        .map(([name, index]) => {
          const d = described.find((l) => l.name === name);
          return { name, index, units: d?.units, activation: d?.activation };
        })
    : described.map((l, index) => ({ name: l.name, index, units: l.units, activation: l.activation }));
  const estimatorNames = h.estimators.map((e) => (e as { label?: string }).label ?? e.name);
  const byEpoch = new Map<number, Set<string>>();
  for (const p of run.points) {
    let s = byEpoch.get(p.epoch);
    if (!s) byEpoch.set(p.epoch, (s = new Set()));
    s.add(`${p.estimator}\u0000${p.layer}`);
  }
  const epochs = [...byEpoch.keys()].sort((a, b) => a - b);
  const expected = layers.length * estimatorNames.length;
  const incompleteEpochs = epochs.filter((e) => (byEpoch.get(e) as Set<string>).size < expected);
  const last = new Map<string, RunSummary['finalPoints'][number]>();
  for (const p of run.points) {
    const key = `${p.estimator}\u0000${p.layer}`;
    const prev = last.get(key);
    if (!prev || p.epoch >= prev.epoch) last.set(key, { estimator: p.estimator, layer: p.layer, epoch: p.epoch, ixt: p.ixt, ity: p.ity, hT: p.hT, ixtGivenY: p.ixtGivenY, ...(p.itySets ? { itySets: p.itySets } : {}) });
  }
  const warnings = new Map<string, WarningSummary>();
  for (const p of run.points) {
    for (const w of p.warnings ?? []) {
      const key = `${p.estimator}\u0000${p.layer}\u0000${w.code}`;
      let s = warnings.get(key);
      if (!s) warnings.set(key, (s = { estimator: p.estimator, layer: p.layer, code: w.code, epochs: [], message: w.message }));
      if (!s.epochs.includes(p.epoch)) s.epochs.push(p.epoch);
      if (p.epoch >= Math.max(...s.epochs)) s.message = w.message;
    }
  }
  for (const s of warnings.values()) s.epochs.sort((a, b) => a - b);
  const layerOrdering = layerOrderingViolations(run).map((v) => ({ ...v, message: describeLayerOrdering(v, h.units) }));
  const finalPoints = [...last.values()].sort(
    (a, b) => estimatorNames.indexOf(a.estimator) - estimatorNames.indexOf(b.estimator) || (layerMap.get(a.layer) ?? 0) - (layerMap.get(b.layer) ?? 0),
  );
  const lastEpoch = run.epochs.length ? run.epochs.reduce((a, b) => (b.epoch >= a.epoch ? b : a)) : undefined;
  return {
    runId: h.runId,
    created: h.created,
    dataset: h.dataset,
    probeSize: h.probeSize,
    seed: h.seed,
    units: h.units,
    layers,
    estimators: h.estimators.map((e, i) => ({ name: estimatorNames[i], params: e.params, ...(e.dataDependent ? { dataDependent: e.dataDependent } : {}) })),
    epochs,
    incompleteEpochs,
    pointCount: run.points.length,
    finalPoints,
    finalLogs: lastEpoch ? { epoch: lastEpoch.epoch, logs: lastEpoch.logs } : undefined,
    warnings: [...warnings.values()],
    layerOrdering,
    truncated: run.truncated ? { line: run.truncated.line, length: run.truncated.text.length } : undefined,
    ...(run.skipped?.length ? { skipped: run.skipped } : {}),
    model: h.model?.description,
    versions: h.versions ?? {},
  };
}

/**
 * The summary as text, one fact per line, for a terminal. Text from the file (names, ids, the model's
 * description) has its control characters escaped (`printable`): a shared run file cannot drive the terminal.
 */
export function formatRunSummary(summary: RunSummary): string {
  const s = escapeSummary(summary);
  const lines: string[] = [];
  const num = (v: number | undefined) => (v === undefined ? '-' : Number.isFinite(v) ? v.toFixed(3) : String(v));
  lines.push(`run ${s.runId} (created ${s.created})`);
  lines.push(`dataset: ${s.dataset}, probe size ${s.probeSize}${s.seed !== undefined ? `, seed ${s.seed}` : ''}`);
  if (s.model) lines.push(`model: ${s.model}`);
  lines.push(
    `layers (${s.layers.length}): ${s.layers.map((l) => `${l.name}${l.units !== undefined ? ` [${l.units}${l.activation ? ` ${l.activation}` : ''}]` : ''}`).join(', ')}`,
  );
  lines.push(`estimators (${s.estimators.length}), units ${s.units}:`);
  for (const e of s.estimators) lines.push(`  ${e.name} ${JSON.stringify(e.params)}${e.dataDependent ? ` (chosen per layer and epoch: ${e.dataDependent.join(', ')})` : ''}`);
  const ep = s.epochs;
  lines.push(
    `epochs recorded: ${ep.length}${ep.length ? ` (${ep.length <= 12 ? ep.join(', ') : `${ep.slice(0, 6).join(', ')}, ..., ${ep.slice(-3).join(', ')}`})` : ''}; ${s.pointCount} points`,
  );
  if (s.incompleteEpochs.length) lines.push(`incomplete epochs (some layer or estimator missing): ${s.incompleteEpochs.join(', ')}`);
  if (s.finalLogs) {
    lines.push(`logs at epoch ${s.finalLogs.epoch}: ${Object.entries(s.finalLogs.logs).map(([k, v]) => `${k} ${num(v)}`).join(', ')}`);
  }
  if (s.finalPoints.length) {
    lines.push(`final points [${s.units}]:`);
    const width = Math.max(5, ...s.finalPoints.map((p) => p.layer.length));
    const ew = Math.max(9, ...s.finalPoints.map((p) => p.estimator.length));
    lines.push(`  ${'estimator'.padEnd(ew)}  ${'layer'.padEnd(width)}  epoch   I(X;T)   I(T;Y)     H(T)`);
    for (const p of s.finalPoints) {
      lines.push(`  ${p.estimator.padEnd(ew)}  ${p.layer.padEnd(width)}  ${String(p.epoch).padStart(5)} ${num(p.ixt).padStart(8)} ${num(p.ity).padStart(8)} ${num(p.hT).padStart(8)}`);
    }
  }
  if (s.finalPoints.some((p) => p.ixtGivenY !== undefined)) {
    lines.push(`final I(X;T|Y) [${s.units}]: ${s.finalPoints.filter((p) => p.ixtGivenY !== undefined).map((p) => `${p.estimator} ${p.layer} ${num(p.ixtGivenY)}`).join(', ')}`);
  }
  if (s.finalPoints.some((p) => p.itySets)) {
    const sets = (p: (typeof s.finalPoints)[number]) => Object.entries(p.itySets ?? {}).map(([k, v]) => `${k} ${num(v)}`).join(' ');
    lines.push(`final I(T;Y) per label set [${s.units}]: ${s.finalPoints.filter((p) => p.itySets).map((p) => `${p.estimator} ${p.layer} ${sets(p)}`).join(', ')}`);
  }
  if (s.warnings.length) {
    lines.push(`warnings (${s.warnings.length}):`);
    for (const w of s.warnings) {
      const ep = w.epochs.length <= 6 ? w.epochs.join(', ') : `${w.epochs.slice(0, 3).join(', ')}, ..., ${w.epochs.slice(-2).join(', ')}`;
      lines.push(`  ${w.estimator}  ${w.layer}  ${w.code} at ${w.epochs.length} epoch(s) (${ep}): ${w.message}`);
    }
  }
  if (s.layerOrdering.length) {
    lines.push(`layer ordering (data-processing inequality), ${s.layerOrdering.length} warning(s):`);
    for (const v of s.layerOrdering) lines.push(`  ${v.message}`);
  }
  lines.push(s.truncated ? `truncated: line ${s.truncated.line} was cut short (${s.truncated.length} characters dropped; every earlier line is complete)` : 'truncated: no');
  if (s.skipped?.length) {
    lines.push(`skipped lines (${s.skipped.length}):`);
    for (const k of s.skipped.slice(0, 10)) lines.push(`  line ${k.line}: ${k.reason}`);
    if (s.skipped.length > 10) lines.push(`  ... and ${s.skipped.length - 10} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every string of the summary made printable on one line (see `printable`). */
function escapeSummary(s: RunSummary): RunSummary {
  const p = (v: string): string => printable(v, { oneLine: true });
  const deep = (v: unknown): unknown => {
    if (typeof v === 'string') return p(v);
    if (Array.isArray(v)) return v.map(deep);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, p(k), { value: deep(x), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return deep(s) as RunSummary;
}
