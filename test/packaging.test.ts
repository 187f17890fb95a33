/**
 * What `npm pack` ships: nothing that points at a file the package does not contain (source maps of src/*.ts,
 * which is not shipped), and the optional peers that PNG export and the wasm backend need stay optional.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

describe('the npm package', () => {
  it('npm pack ships no source map and no sourceMappingURL to a file it does not ship', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/index.js');
    // the browser build and the demo page that `infoplane serve` serves
    expect(files).toContain('dist/browser/infoplane.mjs');
    expect(files).toContain('dist/browser/index.d.ts');
    expect(files).toContain('examples/browser/index.html');
    // the documented job-array examples are run from a user's project: node_modules/infoplane/scripts/slurm/
    expect(files).toContain('scripts/slurm/estimate-array.sbatch');
    expect(files).toContain('scripts/slurm/Snakefile');
    expect(files).toContain('datasets/ib12/ib12.csv');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const shipped = new Set(files);
    const dangling = files
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => {
        const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(path.join(ROOT, f), 'utf8'));
        return m && !m[1].startsWith('data:') && !shipped.has(path.posix.join(path.posix.dirname(f), m[1])) ? [`${f} -> ${m[1]}`] : [];
      });
    expect(dangling).toEqual([]);
  });

  it('package.json: plotly.js-dist-min is a dependency; playwright-core and the wasm backend are optional peers', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['plotly.js-dist-min']);
    for (const peer of ['playwright-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs', '@tensorflow/tfjs-node']) {
      expect([peer, pkg.peerDependenciesMeta[peer]?.optional]).toEqual([peer, true]);
    }
    expect(pkg.devDependencies.infoplane).toBe('file:.'); // the notebooks import the package by name
    expect(pkg.scripts['notebooks:kernel']).toBe('node scripts/notebook-kernel.js');
    // npm run build (and prepack) makes the browser bundle with esbuild, a devDependency
    expect(pkg.scripts.build).toContain('node scripts/build-browser.js');
    expect(pkg.devDependencies.esbuild).toBeDefined();
    expect(pkg.exports['./browser'].default).toBe('./dist/browser/infoplane.mjs');
  });
});
