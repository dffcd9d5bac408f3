import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../../types.js';
import { Decimal } from '../../values.js';
import '../index.js';
import { callOf } from '../test-support.js';

const DEC = (precision: number, scale: number): SqlType => ({ kind: 'DECIMAL', precision, scale });
const bytes = (...b: number[]) => Buffer.from(b);

describe('GREATEST and LEAST over each comparable type', () => {
  it.each([
    [T.INTEGER, [2147483647, -2147483648, null, 5], 2147483647, -2147483648],
    [
      T.BIGINT,
      [9223372036854775807n, null, -9223372036854775808n],
      9223372036854775807n,
      -9223372036854775808n,
    ],
    [T.DOUBLE, [50000.555, -99999.555, null], 50000.555, -99999.555],
    [T.DOUBLE, [1, Number.NaN, -1], Number.NaN, -1],
    [T.DOUBLE, [0, -0], 0, -0],
    [T.DOUBLE, [-0, 0], 0, -0],
    [T.STRING, ['apple', null, 'banana', 'Zebra'], 'banana', 'Zebra'],
    [T.STRING, ['\u{1F600}', '\uFFFF'], '\uFFFF', '\u{1F600}'],
    [T.BYTES, [bytes(0x7f), bytes(0x80), bytes(0x7f, 0)], bytes(0x7f, 0), bytes(0x80)],
    [T.DATE, [19071, -5883, 18824], 19071, -5883],
    [T.TIME, [33359999, 10, null], 33359999, 10],
    [T.TIMESTAMP, [1647734400000, -508291200000], 1647734400000, -508291200000],
    [T.INTEGER, [null, null], null, null],
  ] as [SqlType, unknown[], unknown, unknown][])('%s: case %#', (type, values, greatest, least) => {
    for (const [name, expected] of [
      ['greatest', greatest],
      ['least', least],
    ] as const) {
      const call = callOf(name, ...values.map(() => type));
      expect(call.returnType).toEqual(type);
      expect(call.run(...values)).toEqual(expected);
      if (typeof expected === 'number') expect(Object.is(call.run(...values), expected)).toBe(true);
    }
  });

  it('widens DECIMAL arguments to the most integer digits and the largest scale', () => {
    const call = callOf('greatest', DEC(9, 2), NULL_TYPE, DEC(7, 6));
    expect(call.returnType).toEqual(DEC(13, 6));
    const v = call.run(Decimal.parse('1234567.89'), null, Decimal.parse('0.123456')) as Decimal;
    expect(v.toString()).toBe('1234567.890000');
    const least = callOf('least', DEC(9, 2), DEC(7, 6));
    expect((least.run(Decimal.parse('-1.5'), Decimal.parse('0.5')) as Decimal).toString()).toBe('-1.500000');
  });

  it('widens mixed numbers only to DOUBLE when a DOUBLE is among them', () => {
    const call = callOf('greatest', T.INTEGER, T.BIGINT, DEC(30, 18), T.DOUBLE, NULL_TYPE);
    expect(call.returnType).toEqual(T.DOUBLE);
    expect(call.run(500000, 1n, Decimal.parse('99999.99999'), null, null)).toBe(500000);
  });

  it('reads a string literal as DATE, TIME or TIMESTAMP next to such columns', () => {
    const call = callOf('greatest', T.TIMESTAMP, NULL_TYPE, [T.STRING, 'literal']);
    expect(call.returnType).toEqual(T.TIMESTAMP);
    expect(call.run(1647734400000, null, '2022-06-14')).toBe(1655164800000);
    expect(callOf('least', T.STRING, [T.STRING, 'literal']).returnType).toEqual(T.STRING);
  });

  it.each([
    [
      [T.INTEGER, T.BIGINT],
      "Function 'greatest' cannot be resolved due to ambiguous method parameters (INTEGER, BIGINT).",
    ],
    [
      [T.INTEGER, T.BIGINT, DEC(50, 30)],
      "Function 'greatest' cannot be resolved due to ambiguous method parameters (INTEGER, BIGINT, DECIMAL(50, 30)).",
    ],
    [
      [NULL_TYPE, NULL_TYPE],
      "Function 'greatest' cannot be resolved due to ambiguous method parameters (null, null).",
    ],
    [[], "Function 'greatest' does not accept parameters ()."],
    [[T.STRING, T.INTEGER], "Function 'greatest' does not accept parameters (STRING, INTEGER)."],
    [[T.BOOLEAN], "Function 'greatest' does not accept parameters (BOOLEAN)."],
  ] as [SqlType[], string][])('refuses as ksqlDB does: %s', (types, message) => {
    expect(() => callOf('greatest', ...types)).toThrow(message);
  });
});
