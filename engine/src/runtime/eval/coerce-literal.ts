/**
 * A literal's value coerced to a list's common type (ksqlDB's lax literal rules, `coercion.ts`):
 * any literal as STRING keeps its text (`10.30`, `true`; a DOUBLE in Java's form), a STRING
 * literal reads as a number or a boolean (`'4.000'`, `'y'`).
 */
import { Decimal, parseBooleanText, type SqlType } from '../../analyzer/index.js';
import type { Literal } from '../../syntax/index.js';
import { javaDouble } from '../serde/java-double.js';
import { castValue } from './cast.js';

/** The value of `lit` (of type `from`) as `to`. */
export function coerceLiteral(lit: Literal, from: SqlType, to: SqlType): unknown {
  if (lit.type === 'null') return null;
  if (to.kind === 'STRING') {
    if (lit.type === 'double') return javaDouble(Number(lit.value));
    if (lit.type === 'decimal') return Decimal.parse(lit.value).toString();
    return String(lit.value);
  }
  if (lit.type === 'string') {
    if (to.kind === 'BOOLEAN') return parseBooleanText(lit.value) ?? null;
    if (to.kind === 'INTEGER' || to.kind === 'BIGINT' || to.kind === 'DOUBLE' || to.kind === 'DECIMAL')
      return castValue(Decimal.parse(lit.value.trim()), { kind: 'DECIMAL', precision: 38, scale: 0 }, to);
    return castValue(lit.value, from, to);
  }
  const value =
    lit.type === 'boolean'
      ? lit.value
      : lit.type === 'decimal'
        ? Decimal.parse(lit.value)
        : lit.type === 'double'
          ? Number(lit.value)
          : from.kind === 'BIGINT'
            ? BigInt(lit.value)
            : Number(lit.value);
  return castValue(value, from, to);
}
