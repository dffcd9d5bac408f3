import { describe, expect, it } from 'vitest';
import { parseStatements } from '../syntax/index.js';
import { analyzeQuery } from './analyze-query.js';
import type { DataSource } from './source.js';

const SOURCE: DataSource = {
  name: 'S',
  type: 'STREAM',
  columns: [
    { name: 'K', type: { kind: 'STRING' }, namespace: 'KEY' },
    {
      name: 'A',
      type: { kind: 'STRUCT', fields: [{ name: 'STATE', type: { kind: 'STRING' } }] },
      namespace: 'VALUE',
    },
    { name: 'N', type: { kind: 'INTEGER' }, namespace: 'VALUE' },
  ],
  topic: 's',
  keyFormat: 'KAFKA',
  valueFormat: 'JSON',
  isSource: false,
  sql: '',
};

function analyze(sql: string, persistent = true) {
  const [stmt] = parseStatements(sql);
  const s = stmt!.statement;
  const select = s.kind === 'createAs' ? s.query : s.kind === 'query' ? s.query : undefined;
  return analyzeQuery(select!, SOURCE, { persistent, sinkName: s.kind === 'createAs' ? s.name : 'X' });
}

describe('analyzeQuery', () => {
  it('names GROUP BY keys like ksqlDB (struct field → field name, expression → KSQL_COL_n)', () => {
    const q = analyze('CREATE TABLE T AS SELECT A->STATE, COUNT(*) FROM S GROUP BY A->STATE;');
    expect(q.columns.map((c) => `${c.name}${c.namespace === 'KEY' ? ' KEY' : ''}`)).toEqual([
      'STATE KEY',
      'KSQL_COL_0',
    ]);
  });

  it('rejects a missing grouping expression and non-aggregate columns with ksqlDB messages', () => {
    expect(() => analyze('CREATE TABLE T AS SELECT COUNT(*) AS C FROM S GROUP BY N;')).toThrow(
      'The query used to build `T` must include the grouping expression N in its projection (eg, SELECT N...).',
    );
    expect(() => analyze('CREATE TABLE T AS SELECT N, K, COUNT(*) AS C FROM S GROUP BY N;')).toThrow(
      'Non-aggregate SELECT expression(s) not part of GROUP BY: K',
    );
  });

  it('requires the source key in a CSAS projection', () => {
    expect(() => analyze('CREATE STREAM O AS SELECT N FROM S;')).toThrow(
      'The query used to build `O` must include the key column K in its projection (eg, SELECT K...).',
    );
  });

  it('keeps push query projections flat (no key split)', () => {
    const q = analyze('SELECT N, A->STATE FROM S EMIT CHANGES;', false);
    expect(q.columns.map((c) => c.name)).toEqual(['N', 'STATE']);
  });

  it.each([
    ['CREATE STREAM T AS SELECT * FROM S PARTITION BY ROWOFFSET;', ['ROWOFFSET BIGINT KEY', 'A', 'N', 'K']],
    ['CREATE STREAM T AS SELECT * FROM S PARTITION BY A->STATE;', ['STATE STRING KEY', 'A', 'N', 'K']],
    ['CREATE STREAM T AS SELECT * FROM S PARTITION BY N + 1;', ['KSQL_COL_0 INTEGER KEY', 'A', 'N', 'K']],
    ['CREATE STREAM T AS SELECT K, N FROM S PARTITION BY N;', ['N INTEGER KEY', 'K']],
  ])('keys %s by its PARTITION BY expression, the old key moving into the value', (sql, columns) => {
    const q = analyze(sql);
    expect(q.columns.map((c) => (c.namespace === 'KEY' ? `${c.name} ${c.type.kind} KEY` : c.name))).toEqual(
      columns,
    );
  });

  it('never generates a name one of the source columns has', () => {
    const source = {
      ...SOURCE,
      columns: [
        ...SOURCE.columns,
        { name: 'KSQL_COL_1', type: { kind: 'INTEGER' }, namespace: 'VALUE' } as const,
      ],
    };
    const [stmt] = parseStatements('CREATE STREAM T AS SELECT K, N + 1, N + 2 FROM S;');
    const s = stmt!.statement;
    const q = analyzeQuery(s.kind === 'createAs' ? s.query : (undefined as never), source, {
      persistent: true,
      sinkName: 'T',
    });
    expect(q.columns.map((c) => c.name)).toEqual(['K', 'KSQL_COL_0', 'KSQL_COL_2']);
  });
});
