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

/** Looks up a field case-insensitively (exact match first). */
export function getField(o: Record<string, unknown>, name: string): unknown {
  if (name in o) return o[name];
  const upper = name.toUpperCase();
  for (const k of Object.keys(o)) if (k.toUpperCase() === upper) return o[k];
  return undefined;
}

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
      const s = newStruct();
      for (const f of t.fields)
        s[f.name] = coerceJson(getField(v as Record<string, unknown>, f.name), f.type);
      return s;
    }
  }
}
