import type { KsqlClient, PushQuery, PushRow } from '@tally/ksql';
import { describe, expect, it } from 'vitest';
import { createKsqlTableFeed } from './ksql-feed.js';

const header = {
  queryId: 'transient_T_1',
  columns: [
    { name: 'STATE', type: 'STRING', key: false },
    { name: 'VOTES', type: 'BIGINT', key: false },
  ],
};

const pushHeader = {
  ...header,
  columns: [{ name: 'ROWTIME', type: 'BIGINT', key: false }, ...header.columns],
};

/** A client whose push query answers (header) only when `answer` is called, like a v1 stream. */
function lateHeaderClient() {
  let answer: (query: PushQuery) => void = () => undefined;
  let sql = '';
  let format: string | undefined;
  const rows: PushRow[] = [
    { values: [1_700_000_000_000, 'OH', 3], tombstone: false },
    { values: [null, 'CA', null], tombstone: true },
  ];
  const client = {
    push: (statement: string, options?: { format?: string }) => {
      sql = statement;
      format = options?.format;
      return new Promise<PushQuery>((resolve) => {
        answer = resolve;
      });
    },
    pull: async () => ({ header, rows: [['OH', 2]] }),
  } as unknown as KsqlClient;
  const query: PushQuery = {
    queryId: header.queryId,
    header: pushHeader,
    close: async () => undefined,
    async *[Symbol.asyncIterator]() {
      yield* rows;
    },
  };
  return { client, answer: () => answer(query), sent: () => ({ sql, format }) };
}

describe('createKsqlTableFeed', () => {
  it('asks for the v1 format with ROWTIME, and does not wait for a header that comes with the first row', async () => {
    const fake = lateHeaderClient();
    const feed = createKsqlTableFeed(fake.client, 'TURNOUT_BY_STATE', 10);
    const stream = await feed.changes();
    expect(fake.sent()).toEqual({
      sql: 'SELECT ROWTIME, * FROM TURNOUT_BY_STATE EMIT CHANGES;',
      format: 'v1',
    });
    expect(await feed.snapshot()).toEqual([{ STATE: 'OH', VOTES: 2 }]);
    fake.answer();
    const changes = [];
    for await (const change of stream) changes.push(change);
    // ROWTIME comes apart from the row's own columns (a tombstone may carry none).
    expect(changes).toEqual([
      { values: { STATE: 'OH', VOTES: 3 }, tombstone: false, rowtime: 1_700_000_000_000 },
      { values: { STATE: 'CA', VOTES: null }, tombstone: true },
    ]);
  });
});
