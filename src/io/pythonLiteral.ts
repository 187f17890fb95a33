/**
 * A parser for the small subset of Python literal syntax used in .npy headers:
 * dicts, tuples, lists, strings, integers, floats, True, False and None. Internal to `readNpy`.
 */

/** A parsed Python literal: dicts become `Map`s (keys kept in order), tuples and lists become arrays. */
export type PyValue = string | number | boolean | null | PyValue[] | Map<string, PyValue>;

/** Thrown on a syntax error; `readNpy` turns it into a `file_malformed` InfoplaneError. */
export class PyLiteralError extends Error {}

/** Parse one Python literal that fills `text` (surrounding whitespace allowed). */
export function parsePythonLiteral(text: string): PyValue {
  const p = new Parser(text);
  const value = p.value();
  p.skipSpace();
  if (p.pos < text.length) p.error('unexpected text after the value');
  return value;
}

/** Deepest nesting of dicts, tuples and lists accepted: a real header nests 3 levels; a hostile one could overflow the stack. */
export const MAX_LITERAL_DEPTH = 64;

class Parser {
  pos = 0;
  private depth = 0;
  constructor(readonly text: string) {}

  error(message: string): never {
    throw new PyLiteralError(`${message} at character ${this.pos}`);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length && /\s/.test(t[this.pos])) this.pos++;
  }

  value(): PyValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) this.error('unexpected end of header');
    if (c === '{' || c === '(' || c === '[') {
      if (this.depth >= MAX_LITERAL_DEPTH) this.error(`nesting deeper than ${MAX_LITERAL_DEPTH} levels`);
      this.depth++;
      const v = c === '{' ? this.dict() : this.sequence(c === '(' ? ')' : ']');
      this.depth--;
      return v;
    }
    if (c === "'" || c === '"') return this.string();
    if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) return this.number();
    const word = /^[A-Za-z_]\w*/.exec(this.text.slice(this.pos));
    if (word) {
      this.pos += word[0].length;
      if (word[0] === 'True') return true;
      if (word[0] === 'False') return false;
      if (word[0] === 'None') return null;
      this.pos -= word[0].length;
      this.error(`unexpected name ${word[0]}`);
    }
    this.error(`unexpected character ${JSON.stringify(c)}`);
  }

  dict(): Map<string, PyValue> {
    const out = new Map<string, PyValue>();
    this.pos++; // {
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.value();
      if (typeof key !== 'string') this.error('dict keys must be strings');
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.error('expected ":"');
      this.pos++;
      out.set(key, this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c !== '}') this.error('expected "," or "}"');
    }
  }

  sequence(close: string): PyValue[] {
    const out: PyValue[] = [];
    this.pos++; // ( or [
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c !== close) this.error(`expected "," or "${close}"`);
    }
  }

  string(): string {
    const t = this.text;
    const quote = t[this.pos++];
    let out = '';
    for (;;) {
      const c = t[this.pos++];
      if (c === undefined) this.error('unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = t[this.pos++];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === '0') out += '\0';
      else if (e === 'x' || e === 'u' || e === 'U') {
        const size = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = t.slice(this.pos, this.pos + size);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== size) this.error('bad escape in string');
        out += String.fromCodePoint(parseInt(hex, 16));
        this.pos += size;
      } else if (e === undefined) this.error('unterminated string');
      else out += e; // \\ \' \" and anything else literally
    }
  }

  number(): number {
    const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[lL]?/.exec(this.text.slice(this.pos));
    if (!m) this.error('bad number');
    this.pos += m[0].length;
    return Number(m[0].replace(/[lL]$/, ''));
  }
}
