/**
 * Lenient JSON → SQL value coercion (ksqlDB's JSON deserializer): case-insensitive struct fields,
 * numeric strings into numeric columns, numbers into strings, missing → null. Input comes from
 * lossless-json, so numbers arrive as `LosslessNumber` (their lexeme is kept).
 */
import { isLosslessNumber } from 'lossless-json';
import { Decimal, newStruct, type SqlType } from '../../analyzer/index.js';
import { SerdeError } from './serde-error.js';

function numText(v: unknown, t: SqlType): string {
  if (isLosslessNumber(v)) return (v as { value: string }).value;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return v.trim();
  if (v instanceof Decimal) return v.toString();
  throw new SerdeError(`Can't convert type. sourceType: ${describe(v)}, requiredType: ${t.kind}`);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return 'TextNode';
  if (typeof v === 'boolean') return 'BooleanNode';
  if (Array.isArray(v)) return 'ArrayNode';
  if (typeof v === 'object') return 'ObjectNode';
  return typeof v;
}

const upperCache = new Map<string, string>();
function upper(k: string): string {
  let u = upperCache.get(k);
  if (u === undefined) {
    u = k.toUpperCase();
    if (upperCache.size < 10_000) upperCache.set(k, u);
  }
  return u;
}

/** Per field index: JSON key → 2 × position (+1 when matched ignoring case), or -1. */
const resolutions = new WeakMap<Map<string, number>, Map<string, number>>();

export function resolveField(index: Map<string, number>, key: string): number {
  let cache = resolutions.get(index);
  if (cache === undefined) {
    cache = new Map();
    resolutions.set(index, cache);
  }
  let code = cache.get(key);
  if (code === undefined) {
    const exact = index.get(key);
    const loose = exact === undefined ? index.get(upper(key)) : undefined;
    code = exact !== undefined ? 2 * exact : loose !== undefined ? 2 * loose + 1 : -1;
    // Keys come from a schema's worth of producers: bounded, but guard against key-per-record JSON.
    if (cache.size < 10_000) cache.set(key, code);
  }
  return code;
}

/**
 * Picks the fields of a JSON object for the given names in one pass: an exact match wins, else the
 * first key equal ignoring case (ksqlDB's lenient JSON field matching). Each distinct key is
 * resolved once per schema, so a record costs one map lookup per key.
 */
export function pickFields(
  o: Record<string, unknown>,
  names: string[],
  index: Map<string, number>,
): unknown[] {
  const out: unknown[] = new Array(names.length).fill(undefined);
  // Which positions had an exact match: a bit mask, or an array for very wide schemas.
  const exact = names.length <= 30 ? undefined : new Array<boolean>(names.length).fill(false);
  let exactBits = 0;
  for (const k in o) {
    const code = resolveField(index, k);
    if (code < 0) continue;
    const i = code >> 1;
    if ((code & 1) === 0) {
      out[i] = o[k];
      if (exact === undefined) exactBits |= 1 << i;
      else exact[i] = true;
      continue;
    }
    const wasExact = exact === undefined ? (exactBits & (1 << i)) !== 0 : exact[i];
    if (!wasExact && out[i] === undefined) out[i] = o[k];
  }
  return out;
}

/** Name → position, for `pickFields` (upper-cased names too, so lookups are case-insensitive). */
export function fieldIndex(names: string[]): Map<string, number> {
  const m = new Map<string, number>();
  names.forEach((n, i) => {
    if (!m.has(n)) m.set(n, i);
  });
  names.forEach((n, i) => {
    if (!m.has(n.toUpperCase())) m.set(n.toUpperCase(), i);
  });
  return m;
}

/** Looks up a field case-insensitively (exact match first). */
export function getField(o: Record<string, unknown>, name: string): unknown {
  if (name in o) return o[name];
  const upper = name.toUpperCase();
  for (const k of Object.keys(o)) if (k.toUpperCase() === upper) return o[k];
  return undefined;
}

const structIndexes = new WeakMap<SqlType, Map<string, number>>();

/** Coerces a parsed JSON value to the SQL type `t`. */
export function coerceJson(v: unknown, t: SqlType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
      throw new SerdeError(`Can't convert type. sourceType: ${describe(v)}, requiredType: BOOLEAN`);
    case 'INTEGER': {
      const s = numText(v, t);
      const n = Number(s);
      if (!Number.isInteger(n)) return Math.trunc(n);
      return n | 0;
    }
    case 'BIGINT': {
      const s = numText(v, t);
      return /^[-+]?\d+$/.test(s) ? BigInt(s) : BigInt(Math.trunc(Number(s)));
    }
    case 'DOUBLE':
      return Number(numText(v, t));
    case 'DECIMAL':
      return Decimal.parse(numText(v, t)).withScale(t.scale);
    case 'STRING':
      if (typeof v === 'string') return v;
      if (isLosslessNumber(v)) return (v as { value: string }).value;
      if (typeof v === 'boolean' || typeof v === 'number') return String(v);
      return JSON.stringify(v, (_k, x) => (isLosslessNumber(x) ? Number((x as { value: string }).value) : x));
    case 'BYTES':
      if (typeof v === 'string') return Buffer.from(v, 'base64');
      throw new SerdeError(`Can't convert type. sourceType: ${describe(v)}, requiredType: BYTES`);
    case 'TIMESTAMP':
    case 'TIME':
    case 'DATE':
      return Number(numText(v, t));
    case 'ARRAY':
      if (!Array.isArray(v))
        throw new SerdeError(`Can't convert type. sourceType: ${describe(v)}, requiredType: ARRAY`);
      return v.map((x) => coerceJson(x, t.item));
    case 'MAP': {
      if (typeof v !== 'object' || Array.isArray(v))
        throw new SerdeError(`Can't convert type. sourceType: ${describe(v)}, requiredType: MAP`);
      const m = new Map<unknown, unknown>();
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        m.set(coerceJson(k, t.key), coerceJson(x, t.value));
      return m;
    }
    case 'STRUCT': {
      if (typeof v !== 'object' || Array.isArray(v) || isLosslessNumber(v)) {
        throw new SerdeError(`Can't convert type. sourceType: ${describe(v)}, requiredType: STRUCT`);
      }
      const names = t.fields.map((f) => f.name);
      let index = structIndexes.get(t);
      if (index === undefined) {
        index = fieldIndex(names);
        structIndexes.set(t, index);
      }
      const values = pickFields(v as Record<string, unknown>, names, index);
      const s = newStruct();
      t.fields.forEach((f, i) => {
        s[f.name] = coerceJson(values[i], f.type);
      });
      return s;
    }
  }
}
