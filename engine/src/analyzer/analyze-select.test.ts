import { describe, expect, it } from 'vitest';
import { parseStatements } from '../syntax/index.js';
import { analyzeSelect } from './analyze-select.js';
import type { DataSource } from './source.js';

const SOURCE: DataSource = {
  name: 'S',
  type: 'STREAM',
  columns: [
    { name: 'K', type: { kind: 'STRING' }, namespace: 'KEY' },
    { name: 'N', type: { kind: 'INTEGER' }, namespace: 'VALUE' },
    { name: 'B', type: { kind: 'BOOLEAN' }, namespace: 'VALUE' },
  ],
  topic: 's',
  keyFormat: 'KAFKA',
  valueFormat: 'JSON',
  isSource: false,
  sql: '',
};

function error(sql: string): string {
  const [stmt] = parseStatements(sql);
  const s = stmt!.statement;
  const select = s.kind === 'createAs' ? s.query : s.kind === 'query' ? s.query : undefined;
  try {
    analyzeSelect(select!, (n) => (n === 'S' ? SOURCE : undefined), {
      persistent: s.kind === 'createAs',
      sinkName: 'T',
    });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('reserved names and clause errors', () => {
  it.each([
    [
      'CREATE STREAM T AS SELECT K, ROWTIME FROM S;',
      'Reserved column name in select: `ROWTIME`. Please remove or alias the column.',
    ],
    ['CREATE STREAM T AS SELECT K, S.ROWOFFSET FROM S;', 'Reserved column name in select: `ROWOFFSET`.'],
    ['CREATE STREAM T AS SELECT K, N AS WINDOWEND FROM S;', 'Reserved column name in select: `WINDOWEND`.'],
    [
      'CREATE STREAM T AS SELECT K, N AS ROWPARTITION FROM S;',
      '`ROWPARTITION` is a reserved column name. You cannot use it as an alias for a column.',
    ],
    ['SELECT K, N AS ROWOFFSET FROM S EMIT CHANGES;', '`ROWOFFSET` is a reserved column name.'],
    ['CREATE STREAM T AS SELECT K, ROWTIME AS TIME, ROWPARTITION AS P FROM S;', 'no error'],
    ['SELECT K, ROWTIME FROM S EMIT CHANGES;', 'no error'],
    ['CREATE STREAM T AS SELECT K, X.* FROM S;', "'X' is not a valid stream/table name or alias."],
    ['CREATE STREAM T AS SELECT I.* FROM S I;', 'no error'],
    ['CREATE STREAM T AS SELECT K, UNKNOWN FROM S;', "SELECT column 'UNKNOWN' cannot be resolved."],
    [
      "CREATE STREAM T AS SELECT K, N FROM S WHERE N >= 'x';",
      "Error in WHERE expression: Cannot compare N (INTEGER) to 'x' (STRING) with GREATER_THAN_OR_EQUAL.",
    ],
    [
      "CREATE STREAM T AS SELECT K, N FROM S WHERE 'x';",
      "Type error in WHERE expression: Should evaluate to boolean but is 'x' (STRING) instead.",
    ],
    [
      'CREATE STREAM T AS SELECT K, N FROM S WHERE N IN (1, B);',
      'Invalid Predicate: operator does not exist: INTEGER = BOOLEAN (B)',
    ],
    [
      'CREATE STREAM T AS SELECT K, CAST(N AS ARRAY<INT>) FROM S;',
      'Invalid Select: Cast of INTEGER to ARRAY<INTEGER> is not supported',
    ],
    [
      "CREATE TABLE T AS SELECT K, COUNT(*) FROM S GROUP BY K HAVING COUNT(*) > '1';",
      "Error in HAVING expression: Cannot compare COUNT(*) (BIGINT) to '1' (STRING) with GREATER_THAN.",
    ],
  ])('%s', (sql, message) => {
    expect(error(sql)).toContain(message);
  });
});
