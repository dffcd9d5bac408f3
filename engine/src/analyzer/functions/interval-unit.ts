/**
 * A time unit written as a function argument (`DATEADD(DAYS, 1, d)`), ksqlDB's INTERVALUNIT
 * parameter type. The parser reads such an argument as a column name; the analyzer gives it this
 * type when no column of that name is in scope, and its value is the unit's name (`'DAYS'`).
 */
import { TIME_UNITS } from '../../syntax/time-units.js';
import type { SqlType } from '../types.js';

/** The type of a time-unit argument: matched by identity, only by an `INTERVALUNIT` parameter. */
export const INTERVAL_UNIT_TYPE: SqlType = { kind: 'STRING' };

/** The unit's name when `name` is one (`DAY`, `HOURS`, …, any case), else undefined. */
export function timeUnitName(name: string): string | undefined {
  const upper = name.toUpperCase();
  return TIME_UNITS[upper] === undefined ? undefined : upper;
}

/** Milliseconds in one of the unit (a name `timeUnitName` accepted). */
export function unitMillis(unit: string): bigint {
  const ms = TIME_UNITS[unit];
  if (ms === undefined) throw new Error(`Unknown time unit: ${unit}`);
  return BigInt(ms);
}
