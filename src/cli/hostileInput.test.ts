/** The CLI on hostile input: no internal error, nothing raw on the terminal, a reason for every odd result. */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir } from '../../test/helpers/cli';
import { createRunHeader } from '../run/header';
import { RunFileWriter } from '../run/runFile';

/** Raw control characters (tab and line feed aside), DEL, C1 controls: what must never reach the terminal. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The .npy bytes of a header text (format 1.0) and no data. */
function npyWithHeader(header: string): Buffer {
  const body = Buffer.from(`${header}\n`, 'latin1');
  const out = Buffer.alloc(10 + body.length);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(out);
  out.writeUInt16LE(body.length, 8);
  body.copy(out, 10);
  return out;
}

/** A small run file whose layer and estimator names are `layer` and `estimator`. */
function runFile(dir: string, layer: string, extraLines: string[] = []): string {
  const file = path.join(dir, 'run.ndjson');
  const w = new RunFileWriter(file);
  w.writeHeader(createRunHeader({ model: { layers: [{ name: layer, units: 2 }] }, dataset: 'toy', probeSize: 8, estimators: [{ name: 'binning', params: {} }], units: 'bits' }));
  w.append([
    { type: 'point', epoch: 0, layer, layerIndex: 0, estimator: 'binning', ixt: 1, ity: 0.5 },
    { type: 'point', epoch: 1, layer, layerIndex: 0, estimator: 'binning', ixt: 2, ity: 0.9 },
    { type: 'epoch', epoch: 1, logs: { loss: 0.5 } },
  ]);
  w.close();
  if (extraLines.length) fs.appendFileSync(file, extraLines.map((l) => `${l}\n`).join(''));
  return file;
}

describe('hostile input on the command line', () => {
  it('infoplane entropy X.npy with a header nested 100,000 levels deep is a one-line error, not a stack overflow', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'deep.npy');
    fs.writeFileSync(file, npyWithHeader(`{'descr': '<f8', 'fortran_order': False, 'shape': ${'('.repeat(30000)}${')'.repeat(30000)}, }`));
    const r = await cli('entropy', file, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^infoplane entropy: X must be a \.npy header \(a Python dict literal\); got .* \(nesting deeper than 64 levels at character \d+; file .*deep\.npy\)\. \[infoplane entropy\]\n$/);
  });

  it.each([
    ['a JSON parse error', 'x.json', '[1,\u001b[2J\u0007]'],
    ['a CSV cell', 'x.csv', 'a,b\n1,2\n3,\u001b]0;owned\u0007\n'],
    ['a .npy descr', 'x.npy', npyWithHeader("{'descr': '\u001b[31m<f8', 'fortran_order': False, 'shape': (2,), }")],
  ])('infoplane entropy escapes control characters quoted from %s', async (_, name, content) => {
    const dir = tempDir();
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const r = await cli('entropy', file, '--estimator', 'binning');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toMatch(/\\u001b/);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
  });

  it('infoplane entropy escapes control characters and line feeds in a file name', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x\u001b[2J\nfake: ok.json');
    fs.writeFileSync(file, 'not json');
    const r = await cli('entropy', file, '--estimator', 'binning');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('x\\u001b[2J\\u000afake: ok.json');
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('infoplane inspect RUN escapes control characters in names from the run file', async () => {
    const dir = tempDir();
    const file = runFile(dir, 'h\u001b[2J\u009b31m\u202eevil');
    for (const args of [[file], [file, '--json']]) {
      const r = await cli('inspect', ...args);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stdout).not.toContain('\u202e');
      expect(r.stdout).toContain('h\\u001b[2J\\u009b31m\\u202eevil');
    }
    // the JSON stays valid and means the same names
    const json = JSON.parse((await cli('inspect', file, '--json')).stdout);
    expect(json.runs[0].layers[0].name).toBe('h\u001b[2J\u009b31m\u202eevil');
  });

  it('infoplane inspect and plot read wrong-typed records as skipped lines with a warning, not an internal error', async () => {
    const dir = tempDir();
    const file = runFile(dir, 'h1', [
      '{"type":"point","epoch":"7","layer":"h1","layerIndex":0,"estimator":"binning","ixt":9,"ity":9}',
      '{"type":"point","epoch":1,"layer":"h1","layerIndex":0,"estimator":"binning","ixt":5,"ity":5}',
      '{"type":"epoch","epoch":2,"logs":"high"}',
      '{"type":"point","epoch":2,"layer":{"x":1},"layerIndex":0,"estimator":"binning"}',
    ]);
    const r = await cli('inspect', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('line 5 left out: a point whose epoch is "7", not an integer >= 0');
    expect(r.stderr).toContain('line 6 left out: a second point of estimator "binning", layer "h1" at epoch 1 (the one on line 3 is kept)');
    expect(r.stderr).toContain('line 7 left out: an epoch record whose logs is "high", not an object of numbers');
    expect(r.stderr).toContain('line 8 left out: a point whose layer is an object (Object), not a string');
    // the final epoch is 1 (the string epoch "7" is not a number), with its first point
    expect(r.stdout).toMatch(/epochs recorded: 2 \(0, 1\); 2 points/);
    expect(r.stdout).toMatch(/binning\s+h1\s+1\s+2\.000\s+0\.900/);
    expect(r.stdout).toMatch(/skipped lines \(4\):/);
    const p = await cli('plot', file, '--out', path.join(dir, 'f.json'));
    expect(p.code).toBe(0);
    expect(p.stderr).toContain('line 5 left out');
    expect(p.stderr).not.toMatch(/internal error/);
  });

  it('infoplane inspect refuses a file with two runs, naming the second header', async () => {
    const dir = tempDir();
    const file = runFile(dir, 'h1');
    fs.appendFileSync(file, fs.readFileSync(file, 'utf8'));
    const r = await cli('inspect', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^infoplane inspect: RUN must be one header \(one run per file\); got a second header on line 5 \(run ".*"\) \(in .*run\.ndjson; the file holds two runs: keep lines 1 to 4 in one file and the rest in another\)\. \[parseRun\]\n$/);
  });

  it('infoplane entropy --estimator ksg --json says why an entropy is -Infinity instead of printing null', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'same.json');
    fs.writeFileSync(file, JSON.stringify([[1], [1], [1], [1], [1], [1]]));
    const r = await cli('entropy', file, '--estimator', 'ksg', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.value).toBe('-Infinity');
    expect(out.nonFinite).toMatch(/^H\(X\) is -Infinity: the data has no spread at the estimator's scale \(e\.g\. exact duplicate rows/);
    const text = await cli('entropy', file, '--estimator', 'ksg');
    expect(text.stdout).toMatch(/^H\(X\) = -Infinity bits\n\(H\(X\) is -Infinity: /);
  });

  it('infoplane plot --out DIR names the file and says it is a directory', async () => {
    const dir = tempDir();
    const file = runFile(dir, 'h1');
    const out = path.join(dir, 'figure.json');
    fs.mkdirSync(out);
    const r = await cli('plot', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`infoplane plot: --out must be a writable file path; got ${JSON.stringify(out)} (writing the figure: EISDIR: it is a directory: give a file path). [infoplane plot]\n`);
  });
});
