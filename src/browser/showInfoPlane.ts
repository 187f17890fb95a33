/**
 * The live information plane of a page, in the spirit of tfjs-vis `show.fitCallbacks`: `showInfoPlane(element,
 * args)` returns a tfjs callback (an `InfoPlaneCallback`) whose estimates are made in a Web Worker
 * (`WorkerRecorder`), and which redraws a Plotly figure (`infoPlanePanels`: one panel per estimator) in `element`
 * each time a recorded epoch's points arrive. Training does not wait for the estimates (up to `maxPending` epochs
 * in flight); `await live.flush()` after `fit` waits for the last ones.
 */
import { describeValue, fail } from '../core/errors';
import { InfoPlanePanelsOptions, infoPlanePanels } from '../plot/infoPlane';
import { PlotlyFigure } from '../plot/figure';
import { Run, RunPointRecord } from '../run/types';
import type { InfoPlaneCallback, InfoPlaneCallbackArgs } from '../tfjs/infoPlaneCallback';
import { downloadRun } from './download';
import { ElementLike, pageDocument } from './dom';
import { WorkerRecorder, WorkerRecorderOptions } from './workerRecorder';

/** The part of Plotly the live plane uses (`Plotly.react`). */
export interface PlotlyLike {
  react(element: unknown, data: unknown[], layout: unknown, config?: unknown): unknown;
}

export interface ShowInfoPlaneArgs extends Omit<InfoPlaneCallbackArgs, 'createRecorder'>, Pick<WorkerRecorderOptions, 'worker' | 'workerUrl' | 'maxPending' | 'onError'> {
  /** Options of the figure (`infoPlanePanels`). Defaults to {}. */
  figure?: InfoPlanePanelsOptions;
  /** Plotly. Defaults to the page's `Plotly` global (plotly.min.js). */
  plotly?: PlotlyLike;
}

/** The callback to give to `model.fit`, with what the page needs after training. */
export type LiveInfoPlane = InfoPlaneCallback & {
  /** The element drawn into. */
  readonly element: ElementLike;
  /** Wait for every recorded epoch's estimates; the whole run. Rejects when an epoch failed. */
  flush(): Promise<Run | undefined>;
  /** Draw the run recorded so far now (done after each recorded epoch). */
  redraw(): void;
  /** Offer the run recorded so far for download as NDJSON (see `downloadRun`). */
  download(fileName?: string): string;
};

export const SHOW_INFO_PLANE_DEFAULTS = { figure: {} as InfoPlanePanelsOptions } as const;

/**
 * A tfjs callback that records the information plane in a Web Worker and draws it live in `element` (an element
 * or its id). Takes the arguments of `infoPlaneCallback` (not `runFile`: a page keeps the run in memory; see
 * `download`) and the worker and figure options.
 * @example
 * const live = showInfoPlane('plane', {x: xs, y: ys, estimators: ['binning', 'kde'], schedule: 'every-epoch'});
 * await model.fit(xs, ys, {epochs: 30, callbacks: [live]});
 * await live.flush();
 * live.download('ib12.ndjson');
 */
export function showInfoPlane(element: ElementLike | string, args: ShowInfoPlaneArgs): LiveInfoPlane {
  const fn = 'showInfoPlane';
  if (typeof args !== 'object' || args === null) fail('invalid_type', { fn, param: 'args', expected: 'an object', received: describeValue(args) });
  const target = typeof element === 'string' ? pageDocument()?.getElementById(element) : element;
  if (!target || typeof target !== 'object') fail('invalid_type', { fn, param: 'element', expected: 'an element of the page (or its id)', received: describeValue(element) });
  const { figure = SHOW_INFO_PLANE_DEFAULTS.figure, plotly, worker, workerUrl, maxPending, onError, onRecord, ...callbackArgs } = args;
  if (typeof figure !== 'object' || figure === null) fail('invalid_type', { fn, param: 'figure', expected: 'figure options (infoPlanePanels)', received: describeValue(figure) });
  const draw = plotly ?? (globalThis as { Plotly?: PlotlyLike }).Plotly;
  if (!draw || typeof draw.react !== 'function') fail('invalid_option', { fn, param: 'plotly', expected: 'Plotly: <script src=".../plotly.min.js"> or the plotly option', received: describeValue(draw) });
  let recorder: WorkerRecorder | undefined;
  let scheduled = false;
  const redraw = (): void => {
    const run = recorder?.run;
    if (!run || run.points.length === 0) return;
    let fig: PlotlyFigure;
    try {
      fig = infoPlanePanels(run, figure);
    } catch (error) {
      // no plane points yet (entropy-only estimators), or figure options that do not fit the run: say it in place
      target.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    void draw.react(target, fig.data, fig.layout, { responsive: true, displaylogo: false });
  };
  const arrived = (epoch: number, points: RunPointRecord[]): void => {
    onRecord?.(epoch, points);
    if (scheduled) return;
    scheduled = true;
    // several epochs arriving together are drawn once
    setTimeout(() => {
      scheduled = false;
      redraw();
    }, 0);
  };
  const callback = callbackModule().infoPlaneCallback({
    ...callbackArgs,
    createRecorder: (recorderArgs) => {
      recorder = new WorkerRecorder(recorderArgs, { worker, workerUrl, maxPending, onError, onRecord: arrived });
      return recorder;
    },
  });
  return Object.assign(callback, {
    element: target,
    flush: async (): Promise<Run | undefined> => {
      const run = await recorder?.flush();
      redraw();
      return run;
    },
    redraw,
    download: (fileName?: string): string => downloadRun(recorder?.run, fileName),
  });
}

function callbackModule(): typeof import('../tfjs/infoPlaneCallback') {
  // evaluated on first use, when the page's TensorFlow.js is there (see `infoPlaneCallback` in ./index.ts)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../tfjs/infoPlaneCallback');
}
