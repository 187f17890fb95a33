/**
 * Text that is safe to print on a terminal. Error messages, warnings and summaries quote what the user gave
 * (file names, cells of a CSV, layer names in a shared run file): a raw ESC or carriage return there could
 * clear the screen, move the cursor or fake a line of output. Every such character is shown as a `\uXXXX`
 * escape instead, which also keeps JSON text valid (JSON reads `\uXXXX` inside a string as the same character).
 */

/**
 * C0 controls (tab and line feed aside), DEL, C1 controls, the Unicode line and paragraph separators, the
 * bidirectional overrides and isolates (they reorder what follows on the line) and lone surrogates.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` with every non-printable character written as `\uXXXX`. Line feeds and tabs are kept unless
 * `oneLine` is true (then they are escaped too: a one-line message stays one line).
 *
 * @example
 * printable('a\u001b[2Jb'); // => 'a\\u001b[2Jb'
 * printable('x\ny', {oneLine: true}); // => 'x\\u000ay'
 */
export function printable(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? UNSAFE_ONE_LINE : UNSAFE, escapeChar);
}

/** True when `text` holds a character that `printable` would escape (tabs and line feeds aside). */
export function hasUnprintable(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
