/**
 * Every TypeScript block of README.md and docs/guide.md marked to run (a `<!-- test -->` line right before its ```ts fence) is
 * type-checked against the sources and run: imports of 'infoplane', 'infoplane/tfjs' and 'infoplane/plot' are
 * pointed at src/, the imports stay at the top of a temporary module and the rest becomes the body of an async
 * function (top-level await works), which runs with a temporary folder as the working directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as ts from 'typescript';
import { runCli } from '../src/cli/runCli';
import { consumeWarnings } from '../src/core/warn';
import { findChromium } from '../src/plot/renderFigure';
import { setBackendNoticeHandler } from '../src/tfjs/backend';

setBackendNoticeHandler(() => undefined);

const ROOT = path.join(__dirname, '..');
const GUIDE = path.join(ROOT, 'docs', 'guide.md');
/** The documents whose marked blocks must type-check and run. */
const DOCS = ['README.md', 'docs/guide.md'];
const ENTRY: Record<string, string> = {
  infoplane: path.join(ROOT, 'src', 'index'),
  'infoplane/tfjs': path.join(ROOT, 'src', 'tfjs', 'index'),
  'infoplane/plot': path.join(ROOT, 'src', 'plot', 'index'),
};

interface Snippet {
  doc: string;
  line: number;
  code: string;
}

/** The ```ts blocks that follow a `<!-- test -->` line, with the line number of their fence. */
export function testedSnippets(markdown: string, doc = 'docs/guide.md'): Snippet[] {
  const lines = markdown.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '<!-- test -->') continue;
    const fence = lines[i + 1]?.trim();
    if (fence !== '```ts' && fence !== '```typescript') throw new Error(`${doc}:${i + 1}: <!-- test --> must be followed by a \`\`\`ts fence`);
    const end = lines.indexOf('```', i + 2);
    if (end < 0) throw new Error(`${doc}:${i + 2}: unclosed code block`);
    out.push({ doc, line: i + 2, code: lines.slice(i + 2, end).join('\n') });
  }
  return out;
}

/** `console.log(EXPR); // => NUMBER ...`: the printed value the guide promises. */
const CHECKED_LOG = /^(\s*)console\.log\((.+)\);\s*\/\/ => (-?\d+(?:\.(\d+))?)(?:\s.*)?$/;

/** Checks a `// => NUMBER` promise to the precision written (half a unit of the last digit). */
function expectLogged(value: unknown, expected: number, decimals: number, where: string): void {
  if (typeof value !== 'number' || Math.abs(value - expected) > 0.5 * 10 ** -decimals + 1e-12) {
    throw new Error(`${where}: printed ${String(value)}, the document says ${expected}`);
  }
}

/**
 * The snippet as a module: its imports (pointed at src/) on top, the rest in `export async function main()`;
 * each `console.log(EXPR); // => NUMBER` becomes a check of EXPR against NUMBER.
 */
export function asModule(code: string, firstLine: number, doc = 'docs/guide.md'): string {
  const imports: string[] = [];
  const body: string[] = [];
  code.split('\n').forEach((line, i) => {
    if (/^import\s/.test(line)) {
      imports.push(line.replace(/from '([^']+)'/, (m, spec: string) => (ENTRY[spec] ? `from ${JSON.stringify(ENTRY[spec])}` : m)));
      return;
    }
    const m = CHECKED_LOG.exec(line);
    body.push(m ? `${m[1]}__expectLogged(${m[2]}, ${m[3]}, ${(m[4] ?? '').length}, ${JSON.stringify(`${doc}:${firstLine + 1 + i}`)});` : line);
  });
  return [
    ...imports,
    'declare function __expectLogged(value: unknown, expected: number, decimals: number, where: string): void;',
    'export async function main(): Promise<void> {',
    ...body,
    '}',
    '',
  ].join('\n');
}

const snippets = DOCS.flatMap((doc) => testedSnippets(fs.readFileSync(path.join(ROOT, doc), 'utf8'), doc));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infoplane-docs-'));
const files = snippets.map((s) => {
  const file = path.join(dir, `snippet-${s.doc.replace(/[^a-z]/gi, '-')}-${s.line}.ts`);
  fs.writeFileSync(file, asModule(s.code, s.line, s.doc));
  return file;
});
const workDirs = new Map<string, string>();
function workDir(doc: string): string {
  if (!workDirs.has(doc)) workDirs.set(doc, fs.mkdtempSync(path.join(dir, 'cwd-')));
  return workDirs.get(doc)!;
}
/** Snippets that render images need Chromium; they are skipped, saying so, where it is missing. */
const needsChromium = (s: Snippet): boolean => s.code.includes('renderFigure');

(globalThis as Record<string, unknown>).__expectLogged = expectLogged;
// What a tslab kernel does with display data (the guide's live-figure example draws through tslab's display).
const displayed: unknown[] = [];
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown }).lastWriteDisplayData = (data: unknown) => displayed.push(data);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('README.md and docs/guide.md', () => {
  it('testedSnippets(doc) finds the blocks marked to run, with their printed values', () => {
    expect(snippets.filter((s) => s.doc === 'README.md')).toHaveLength(3);
    expect(snippets.filter((s) => s.doc === 'docs/guide.md').length).toBeGreaterThanOrEqual(3);
    const promised = snippets.flatMap((s) => s.code.split('\n').filter((l) => CHECKED_LOG.test(l)));
    expect(promised.length).toBeGreaterThanOrEqual(5);
  });

  it('asModule turns a promised value into a check that fails when the value differs', () => {
    const module = asModule("import { LN2 } from 'infoplane';\nconsole.log(LN2); // => 0.693 (ln 2)", 10);
    expect(module).toContain('__expectLogged(LN2, 0.693, 3, "docs/guide.md:12");');
    expect(module).toContain(JSON.stringify(ENTRY.infoplane));
    expect(() => expectLogged(0.6931, 0.693, 3, 'docs/guide.md:12')).not.toThrow();
    expect(() => expectLogged(0.694, 0.693, 3, 'docs/guide.md:12')).toThrow('docs/guide.md:12: printed 0.694, the document says 0.693');
  });

  it('every tested snippet type-checks against the sources', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.test.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram(files, { ...parsed.options, noEmit: true, rootDir: undefined, noUnusedLocals: false });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(path.resolve(d.file.fileName)))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${path.basename(d.file!.fileName)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });

  it('every command of the guide\'s command-line table exists, with every flag the table gives it (runCli COMMAND --help)', async () => {
    const rows = fs.readFileSync(GUIDE, 'utf8').split('\n').filter((l) => l.startsWith('| `infoplane '));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const usage = row.slice('| `'.length).split('` |')[0];     // infoplane COMMAND --flag ...
      const command = usage.split(' ')[1];
      let help = '';
      const code = await runCli([command, '--help'], { stdout: (t) => (help += t), stderr: () => undefined });
      expect([command, code]).toEqual([command, 0]);
      const flags = usage.match(/--[a-z][a-z-]*/g) ?? [];
      for (const flag of flags) expect([command, flag, help.includes(flag)]).toEqual([command, flag, true]);
    }
  });

  it('the framework-free recorder is documented from the root entry point, and no example loads TensorFlow.js synchronously', () => {
    const recorderSnippets = snippets.filter((s) => s.code.includes('createRecorder('));
    expect(recorderSnippets.length).toBeGreaterThanOrEqual(1);
    for (const s of recorderSnippets) expect([s.doc, s.line, /import \{[^}]*createRecorder[^}]*\} from 'infoplane';/.test(s.code)]).toEqual([s.doc, s.line, true]);
    // training examples pick the fastest backend (initTensorFlow), and can be run again (overwrite: true)
    for (const s of snippets.filter((x) => x.code.includes('model.fit('))) {
      expect([s.doc, s.line, s.code.includes('await initTensorFlow()'), !s.code.includes('runFile') || s.code.includes('overwrite: true')]).toEqual([s.doc, s.line, true, true]);
    }
  });

  snippets.forEach((s, k) => {
    const chromiumMissing = needsChromium(s) && !findChromium();
    (chromiumMissing ? it.skip : it)(`the snippet at ${s.doc}:${s.line} runs${chromiumMissing ? ' (skipped: no Chromium; apt-get install -y chromium)' : ''}`, async () => {
      const cwd = process.cwd();
      const work = workDir(s.doc); // the snippets of one document share a folder: later ones read what earlier ones wrote
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      process.chdir(work);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(files[k]) as { main: () => Promise<void> };
        await mod.main();
      } finally {
        process.chdir(cwd);
        log.mockRestore();
        consumeWarnings();
      }
      if (s.code.includes('liveInfoPlane(')) {
        // the live figure drew through tslab's display: one output, overwritten each recorded epoch
        const html = displayed.map((d) => (d as { data: Record<string, string> }).data['text/html']).filter((h) => h?.includes('Plotly.react'));
        expect(html.length).toBe(5);
      }
    });
  });
});

/**
 * The README's examples as a user runs them: plain ES modules (top-level await) importing the built package by
 * its name. They sit in node_modules/.cache inside the repository, so 'infoplane' resolves as in a user's
 * project (npm links the package into node_modules: devDependency "infoplane": "file:.").
 */
describe('README.md examples as ES modules', () => {
  const readme = snippets.filter((s) => s.doc === 'README.md');
  const esmDir = path.join(ROOT, 'node_modules', '.cache', `infoplane-docs-esm-${process.pid}`);
  const cwd = path.join(dir, 'esm-cwd');
  afterAll(() => fs.rmSync(esmDir, { recursive: true, force: true }));

  function runEsm(s: Snippet): { status: number | null; stderr: string } {
    fs.mkdirSync(esmDir, { recursive: true });
    fs.mkdirSync(cwd, { recursive: true });
    const js = ts.transpileModule(s.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = path.join(esmDir, `readme-${s.line}.mjs`);
    fs.writeFileSync(file, js);
    const r = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', env: { ...process.env, INFOPLANE_BACKEND: '' }, timeout: 120_000 });
    return { status: r.status, stderr: r.stderr };
  }

  it("'infoplane' resolves by name from inside the repository (the link npm install makes)", () => {
    expect(fs.realpathSync(path.join(ROOT, 'node_modules', 'infoplane'))).toBe(fs.realpathSync(ROOT));
  });

  readme.forEach((s) => {
    const chromiumMissing = needsChromium(s) && !findChromium();
    (chromiumMissing ? it.skip : it)(`the README example at line ${s.line} runs as an ES module with top-level await`, () => {
      const r = runEsm(s);
      expect([r.status, r.stderr.split('\n').filter((l) => !l.startsWith('infoplane: TensorFlow.js backend')).join('\n')]).toEqual([0, '']);
      if (s.code.includes('model.fit(')) {
        expect(r.stderr).toMatch(/^infoplane: TensorFlow\.js backend \w+ \(/); // one line: which backend and why
        expect(runEsm(s).status).toBe(0); // and it can run again: overwrite: true
      }
    });
  });
});
