import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../types.js';
import { newStruct } from '../values.js';
import './index.js';
import { callFunction as call, returnTypeOf, type TestArg } from './test-call.js';

const mapOf = (value: SqlType, entries: [string, unknown][] | null): TestArg => ({
  type: { kind: 'MAP', key: T.STRING, value },
  value: entries === null ? null : new Map(entries),
});
const arr = (item: SqlType, value: unknown[] | null): TestArg => ({ type: { kind: 'ARRAY', item }, value });
const str = (v: string | null): TestArg => ({ type: T.STRING, value: v });
const bool = (v: boolean | null): TestArg => ({ type: T.BOOLEAN, value: v });
const nul: TestArg = { type: NULL_TYPE, value: null };
const kv = (K: string, V: unknown) => Object.assign(newStruct(), { K, V });
const m = (...entries: [unknown, unknown][]) => new Map(entries);

describe('map functions', () => {
  it.each<[string, TestArg[], unknown]>([
    ['AS_MAP', [arr(T.STRING, ['a', 'b']), arr(T.INTEGER, [1, 2])], m(['a', 1], ['b', 2])],
    ['AS_MAP', [arr(T.STRING, ['a', 'b', 'a']), arr(T.INTEGER, [1])], m(['a', null], ['b', null])],
    ['AS_MAP', [arr(T.STRING, ['a']), arr(T.INTEGER, [1, 2])], m(['a', 1])],
    ['AS_MAP', [arr(T.STRING, null), arr(T.INTEGER, [1])], null],
    [
      'map_keys',
      [
        mapOf(T.INTEGER, [
          ['x', 1],
          ['y', null],
        ]),
      ],
      ['x', 'y'],
    ],
    ['map_keys', [mapOf(T.INTEGER, null)], null],
    [
      'map_values',
      [
        mapOf(T.INTEGER, [
          ['x', 1],
          ['y', null],
        ]),
      ],
      [1, null],
    ],
    [
      'map_union',
      [
        mapOf(T.INTEGER, [
          ['a', 1],
          ['b', 2],
        ]),
        mapOf(T.INTEGER, [['b', 3]]),
      ],
      m(['a', 1], ['b', 3]),
    ],
    ['map_union', [mapOf(T.INTEGER, null), mapOf(T.INTEGER, [['b', 3]])], m(['b', 3])],
    ['map_union', [mapOf(T.INTEGER, [['a', 1]]), mapOf(T.INTEGER, null)], m(['a', 1])],
    ['map_union', [mapOf(T.INTEGER, null), mapOf(T.INTEGER, null)], null],
    ['split_to_map', [str('a=1;b=2'), str(';'), str('=')], m(['a', '1'], ['b', '2'])],
    ['split_to_map', [str(';a=1;;noval;b=2=3;a=4'), str(';'), str('=')], m(['a', '4'], ['b', '2'])],
    ['split_to_map', [str('=x'), str(';'), str('=')], m(['', 'x'])],
    ['split_to_map', [str('a=1'), str(''), str('=')], null],
    ['split_to_map', [str('a=1'), str('='), str('=')], null],
    ['split_to_map', [str(null), str(';'), str('=')], null],
    ['split_to_map', [str('a=1'), nul, str('=')], null],
    [
      'ENTRIES',
      [
        mapOf(T.INTEGER, [
          ['b', 2],
          ['a', 1],
        ]),
        bool(true),
      ],
      [kv('a', 1), kv('b', 2)],
    ],
    [
      'ENTRIES',
      [
        mapOf(T.STRING, [
          ['b', 'x'],
          ['a', null],
        ]),
        bool(false),
      ],
      [kv('b', 'x'), kv('a', null)],
    ],
    ['ENTRIES', [mapOf(T.INTEGER, null), bool(true)], null],
  ])('%s case %#', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  it('types ENTRIES as an array of K / V structs of the value type', () => {
    expect(returnTypeOf('ENTRIES', { kind: 'MAP', key: T.STRING, value: T.BIGINT }, T.BOOLEAN)).toEqual({
      kind: 'ARRAY',
      item: {
        kind: 'STRUCT',
        fields: [
          { name: 'K', type: T.STRING },
          { name: 'V', type: T.BIGINT },
        ],
      },
    });
    expect(() => returnTypeOf('ENTRIES', { kind: 'MAP', key: T.STRING, value: T.BYTES }, T.BOOLEAN)).toThrow(
      /does not accept parameters/,
    );
    expect(returnTypeOf('map_values', { kind: 'MAP', key: T.STRING, value: T.DOUBLE })).toEqual({
      kind: 'ARRAY',
      item: T.DOUBLE,
    });
  });
});
