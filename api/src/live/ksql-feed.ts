import type { KsqlClient, KsqlRow, PushQuery, QueryHeader } from '@tally/ksql';
import type { RowRecord } from '../domain/tables.js';
import type { ChangeRow, ChangeStream, TableFeed } from './table-feed.js';

/** Rows of a query answer as records by column name. */
export function toRecords(header: QueryHeader, rows: readonly KsqlRow[]): RowRecord[] {
  const names = header.columns.map((column) => column.name.toUpperCase());
  return rows.map((row) => toRecord(names, row));
}

/** The row's columns from `first` on, by name. */
function toRecord(names: readonly string[], row: KsqlRow, first = 0): RowRecord {
  const record: Record<string, KsqlRow[number]> = {};
  for (let i = first; i < names.length; i++) record[names[i]!] = row[i] ?? null;
  return record;
}

/**
 * How long `changes()` waits for the push query's header. In the v1 format the header line is
 * only terminated (`,\n`) when the first row follows, so a line-based client sees it with the first
 * change; after this wait the request is with the server and the view takes its snapshot (the
 * view's settle snapshot covers a server that starts consuming a little later).
 */
const HEADER_WAIT_MS = 300;

/** A push row as a change: ROWTIME (the first column) apart from the table's own columns. */
function toChange(names: readonly string[], row: KsqlRow, tombstone: boolean): ChangeRow {
  const values = toRecord(names, row, 1);
  const rowtime = row[0];
  return typeof rowtime === 'number' ? { values, tombstone, rowtime } : { values, tombstone };
}

/**
 * A table feed over ksqlDB: `SELECT ROWTIME, * FROM T EMIT CHANGES` in the v1 format (the one that
 * keeps tombstones) from the latest offset, and `SELECT * FROM T` pull snapshots.
 */
export function createKsqlTableFeed(
  client: KsqlClient,
  table: string,
  headerWaitMs = HEADER_WAIT_MS,
): TableFeed {
  return {
    table,
    async snapshot() {
      const result = await client.pull(`SELECT * FROM ${table};`);
      return toRecords(result.header, result.rows);
    },
    async changes(): Promise<ChangeStream> {
      const abort = new AbortController();
      const started = client.push(`SELECT ROWTIME, * FROM ${table} EMIT CHANGES;`, {
        format: 'v1',
        properties: { 'auto.offset.reset': 'latest' },
        signal: abort.signal,
      });
      const settled = started.then(
        () => true,
        () => true,
      );
      let timer: NodeJS.Timeout | undefined;
      const answered = await Promise.race([
        settled,
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), headerWaitMs);
        }),
      ]);
      clearTimeout(timer);
      if (answered) await started; // a refused query fails here, before any snapshot
      let query: PushQuery | undefined;
      return {
        close: async () => {
          abort.abort();
          await query?.close();
        },
        async *[Symbol.asyncIterator]() {
          query = await started;
          const names = query.header.columns.map((column) => column.name.toUpperCase());
          for await (const row of query) yield toChange(names, row.values, row.tombstone);
        },
      };
    },
  };
}
