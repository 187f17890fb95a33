/** The README's TypeScript examples run as written (in a temporary working folder). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { docBlocks, runBlock } from './helpers/docExamples';
import { tempDir } from './helpers/cli';
import { setBackendNoticeHandler } from '../src/tfjs/backend';
import { findChromium } from '../src/plot';

const blocks = docBlocks('README.md');

describe('README examples', () => {
  const cwd = process.cwd();
  const dir = tempDir();
  beforeAll(() => {
    process.chdir(dir);
    setBackendNoticeHandler(() => undefined);
  });
  afterAll(() => process.chdir(cwd));

  it('README.md has the estimator, training and plot examples', () => {
    expect(blocks.length).toBe(3);
  });

  it('README example 1 (estimators on ib12) runs', async () => {
    await runBlock(blocks[0]);
  });

  it('README example 2 (training with the callback) runs and writes its run file', async () => {
    await runBlock(blocks[1]);
    expect(existsSync(join(dir, 'runs', 'example', 'run.ndjson'))).toBe(true);
  }, 120000);

  const chromium = findChromium();
  (chromium ? it : it.skip)('README example 3 (figures, HTML and PNG) runs', async () => {
    await runBlock(`import { readRun } from 'infoplane';\nconst run = readRun('runs/example/run.ndjson');\n${blocks[2]}`);
  }, 60000);
});
