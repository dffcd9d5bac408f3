import { describe, expect, it } from 'vitest';
import { checksum, fileNameFor, migrationFileName } from './files.js';
import { splitStatements } from './split.js';
import { classifyStatement } from './statements.js';
import { parseDefine, substituteVariables, variableMap } from './variables.js';

describe('splitStatements', () => {
  it('cuts at semicolons outside quotes and drops comments', () => {
    const text = [
      '-- the votes; all of them',
      "CREATE STREAM A (X STRING) WITH (KAFKA_TOPIC='a;b', VALUE_FORMAT='JSON', PARTITIONS=1);",
      "/* block; comment */ SET 'auto.offset.reset'='earliest';",
      "INSERT INTO A (X) VALUES ('it''s; -- not a comment');  ",
      'CREATE STREAM `we;ird` AS SELECT * FROM A; -- trailing',
    ].join('\n');
    expect(splitStatements(text)).toEqual([
      "CREATE STREAM A (X STRING) WITH (KAFKA_TOPIC='a;b', VALUE_FORMAT='JSON', PARTITIONS=1);",
      "SET 'auto.offset.reset'='earliest';",
      "INSERT INTO A (X) VALUES ('it''s; -- not a comment');",
      'CREATE STREAM `we;ird` AS SELECT * FROM A;',
    ]);
  });

  it('refuses text after the last semicolon', () => {
    expect(() =>
      splitStatements("CREATE STREAM A (X STRING) WITH (KAFKA_TOPIC='a');\nDROP STREAM A", 'V000001__a.sql'),
    ).toThrow(/V000001__a.sql: Unmatched command at end of file; missing semicolon/);
  });

  it('returns nothing for a file of comments', () => {
    expect(splitStatements('-- nothing yet\n/* still nothing */\n')).toEqual([]);
  });
});

describe('classifyStatement', () => {
  it('recognises client-side statements', () => {
    expect(classifyStatement("SET 'auto.offset.reset' = 'earliest';")).toMatchObject({
      kind: 'set',
      property: 'auto.offset.reset',
      value: 'earliest',
    });
    expect(classifyStatement("unset 'auto.offset.reset';")).toMatchObject({ kind: 'unset' });
    expect(classifyStatement("DEFINE Topic = 'it''s';")).toMatchObject({
      kind: 'define',
      name: 'topic',
      value: "it's",
    });
    expect(classifyStatement('UNDEFINE topic;')).toMatchObject({ kind: 'undefine', name: 'topic' });
    expect(classifyStatement('CREATE TABLE T AS SELECT 1;')).toMatchObject({ kind: 'server' });
  });

  it.each([
    'SELECT * FROM A;',
    'describe A;',
    'SHOW STREAMS;',
    'LIST TOPICS;',
    'PRINT t;',
    'EXPLAIN q;',
    "RUN SCRIPT 'x';",
  ])('rejects %s', (statement) => {
    expect(() => classifyStatement(statement)).toThrow(/not allowed in migration files/);
  });
});

describe('variables', () => {
  // biome-ignore-start lint/suspicious/noTemplateCurlyInString: ksqlDB's variable syntax
  it('substitutes case-insensitively, keeps $${x} escapes, and names unknown variables', () => {
    const vars = variableMap({ Topic: 'votes' });
    expect(substituteVariables("KAFKA_TOPIC='${topic}' x='$${topic}'", vars)).toBe(
      "KAFKA_TOPIC='votes' x='${topic}'",
    );
    expect(() => substituteVariables('${nope}', vars)).toThrow("Variable 'nope' is not defined");
    expect(parseDefine('a=b=c')).toEqual(['a', 'b=c']);
  });
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: ksqlDB's variable syntax
});

describe('files', () => {
  it('names and checksums files like ksql-migrations', () => {
    expect(fileNameFor(42, 'add votes table')).toBe('V000042__add_votes_table.sql');
    expect(migrationFileName.exec('V000001__create_votes.sql')?.slice(1)).toEqual(['000001', 'create_votes']);
    expect(migrationFileName.test('V1__x.sql')).toBe(false);
    expect(checksum('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
});
