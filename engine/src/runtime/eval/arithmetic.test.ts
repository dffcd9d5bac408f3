import { describe, expect, it } from 'vitest';
import { Decimal, type SqlType, T } from '../../analyzer/index.js';
import { arith, negate } from './arithmetic.js';

const INT_MIN = -2147483648;
const LONG_MIN = -9223372036854775808n;

describe('integer arithmetic overflows as Java', () => {
  it.each([
    [T.INTEGER, '+', 2147483647, 1, INT_MIN],
    [T.INTEGER, '-', INT_MIN, 1, 2147483647],
    [T.INTEGER, '*', 65536, 65536, 0],
    [T.INTEGER, '/', INT_MIN, -1, INT_MIN],
    [T.INTEGER, '%', INT_MIN, -1, 0],
    [T.INTEGER, '/', -7, 2, -3],
    [T.BIGINT, '+', 9223372036854775807n, 1n, LONG_MIN],
    [T.BIGINT, '*', LONG_MIN, -1n, LONG_MIN],
    [T.BIGINT, '/', LONG_MIN, -1n, LONG_MIN],
    [T.BIGINT, '%', LONG_MIN, -1n, 0n],
  ] as [SqlType, string, unknown, unknown, unknown][])('%s: %s %s %s = %s', (t, op, a, b, expected) => {
    const r = arith(op, t, a, b);
    expect(r).toBe(expected);
    expect(Object.is(r, -0)).toBe(false);
  });

  it('divides exact types by zero as an error', () => {
    expect(() => arith('/', T.INTEGER, 1, 0)).toThrow('/ by zero');
    expect(() => arith('%', T.BIGINT, 1n, 0n)).toThrow('/ by zero');
  });

  it.each([
    [T.INTEGER, INT_MIN, INT_MIN],
    [T.INTEGER, 5, -5],
    [T.BIGINT, LONG_MIN, LONG_MIN],
    [T.DOUBLE, INT_MIN, 2147483648],
  ] as [SqlType, unknown, unknown][])('negates %s %s to %s', (t, v, expected) => {
    expect(negate(t, v)).toBe(expected);
  });

  it('negates a decimal keeping its scale', () => {
    expect(
      (negate({ kind: 'DECIMAL', precision: 3, scale: 2 }, Decimal.parse('1.50')) as Decimal).toString(),
    ).toBe('-1.50');
  });
});
