/**
 * `infoplane plot RUN... --out FILE`: figures of run files as offline HTML, SVG, PNG or Plotly JSON.
 * Several run files (seeds) give median trajectories with their spread.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InfoplaneError, fail } from '../../core/errors';
import { readRun } from '../../run/parseRun';
import { Run } from '../../run/types';
import { integerParam } from '../../estimators/specs/params';
import { CliCommand, CliIO } from '../command';
import { readCommandFlag, readListFlag, readTextFlag } from '../flags';
import { ParsedArgs, UsageError } from '../parseArgs';
import type { PlotlyFigure } from '../../plot/figure';

const KINDS = ['plane', 'panels', 'curves', 'training'] as const;
type Kind = (typeof KINDS)[number];
const FORMATS = ['.html', '.svg', '.png', '.json'] as const;

const HELP = `Usage: infoplane plot RUN... --out FILE.html|.svg|.png|.json [--kind plane|panels|curves|training]
                      [--estimator NAME[,NAME...]] [--layers A,B,...] [--width W] [--height H] [--title TEXT] [--slider]

Draws run files (written by the training recorder) as a figure. One RUN gives its trajectories; several
RUNs (seeds of one configuration) give the median per layer and epoch with the inter-quartile range.

  --out FILE              the figure: .html (interactive, plotly.js embedded: opens offline), .svg or .png
                          (drawn by headless Chromium), or .json (the Plotly figure {data, layout})
  --kind KIND             plane (default): the information plane, I(X;T) against I(T;Y), one trajectory per
                            layer coloured by epoch, with the ceilings log2 n and H(Y);
                          panels: one information plane per estimator, side by side;
                          curves: I(X;T), I(T;Y) and H(T) against epoch;
                          training: loss and accuracy against epoch
  --estimator NAME        estimator to show (default: the first of the run with I(X;T) and I(T;Y));
                          for panels and curves a comma-separated list (default: all)
  --layers A,B            layers to show, comma-separated (default: all)
  --width W, --height H   size in pixels (default 900 x 600; HTML fills the window unless given)
  --title TEXT            figure title
  --slider                (plane, HTML) add an epoch slider that steps through training

SVG and PNG need Chrome or Chromium: apt-get install -y chromium, or set INFOPLANE_CHROMIUM to its path.
`;

const PREFIX = 'infoplane plot';
const value = (args: ParsedArgs, flag: string) => readTextFlag(args, PREFIX, flag);
const list = (args: ParsedArgs, flag: string) => readListFlag(args, PREFIX, flag);
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
  const givenWidth = args.flags.has('width') ? size(args, 'width', 900) : undefined;
  const givenHeight = args.flags.has('height') ? size(args, 'height', 600) : undefined;
  if (kind === 'training' && (estimators || layers)) throw new UsageError('infoplane plot: --estimator and --layers do not apply to --kind training');
  if (kind === 'plane' && estimators && estimators.length > 1) {
    throw new UsageError('infoplane plot: --kind plane shows one estimator; use --kind panels for several');
  }
  if (slider && kind !== 'plane') throw new UsageError('infoplane plot: --slider applies to --kind plane only');

  const runs = files.map(readRunArg);
  runs.forEach((r, i) => {
    if (r.truncated) io.stderr(`infoplane plot: warning: ${files[i]} ends in a partial line (line ${r.truncated.line}, dropped): the run was cut short\n`);
  });
  const plotApi = await import('../../plot');
  const run: Run | Run[] = runs.length === 1 ? runs[0] : runs;
  let figure: PlotlyFigure;
  if (kind === 'plane') {
    figure = plotApi.infoPlaneFigure(run, { estimator: estimators?.[0], layers, title, slider });
  } else if (kind === 'panels') {
    figure = plotApi.infoPlanePanels(run, { estimators, layers, title });
  } else if (kind === 'curves') {
    figure = plotApi.informationCurvesFigure(run, { estimators, layers, title });
  } else {
    figure = plotApi.trainingFigure(run, { title });
  }
  if (kind === 'plane' || kind === 'panels') {
    // Each trace carries its estimator's name (escaped for Plotly) in `meta`.
    const names = [...new Set(figure.data.map((t) => String(t.meta ?? '')))];
    for (const est of names.filter((n) => n.length > 0)) {
      const estimator = est.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      for (const s of plotApi.saturatedLayers(run, { estimator, layers })) {
        io.stderr(`infoplane plot: warning: ${estimator}: I(X;T) of layer ${s.layer} is within 1% of log n = ${s.ceiling.toFixed(3)} at ${s.epochs.length} epoch(s): the estimator has saturated there\n`);
      }
    }
  }

  let bytes: Buffer;
  if (ext === '.json') {
    bytes = Buffer.from(`${JSON.stringify(figure)}\n`);
  } else if (ext === '.html') {
    bytes = Buffer.from(plotApi.figureToHtml(figure, { title, width: givenWidth, height: givenHeight }), 'utf8');
  } else {
    bytes = await plotApi.renderFigure(figure, { format: ext === '.svg' ? 'svg' : 'png', width: givenWidth ?? 900, height: givenHeight ?? 600 });
  }
  try {
    fs.writeFileSync(out, bytes);
  } catch (e) {
    fail('file_unreadable', { fn: 'infoplane plot', param: '--out', expected: 'a writable file path', received: JSON.stringify(out), detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  io.stdout(`wrote ${out} (${kind}, ${runs.length} run${runs.length === 1 ? '' : 's'}, ${bytes.length} bytes)\n`);
}

export const plotCommand: CliCommand = {
  name: 'plot',
  summary: 'figures of run files: the information plane and more, as offline HTML, SVG, PNG or JSON',
  usage: 'infoplane plot RUN... --out FILE.html|.svg|.png|.json [--kind plane|panels|curves|training] [--estimator NAME] [--layers A,B] [--width W --height H] [--title TEXT] [--slider]',
  flags: ['out', 'kind', 'estimator', 'layers', 'width', 'height', 'title', 'slider', 'help'],
  booleans: ['slider', 'help'],
  help: () => HELP,
  run: plot,
  paramFlags: {
    RUN: 'RUN',
    run: 'RUN',
    file: 'RUN',
    figure: '--out',
    chromium: 'Chromium',
    estimator: '--estimator',
    estimators: '--estimator',
    layers: '--layers',
    title: '--title',
  },
};
