/**
 * Parsing functions (Java DateTimeFormatter patterns): STRINGTOTIMESTAMP (→ BIGINT millis) and
 * PARSE_TIMESTAMP (→ TIMESTAMP), each with an optional time zone; STRINGTODATE (→ INT days),
 * PARSE_DATE (→ DATE) and PARSE_TIME (→ TIME), which refuse a text with a part of the other kind.
 */
import { LocalDate, LocalTime } from '@js-joda/core';
import { type ScalarFunctionSpec, scalar, type VariantSpec } from '../function-spec.js';
import { failing } from './errors.js';
import { caseInsensitiveFormatterOf, zoneOf } from './joda.js';
import { firstField, parseTimestamp } from './timestamp-parser.js';

/** Both variants of a timestamp parser, the result as `returns` wants it. */
function timestampParser(returns: 'BIGINT' | 'TIMESTAMP', out: (ms: number) => unknown): VariantSpec[] {
  return [
    {
      params: ['STRING formattedTimestamp', 'STRING formatPattern'],
      returns,
      impl: ([text, pattern]) =>
        failing(
          () => `Failed to parse timestamp '${text}' with formatter '${pattern}'`,
          () => out(parseTimestamp(text as string, pattern as string)),
        ),
    },
    {
      params: ['STRING formattedTimestamp', 'STRING formatPattern', 'STRING timeZone'],
      returns,
      impl: ([text, pattern, zone]) =>
        failing(
          () => `Failed to parse timestamp '${text}' at timezone '${zone}' with formatter '${pattern}'`,
          () => out(parseTimestamp(text as string, pattern as string, zoneOf(zone as string))),
        ),
    },
  ];
}

const DAY_MS = 86_400_000;

/**
 * Epoch days of a date text (PARSE_DATE, as java.text.SimpleDateFormat in GMT reads it): fields
 * the pattern leaves out are those of 1970-01-01; a time of day other than midnight is an error.
 */
function parseDate(text: string, pattern: string): number {
  return failing(
    () => `Failed to parse date '${text}' with formatter '${pattern}'`,
    () => {
      const ms = parseTimestamp(text, pattern);
      if (ms % DAY_MS !== 0) throw new Error('Date format contains time field.');
      return ms / DAY_MS;
    },
  );
}

/** Millis of the day of a time-only text (PARSE_TIME: a date field in the pattern is an error). */
function parseTime(text: string, pattern: string): number {
  return failing(
    () => `Failed to parse time '${text}' with formatter '${pattern}'`,
    () => {
      const parsed = caseInsensitiveFormatterOf(pattern).parse(text);
      if (firstField(parsed, (f) => f.isDateBased()) !== undefined)
        throw new Error('Time format contains date field.');
      return Math.trunc(LocalTime.from(parsed).toNanoOfDay() / 1_000_000);
    },
  );
}

export const parseFunctions: ScalarFunctionSpec[] = [
  scalar(
    'stringtotimestamp',
    'DATE / TIME',
    'Converts a string representation of a date in the given format into the BIGINT value that represents the millisecond timestamp.',
    timestampParser('BIGINT', BigInt),
  ),
  scalar(
    'parse_timestamp',
    'DATE / TIME',
    'Converts a string representation of a date in the given format into a TIMESTAMP value.',
    timestampParser('TIMESTAMP', (ms) => ms),
  ),
  scalar(
    'stringtodate',
    'DATE / TIME',
    'Converts a string representation of a date in the given format into the number of days since 1970-01-01.',
    [
      {
        params: ['STRING formattedDate', 'STRING formatPattern'],
        returns: 'INT',
        impl: ([text, pattern]) =>
          failing(
            () => `Failed to parse date '${text}' with formatter '${pattern}'`,
            () => LocalDate.parse(text as string, caseInsensitiveFormatterOf(pattern as string)).toEpochDay(),
          ),
      },
    ],
  ),
  scalar(
    'parse_date',
    'DATE / TIME',
    'Converts a string representation of a date in the given format into a DATE value.',
    [
      {
        params: ['STRING formattedDate', 'STRING formatPattern'],
        returns: 'DATE',
        impl: ([text, pattern]) => parseDate(text as string, pattern as string),
      },
    ],
  ),
  scalar(
    'parse_time',
    'DATE / TIME',
    'Converts a string representation of a time in the given format into a TIME value.',
    [
      {
        params: ['STRING formattedTime', 'STRING formatPattern'],
        returns: 'TIME',
        impl: ([text, pattern]) => parseTime(text as string, pattern as string),
      },
    ],
  ),
];
