import { describe, expect, it } from 'vitest';
import { NULL_TYPE, type SqlType, T } from '../types.js';
import { Decimal, newStruct } from '../values.js';
import './index.js';
import { callFunction as call, returnTypeOf, type TestArg } from './test-call.js';

const arr = (item: SqlType, value: unknown[] | null): TestArg => ({ type: { kind: 'ARRAY', item }, value });
const ints = (...v: (number | null)[]) => arr(T.INTEGER, v);
const strs = (...v: (string | null)[]) => arr(T.STRING, v);
const int = (v: number | null): TestArg => ({ type: T.INTEGER, value: v });
const big = (v: bigint | null): TestArg => ({ type: T.BIGINT, value: v });
const str = (v: string | null): TestArg => ({ type: T.STRING, value: v });
const nul: TestArg = { type: NULL_TYPE, value: null };
const DEC = (p: number, s: number): SqlType => ({ kind: 'DECIMAL', precision: p, scale: s });
const struct = (fields: Record<string, unknown>) => Object.assign(newStruct(), fields);
const STRUCT_T: SqlType = { kind: 'STRUCT', fields: [{ name: 'A', type: T.INTEGER }] };

describe('array functions', () => {
  it.each<[string, TestArg[], unknown]>([
    ['ARRAY_LENGTH', [ints(1, null, 3)], 3],
    ['ARRAY_LENGTH', [arr(T.INTEGER, null)], null],
    ['ARRAY_CONTAINS', [ints(1, 2), int(2)], true],
    ['ARRAY_CONTAINS', [ints(1, null), nul], true],
    ['ARRAY_CONTAINS', [ints(1, 2), nul], false],
    ['ARRAY_CONTAINS', [arr(T.INTEGER, null), int(1)], false],
    [
      'ARRAY_CONTAINS',
      [arr(STRUCT_T, [struct({ A: 1 })]), { type: STRUCT_T, value: struct({ A: 1 }) }],
      true,
    ],
    ['array_concat', [ints(1, 2), ints(2, null)], [1, 2, 2, null]],
    ['array_concat', [arr(T.INTEGER, null), ints(3)], [3]],
    ['array_concat', [ints(3), arr(T.INTEGER, null)], [3]],
    ['array_concat', [arr(T.INTEGER, null), arr(T.INTEGER, null)], null],
    ['array_distinct', [strs('b', 'a', 'b', null, 'a', null)], ['b', 'a', null]],
    ['array_distinct', [arr(T.INTEGER, null)], null],
    [
      'array_distinct',
      [
        arr({ kind: 'MAP', key: T.STRING, value: T.INTEGER }, [
          new Map([
            ['a', 1],
            ['b', 2],
          ]),
          new Map([
            ['b', 2],
            ['a', 1],
          ]),
        ]),
      ],
      [
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
      ],
    ],
    ['array_distinct', [arr(T.DOUBLE, [0, -0, Number.NaN, Number.NaN])], [0, -0, Number.NaN]],
    [
      'array_distinct',
      [arr(DEC(3, 1), [Decimal.parse('1.0'), Decimal.parse('1.0')])],
      [Decimal.parse('1.0')],
    ],
    ['ARRAY_CONTAINS', [arr(T.DOUBLE, [-0]), { type: T.DOUBLE, value: 0 }], false],
    ['array_except', [ints(3, 1, 3, 2, null), ints(2)], [3, 1, null]],
    ['array_except', [ints(1), arr(T.INTEGER, null)], null],
    ['array_intersect', [ints(3, 1, 3, 2, null), ints(null, 3, 2)], [3, 2, null]],
    ['array_union', [ints(1, 1, 2), ints(3, 2, null)], [1, 2, 3, null]],
    ['array_union', [ints(1), arr(T.INTEGER, null)], null],
    ['array_remove', [ints(1, 2, 1, null), int(1)], [2, null]],
    ['array_remove', [ints(1, null), nul], [1]],
    ['array_remove', [arr(T.INTEGER, null), int(1)], null],
    ['ARRAY_JOIN', [arr(T.BOOLEAN, [true, null, false])], 'true,null,false'],
    ['ARRAY_JOIN', [arr(T.DOUBLE, [1.23, 0, 1e10])], '1.23,0.0,1.0E10'],
    ['ARRAY_JOIN', [arr(DEC(5, 2), [Decimal.parse('123.40')]), str('|')], '123.40'],
    [
      'ARRAY_JOIN',
      [arr(DEC(9, 9), [Decimal.parse('0.000000012'), Decimal.parse('0.000001200')])],
      '1.2E-8,0.000001200',
    ],
    ['ARRAY_JOIN', [arr(T.BIGINT, [-4294967297n, 1n]), str(null)], '-42949672971'],
    ['ARRAY_JOIN', [arr(T.INTEGER, null), str(',')], null],
    ['ARRAY_JOIN', [arr(T.TIMESTAMP, [0])], null],
    ['array_max', [ints(3, null, 7, -1)], 7],
    ['array_max', [strs('apple', 'Banana')], 'apple'],
    ['array_max', [arr(T.BOOLEAN, [false, true])], true],
    ['array_max', [arr(DEC(3, 1), [Decimal.parse('1.5'), Decimal.parse('10.0')])], Decimal.parse('10.0')],
    ['array_max', [ints(null, null)], null],
    ['array_max', [ints()], null],
    ['array_min', [ints(3, null, 7, -1)], -1],
    ['array_min', [arr(T.BIGINT, [5n, -9n])], -9n],
    [
      'array_min',
      [arr(T.BYTES, [Buffer.from([0x01]), Buffer.from([0xff]), Buffer.from([0x01, 0x00])])],
      Buffer.from([0xff]),
    ],
    ['array_sort', [ints(3, null, 1, 2)], [1, 2, 3, null]],
    ['array_sort', [strs('b', null, 'B', 'a'), str('desc')], ['b', 'a', 'B', null]],
    ['array_sort', [ints(2, 1), str('Descending')], [2, 1]],
    ['array_sort', [ints(2, 1), str('up')], null],
    ['array_sort', [arr(T.INTEGER, null)], null],
    ['slice', [strs('a', 'b', 'c', 'd'), int(2), int(3)], ['b', 'c']],
    ['slice', [strs('a', 'b', 'c'), nul, int(2)], ['a', 'b']],
    ['slice', [strs('a', 'b', 'c'), int(2), nul], ['b', 'c']],
    ['slice', [strs('a', 'b', 'c'), int(0), int(2)], null],
    ['slice', [strs('a', 'b', 'c'), int(2), int(4)], null],
    ['slice', [strs('a', 'b', 'c'), int(3), int(2)], []],
    ['slice', [arr(T.STRING, null), int(1), int(2)], null],
    ['GENERATE_SERIES', [int(1), int(4)], [1, 2, 3, 4]],
    ['GENERATE_SERIES', [int(3), int(1)], [3, 2, 1]],
    ['GENERATE_SERIES', [int(2), int(2)], [2]],
    ['GENERATE_SERIES', [int(0), int(9), int(4)], [0, 4, 8]],
    ['GENERATE_SERIES', [int(9), int(0), int(-4)], [9, 5, 1]],
    ['GENERATE_SERIES', [big(5n), big(7n)], [5n, 6n, 7n]],
    ['GENERATE_SERIES', [big(10n), big(0n), int(-5)], [10n, 5n, 0n]],
    ['GENERATE_SERIES', [int(1), nul], null],
    ['elt', [int(2), str('a'), str('b')], 'b'],
    ['elt', [int(0), str('a')], null],
    ['elt', [int(3), str('a'), str('b')], null],
    ['elt', [int(1), str(null), str('b')], null],
    ['elt', [nul, str('a')], null],
    ['field', [str('b'), str('a'), str(null), str('b')], 3],
    ['field', [str('z'), str('a')], 0],
    ['field', [str(null), str(null)], 0],
  ])('%s case %#', (name, args, expected) => {
    let result: unknown;
    try {
      result = call(name, ...args);
    } catch {
      result = null; // an error is a null result (and a processing-log entry) in the engine
    }
    expect(result).toEqual(expected);
  });

  it('reports ksqlDB errors for impossible series and unsupported joins', () => {
    expect(() => call('GENERATE_SERIES', int(1), int(5), int(0))).toThrow(
      'GENERATE_SERIES step cannot be zero',
    );
    expect(() => call('GENERATE_SERIES', int(1), int(5), int(-1))).toThrow(
      'GENERATE_SERIES step has wrong sign',
    );
    expect(() => call('ARRAY_JOIN', arr(T.TIMESTAMP, [0]))).toThrow(/currently not supported/);
  });

  it('types results from the element type', () => {
    expect(returnTypeOf('array_max', { kind: 'ARRAY', item: DEC(4, 2) })).toEqual(DEC(4, 2));
    expect(returnTypeOf('GENERATE_SERIES', T.INTEGER, T.BIGINT)).toEqual({ kind: 'ARRAY', item: T.BIGINT });
    expect(returnTypeOf('slice', { kind: 'ARRAY', item: T.STRING }, T.INTEGER, T.INTEGER)).toEqual({
      kind: 'ARRAY',
      item: T.STRING,
    });
    expect(() =>
      returnTypeOf('array_union', { kind: 'ARRAY', item: T.STRING }, { kind: 'ARRAY', item: T.INTEGER }),
    ).toThrow(/^Function 'array_union' does not accept parameters/);
  });

  it('does not sort or distinct in place (the input row keeps its value)', () => {
    const input = [3, 1, 2];
    expect(call('array_sort', ints(...input))).toEqual([1, 2, 3]);
    expect(input).toEqual([3, 1, 2]);
  });
});
