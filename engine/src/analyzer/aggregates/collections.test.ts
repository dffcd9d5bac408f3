import { describe, expect, it } from 'vitest';
import { type SqlType, T } from '../types.js';
import { newStruct } from '../values.js';
import { udaf } from './aggregate-spec.js';
import { addThenUndo, col, lit, steps } from './aggregate-test-kit.js';
import { isStreamOnly, registerAggregateFunction, resolveAggregate } from './registry.js';

const STRUCT: SqlType = { kind: 'STRUCT', fields: [{ name: 'A', type: T.INTEGER }] };
const s = (a: number) => Object.assign(newStruct(), { A: a });

describe('COUNT / COUNT_DISTINCT', () => {
  it.each([
    ['COUNT() counts rows', 'COUNT', [], [[], [], []], 3n],
    ['COUNT(col) counts non-nulls', 'COUNT', [col(T.STRING)], [['a'], [null], ['b']], 2n],
    [
      'COUNT_DISTINCT skips nulls and repeats',
      'COUNT_DISTINCT',
      [col(T.STRING)],
      [['a'], [null], ['a'], ['b']],
      2n,
    ],
    [
      'COUNT_DISTINCT compares structs by content',
      'COUNT_DISTINCT',
      [col(STRUCT)],
      [[s(1)], [s(2)], [s(1)]],
      2n,
    ],
  ])('%s', (_n, name, args, rows, expected) => {
    expect(steps(name, args, rows).at(-1)).toBe(expected);
  });
  it('COUNT counts back to zero', () => {
    expect(addThenUndo('COUNT', [col(T.INTEGER)], [[1], [null]], [[1]])).toBe(0n);
  });
});

describe('COLLECT_LIST / COLLECT_SET / HISTOGRAM', () => {
  it('COLLECT_LIST keeps nulls and order, up to ksql.functions.collect_list.limit', () => {
    expect(steps('COLLECT_LIST', [col(T.INTEGER)], [[1], [null], [1]]).at(-1)).toEqual([1, null, 1]);
    const limited = steps('COLLECT_LIST', [col(T.INTEGER)], [[1], [2], [3]], {
      'ksql.functions.collect_list.limit': 2,
    });
    expect(limited.at(-1)).toEqual([1, 2]);
  });
  it('COLLECT_LIST retracts the last equal value, as ksqlDB', () => {
    expect(addThenUndo('COLLECT_LIST', [col(T.INTEGER)], [[1], [2], [1], [3]], [[1]])).toEqual([1, 2, 3]);
  });
  it('COLLECT_LIST / COLLECT_SET take only the types ksqlDB declares (no STRUCT; DECIMAL as DOUBLE)', () => {
    expect(() => resolveAggregate('COLLECT_LIST', [col(STRUCT)])).toThrow(
      "Function 'COLLECT_LIST' does not accept parameters (STRUCT<`A` INTEGER>).",
    );
    // A DECIMAL widens to DOUBLE (the implicit cast of function resolution).
    const dec = resolveAggregate('COLLECT_SET', [col({ kind: 'DECIMAL', precision: 4, scale: 2 })]);
    expect(dec.returnType()).toEqual({ kind: 'ARRAY', item: T.DOUBLE });
  });
  it('a negative limit means no limit', () => {
    const out = steps('COLLECT_LIST', [col(T.INTEGER)], [[1], [2]], {
      'ksql.functions.collect_list.limit': -1,
    });
    expect(out.at(-1)).toEqual([1, 2]);
  });
  it('COLLECT_SET keeps distinct values up to its limit', () => {
    expect(steps('COLLECT_SET', [col(T.STRING)], [['a'], ['b'], ['a']]).at(-1)).toEqual(['a', 'b']);
    const limited = steps('COLLECT_SET', [col(T.STRING)], [['a'], ['b'], ['c']], {
      'ksql.functions.collect_set.limit': '1',
    });
    expect(limited.at(-1)).toEqual(['a']);
  });
  it('HISTOGRAM counts strings and retracts to absence', () => {
    expect(steps('HISTOGRAM', [col(T.STRING)], [['a'], ['b'], ['a'], [null]]).at(-1)).toEqual(
      new Map([
        ['a', 2n],
        ['b', 1n],
      ]),
    );
    expect(addThenUndo('HISTOGRAM', [col(T.STRING)], [['a']], [['a']])).toEqual(new Map());
  });
  it('stream-only functions are flagged (a table source rejects them)', () => {
    expect(['COLLECT_SET', 'COUNT_DISTINCT', 'TOPK', 'MIN', 'LATEST_BY_OFFSET'].every(isStreamOnly)).toBe(
      true,
    );
    expect(['COLLECT_LIST', 'HISTOGRAM', 'COUNT', 'SUM', 'AVG'].some(isStreamOnly)).toBe(false);
  });
});

describe('MIN / MAX / TOPK / TOPKDISTINCT', () => {
  it.each([
    ['MIN', [col(T.INTEGER)], [[3], [null], [1], [2]], 1],
    ['MAX', [col(T.STRING)], [['b'], ['c'], ['a']], 'c'],
    ['TOPK', [col(T.INTEGER), lit(T.INTEGER, 2)], [[1], [3], [3], [2]], [3, 3]],
    ['TOPKDISTINCT', [col(T.INTEGER), lit(T.INTEGER, 2)], [[1], [3], [3], [2]], [3, 2]],
  ])('%s', (name, args, rows, expected) => {
    expect(steps(name, args, rows).at(-1)).toEqual(expected);
  });
  it('TOPK with other columns keeps whole rows as structs, greatest first', () => {
    const args = [col(T.INTEGER), col(T.STRING), lit(T.INTEGER, 2)];
    const out = steps('TOPK', args, [
      [1, 'a'],
      [3, 'c'],
      [null, 'x'],
      [2, 'b'],
    ]).at(-1);
    expect(out).toEqual([
      Object.assign(newStruct(), { sort_col: 3, col0: 'c' }),
      Object.assign(newStruct(), { sort_col: 2, col0: 'b' }),
    ]);
    expect(resolveAggregate('TOPK', args).returnType()).toEqual({
      kind: 'ARRAY',
      item: {
        kind: 'STRUCT',
        fields: [
          { name: 'sort_col', type: T.INTEGER },
          { name: 'col0', type: T.STRING },
        ],
      },
    });
  });
  it('an all-null MIN is null', () => {
    expect(steps('MIN', [col(T.DOUBLE)], [[null]])).toEqual([null]);
  });
});

describe('EARLIEST_BY_OFFSET / LATEST_BY_OFFSET', () => {
  const rows = [[null], [1], [null], [2], [3]];
  it.each([
    ['EARLIEST_BY_OFFSET', [col(T.INTEGER)], 1],
    ['LATEST_BY_OFFSET', [col(T.INTEGER)], 3],
    ['EARLIEST_BY_OFFSET', [col(T.INTEGER), lit(T.BOOLEAN, false)], null],
    ['EARLIEST_BY_OFFSET', [col(T.INTEGER), lit(T.INTEGER, 2)], [1, 2]],
    ['LATEST_BY_OFFSET', [col(T.INTEGER), lit(T.INTEGER, 2)], [2, 3]],
    ['LATEST_BY_OFFSET', [col(T.INTEGER), lit(T.INTEGER, 3), lit(T.BOOLEAN, false)], [null, 2, 3]],
  ])('%s %#', (name, args, expected) => {
    expect(steps(name, args, rows).at(-1)).toEqual(expected);
  });
  it('n must be a literal', () => {
    expect(() =>
      resolveAggregate('EARLIEST_BY_OFFSET', [col(T.INTEGER), { type: T.INTEGER, text: 'F0' }]),
    ).toThrow(
      "Parameter 2 passed to function EARLIEST_BY_OFFSET must be a literal constant, but was expression: 'F0'",
    );
  });
});

describe('registerAggregateFunction', () => {
  registerAggregateFunction(
    udaf('AGG_TEST_LAST', 'last value, without undo', [
      {
        params: ['T val'],
        returns: 'T',
        create: () => ({ init: () => null, add: (_acc, [v]) => v, result: (acc) => acc }),
      },
    ]),
  );
  it('resolves a user UDAF by name in any case, and refuses a second of the same name', () => {
    expect(steps('agg_test_last', [col(T.STRING)], [['a'], ['b']]).at(-1)).toBe('b');
    expect(() => registerAggregateFunction(udaf('agg_test_last', '', []))).toThrow(/already exists/);
  });
  it('a UDAF without undo fails a retraction as an error, not a crash', () => {
    expect(() => addThenUndo('AGG_TEST_LAST', [col(T.STRING)], [['a']], [['a']])).toThrow(
      'The aggregate function AGG_TEST_LAST cannot undo a value',
    );
  });
});
