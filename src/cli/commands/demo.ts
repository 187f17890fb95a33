/**
 * `infoplane demo`, the README's first command: trains the tanh 12-bit network of Shwartz-Ziv & Tishby / Saxe
 * et al., records binning, adaptive binning and KDE (when registered) at log-spaced epochs, shows a progress bar
 * on stderr, and writes the run file and the information-plane figure to runs/demo/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { estimatorNames } from '../../estimators/registry';
import type { EstimatorInput } from '../../record/recorder';
import type { Run } from '../../run/types';
import { CliCommand, CliIO } from '../command';
import { ParsedArgs, UsageError } from '../parseArgs';
import { readCommandFlag, readTextFlag } from '../flags';
import { choiceParam } from '../../estimators/specs/params';
import { claimRunFile, parseEstimatorList, trainingFlag, trainWithProgress } from './train';
import type { ExperimentResult } from '../../tfjs/train/experiments';
import { writing } from '../../core/fsErrors';
import { InterruptedError, interruptible } from '../interrupt';
import { xmlSafeFigure } from '../../plot/xmlSafe';

/** The demo's defaults: about 70 s on an idle 2-core machine with the pure-JS backend, under 2 minutes when it is shared (measured). */
export const DEMO_DEFAULTS = { out: path.join('runs', 'demo'), epochs: 800, records: 30, activation: 'tanh' as const, seed: 0 };

/** Estimators the demo records: those of binning, adaptive-binning and kde that are registered. */
export function demoEstimators(activation: 'tanh' | 'relu'): EstimatorInput[] {
  const names = estimatorNames();
  const out: EstimatorInput[] = [activation === 'relu' ? { name: 'binning', label: 'binning-max-scaled', options: { maxScaled: true } } : 'binning'];
  if (names.includes('adaptive-binning')) out.push('adaptive-binning');
  if (names.includes('kde')) out.push('kde');
  return out;
}

/** `--plotlyjs`: where the HTML figure gets plotly.js (see figureToHtml). */
const PLOTLYJS = choiceParam(['inline', 'cdn', 'directory'] as const, { description: 'where the HTML figure gets plotly.js' });

const HELP = `Usage: infoplane demo [--out DIR] [--overwrite] [--epochs N] [--activation tanh|relu] [--estimators a,b,c]
                      [--records K] [--seed S] [--no-image] [--quiet] [--json]

Trains the 12-10-7-5-4-3-2 network of Shwartz-Ziv & Tishby (2017) / Saxe et al. (2018) on the bundled 12-bit
task (80% train split; Adam lr 0.004, batch 256) and records the information plane of its 6 layers on all 4096
inputs at K log-spaced epochs with binning, adaptive binning and KDE (those registered). A progress bar goes
to stderr. Writes to DIR:
  run.ndjson      the run (read it with: infoplane inspect DIR/run.ndjson)
  infoplane.html  the information plane, one panel per estimator (offline: plotly.js is embedded)
  infoplane.png   the same figure as an image, when Chromium is installed (else skipped with a note)
Then prints the final point of every layer and where the files are.

  --out DIR               output folder (default ${DEMO_DEFAULTS.out}); a run.ndjson there that holds a run is an
                          error unless --overwrite; one that another process is writing is always an error
  --overwrite             replace DIR's run and figure (the run file atomically)
  --epochs N              training epochs (default ${DEMO_DEFAULTS.epochs})
  --activation A          tanh (default; shows the compression phase) or relu (max-scaled binning)
  --estimators a,b,c      estimators (default: binning, adaptive-binning, kde)
  --records K             number of recorded epochs, log-spaced (default ${DEMO_DEFAULTS.records})
  --seed S                seed of the split, the initial weights and the probe (default ${DEMO_DEFAULTS.seed})
  --backend B             where TensorFlow.js runs: auto (default: tfjs-node if installed, else wasm, else cpu),
                          tensorflow, wasm or cpu; a line on stderr says which and why
  --plotlyjs M            inline (default: one offline file of about 4.7 MB), cdn (a small file that loads plotly.js
                          from the plotly CDN) or directory (a small file + one shared plotly.min.js in DIR)
  --no-image              skip the PNG image
  --quiet                 no progress bar
  --json                  print a JSON summary instead of text
`;

interface DemoFigure {
  html?: string;
  png?: string;
  note?: string;
}

async function writeFigure(run: Run, out: string, image: boolean, plotlyjs: 'inline' | 'cdn' | 'directory'): Promise<DemoFigure> {
  let plot: typeof import('../../plot');
  try {
    plot = await import('../../plot');
  } catch (error) {
    return { note: `figure skipped: the plot module did not load (${(error as Error).message.split('\n')[0]})` };
  }
  const withPlane = run.header.estimators
    .map((e) => e.label ?? e.name)
    .filter((name) => run.points.some((p) => p.estimator === name && p.ixt !== undefined && p.ity !== undefined));
  if (withPlane.length === 0) return { note: 'figure skipped: no estimator gave information-plane points' };
  const figure = plot.infoPlanePanels(run, { estimators: withPlane, title: `Information plane of the 12-bit network (${run.header.meta?.activation ?? 'tanh'})` });
  const html = path.join(out, 'infoplane.html');
  writing('infoplane demo', '--out', html, () => plot.writeFigureHtml(html, figure, { plotlyjs }), 'writing the figure');
  const result: DemoFigure = { html };
  if (!image) return result;
  const chromium = plot.findChromium();
  if (!chromium) {
    result.note = 'PNG skipped: no Chromium found (install chromium or set INFOPLANE_CHROMIUM)';
    return result;
  }
  const pngFile = path.join(out, 'infoplane.png');
  let png: Buffer;
  try {
    // names XML cannot hold (NUL, ESC, lone surrogates) would make the image fail: they are shown escaped
    const safe = xmlSafeFigure(figure);
    if (safe.changed.length) result.note = `names shown escaped in the PNG (XML cannot hold their characters): ${safe.changed.join(', ')}`;
    png = await interruptible(`drawing ${pngFile}`, () => plot.renderFigure(safe.figure, { format: 'png', width: 1200, height: 560, executablePath: chromium }));
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    result.note = `PNG skipped: ${(error as Error).message.split('\n')[0]}`;
    return result;
  } finally {
    await plot.closeSharedRenderer(); // done drawing: do not keep the browser (and the process) alive
  }
  writing('infoplane demo', '--out', pngFile, () => fs.writeFileSync(pngFile, png), 'writing the image');
  result.png = pngFile;
  return result;
}

async function demo(args: ParsedArgs, io: CliIO): Promise<void> {
  const command = 'demo';
  if (args.positionals.length) throw new UsageError(`infoplane demo: unexpected argument "${args.positionals[0]}" (see infoplane demo --help)`);
  const out = readTextFlag(args, `infoplane ${command}`, 'out', 'a folder') ?? DEMO_DEFAULTS.out;
  const epochs = trainingFlag(args, 'epochs', command) ?? DEMO_DEFAULTS.epochs;
  const activation = trainingFlag(args, 'activation', command) ?? DEMO_DEFAULTS.activation;
  const records = trainingFlag(args, 'records', command) ?? DEMO_DEFAULTS.records;
  const seed = trainingFlag(args, 'seed', command) ?? DEMO_DEFAULTS.seed;
  const estimators = parseEstimatorList(args.flags.get('estimators'), command) ?? demoEstimators(activation);
  const json = args.flags.has('json');
  const backend = trainingFlag(args, 'backend', command); // unset: INFOPLANE_BACKEND, else auto
  const plotlyjs = readCommandFlag(args, `infoplane ${command}`, 'plotlyjs', PLOTLYJS) ?? 'inline';
  // TensorFlow.js first: a missing package or backend is reported before anything is printed or written.
  const { initTensorFlow } = await import('../../tfjs/backend');
  await initTensorFlow({ backend });
  const runFile = path.join(out, 'run.ndjson');
  if (!json) {
    io.stderr(
      `infoplane demo: 12-10-7-5-4-3-2 ${activation} network on the 12-bit task, ${epochs} epochs; recording ${estimators
        .map((e) => (typeof e === 'string' ? e : e.label ?? e.name))
        .join(', ')} at ${Math.min(records, epochs + 1)} log-spaced epochs\n`,
    );
  }
  const overwrite = args.flags.has('overwrite');
  // The folder is this command's from before training until its figure is written: the figure and the run file
  // always come from the same run, and a second demo writing here at the same time is refused.
  const hold = claimRunFile(runFile, overwrite, command);
  let result: ExperimentResult;
  let figure: DemoFigure;
  try {
    result = await trainWithProgress('ib12', { epochs, activation, seed, estimators, schedule: { logSpaced: records }, runFile, overwrite }, io, args.flags.has('quiet'));
    figure = await writeFigure(result.run, out, !args.flags.has('no-image'), plotlyjs);
  } finally {
    hold.release();
  }
  const run = result.run;
  const labels = run.header.estimators.map((e) => e.label ?? e.name);
  const lastEpoch = Math.max(...run.points.map((p) => p.epoch));
  const layers = run.header.model.layers.map((l, i) => {
    const points: Record<string, { ixt?: number; ity?: number; hT?: number }> = {};
    for (const name of labels) {
      const p = run.points.find((q) => q.epoch === lastEpoch && q.layer === l.name && q.estimator === name);
      if (p) points[name] = { ixt: p.ixt, ity: p.ity, ...(p.hT !== undefined ? { hT: p.hT } : {}) };
    }
    return { layer: l.name, index: i, units: l.units, activation: l.activation, points };
  });
  const hY = run.header.meta?.hY as number;
  const finalLogs = result.finalLogs;
  if (json) {
    io.stdout(
      `${JSON.stringify({
        network: `12-10-7-5-4-3-2 ${activation}, softmax output`,
        dataset: 'ib12',
        n: run.header.probeSize,
        seed,
        epochs,
        units: run.header.units,
        hY,
        maxIxt: Math.log2(run.header.probeSize),
        estimators: labels,
        recordedEpochs: [...new Set(run.points.map((p) => p.epoch))].sort((a, b) => a - b),
        finalEpoch: lastEpoch,
        finalLogs,
        layers,
        runFile,
        figure,
        totalSeconds: result.totalMs / 1000,
      })}\n`,
    );
    return;
  }
  const u = run.header.units;
  const cell = (p?: { ixt?: number; ity?: number }) => (p && p.ixt !== undefined && p.ity !== undefined ? `${p.ixt.toFixed(2)}, ${p.ity.toFixed(2)}` : '-');
  const widths = labels.map((name) => Math.max(12, `${name} I(X;T), I(T;Y)`.length));
  const lines: string[] = [];
  const acc = finalLogs.acc ?? finalLogs.accuracy;
  const valAcc = finalLogs.val_acc ?? finalLogs.val_accuracy;
  lines.push(
    `Trained ${epochs} epochs in ${(result.totalMs / 1000).toFixed(1)} s: loss ${finalLogs.loss?.toFixed(4) ?? '-'}, accuracy ${acc?.toFixed(3) ?? '-'}${valAcc !== undefined ? `, validation accuracy ${valAcc.toFixed(3)}` : ''}.`,
  );
  lines.push(`Information plane at epoch ${lastEpoch} [${u}] (ceilings: I(X;T) <= log2 ${run.header.probeSize} = ${Math.log2(run.header.probeSize).toFixed(0)} bits, I(T;Y) <= H(Y) = ${hY?.toFixed(3)} ${u}):`);
  lines.push(`${'layer'.padEnd(8)} ${'units'.padStart(5)}  ${labels.map((name, i) => `${name} I(X;T), I(T;Y)`.padEnd(widths[i])).join('  ')}`);
  for (const l of layers) {
    lines.push(`${l.layer.padEnd(8)} ${String(l.units).padStart(5)}  ${labels.map((name, i) => cell(l.points[name]).padEnd(widths[i])).join('  ')}`);
  }
  lines.push('');
  lines.push(`Outputs in ${out}:`);
  lines.push(`  run file   ${runFile}   (summary: infoplane inspect ${runFile})`);
  if (figure.html) lines.push(`  figure     ${figure.html}   (open it in a browser; works offline)`);
  if (figure.png) lines.push(`  image      ${figure.png}`);
  if (figure.note) lines.push(`  (${figure.note})`);
  io.stdout(`${lines.join('\n')}\n`);
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'train the 12-bit network and record its information plane (run file + figure in runs/demo/)',
  usage: 'infoplane demo [--out DIR] [--overwrite] [--epochs N] [--activation tanh|relu] [--estimators a,b,c] [--records K] [--seed S] [--quiet] [--json]',
  flags: ['out', 'epochs', 'activation', 'estimators', 'records', 'seed', 'backend', 'plotlyjs', 'no-image', 'overwrite', 'quiet', 'json', 'help'],
  booleans: ['no-image', 'overwrite', 'quiet', 'json', 'help'],
  help: () => HELP,
  run: demo,
  // Errors about TensorFlow.js name the package to install rather than a flag.
  paramFlags: { '@tensorflow/tfjs': 'TensorFlow.js', backend: '--backend', chromium: 'Chromium', 'playwright-core': 'playwright-core' },
};
