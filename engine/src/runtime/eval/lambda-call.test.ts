import { describe, expect, it } from 'vitest';
import { mapScope, type SqlType, T, typeOf, walk } from '../../analyzer/index.js';
import { parseExpression } from '../../syntax/index.js';
import { compileExpr, newRow } from './compile.js';

const INTS: SqlType = { kind: 'ARRAY', item: T.INTEGER };
const STRS: SqlType = { kind: 'ARRAY', item: T.STRING };
const MAP_INT: SqlType = { kind: 'MAP', key: T.STRING, value: T.INTEGER };
const MAP_INTS: SqlType = { kind: 'MAP', key: T.STRING, value: INTS };
const scope = mapScope(
  new Map<string, SqlType>([
    ['NUMS', INTS],
    ['WORDS', STRS],
    ['M', MAP_INT],
    ['MA', MAP_INTS],
    ['N', T.INTEGER],
    ['STATE', T.BIGINT],
  ]),
);

function evaluate(sql: string, values: Record<string, unknown>): unknown {
  const ev = compileExpr(parseExpression(sql), scope);
  const row = Object.assign(newRow(), values);
  try {
    return ev(row);
  } catch {
    return 'error';
  }
}

const m = (...entries: [unknown, unknown][]) => new Map(entries);

describe('lambda functions', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ['TRANSFORM(NUMS, x => x + N)', { NUMS: [1, 2], N: 10 }, [11, 12]],
    ['TRANSFORM(NUMS, x => x + 5)', { NUMS: [5, null] }, 'error'],
    ['TRANSFORM(NUMS, x => CASE WHEN x IS NULL THEN 0 ELSE x + 1 END)', { NUMS: [5, null] }, [6, 0]],
    ['TRANSFORM(NUMS, x => x + 5)', { NUMS: null }, null],
    ['TRANSFORM(NUMS, x => -x)', { NUMS: [1, null] }, 'error'],
    ['TRANSFORM(NUMS, x => -x)', { NUMS: [1, 2] }, [-1, -2]],
    ["TRANSFORM(WORDS, x => CONCAT(x, '!'))", { WORDS: ['a', null] }, ['a!', '!']],
    ['FILTER(NUMS, x => x > 1)', { NUMS: [1, 2, null, 3] }, [2, 3]],
    ['FILTER(NUMS, x => x > 1)', { NUMS: null }, null],
    ['REDUCE(NUMS, 2, (s, x) => s + x)', { NUMS: [3, 6] }, 11],
    ['REDUCE(NUMS, 2, (s, x) => s + x)', { NUMS: null }, 2],
    ['REDUCE(NUMS, 2, (s, x) => s + x)', { NUMS: [5, null] }, 'error'],
    ['REDUCE(NUMS, STATE, (s, x) => s + x)', { NUMS: [1], STATE: null }, null],
    ['REDUCE(NUMS, STATE, (s, x) => s + x)', { NUMS: [1, 2], STATE: 10n }, 13n],
    ["REDUCE(WORDS, '', (s, x) => CONCAT(s, x))", { WORDS: null }, ''],
    [
      'TRANSFORM(M, (k, v) => UCASE(k), (k, v) => v * 2)',
      { M: m(['a', 1], ['b', 2]) },
      m(['A', 2], ['B', 4]),
    ],
    ["TRANSFORM(M, (k, v) => 'same', (k, v) => v)", { M: m(['a', 1], ['b', 2]) }, 'error'],
    ['TRANSFORM(M, (k, v) => k, (k, v) => N)', { M: m(['a', 1]), N: null }, 'error'],
    ['TRANSFORM(M, (k, v) => k, (k, v) => v)', { M: null }, null],
    ['FILTER(M, (k, v) => v > 1)', { M: m(['a', 1], ['b', 2]) }, m(['b', 2])],
    ['FILTER(M, (k, v) => v = N)', { M: m(['a', 1]), N: null }, m()],
    ['FILTER(M, (k, v) => LEN(k) * 5 > 15 AND v % 5 = 0)', { M: m(['abcd', null], ['abcde', 25]) }, 'error'],
    [
      'FILTER(M, (k, v) => LEN(k) * 5 > 15 AND v % 5 = 0)',
      { M: m(['ab', null], ['abcde', 25]) },
      m(['abcde', 25]),
    ],
    ['FILTER(NUMS, x => x IS NULL OR x + 1 > 2)', { NUMS: [null, 1, 2] }, [null, 2]],
    ['FILTER(M, (k, v) => true)', { M: m(['a', null]) }, 'error'],
    ['REDUCE(M, 0, (s, k, v) => s + v)', { M: m(['a', 1], ['b', 2]) }, 3],
    ['REDUCE(M, 0, (s, k, v) => s + v)', { M: null }, 0],
    [
      'TRANSFORM(FILTER(MA, (k, v) => REDUCE(v, 0, (s, x) => s + x) < 10), (k, v) => k, (k, v) => ARRAY_MAX(v))',
      { MA: m(['a', [1, 2]], ['b', [9, 9]]) },
      m(['a', 2]),
    ],
    ['REDUCE(NUMS, 0, (s, x) => s + REDUCE(NUMS, 0, (t, y) => t + y))', { NUMS: [1, 2] }, 6],
    ['TRANSFORM(NUMS, n => n + N)', { NUMS: [1], N: 100 }, [2]],
  ])('%s case %#', (sql, values, expected) => {
    expect(evaluate(sql, values)).toEqual(expected);
  });

  it('shows the columns a lambda body reads to expression walks (column pruning keeps them)', () => {
    const columns: string[] = [];
    walk(parseExpression('TRANSFORM(NUMS, x => x * N)'), (e) => {
      if (e.kind === 'column') columns.push(e.name);
    });
    expect(columns).toContain('N');
  });

  it('types the result from the lambda bodies', () => {
    const type = (sql: string) => typeOf(parseExpression(sql), scope);
    expect(type("TRANSFORM(NUMS, x => CAST(x AS STRING) + 'a')")).toEqual(STRS);
    expect(type('TRANSFORM(M, (k, v) => v, (k, v) => k)')).toEqual({
      kind: 'MAP',
      key: T.INTEGER,
      value: T.STRING,
    });
    expect(type('FILTER(MA, (k, v) => true)')).toEqual(MAP_INTS);
    expect(type('REDUCE(NUMS, STATE, (s, x) => s + x)')).toEqual(T.BIGINT);
  });

  it.each([
    [
      'TRANSFORM(NUMS, (x, y) => x)',
      'Was expecting 1 arguments but found 2, [X, Y]. Check your lambda statement.',
    ],
    [
      'REDUCE(M, 0, (s, v) => s)',
      'Was expecting 3 arguments but found 2, [S, V]. Check your lambda statement.',
    ],
    [
      'TRANSFORM(M, (k, v) => k)',
      "Function 'transform' does not accept parameters (MAP<STRING, INTEGER>, LAMBDA).",
    ],
    ['FILTER(NUMS, x => x + 1)', "Function 'filter' does not accept parameters (ARRAY<INTEGER>, LAMBDA)."],
    ['TRANSFORM(N, x => x)', "Function 'transform' does not accept parameters (INTEGER, LAMBDA)."],
    ['REDUCE(NUMS, 0, (s, x) => CAST(s AS STRING))', "Function 'reduce' does not accept parameters"],
    ['ABS(NUMS, x => x)', "Function 'ABS' does not accept a lambda"],
    [
      'TRANSFORM(NUMS)',
      "Function 'transform' does not accept parameters (ARRAY<INTEGER>).\nValid alternatives are:\ntransform(ARRAY<T> array, LAMBDA function)\ntransform(MAP<K, V> map, LAMBDA keyFunction, LAMBDA valueFunction)",
    ],
    [
      'REDUCE(NUMS, x => x)',
      "Function 'reduce' does not accept parameters (ARRAY<INTEGER>, LAMBDA).\nValid alternatives are:\nreduce(ARRAY<T> array, S initialState, LAMBDA function)\nreduce(MAP<K, V> map, S initialState, LAMBDA function)",
    ],
  ])('refuses %s', (sql, message) => {
    expect(() => typeOf(parseExpression(sql), scope)).toThrow(message);
  });
});
