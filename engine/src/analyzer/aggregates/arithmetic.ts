/**
 * The value arithmetic aggregates share, with Java's semantics where ksqlDB inherits them: INT
 * sums wrap at 32 bits and BIGINT sums at 64 bits (Java `int` / `long` addition); DECIMAL sums keep
 * the input's scale.
 */
import type { SqlType } from '../types.js';
import { Decimal, isStruct } from '../values.js';

/** `a + b` for values of type `t`. */
export function plus(t: SqlType, a: unknown, b: unknown): unknown {
  // BigInt(): ROWTIME (BIGINT) arrives as a number (SUM() sums ROWTIME).
  if (t.kind === 'BIGINT') return BigInt.asIntN(64, BigInt(a as bigint) + BigInt(b as bigint));
  if (t.kind === 'DECIMAL') {
    const x = a as Decimal;
    const y = (b as Decimal).withScale(x.scale);
    return new Decimal(x.unscaled + y.unscaled, x.scale);
  }
  if (t.kind === 'INTEGER') return ((a as number) + (b as number)) | 0;
  return (a as number) + (b as number);
}

/** `-a` for a value of type `t`. */
export function negate(t: SqlType, a: unknown): unknown {
  if (t.kind === 'BIGINT') return BigInt.asIntN(64, -BigInt(a as bigint));
  if (t.kind === 'DECIMAL') return new Decimal(-(a as Decimal).unscaled, (a as Decimal).scale);
  if (t.kind === 'INTEGER') return -(a as number) | 0;
  return -(a as number);
}

/** The additive identity of type `t`. */
export function zero(t: SqlType): unknown {
  if (t.kind === 'BIGINT') return 0n;
  if (t.kind === 'DECIMAL') return new Decimal(0n, t.scale);
  return 0;
}

/** A numeric value as a JavaScript double. */
export function toDouble(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Decimal) return v.toNumber();
  return v as number;
}

/** Total order over comparable SQL values (numbers, bigints, decimals, strings, bytes, booleans). */
export function compareValues(a: unknown, b: unknown): number {
  if (a instanceof Decimal && b instanceof Decimal) return a.compare(b);
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Equality for collected values (structs, arrays and maps by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Decimal && b instanceof Decimal) return a.compare(b) === 0 && a.scale === b.scale;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a instanceof Map && b instanceof Map)
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && sameValue(v, b.get(k)));
  if (isStruct(a) && isStruct(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/** The numeric parameter types a numeric aggregate accepts, one variant each. */
export const NUMERIC_PARAMS = ['INT', 'BIGINT', 'DOUBLE', 'DECIMAL'] as const;
