/**
 * JSON text as ksqlDB's JSON functions read and write it (Jackson's tree model with exact
 * decimals): numbers keep their written digits (`1.23450` stays `1.23450`; ints are canonical, so
 * `-0` is `0`), objects keep key order (a repeated key keeps its first place and its last value), one top-level value
 * is read and whatever follows it is ignored (Jackson's readTree), except text glued to a
 * top-level number. Blank text is no value at all (Jackson's MissingNode: `undefined` here).
 */

/** A JSON number, kept as its digits and scale (Java's BigDecimal / BigInteger). */
export class JsonNumber {
  constructor(
    /** Digits with sign, no point. */
    readonly unscaled: bigint,
    /** Digits after the point (negative: trailing zeros dropped by an exponent). */
    readonly scale: number,
    readonly integral: boolean,
  ) {}

  /** Jackson's `JsonNode.toString` (BigDecimal.toString: scientific for small or negative scale). */
  toString(): string {
    if (this.integral || this.scale === 0) return this.unscaled.toString();
    const neg = this.unscaled < 0n;
    const digits = (neg ? -this.unscaled : this.unscaled).toString();
    const adjusted = digits.length - 1 - this.scale;
    if (this.scale > 0 && adjusted >= -6) return this.toPlain();
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${neg ? '-' : ''}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }

  /** BigDecimal.toPlainString (ksqlDB's writer has WRITE_BIGDECIMAL_AS_PLAIN). */
  toPlain(): string {
    if (this.scale <= 0) return (this.unscaled * 10n ** BigInt(-this.scale)).toString();
    const neg = this.unscaled < 0n;
    const digits = (neg ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const cut = digits.length - this.scale;
    return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }
}

/** A JSON value as read: objects are Maps (key order kept), numbers `JsonNumber`s. */
export type JsonNode = null | boolean | string | JsonNumber | JsonNode[] | Map<string, JsonNode>;

class JsonSyntaxError extends Error {}

/** Whether an error is malformed JSON text (not a bug). */
export function isJsonSyntaxError(e: unknown): boolean {
  return e instanceof JsonSyntaxError;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  fail(): never {
    throw new JsonSyntaxError(`Invalid JSON format:${this.s}`);
  }

  skipWs(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i]!)) this.i++;
  }

  value(): JsonNode {
    this.skipWs();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        if (/[A-Za-z0-9_]/.test(this.s[this.i] ?? '')) this.fail();
        return v;
      }
    }
    return this.fail();
  }

  object(): Map<string, JsonNode> {
    const out = new Map<string, JsonNode>();
    this.i++;
    this.skipWs();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.s[this.i] !== '"') this.fail();
      const key = this.string();
      this.skipWs();
      if (this.s[this.i++] !== ':') this.fail();
      out.set(key, this.value());
      this.skipWs();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.fail();
    }
  }

  array(): JsonNode[] {
    const out: JsonNode[] = [];
    this.i++;
    this.skipWs();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipWs();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail();
    }
  }

  string(): string {
    let out = '';
    this.i++;
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined || c < ' ') this.fail();
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++] ?? '';
      if (e === 'u') {
        const hex = this.s.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.i += 4;
      } else if (ESCAPES[e] !== undefined) out += ESCAPES[e];
      else this.fail();
    }
  }

  number(): JsonNumber {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m === null) return this.fail();
    this.i += m[0].length;
    const [text, frac, exp] = m;
    if (frac === undefined && exp === undefined) return new JsonNumber(BigInt(text), 0, true);
    const mantissa = text.replace(/[eE].*$/, '').replace('.', '');
    const scale = (frac?.length ?? 1) - 1 - Number(exp?.slice(1) ?? 0);
    return new JsonNumber(BigInt(mantissa), scale, false);
  }
}

/**
 * Reads one JSON value (Jackson's readTree): undefined for blank text; throws
 * `Invalid JSON format:<text>` on malformed text.
 */
export function parseJson(text: string): JsonNode | undefined {
  const r = new Reader(text);
  r.skipWs();
  if (r.i >= text.length) return undefined;
  const v = r.value();
  // Jackson wants a separator after a root-level number; anything else after the value is left unread.
  if (v instanceof JsonNumber && r.i < text.length && !WS.has(text[r.i]!)) r.fail();
  return v;
}

/**
 * The items of a top-level JSON array, read one at a time as Jackson's streaming parser does
 * (an item found before malformed text is still found); nothing when the text is not an array.
 * Throws on malformed text when the reader gets to it.
 */
export function* jsonArrayItems(text: string): Generator<JsonNode> {
  const r = new Reader(text);
  r.skipWs();
  if (text[r.i] !== '[') return;
  r.i++;
  r.skipWs();
  if (text[r.i] === ']') return;
  for (;;) {
    yield r.value();
    r.skipWs();
    const c = text[r.i++];
    if (c === ']') return;
    if (c !== ',') r.fail();
  }
}

/** Like `parseJson`, but undefined for malformed text too. */
export function tryParseJson(text: string): JsonNode | undefined {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
}

/** A string quoted as Jackson writes it (short escapes, `\u00XX` for other control characters). */
export function quoteJson(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (code >= 0x20) out += c;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * Compact JSON text of a node: `plain` as ksqlDB's JSON writer (decimals in plain notation), else
 * as Jackson's `JsonNode.toString` (EXTRACTJSONFIELD, JSON_RECORDS, JSON_ITEMS).
 */
export function writeJson(n: JsonNode, plain = false): string {
  if (n === null) return 'null';
  if (typeof n === 'boolean') return n ? 'true' : 'false';
  if (typeof n === 'string') return quoteJson(n);
  if (n instanceof JsonNumber) return plain ? n.toPlain() : n.toString();
  if (Array.isArray(n)) return `[${n.map((x) => writeJson(x, plain)).join(',')}]`;
  return `{${[...n].map(([k, v]) => `${quoteJson(k)}:${writeJson(v, plain)}`).join(',')}}`;
}
