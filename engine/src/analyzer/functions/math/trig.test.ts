import { describe, expect, it } from 'vitest';
import { type SqlType, T } from '../../types.js';
import '../index.js';
import { callOf } from '../test-support.js';

describe('trigonometric functions (DOUBLE results over INT, BIGINT and DOUBLE)', () => {
  it.each([
    ['acos', -1, Math.PI],
    ['acos', 2, Number.NaN],
    ['asin', 1, Math.PI / 2],
    ['asin', -1.1, Number.NaN],
    ['atan', 1, Math.PI / 4],
    ['cos', 0, 1],
    ['cosh', 0, 1],
    ['sin', 0, 0],
    ['sinh', 1, Math.sinh(1)],
    ['tan', 0, 0],
    ['tanh', 7, Math.tanh(7)],
    ['cot', 0, Infinity],
    ['cot', 1, Math.cos(1) / Math.sin(1)],
    ['degrees', Math.PI, 180],
    ['degrees', 1.2345, 70.73163980890013],
    ['radians', 180, Math.PI],
    ['radians', 70.73163980890013, 1.2345],
  ])('%s(%s) = %s', (name, value, expected) => {
    for (const type of [T.INTEGER, T.BIGINT, T.DOUBLE]) {
      if (type !== T.DOUBLE && !Number.isInteger(value)) continue;
      const call = callOf(name, type);
      expect(call.returnType).toEqual(T.DOUBLE);
      const result = call.run(type === T.BIGINT ? BigInt(value) : value) as number;
      if (Number.isNaN(expected) || !Number.isFinite(expected)) expect(result).toBe(expected);
      else expect(result).toBeCloseTo(expected, 13);
    }
  });

  it('gives null for a null argument', () => {
    expect(callOf('cos', T.DOUBLE).run(null)).toBeNull();
  });
});

describe('ATAN2(y, x)', () => {
  it.each([
    [T.INTEGER, T.INTEGER, -2, -3, -2.5535900500422257],
    [T.INTEGER, T.BIGINT, 2, 0n, Math.PI / 2],
    [T.BIGINT, T.DOUBLE, 0n, -0.24, Math.PI],
    [T.DOUBLE, T.INTEGER, 0, 0, 0],
    [T.DOUBLE, T.DOUBLE, null, 1, null],
  ] as [SqlType, SqlType, unknown, unknown, number | null][])(
    'takes every mix of INT, BIGINT and DOUBLE exactly (case %#)',
    (ty, tx, y, x, expected) => {
      const call = callOf('atan2', ty, tx);
      expect(call.returnType).toEqual(T.DOUBLE);
      expect(call.run(y, x)).toBe(expected);
    },
  );
});
