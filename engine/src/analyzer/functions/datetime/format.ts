/**
 * Formatting functions: TIMESTAMPTOSTRING (epoch millis), FORMAT_TIMESTAMP (TIMESTAMP), each with
 * an optional time zone (UTC when absent); DATETOSTRING (epoch days), FORMAT_DATE (DATE) and
 * FORMAT_TIME (TIME), all with Java DateTimeFormatter patterns.
 */
import { LocalDate, LocalTime } from '@js-joda/core';
import { type ScalarFunctionSpec, scalar } from '../function-spec.js';
import { num } from '../numbers.js';
import { failing } from './errors.js';
import { DEFAULT_ZONE, formatterOf, formatZoned, zonedOf, zoneOf } from './joda.js';

/** Formats epoch millis with a Java pattern in a zone (UTC by default). */
export function formatTimestamp(epochMilli: number, pattern: string, zone?: string): string {
  return formatZoned(zonedOf(epochMilli, zone === undefined ? DEFAULT_ZONE : zoneOf(zone)), pattern);
}

/** Java's `Timestamp.toString()` of epoch millis (UTC): `2018-05-11 21:58:33.0`. */
function timestampText(ms: number): string {
  const t = zonedOf(ms, DEFAULT_ZONE);
  const fraction =
    String(t.nano() / 1e6)
      .padStart(3, '0')
      .replace(/0+$/, '') || '0';
  return `${t.format(formatterOf('yyyy-MM-dd HH:mm:ss'))}.${fraction}`;
}

/** The two variants of a timestamp formatter over `type` (BIGINT millis or TIMESTAMP). */
function timestampFormatter(type: 'BIGINT' | 'TIMESTAMP', describe: (ms: number) => string) {
  const input = type === 'BIGINT' ? `${type} epochMilli` : `${type} timestamp`;
  return [
    {
      params: [input, 'STRING formatPattern'],
      returns: 'STRING',
      impl: ([ms, pattern]: unknown[]) => {
        const m = num(ms);
        return failing(
          () => `Failed to format timestamp ${describe(m)} with formatter '${pattern}'`,
          () => formatTimestamp(m, pattern as string),
        );
      },
    },
    {
      params: [input, 'STRING formatPattern', 'STRING timeZone'],
      returns: 'STRING',
      impl: ([ms, pattern, zone]: unknown[]) => {
        const m = num(ms);
        return failing(
          () => `Failed to format timestamp ${describe(m)} at timeZone '${zone}' with formatter '${pattern}'`,
          () => formatTimestamp(m, pattern as string, zone as string),
        );
      },
    },
  ];
}

const formatDays = (days: number, pattern: string) =>
  failing(
    () => `Failed to format date ${LocalDate.ofEpochDay(days)} with formatter '${pattern}'`,
    () => LocalDate.ofEpochDay(days).format(formatterOf(pattern)),
  );

export const formatFunctions: ScalarFunctionSpec[] = [
  scalar(
    'timestamptostring',
    'DATE / TIME',
    'Converts a number of milliseconds since 1970-01-01 00:00:00 UTC/GMT into the string representation of the timestamp in the given format, in a time zone (UTC by default).',
    timestampFormatter('BIGINT', String),
  ),
  scalar(
    'format_timestamp',
    'DATE / TIME',
    'Converts a TIMESTAMP value into the string representation of the timestamp in the given format, in a time zone (UTC by default).',
    timestampFormatter('TIMESTAMP', timestampText),
  ),
  scalar(
    'datetostring',
    'DATE / TIME',
    'Converts an integer representing days since epoch to a date string using the given format pattern.',
    [
      {
        params: ['INT epochDays', 'STRING formatPattern'],
        returns: 'STRING',
        impl: ([days, pattern]) => {
          const d = num(days);
          return failing(
            () => `Failed to format date ${d} with formatter '${pattern}'`,
            () => LocalDate.ofEpochDay(d).format(formatterOf(pattern as string)),
          );
        },
      },
    ],
  ),
  scalar('format_date', 'DATE / TIME', 'Converts a DATE value to a string using the given format pattern.', [
    {
      params: ['DATE date', 'STRING formatPattern'],
      returns: 'STRING',
      impl: ([days, pattern]) => formatDays(num(days), pattern as string),
    },
  ]),
  scalar(
    'format_time',
    'DATE / TIME',
    'Converts a TIME value into the string representation of the time in the given format.',
    [
      {
        params: ['TIME time', 'STRING formatPattern'],
        returns: 'STRING',
        impl: ([ms, pattern]) => {
          const t = LocalTime.ofNanoOfDay(num(ms) * 1_000_000);
          return failing(
            () => `Failed to format time ${t} with formatter '${pattern}'`,
            () => t.format(formatterOf(pattern as string)),
          );
        },
      },
    ],
  ),
];
