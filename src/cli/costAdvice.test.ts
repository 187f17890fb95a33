import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportProgress } from '../core/progress';
import { estimatorSpec } from '../estimators/registry';
import { predictSeconds } from '../estimators/specs/spec';
import { cli, tempDir } from '../../test/helpers/cli';
import { ADVISE_SECONDS, checkCost, formatDuration, REFUSE_SECONDS } from './costAdvice';
import { withProgress } from './progress';

describe('checkCost', () => {
  it('checkCost says nothing for a call predicted under a few seconds', () => {
    expect(checkCost('point', estimatorSpec('kde'), 1000, 12, 12, {}).advice).toBeUndefined();
  });

  it('checkCost(kde, n = 60000, d = 1024) predicts an hour and advises a --max-samples that fits in a few seconds, and compressed', () => {
    const spec = estimatorSpec('kde');
    const c = checkCost('point', spec, 60000, 1024, 784, {});
    expect(c.seconds).toBeGreaterThan(REFUSE_SECONDS);
    const m = Number(/--max-samples (\d+)/.exec(c.advice!)![1]);
    // the advice is the most rows (2 significant digits) whose prediction stays within ADVISE_SECONDS
    expect(predictSeconds(spec, m, 1024, 784)!).toBeLessThanOrEqual(ADVISE_SECONDS);
    expect(predictSeconds(spec, Math.round(m * 1.15), 1024, 784)!).toBeGreaterThan(ADVISE_SECONDS);
    expect(c.advice).toMatch(/--estimator compressed \(about \d+ (s|min)\)/);
  });

  it('checkCost counts the rows maxSamples keeps (given, or the family default)', () => {
    const kde = estimatorSpec('kde');
    expect(checkCost('point', kde, 60000, 1024, 0, { maxSamples: 1000 }).advice).toBeUndefined();
    expect(checkCost('entropy', estimatorSpec('dse'), 10 ** 7, 4, 0, {}).seconds).toBe(predictSeconds(estimatorSpec('dse'), 10000, 4));
  });

  it('checkCost(renyi and dsmi at the sizes the bench measured) advises without refusing: the models follow the eigensolver', () => {
    // measured in the bench: a renyi point at n = 4096, d = 12 in 33 s; dsmi at n = 10000, d = 256 in 213-263 s
    const renyi = checkCost('point', estimatorSpec('renyi'), 4096, 12, 12, {});
    expect(renyi.advice).toBeDefined();
    expect(renyi.seconds).toBeGreaterThan(33 / 2);
    expect(renyi.seconds).toBeLessThan(Math.min(REFUSE_SECONDS, 33 * 2));
    const dsmi = checkCost('point', estimatorSpec('dsmi'), 10000, 256, 784, {});
    expect(dsmi.seconds).toBeGreaterThan(213 / 2);
    expect(dsmi.seconds).toBeLessThan(Math.min(REFUSE_SECONDS, 263 * 2));
  });

  it('formatDuration writes seconds, minutes and hours', () => {
    expect([formatDuration(0.2), formatDuration(40), formatDuration(600), formatDuration(7200)]).toEqual(['1 s', '40 s', '10 min', '2.0 h']);
  });
});

/** A .npy header claiming shape (n, d) of float32, followed by no data: only a reader of the header gets past it. */
function npyHeaderOnly(file: string, n: number, d: number): string {
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  dict += ' '.repeat(64 - ((10 + dict.length + 1) % 64)) + '\n';
  const head = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(dict.length, 8);
  writeFileSync(file, Buffer.concat([head, Buffer.from(dict, 'latin1')]));
  return file;
}

describe('infoplane point: a refusal before reading the data', () => {
  it('infoplane point with .npy files refuses kde at n = 60000, d = 1024 from the headers alone, before reading 245 MB', async () => {
    const dir = tempDir('infoplane-cost-');
    const t = npyHeaderOnly(join(dir, 't.npy'), 60000, 1024);
    const x = npyHeaderOnly(join(dir, 'x.npy'), 60000, 784);
    const y = join(dir, 'y.csv');
    writeFileSync(y, '0\n1\n');
    const r = await cli('point', '--input', x, '--activations', t, '--labels', y, '--estimator', 'kde');
    expect(r.code).toBe(2);
    // had the data been read first, the error would be the truncated file's
    expect(r.stderr).toMatch(/kde on n = 60000, d = 1024 \(X: 784\) should take about .*refused.*--allow-slow/);
    const e = await cli('entropy', t, '--estimator', 'kde');
    expect(e.stderr).toMatch(/refused/);
    const allowed = await cli('point', '--input', x, '--activations', t, '--labels', y, '--estimator', 'kde', '--allow-slow');
    expect(allowed.stderr).toMatch(/truncated/);
  });
});

describe('infoplane point: cost and saturation advice', () => {
  const dir = tempDir('infoplane-cost-');
  const write = (name: string, rows: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(rows));
    return path;
  };
  const n = 300;
  const x = write('x.json', Array.from({ length: n }, (_, i) => [i % 7, (i * 13) % 11, i]));
  const t = write('t.json', Array.from({ length: n }, (_, i) => Array.from({ length: 20 }, (_, j) => Math.sin(i * (j + 1) * 0.37))));
  const y = write('y.json', Array.from({ length: n }, (_, i) => i % 2));

  it('infoplane point --estimator kde on a 20-unit layer at its ceiling log2 n advises --estimator compressed on stderr (unless a saturated warning says it)', async () => {
    const r = await cli('point', '--input', x, '--activations', t, '--labels', y, '--estimator', 'kde');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/I\(X;T\) = 8\.228\d+ bits/);
    const json = JSON.parse((await cli('point', '--input', x, '--activations', t, '--labels', y, '--estimator', 'kde', '--json')).stdout);
    const saturatedWarning = json.warnings.some((w: { code: string }) => w.code === 'saturated');
    if (!saturatedWarning) expect(r.stderr).toMatch(/I\(X;T\) is at its ceiling log2 n = 8\.23 bits.*--estimator compressed/);
    else expect(r.stderr).not.toMatch(/is at its ceiling log2 n/);
  });

  it('infoplane point --estimator compressed on the same layer gives no such advice', async () => {
    const r = await cli('point', '--input', x, '--activations', t, '--labels', y, '--estimator', 'compressed', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/ceiling/);
    expect(JSON.parse(r.stdout).ixt).toBeLessThan(Math.log2(n) - 1);
  });
});

describe('withProgress', () => {
  it('withProgress shows a KDE and a CS-QMI call advancing through their all-pairs kernel sums', () => {
    const n = 2000;
    const t = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(i * 0.7), (i % 13) / 13]);
    const y = Array.from({ length: n }, (_, i) => i % 3);
    for (const [name, label] of [['kde', 'kernel row sums'], ['cs', 'paired kernel sums']] as const) {
      let out = '';
      withProgress(() => estimatorSpec(name).point!(t, t, y, {}), { tty: true, write: (s) => (out += s), width: 10 });
      const done = [...out.matchAll(new RegExp(`${label} \\((\\d+)/1000`, 'g'))].map((m) => Number(m[1]));
      expect([name, done.length > 1]).toEqual([name, true]);
      // the share of pairs done only grows
      expect(done.every((v, i) => i === 0 || v >= done[i - 1])).toBe(true);
    }
  });

  it('withProgress draws reports in place on a terminal and erases the bar at the end', () => {
    let out = '';
    const value = withProgress(
      () => {
        reportProgress('step one', 1, 4);
        reportProgress('step two', 2, 4);
        return 42;
      },
      { tty: true, write: (s) => (out += s), width: 8 },
    );
    expect(value).toBe(42);
    expect(out).toMatch(/^\r\[##\.\.\.\.\.\.\] step one \(1\/4, [\d.]+ s\)\x1b\[K\r\[####\.\.\.\.\] step two \(2\/4, [\d.]+ s\)\x1b\[K\r\x1b\[K$/);
    // after the call the handler is gone
    reportProgress('late', 3, 4);
    expect(out).not.toMatch(/late/);
  });

  it('withProgress writes nothing when stderr is not a terminal', () => {
    let out = '';
    withProgress(() => reportProgress('x', 1, 2), { tty: false, write: (s) => (out += s) });
    expect(out).toBe('');
  });
});
