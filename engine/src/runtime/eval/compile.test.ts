import { describe, expect, it } from 'vitest';
import { mapScope, type SqlType } from '../../analyzer/index.js';
import { parseExpression, parseType } from '../../syntax/index.js';
import { compileExpr, newRow } from './compile.js';

const types: Record<string, string> = {
  I: 'INT',
  B: 'BIGINT',
  D: 'DOUBLE',
  S: 'STRING',
  BOOL: 'BOOLEAN',
  SB: 'STRUCT<A BIGINT, B BIGINT>',
  Y: 'BYTES',
};
const scope = mapScope(new Map<string, SqlType>(Object.entries(types).map(([k, v]) => [k, parseType(v)])));
const evaluate = (sql: string, values: Record<string, unknown>) => {
  const row = newRow();
  Object.assign(row, values);
  return compileExpr(parseExpression(sql), scope)(row);
};

describe('evaluation with ksqlDB coercions', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ["I IN (1, '4.000')", { I: 4 }, true],
    ["I IN (1, '4.5')", { I: 4 }, false],
    ['I IN (B, D)', { I: -2147483648, B: 2147483648n, D: 0 }, false],
    ['S IN (true, 10, 10.30)', { S: '10.30' }, true],
    ['S IN (true, 10, 10.30)', { S: '10.3' }, false],
    ["BOOL IN ('y')", { BOOL: true }, true],
    ['SB IN (STRUCT(A := 5))', { SB: Object.assign(newRow(), { A: 5n, B: null }) }, true],
    ['SB IN (STRUCT(A := 5, C := 1))', { SB: Object.assign(newRow(), { A: 5n, B: null }) }, false],
    ["ARRAY[10, '2e1', I, B]", { I: 30, B: 40n }, expect.anything()],
    ['I < B', { I: null, B: 1n }, false],
    ['Y > Y', { Y: null }, false],
    ['I = B', { I: 1, B: 1n }, true],
  ])('%s', (sql, values, expected) => {
    expect(evaluate(sql, values)).toEqual(expected);
  });

  it('converts ARRAY items to their common type', () => {
    expect(
      (evaluate("ARRAY[NULL, 10, '2e1', I, B]", { I: 30, B: 40n }) as unknown[]).map((x) =>
        x === null ? null : String(x),
      ),
    ).toEqual([null, '10', '20', '30', '40']);
  });
});
