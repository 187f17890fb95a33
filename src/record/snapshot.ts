/**
 * Activation snapshots: a folder layout that any training framework can write (NumPy's `np.save` is enough),
 * so that saved activations can be estimated later, on one machine or as sharded jobs:
 *
 * ```
 * SNAP/inputs.npy                 probe inputs X, n rows (any rank: flattened per sample)
 * SNAP/labels.npy | labels.csv    integer class labels Y, n values (or one-hot rows)
 * SNAP/target.npy                 optional: a continuous target instead of (or beside) labels
 * SNAP/layers.json                optional: the layers in network order, ["conv1", "fc1", "out"]
 * SNAP/epoch-<E>/<layer>.npy      layer activations at completed epoch E (0 = before training), n rows, any rank
 * SNAP/epoch-<E>/logs.json        optional: that epoch's training logs, {"loss": 0.3, "val_accuracy": 0.9}
 * ```
 *
 * E is a non-negative integer, zero-padded or not (`epoch-7` and `epoch-0007` are both epoch 7; both at once is
 * an error). Without layers.json, layers are ordered by name with numbers compared as numbers (`layer2` before
 * `layer10`). A layer may be missing at some epochs. The recorder and the TensorFlow.js callback write this layout
 * with `keepActivations`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeValue, fail } from '../core/errors';
import { writing } from '../core/fsErrors';
import { Labels } from '../core/labels';
import { Samples } from '../core/samples';
import { readLabelsFile } from '../io/readLabelsFile';
import { readNpy, readNpyHeader } from '../io/readNpy';
import { readFileBytes } from '../io/fileErrors';
import { writeNpyFile } from '../io/writeNpy';

/** One layer file of one epoch. */
export interface SnapshotLayerFile {
  layer: string;
  /** Path relative to the snapshot folder: `epoch-10/conv1.npy`. */
  file: string;
  /** Rows (samples). */
  n: number;
  /** Values per sample (the product of the dimensions after the first). */
  d: number;
}

/** One epoch folder. */
export interface SnapshotEpoch {
  epoch: number;
  /** Folder name relative to the snapshot: `epoch-10`. */
  folder: string;
  /** Its layer files, in layer order. */
  layers: SnapshotLayerFile[];
  /** Path of its logs.json relative to the snapshot, when there is one. */
  logsFile?: string;
}

/** What a snapshot folder holds, from its file names and .npy headers (no activation data is read). */
export interface Snapshot {
  /** The folder, resolved to an absolute path. */
  folder: string;
  /** Probe size n. */
  n: number;
  /** Input dimension (values per input sample). */
  inputDim: number;
  /** The labels file, relative: `labels.npy` or `labels.csv`; undefined when only a target is given. */
  labelsFile?: string;
  /** The continuous target file, relative, when there is one. */
  targetFile?: string;
  /** Layers in order. */
  layers: string[];
  /** Epochs in increasing order. */
  epochs: SnapshotEpoch[];
}

const EPOCH_FOLDER = /^epoch-(\d+)$/;
/** Layer names that are safe file names on every system. */
const SAFE_LAYER = /^[A-Za-z0-9_.-]+$/;

/** Compare names with digit runs as numbers: layer2 < layer10. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Describe a snapshot folder: its epochs, layers and shapes, checked for consistency (every file has the probe's
 * n rows; a layer has the same width at every epoch), without reading any activation data.
 *
 * Cost: one directory listing per epoch and a few hundred bytes read per file.
 *
 * @throws InfoplaneError naming the folder or file at fault: no inputs.npy, no labels, no epoch folders, a layer
 *   whose row count differs from the inputs', an unsafe layer name, a layers.json that is not an array of names.
 */
export function readSnapshot(folder: string, options: { fn?: string; param?: string } = {}): Snapshot {
  const { fn = 'readSnapshot', param = 'folder' } = options;
  if (typeof folder !== 'string' || folder === '') fail('invalid_type', { fn, param, expected: 'a snapshot folder path', received: describeValue(folder) });
  const root = path.resolve(folder);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail('file_unreadable', {
      fn,
      param,
      expected: 'a readable snapshot folder (inputs.npy, labels.npy, epoch-<E>/<layer>.npy)',
      received: JSON.stringify(folder),
      detail: code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'it is a file' : (e as Error).message,
    });
  }
  const names = new Set(entries.map((e) => e.name));
  const rel = (p: string) => path.join(folder, p);
  if (!names.has('inputs.npy')) {
    fail('file_unreadable', { fn, param, expected: 'a snapshot folder with inputs.npy (the probe inputs)', received: JSON.stringify(folder), detail: 'no inputs.npy' });
  }
  const inputs = readNpyHeader(path.join(root, 'inputs.npy'), { fn, param: rel('inputs.npy'), flatten: true });
  const labelFiles = ['labels.npy', 'labels.csv'].filter((f) => names.has(f));
  if (labelFiles.length > 1) fail('invalid_option', { fn, param, expected: 'one labels file (labels.npy or labels.csv)', received: 'both', detail: `in ${folder}` });
  const targetFile = names.has('target.npy') ? 'target.npy' : undefined;
  if (labelFiles.length === 0 && !targetFile) {
    fail('file_unreadable', { fn, param, expected: 'a snapshot folder with labels.npy, labels.csv or target.npy', received: JSON.stringify(folder), detail: 'no labels' });
  }
  if (targetFile) checkRows(fn, rel(targetFile), readNpyHeader(path.join(root, targetFile), { fn, param: rel(targetFile) }).n, inputs.n);

  const byEpoch = new Map<number, string>();
  for (const e of entries) {
    const m = EPOCH_FOLDER.exec(e.name);
    if (!m || !e.isDirectory()) continue;
    const epoch = Number(m[1]);
    if (!Number.isSafeInteger(epoch)) fail('invalid_option', { fn, param: rel(e.name), expected: 'an epoch number below 2^53', received: e.name });
    const other = byEpoch.get(epoch);
    if (other !== undefined) fail('invalid_option', { fn, param, expected: 'one folder per epoch', received: `${other} and ${e.name}`, detail: `both are epoch ${epoch}` });
    byEpoch.set(epoch, e.name);
  }
  if (byEpoch.size === 0) {
    fail('empty', { fn, param, expected: 'at least one epoch-<E> folder of layer .npy files', received: JSON.stringify(folder), detail: 'no epoch folders' });
  }

  let order: string[] | undefined;
  if (names.has('layers.json')) {
    const file = rel('layers.json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileBytes(path.join(root, 'layers.json'), fn, file).toString('utf8'));
    } catch (e) {
      if ((e as { code?: string }).code === 'file_unreadable') throw e;
      return fail('file_malformed', { fn, param: file, expected: 'a JSON array of layer names', received: 'text that is not JSON', detail: (e as Error).message });
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((s) => typeof s === 'string' && SAFE_LAYER.test(s))) {
      fail('file_malformed', { fn, param: file, expected: 'a non-empty JSON array of layer names (letters, digits, _ . -)', received: describeValue(parsed) });
    }
    if (new Set(parsed).size !== parsed.length) fail('file_malformed', { fn, param: file, expected: 'distinct layer names', received: describeValue(parsed) });
    order = parsed as string[];
  }

  const widths = new Map<string, { d: number; file: string }>();
  const epochs: SnapshotEpoch[] = [];
  for (const epoch of [...byEpoch.keys()].sort((a, b) => a - b)) {
    const folderName = byEpoch.get(epoch) as string;
    const files = fs.readdirSync(path.join(root, folderName)).filter((f) => f.endsWith('.npy'));
    const layerNames = files.map((f) => f.slice(0, -4));
    for (const name of layerNames) {
      if (!SAFE_LAYER.test(name)) fail('invalid_option', { fn, param: rel(path.join(folderName, `${name}.npy`)), expected: 'a layer file name of letters, digits, _ . -', received: JSON.stringify(name) });
      if (order && !order.includes(name)) {
        fail('invalid_option', { fn, param: rel(path.join(folderName, `${name}.npy`)), expected: `a layer listed in layers.json (${order.join(', ')})`, received: JSON.stringify(name) });
      }
    }
    const layers: SnapshotLayerFile[] = [];
    for (const name of layerNames) {
      const file = path.join(folderName, `${name}.npy`);
      const h = readNpyHeader(path.join(root, file), { fn, param: rel(file), flatten: true });
      checkRows(fn, rel(file), h.n, inputs.n);
      const seen = widths.get(name);
      if (seen && seen.d !== h.d) {
        fail('invalid_option', { fn, param: rel(file), expected: `${seen.d} values per sample, as in ${rel(seen.file)}`, received: `${h.d}`, detail: 'a layer keeps its width across epochs' });
      }
      if (!seen) widths.set(name, { d: h.d, file });
      layers.push({ layer: name, file, n: h.n, d: h.d });
    }
    const entry: SnapshotEpoch = { epoch, folder: folderName, layers };
    if (fs.existsSync(path.join(root, folderName, 'logs.json'))) entry.logsFile = path.join(folderName, 'logs.json');
    epochs.push(entry);
  }
  const layers = order ?? [...widths.keys()].sort(naturalCompare);
  const rank = new Map(layers.map((l, i) => [l, i]));
  for (const e of epochs) e.layers.sort((a, b) => (rank.get(a.layer) as number) - (rank.get(b.layer) as number));
  if (epochs.every((e) => e.layers.length === 0)) {
    fail('empty', { fn, param, expected: 'layer .npy files in the epoch folders', received: JSON.stringify(folder), detail: 'every epoch folder is empty' });
  }
  return {
    folder: root,
    n: inputs.n,
    inputDim: inputs.d,
    labelsFile: labelFiles[0],
    targetFile,
    layers: layers.filter((l) => widths.has(l)),
    epochs,
  };
}

function checkRows(fn: string, file: string, n: number, expected: number): void {
  if (n !== expected) fail('invalid_option', { fn, param: file, expected: `${expected} rows, as inputs.npy has`, received: `${n}`, detail: 'every file of a snapshot has one row per probe sample, in the same order' });
}

/** The probe data of a snapshot: inputs, labels (or the target cut into classes by the caller), target. */
export interface SnapshotProbe {
  inputs: Samples;
  labels?: Labels;
  target?: Samples;
}

/** Read a snapshot's inputs, labels and target. Cost: O(n d) to read. */
export function readSnapshotProbe(s: Snapshot, fn = 'readSnapshotProbe'): SnapshotProbe {
  const at = (f: string) => path.join(s.folder, f);
  const inputs = readNpy(readFileBytes(at('inputs.npy'), fn, at('inputs.npy')), { fn, param: at('inputs.npy'), flatten: true }).samples;
  const probe: SnapshotProbe = { inputs };
  if (s.labelsFile) probe.labels = readLabelsFile(at(s.labelsFile), { fn, param: at(s.labelsFile) });
  if (s.targetFile) probe.target = readNpy(readFileBytes(at(s.targetFile), fn, at(s.targetFile)), { fn, param: at(s.targetFile) }).samples;
  return probe;
}

/** Read one layer file of a snapshot (flattened per sample). Cost: O(n d). */
export function readSnapshotLayer(s: Snapshot, file: SnapshotLayerFile, fn = 'readSnapshotLayer'): Samples {
  const at = path.join(s.folder, file.file);
  return readNpy(readFileBytes(at, fn, at), { fn, param: at, flatten: true }).samples;
}

/** Read an epoch's logs.json: its finite numbers (other entries are left out, as the recorder does). */
export function readSnapshotLogs(s: Snapshot, e: SnapshotEpoch, fn = 'readSnapshotLogs'): Record<string, number> {
  if (!e.logsFile) return {};
  const at = path.join(s.folder, e.logsFile);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileBytes(at, fn, at).toString('utf8'));
  } catch (err) {
    if ((err as { code?: string }).code === 'file_unreadable') throw err;
    return fail('file_malformed', { fn, param: at, expected: 'a JSON object of training logs', received: 'text that is not JSON', detail: (err as Error).message });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('file_malformed', { fn, param: at, expected: 'a JSON object of training logs', received: describeValue(parsed) });
  const logs: Record<string, number> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (typeof v === 'number' && Number.isFinite(v)) logs[k] = v;
  return logs;
}

/** The file name a layer gets in a snapshot: its name, with characters outside [A-Za-z0-9_.-] replaced by `_`. */
export function snapshotLayerFileName(layer: string): string {
  const safe = layer.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${safe === '' || safe === '.' || safe === '..' ? `_${safe}` : safe}.npy`;
}

/**
 * Write one epoch of a snapshot (the recorder's and the callback's `keepActivations`): `epoch-<E>/<layer>.npy` for
 * each layer and `epoch-<E>/logs.json`; the probe files and layers.json when `probe` is given (the first time).
 * Each file is written to a temporary name and renamed, so a crash never leaves a half-written .npy behind.
 *
 * @returns The files written, relative to the folder.
 */
export function writeSnapshotEpoch(
  folder: string,
  epoch: number,
  layers: readonly { name: string; t: Samples }[],
  logs: Record<string, number>,
  options: { dtype: 'float32' | 'float64'; layerOrder: readonly string[]; probe?: { inputs: Samples; labels: Labels; target?: Samples }; fn: string; param: string },
): string[] {
  const { dtype, layerOrder, probe, fn, param } = options;
  const put = (file: string, write: (tmp: string) => void) => {
    const at = path.join(folder, file);
    const tmp = `${at}.tmp-${process.pid}`;
    writing(fn, param, at, () => {
      write(tmp);
      fs.renameSync(tmp, at);
    });
  };
  writing(fn, param, folder, () => fs.mkdirSync(path.join(folder, `epoch-${epoch}`), { recursive: true }), 'creating the folder');
  if (probe) {
    put('inputs.npy', (tmp) => writeNpyFile(tmp, probe.inputs, { dtype: 'float64' }));
    const y = new Float64Array(probe.labels.n);
    for (let i = 0; i < y.length; i++) y[i] = probe.labels.classes[probe.labels.ids[i]];
    put('labels.npy', (tmp) => writeNpyFile(tmp, { data: y, n: y.length, d: 1 }, { dtype: 'float64' }));
    if (probe.target) put('target.npy', (tmp) => writeNpyFile(tmp, probe.target as Samples, { dtype: 'float64' }));
  }
  put('layers.json', (tmp) => fs.writeFileSync(tmp, `${JSON.stringify(layerOrder.map((l) => snapshotLayerFileName(l).slice(0, -4)))}\n`));
  const files = layers.map(({ name, t }) => {
    const file = path.join(`epoch-${epoch}`, snapshotLayerFileName(name));
    put(file, (tmp) => writeNpyFile(tmp, t, { dtype }));
    return file;
  });
  put(path.join(`epoch-${epoch}`, 'logs.json'), (tmp) => fs.writeFileSync(tmp, `${JSON.stringify(logs)}\n`));
  return files;
}
