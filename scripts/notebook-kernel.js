#!/usr/bin/env node
/*
 * `npm run notebooks:kernel`: register the tslab TypeScript kernel with Jupyter so that it starts from any shell.
 * `tslab install` alone writes the bare command `tslab` into kernel.json, which Jupyter can only start when
 * node_modules/.bin is on its PATH (it rarely is). Here the kernel is registered with the absolute path of this
 * project's tslab, then the registered kernel.json is read back and checked.
 * Extra arguments go to `tslab install` (for example `-- --user` or `-- --prefix=DIR`).
 * The Python used is $PYTHON when set, else the first of python3, /usr/bin/python3, python that has jupyter_client.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function die(message) {
  process.stderr.write(`notebooks:kernel: ${message}\n`);
  process.exit(1);
}

function findTslab() {
  try {
    const pkg = require.resolve('tslab/package.json', { paths: [process.cwd(), path.join(__dirname, '..')] });
    const bin = path.join(path.dirname(pkg), 'bin', 'tslab');
    if (fs.existsSync(bin)) return bin;
  } catch {
    // reported below
  }
  return die('tslab is not installed here: run `npm install` (tslab is a devDependency), or `npm install --save-dev tslab` in your project');
}

function findPython() {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3', 'python'];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import jupyter_client'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return die(
    `no Python with Jupyter found (tried ${candidates.join(', ')}): apt-get install -y jupyter-notebook jupyter-nbconvert python3-ipykernel, ` +
      'or pip install notebook; set PYTHON to choose one',
  );
}

/** The argv Jupyter will run for the kernel named `name`, as Python's jupyter_client reads it back. */
function registeredArgv(python, name) {
  const code =
    'import json, sys\nfrom jupyter_client.kernelspec import KernelSpecManager\n' +
    'print(json.dumps(KernelSpecManager().get_kernel_spec(sys.argv[1]).argv))';
  const r = spawnSync(python, ['-c', code, name], { encoding: 'utf8' });
  if (r.status !== 0) die(`the kernel ${name} was not registered: ${(r.stderr || '').trim().split('\n').pop()}`);
  return JSON.parse(r.stdout);
}

function main() {
  const tslab = findTslab();
  const python = findPython();
  const extra = process.argv.slice(2);
  // process.execPath runs tslab's installer whatever node is on PATH; the kernel itself starts tslab by its absolute path.
  const r = spawnSync(process.execPath, [tslab, 'install', `--python=${python}`, `--binary=${tslab}`, ...extra], { stdio: 'inherit' });
  if (r.status !== 0) die(`tslab install failed (exit ${r.status})`);
  const argv = registeredArgv(python, 'tslab');
  if (argv[0] !== tslab) die(`kernel.json starts ${JSON.stringify(argv[0])}, expected ${tslab} (is another tslab kernel earlier on Jupyter's path?)`);
  process.stdout.write(`notebooks:kernel: Jupyter kernel "tslab" runs ${tslab} (python: ${python})\n`);
}

main();
