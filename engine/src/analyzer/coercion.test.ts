import { describe, expect, it } from 'vitest';
import { parseExpression, parseType, printType } from '../syntax/index.js';
import { mapScope, typeOf } from './expr-type.js';
import type { SqlType } from './types.js';

const scope = mapScope(
  new Map<string, SqlType>(
    Object.entries({
      I: 'INT',
      B: 'BIGINT',
      D: 'DOUBLE',
      DEC: 'DECIMAL(4, 2)',
      S: 'STRING',
      BOOL: 'BOOLEAN',
      AB: 'ARRAY<BIGINT>',
      AI: 'ARRAY<INT>',
      MB: 'MAP<STRING, BIGINT>',
      SB: 'STRUCT<F0 BIGINT>',
    }).map(([k, v]) => [k, parseType(v)]),
  ),
);
const typeText = (sql: string) => printType(typeOf(parseExpression(sql), scope));
const error = (sql: string) => {
  try {
    typeOf(parseExpression(sql), scope);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('common type of a constructor list', () => {
  it.each([
    ['ARRAY[1, 2]', 'ARRAY<INTEGER>'],
    ['ARRAY[NULL, 10, I]', 'ARRAY<INTEGER>'],
    ['ARRAY[1, B]', 'ARRAY<BIGINT>'],
    ['ARRAY[1, 2.50]', 'ARRAY<DECIMAL(12, 2)>'],
    ['ARRAY[1, D]', 'ARRAY<DOUBLE>'],
    ['ARRAY[I, DEC]', 'ARRAY<DECIMAL(12, 2)>'],
    ["ARRAY[1, '2']", 'ARRAY<INTEGER>'],
    ["ARRAY[1, '2147483648']", 'ARRAY<BIGINT>'],
    ["ARRAY[10, '2e1', I, B]", 'ARRAY<DECIMAL(19, 0)>'],
    ["ARRAY[1, '4.000']", 'ARRAY<DECIMAL(13, 3)>'],
    ['ARRAY[S, 10, true, 1.5]', 'ARRAY<STRING>'],
    ["ARRAY[BOOL, 'y', 'FAL']", 'ARRAY<BOOLEAN>'],
    ['ARRAY[ARRAY[1], ARRAY[B]]', 'ARRAY<ARRAY<BIGINT>>'],
    [
      'ARRAY[STRUCT(X := I, Y := B), STRUCT(Y := I, Z := B)]',
      'ARRAY<STRUCT<`Y` BIGINT, `Z` BIGINT, `X` INTEGER>>',
    ],
    ["MAP(S := BOOL, 'k' := 'true', 10 := 'no')", 'MAP<STRING, BOOLEAN>'],
  ])('%s is %s', (sql, type) => {
    expect(typeText(sql)).toBe(type);
  });

  it.each([
    ['ARRAY[]', 'Array constructor cannot be empty.'],
    ['ARRAY[NULL, NULL]', 'Cannot construct an array with all NULL elements'],
    ["ARRAY[1, 'not a number']", 'invalid input syntax for type INTEGER: "not a number".'],
    ["ARRAY[BOOL, 'maybe']", 'invalid input syntax for type BOOLEAN: "maybe".'],
    ['ARRAY[I, S]', 'operator does not exist: INTEGER = STRING (S)'],
    ['ARRAY[S, D]', 'operator does not exist: STRING = DOUBLE (D)'],
    ['ARRAY[1, true]', 'operator does not exist: INTEGER = BOOLEAN (true)'],
    ['ARRAY[AB, ARRAY[BOOL]]', 'operator does not exist: ARRAY<BIGINT> = ARRAY<BOOLEAN> (ARRAY[BOOL])'],
    ['MAP()', 'Map constructor cannot be empty.'],
    ['MAP(NULL := I)', 'Cannot construct a map with all NULL keys'],
    ['MAP(S := NULL)', 'Cannot construct a map with all NULL values'],
    ["MAP(S := I, 'k' := 'hello')", 'invalid input syntax for type INTEGER: "hello".'],
  ])('%s fails: %s', (sql, message) => {
    expect(error(sql)).toContain(message);
  });
});

describe('IN lists coerce to one type (errors ksqlDB finds at code generation)', () => {
  it.each([
    ["BOOL IN (true, 'TrUe', 'tr', 'Y')", 'no error'],
    ["I IN (1, 2.0, '4.000', B, D, DEC)", 'no error'],
    ["S IN (true, 10, '10.1', 10.30)", 'no error'],
    ['AB IN (AI, ARRAY[1, 2])', 'no error'],
    ['SB IN (STRUCT(F0 := 1), STRUCT(F0 := 1, G := 2))', 'no error'],
    ["BOOL IN (true, 'Not a boolean')", 'invalid input syntax for type BOOLEAN: "Not a boolean".'],
    [
      'BOOL IN (true, 10)',
      'operator does not exist: BOOLEAN = INTEGER (10)\nHint: You might need to add explicit type casts.',
    ],
    ['DEC IN (10, true)', 'operator does not exist: DECIMAL(12, 2) = BOOLEAN (true)'],
    ['I IN (10, S)', 'operator does not exist: INTEGER = STRING (S)'],
    ["B IN (10, '10 - not a number')", 'invalid input syntax for type BIGINT: "10 - not a number".'],
    ['MB IN (10)', 'operator does not exist: MAP<STRING, BIGINT> = INTEGER (10)'],
    ["SB IN (STRUCT(F0 := 'not 10'))", 'invalid input syntax for type BIGINT: "not 10"'],
    [
      'SB IN (STRUCT(F0 := BOOL))',
      'operator does not exist: STRUCT<`F0` BIGINT> = STRUCT<`F0` BOOLEAN> (STRUCT(F0:=BOOL))',
    ],
  ])('%s: %s', (sql, message) => {
    expect(error(sql)).toContain(message);
  });
});

describe('comparisons', () => {
  it.each([
    ['I < D', 'no error'],
    ["S < 'x'", 'no error'],
    ['BOOL = true', 'no error'],
    ['AB = AI', 'no error'],
    ['SB IS DISTINCT FROM NULL', 'no error'],
    ["I >= 'x'", "Cannot compare I (INTEGER) to 'x' (STRING) with GREATER_THAN_OR_EQUAL."],
    ['BOOL < true', 'Cannot compare BOOL (BOOLEAN) to true (BOOLEAN) with LESS_THAN.'],
    ['AB < AI', 'Cannot compare AB (ARRAY<BIGINT>) to AI (ARRAY<INTEGER>) with LESS_THAN.'],
    ['MB > MB', 'Cannot compare MB (MAP<STRING, BIGINT>) to MB (MAP<STRING, BIGINT>) with GREATER_THAN.'],
    ['SB <= SB', 'with LESS_THAN_OR_EQUAL.'],
    [
      'I = NULL',
      "Comparison with NULL not supported: INTEGER = NULL\nUse 'IS NULL' or 'IS NOT NULL' instead.",
    ],
    ['S IS DISTINCT FROM I', 'Cannot compare S (STRING) to I (INTEGER) with IS_DISTINCT_FROM.'],
  ])('%s: %s', (sql, message) => {
    expect(error(sql)).toContain(message);
  });
});

describe('CAST and CASE types', () => {
  it.each([
    ['CAST(S AS ARRAY<INT>)', 'Cast of STRING to ARRAY<INTEGER> is not supported'],
    ['CAST(S AS MAP<STRING, INT>)', 'Cast of STRING to MAP<STRING, INTEGER> is not supported'],
    ['CAST(AB AS STRUCT<F0 INT>)', 'Cast of ARRAY<BIGINT> to STRUCT<`F0` INTEGER> is not supported'],
    ['CAST(AB AS ARRAY<INT>)', 'no error'],
    ['CAST(SB AS STRING)', 'no error'],
    ['CASE WHEN BOOL THEN NULL ELSE NULL END', 'Invalid Case expression. All case branches have NULL type'],
  ])('%s: %s', (sql, message) => {
    expect(error(sql)).toContain(message);
  });

  it('a CASE takes its first typed branch', () => {
    expect(typeText('CASE WHEN BOOL THEN NULL ELSE I END')).toBe('INTEGER');
  });
});
