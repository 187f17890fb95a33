import { hasUnprintable, printable } from './printable';

describe('printable', () => {
  it('printable(text) escapes C0 and C1 controls, DEL, bidi overrides and lone surrogates, and keeps line feeds, tabs and emoji', () => {
    expect(printable('a\u001b[2Jb\r\u0007\u007f\u009b\u202e\u2066\u2028')).toBe('a\\u001b[2Jb\\u000d\\u0007\\u007f\\u009b\\u202e\\u2066\\u2028');
    expect(printable('x\ny\tz \u00e9 \ud83d\ude00')).toBe('x\ny\tz \u00e9 \ud83d\ude00');
    expect(printable('lone \ud800 and \udc00')).toBe('lone \\ud800 and \\udc00');
    expect(printable('x\ny\tz', { oneLine: true })).toBe('x\\u000ay\\u0009z');
  });

  it('printable(text) inside a JSON string keeps it valid JSON with the same value', () => {
    const value = { name: 'h\u009b1\u202e' };
    expect(JSON.parse(printable(JSON.stringify(value)))).toEqual(value);
  });

  it('hasUnprintable(text) tells whether printable would change it (line feeds aside)', () => {
    expect(hasUnprintable('a\u001bb')).toBe(true);
    expect(hasUnprintable('plain\ntext')).toBe(false);
    expect(hasUnprintable('a\u001bb')).toBe(true); // no state kept between calls
  });
});
