/**
 * The notebooks start as notebooks/README.md says, from any shell: `npm run notebooks:kernel` registers the tslab
 * kernel with the absolute path of this project's tslab (not the bare command `tslab`, which Jupyter finds only
 * with node_modules/.bin on PATH), and the notebooks import 'infoplane' by its package name, resolved by Node from
 * the repository's node_modules (no symbolic link of their own). Executing them is CI's `npm run notebooks`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const notebooks = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb'));

/** The code of every code cell of a notebook. */
function code(file: string): string {
  const nb = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), 'utf8')) as { cells: { cell_type: string; source: string[] }[] };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');
}

const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import jupyter_client'], { stdio: 'ignore' }).status === 0);
const withJupyter = python ? it : it.skip;
if (!python) console.warn('notebook kernel test skipped: no Python with jupyter_client (apt-get install -y python3-ipykernel)');

describe('notebooks', () => {
  it("the notebooks import 'infoplane' by name, and Node resolves it from notebooks/ to this package's build", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(5);
    expect(fs.existsSync(path.join(NOTEBOOKS, 'node_modules'))).toBe(false); // nothing that a copied folder would carry along
    for (const nb of notebooks) {
      const specifiers = [...code(nb).matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect([nb, specifiers.filter((s) => s.startsWith('.') || s.startsWith('/'))]).toEqual([nb, []]);
    }
    for (const entry of ['infoplane', 'infoplane/tfjs', 'infoplane/plot']) {
      const resolved = fs.realpathSync(require.resolve(entry, { paths: [NOTEBOOKS] }));
      expect(resolved.startsWith(path.join(fs.realpathSync(ROOT), 'dist') + path.sep)).toBe(true);
    }
  });

  it('the notebooks that train pick the fastest backend (initTensorFlow), as the demo does', () => {
    for (const nb of notebooks.filter((f) => code(f).includes('model.fit('))) {
      expect([nb, /await initTensorFlow\(/.test(code(nb)), code(nb).includes('loadTensorFlow()')]).toEqual([nb, true, false]);
    }
  });

  withJupyter('npm run notebooks:kernel registers tslab by the absolute path of its binary, which exists', () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-kernel-'));
    try {
      // --prefix keeps the machine's own kernels untouched; JUPYTER_PATH makes Jupyter look there first
      const env = { ...process.env, PYTHON: python!, JUPYTER_PATH: path.join(prefix, 'share', 'jupyter') };
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'notebook-kernel.js'), `--prefix=${prefix}`], { cwd: ROOT, env, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      const spec = JSON.parse(fs.readFileSync(path.join(prefix, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8')) as { argv: string[] };
      expect(path.isAbsolute(spec.argv[0])).toBe(true);
      expect(fs.realpathSync(spec.argv[0])).toBe(fs.realpathSync(path.join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab')));
      expect(spec.argv.slice(1)).toEqual(['kernel', '--config-path', '{connection_file}']);
      expect(r.stdout).toContain(`Jupyter kernel "tslab" runs ${spec.argv[0]}`);
    } finally {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });
});
