/**
 * A validating pass over JSON bytes (RFC 8259, exactly what `JSON.parse` accepts) that skips
 * values without building them, for `scanJsonFields`. Positions live on the instance and the hot
 * loops copy them to locals: module-level `let` bindings would be re-checked on every access.
 */

/** Thrown (one shared instance, no stack) when the bytes are not valid JSON. */
export class InvalidJson extends Error {}
const INVALID = new InvalidJson('invalid JSON');

/** Byte classes inside a string: 0 ordinary, 1 closing quote, 2 escape, 3 invalid (control). */
const STRING_CLASS = new Uint8Array(256);
STRING_CLASS.fill(3, 0, 0x20);
STRING_CLASS[0x22] = 1;
STRING_CLASS[0x5c] = 2;

/** Nesting deeper than this is left to `JSON.parse` (the caller's fallback). */
const MAX_DEPTH = 512;

export class JsonScanner {
  b: Buffer = Buffer.alloc(0);
  p = 0;
  n = 0;
  /** Whether the last string skipped held an escape. */
  escaped = false;

  reset(bytes: Buffer): void {
    this.b = bytes;
    this.p = 0;
    this.n = bytes.length;
  }

  /** The byte at the position (undefined past the end). */
  peek(): number | undefined {
    return this.b[this.p];
  }

  /** Consumes the byte `c` or throws. */
  expect(c: number): void {
    if (this.b[this.p] !== c) throw INVALID;
    this.p++;
  }

  skipWhitespace(): void {
    const b = this.b;
    const n = this.n;
    let p = this.p;
    while (p < n) {
      const c = b[p]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.p = p;
  }

  /** Skips a string whose opening quote is at the position; ends after the closing quote. */
  skipString(): void {
    const b = this.b;
    const n = this.n;
    let p = this.p + 1;
    let escaped = false;
    for (;;) {
      while (p < n && STRING_CLASS[b[p]!] === 0) p++;
      if (p >= n) throw INVALID;
      const kind = STRING_CLASS[b[p++]!];
      if (kind === 1) break;
      if (kind === 3) throw INVALID;
      escaped = true;
      p = skipEscape(b, p, n);
    }
    this.p = p;
    this.escaped = escaped;
  }

  /** Skips any value (whitespace before it already skipped). */
  skipValue(depth: number): void {
    const c = this.b[this.p];
    if (c === 0x22) this.skipString();
    else if (c === 0x7b) this.skipContainer(0x7d, depth);
    else if (c === 0x5b) this.skipContainer(0x5d, depth);
    else if (c === 0x74) this.skipLiteral('true');
    else if (c === 0x66) this.skipLiteral('false');
    else if (c === 0x6e) this.skipLiteral('null');
    else if (c === 0x2d || isDigit(c)) this.p = skipNumber(this.b, this.p, this.n);
    else throw INVALID;
  }

  /** Skips an object (`close` = `}`) or array (`]`) whose opening bracket is at the position. */
  private skipContainer(close: number, depth: number): void {
    if (depth > MAX_DEPTH) throw INVALID;
    this.p++;
    this.skipWhitespace();
    if (this.b[this.p] === close) {
      this.p++;
      return;
    }
    for (;;) {
      if (close === 0x7d) {
        if (this.b[this.p] !== 0x22) throw INVALID;
        this.skipString();
        this.skipWhitespace();
        this.expect(0x3a);
        this.skipWhitespace();
      }
      this.skipValue(depth + 1);
      this.skipWhitespace();
      const c = this.b[this.p++];
      if (c === close) return;
      if (c !== 0x2c) throw INVALID;
      this.skipWhitespace();
    }
  }

  private skipLiteral(word: string): void {
    const b = this.b;
    let p = this.p;
    for (let i = 0; i < word.length; i++) if (b[p++] !== word.charCodeAt(i)) throw INVALID;
    this.p = p;
  }
}

/** Skips the rest of an escape (after its backslash); answers the position after it. */
function skipEscape(b: Buffer, p: number, n: number): number {
  if (p >= n) throw INVALID;
  const e = b[p++]!;
  if (e === 0x75) {
    for (let i = 0; i < 4; i++) if (p >= n || !isHex(b[p++]!)) throw INVALID;
    return p;
  }
  // " \ / b f n r t
  const simple =
    e === 0x22 ||
    e === 0x5c ||
    e === 0x2f ||
    e === 0x62 ||
    e === 0x66 ||
    e === 0x6e ||
    e === 0x72 ||
    e === 0x74;
  if (!simple) throw INVALID;
  return p;
}

/** Skips a number at `p` (JSON's grammar); answers the position after it. */
function skipNumber(b: Buffer, p: number, n: number): number {
  if (b[p] === 0x2d) p++;
  if (b[p] === 0x30) p++;
  else {
    const from = p;
    while (p < n && isDigit(b[p])) p++;
    if (p === from) throw INVALID;
  }
  if (b[p] === 0x2e) {
    const from = ++p;
    while (p < n && isDigit(b[p])) p++;
    if (p === from) throw INVALID;
  }
  if (b[p] === 0x65 || b[p] === 0x45) {
    p++;
    if (b[p] === 0x2b || b[p] === 0x2d) p++;
    const from = p;
    while (p < n && isDigit(b[p])) p++;
    if (p === from) throw INVALID;
  }
  return p;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** Whether `c` is an ASCII digit. */
export function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}
