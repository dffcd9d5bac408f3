/**
 * CAST and implicit coercions between SQL types, with Java's conversions: BIGINT / DECIMAL to INT
 * keep the low 32 bits (`(int)` of a long wraps), DOUBLE to INT / BIGINT truncates and saturates
 * (NaN → 0), DECIMAL to an integer truncates toward zero, and a structured value cast to STRING is
 * its Java text (`[1, 3]`, `{k=1}`, `Struct{A=1,B=x}`). ARRAY / MAP / STRUCT cast element-wise; a
 * STRUCT cast keeps the target's fields (missing ones null).
 */
import { Decimal, newStruct, type SqlType, type Struct } from '../../analyzer/index.js';
import { javaDouble } from '../serde/java-double.js';
import { dateText, timestampText, timeText } from '../serde/temporal.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** A DECIMAL's integral part, truncated toward zero (Java's `BigDecimal.toBigInteger`). */
function truncated(d: Decimal): bigint {
  return d.scale === 0 ? d.unscaled : d.unscaled / 10n ** BigInt(d.scale);
}

/** Java's `(int)` of a double: truncates, saturates at the INT range, NaN → 0. */
function doubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  return Math.max(INT_MIN, Math.min(INT_MAX, Math.trunc(d)));
}

/** Java's `(long)` of a double. */
function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9.223372036854776e18) return LONG_MAX;
  if (d <= -9.223372036854776e18) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

/** Java's `toString` of a value held in a collection or struct. */
function javaText(v: unknown, t: SqlType): string {
  if (v === null || v === undefined) return 'null';
  switch (t.kind) {
    case 'DOUBLE':
      return javaDouble(v as number);
    case 'DECIMAL':
      return (v as Decimal).toString();
    case 'TIMESTAMP':
      return timestampText(v as number);
    case 'DATE':
      return dateText(v as number);
    case 'TIME':
      return timeText(v as number);
    case 'ARRAY':
      return `[${(v as unknown[]).map((x) => javaText(x, t.item)).join(', ')}]`;
    case 'MAP':
      return `{${[...(v as Map<unknown, unknown>)].map(([k, x]) => `${javaText(k, t.key)}=${javaText(x, t.value)}`).join(', ')}}`;
    case 'STRUCT': {
      // Kafka Connect's Struct.toString: `name=value` of the non-null fields.
      const s = v as Struct;
      const parts = t.fields
        .filter((f) => s[f.name] !== null && s[f.name] !== undefined)
        .map((f) => `${f.name}=${javaText(s[f.name], f.type)}`);
      return `Struct{${parts.join(',')}}`;
    }
    default:
      return String(v);
  }
}

/** Converts `v` of type `from` to `to` (ksqlDB CAST semantics; null stays null). */
export function castValue(v: unknown, from: SqlType, to: SqlType): unknown {
  if (v === null || v === undefined) return null;
  switch (to.kind) {
    case 'STRING':
      return typeof v === 'string' ? v : javaText(v, from);
    case 'INTEGER':
      if (typeof v === 'string') return Math.trunc(Number(v.trim())) | 0;
      if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
      if (v instanceof Decimal) return Number(BigInt.asIntN(32, truncated(v)));
      if (typeof v === 'boolean') return v ? 1 : 0;
      return doubleToInt(v as number);
    case 'BIGINT':
      if (typeof v === 'string') return BigInt(v.trim());
      if (typeof v === 'bigint') return v;
      if (v instanceof Decimal) return BigInt.asIntN(64, truncated(v));
      if (typeof v === 'boolean') return v ? 1n : 0n;
      return doubleToLong(v as number);
    case 'DOUBLE':
      if (v instanceof Decimal) return v.toNumber();
      return Number(v);
    case 'DECIMAL':
      if (v instanceof Decimal) return v.withScale(to.scale);
      if (typeof v === 'bigint') return new Decimal(v, 0).withScale(to.scale);
      if (typeof v === 'number') return Decimal.parse(String(v)).withScale(to.scale);
      return Decimal.parse(String(v).trim()).withScale(to.scale);
    case 'BOOLEAN':
      if (typeof v === 'string') return v.trim().toLowerCase() === 'true';
      return Boolean(v);
    case 'ARRAY': {
      const item = from.kind === 'ARRAY' ? from.item : to.item;
      return (v as unknown[]).map((x) => castValue(x, item, to.item));
    }
    case 'MAP': {
      const key = from.kind === 'MAP' ? from.key : to.key;
      const value = from.kind === 'MAP' ? from.value : to.value;
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v as Map<unknown, unknown>)
        out.set(castValue(k, key, to.key), castValue(x, value, to.value));
      return out;
    }
    case 'STRUCT': {
      const s = v as Struct;
      const out = newStruct();
      for (const f of to.fields) {
        const src = from.kind === 'STRUCT' ? from.fields.find((x) => x.name === f.name) : undefined;
        out[f.name] = src === undefined ? null : castValue(s[f.name] ?? null, src.type, f.type);
      }
      return out;
    }
    default:
      return v;
  }
}
