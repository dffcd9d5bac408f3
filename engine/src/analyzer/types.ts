/** SQL type helpers: equality, numeric widening, defaults. */
import type { SqlType } from '../syntax/index.js';
import { printType } from '../syntax/index.js';

export type { SqlType };

export const T = {
  BOOLEAN: { kind: 'BOOLEAN' } as SqlType,
  INTEGER: { kind: 'INTEGER' } as SqlType,
  BIGINT: { kind: 'BIGINT' } as SqlType,
  DOUBLE: { kind: 'DOUBLE' } as SqlType,
  STRING: { kind: 'STRING' } as SqlType,
  BYTES: { kind: 'BYTES' } as SqlType,
  TIMESTAMP: { kind: 'TIMESTAMP' } as SqlType,
  DATE: { kind: 'DATE' } as SqlType,
  TIME: { kind: 'TIME' } as SqlType,
};

/** The NULL literal's type marker (compared by identity; a STRING wherever a type must be printed). */
export const NULL_TYPE: SqlType = { kind: 'STRING' };

export function typeEquals(a: SqlType, b: SqlType): boolean {
  return printType(a) === printType(b);
}

export function isNumeric(t: SqlType): boolean {
  return t.kind === 'INTEGER' || t.kind === 'BIGINT' || t.kind === 'DOUBLE' || t.kind === 'DECIMAL';
}

/** Decimal equivalent of an integral type (ksqlDB: INT → DECIMAL(10,0), BIGINT → DECIMAL(19,0)). */
export function toDecimalType(t: SqlType): { kind: 'DECIMAL'; precision: number; scale: number } {
  if (t.kind === 'DECIMAL') return t;
  if (t.kind === 'INTEGER') return { kind: 'DECIMAL', precision: 10, scale: 0 };
  return { kind: 'DECIMAL', precision: 19, scale: 0 };
}

/** The wider of two numeric types (INTEGER < BIGINT < DECIMAL < DOUBLE). */
export function widenNumeric(a: SqlType, b: SqlType): SqlType {
  if (a.kind === 'DOUBLE' || b.kind === 'DOUBLE') return T.DOUBLE;
  if (a.kind === 'DECIMAL' || b.kind === 'DECIMAL') {
    const da = toDecimalType(a);
    const db = toDecimalType(b);
    const scale = Math.max(da.scale, db.scale);
    const precision = Math.min(38, Math.max(da.precision - da.scale, db.precision - db.scale) + scale + 1);
    return { kind: 'DECIMAL', precision, scale };
  }
  if (a.kind === 'BIGINT' || b.kind === 'BIGINT') return T.BIGINT;
  return T.INTEGER;
}

/** The schema-description name of a type (DESCRIBE `schema.type`). */
export function describeTypeName(t: SqlType): string {
  return t.kind;
}
