import { spawnSync } from 'child_process';
import * as path from 'path';
import { InfoplaneError } from '../core/errors';
import { initTensorFlow, loadTensorFlow, setBackendNoticeHandler } from './backend';

/** The InfoplaneError a promise rejects with, checked against `expected`. */
async function expectInfoplaneError(promise: Promise<unknown>, expected: { code: string; param: string; received?: string }): Promise<InfoplaneError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InfoplaneError);
  const e = error as InfoplaneError;
  expect([e.code, e.param]).toEqual([expected.code, expected.param]);
  if (expected.received !== undefined) expect(e.received).toBe(expected.received);
  return e;
}

const lines: string[] = [];
setBackendNoticeHandler((line) => lines.push(line));
delete process.env.INFOPLANE_BACKEND;

let nodeInstalled = true;
try {
  require.resolve('@tensorflow/tfjs-node');
} catch {
  nodeInstalled = false;
}
const withoutNode = nodeInstalled ? it.skip : it;

describe('initTensorFlow', () => {
  withoutNode('initTensorFlow() without tfjs-node runs on wasm and says so (and why) in one line', async () => {
    lines.length = 0;
    const { tf, backend, packageName, reason } = await initTensorFlow();
    expect(packageName).toBe('@tensorflow/tfjs');
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`infoplane: TensorFlow.js backend ${reason}`);
    expect(lines[0]).toMatch(/^infoplane: TensorFlow\.js backend wasm \(WebAssembly, (no )?SIMD, .*@tensorflow\/tfjs-node is not installed; npm install @tensorflow\/tfjs-node/);
    // a second call keeps the backend and prints nothing new
    await initTensorFlow();
    expect(lines).toHaveLength(1);
  });

  it('initTensorFlow({backend: "wasm"}) computes what "cpu" computes: a product checked by hand', async () => {
    const a = [1, 2, 3, 4, 5, 6]; // 2x3
    const b = [7, 8, 9, 10, 11, 12]; // 3x2
    const expected = [58, 64, 139, 154]; // worked out by hand
    for (const backend of ['wasm', 'cpu'] as const) {
      const { tf } = await initTensorFlow({ backend });
      expect(tf.getBackend()).toBe(backend);
      const c = tf.matMul(tf.tensor2d(a, [2, 3]), tf.tensor2d(b, [3, 2]));
      expect(Array.from(await c.data())).toEqual(expected);
    }
  });

  it('initTensorFlow({backend}) switches backends with one new line each, and loadTensorFlow() reports the backend in use', async () => {
    await initTensorFlow({ backend: 'wasm' });
    lines.length = 0;
    await initTensorFlow({ backend: 'cpu' });
    expect(lines).toEqual(['infoplane: TensorFlow.js backend cpu (pure JavaScript; asked for)']);
    expect(loadTensorFlow().backend).toBe('cpu');
    await initTensorFlow({ backend: 'cpu' });
    expect(lines).toHaveLength(1);
  });

  it('initTensorFlow rejects an unknown backend, from the option or from INFOPLANE_BACKEND, naming where it came from', async () => {
    await expectInfoplaneError(initTensorFlow({ backend: 'gpu' as never }), { code: 'invalid_option', param: 'backend', received: '"gpu"' });
    process.env.INFOPLANE_BACKEND = 'webgl';
    try {
      await expectInfoplaneError(initTensorFlow(), { code: 'invalid_option', param: 'INFOPLANE_BACKEND', received: '"webgl"' });
    } finally {
      delete process.env.INFOPLANE_BACKEND;
    }
  });

  withoutNode('initTensorFlow({backend: "tensorflow"}) without tfjs-node says how to install it', async () => {
    const error = await expectInfoplaneError(initTensorFlow({ backend: 'tensorflow' }), { code: 'file_unreadable', param: 'backend' });
    expect(error.message).toContain('npm install @tensorflow/tfjs-node');
  });

  it("require('infoplane/tfjs') prints nothing: the backend line waits for first use", () => {
    const dist = path.join(__dirname, '..', '..', 'dist', 'tfjs');
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(dist)}); process.stdout.write('loaded')`], { encoding: 'utf8', env: { ...process.env, INFOPLANE_BACKEND: '' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('loaded');
    expect(r.stderr).toBe('');
  });
});
