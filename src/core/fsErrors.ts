/**
 * File-system failures told in words: which file, what went wrong and what to do. A full disk or a read-only
 * folder is the user's situation to fix, not an internal error; the error names the file so that the user
 * knows which one.
 */
import { fail } from './errors';

/** The reason and the way out for the errno codes a user can meet and fix. */
const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device: free some space or write elsewhere',
  EDQUOT: 'the disk quota is exceeded: free some space or write elsewhere',
  EROFS: 'the file system is read-only: write to another folder',
  EACCES: 'permission denied: write to a folder you own, or change its permissions',
  EPERM: 'operation not permitted: write to a folder you own, or change its permissions',
  EISDIR: 'it is a directory: give a file path',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files: close other programs or raise the limit (ulimit -n)',
  EIO: 'an input/output error: the device may be failing',
  EFBIG: 'the file is too large for the file system',
};

/** `error`'s errno code and a sentence about it (the code itself when it is not one of the usual ones). */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code && REASONS[code]) return `${code}: ${REASONS[code]}`;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Throw a `file_unwritable` InfoplaneError for a failed write: `fn: param must be a writable file path; got
 * "PATH" (ENOSPC: no space left on the device: ...)`. `action` says what was being done (e.g. `writing the run`).
 */
export function failWrite(fn: string, param: string, file: string, error: unknown, action?: string): never {
  fail('file_unwritable', {
    fn,
    param,
    expected: 'a writable file path',
    received: JSON.stringify(file),
    detail: `${action ? `${action}: ` : ''}${describeFsError(error)}`,
  });
}

/** Run `body` (a file-system call on `file`); an errno error it throws becomes `failWrite`. */
export function writing<T>(fn: string, param: string, file: string, body: () => T, action?: string): T {
  try {
    return body();
  } catch (error) {
    if (!isErrnoError(error)) throw error;
    return failWrite(fn, param, file, error, action);
  }
}

/** True for a Node.js system error (an errno code such as ENOSPC), not for an InfoplaneError or a bug. */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // duck-typed: errors from another realm (a vm context, jest) are not `instanceof Error` here
  return typeof error === 'object' && error !== null && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
