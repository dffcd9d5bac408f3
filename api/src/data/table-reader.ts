import type { KsqlClient } from '@tally/ksql';
import type { RowRecord, TableName } from '../domain/tables.js';
import { toRecords } from '../live/ksql-feed.js';

/** Reads whole tables with pull queries (`SELECT * FROM T;`). */
export interface TableReader {
  read(table: TableName): Promise<RowRecord[]>;
}

/** A `TableReader` over ksqlDB. */
export function createTableReader(client: KsqlClient): TableReader {
  return {
    async read(table) {
      const result = await client.pull(`SELECT * FROM ${table};`);
      return toRecords(result.header, result.rows);
    },
  };
}

/** A reader that pulls each table at most once (one GraphQL request's view of the tables). */
export function memoizeReader(reader: TableReader): TableReader {
  const cache = new Map<TableName, Promise<RowRecord[]>>();
  return {
    read(table) {
      let rows = cache.get(table);
      if (!rows) {
        rows = reader.read(table);
        cache.set(table, rows);
      }
      return rows;
    },
  };
}
