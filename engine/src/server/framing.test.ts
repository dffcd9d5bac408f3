import { describe, expect, it } from 'vitest';
import type { QueryEnd, QueryRow, RunningQuery } from '../executor/engine.js';
import { framing, headerSchema } from './framing.js';

const query: Pick<RunningQuery, 'queryId' | 'kind' | 'columns'> = {
  queryId: 'transient_T_1',
  kind: 'pull',
  columns: [
    { name: 'ID', type: 'STRING', key: true },
    { name: 'S', type: 'STRUCT<`F` INTEGER>', key: false },
  ],
};
const rows: QueryRow[] = [{ json: '["a",{"F":1}]' }, { json: '["a",null]', tombstone: true }];

/** The whole body a framing writes for `rows`, then `end`. */
function body(kind: 'v1' | 'delimited' | 'json', end: QueryEnd): string {
  const f = framing(kind);
  return f.header(query) + rows.map((r) => f.row(r) ?? '').join('') + f.end(end);
}

describe('query framings', () => {
  it('marks key columns in the v1 schema', () => {
    expect(headerSchema(query.columns)).toBe('`ID` STRING KEY, `S` STRUCT<`F` INTEGER>');
  });

  it('writes the v1 array one element per line, keeping tombstones, with final messages', () => {
    expect(body('v1', 'limit')).toBe(
      [
        '[{"header":{"queryId":"transient_T_1","schema":"`ID` STRING KEY, `S` STRUCT<`F` INTEGER>"}},',
        '{"row":{"columns":["a",{"F":1}]}},',
        '{"row":{"columns":["a",null],"tombstone":true}},',
        '{"finalMessage":"Limit Reached"}]',
      ].join('\n'),
    );
    expect(body('v1', 'completed').endsWith(',\n{"finalMessage":"Query Completed"}]')).toBe(true);
    expect(body('v1', 'closed').endsWith('"tombstone":true}}]')).toBe(true);
    expect(JSON.parse(body('v1', 'closed'))).toHaveLength(3);
  });

  it('writes delimited lines without tombstones or final message', () => {
    expect(body('delimited', 'limit')).toBe(
      '{"queryId":"transient_T_1","columnNames":["ID","S"],"columnTypes":["STRING","STRUCT<`F` INTEGER>"]}\n["a",{"F":1}]\n',
    );
  });

  it('writes one JSON array for application/json, without tombstones', () => {
    expect(JSON.parse(body('json', 'limit'))).toEqual([
      { queryId: 'transient_T_1', columnNames: ['ID', 'S'], columnTypes: ['STRING', 'STRUCT<`F` INTEGER>'] },
      ['a', { F: 1 }],
    ]);
  });

  it('ends a failed v1 stream with an errorMessage element', () => {
    const f = framing('v1');
    const text = f.header(query) + f.error({ '@type': 'generic_error', error_code: 50000, message: 'boom' });
    expect(JSON.parse(text).at(-1)).toEqual({
      errorMessage: { '@type': 'generic_error', error_code: 50000, message: 'boom' },
    });
  });
});
