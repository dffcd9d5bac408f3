import { describe, expect, it } from 'vitest';
import { ELECTION_SQL } from '../../test/election/election-sql.js';
import type { SqlType } from './ast.js';
import { parseStatements } from './parser.js';
import { printStatement } from './printer.js';
import { splitStatements, splitStatementsAt } from './split.js';

const STATEMENTS = [
  ...splitStatements(ELECTION_SQL),
  "CREATE STREAM S (`quoted Id` INT KEY, M MAP<STRING, ARRAY<DECIMAL(4, 2)>>, H BYTES HEADER('h')) WITH (KAFKA_TOPIC='t', FORMAT='JSON', PARTITIONS=2);",
  "CREATE OR REPLACE TABLE T AS SELECT A->B->C, CAST(X AS BIGINT) AS Y, X[1], M['k'] FROM S WHERE X BETWEEN 1 AND 2 AND NAME NOT LIKE 'a%' AND Z IS NOT NULL AND Q IN (1, 2) GROUP BY A->B->C HAVING COUNT(*) > 1 EMIT CHANGES;",
  'CREATE TABLE W AS SELECT K, COUNT(*) FROM S WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS, RETENTION 2 DAYS, GRACE PERIOD 0 MILLISECONDS) GROUP BY K;',
  "INSERT INTO S (ROWTIME, K, V) VALUES (1, 'a', STRUCT(F := 1.5));",
  'DROP TABLE IF EXISTS T DELETE TOPIC;',
  "SET 'auto.offset.reset'='earliest';",
  "DEFINE topic = 'votes';",
  'SELECT * FROM T WHERE K = -1 AND X IS DISTINCT FROM NULL EMIT CHANGES LIMIT 10;',
  'TERMINATE CTAS_T_1;',
  'SHOW QUERIES;',
  'SELECT TRANSFORM(A, x => x * 2), REDUCE(A, 0, (s, x) => s + x) FROM T;',
  'CREATE TYPE IF NOT EXISTS ADDRESS AS STRUCT<`number` INTEGER, STREET STRING>;',
  'DROP TYPE IF EXISTS ADDRESS;',
  'SELECT ROUND(V, -1) AS 1R FROM T;',
  'ALTER STREAM S ADD COLUMN A STRING, ADD COLUMN `b` ARRAY<INTEGER>;',
];

describe('parser', () => {
  it.each(STATEMENTS)('round-trips %s', (sql) => {
    const [first] = parseStatements(sql);
    const printed = `${printStatement(first!.statement)};`;
    const [second] = parseStatements(printed);
    expect(second!.statement).toEqual(first!.statement);
  });

  it('upper-cases unquoted identifiers and keeps quoted ones', () => {
    const [s] = parseStatements(
      "create stream votes (`voterId` string key, name varchar) with (kafka_topic='v', value_format='json');",
    );
    expect(s!.statement).toMatchObject({
      kind: 'createSource',
      name: 'VOTES',
      columns: [{ name: 'voterId' }, { name: 'NAME' }],
    });
  });

  it('reads a word that starts with a digit as an identifier, as ksqlDB (`AS 1R`), numbers still as numbers', () => {
    const [s] = parseStatements('SELECT ROUND(V, -1) AS 1r, 1e3 AS X, 2 FROM S;');
    expect(s!.statement).toMatchObject({
      query: {
        items: [
          { alias: '1R', expr: { args: [{}, { kind: 'literal', value: '-1' }] } },
          { alias: 'X', expr: { kind: 'literal', type: 'double', value: '1e3' } },
          { expr: { kind: 'literal', type: 'integer', value: '2' } },
        ],
      },
    });
  });

  it('refuses a variable reference without its closing brace (instead of lexing forever)', () => {
    expect(() => parseStatements('SHOW STREAMS ${;')).toThrow(/line 1:13: unterminated variable reference/);
  });

  it('resolves custom type names while parsing, as ksqlDB does', () => {
    const address: SqlType = { kind: 'STRUCT', fields: [{ name: 'CITY', type: { kind: 'STRING' } }] };
    const [s] = parseStatements(
      'CREATE STREAM S (A ADDRESS, B ARRAY<ADDRESS>) WITH (X=1);',
      undefined,
      new Map([['ADDRESS', address]]),
    );
    expect(s!.statement).toMatchObject({
      columns: [{ type: address }, { type: { kind: 'ARRAY', item: address } }],
    });
    expect(() => parseStatements('CREATE STREAM S (A ADDRESS) WITH (X=1);')).toThrow(/Syntax Error/);
  });

  it.each([
    ['SELECT 9223372036854775807, -9223372036854775807 FROM T;', undefined],
    [
      'SELECT 9223372036854775808 FROM T;',
      'Failed to prepare statement: line 1:9: Invalid numeric literal: 9223372036854775808',
    ],
    ['SELECT -9223372036854775808 FROM T;', 'Invalid numeric literal: -9223372036854775808'],
    ['SELECT 1.8E308 FROM T;', 'Failed to prepare statement: line 1:9: Number overflows DOUBLE: 1.8E308'],
  ])('bounds numeric literals: %s', (sql, error) => {
    if (error === undefined) expect(() => parseStatements(sql)).not.toThrow();
    else expect(() => parseStatements(sql)).toThrow(error);
  });

  it.each([
    ['SELECT CAST(X AS NULL) FROM T;', "Syntax error at or near 'NULL' at line 1:18"],
    ['ASSERT VALUES foo (id INT) VALUES (123);', "Syntax error at or near 'VALUES' at line 1:8"],
    ["RUN SCRIPT 'foo';", "line 1:1: Syntax Error\nUnknown statement 'RUN'"],
    [
      'SELECT COUNT(*) FROM T GROUP BY A AND B;',
      "line 1:35: Syntax Error\nmismatched input 'AND' expecting ';'",
    ],
  ])('reports %s as ksqlDB does', (sql, message) => {
    expect(() => parseStatements(sql)).toThrow(message);
  });

  it.each([
    ['SELECT 1R, 1e5x, 2r_@ FROM T;', ['column', 'column', 'column']],
    ['SELECT 1e-1, 1e5, 1.5, 10 FROM T;', ['literal', 'literal', 'literal', 'literal']],
  ])('lexes digit-led names as ksqlDB does: %s', (sql, kinds) => {
    const [s] = parseStatements(sql);
    const items = s!.statement.kind === 'query' ? s!.statement.query.items : [];
    expect(items.map((i) => (i.kind === 'expr' ? i.expr.kind : i.kind))).toEqual(kinds);
  });

  it('requires the terminating semicolon', () => {
    expect(() => parseStatements('SHOW STREAMS')).toThrow(/line 1:13: Syntax Error/);
  });

  it('splits scripts at semicolons outside strings and comments', () => {
    expect(splitStatements("SET 'a'=';'; -- c;\nSHOW TABLES; /* x; */")).toEqual([
      "SET 'a'=';';",
      '-- c;\nSHOW TABLES;',
    ]);
  });

  it('says where each statement of a script starts, and counts error positions from the script', () => {
    const parts = splitStatementsAt('SHOW TABLES;  SHOW STREAMS;\n\n  SELECT * FROM T GROUP BY (A, B;');
    expect(parts.map(({ line, col }) => [line, col])).toEqual([
      [0, 0],
      [0, 14],
      [2, 2],
    ]);
    // An error on the first line of a statement moves by its column too, later lines only by lines.
    expect(() => parseStatements(parts[2]!.text, parts[2])).toThrow(
      "line 3:33: Syntax Error\nmismatched input ';' expecting ')'",
    );
    expect(() => parseStatements('SHOW\n  TABLES #;', parts[2])).toThrow("line 4:9: extraneous input '#'");
    expect(() => parseStatements("SHOW 'x;", parts[1])).toThrow('line 1: unterminated string literal');
  });
});
