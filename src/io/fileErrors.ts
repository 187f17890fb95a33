/**
 * File reading with errors that name the path. Internal to `src/io`.
 */
import * as fs from 'fs';
import { describeValue, fail, InfoplaneError } from '../core/errors';

/** Read a whole file; a missing, unreadable or non-file path is a `file_unreadable` error naming it. */
export function readFileBytes(path: string, fn: string, param: string): Buffer {
  return reading(path, fn, param, () => fs.readFileSync(path));
}

/** The first `length` bytes of a file (fewer if it is shorter), with the errors of `readFileBytes`. */
export function readFilePrefix(path: string, length: number, fn: string, param: string): Buffer {
  return reading(path, fn, param, () => {
    const fd = fs.openSync(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(length, fs.fstatSync(fd).size));
      const got = fs.readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, got);
    } finally {
      fs.closeSync(fd);
    }
  });
}

function reading(path: string, fn: string, param: string, read: () => Buffer): Buffer {
  if (typeof path !== 'string' || path.length === 0) {
    fail('invalid_type', { fn, param, expected: 'a file path', received: describeValue(path) });
  }
  try {
    return read();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EISDIR'
          ? 'it is a directory'
          : err.code === 'EACCES' || err.code === 'EPERM'
            ? 'permission denied'
            : err.message;
    fail('file_unreadable', { fn, param, expected: 'a readable file', received: describeValue(path), detail: reason });
  }
}

/** The detail part of an InfoplaneError's message (the text in the final parentheses), if any. */
function detailOf(e: InfoplaneError): string | undefined {
  const prefix = `${e.fn}: ${e.param} must be ${e.expected}; got ${e.received}`;
  if (!e.message.startsWith(prefix)) return undefined;
  const rest = e.message.slice(prefix.length);
  return rest.startsWith(' (') && rest.endsWith(').') ? rest.slice(2, -2) : undefined;
}

/**
 * Run `body`; an InfoplaneError it throws is rethrown with `file PATH` appended to its detail, so that every
 * error from a file reader says which file is at fault. Errors already about the file (`file_unreadable`) pass.
 */
export function withFile<T>(path: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (!(e instanceof InfoplaneError) || e.code === 'file_unreadable') throw e;
    const detail = detailOf(e);
    throw new InfoplaneError(e.code, {
      fn: e.fn,
      param: e.param,
      expected: e.expected,
      received: e.received,
      detail: detail ? `${detail}; file ${path}` : `file ${path}`,
    });
  }
}
