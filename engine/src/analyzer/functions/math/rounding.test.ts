import { describe, expect, it } from 'vitest';
import { T } from '../../types.js';
import { Decimal } from '../../values.js';
import '../index.js';
import { callOf } from '../test-support.js';

const DEC = (precision: number, scale: number) => ({ kind: 'DECIMAL' as const, precision, scale });
const d = (text: string) => Decimal.parse(text);
const text = (v: unknown) => (v as Decimal).toString();

describe('ROUND and TRUNC without decimal places: integral BIGINT results', () => {
  it.each([
    ['round', T.INTEGER, 7, 7n],
    ['round', T.BIGINT, -7n, -7n],
    ['round', T.DOUBLE, 1.5, 2n],
    ['round', T.DOUBLE, -1.5, -1n],
    ['round', T.DOUBLE, -1.7, -2n],
    ['round', T.DOUBLE, 0.49999999999999994, 0n],
    ['round', T.DOUBLE, Number.NaN, 0n],
    ['round', T.DOUBLE, 1e300, 9223372036854775807n],
    ['round', T.DOUBLE, -Infinity, -9223372036854775808n],
    ['trunc', T.INTEGER, -7, -7n],
    ['trunc', T.DOUBLE, -1.7, -1n],
    ['trunc', T.DOUBLE, 1.7, 1n],
    ['trunc', T.DOUBLE, Number.NaN, 0n],
    ['trunc', T.DOUBLE, 1e300, 9223372036854775807n],
    ['round', T.DOUBLE, null, null],
  ])('%s(%s %s) = %s', (name, type, value, expected) => {
    const call = callOf(name, type);
    expect(call.returnType).toEqual(T.BIGINT);
    expect(call.run(value)).toBe(expected);
  });
});

describe('ROUND and TRUNC of a DOUBLE to decimal places (through its decimal text, ties to +∞)', () => {
  it.each([
    ['round', 1.005, 2, 1.01],
    ['round', 1.234567, 2, 1.23],
    ['round', -1.5, 0, -1],
    ['round', 1.5, 0, 2],
    ['round', -12345.678, 1, -12345.7],
    ['round', -12345.675, 2, -12345.67],
    ['round', 12345.678, -1, 12350],
    ['round', -12345.678, -2, -12300],
    ['round', 1.2, -1, 0],
    ['round', 1.2, 10, 1.2],
    ['trunc', 12345.678, 2, 12345.67],
    ['trunc', -12345.678, -1, -12340],
    ['trunc', -1.7, 0, -1],
    ['round', 1.5, null, null],
  ])('%s(%s, %s) = %s', (name, value, places, expected) => {
    const call = callOf(name, T.DOUBLE, T.INTEGER);
    expect(call.returnType).toEqual(T.DOUBLE);
    expect(call.run(value, places)).toBe(expected);
  });

  it('fails on NaN and infinities (no decimal text), as BigDecimal.valueOf', () => {
    expect(() => callOf('round', T.DOUBLE, T.INTEGER).run(Number.NaN, 1)).toThrow(/NaN/);
    expect(() => callOf('trunc', T.DOUBLE, T.INTEGER).run(Infinity, 1)).toThrow(/Infinite/);
  });
});

describe('ROUND and TRUNC of a DECIMAL (exact)', () => {
  it.each([
    ['round', '1.5', '2'],
    ['round', '-1.5', '-1'],
    ['round', '-1.51', '-2'],
    ['round', '12345678987654321.5', '12345678987654322'],
    ['trunc', '-1.7', '-1'],
    ['trunc', '12345678987654321.9', '12345678987654321'],
  ])('%s(%s) = %s as DECIMAL(p - s, 0)', (name, value, expected) => {
    const call = callOf(name, DEC(20, 1));
    expect(call.returnType).toEqual(DEC(19, 0));
    expect(text(call.run(d(value)))).toBe(expected);
  });

  it.each([
    ['round', '12345678987654321.2345678987654321', 10, '12345678987654321.2345678988000000'],
    ['round', '12345678987654321.2345678987654321', -1, '12345678987654320.0000000000000000'],
    ['round', '12345678987654321.2345678987654321', -2, '12345678987654300.0000000000000000'],
    ['round', '-0.0000000000000050', 14, '0.0000000000000000'],
    ['round', '-0.0000000000000051', 14, '-0.0000000000000100'],
    ['round', '0.0000000000000050', 14, '0.0000000000000100'],
    ['trunc', '12345678987654321.2345678987654321', 2, '12345678987654321.2300000000000000'],
    ['trunc', '-12345678987654321.2345678987654321', -3, '-12345678987654000.0000000000000000'],
  ])('%s(%s, %s) = %s at the argument type', (name, value, places, expected) => {
    const call = callOf(name, DEC(33, 16), T.INTEGER);
    expect(call.returnType).toEqual(DEC(33, 16));
    expect(text(call.run(d(value), places))).toBe(expected);
  });

  it('refuses to round a DECIMAL without integer digits to an integral type, as ksqlDB', () => {
    expect(() => callOf('round', DEC(2, 2))).toThrow('DECIMAL precision must be >= 1: DECIMAL(0,0)');
    expect(() => callOf('trunc', DEC(3, 3))).toThrow('DECIMAL precision must be >= 1: DECIMAL(0,0)');
    expect(callOf('round', DEC(2, 2), T.INTEGER).returnType).toEqual(DEC(2, 2));
  });
});

describe('ROUND resolution', () => {
  it('takes an INT argument as INT (BIGINT result), a literal DECIMAL as DECIMAL', () => {
    expect(callOf('round', T.INTEGER).returnType).toEqual(T.BIGINT);
    expect(callOf('round', DEC(2, 1), T.INTEGER).returnType).toEqual(DEC(2, 1));
  });

  it('accepts only INT decimal places', () => {
    expect(() => callOf('round', T.DOUBLE, T.BIGINT)).toThrow(/Function 'Round' does not accept parameters/);
  });
});
