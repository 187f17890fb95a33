/**
 * Locate the data sets shipped with the package (`datasets/` at the package root).
 */
import * as fs from 'fs';
import * as path from 'path';
import { fail } from '../core/errors';

let cachedRoot: string | undefined;

/**
 * The root folder of the infoplane package: the nearest folder at or above this module that holds a
 * `package.json` named "infoplane" and a `datasets` folder. Works from `src/` (ts-jest), from `dist/` and from
 * an installed copy in `node_modules/infoplane`.
 *
 * @example
 * packageRoot(); // => '/home/me/infoplane'
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    if (isPackageRoot(dir)) {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return fail('file_unreadable', {
    fn: 'packageRoot',
    param: 'datasets',
    expected: 'a folder holding package.json (name "infoplane") and datasets/ above this module',
    received: `none above ${JSON.stringify(__dirname)}`,
    detail: 'the data sets ship in the package folder "datasets"; reinstall the package if it is missing',
  });
}

function isPackageRoot(dir: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === 'infoplane' && fs.statSync(path.join(dir, 'datasets')).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Absolute path of a file of a shipped data set, e.g. `datasetPath('ib12', 'ib12.csv')`.
 *
 * @example
 * datasetPath('digits', 'digits.csv'); // => '/home/me/infoplane/datasets/digits/digits.csv'
 */
export function datasetPath(name: string, file: string): string {
  return path.join(packageRoot(), 'datasets', name, file);
}
