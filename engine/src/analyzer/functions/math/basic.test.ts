import { describe, expect, it } from 'vitest';
import { T } from '../../types.js';
import { Decimal } from '../../values.js';
import '../index.js';
import { callOf } from '../test-support.js';

const DEC = (precision: number, scale: number) => ({ kind: 'DECIMAL' as const, precision, scale });
const d = (text: string) => Decimal.parse(text);

describe('ABS, FLOOR, CEIL (types kept, Java overflow)', () => {
  it.each([
    ['abs', T.INTEGER, -3, 3],
    ['abs', T.INTEGER, -2147483648, -2147483648],
    ['abs', T.BIGINT, -9223372036854775808n, -9223372036854775808n],
    ['abs', T.BIGINT, -5n, 5n],
    ['abs', T.DOUBLE, -0.5, 0.5],
    ['floor', T.INTEGER, -3, -3],
    ['floor', T.BIGINT, 7n, 7n],
    ['floor', T.DOUBLE, -1.1, -2],
    ['ceil', T.DOUBLE, -1.1, -1],
    ['ceil', T.DOUBLE, 1.1, 2],
    ['abs', T.INTEGER, null, null],
  ])('%s(%s %s) = %s', (name, type, value, expected) => {
    const call = callOf(name, type);
    expect(call.returnType).toEqual(type);
    expect(call.run(value)).toEqual(expected);
  });

  it.each([
    ['abs', '-3.20', '3.20'],
    ['floor', '-1.5', '-2.0'],
    ['floor', '1.5', '1.0'],
    ['ceil', '-1.5', '-1.0'],
    ['ceil', '1.1', '2.0'],
    // exact beyond a double's 17 digits
    ['floor', '12345678987654321.5', '12345678987654321.0'],
    ['ceil', '12345678987654321.5', '12345678987654322.0'],
  ])('%s(DECIMAL %s) = %s at the same type', (name, value, expected) => {
    const type = DEC(20, d(value).scale);
    const call = callOf(name, type);
    expect(call.returnType).toEqual(type);
    expect((call.run(d(value)) as Decimal).toString()).toBe(expected);
  });
});

describe('SIGN', () => {
  it.each([
    [T.INTEGER, -7, -1],
    [T.INTEGER, 0, 0],
    [T.BIGINT, 9223372036854775807n, 1],
    [T.DOUBLE, -0.001, -1],
    [T.DOUBLE, Number.NaN, 0],
    [T.DOUBLE, null, null],
  ])('SIGN(%s %s) = %s as INT', (type, value, expected) => {
    const call = callOf('sign', type);
    expect(call.returnType).toEqual(T.INTEGER);
    expect(call.run(value)).toBe(expected);
  });

  it('takes a DECIMAL through the DOUBLE variant', () => {
    expect(callOf('sign', DEC(3, 1)).run(d('-0.5'))).toBe(-1);
  });
});

describe('EXP, LN, LOG, SQRT, CBRT, POWER (DOUBLE results, NaN outside the domain)', () => {
  it.each([
    ['exp', [T.INTEGER], [1], Math.E],
    ['exp', [T.BIGINT], [0n], 1],
    ['ln', [T.INTEGER], [-1], Number.NaN],
    ['ln', [T.DOUBLE], [0], -Infinity],
    ['log', [T.INTEGER], [13], Math.log(13)],
    ['log', [T.INTEGER, T.INTEGER], [15, 13], 0.9471572411831843],
    ['log', [T.BIGINT, T.BIGINT], [15n, 0n], -Infinity],
    ['log', [T.DOUBLE, T.DOUBLE], [1, 13], Number.NaN],
    ['log', [T.DOUBLE, T.DOUBLE], [0, 13], Number.NaN],
    ['log', [T.DOUBLE, T.DOUBLE], [-15, 13], Number.NaN],
    ['log', [T.DOUBLE, T.DOUBLE], [null, 13], null],
    ['sqrt', [T.INTEGER], [-1], Number.NaN],
    ['sqrt', [T.BIGINT], [2n], Math.SQRT2],
    ['cbrt', [T.INTEGER], [-8], -2],
    ['power', [T.INTEGER, T.INTEGER], [15, -1], 1 / 15],
    ['power', [T.BIGINT, T.BIGINT], [15n, 13n], 1946195068359375],
    ['power', [T.DOUBLE, T.DOUBLE], [0, 0], 1],
    ['power', [T.DOUBLE, T.DOUBLE], [13, null], null],
  ])('%s, case %#', (name, types, values, expected) => {
    const call = callOf(name, ...types);
    expect(call.returnType).toEqual(T.DOUBLE);
    expect(call.run(...values)).toBe(expected);
  });

  it('declares INT, BIGINT and DOUBLE variants, so a mixed call widens and NULL alone is ambiguous', () => {
    expect(callOf('power', T.INTEGER, T.DOUBLE).run(2, 0.5)).toBe(Math.SQRT2);
    expect(() => callOf('sqrt', T.STRING)).toThrow(/does not accept parameters \(STRING\)/);
  });
});

describe('PI, RANDOM', () => {
  it('PI() is Math.PI', () => {
    expect(callOf('pi').run()).toBe(Math.PI);
  });

  it('RANDOM() is a DOUBLE in [0, 1), different between calls', () => {
    const call = callOf('random');
    const values = Array.from({ length: 20 }, () => call.run() as number);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(1);
  });
});
