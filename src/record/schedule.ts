/**
 * Which epochs to record. Epochs are counted as COMPLETED epochs: 0 is the network before training, e the
 * network after e epochs (tfjs's 0-based epoch index + 1), so a schedule over `total` planned epochs runs over
 * 0..total.
 */
import { describeValue, fail } from '../core/errors';
import { checkNumber } from '../core/validate';

/** A resolved schedule: a fast membership test plus a JSON description for run headers. */
export interface Schedule {
  /** True when `epoch` (completed epochs) is to be recorded. */
  includes(epoch: number): boolean;
  /** JSON-able description, e.g. `{kind: 'log-spaced', count: 30, total: 1000, epochs: [...]}`. */
  readonly description: Record<string, unknown>;
}

/**
 * How a schedule may be given: `'every-epoch'`, `{every: k}`, `{logSpaced: count}` (needs the planned number of
 * epochs), an explicit list of epochs, or a predicate `(epoch) => boolean`.
 */
export type ScheduleSpec = 'every-epoch' | { every: number } | { logSpaced: number } | readonly number[] | ((epoch: number) => boolean) | Schedule;

/** Every epoch, 0 included. */
export function everyEpoch(): Schedule {
  return { includes: (epoch) => epoch >= 0, description: { kind: 'every-epoch' } };
}

/** Every `k`-th epoch: 0, k, 2k, ... */
export function everyKEpochs(k: number): Schedule {
  checkNumber('everyKEpochs', 'k', k, { integer: true, min: 1 });
  return { includes: (epoch) => epoch >= 0 && epoch % k === 0, description: { kind: 'every', every: k } };
}

/** Exactly the listed epochs. */
export function epochList(epochs: readonly number[]): Schedule {
  const fn = 'epochList';
  if (!Array.isArray(epochs)) fail('invalid_type', { fn, param: 'epochs', expected: 'an array of epoch numbers', received: describeValue(epochs) });
  epochs.forEach((e, i) => checkNumber(fn, `epochs[${i}]`, e, { integer: true, min: 0 }));
  const set = new Set(epochs);
  return { includes: (epoch) => set.has(epoch), description: { kind: 'list', epochs: [...set].sort((a, b) => a - b) } };
}

/**
 * `count` distinct epochs spread evenly on a log scale over 0..`total` (as ibsgd records: dense early, when
 * the information plane moves fast, sparse late): 0, then round(total^(i/(count-2))) for i = 0..count-2,
 * bumped to consecutive epochs where the log spacing is finer than one epoch. Always includes 0 and `total`.
 * With count > total + 1, every epoch.
 * @example
 * logSpacedEpochs(1000, 8); // => epochs 0, 1, 3, 7, 19, 52, 139, 373, 1000 ... (description.epochs)
 */
export function logSpacedEpochList(total: number, count: number): number[] {
  const fn = 'logSpacedEpochs';
  checkNumber(fn, 'total', total, { integer: true, min: 1 });
  checkNumber(fn, 'count', count, { integer: true, min: 2 });
  if (count >= total + 1) return Array.from({ length: total + 1 }, (_, i) => i);
  const out = [0];
  const m = count - 1; // epochs from 1 to total
  for (let i = 0; i < m; i++) {
    const target = m === 1 ? total : Math.round(Math.exp((Math.log(total) * i) / (m - 1)));
    out.push(Math.max(target, out[out.length - 1] + 1));
  }
  // bumping may overshoot at the end: pull back so that the last is `total` and all stay distinct
  out[out.length - 1] = total;
  for (let i = out.length - 2; i > 0; i--) out[i] = Math.min(out[i], out[i + 1] - 1);
  return out;
}

/** The log-spaced schedule of `logSpacedEpochList(total, count)`. */
export function logSpacedEpochs(total: number, count: number): Schedule {
  const epochs = logSpacedEpochList(total, count);
  const set = new Set(epochs);
  return { includes: (epoch) => set.has(epoch), description: { kind: 'log-spaced', count, total, epochs } };
}

/**
 * Turn a `ScheduleSpec` into a `Schedule`. `plannedEpochs` is needed by `{logSpaced}` only.
 * @throws InfoplaneError naming `param` for an unknown form or a bad number.
 */
export function resolveSchedule(spec: ScheduleSpec, plannedEpochs?: number, fn = 'resolveSchedule', param = 'schedule'): Schedule {
  if (spec === 'every-epoch') return everyEpoch();
  if (typeof spec === 'function') {
    const predicate = spec;
    return { includes: (epoch) => predicate(epoch) === true, description: { kind: 'function' } };
  }
  if (Array.isArray(spec)) return epochList(spec);
  if (typeof spec === 'object' && spec !== null) {
    if (typeof (spec as Schedule).includes === 'function') return spec as Schedule;
    if ('every' in spec) return everyKEpochs(checkNumber(fn, `${param}.every`, spec.every, { integer: true, min: 1 }));
    if ('logSpaced' in spec) {
      const count = checkNumber(fn, `${param}.logSpaced`, spec.logSpaced, { integer: true, min: 2 });
      if (plannedEpochs === undefined) {
        fail('invalid_option', { fn, param, expected: 'a planned number of epochs with {logSpaced}', received: 'no planned epochs' });
      }
      return logSpacedEpochs(checkNumber(fn, 'epochs', plannedEpochs, { integer: true, min: 1 }), count);
    }
  }
  return fail('invalid_option', {
    fn,
    param,
    expected: "'every-epoch', {every: k}, {logSpaced: count}, an array of epochs or a function (epoch) => boolean",
    received: describeValue(spec),
  });
}
