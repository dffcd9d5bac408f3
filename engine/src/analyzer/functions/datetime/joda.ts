/**
 * Java's date-time formatting for the date and time functions, through js-joda (a port of
 * java.time): DateTimeFormatter patterns, IANA time zones (`@js-joda/timezone`) and English text
 * (month and day names, zone names: `@js-joda/locale_en-us`). ksqlDB runs in UTC with an en-US
 * locale, so those are the defaults here.
 */
import {
  DateTimeFormatter,
  DateTimeFormatterBuilder,
  Instant,
  type ZonedDateTime,
  ZoneId,
  ZoneOffset,
} from '@js-joda/core';
import '@js-joda/timezone';
import { Locale } from '@js-joda/locale';
import '@js-joda/locale_en-us';

/** The zone ksqlDB uses when a function is given none (the server's default zone: UTC). */
export const DEFAULT_ZONE: ZoneId = ZoneId.of('UTC');

const formatters = new Map<string, DateTimeFormatter>();
const lenientFormatters = new Map<string, DateTimeFormatter>();

function cached(cache: Map<string, DateTimeFormatter>, pattern: string, make: () => DateTimeFormatter) {
  let f = cache.get(pattern);
  if (f === undefined) {
    f = make();
    if (cache.size >= 1000) cache.clear();
    cache.set(pattern, f);
  }
  return f;
}

/** `DateTimeFormatter.ofPattern(pattern)` in en-US (cached per pattern, as ksqlDB's UDFs cache). */
export function formatterOf(pattern: string): DateTimeFormatter {
  return cached(formatters, pattern, () => DateTimeFormatter.ofPattern(pattern).withLocale(Locale.US));
}

/** A formatter that parses case-insensitively (`jan` for `MMM`), as PARSE_DATE and STRINGTODATE do. */
export function caseInsensitiveFormatterOf(pattern: string): DateTimeFormatter {
  return cached(lenientFormatters, pattern, () =>
    new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern(pattern)
      .toFormatter()
      .withLocale(Locale.US),
  );
}

/** `ZoneId.of(id)`: region ids (`America/Los_Angeles`), offsets (`+0200`), `UTC`, `GMT+1`. */
export function zoneOf(id: string): ZoneId {
  return ZoneId.of(id);
}

/** The date-time of epoch millis in a zone. */
export function zonedOf(epochMilli: number, zone: ZoneId): ZonedDateTime {
  return Instant.ofEpochMilli(epochMilli).atZone(zone);
}

/** A pattern split around its zone-name letters (`z`…`zzzz`) outside quotes. */
type Segment = { zoneName: 'short' | 'long' } | { pattern: string };

const segmentsCache = new Map<string, Segment[]>();

function segmentsOf(pattern: string): Segment[] {
  let segments = segmentsCache.get(pattern);
  if (segments !== undefined) return segments;
  segments = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") quoted = !quoted;
    if (quoted || c !== 'z') continue;
    let end = i;
    while (pattern[end] === 'z') end++;
    if (i > start) segments.push({ pattern: pattern.slice(start, i) });
    segments.push({ zoneName: end - i >= 4 ? 'long' : 'short' });
    start = end;
    i = end - 1;
  }
  if (start < pattern.length) segments.push({ pattern: pattern.slice(start) });
  if (segmentsCache.size >= 1000) segmentsCache.clear();
  segmentsCache.set(pattern, segments);
  return segments;
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/** Locales whose zone abbreviations Java shares, tried in turn: US zones, then BST / CEST, IST, AEST. */
const NAME_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-IE'];

/** Zones Java names `GMT` (ICU calls them UTC). */
const GMT_ZONES = new Set(['GMT', 'Etc/GMT', 'Greenwich', 'Etc/Greenwich', 'GMT0', 'Etc/GMT0']);

/** An Intl formatter of a zone's name (cached: building one costs far more than using it). */
function zoneNameFormat(locale: string, zone: string, style: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${locale} ${zone} ${style}`;
  let f = zoneNameFormats.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
    if (zoneNameFormats.size >= 1000) zoneNameFormats.clear();
    zoneNameFormats.set(key, f);
  }
  return f;
}

/**
 * The zone's name at that instant as Java prints pattern letter `z`: the daylight or standard
 * name (`PDT`, `BST`, `Pacific Daylight Time`). js-joda's zone printer only knows the generic name
 * (`PT`), so the name comes from the platform's time-zone data (ICU), in en-US or else the first
 * English locale that has an abbreviation for the zone (`BST`, `CEST`, `IST`, `AEST`); a zone none
 * abbreviates prints `GMT+9` where Java prints `JST`, and an offset zone prints its id.
 */
function zoneName(t: ZonedDateTime, style: 'short' | 'long'): string {
  const zone = t.zone();
  if (zone instanceof ZoneOffset) return zone.id();
  const at = new Date(t.toInstant().toEpochMilli());
  let name = zone.id();
  if (style === 'short' && GMT_ZONES.has(zone.id())) return 'GMT';
  for (const locale of NAME_LOCALES) {
    const part = zoneNameFormat(locale, zone.id(), style)
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part === undefined) continue;
    name = part;
    if (!/^GMT[+-]/.test(part)) break;
  }
  return name;
}

/** Formats a date-time with a Java pattern, zone names as Java prints them. */
export function formatZoned(t: ZonedDateTime, pattern: string): string {
  const segments = segmentsOf(pattern);
  if (segments.length === 1 && 'pattern' in segments[0]!) return t.format(formatterOf(pattern));
  return segments
    .map((s) => ('pattern' in s ? t.format(formatterOf(s.pattern)) : zoneName(t, s.zoneName)))
    .join('');
}
