import type { RowRecord } from '../domain/tables.js';

/** One change of a table: an upsert of the row, or its deletion (`tombstone`, key columns only). */
export interface ChangeRow {
  values: RowRecord;
  tombstone: boolean;
  /**
   * The change's record time (ROWTIME, ms): in the vote-driven tables the voting time of the vote
   * that changed the row, so now minus it is how fresh the change is.
   */
  rowtime?: number;
}

/** A running stream of changes (a push query); iteration throws when the upstream drops. */
export interface ChangeStream extends AsyncIterable<ChangeRow> {
  close(): Promise<void>;
}

/**
 * Where a live view reads one table: its changes (started first) and a full snapshot. The ksqlDB
 * implementation is `createKsqlTableFeed`; tests use in-memory fakes.
 */
export interface TableFeed {
  /** The table's name, for logs and metrics. */
  readonly table: string;
  /** Starts receiving changes from now on; resolves once the upstream accepted the query. */
  changes(): Promise<ChangeStream>;
  /** Every row of the table now. */
  snapshot(): Promise<RowRecord[]>;
}
