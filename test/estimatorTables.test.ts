/** The estimator tables of README.md and docs/guide.md against the estimator specs (the single source). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESTIMATORS } from '../src/estimators/registry';
import { estimatorMarkdownTable } from '../src/estimators/specs/markdownTable';

const ROOT = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('estimator tables', () => {
  it('estimatorMarkdownTable(ESTIMATORS) is the README table (regenerate with npm run docs:tables)', () => {
    const text = read('README.md');
    const begin = text.indexOf('<!-- estimators:begin');
    const end = text.indexOf('<!-- estimators:end -->');
    expect(begin).toBeGreaterThan(0);
    const table = text.slice(text.indexOf('\n', begin) + 1, end).trim();
    expect(table).toBe(estimatorMarkdownTable(ESTIMATORS));
  });

  it('estimatorMarkdownTable lists every estimator with every parameter and its default', () => {
    const table = estimatorMarkdownTable(ESTIMATORS).split('\n');
    expect(table).toHaveLength(ESTIMATORS.length + 2);
    ESTIMATORS.forEach((e, i) => {
      expect(table[i + 2].startsWith(`| \`${e.name}\` |`)).toBe(true);
      for (const name of Object.keys(e.params)) expect(table[i + 2]).toContain(`\`${name}\` (`);
    });
    expect(table.find((r) => r.startsWith('| `kde`'))).toContain('`noiseVariance` (0.001), `bound` (upper), `threads` (auto)');
  });

  it("the guide's estimator table has a row for every registered estimator naming each of its parameters", () => {
    const rows = read('docs/guide.md').split('\n').filter((l) => /^\| .*\(`[a-z-]+`\) \|/.test(l));
    for (const e of ESTIMATORS) {
      const row = rows.find((r) => r.includes(`(\`${e.name}\`)`));
      expect({ estimator: e.name, row: row !== undefined }).toEqual({ estimator: e.name, row: true });
      // a row may inherit the parameters of another with "as `name`"
      const inherited = [...row!.matchAll(/as `([a-z-]+)`/g)].map((m) => rows.find((r) => r.includes(`(\`${m[1]}\`)`)) ?? '');
      for (const name of Object.keys(e.params)) {
        expect({ estimator: e.name, name, listed: [row!, ...inherited].some((r) => r.includes(`\`${name}\``)) }).toEqual({ estimator: e.name, name, listed: true });
      }
    }
  });
});
