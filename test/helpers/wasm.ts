/**
 * The check behind every embedded WebAssembly module: its base64 bytes must be its .wat source assembled by wabt
 * (the build-time assembler), so that the source read in review is the code that runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Wabt {
  parseWat(name: string, text: string, features: object): { toBinary(options: object): { buffer: Uint8Array } };
}

/** `text` (WebAssembly text, called `name` in wabt's messages) assembled with `features`, as base64. */
export async function assembleWat(name: string, text: string, features: object = { simd: true }): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wabt = await (require('wabt') as () => Promise<Wabt>)();
  return Buffer.from(wabt.parseWat(name, text, features).toBinary({}).buffer).toString('base64');
}

/** The .wat file `file` in folder `dir` (a test's `__dirname`) assembled with `features`, as base64. */
export function assembleWatFile(dir: string, file: string, features?: object): Promise<string> {
  return assembleWat(file, readFileSync(join(dir, file), 'utf8'), features);
}
