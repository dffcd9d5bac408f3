import { describe, expect, it } from 'vitest';
import { mapScope } from '../../analyzer/expr-type.js';
import { T } from '../../analyzer/types.js';
import { parseExpression } from '../../syntax/parser.js';
import { compileExpr, newRow } from './compile.js';

const scope = mapScope(
  new Map([
    ['A', T.BYTES],
    ['B', T.BYTES],
    ['N', T.INTEGER],
  ]),
);
const run = (sql: string, values: Record<string, unknown>) => {
  const row = newRow();
  Object.assign(row, values);
  return compileExpr(parseExpression(sql), scope)(row);
};

describe('comparisons', () => {
  it('compare BYTES byte by byte', () => {
    expect(run('A > B', { A: Buffer.from('b'), B: Buffer.from('a') })).toBe(true);
    expect(run('A > B', { A: Buffer.from('a'), B: Buffer.from('a') })).toBe(false);
    expect(run('A <= B', { A: Buffer.from('a'), B: Buffer.from('ab') })).toBe(true);
  });

  it.each(['A > B', 'A = B', 'A <> B', 'A <= B'])(
    '%s is false, not NULL, when an operand is NULL (as ksqlDB)',
    (sql) => {
      expect(run(sql, { A: null, B: Buffer.from('a') })).toBe(false);
      expect(run(sql, { A: null, B: null })).toBe(false);
    },
  );

  it('is false for a NULL number too', () => {
    expect(run('N < 3', { N: null })).toBe(false);
  });
});
