/** What operators emit: one change of the query result (an upsert, or a tombstone when `row` is null). */
import type { Row } from '../eval/compile.js';
import type { Window } from '../serde/index.js';

export interface ResultChange {
  /** The projected result row by column name; null = delete of `keyRow`. */
  row: Row | null;
  /** Key column values by result key name (also set for tombstones). */
  keyRow: Row;
  ts: number;
  /** A tombstone standing for "this upsert failed the WHERE" (persistent sinks write it, push queries skip it). */
  filteredOut?: boolean;
  window?: Window;
}

/** Reports a record that failed to evaluate; the operator carries on without it. */
export type ErrorReporter = (error: Error, context: { row?: Row; stage: string }) => void;
