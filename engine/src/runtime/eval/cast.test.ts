import { describe, expect, it } from 'vitest';
import { Decimal, newStruct, type SqlType } from '../../analyzer/index.js';
import { parseType } from '../../syntax/index.js';
import { castValue } from './cast.js';

const struct = (o: Record<string, unknown>) => Object.assign(newStruct(), o);
const cast = (v: unknown, from: string, to: string) => castValue(v, parseType(from), parseType(to));

describe('CAST with Java conversions', () => {
  it.each<[unknown, string, string, unknown]>([
    [2147483648n, 'BIGINT', 'INT', -2147483648],
    [-2147483649n, 'BIGINT', 'INT', 2147483647],
    [Decimal.parse('2147483648.9'), 'DECIMAL(11, 1)', 'INT', -2147483648],
    [Decimal.parse('2.5'), 'DECIMAL(2, 1)', 'BIGINT', 2n],
    [Decimal.parse('-2.5'), 'DECIMAL(2, 1)', 'INT', -2],
    [1e10, 'DOUBLE', 'INT', 2147483647],
    [-1e10, 'DOUBLE', 'INT', -2147483648],
    [Number.NaN, 'DOUBLE', 'INT', 0],
    [Number.NaN, 'DOUBLE', 'BIGINT', 0n],
    [1e19, 'DOUBLE', 'BIGINT', 9223372036854775807n],
    [-2.7, 'DOUBLE', 'BIGINT', -2n],
    [[1n, 3n, 2147483648n], 'ARRAY<BIGINT>', 'ARRAY<INT>', [1, 3, -2147483648]],
    [[[1n], [-2147483648n]], 'ARRAY<ARRAY<BIGINT>>', 'ARRAY<ARRAY<STRING>>', [['1'], ['-2147483648']]],
    [
      new Map([['this', 2147483648n]]),
      'MAP<STRING, BIGINT>',
      'MAP<STRING, INT>',
      new Map([['this', -2147483648]]),
    ],
    [[1, 3], 'ARRAY<INT>', 'STRING', '[1, 3]'],
    [[1.0, null], 'ARRAY<DOUBLE>', 'STRING', '[1.0, null]'],
    [new Map([['this', 1]]), 'MAP<STRING, INT>', 'STRING', '{this=1}'],
    [struct({ F0: 1, f1: 3 }), 'STRUCT<F0 INT, `f1` INT>', 'STRING', 'Struct{F0=1,f1=3}'],
    [struct({ A: null, B: 'x' }), 'STRUCT<A INT, B STRING>', 'STRING', 'Struct{B=x}'],
    [struct({ A: 1n }), 'STRUCT<A BIGINT>', 'STRUCT<A INT, C STRING>', struct({ A: 1, C: null })],
  ])('%s as %s → %s', (v, from, to, expected) => {
    expect(cast(v, from, to)).toEqual(expected);
  });

  it('keeps null', () => {
    expect(castValue(null, parseType('STRING'), { kind: 'ARRAY', item: parseType('INT') } as SqlType)).toBe(
      null,
    );
  });
});
