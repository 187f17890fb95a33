/**
 * `infoplane plot RUN... --out FILE`: figures of run files as offline HTML, SVG, PNG or Plotly JSON.
 * Several run files (seeds) give median trajectories with their spread.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InfoplaneError } from '../../core/errors';
import { writing } from '../../core/fsErrors';
import { printable } from '../../core/printable';
import { xmlSafeFigure } from '../../plot/xmlSafe';
import { interruptible } from '../interrupt';
import { readRun } from '../../run/parseRun';
import { Run } from '../../run/types';
import { choiceParam, integerParam } from '../../estimators/specs/params';
import { CliCommand, CliIO } from '../command';
import { readCommandFlag, readListFlag, readTextFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';
import type { PlotlyFigure } from '../../plot/figure';
import { correlateRuns } from '../../run/correlateRuns';
import { GAP_PARAM } from './correlate';

const KINDS = ['plane', 'panels', 'layers', 'curves', 'classes', 'training', 'correlate', 'spectra'] as const;
type Kind = (typeof KINDS)[number];
const FORMATS = ['.html', '.svg', '.png', '.json'] as const;

const HELP = `Usage: infoplane plot RUN... --out FILE.html|.svg|.png|.json [--kind plane|panels|layers|curves|classes|training|correlate|spectra]
                      [--estimator NAME[,NAME...]] [--layers A,B,...] [--width W] [--height H] [--title TEXT] [--slider]
                      [--seeds] [--epoch-scale auto|log|linear] [--labels SET] [--spectrum kappa|log-volume|stable-rank]

Draws run files (written by the training recorder) as a figure. One RUN gives its trajectories; several
RUNs (seeds of one configuration) give the median per layer and epoch with the inter-quartile range.

  --out FILE              the figure: .html (interactive, plotly.js embedded: opens offline), .svg or .png
                          (drawn by headless Chromium), or .json (the Plotly figure {data, layout})
  --kind KIND             plane (default): the information plane, I(X;T) against I(T;Y), one trajectory per
                            layer coloured by epoch, with the ceilings log2 n and H(Y);
                          panels: one information plane per estimator, side by side;
                          layers: one information plane per layer (a grid, same axes in every panel);
                          curves: I(X;T), I(T;Y) and H(T) against epoch;
                          classes: which classes a layer compresses: H(T|Y=c) against epoch, one line per
                            class, one panel per layer (runs recorded with perClass: true);
                          training: loss and accuracy against epoch;
                          correlate: (3 or more RUNs) each layer's final-epoch information against the
                            generalisation gap, one marker per run, with tau_b, rho, r and p-values (infoplane correlate);
                          spectra: each layer's weight spectrum against epoch (--spectrum: the condition number
                            kappa on a log axis, the log-volume or the stable rank; recorded by train)
  --estimator NAME        estimator to show (default: the first of the run with I(X;T) and I(T;Y));
                          for panels and curves a comma-separated list (default: all)
  --layers A,B            layers to show, comma-separated (default: all)
  --width W, --height H   size in pixels (default 900 x 600; HTML fills the window unless given)
  --title TEXT            figure title
  --slider                (plane, HTML) add an epoch slider that steps through training
  --seeds                 (plane, panels, layers; several RUNs) also draw every run's own trajectory behind the
                          medians (in every slider step too)
  --epoch-scale S         colour of the epoch: auto (default: log when the run was recorded on a log-spaced
                          schedule, so early epochs stay apart), log (log10(epoch + 1)) or linear
  --gap G                 (correlate) loss (default: val_loss - loss) or accuracy (acc - val_acc)
  --labels SET            (plane, panels, layers, curves) I(T;Y) against label set SET of a run recorded with
                          several (train --label-noise records clean and noisy; default: the first set)
  --spectrum Q            (spectra) kappa (default: s_max / s_min), log-volume (sum of ln s_i) or stable-rank
  --plotlyjs M            (HTML) where the page gets plotly.js: inline (default: embedded, offline, about 4.7 MB),
                          cdn (a small file that loads it from the plotly CDN) or directory (a small file and one
                          shared plotly.min.js beside it, copied there once)

SVG and PNG need Chrome or Chromium (apt-get install -y chromium, or set INFOPLANE_CHROMIUM to its path) and the
package playwright-core (npm install playwright-core); the time the image took is reported.
`;

const PREFIX = 'infoplane plot';
const value = (args: ParsedArgs, flag: string) => readTextFlag(args, PREFIX, flag);
const list = (args: ParsedArgs, flag: string) => readListFlag(args, PREFIX, flag);
/** `--plotlyjs`: where an HTML figure gets plotly.js (see figureToHtml). */
/** `--epoch-scale`: the epoch colour bar (see epochColoring). */
const EPOCH_SCALE = choiceParam(['auto', 'log', 'linear'] as const, { description: 'epoch colour scale' });
const PLOTLYJS = choiceParam(['inline', 'cdn', 'directory'] as const, { description: 'where the HTML figure gets plotly.js' });
/** `--spectrum`: the quantity of `--kind spectra`, by its flag spelling. */
const SPECTRUM = choiceParam(['kappa', 'log-volume', 'stable-rank'] as const, { description: 'weight-spectrum quantity' });
const SPECTRUM_OPTION = { kappa: 'kappa', 'log-volume': 'logVolume', 'stable-rank': 'stableRank' } as const;
/** A figure size in pixels. */
const PIXELS = integerParam({ min: 10, max: 20000, description: 'size in pixels' });
const size = (args: ParsedArgs, flag: string, fallback: number) => readCommandFlag(args, PREFIX, flag, PIXELS) ?? fallback;

/** Read a run file; errors name the RUN argument and the file. */
function readRunArg(file: string): Run {
  try {
    return readRun(file);
  } catch (e) {
    if (!(e instanceof InfoplaneError)) throw e;
    throw new InfoplaneError(e.code, {
      fn: e.fn,
      param: 'RUN',
      expected: e.expected,
      received: e.received,
      // parseRun names the file as the parameter; readRun's own errors already show the path as received
      detail: e.param === file ? (e.detail ? `${e.detail}; file ${file}` : `file ${file}`) : e.detail,
    });
  }
}

async function plot(args: ParsedArgs, io: CliIO): Promise<void> {
  const files = args.positionals;
  if (files.length === 0) throw new UsageError('infoplane plot: expected at least one RUN file (see infoplane plot --help)');
  const out = value(args, 'out');
  if (out === undefined) throw new UsageError('infoplane plot: --out is required (FILE.html, .svg, .png or .json)');
  const ext = path.extname(out).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) throw new UsageError(`infoplane plot: --out must end in .html, .svg, .png or .json; got "${out}"`);
  const rawKind = value(args, 'kind') ?? 'plane';
  if (!(KINDS as readonly string[]).includes(rawKind)) throw new UsageError(`infoplane plot: --kind must be one of ${KINDS.join(', ')}; got "${rawKind}"`);
  const kind = rawKind as Kind;
  const estimators = list(args, 'estimator');
  const layers = list(args, 'layers');
  const title = value(args, 'title');
  const slider = args.flags.has('slider');
  const seedTraces = args.flags.has('seeds');
  const epochScale = readCommandFlag(args, PREFIX, 'epoch-scale', EPOCH_SCALE) ?? 'auto';
  if ((seedTraces || args.flags.has('epoch-scale')) && (kind === 'curves' || kind === 'classes' || kind === 'training' || kind === 'correlate' || kind === 'spectra')) {
    throw new UsageError('infoplane plot: --seeds and --epoch-scale apply to --kind plane, panels and layers only');
  }
  const plotlyjs = readCommandFlag(args, PREFIX, 'plotlyjs', PLOTLYJS) ?? 'inline';
  if (args.flags.has('plotlyjs') && ext !== '.html') throw new UsageError('infoplane plot: --plotlyjs applies to .html output only');
  const givenWidth = args.flags.has('width') ? size(args, 'width', 900) : undefined;
  const givenHeight = args.flags.has('height') ? size(args, 'height', 600) : undefined;
  if (kind === 'training' && (estimators || layers)) throw new UsageError('infoplane plot: --estimator and --layers do not apply to --kind training');
  if ((kind === 'plane' || kind === 'layers') && estimators && estimators.length > 1) {
    throw new UsageError(`infoplane plot: --kind ${kind} shows one estimator; use --kind panels for several`);
  }
  if (slider && kind !== 'plane') throw new UsageError('infoplane plot: --slider applies to --kind plane only');
  if (args.flags.has('gap') && kind !== 'correlate') throw new UsageError('infoplane plot: --gap applies to --kind correlate only');
  if (kind === 'correlate' && estimators && estimators.length > 1) throw new UsageError('infoplane plot: --kind correlate shows one estimator');
  if (kind === 'classes' && estimators && estimators.length > 1) throw new UsageError('infoplane plot: --kind classes shows one estimator');
  if (kind === 'correlate' && files.length < 3) throw new UsageError(`infoplane plot: --kind correlate needs at least 3 RUN files; got ${files.length}`);
  const labelSet = value(args, 'labels');
  if (labelSet !== undefined && !['plane', 'panels', 'layers', 'curves'].includes(kind)) throw new UsageError('infoplane plot: --labels applies to --kind plane, panels, layers and curves only');
  const spectrum = readCommandFlag(args, PREFIX, 'spectrum', SPECTRUM);
  if (spectrum !== undefined && kind !== 'spectra') throw new UsageError('infoplane plot: --spectrum applies to --kind spectra only');
  if (kind === 'spectra' && estimators) throw new UsageError('infoplane plot: --estimator does not apply to --kind spectra');

  const runs = files.map(readRunArg);
  runs.forEach((r, i) => {
    if (r.truncated) io.stderr(`infoplane plot: warning: ${files[i]} ends in a partial line (line ${r.truncated.line}, dropped): the run was cut short\n`);
    for (const k of r.skipped ?? []) io.stderr(`infoplane plot: warning: ${files[i]}: line ${k.line} left out: ${printable(k.reason, { oneLine: true })}\n`);
  });
  const plotApi = await import('../../plot');
  const run: Run | Run[] = runs.length === 1 ? runs[0] : runs;
  let figure: PlotlyFigure;
  if (kind === 'plane') {
    figure = plotApi.infoPlaneFigure(run, { estimator: estimators?.[0], layers, title, slider, seedTraces, epochScale, labels: labelSet });
  } else if (kind === 'panels') {
    figure = plotApi.infoPlanePanels(run, { estimators, layers, title, seedTraces, epochScale, labels: labelSet });
  } else if (kind === 'layers') {
    figure = plotApi.layersFigure(run, { estimator: estimators?.[0], layers, title, seedTraces, epochScale, labels: labelSet });
  } else if (kind === 'spectra') {
    figure = plotApi.weightSpectraFigure(run, { quantity: SPECTRUM_OPTION[spectrum ?? 'kappa'], layers, title });
  } else if (kind === 'correlate') {
    const gap = readCommandFlag(args, PREFIX, 'gap', GAP_PARAM) ?? 'loss';
    figure = plotApi.correlateFigure(correlateRuns(runs, { estimator: estimators?.[0], layers, gap }), { title });
  } else if (kind === 'classes') {
    figure = plotApi.perClassFigure(run, { estimator: estimators?.[0], layers, title });
  } else if (kind === 'curves') {
    figure = plotApi.informationCurvesFigure(run, { estimators, layers, title, labels: labelSet });
  } else {
    figure = plotApi.trainingFigure(run, { title });
  }
  if (kind === 'plane' || kind === 'panels' || kind === 'layers') {
    // Each trace carries its estimator's name (escaped for Plotly) in `meta`.
    const names = [...new Set(figure.data.map((t) => String(t.meta ?? '')))];
    for (const est of names.filter((n) => n.length > 0)) {
      const estimator = est.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      // the points' own warnings (run files that carry them); older run files: the saturation test on the values
      const shown = layers ?? [...new Set((Array.isArray(run) ? run : [run]).flatMap((r) => r.points.filter((p) => p.estimator === estimator).map((p) => p.layer)))];
      const carried = plotApi.figureWarnings(run, estimator, shown);
      for (const w of carried) {
        // the run file's text, escaped before it reaches the terminal
        const line = `${estimator}: layer ${w.layer}: ${w.code} at ${w.epochs.length} epoch(s): ${w.message}`;
        io.stderr(`infoplane plot: warning: ${printable(line, { oneLine: true })}\n`);
      }
      if (carried.some((w) => w.code === 'saturated')) continue;
      for (const s of plotApi.saturatedLayers(run, { estimator, layers })) {
        io.stderr(`infoplane plot: warning: ${estimator}: I(X;T) of layer ${s.layer} is within 1% of log n = ${s.ceiling.toFixed(3)} at ${s.epochs.length} epoch(s): the estimator has saturated there\n`);
      }
    }
  }

  let bytes: Buffer;
  let drawn = '';
  if (ext === '.json') {
    bytes = Buffer.from(`${JSON.stringify(figure)}\n`);
  } else if (ext === '.html') {
    bytes = Buffer.from(plotApi.figureToHtml(figure, { title, width: givenWidth, height: givenHeight, plotlyjs }), 'utf8');
  } else {
    // XML (SVG, and PNG through SVG) cannot hold NUL, ESC or lone surrogates: such names are drawn escaped
    const safe = xmlSafeFigure(figure);
    for (const name of safe.changed) io.stderr(`infoplane plot: warning: ${printable(name, { oneLine: true })}: characters XML cannot hold are shown as \\uXXXX in the ${ext.slice(1).toUpperCase()}\n`);
    try {
      bytes = await interruptible(`drawing ${out}`, () => plotApi.renderFigure(safe.figure, { format: ext === '.svg' ? 'svg' : 'png', width: givenWidth ?? 900, height: givenHeight ?? 600 }));
    } finally {
      await plotApi.closeSharedRenderer(); // one figure per command: let the process exit now
    }
    const t = plotApi.lastRenderTiming();
    if (t) drawn = `, drawn in ${((t.startMs + t.drawMs) / 1000).toFixed(2)} s (browser start ${(t.startMs / 1000).toFixed(2)} s)`;
  }
  writing('infoplane plot', '--out', out, () => fs.writeFileSync(out, bytes), 'writing the figure');
  if (ext === '.html' && plotlyjs === 'directory') plotApi.writeFigureHtml(out, figure, { title, width: givenWidth, height: givenHeight, plotlyjs });
  io.stdout(`wrote ${out} (${kind}, ${runs.length} run${runs.length === 1 ? '' : 's'}, ${bytes.length} bytes${drawn})\n`);
}

export const plotCommand: CliCommand = {
  name: 'plot',
  summary: 'figures of run files: the information plane and more, as offline HTML, SVG, PNG or JSON',
  usage: 'infoplane plot RUN... --out FILE.html|.svg|.png|.json [--kind plane|panels|layers|curves|classes|training|correlate|spectra] [--gap loss|accuracy] [--estimator NAME] [--layers A,B] [--labels SET] [--spectrum kappa|log-volume|stable-rank] [--width W --height H] [--title TEXT] [--slider] [--seeds] [--epoch-scale auto|log|linear] [--plotlyjs inline|cdn|directory]',
  flags: ['out', 'kind', 'estimator', 'layers', 'width', 'height', 'title', 'slider', 'seeds', 'epoch-scale', 'plotlyjs', 'gap', 'labels', 'spectrum', 'help'],
  booleans: ['slider', 'seeds', 'help'],
  help: () => HELP,
  run: plot,
  paramFlags: {
    RUN: 'RUN',
    run: 'RUN',
    file: 'RUN',
    figure: '--out',
    chromium: 'Chromium',
    'playwright-core': 'playwright-core',
    plotlyjs: '--plotlyjs',
    estimator: '--estimator',
    estimators: '--estimator',
    layers: '--layers',
    title: '--title',
    epochScale: '--epoch-scale',
    seedTraces: '--seeds',
    labels: '--labels',
    quantity: '--spectrum',
  },
};
