import { describe, expect, it } from 'vitest';
import { T } from '../types.js';
import { call } from './call.fixture.js';

const B = T.BYTES;
const S = T.STRING;
const hex = (h: string) => Buffer.from(h, 'hex');

describe('BYTES → number conversions', () => {
  it.each([
    ['int_from_bytes', [hex('000007e5')], 2021],
    ['int_from_bytes', [hex('ffffffff')], -1],
    ['int_from_bytes', [hex('e5070000'), 'LITTLE_ENDIAN'], 2021],
    ['int_from_bytes', [hex('000007e5'), 'big_endian'], 2021],
    ['bigint_from_bytes', [hex('000000012a05f200')], 5000000000n],
    ['bigint_from_bytes', [hex('00f2052a01000000'), 'LITTLE_ENDIAN'], 5000000000n],
    ['double_from_bytes', [hex('4080a6fd9bc9f582')], 532.8738323],
    ['double_from_bytes', [hex('82f5c99bfda68040'), 'LITTLE_ENDIAN'], 532.8738323],
    ['int_from_bytes', [null], null],
  ] as const)('%s, case %#', (name, values, expected) => {
    expect(call(name, values.length === 1 ? [B] : [B, S], [...values])).toEqual(expected);
  });

  it('refuses a value of the wrong width and an unknown byte order', () => {
    expect(() => call('int_from_bytes', [B], [hex('0102')])).toThrow(
      'Number of bytes must be equal to 4, but found 2',
    );
    expect(() => call('bigint_from_bytes', [B, S], [hex('0000000000000001'), 'MIDDLE'])).toThrow(
      /Byte order/,
    );
  });
});
