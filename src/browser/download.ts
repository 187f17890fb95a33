/** Offering a run to the user of a page: the run file's text as a Blob, and a download of it. */
import { describeValue, fail } from '../core/errors';
import { runToNdjson } from '../run/ndjson';
import { Run } from '../run/types';
import { pageDocument } from './dom';

/** The run as a run file (NDJSON), in a Blob of type `application/x-ndjson`. */
export function runBlob(run: Run): Blob {
  return new Blob([runToNdjson(run)], { type: 'application/x-ndjson' });
}

/**
 * Offer the run for download as `fileName` (the browser saves it as a run file that `readRun` and the command line
 * read). Returns the file name.
 * @example
 * downloadRun(callback.run!, 'ib12-tanh.ndjson');
 */
export function downloadRun(run: Run | undefined, fileName = 'run.ndjson'): string {
  if (!run || typeof run !== 'object' || !run.header) fail('invalid_type', { fn: 'downloadRun', param: 'run', expected: 'a recorded run (recorder.run after the first recorded epoch)', received: describeValue(run) });
  if (typeof fileName !== 'string' || fileName === '') fail('invalid_type', { fn: 'downloadRun', param: 'fileName', expected: 'a file name', received: describeValue(fileName) });
  const doc = pageDocument();
  if (!doc) fail('invalid_option', { fn: 'downloadRun', param: 'run', expected: 'a page to download from (in a worker or in Node, write runToNdjson(run) yourself)', received: 'no document' });
  const url = URL.createObjectURL(runBlob(run));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // the click has started the download; the URL may go once the event loop has handed it over
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return fileName;
}
