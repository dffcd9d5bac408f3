/**
 * Text ↔ bytes codecs shared by TO_BYTES, FROM_BYTES and ENCODE, with Java's behaviour: US-ASCII
 * writes `?` for a character it cannot map and reads a byte above 0x7F as U+FFFD; UTF-8 as Java
 * reads and writes it; hex and base64 as the two places in ksqlDB spell them (see each export).
 */

/** The encodings ksqlDB accepts by name (case-insensitive). */
export type Encoding = 'hex' | 'utf8' | 'ascii' | 'base64';

const ENCODINGS: readonly Encoding[] = ['hex', 'utf8', 'ascii', 'base64'];

/** TO_BYTES / FROM_BYTES: an encoding name, or ksqlDB's error for an unknown one. */
export function encodingNamed(name: string): Encoding {
  const e = ENCODINGS.find((x) => x === name.toLowerCase());
  if (e === undefined)
    throw new Error(
      `Unknown encoding type '${name}'. Supported formats are 'hex', 'utf8', 'ascii', and 'base64'.`,
    );
  return e;
}

/** Java's `getBytes(US_ASCII)`: one `?` per code point outside ASCII. */
export function asciiBytes(s: string): Buffer {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out.push(c < 0x80 ? c : 0x3f);
  }
  return Buffer.from(out);
}

/** Java's `new String(bytes, US_ASCII)`: bytes above 0x7F read as U+FFFD. */
export function asciiText(b: Buffer): string {
  let s = '';
  for (const c of b) s += c < 0x80 ? String.fromCharCode(c) : '\uFFFD';
  return s;
}

/** Hex digits to bytes, either case; throws on an odd length or a non-hex character. */
export function hexBytes(s: string): Buffer {
  if (s.length % 2 !== 0) throw new Error('Odd number of characters.');
  const bad = s.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new Error(`Illegal hexadecimal character ${s[bad]} at index ${bad}`);
  return Buffer.from(s, 'hex');
}

/** Java's MIME base64 encoder (TO_BYTES/FROM_BYTES): lines of 76 characters joined by CRLF. */
export function mimeBase64(b: Buffer): string {
  const s = b.toString('base64');
  if (s.length <= 76) return s;
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += 76) lines.push(s.slice(i, i + 76));
  return lines.join('\r\n');
}

/** A lenient base64 reader (Java's MIME and commons-codec decoders): characters outside the alphabet are skipped. */
export function lenientBase64(s: string): Buffer {
  return Buffer.from(s.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
}

/** BYTES → STRING in an encoding, as FROM_BYTES writes it (hex upper case, MIME base64). */
export function bytesToText(b: Buffer, e: Encoding): string {
  switch (e) {
    case 'hex':
      return b.toString('hex').toUpperCase();
    case 'utf8':
      return b.toString('utf8');
    case 'ascii':
      return asciiText(b);
    case 'base64':
      return mimeBase64(b);
  }
}

/** STRING → BYTES in an encoding, as TO_BYTES reads it. */
export function textToBytes(s: string, e: Encoding): Buffer {
  switch (e) {
    case 'hex':
      return hexBytes(s);
    case 'utf8':
      return Buffer.from(s, 'utf8');
    case 'ascii':
      return asciiBytes(s);
    case 'base64':
      return lenientBase64(s);
  }
}
