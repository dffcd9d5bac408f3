/** CAST and implicit coercions between SQL types. */
import { Decimal, type SqlType } from '../../analyzer/index.js';
import { javaDouble } from '../serde/java-double.js';
import { renderJson } from '../serde/json-text.js';
import { dateText, timestampText, timeText } from '../serde/temporal.js';

/** Converts `v` of type `from` to `to` (ksqlDB CAST semantics; null stays null). */
export function castValue(v: unknown, from: SqlType, to: SqlType): unknown {
  if (v === null || v === undefined) return null;
  switch (to.kind) {
    case 'STRING':
      if (from.kind === 'DOUBLE') return javaDouble(v as number);
      if (from.kind === 'DECIMAL') return (v as Decimal).toString();
      if (from.kind === 'TIMESTAMP') return timestampText(v as number);
      if (from.kind === 'DATE') return dateText(v as number);
      if (from.kind === 'TIME') return timeText(v as number);
      if (from.kind === 'STRUCT' || from.kind === 'ARRAY' || from.kind === 'MAP')
        return renderJson(v, from, 'rest');
      return String(v);
    case 'INTEGER':
      if (typeof v === 'string') return Math.trunc(Number(v.trim())) | 0;
      if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
      if (v instanceof Decimal) return Math.trunc(v.toNumber()) | 0;
      if (typeof v === 'boolean') return v ? 1 : 0;
      return Math.trunc(v as number) | 0;
    case 'BIGINT':
      if (typeof v === 'string') return BigInt(v.trim());
      if (typeof v === 'bigint') return v;
      if (v instanceof Decimal) return v.withScale(0).unscaled;
      return BigInt(Math.trunc(v as number));
    case 'DOUBLE':
      if (v instanceof Decimal) return v.toNumber();
      return Number(v);
    case 'DECIMAL':
      if (v instanceof Decimal) return v.withScale(to.scale);
      if (typeof v === 'bigint') return new Decimal(v, 0).withScale(to.scale);
      if (typeof v === 'number')
        return Decimal.parse(v.toPrecision(17).includes('e') ? String(v) : String(v)).withScale(to.scale);
      return Decimal.parse(String(v).trim()).withScale(to.scale);
    case 'BOOLEAN':
      if (typeof v === 'string') return v.trim().toLowerCase() === 'true';
      return Boolean(v);
    default:
      return v;
  }
}
