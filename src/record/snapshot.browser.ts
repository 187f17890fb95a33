/**
 * The browser twin of the part of `snapshot.ts` the recorder uses (the browser bundle resolves it in place of the
 * Node one): activation snapshots are folders of .npy files, so `keepActivations` is refused in a page with the
 * way out, before training starts writes anything.
 */
import { fail } from '../core/errors';
import type * as NodeSnapshot from './snapshot';

/** Refused in the browser (see the module comment). */
export const writeSnapshotEpoch: typeof NodeSnapshot.writeSnapshotEpoch = (folder, epoch, layers, logs, options) => {
  void [epoch, layers, logs];
  return fail('invalid_option', {
    fn: options.fn,
    param: options.param,
    expected: 'no activation folder in a browser (activation snapshots are .npy files: record them with Node)',
    received: JSON.stringify(folder),
  });
};
