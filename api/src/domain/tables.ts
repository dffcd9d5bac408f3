import type { KsqlValue } from '@tally/ksql';

/** One row of a ksqlDB table, by upper-case column name (as on the wire). */
export type RowRecord = Readonly<Record<string, KsqlValue | undefined>>;

/**
 * The ksqlDB tables the API reads (docs/data-model.md), with the columns that identify a row:
 * the upsert key a push query's changes are applied by. A windowed table's key includes its
 * window start.
 */
export const TABLE_KEYS = {
  VOTES_PER_CANDIDATE: ['CANDIDATE_ID', 'CANDIDATE_NAME', 'PARTY_AFFILIATION', 'PHOTO_URL'],
  TURNOUT_BY_STATE: ['STATE'],
  REGISTERED_BY_STATE: ['STATE'],
  VOTES_BY_STATE_CANDIDATE: ['STATE', 'CANDIDATE_ID'],
  VOTES_BY_GENDER: ['GENDER'],
  VOTES_BY_AGE_BAND: ['AGE_BAND'],
  VOTES_OVER_TIME: ['CANDIDATE_ID', 'WINDOWSTART'],
} as const satisfies Record<string, readonly string[]>;

/** Name of a ksqlDB table the API reads. */
export type TableName = keyof typeof TABLE_KEYS;

/** Every table the API reads. */
export const TABLE_NAMES = Object.keys(TABLE_KEYS) as TableName[];

/** The rows of some tables, as read by a pull query or held by live views. */
export type TableRows = Partial<Record<TableName, readonly RowRecord[]>>;

/** A count column as a JS number (ksqlDB BIGINT may arrive as number, bigint or string). */
export function toCount(value: KsqlValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : 0;
  }
  return 0;
}

/** A text column, `''` when absent. */
export function toText(value: KsqlValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Epoch milliseconds of a WINDOWSTART/WINDOWEND (BIGINT ms, or an ISO string). */
export function toEpochMs(value: KsqlValue | undefined): number {
  if (typeof value === 'string' && !/^\d+$/.test(value)) return Date.parse(value);
  return toCount(value);
}

/** Sums `column` over `rows` grouped by the text of `keyColumn`. */
export function countsBy(rows: readonly RowRecord[] | undefined, keyColumn: string, column: string) {
  const counts = new Map<string, number>();
  for (const row of rows ?? []) {
    const key = toText(row[keyColumn]);
    counts.set(key, (counts.get(key) ?? 0) + toCount(row[column]));
  }
  return counts;
}

/** The identity of a row under `keyColumns`, as a string usable as a Map key. */
export function rowKey(row: RowRecord, keyColumns: readonly string[]): string {
  let key = '';
  for (const column of keyColumns) {
    const value = row[column];
    key += `${typeof value === 'bigint' ? value.toString() : JSON.stringify(value ?? null)}\u0000`;
  }
  return key;
}
