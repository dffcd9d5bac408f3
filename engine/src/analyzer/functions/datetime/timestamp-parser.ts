/**
 * Reads a timestamp from text with a Java pattern the way ksqlDB does (STRINGTOTIMESTAMP,
 * PARSE_TIMESTAMP, a source's TIMESTAMP_FORMAT): fields the pattern leaves out default to
 * 1970-01-01T00:00:00.000, and the zone is the one in the text, else the given one (UTC). Text
 * matches case-insensitively (`jan`, `pm`, `z`).
 */
import {
  ChronoField,
  type TemporalAccessor,
  TemporalQueries,
  ZonedDateTime,
  type ZoneId,
} from '@js-joda/core';
import { caseInsensitiveFormatterOf, DEFAULT_ZONE } from './joda.js';

/** The fields in java.time's ChronoField order: each parsed one overrides the 1970 default in turn. */
const FIELDS: readonly ChronoField[] = [
  ChronoField.NANO_OF_SECOND,
  ChronoField.NANO_OF_DAY,
  ChronoField.MICRO_OF_SECOND,
  ChronoField.MICRO_OF_DAY,
  ChronoField.MILLI_OF_SECOND,
  ChronoField.MILLI_OF_DAY,
  ChronoField.SECOND_OF_MINUTE,
  ChronoField.SECOND_OF_DAY,
  ChronoField.MINUTE_OF_HOUR,
  ChronoField.MINUTE_OF_DAY,
  ChronoField.HOUR_OF_AMPM,
  ChronoField.CLOCK_HOUR_OF_AMPM,
  ChronoField.HOUR_OF_DAY,
  ChronoField.CLOCK_HOUR_OF_DAY,
  ChronoField.AMPM_OF_DAY,
  ChronoField.DAY_OF_WEEK,
  ChronoField.ALIGNED_DAY_OF_WEEK_IN_MONTH,
  ChronoField.ALIGNED_DAY_OF_WEEK_IN_YEAR,
  ChronoField.DAY_OF_MONTH,
  ChronoField.DAY_OF_YEAR,
  ChronoField.EPOCH_DAY,
  ChronoField.ALIGNED_WEEK_OF_MONTH,
  ChronoField.ALIGNED_WEEK_OF_YEAR,
  ChronoField.MONTH_OF_YEAR,
  ChronoField.PROLEPTIC_MONTH,
  ChronoField.YEAR_OF_ERA,
  ChronoField.YEAR,
  ChronoField.ERA,
  ChronoField.INSTANT_SECONDS,
  ChronoField.OFFSET_SECONDS,
];

/** The first field of java.time's order that a parse result holds and `test` accepts. */
export function firstField(
  parsed: TemporalAccessor,
  test: (f: ChronoField) => boolean,
): ChronoField | undefined {
  return FIELDS.find((f) => test(f) && parsed.isSupported(f));
}

/** Parses `text` with `pattern` into epoch millis; throws java.time's error for text that does not fit. */
export function parseTimestamp(text: string, pattern: string, zone: ZoneId = DEFAULT_ZONE): number {
  const parsed = caseInsensitiveFormatterOf(pattern).parse(text);
  let resolved = ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, parsed.query(TemporalQueries.zone()) ?? zone);
  for (const field of FIELDS) {
    if (!parsed.isSupported(field)) continue;
    const value = parsed.getLong(field);
    if (field === ChronoField.DAY_OF_YEAR && value === 366) {
      // 1970 has no day 366: take the parsed year first.
      if (!parsed.isSupported(ChronoField.YEAR))
        throw new Error('Leap day cannot be parsed without supplying the year field');
      resolved = resolved.withYear(parsed.get(ChronoField.YEAR));
    }
    resolved = resolved.with(field, value);
  }
  return resolved.toInstant().toEpochMilli();
}

/** Throws java.time's error for a pattern that is no DateTimeFormatter pattern (`Unknown pattern letter: b`). */
export function checkTimestampPattern(pattern: string): void {
  caseInsensitiveFormatterOf(pattern);
}
