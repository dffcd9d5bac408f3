/**
 * Conversions between the temporal types and epoch numbers, and between zones: UNIX_TIMESTAMP
 * (now, or a TIMESTAMP's millis), UNIX_DATE (today, or a DATE's days), FROM_UNIXTIME (millis →
 * TIMESTAMP), FROM_DAYS (days → DATE) and CONVERT_TZ (a TIMESTAMP's wall clock moved between zones).
 */
import { Instant } from '@js-joda/core';
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { num } from '../numbers.js';
import { zoneOf } from './joda.js';

const DAY_MS = 86_400_000;

/** The offset of a zone at an instant, in millis. */
function offsetMillis(zone: string, at: Instant): number {
  try {
    return zoneOf(zone).rules().offset(at).totalSeconds() * 1000;
  } catch (e) {
    throw new Error(`Invalid time zone: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** CONVERT_TZ: the timestamp shifted by the difference of the two zones' offsets at that instant. */
export function convertTz(ms: number, from: string, to: string): number {
  const at = Instant.ofEpochMilli(ms);
  return ms + offsetMillis(to, at) - offsetMillis(from, at);
}

export const epochFunctions: ScalarFunctionSpec[] = [
  scalar(
    'unix_timestamp',
    'DATE / TIME',
    'Returns the current number of milliseconds since 1970-01-01 00:00:00 UTC/GMT, or those of a TIMESTAMP.',
    [
      { params: [], returns: 'BIGINT', impl: () => BigInt(Date.now()) },
      { params: ['TIMESTAMP timestamp'], returns: 'BIGINT', impl: ([ts]) => BigInt(num(ts)) },
    ],
  ),
  scalar(
    'unix_date',
    'DATE / TIME',
    'Returns the current number of days since 1970-01-01 (UTC), or those of a DATE.',
    [
      { params: [], returns: 'INT', impl: () => Math.floor(Date.now() / DAY_MS) },
      { params: ['DATE date'], returns: 'INT', impl: ([days]) => num(days) },
    ],
  ),
  scalar(
    'from_unixtime',
    'DATE / TIME',
    'Converts a number of milliseconds since 1970-01-01 00:00:00 UTC/GMT into a TIMESTAMP value.',
    [{ params: ['BIGINT epochMilli'], returns: 'TIMESTAMP', impl: ([ms]) => num(ms) }],
  ),
  scalar('from_days', 'DATE / TIME', 'Converts a number of days since 1970-01-01 into a DATE value.', [
    { params: ['INT days'], returns: 'DATE', impl: ([days]) => num(days) },
  ]),
  scalar('convert_tz', 'DATE / TIME', 'Converts a TIMESTAMP value from one time zone to another.', [
    {
      params: ['TIMESTAMP timestamp', 'STRING fromTimeZone', 'STRING toTimeZone'],
      returns: 'TIMESTAMP',
      impl: ([ts, from, to]) => convertTz(num(ts), from as string, to as string),
    },
  ]),
];
