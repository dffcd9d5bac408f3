/**
 * Reads the fields a query needs straight from a JSON record's bytes, without building the whole
 * document: one validating pass (`JsonScanner`) finds each top-level field's value span, and only
 * the needed spans become values. A vote carries some twenty fields of which a query reads two or
 * three; `JSON.parse` of the whole text, and the garbage it left, was the largest cost of a query.
 *
 * The result equals `pickFields(JSON.parse(text), …)` at the needed positions: the pass accepts
 * exactly what `JSON.parse` accepts, a repeated key keeps its last value, an exact name beats a
 * case-insensitive one, and of different case-insensitive keys the first wins. For a record that
 * is not a JSON object, is invalid or nests too deep it answers false, and the caller takes the
 * general path (which also words the error as before).
 */
import { resolveField } from './coerce-json.js';
import { InvalidJson, isDigit, JsonScanner } from './json-scanner.js';

/** A JSON key's bytes resolved against one schema: its `resolveField` code (-1: not a column). */
interface KeyEntry {
  bytes: Buffer;
  text: string;
  code: number;
}

/**
 * Per field index: keys by a hash of their bytes, and the last record's keys in order. The records
 * of a topic mostly repeat one producer's key order, so the k-th key is first compared with the
 * last record's k-th key, before any hashing.
 */
interface KeyCache {
  byHash: Map<number, KeyEntry[]>;
  size: number;
  sequence: KeyEntry[];
}

const keyCaches = new WeakMap<Map<string, number>, KeyCache>();
/** Keys come from a schema's worth of producers: bounded, but guard against key-per-record JSON. */
const MAX_CACHED_KEYS = 10_000;
const MAX_SEQUENCE = 1024;
const EMPTY = Buffer.alloc(0);

const scanner = new JsonScanner();
// Scratch per schema position, reused from record to record (grown on demand).
let starts = new Int32Array(64);
let ends = new Int32Array(64);
let exact = new Uint8Array(64);
const looseKey: (string | undefined)[] = [];

/**
 * Fills `out` with the needed fields of a JSON object record by schema position (`undefined`:
 * absent or not needed) and answers true; answers false when the bytes are not a valid JSON
 * object. `index` is the schema's `fieldIndex` (`out.length` positions); `needed[i]` says whether
 * position `i` is read; `parse` reads an object, array or long number span (the caller's JSON
 * parser, lossless where it must be).
 */
export function scanJsonFields(
  bytes: Buffer,
  index: Map<string, number>,
  needed: readonly boolean[],
  parse: (span: Buffer) => unknown,
  out: unknown[],
): boolean {
  const width = out.length;
  if (width > starts.length) {
    starts = new Int32Array(width);
    ends = new Int32Array(width);
    exact = new Uint8Array(width);
  }
  for (let i = 0; i < width; i++) {
    starts[i] = -1;
    exact[i] = 0;
    looseKey[i] = undefined;
  }
  try {
    if (!spanFields(bytes, keyCacheOf(index), index)) return false;
  } catch (error) {
    // Too deep for the stack: JSON.parse decides.
    if (error instanceof InvalidJson || error instanceof RangeError) return false;
    throw error;
  }
  for (let i = 0; i < width; i++) {
    const from = starts[i]!;
    out[i] = needed[i] && from >= 0 ? materialize(bytes, from, ends[i]!, parse) : undefined;
  }
  return true;
}

/** The pass: records the value span of each field of the schema; false when not an object. */
function spanFields(bytes: Buffer, cache: KeyCache, index: Map<string, number>): boolean {
  const s = scanner;
  s.reset(bytes);
  s.skipWhitespace();
  if (s.peek() !== 0x7b) return false;
  s.p++;
  s.skipWhitespace();
  if (s.peek() === 0x7d) s.p++;
  else {
    for (let ordinal = 0; ; ordinal++) {
      if (s.peek() !== 0x22) return false;
      const keyFrom = s.p + 1;
      // The key the last record had here, if the bytes match (its bytes hold no escape nor
      // control character, so matching them and a closing quote validates the string too).
      let key = cache.sequence[ordinal];
      if (key !== undefined && matchesAt(key.bytes, bytes, keyFrom)) s.p = keyFrom + key.bytes.length + 1;
      else {
        s.skipString();
        key = keyAt(cache, index, ordinal, keyFrom, s.p - 1);
      }
      s.skipWhitespace();
      s.expect(0x3a);
      s.skipWhitespace();
      const valueFrom = s.p;
      s.skipValue(1);
      const code = key.code;
      if (code >= 0) {
        const i = code >> 1;
        if ((code & 1) === 0) {
          exact[i] = 1;
          starts[i] = valueFrom;
          ends[i] = s.p;
        } else if (exact[i] === 0 && (starts[i]! < 0 || looseKey[i] === key.text)) {
          // Matched ignoring case: the first such key wins (with its last value, if repeated).
          starts[i] = valueFrom;
          ends[i] = s.p;
          looseKey[i] = key.text;
        }
      }
      s.skipWhitespace();
      const c = s.peek();
      s.p++;
      if (c === 0x7d) break;
      if (c !== 0x2c) return false;
      s.skipWhitespace();
    }
  }
  s.skipWhitespace();
  return s.p === s.n;
}

function keyCacheOf(index: Map<string, number>): KeyCache {
  let cache = keyCaches.get(index);
  if (cache === undefined) {
    cache = { byHash: new Map(), size: 0, sequence: [] };
    keyCaches.set(index, cache);
  }
  return cache;
}

/** The key the scanner just skipped (bytes `from`..`to`, quotes excluded), its record's `ordinal`-th. */
function keyAt(
  cache: KeyCache,
  index: Map<string, number>,
  ordinal: number,
  from: number,
  to: number,
): KeyEntry {
  const b = scanner.b;
  if (scanner.escaped) {
    const text = JSON.parse(b.toString('utf8', from - 1, to + 1)) as string;
    return { bytes: EMPTY, text, code: resolveField(index, text) };
  }
  let hash = 0;
  for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + b[i]!) | 0;
  const candidates = cache.byHash.get(hash);
  if (candidates !== undefined) {
    for (const entry of candidates) {
      if (!sameBytes(entry.bytes, b, from, to)) continue;
      if (ordinal < MAX_SEQUENCE) cache.sequence[ordinal] = entry;
      return entry;
    }
  }
  const text = b.toString('utf8', from, to);
  const entry = { bytes: Buffer.from(b.subarray(from, to)), text, code: resolveField(index, text) };
  if (cache.size < MAX_CACHED_KEYS) {
    cache.size++;
    if (candidates === undefined) cache.byHash.set(hash, [entry]);
    else candidates.push(entry);
    if (ordinal < MAX_SEQUENCE) cache.sequence[ordinal] = entry;
  }
  return entry;
}

/** Whether `b` holds `bytes` then a closing quote at `at`. */
function matchesAt(bytes: Buffer, b: Buffer, at: number): boolean {
  const length = bytes.length;
  if (b[at + length] !== 0x22) return false;
  for (let i = 0; i < length; i++) if (bytes[i] !== b[at + i]) return false;
  return true;
}

function sameBytes(bytes: Buffer, b: Buffer, from: number, to: number): boolean {
  if (bytes.length !== to - from) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== b[from + i]) return false;
  return true;
}

/** The value of a span the pass validated. */
function materialize(bytes: Buffer, from: number, to: number, parse: (span: Buffer) => unknown): unknown {
  const c = bytes[from]!;
  if (c === 0x22) {
    let ascii = true;
    for (let i = from + 1; i < to - 1; i++) {
      const x = bytes[i]!;
      if (x === 0x5c) return JSON.parse(bytes.toString('utf8', from, to));
      if (x >= 0x80) ascii = false;
    }
    return bytes.toString(ascii ? 'latin1' : 'utf8', from + 1, to - 1);
  }
  if (c === 0x74) return true;
  if (c === 0x66) return false;
  if (c === 0x6e) return null;
  // Fewer than 16 characters cannot hold the 16 digits a double may not keep exactly.
  if ((c === 0x2d || isDigit(c)) && to - from < 16) return Number(bytes.toString('latin1', from, to));
  return parse(bytes.subarray(from, to));
}
