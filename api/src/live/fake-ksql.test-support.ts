import type { KsqlClient, KsqlRow, PullResult, PushQuery, PushRow } from '@tally/ksql';
import { TABLE_KEYS, type TableName } from '../domain/tables.js';
import { FakeTable } from './fake-table.test-support.js';

const VALUE_COLUMNS: Record<TableName, string[]> = {
  VOTES_PER_CANDIDATE: ['VOTES'],
  TURNOUT_BY_STATE: ['VOTES'],
  REGISTERED_BY_STATE: ['REGISTERED'],
  VOTES_BY_STATE_CANDIDATE: ['VOTES'],
  VOTES_BY_GENDER: ['VOTES'],
  VOTES_BY_AGE_BAND: ['VOTES'],
  VOTES_OVER_TIME: ['WINDOWEND', 'VOTES'],
};

/** A multi-column key of a fake table: the key columns joined. */
function keyColumn(table: TableName): string {
  return TABLE_KEYS[table].join('+');
}

/**
 * An in-memory `KsqlClient` over `FakeTable`s, for unit tests of the server: `SELECT * FROM T;`
 * pulls, `SELECT ROWTIME, * FROM T EMIT CHANGES;` pushes. `upsert` writes a row (all columns by
 * name; its ROWTIME, if given, goes to push queries).
 */
export class FakeKsql implements KsqlClient {
  readonly tables = new Map<TableName, FakeTable>();

  table(name: TableName): FakeTable {
    let table = this.tables.get(name);
    if (!table) {
      table = new FakeTable(name, keyColumn(name));
      this.tables.set(name, table);
    }
    return table;
  }

  upsert(name: TableName, row: Record<string, unknown>): void {
    const key = TABLE_KEYS[name].map((column) => String(row[column])).join('|');
    this.table(name).upsert({ ...(row as Record<string, never>), [keyColumn(name)]: key });
  }

  /** Every open push stream fails (ksqlDB went away); `down` makes new requests fail too. */
  dropAll(down: boolean): void {
    for (const table of this.tables.values()) {
      table.down = down;
      table.drop();
    }
  }

  setDown(down: boolean): void {
    for (const table of this.tables.values()) table.down = down;
  }

  private columns(name: TableName): string[] {
    return [...TABLE_KEYS[name], ...VALUE_COLUMNS[name]];
  }

  private toRow(name: TableName, record: Record<string, unknown>): KsqlRow {
    return this.columns(name).map((column) => (record[column] ?? null) as KsqlRow[number]);
  }

  private parse(sql: string): TableName {
    const match = /^SELECT \* FROM (\w+);$|^SELECT ROWTIME, \* FROM (\w+) EMIT CHANGES;$/.exec(sql);
    if (!match) throw new Error(`FakeKsql: unexpected statement ${sql}`);
    return (match[1] ?? match[2]) as TableName;
  }

  private header(name: TableName, rowtime = false) {
    const columns = rowtime ? ['ROWTIME', ...this.columns(name)] : this.columns(name);
    return {
      queryId: undefined,
      columns: columns.map((column) => ({ name: column, type: 'BIGINT', key: false })),
    };
  }

  async pull(sql: string): Promise<PullResult> {
    const name = this.parse(sql);
    const rows = await this.table(name).snapshot();
    return { header: this.header(name), rows: rows.map((row) => this.toRow(name, row)) };
  }

  async push(sql: string): Promise<PushQuery> {
    const name = this.parse(sql);
    const stream = await this.table(name).changes();
    const toRow = (record: Record<string, unknown>): KsqlRow => [
      (record['ROWTIME'] ?? null) as KsqlRow[number],
      ...this.toRow(name, record),
    ];
    return {
      queryId: `fake_${name}`,
      header: this.header(name, true),
      close: () => stream.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<PushRow> {
        for await (const change of stream)
          yield { values: toRow(change.values), tombstone: change.tombstone };
      },
    };
  }

  async execute(): Promise<never> {
    throw new Error('FakeKsql: execute is not supported');
  }
  async insert(): Promise<never> {
    throw new Error('FakeKsql: insert is not supported');
  }
  async closeQuery(): Promise<void> {}
  async info() {
    if ([...this.tables.values()].some((table) => table.down)) throw new Error('ECONNREFUSED');
    return { version: 'fake', kafkaClusterId: 'fake', ksqlServiceId: 'fake' };
  }
  async healthcheck() {
    if ([...this.tables.values()].some((table) => table.down)) throw new Error('ECONNREFUSED');
    return { isHealthy: true, details: {} };
  }
  async close(): Promise<void> {}
}
