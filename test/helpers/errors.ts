/** Assertions on InfoplaneError, shared by the test files. */
import { InfoplaneError } from '../../src/core/errors';

/** The InfoplaneError `call` throws; fails the test when it throws something else or nothing. */
export function thrownError(call: () => unknown): InfoplaneError {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(InfoplaneError);
    return e as InfoplaneError;
  }
  throw new Error('expected an InfoplaneError, but nothing was thrown');
}

/** Expect `call` to throw an InfoplaneError with the given code, param and message (each when given). */
export function expectInfoplaneError(call: () => unknown, expected: { code?: string; param?: string; message?: RegExp }): InfoplaneError {
  const error = thrownError(call);
  if (expected.code !== undefined) expect(error.code).toBe(expected.code);
  if (expected.param !== undefined) expect(error.param).toBe(expected.param);
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  return error;
}
