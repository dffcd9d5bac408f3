import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../analyzer/index.js';
import { parseStatements, type Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import { Metastore } from '../metastore.js';
import { alterSource } from './alter-source.js';

function context(source: Partial<DataSource>): ExecContext {
  const meta = new Metastore();
  meta.sources.set('S', {
    name: 'S',
    type: 'STREAM',
    columns: [
      { name: 'K', type: { kind: 'STRING' }, namespace: 'KEY' },
      { name: 'V', type: { kind: 'INTEGER' }, namespace: 'VALUE' },
    ],
    topic: 's',
    keyFormat: 'KAFKA',
    valueFormat: 'JSON',
    isSource: false,
    sql: '',
    ...source,
  });
  return { meta, sandbox: true, props: {}, vars: new Map(), pendingTopics: new Set(), seq: 1 };
}
const alter = (sql: string) =>
  parseStatements(sql)[0]!.statement as Extract<Statement, { kind: 'alterSource' }>;
const error = (ctx: ExecContext, sql: string) => {
  try {
    alterSource(ctx, alter(sql), sql);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('ALTER STREAM/TABLE … ADD COLUMN', () => {
  it('adds value columns after the existing ones', () => {
    const ctx = context({});
    alterSource(ctx, alter('ALTER STREAM S ADD COLUMN A STRING, ADD B ARRAY<INT>;'), '');
    expect(ctx.meta.sources.get('S')!.columns.map((c) => `${c.name} ${c.namespace}`)).toEqual([
      'K KEY',
      'V VALUE',
      'A VALUE',
      'B VALUE',
    ]);
  });

  it.each<[Partial<DataSource>, string, string]>([
    [
      {},
      'ALTER STREAM S ADD COLUMN V STRING;',
      'Cannot add column `V` to schema. A column with the same name already exists.',
    ],
    [{}, 'ALTER STREAM S ADD COLUMN ROWTIME BIGINT;', "'ROWTIME' is a reserved column name."],
    [
      {},
      'ALTER TABLE S ADD COLUMN A INT;',
      'Incompatible data source type is STREAM, but statement was ALTER TABLE',
    ],
    [{}, 'ALTER STREAM X ADD COLUMN A INT;', 'Source X does not exist.'],
    [
      { valueFormat: 'KAFKA' },
      'ALTER STREAM S ADD COLUMN A INT;',
      "The 'KAFKA' format only supports a single field.",
    ],
    [
      { isSource: true },
      'ALTER STREAM S ADD COLUMN A INT;',
      'ALTER operations are not supported on source streams.',
    ],
  ])('%j %s: %s', (source, sql, message) => {
    expect(error(context(source), sql)).toContain(message);
  });
});
