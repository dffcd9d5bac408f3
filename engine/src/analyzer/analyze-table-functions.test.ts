import { describe, expect, it } from 'vitest';
import { parseStatements } from '../syntax/index.js';
import { analyzeQuery } from './analyze-query.js';
import type { DataSource } from './source.js';

const source = (type: 'STREAM' | 'TABLE'): DataSource => ({
  name: 'S',
  type,
  columns: [
    { name: 'K', type: { kind: 'STRING' }, namespace: 'KEY' },
    { name: 'ARR', type: { kind: 'ARRAY', item: { kind: 'BIGINT' } }, namespace: 'VALUE' },
    { name: 'N', type: { kind: 'INTEGER' }, namespace: 'VALUE' },
  ],
  topic: 's',
  keyFormat: 'KAFKA',
  valueFormat: 'JSON',
  isSource: false,
  sql: '',
});

function analyze(sql: string, type: 'STREAM' | 'TABLE' = 'STREAM') {
  const s = parseStatements(sql)[0]!.statement;
  if (s.kind !== 'createAs') throw new Error('CSAS expected');
  return analyzeQuery(s.query, source(type), { persistent: true, sinkName: s.name });
}

describe('table functions in a SELECT', () => {
  it('lifts each call into a slot the projection reads, typed by its element', () => {
    const q = analyze('CREATE STREAM O AS SELECT K, EXPLODE(ARR) AS V, EXPLODE(ARR) FROM S;');
    expect(q.tableFunctions?.map((t) => [t.slot, t.type])).toEqual([
      ['$TF_0', { kind: 'BIGINT' }],
      ['$TF_1', { kind: 'BIGINT' }],
    ]);
    expect(q.projection.map((p) => [p.name, p.expr])).toEqual([
      ['K', { kind: 'column', name: 'K' }],
      ['V', { kind: 'column', name: '$TF_0' }],
      ['KSQL_COL_0', { kind: 'column', name: '$TF_1' }],
    ]);
  });
  it.each([
    [
      'CREATE TABLE O AS SELECT N, EXPLODE(ARR), COUNT(*) FROM S GROUP BY N;',
      'STREAM',
      'Table functions cannot be used with aggregations.',
    ],
    [
      'CREATE TABLE O AS SELECT K, EXPLODE(ARR) FROM S;',
      'TABLE',
      'Table source is not supported with table functions',
    ],
    [
      'CREATE STREAM O AS SELECT K, EXPLODE(N) FROM S;',
      'STREAM',
      "Function 'explode' does not accept parameters (INTEGER).",
    ],
  ] as const)('%s', (sql, type, message) => {
    expect(() => analyze(sql, type)).toThrow(message);
  });
});
