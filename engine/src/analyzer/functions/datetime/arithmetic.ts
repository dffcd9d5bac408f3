/**
 * Adding and subtracting a duration: DATEADD / DATESUB (DATE), TIMEADD / TIMESUB (TIME, wrapping
 * around midnight) and TIMESTAMPADD / TIMESTAMPSUB (TIMESTAMP), each `(unit, INT interval, value)`
 * with a time unit written as a keyword: `DATEADD(DAYS, 7, d)`.
 */
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { unitMillis } from '../interval-unit.js';
import { num } from '../numbers.js';

const DAY_MS = 86_400_000n;
const DAY_NS = 86_400_000_000_000n;
const LONG_MAX = (1n << 63n) - 1n;

/** The duration in millis; the sign of `direction` says add (1) or subtract (-1). */
function durationMillis(unit: unknown, interval: unknown, direction: 1n | -1n): bigint {
  return direction * BigInt(num(interval)) * unitMillis(unit as string);
}

/** A date moved by the duration, whole days counted towards zero (as ksqlDB's DATEADD). */
function shiftDate(days: number, delta: bigint): number {
  return Number((BigInt(days) * DAY_MS + delta) / DAY_MS);
}

/** A time of day moved by the duration, wrapping around midnight (java.time LocalTime.plus). */
function shiftTime(ms: number, deltaMs: bigint): number {
  // Java converts the duration to nanoseconds, saturating at the long range.
  let nanos = deltaMs * 1_000_000n;
  if (nanos > LONG_MAX) nanos = LONG_MAX;
  if (nanos < -LONG_MAX - 1n) nanos = -LONG_MAX - 1n;
  const ofDay = (((BigInt(ms) * 1_000_000n + (nanos % DAY_NS)) % DAY_NS) + DAY_NS) % DAY_NS;
  return Number(ofDay / 1_000_000n);
}

/** A timestamp moved by the duration (64-bit millis, wrapping as Java's long). */
function shiftTimestamp(ms: number, delta: bigint): number {
  return Number(BigInt.asIntN(64, BigInt(ms) + delta));
}

function adder(
  name: string,
  type: 'DATE' | 'TIME' | 'TIMESTAMP',
  direction: 1n | -1n,
  shift: (value: number, delta: bigint) => number,
): ScalarFunctionSpec {
  const verb = direction === 1n ? 'Adds a duration to' : 'Subtracts a duration from';
  return scalar(name, 'DATE / TIME', `${verb} a ${type} value.`, [
    {
      params: ['INTERVALUNIT unit', 'INT interval', `${type} ${type.toLowerCase()}`],
      returns: type,
      impl: ([unit, interval, value]) => shift(num(value), durationMillis(unit, interval, direction)),
    },
  ]);
}

export const arithmeticFunctions: ScalarFunctionSpec[] = [
  adder('dateadd', 'DATE', 1n, shiftDate),
  adder('datesub', 'DATE', -1n, shiftDate),
  adder('timeadd', 'TIME', 1n, shiftTime),
  adder('timesub', 'TIME', -1n, shiftTime),
  adder('timestampadd', 'TIMESTAMP', 1n, shiftTimestamp),
  adder('timestampsub', 'TIMESTAMP', -1n, shiftTimestamp),
];
