import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../syntax/index.js';
import { mapScope, typeOf } from '../../expr-type.js';
import { type SqlType, T } from '../../types.js';
import { INTERVAL_UNIT_TYPE, resolveScalar, scalarFunctions } from '../index.js';

const UNIT = INTERVAL_UNIT_TYPE;
type Case = [name: string, types: SqlType[], args: unknown[], expected: unknown];

const call = (name: string, types: SqlType[], args: unknown[]) =>
  resolveScalar(
    name,
    types.map((type) => ({ type })),
  ).bind()(args);

const MAY_11 = 1526075913000; // 2018-05-11T21:58:33Z

const values: Case[] = [
  // formatting, with and without a zone; zone names as Java prints `z` (daylight or standard)
  ['timestamptostring', [T.BIGINT, T.STRING], [BigInt(MAY_11), 'yyyy-MM-dd HH:mm:ss'], '2018-05-11 21:58:33'],
  [
    'timestamptostring',
    [T.BIGINT, T.STRING, T.STRING],
    [BigInt(MAY_11), 'yyyy-MM-dd HH:mm:ss zzz', 'America/Los_Angeles'],
    '2018-05-11 14:58:33 PDT',
  ],
  [
    'timestamptostring',
    [T.BIGINT, T.STRING, T.STRING],
    [BigInt(MAY_11), 'HH:mm z', 'Europe/London'],
    '22:58 BST',
  ],
  ['timestamptostring', [T.BIGINT, T.STRING, T.STRING], [0n, 'HH:mm z', 'America/Los_Angeles'], '16:00 PST'],
  ['timestamptostring', [T.BIGINT, T.STRING, T.STRING], [BigInt(MAY_11), 'z', 'Europe/Paris'], 'CEST'],
  ['timestamptostring', [T.BIGINT, T.STRING, T.STRING], [BigInt(MAY_11), 'z', 'Asia/Kolkata'], 'IST'],
  ['timestamptostring', [T.BIGINT, T.STRING, T.STRING], [BigInt(MAY_11), 'z', 'GMT'], 'GMT'],
  [
    'timestamptostring',
    [T.BIGINT, T.STRING, T.STRING],
    [BigInt(MAY_11), 'zzzz', 'America/Los_Angeles'],
    'Pacific Daylight Time',
  ],
  ['timestamptostring', [T.BIGINT, T.STRING, T.STRING], [0n, "HH:mm 'z' z", '+0200'], '02:00 z +02:00'],
  ['timestamptostring', [T.BIGINT, T.STRING], [BigInt(MAY_11), 'EEE, d MMM yyyy'], 'Fri, 11 May 2018'],
  [
    'format_timestamp',
    [T.TIMESTAMP, T.STRING],
    [MAY_11, "yyyy-MM-dd'T'HH:mm:ss.SSSX"],
    '2018-05-11T21:58:33.000Z',
  ],
  ['format_timestamp', [T.TIMESTAMP, T.STRING, T.STRING], [MAY_11, 'HH:mm', 'Asia/Kolkata'], '03:28'],
  ['datetostring', [T.INTEGER, T.STRING], [17662, 'yyyy-MM-dd'], '2018-05-11'],
  ['format_date', [T.DATE, T.STRING], [18993, 'dd-MMM-yyyy'], '01-Jan-2022'],
  ['format_date', [T.DATE, T.STRING], [-1, 'yyyy-MM-dd'], '1969-12-31'],
  ['format_time', [T.TIME, T.STRING], [65000, 'HH_mm_ss_SSS'], '00_01_05_000'],
  ['format_time', [T.TIME, T.STRING], [46800000, "hh:mm a 'AAA'"], '01:00 PM AAA'],
  // parsing: absent fields default to 1970-01-01T00:00, text is matched case-insensitively
  [
    'stringtotimestamp',
    [T.STRING, T.STRING],
    ['2018-05-11T21:58:33Z', "yyyy-MM-dd'T'HH:mm:ssX"],
    BigInt(MAY_11),
  ],
  [
    'stringtotimestamp',
    [T.STRING, T.STRING],
    ['2018-05-11T21:58:33z', "yyyy-MM-dd'T'HH:mm:ssX"],
    BigInt(MAY_11),
  ],
  [
    'stringtotimestamp',
    [T.STRING, T.STRING, T.STRING],
    ['2018-05-11 14:58:33', 'yyyy-MM-dd HH:mm:ss', 'America/Los_Angeles'],
    BigInt(MAY_11),
  ],
  [
    'parse_timestamp',
    [T.STRING, T.STRING],
    ['2018-05-11T21:58:33 PST', "yyyy-MM-dd'T'HH:mm:ss zzz"],
    1526101113000,
  ],
  ['parse_timestamp', [T.STRING, T.STRING], ['01:00', 'HH:mm'], 3600000],
  ['parse_timestamp', [T.STRING, T.STRING], ['2020-366', 'yyyy-DDD'], 1609372800000],
  ['parse_timestamp', [T.STRING, T.STRING, T.STRING], ['1970-01-01', 'yyyy-MM-dd', '+0100'], -3600000],
  ['stringtodate', [T.STRING, T.STRING], ['01-jan-2022', 'dd-MMM-yyyy'], 18993],
  ['parse_date', [T.STRING, T.STRING], ['2018-05-11Lit', "yyyy-MM-dd'Lit'"], 17662],
  ['parse_date', [T.STRING, T.STRING], ['JAN-2022', 'MMM-yyyy'], 18993],
  ['parse_time', [T.STRING, T.STRING], ['01:00:00 Pm', 'hh:mm:ss a'], 46800000],
  ['parse_time', [T.STRING, T.STRING], ['11/05/19', 'HH/mm/ss'], 39919000],
  // durations: whole days counted towards zero, times wrap at midnight, timestamps as Java longs
  ['dateadd', [UNIT, T.INTEGER, T.DATE], ['DAYS', 10, 0], 10],
  ['dateadd', [UNIT, T.INTEGER, T.DATE], ['HOURS', 25, 0], 1],
  ['dateadd', [UNIT, T.INTEGER, T.DATE], ['HOURS', 1, -1], 0],
  ['datesub', [UNIT, T.INTEGER, T.DATE], ['DAY', 5, 0], -5],
  ['datesub', [UNIT, T.INTEGER, T.DATE], ['DAYS', -5, 0], 5],
  ['timeadd', [UNIT, T.INTEGER, T.TIME], ['HOURS', 25, 0], 3600000],
  // Java saturates the duration at Long.MAX_VALUE nanoseconds before wrapping it into the day
  ['timeadd', [UNIT, T.INTEGER, T.TIME], ['DAYS', 2147483647, 1], 85_636_855],
  ['timesub', [UNIT, T.INTEGER, T.TIME], ['MILLISECONDS', 1, 0], 86399999],
  ['timestampadd', [UNIT, T.INTEGER, T.TIMESTAMP], ['MILLISECONDS', 10, 5], 15],
  ['timestampsub', [UNIT, T.INTEGER, T.TIMESTAMP], ['MINUTES', 1, 0], -60000],
  // epoch numbers and zones
  ['unix_timestamp', [T.TIMESTAMP], [1234], 1234n],
  ['unix_date', [T.DATE], [5], 5],
  ['from_unixtime', [T.BIGINT], [5n], 5],
  ['from_days', [T.INTEGER], [3], 3],
  [
    'convert_tz',
    [T.TIMESTAMP, T.STRING, T.STRING],
    [100, 'America/Los_Angeles', 'America/New_York'],
    10800100,
  ],
  ['convert_tz', [T.TIMESTAMP, T.STRING, T.STRING], [1589234313000, '+0200', '+0500'], 1589245113000],
];

const errors: [name: string, types: SqlType[], args: unknown[], message: RegExp][] = [
  [
    'timestamptostring',
    [T.BIGINT, T.STRING, T.STRING],
    [0n, 'yyyy', 'Nowhere/City'],
    /^Failed to format timestamp 0 at timeZone 'Nowhere\/City' with formatter 'yyyy': /,
  ],
  [
    'format_timestamp',
    [T.TIMESTAMP, T.STRING],
    [0, 'yyyy bb'],
    /^Failed to format timestamp 1970-01-01 00:00:00.0 with formatter 'yyyy bb': /,
  ],
  ['format_date', [T.DATE, T.STRING], [0, 'HH'], /^Failed to format date 1970-01-01 with formatter 'HH': /],
  ['format_time', [T.TIME, T.STRING], [0, 'yyyy'], /^Failed to format time 00:00 with formatter 'yyyy': /],
  [
    'stringtotimestamp',
    [T.STRING, T.STRING],
    ['2018-05', 'yyyy-MM-dd'],
    /^Failed to parse timestamp '2018-05' with formatter 'yyyy-MM-dd': /,
  ],
  [
    'parse_timestamp',
    [T.STRING, T.STRING],
    ['366', 'DDD'],
    /Leap day cannot be parsed without supplying the year field/,
  ],
  [
    'parse_date',
    [T.STRING, T.STRING],
    ['2022-01-01 10', 'yyyy-MM-dd HH'],
    /Date format contains time field\./,
  ],
  ['parse_time', [T.STRING, T.STRING], ['2022 10:00', 'yyyy HH:mm'], /Time format contains date field\./],
  ['convert_tz', [T.TIMESTAMP, T.STRING, T.STRING], [0, 'UTC', 'Nowhere'], /^Invalid time zone: /],
];

describe('date and time functions', () => {
  it.each(values)('%s (case %#)', (name, types, args, expected) => {
    expect(call(name, types, args)).toEqual(expected);
  });

  it.each(errors)('%s fails with ksqlDB’s message', (name, types, args, message) => {
    expect(() => call(name, types, args)).toThrow(message);
  });

  it('UNIX_TIMESTAMP of a TIMESTAMP is its millis, not the wall clock; without one it is now', () => {
    expect(call('unix_timestamp', [T.TIMESTAMP], [1])).toBe(1n);
    const now = call('unix_timestamp', [], []) as bigint;
    expect(Math.abs(Number(now) - Date.now())).toBeLessThan(5000);
    expect(call('unix_date', [], [])).toBe(Math.floor(Date.now() / 86_400_000));
  });

  it('gives null for any null argument (no variant is null-tolerant)', () => {
    const dt = scalarFunctions().filter((f) => f.category === 'DATE / TIME');
    expect(dt.length).toBeGreaterThanOrEqual(21);
    for (const f of dt) for (const v of f.variants) expect(v.nullTolerant).toBeUndefined();
  });

  it('takes an INT interval and a time unit, as ksqlDB types them', () => {
    expect(() => resolveScalar('dateadd', [{ type: T.DATE }, { type: T.INTEGER }, { type: T.DATE }])).toThrow(
      "Function 'dateadd' does not accept parameters (DATE, INTEGER, DATE).",
    );
    expect(() =>
      resolveScalar('timestampadd', [{ type: UNIT }, { type: T.BIGINT }, { type: T.TIMESTAMP }]),
    ).toThrow(/does not accept parameters \(INTERVALUNIT, BIGINT, TIMESTAMP\)/);
    expect(() => resolveScalar('ucase', [{ type: UNIT }])).toThrow(/does not accept/);
  });

  it('reads a time-unit keyword argument as a unit unless a column has that name', () => {
    const scope = mapScope(new Map([['D', T.DATE]]));
    expect(typeOf(parseExpression('DATEADD(DAYS, 1, D)'), scope)).toEqual(T.DATE);
    const shadowed = mapScope(new Map([['DAYS', T.DATE]]));
    expect(() => typeOf(parseExpression('DATEADD(DAYS, 1, DAYS)'), shadowed)).toThrow(
      "Function 'dateadd' does not accept parameters (DATE, INTEGER, DATE).",
    );
  });
});
