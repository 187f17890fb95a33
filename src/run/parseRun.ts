/**
 * Reading run files back: `parseRun(text)` and `readRun(path)`. The header must be valid (anything else is an
 * error: the file is not a run), and there must be one. A partial last line, what a killed writer leaves, is
 * dropped and reported in `run.truncated`; a line that is not JSON anywhere else is an error naming its line
 * number; a record with wrong-typed fields, or a repeated one, is left out and reported in `run.skipped`.
 */
import { describeValue, fail } from '../core/errors';
import { readTextFile } from '../core/platform';
import { Run, RUN_FORMAT, RUN_FORMAT_VERSION, RunEpochRecord, RunHeader, RunPointRecord } from './types';

const NUMERIC_POINT_FIELDS = ['ixt', 'ity', 'hT', 'ixtGivenY'] as const;
/** How `finiteReplacer` writes the numbers JSON has no literal for. */
const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/**
 * Parse the text of a run file (NDJSON: a header line, then point and epoch records).
 *
 * Every record is checked: a point needs an integer `epoch` >= 0, a string `layer` and `estimator`, an integer
 * `layerIndex` >= 0 and numbers (or "NaN", "Infinity", "-Infinity") in `ixt`, `ity`, `hT` and every `itySets`
 * entry, and `perClass`, when present, an array of {label, n, weight, hTgivenY, ityTerm, ixtGivenY?, hTrandom?}
 * (integer label and n, numbers elsewhere); an epoch record an integer `epoch` >= 0, numeric `logs` and, when present, numeric `weightNorms` and
 * `weightSpectra` entries {shape: [rows, cols], kappa, logVolume, stableRank, sMax, sMin, rank}. A record that fails, or repeats an (estimator, layer, epoch) or an
 * epoch already read, is left out and reported in `run.skipped` with its line (the first one is kept). A second
 * header is an error: the file holds two runs. Log keys are kept as they are (`__proto__` included).
 *
 * Cost: O(size of the text).
 *
 * @param text The whole file.
 * @param source The file the text comes from, named in error messages. Defaults to undefined (errors name `text`).
 * @returns The header, the point records and epoch records in file order, `truncated` when the text ended
 *   in a partial line, and `skipped` when records were left out.
 * @throws InfoplaneError (`file_malformed`) for a missing or invalid header, a second header, or a malformed line
 *   that is not the last.
 * @example
 * const run = parseRun(fs.readFileSync('runs/demo/run.ndjson', 'utf8'));
 * run.points.filter((p) => p.estimator === 'binning').length; // => epochs x layers
 */
export function parseRun(text: string, source?: string): Run {
  const fn = 'parseRun';
  const where: Where = { param: source === undefined ? 'text' : 'file', detail: source === undefined ? undefined : `in ${source}` };
  if (typeof text !== 'string') fail('invalid_type', { fn, param: 'text', expected: 'a string', received: describeValue(text) });
  const lines = text.split('\n');
  const endsComplete = lines[lines.length - 1] === '';
  if (endsComplete) lines.pop();
  if (lines.length === 0 || lines[0].trim() === '') {
    fail('file_malformed', { fn, ...where, expected: 'a run file starting with an infoplane-run header line', received: 'an empty file' });
  }
  const header = parseHeader(lines[0], fn, where, !endsComplete && lines.length === 1);
  const run: Run = { header, points: [], epochs: [] };
  const skipped: { line: number; reason: string }[] = [];
  const pointLines = new Map<string, number>();
  const epochLines = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const isLast = i === lines.length - 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isLast && !endsComplete) {
        run.truncated = { line: i + 1, text: line };
        break;
      }
      fail('file_malformed', { fn, ...where, expected: 'one JSON object per line', received: `line ${i + 1}: ${preview(line)}` });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail('file_malformed', { fn, ...where, expected: 'one JSON object per line', received: `line ${i + 1}: ${preview(line)}` });
    }
    if (nestedDeeper(value, MAX_DEPTH)) {
      skipped.push({ line: i + 1, reason: `a record nested deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    const record = value as Record<string, unknown>;
    if (record.type === 'header') {
      fail('file_malformed', {
        fn,
        ...where,
        expected: 'one header (one run per file)',
        received: `a second header on line ${i + 1}${typeof record.runId === 'string' ? ` (run ${JSON.stringify(record.runId)})` : ''}`,
        detail: `${where.detail ? `${where.detail}; ` : ''}the file holds two runs: keep lines 1 to ${i} in one file and the rest in another`,
      });
    }
    if (record.type === 'point') {
      const p = checkPoint(record);
      if (typeof p === 'string') {
        skipped.push({ line: i + 1, reason: p });
        continue;
      }
      const key = `${p.estimator}\u0000${p.layer}\u0000${p.epoch}`;
      const first = pointLines.get(key);
      if (first !== undefined) {
        skipped.push({ line: i + 1, reason: `a second point of estimator ${JSON.stringify(p.estimator)}, layer ${JSON.stringify(p.layer)} at epoch ${p.epoch} (the one on line ${first} is kept)` });
        continue;
      }
      pointLines.set(key, i + 1);
      run.points.push(p);
    } else if (record.type === 'epoch') {
      const e = checkEpoch(record);
      if (typeof e === 'string') {
        skipped.push({ line: i + 1, reason: e });
        continue;
      }
      const first = epochLines.get(e.epoch);
      if (first !== undefined) {
        skipped.push({ line: i + 1, reason: `a second epoch record for epoch ${e.epoch} (the one on line ${first} is kept)` });
        continue;
      }
      epochLines.set(e.epoch, i + 1);
      run.epochs.push(e);
    }
    // other record types (from later format versions) are skipped
  }
  if (skipped.length) run.skipped = skipped;
  return run;
}

interface Where {
  param: string;
  detail?: string;
}

/** Deepest nesting of objects and arrays read: run files nest 4 levels; printing a much deeper value would overflow the stack. */
const MAX_DEPTH = 64;

/** True when `value` nests objects or arrays more than `max` levels deep (an explicit stack: no recursion). */
function nestedDeeper(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const x of Object.values(v)) if (typeof x === 'object' && x !== null) stack.push([x, depth + 1]);
  }
  return false;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEpoch = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A number, or the string `finiteReplacer` writes for NaN and the infinities; undefined for anything else. */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(NON_FINITE, v)) return NON_FINITE[v];
  return undefined;
}

/** The point record, or why it is left out. */
function checkPoint(r: Record<string, unknown>): RunPointRecord | string {
  if (!isEpoch(r.epoch)) return `a point whose epoch is ${describeValue(r.epoch)}, not an integer >= 0`;
  if (typeof r.layer !== 'string') return `a point whose layer is ${describeValue(r.layer)}, not a string`;
  if (typeof r.estimator !== 'string') return `a point whose estimator is ${describeValue(r.estimator)}, not a string`;
  if (!isEpoch(r.layerIndex)) return `a point whose layerIndex is ${describeValue(r.layerIndex)}, not an integer >= 0`;
  for (const f of NUMERIC_POINT_FIELDS) {
    if (r[f] === undefined) continue;
    const v = numberOf(r[f]);
    if (v === undefined) return `a point whose ${f} is ${describeValue(r[f])}, not a number`;
    r[f] = v;
  }
  if (r.itySets !== undefined) {
    const sets = numberObject(r.itySets);
    if (typeof sets === 'string') return `a point whose itySets${sets}`;
    r.itySets = sets;
  }
  if (r.perClass !== undefined) {
    const why = checkClassTerms(r.perClass);
    if (why) return `a point whose perClass${why}`;
  }
  if (r.params !== undefined && !isObject(r.params)) return `a point whose params is ${describeValue(r.params)}, not an object`;
  if (r.warnings !== undefined && !(Array.isArray(r.warnings) && r.warnings.every((w) => isObject(w) && typeof w.code === 'string' && typeof w.message === 'string'))) {
    return `a point whose warnings is ${describeValue(r.warnings)}, not an array of {code, message}`;
  }
  if (r.ms !== undefined && typeof r.ms !== 'number') return `a point whose ms is ${describeValue(r.ms)}, not a number`;
  return r as unknown as RunPointRecord;
}

/** The epoch record (its numeric logs, weight norms and weight spectra), or why it is left out. */
function checkEpoch(r: Record<string, unknown>): RunEpochRecord | string {
  if (!isEpoch(r.epoch)) return `an epoch record whose epoch is ${describeValue(r.epoch)}, not an integer >= 0`;
  for (const field of ['logs', 'weightNorms'] as const) {
    const raw = r[field];
    if (raw === undefined && field === 'weightNorms') continue;
    if (!isObject(raw)) return `an epoch record whose ${field} is ${describeValue(raw)}, not an object of numbers`;
    // defineProperty keeps every key as data: `out[k] = v` with k = "__proto__" would set the prototype instead
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) {
      const x = numberOf(v);
      if (x === undefined) return `an epoch record whose ${field}[${JSON.stringify(k)}] is ${describeValue(v)}, not a number`;
      Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    }
    r[field] = out;
  }
  if (r.weightSpectra !== undefined) {
    if (!isObject(r.weightSpectra)) return `an epoch record whose weightSpectra is ${describeValue(r.weightSpectra)}, not an object`;
    const out: Record<string, unknown> = {};
    for (const [layer, raw] of Object.entries(r.weightSpectra)) {
      const where = `weightSpectra[${JSON.stringify(layer)}]`;
      if (!isObject(raw)) return `an epoch record whose ${where} is ${describeValue(raw)}, not an object`;
      const { shape, ...rest } = raw;
      if (!(Array.isArray(shape) && shape.length === 2 && shape.every((d) => Number.isInteger(d) && d >= 0))) {
        return `an epoch record whose ${where}.shape is ${describeValue(shape)}, not [rows, cols]`;
      }
      const values = numberObject(rest);
      if (typeof values === 'string') return `an epoch record whose ${where}${values}`;
      for (const f of SPECTRUM_FIELDS) if (values[f] === undefined) return `an epoch record whose ${where} has no ${f}`;
      Object.defineProperty(out, layer, { value: { shape, ...values }, enumerable: true, writable: true, configurable: true });
    }
    r.weightSpectra = out;
  }
  if (r.time !== undefined && typeof r.time !== 'string') return `an epoch record whose time is ${describeValue(r.time)}, not a string`;
  return r as unknown as RunEpochRecord;
}

/** The fields every weight spectrum carries (numbers, or the strings `finiteReplacer` writes for Infinity). */
const SPECTRUM_FIELDS = ['kappa', 'logVolume', 'stableRank', 'sMax', 'sMin', 'rank'] as const;

/** An object of numbers (non-finite ones as `finiteReplacer` writes them) read back, or what is wrong with it. */
function numberObject(raw: unknown): Record<string, number> | string {
  if (!isObject(raw)) return ` is ${describeValue(raw)}, not an object of numbers`;
  // defineProperty keeps every key as data (a label set named "__proto__" included)
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    const x = numberOf(v);
    if (x === undefined) return `[${JSON.stringify(k)}] is ${describeValue(v)}, not a number`;
    Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function parseHeader(line: string, fn: string, where: Where, partial: boolean): RunHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    fail('file_malformed', {
      fn,
      ...where,
      expected: 'a run file starting with an infoplane-run header line',
      received: `${partial ? 'a partial first line' : 'a first line that is not JSON'}: ${preview(line)}`,
    });
  }
  if (nestedDeeper(value, MAX_DEPTH)) {
    fail('file_malformed', { fn, ...where, expected: `a header nested at most ${MAX_DEPTH} levels deep`, received: `a deeper one: ${preview(line)}` });
  }
  const h = value as Partial<RunHeader> | null;
  if (typeof h !== 'object' || h === null || h.type !== 'header' || h.format !== RUN_FORMAT) {
    fail('file_malformed', { fn, ...where, expected: `a first line with type "header" and format "${RUN_FORMAT}"`, received: preview(line) });
  }
  if (typeof h.version !== 'number' || h.version > RUN_FORMAT_VERSION) {
    fail('unsupported_format', {
      fn,
      ...where,
      expected: `a run file of format version ${RUN_FORMAT_VERSION} or less`,
      received: `version ${describeValue(h.version)} (a newer infoplane wrote it)`,
    });
  }
  if (!Array.isArray(h.estimators) || (h.units !== 'bits' && h.units !== 'nats')) {
    fail('file_malformed', { fn, ...where, expected: 'a header with estimators and units', received: preview(line) });
  }
  const bad = headerProblem(h as Record<string, unknown>);
  if (bad) fail('file_malformed', { fn, ...where, expected: `a valid header on line 1 (${bad[0]})`, received: bad[1] });
  return h as RunHeader;
}

/** The first header field of the wrong type: [what was expected, what is there], or undefined. */
function headerProblem(h: Record<string, unknown>): [string, string] | undefined {
  const need = (ok: boolean, field: string, expected: string, v: unknown): [string, string] | undefined =>
    ok ? undefined : [`${field} ${expected}`, `${field} = ${describeValue(v)}`];
  const strings = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');
  const checks: (() => [string, string] | undefined)[] = [
    () => need(typeof h.runId === 'string', 'runId', 'a string', h.runId),
    () => need(typeof h.created === 'string', 'created', 'a string', h.created),
    () => need(typeof h.dataset === 'string', 'dataset', 'a string', h.dataset),
    () => need(typeof h.probeSize === 'number' && Number.isInteger(h.probeSize) && h.probeSize >= 0, 'probeSize', 'an integer >= 0', h.probeSize),
    () => need(h.seed === undefined || typeof h.seed === 'number', 'seed', 'a number', h.seed),
    () => need(h.versions === undefined || strings(h.versions), 'versions', 'an object of strings', h.versions),
    () => need(h.meta === undefined || isObject(h.meta), 'meta', 'an object', h.meta),
    () => need(isObject(h.model) && Array.isArray(h.model.layers), 'model', 'an object with a layers array', h.model),
    () => {
      const layers = (h.model as { layers: unknown[] }).layers;
      const i = layers.findIndex((l) => !isObject(l) || typeof l.name !== 'string' || (l.units !== undefined && typeof l.units !== 'number') || (l.activation !== undefined && typeof l.activation !== 'string'));
      return i < 0 ? undefined : need(false, `model.layers[${i}]`, 'an object {name: string, units?: number, activation?: string}', layers[i]);
    },
    () => {
      const es = h.estimators as unknown[];
      const i = es.findIndex(
        (e) =>
          !isObject(e) ||
          typeof e.name !== 'string' ||
          !isObject(e.params) ||
          (e.label !== undefined && typeof e.label !== 'string') ||
          (e.dataDependent !== undefined && !(Array.isArray(e.dataDependent) && e.dataDependent.every((d) => typeof d === 'string'))),
      );
      return i < 0 ? undefined : need(false, `estimators[${i}]`, 'an object {name: string, params: object, label?: string, dataDependent?: string[]}', es[i]);
    },
  ];
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return undefined;
}

function preview(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
}

/**
 * Read and parse a run file (see `parseRun`).
 * @throws InfoplaneError (`file_unreadable`) when the file cannot be read.
 * @example
 * const run = readRun('runs/demo/run.ndjson');
 * if (run.truncated) console.log(`line ${run.truncated.line} was cut short`);
 */
export function readRun(file: string): Run {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    fail('file_unreadable', {
      fn: 'readRun',
      param: 'file',
      expected: 'a readable run file',
      received: JSON.stringify(file),
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  return parseRun(text, file);
}

const CLASS_NUMBERS = ['weight', 'hTgivenY', 'ityTerm', 'ixtGivenY', 'hTrandom'] as const;

/**
 * Why a point's `perClass` is not an array of {label, n, weight, hTgivenY, ityTerm, ixtGivenY?, hTrandom?} (integer
 * label, integer n >= 0, numbers or the non-finite strings elsewhere), or undefined when it is; the non-finite
 * strings are replaced by their numbers in place.
 */
function checkClassTerms(value: unknown): string | undefined {
  if (!Array.isArray(value)) return ` is ${describeValue(value)}, not an array`;
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    const where = `[${k}]`;
    if (!isObject(c)) return `${where} is ${describeValue(c)}, not an object`;
    if (!Number.isInteger(c.label)) return `${where}.label is ${describeValue(c.label)}, not an integer`;
    if (!isEpoch(c.n)) return `${where}.n is ${describeValue(c.n)}, not an integer >= 0`;
    for (const f of CLASS_NUMBERS) {
      if (c[f] === undefined && (f === 'ixtGivenY' || f === 'hTrandom')) continue;
      const v = numberOf(c[f]);
      if (v === undefined) return `${where}.${f} is ${describeValue(c[f])}, not a number`;
      c[f] = v;
    }
  }
  return undefined;
}
