/**
 * A training process killed with SIGKILL mid-training leaves every completed epoch readable: a real child
 * process trains with the callback (every epoch recorded, run file flushed per epoch) and is killed once a few
 * epochs are on disk. Uses the built package (dist/; npm test builds it first).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readRun } from '../run/parseRun';

const DIST = path.join(__dirname, '..', '..', 'dist', 'tfjs', 'index.js');

const CHILD = (dist: string, runFile: string) => `
process.env.INFOPLANE_TFJS = 'tfjs';
const { infoPlaneCallback, loadTensorFlow } = require(${JSON.stringify(dist)});
const { tf } = loadTensorFlow();
const n = 512;
const x = new Float32Array(n * 9), y = new Int32Array(n);
for (let i = 0; i < n; i++) { for (let b = 0; b < 9; b++) x[i * 9 + b] = (i >> b) & 1; y[i] = (i * 2654435761 >>> 0) % 2; }
const xs = tf.tensor2d(x, [n, 9]), ys = tf.oneHot(tf.tensor1d(y, 'int32'), 2);
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [9], name: 'h1' }));
model.add(tf.layers.dense({ units: 5, activation: 'tanh', name: 'h2' }));
model.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'out' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const cb = infoPlaneCallback({ x: xs, y: ys, runFile: ${JSON.stringify(runFile)}, schedule: 'every-epoch', estimators: ['binning', 'adaptive-binning'] });
model.fit(xs, ys, { epochs: 100000, batchSize: 128, verbose: 0, callbacks: [cb] });
`;

describe('run files survive SIGKILL', () => {
  it('a training process killed with SIGKILL leaves every completed epoch readable (readRun reports at most a truncated last line)', async () => {
    if (!fs.existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first (npm test does)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-kill-'));
    const runFile = path.join(dir, 'run.ndjson');
    const script = path.join(dir, 'train.js');
    fs.writeFileSync(script, CHILD(DIST, runFile));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const epochsOnDisk = () => {
      try {
        return (fs.readFileSync(runFile, 'utf8').match(/"type":"epoch"/g) ?? []).length;
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 45000;
    while (epochsOnDisk() < 5 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    expect(child.exitCode).toBeNull(); // still training
    child.kill('SIGKILL');
    const { signal } = await exited;
    expect(signal).toBe('SIGKILL');
    expect(stderr).not.toMatch(/Error/);
    const run = readRun(runFile);
    expect(run.epochs.length).toBeGreaterThanOrEqual(5);
    // every epoch record comes after all of its points (one flushed write per epoch): each has 3 layers x 2 estimators
    for (const e of run.epochs) {
      const points = run.points.filter((p) => p.epoch === e.epoch);
      expect(points).toHaveLength(6);
      for (const p of points) {
        expect(p.ixt).toBeGreaterThanOrEqual(0);
        expect(p.ixt).toBeLessThanOrEqual(9 + 1e-9);
      }
    }
    // at most the epoch being written when the process died is incomplete
    const complete = new Set(run.epochs.map((e) => e.epoch));
    const partial = new Set(run.points.filter((p) => !complete.has(p.epoch)).map((p) => p.epoch));
    expect(partial.size).toBeLessThanOrEqual(1);
    expect(run.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: run.epochs.length }, (_, i) => i));
  }, 60000);
});
