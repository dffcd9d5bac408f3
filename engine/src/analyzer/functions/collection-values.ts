/**
 * Equality, hashing and ordering of SQL values as ksqlDB's collection functions see them (Java's
 * `equals`, `hashCode` and natural order): ARRAY_CONTAINS, ARRAY_DISTINCT, ARRAY_REMOVE and the
 * set functions compare whole values (structs, arrays, maps included); ARRAY_MAX / MIN / SORT
 * order primitives. Decimals compare scale-sensitively as Java's `BigDecimal.equals` does (one
 * array's decimals share a scale, so this only matters across differently typed literals).
 */
import { Decimal } from '../values.js';

/**
 * A string that two values share exactly when ksqlDB's `equals` holds for them: maps compare
 * whatever their entry order (Java's HashMap), DOUBLE -0.0 differs from 0.0 and NaN equals NaN
 * (Double.equals), decimals compare with their scale (BigDecimal.equals), bytes by content.
 */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'n';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Object.is(v, -0) ? 'd-0' : `d${v}`;
    case 'bigint':
      return `b${v}`;
    case 'boolean':
      return v ? 't' : 'f';
  }
  if (v instanceof Decimal) return `D${v.toString()}`;
  if (Buffer.isBuffer(v)) return `y${v.toString('base64')}`;
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (v instanceof Map)
    return `{${[...v]
      .map(([k, x]) => `${valueKey(k)}:${valueKey(x)}`)
      .sort()
      .join(',')}}`;
  const fields = v as Record<string, unknown>;
  return `(${Object.keys(fields)
    .map((k) => `${JSON.stringify(k)}:${valueKey(fields[k])}`)
    .join(',')})`;
}

/** ksqlDB's `Objects.equals` on two SQL values (null equals null). */
export function sqlEquals(a: unknown, b: unknown): boolean {
  if (a === b) return !Object.is(a, -0) === !Object.is(b, -0);
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return valueKey(a) === valueKey(b);
}

/** Values in first-seen order without repeats (Java's LinkedHashSet). */
export function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    const k = valueKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** The keys of a list of values, for membership tests. */
export function keySet(values: readonly unknown[]): Set<string> {
  return new Set(values.map(valueKey));
}

/**
 * Java's natural order of two non-null values of one primitive SQL type (`Comparable`): numbers,
 * BIGINT, DECIMAL, strings (UTF-16 code units, as `String.compareTo`), booleans (false < true),
 * BYTES (ByteBuffer.compareTo: signed bytes, then length). Other types (ARRAY, MAP, STRUCT)
 * are not comparable in ksqlDB: an error.
 */
export function naturalCompare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    // Double.compare: -0.0 < 0.0, NaN above everything.
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a < b ? -1 : a > b ? 1 : Object.is(a, -0) && b === 0 ? -1 : Object.is(b, -0) && a === 0 ? 1 : 0;
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Decimal && b instanceof Decimal) return a.compare(b);
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return compareBytes(a, b);
  throw new Error(`Values of this type cannot be compared: ${valueKey(a)}`);
}

/** ByteBuffer.compareTo: bytes compared as signed values, then the shorter first. */
function compareBytes(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = ((a[i]! << 24) >> 24) - ((b[i]! << 24) >> 24);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(a.length - b.length);
}
