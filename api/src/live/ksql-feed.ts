import type { KsqlClient, KsqlRow, QueryHeader } from '@tally/ksql';
import type { RowRecord } from '../domain/tables.js';
import type { ChangeStream, TableFeed } from './table-feed.js';

/** Rows of a query answer as records by column name. */
export function toRecords(header: QueryHeader, rows: readonly KsqlRow[]): RowRecord[] {
  const names = header.columns.map((column) => column.name.toUpperCase());
  return rows.map((row) => toRecord(names, row));
}

function toRecord(names: readonly string[], row: KsqlRow): RowRecord {
  const record: Record<string, KsqlRow[number]> = {};
  for (let i = 0; i < names.length; i++) record[names[i]!] = row[i] ?? null;
  return record;
}

/**
 * A table feed over ksqlDB: `SELECT * FROM T EMIT CHANGES` in the v1 format (the one that keeps
 * tombstones) from the latest offset, and `SELECT * FROM T` pull snapshots.
 */
export function createKsqlTableFeed(client: KsqlClient, table: string): TableFeed {
  return {
    table,
    async snapshot() {
      const result = await client.pull(`SELECT * FROM ${table};`);
      return toRecords(result.header, result.rows);
    },
    async changes(): Promise<ChangeStream> {
      const query = await client.push(`SELECT * FROM ${table} EMIT CHANGES;`, {
        format: 'v1',
        properties: { 'auto.offset.reset': 'latest' },
      });
      const names = query.header.columns.map((column) => column.name.toUpperCase());
      return {
        close: () => query.close(),
        async *[Symbol.asyncIterator]() {
          for await (const row of query)
            yield { values: toRecord(names, row.values), tombstone: row.tombstone };
        },
      };
    },
  };
}
