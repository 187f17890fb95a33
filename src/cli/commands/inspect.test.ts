import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir } from '../../../test/helpers/cli';
import { createRecorder } from '../../record/recorder';

async function writeRun(dir: string, name: string, seed: number): Promise<string> {
  const file = path.join(dir, name);
  const x = Array.from({ length: 32 }, (_, i) => [i]);
  const labels = x.map((_, i) => i % 2);
  const rec = createRecorder({ inputs: x, labels, runFile: file, header: { dataset: 'toy', seed } });
  for (let epoch = 0; epoch < 3; epoch++) {
    const t = x.map((_, i) => [Math.tanh((i - 16) / (4 + epoch + seed)), Math.cos(i * (seed + 1))]);
    await rec.record(epoch, { hidden: t, out: t.map((r) => [r[0]]) }, { loss: 1 / (epoch + 1) });
  }
  rec.close();
  return file;
}

describe('infoplane inspect', () => {
  it('infoplane inspect RUN summarises layers, epochs, estimators, units, final points and truncation', async () => {
    const dir = tempDir();
    const file = await writeRun(dir, 'a.ndjson', 0);
    const r = await cli('inspect', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dataset: toy, probe size 32, seed 0/);
    expect(r.stdout).toMatch(/layers \(2\): hidden \[2\], out \[1\]/);
    expect(r.stdout).toMatch(/estimators \(2\), units bits:\n  binning \{"bins":30,"range":\[-1,1\],"outOfRange":"clamp"\}\n  adaptive-binning \{"bins":30\} \(chosen per layer and epoch: lowerEdge\)/);
    expect(r.stdout).toMatch(/epochs recorded: 3 \(0, 1, 2\); 12 points/);
    expect(r.stdout).toMatch(/logs at epoch 2: loss 0.333/);
    expect(r.stdout).toMatch(/binning\s+hidden\s+2\s+\d+\.\d{3}\s+\d+\.\d{3}/);
    expect(r.stdout).toMatch(/truncated: no/);
  });

  it('infoplane inspect RUN reports a truncated last line and the incomplete epoch', async () => {
    const dir = tempDir();
    const file = await writeRun(dir, 'a.ndjson', 0);
    const text = fs.readFileSync(file, 'utf8');
    // cut the file in the middle of the last epoch's third point line
    const lines = text.split('\n');
    const cut = lines.slice(0, -4).join('\n') + '\n' + lines[lines.length - 4].slice(0, 25);
    fs.writeFileSync(file, cut);
    const r = await cli('inspect', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs[0].truncated).toEqual({ line: lines.length - 3, length: 25 });
    expect(out.runs[0].incompleteEpochs).toEqual([2]);
    const text2 = (await cli('inspect', file)).stdout;
    expect(text2).toMatch(/truncated: line \d+ was cut short \(25 characters dropped; every earlier line is complete\)/);
  });

  it('infoplane inspect A B --combine prints the median and spread across runs', async () => {
    const dir = tempDir();
    const a = await writeRun(dir, 'a.ndjson', 0);
    const b = await writeRun(dir, 'b.ndjson', 1);
    const r = await cli('inspect', a, b, '--combine', '--spread', 'quartiles');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/== combined \(2 runs, median \[q1, q3\], bits\)/);
    expect(r.stdout).toMatch(/binning\s+hidden\s+epoch 2 \(2 runs\)\s+I\(X;T\) \d+\.\d+ \[\d+\.\d+, \d+\.\d+\]/);
  });

  it('infoplane inspect reports usage errors and bad files in one line', async () => {
    expect((await cli('inspect')).code).toBe(2);
    const dir = tempDir();
    const bad = path.join(dir, 'bad.ndjson');
    fs.writeFileSync(bad, 'hello\n');
    const r = await cli('inspect', bad);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/infoplane inspect: RUN must be a run file starting with an infoplane-run header line; got a first line that is not JSON: "hello" \(in .*bad\.ndjson\)/);
    expect((await cli('inspect', path.join(dir, 'missing.ndjson'))).stderr).toMatch(/RUN must be a readable run file/);
    expect((await cli('inspect', bad, '--spread', 'minmax')).code).toBe(2);
  });
});
