/**
 * Run the ```ts code blocks of a Markdown file, in order, each as its own module, with `infoplane`,
 * `infoplane/tfjs` and `infoplane/plot` resolved to this checkout's sources. Top-level await is allowed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** The ```ts blocks of `markdown`, in order. */
export function tsBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /```ts\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  while ((m = fence.exec(markdown)) !== null) blocks.push(m[1]);
  return blocks;
}

function resolveInfoplane(id: string): string | undefined {
  if (id === 'infoplane') return join(ROOT, 'src', 'index');
  if (id.startsWith('infoplane/')) return join(ROOT, 'src', id.slice('infoplane/'.length), 'index');
  return undefined;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;

/** Transpile and run one block; resolves when its top-level awaits are done. */
export async function runBlock(code: string): Promise<void> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const localRequire = (id: string): unknown => require(resolveInfoplane(id) ?? id);
  const module = { exports: {} };
  await new AsyncFunction('require', 'exports', 'module', js)(localRequire, module.exports, module);
}

/** Every ```ts block of a file under the repository root. */
export function docBlocks(file: string): string[] {
  return tsBlocks(readFileSync(join(ROOT, file), 'utf8'));
}
