/**
 * The value conversions behind a function's implicit casts (see `signature.ts`): integral and
 * decimal values widened to the parameter's type, string literals read as DATE, TIME or TIMESTAMP
 * (ISO-8601, UTC: `2022-06-14`, `09:16:00`; a TIMESTAMP as ksqlDB reads a partial one, `parsePartialTimestamp`).
 */
import type { SqlType } from '../types.js';
import { Decimal } from '../values.js';
import { parsePartialTimestamp } from './datetime/partial-timestamp.js';

const DAY_MS = 86_400_000;

function parseTime(text: string): number {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text.trim());
  if (m === null) throw new Error(`Failed to parse TIME value: ${text}`);
  const ms = Number((m[4] ?? '').padEnd(3, '0').slice(0, 3));
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 + ms;
}

function parseDateDays(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null) throw new Error(`Failed to parse DATE value: ${text}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** Converts `v` (non-null) to the implicit-cast target type `to`. */
export function implicitCast(v: unknown, to: SqlType): unknown {
  switch (to.kind) {
    case 'BIGINT':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'DOUBLE':
      return v instanceof Decimal ? v.toNumber() : Number(v);
    case 'DECIMAL':
      return v instanceof Decimal ? v : new Decimal(BigInt(v as number | bigint), 0);
    case 'DATE':
      return parseDateDays(v as string);
    case 'TIME':
      return parseTime(v as string);
    case 'TIMESTAMP':
      return parsePartialTimestamp(v as string);
    default:
      return v;
  }
}
