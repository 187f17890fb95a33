import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeNpyFile } from '../io/writeNpy';
import { readNpy } from '../io/readNpy';
import { createRecorder } from './recorder';
import { estimateSnapshot } from './estimateSnapshot';
import { naturalCompare, readSnapshot, readSnapshotLayer, readSnapshotLogs, readSnapshotProbe } from './snapshot';
import { comparablePoints } from '../../test/helpers/snapshots';

/** Written by NumPy (test/fixtures/snapshot-numpy/make_snapshot.py), as a PyTorch user's script would. */
export const NUMPY_SNAPSHOT = path.join(__dirname, '../../test/fixtures/snapshot-numpy');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-snap-'));
}

/** The float32 values of a C-ordered .npy, decoded by hand from its header length (an independent reader). */
function rawFloat32(file: string): Float32Array {
  const b = fs.readFileSync(file);
  const headerLength = b.readUInt16LE(8);
  const start = 10 + headerLength;
  return new Float32Array(b.buffer.slice(b.byteOffset + start, b.byteOffset + b.length));
}

/** A small snapshot folder: inputs, labels, and `layers` at `epochs` (values from a formula). */
function makeSnapshot(dir: string, epochs: number[], layers: Record<string, number>, n = 40): void {
  writeNpyFile(path.join(dir, 'inputs.npy'), { data: Float64Array.from({ length: n * 3 }, (_, i) => Math.sin(i)), n, d: 3 });
  writeNpyFile(path.join(dir, 'labels.npy'), { data: Float64Array.from({ length: n }, (_, i) => i % 2), n, d: 1 });
  for (const e of epochs) {
    fs.mkdirSync(path.join(dir, `epoch-${e}`), { recursive: true });
    for (const [name, d] of Object.entries(layers)) {
      writeNpyFile(path.join(dir, `epoch-${e}`, `${name}.npy`), { data: Float64Array.from({ length: n * d }, (_, i) => Math.tanh(Math.cos(i * (e + 1)))), n, d });
    }
  }
}

describe('readSnapshot', () => {
  it('readSnapshot(folder) lists the epochs, layers and shapes of a NumPy-written snapshot without reading the data', () => {
    const s = readSnapshot(NUMPY_SNAPSHOT);
    expect(s.n).toBe(240);
    expect(s.inputDim).toBe(12);
    expect(s.labelsFile).toBe('labels.npy');
    expect(s.layers).toEqual(['conv', 'dense1', 'out']);
    expect(s.epochs.map((e) => e.epoch)).toEqual([0, 3, 10]);
    expect(s.epochs[2].layers.map((l) => [l.layer, l.file, l.n, l.d])).toEqual([
      ['conv', path.join('epoch-10', 'conv.npy'), 240, 18],
      ['dense1', path.join('epoch-10', 'dense1.npy'), 240, 6],
      ['out', path.join('epoch-10', 'out.npy'), 240, 3],
    ]);
  });

  it('readSnapshotLayer flattens an n x 2 x 3 x 3 float32 layer per sample in C order, as a.reshape(n, -1) does', () => {
    const s = readSnapshot(NUMPY_SNAPSHOT);
    const t = readSnapshotLayer(s, s.epochs[1].layers[0]);
    const raw = rawFloat32(path.join(NUMPY_SNAPSHOT, 'epoch-3', 'conv.npy'));
    expect([t.n, t.d]).toEqual([240, 18]);
    expect(Array.from(t.data)).toEqual(Array.from(raw));
  });

  it('readSnapshotProbe and readSnapshotLogs read the int64 labels and the logs.json numbers', () => {
    const s = readSnapshot(NUMPY_SNAPSHOT);
    const probe = readSnapshotProbe(s);
    expect(probe.inputs.n).toBe(240);
    expect(probe.labels?.classes).toEqual([0, 1, 2]);
    expect(readSnapshotLogs(s, s.epochs[1])).toEqual({ loss: 0.25, accuracy: 0.55 });
  });

  it('readSnapshot orders layers without layers.json by name with numbers as numbers, and accepts zero-padded epochs', () => {
    const dir = tempDir();
    makeSnapshot(dir, [0], { layer10: 2, layer2: 2, fc: 3 });
    fs.renameSync(path.join(dir, 'epoch-0'), path.join(dir, 'epoch-0007'));
    const s = readSnapshot(dir);
    expect(s.layers).toEqual(['fc', 'layer2', 'layer10']);
    expect(s.epochs.map((e) => e.epoch)).toEqual([7]);
    expect(['b10', 'b9', 'a'].sort(naturalCompare)).toEqual(['a', 'b9', 'b10']);
  });

  it('readSnapshot(folder) names the folder or file at fault and what it expected', () => {
    const dir = tempDir();
    expect(() => readSnapshot(path.join(dir, 'nope'))).toThrow(/folder must be a readable snapshot folder.*no such folder/);
    expect(() => readSnapshot(dir)).toThrow(/inputs\.npy/);
    makeSnapshot(dir, [0, 1], { a: 2 });
    fs.mkdirSync(path.join(dir, 'epoch-01'));
    expect(() => readSnapshot(dir)).toThrow(/one folder per epoch; got epoch-1 and epoch-01|one folder per epoch; got epoch-01 and epoch-1/);
    fs.rmdirSync(path.join(dir, 'epoch-01'));
    writeNpyFile(path.join(dir, 'epoch-1', 'a.npy'), { data: new Float64Array(40 * 3), n: 40, d: 3 });
    expect(() => readSnapshot(dir)).toThrow(/epoch-1\/a\.npy must be 2 values per sample, as in .*epoch-0\/a\.npy; got 3/);
    writeNpyFile(path.join(dir, 'epoch-1', 'a.npy'), { data: new Float64Array(39 * 2), n: 39, d: 2 });
    expect(() => readSnapshot(dir)).toThrow(/epoch-1\/a\.npy must be 40 rows, as inputs\.npy has; got 39/);
    writeNpyFile(path.join(dir, 'epoch-1', 'a.npy'), { data: new Float64Array(40 * 2), n: 40, d: 2 });
    fs.writeFileSync(path.join(dir, 'layers.json'), '["b"]');
    expect(() => readSnapshot(dir)).toThrow(/must be a layer listed in layers\.json \(b\); got "a"/);
    fs.writeFileSync(path.join(dir, 'layers.json'), '{"a": 1}');
    expect(() => readSnapshot(dir)).toThrow(/layers\.json must be a non-empty JSON array of layer names/);
    fs.rmSync(path.join(dir, 'layers.json'));
    fs.rmSync(path.join(dir, 'labels.npy'));
    expect(() => readSnapshot(dir)).toThrow(/labels\.npy, labels\.csv or target\.npy/);
  });
});

describe('keepActivations', () => {
  it('createRecorder({keepActivations}) writes a snapshot that estimateSnapshot turns into the same points the recorder recorded', async () => {
    const dir = tempDir();
    const snap = path.join(dir, 'snap');
    const n = 60;
    const x = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(i * 3), (i % 7) / 7]);
    const labels = Array.from({ length: n }, (_, i) => (i * 5) % 3);
    const layerAt = (epoch: number, w: number) => x.map((r) => Array.from({ length: w }, (_, j) => Math.tanh((epoch + 1) * (r[0] * (j + 1) - r[1] + r[2] * j))));
    const estimators = ['binning', 'kde', { name: 'binning', label: 'binning-max-scaled', options: { maxScaled: true } }];
    const rec = createRecorder({ inputs: x, labels, estimators, keepActivations: snap, activationsDtype: 'float64', schedule: [0, 2, 5] });
    for (const epoch of [0, 2, 5]) await rec.record(epoch, [{ name: 'h1', activations: layerAt(epoch, 4) }, { name: 'out/logits', activations: layerAt(epoch, 2) }], { loss: 1 / (epoch + 1) });
    rec.close();
    expect(fs.readdirSync(snap).sort()).toEqual(['epoch-0', 'epoch-2', 'epoch-5', 'inputs.npy', 'labels.npy', 'layers.json']);
    expect(fs.readdirSync(path.join(snap, 'epoch-2')).sort()).toEqual(['h1.npy', 'logs.json', 'out_logits.npy']);
    expect(readNpy(fs.readFileSync(path.join(snap, 'epoch-5', 'h1.npy'))).samples.data[7]).toBe(layerAt(5, 4)[1][3]);
    expect(rec.run?.epochs[1]).toMatchObject({ activationFiles: [path.join('epoch-2', 'h1.npy'), path.join('epoch-2', 'out_logits.npy')] });

    const again = await estimateSnapshot(snap, { estimators });
    // the layer saved as out_logits (a file name cannot hold "/") is the recorder's out/logits
    const recorded = comparablePoints(rec.run!.points).map((p) => ({ ...p, layer: p.layer.replace('/', '_') }));
    expect(comparablePoints(again.points)).toEqual(recorded);
    expect(again.epochs.map((e) => e.logs)).toEqual(rec.run!.epochs.map((e) => e.logs));
  });
});
