import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../types.js';
import { Decimal, newStruct } from '../values.js';
import './index.js';
import { callOf } from './test-support.js';

const DEC = (precision: number, scale: number): SqlType => ({ kind: 'DECIMAL', precision, scale });
const struct = (fields: Record<string, unknown>) => Object.assign(newStruct(), fields);

describe('COALESCE and IFNULL', () => {
  it.each([
    [[1, null, 3], 1],
    [[null, null, 3], 3],
    [[null, null], null],
    [[5], 5],
  ])('COALESCE(%j) = %j', (values, expected) => {
    const call = callOf('coalesce', ...values.map(() => T.INTEGER));
    expect(call.returnType).toEqual(T.INTEGER);
    expect(call.run(...values)).toBe(expected);
  });

  it('binds T to the first typed argument and refuses mixed types', () => {
    expect(callOf('coalesce', NULL_TYPE, T.STRING).returnType).toEqual(T.STRING);
    expect(() => callOf('coalesce', T.STRING, T.INTEGER)).toThrow(/Function 'COALESCE' does not accept/);
  });

  it.each([
    ['a', 'b', 'a'],
    [null, 'b', 'b'],
    ['a', null, 'a'],
    [null, null, null],
  ])('IFNULL(%j, %j) = %j', (a, b, expected) => {
    expect(callOf('ifnull', T.STRING, T.STRING).run(a, b)).toBe(expected);
  });
});

describe('NULLIF (Java equals)', () => {
  const list: SqlType = { kind: 'ARRAY', item: T.INTEGER };
  const map: SqlType = { kind: 'MAP', key: T.STRING, value: T.INTEGER };
  const row: SqlType = { kind: 'STRUCT', fields: [{ name: 'A', type: T.INTEGER }] } as SqlType;
  it.each([
    [T.INTEGER, 1, 1, null],
    [T.INTEGER, 1, 2, 1],
    [T.INTEGER, null, 2, null],
    [T.INTEGER, 1, null, 1],
    [T.BIGINT, 5n, 5n, null],
    [T.STRING, 'x', 'X', 'x'],
    [T.DOUBLE, Number.NaN, Number.NaN, null],
    [T.DOUBLE, 0, -0, 0],
    [DEC(3, 2), Decimal.parse('1.00'), Decimal.parse('1.00'), null],
    [DEC(3, 2), Decimal.parse('1.00'), Decimal.parse('1.0'), Decimal.parse('1.00')],
    [T.BYTES, Buffer.from('ab'), Buffer.from('ab'), null],
    [list, [1, 2], [1, 2], null],
    [list, [1, 2], [2, 1], [1, 2]],
    [map, new Map([['k', 1]]), new Map([['k', 1]]), null],
    [map, new Map([['k', 1]]), new Map([['k', 2]]), new Map([['k', 1]])],
    [row, struct({ A: 1 }), struct({ A: 1 }), null],
    [row, struct({ A: 1 }), struct({ A: null }), struct({ A: 1 })],
  ] as [SqlType, unknown, unknown, unknown][])('%s: case %#', (type, a, b, expected) => {
    const call = callOf('nullif', type, type);
    expect(call.returnType).toEqual(type);
    expect(call.run(a, b)).toEqual(expected);
  });
});
