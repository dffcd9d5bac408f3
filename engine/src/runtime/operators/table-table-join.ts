/**
 * TableTableJoin: the primary-key join of two tables (Kafka Streams `KTable.join/leftJoin/outerJoin`
 * without caching or old values, as ksqlDB runs it). Each side's latest row per key is kept; a
 * change on either side looks up the other side's row for the key and emits the joined row's new
 * value — or a tombstone when the join no longer holds a row for the key:
 *
 * | join  | change on a side, other side present        | other side absent                         |
 * |-------|----------------------------------------------|-------------------------------------------|
 * | INNER | upsert → joined row; delete → tombstone      | nothing                                   |
 * | LEFT  | left as INNER; right upsert → joined row,    | left upsert → left row with right nulls,  |
 * |       | right delete → left row with right nulls     | left delete → tombstone; right: nothing   |
 * | RIGHT | LEFT with the sides swapped                  |                                           |
 * | FULL  | upsert → joined row; delete → the other      | upsert → row with the other side null;    |
 * |       | side's row with this side null               | delete → tombstone                        |
 *
 * A joined row's timestamp is the larger of both sides' row timestamps (the changed side's alone
 * when the other is absent). Rows whose key is NULL are dropped, as a table source drops them.
 */
import type { JoinInfo } from '../../analyzer/index.js';
import { valueKey } from '../eval/compare.js';
import { newRow, type Row } from '../eval/compile.js';
import type { StateStore } from '../state-store.js';
import type { ConsumedRecord } from '../topic-store.js';
import type { ErrorReporter } from './change.js';
import { joinSides } from './join-sides.js';

/** A side's latest row (prefixed columns) and its timestamp. */
export interface SideRow {
  row: Row;
  ts: number;
}

/** One change of the joined table: the joined row by key, or a tombstone (`row` null). */
export interface JoinChange {
  /** The joined row, or for a tombstone a row holding just the key column. */
  row: Row;
  tombstone: boolean;
  ts: number;
}

export type JoinType = JoinInfo['type'];

/**
 * The join's state machine over already-decoded side changes: `change('left', key, row, ts)` with
 * `row` null for a delete. `nulls` are each side's all-null rows, `keyColumn` receives the key.
 */
export function createTableTableJoinCore(
  type: JoinType,
  stores: { left: StateStore<SideRow>; right: StateStore<SideRow> },
  nulls: { left: Row; right: Row },
  keyColumn: string,
) {
  // Which side's row must exist for a joined row to exist.
  const needs = {
    left: type === 'INNER' || type === 'LEFT',
    right: type === 'INNER' || type === 'RIGHT',
  };
  return (side: 'left' | 'right', keyValue: unknown, row: Row | null, ts: number): JoinChange[] => {
    const k = valueKey([keyValue]);
    const own = side === 'left' ? stores.left : stores.right;
    const other = side === 'left' ? stores.right : stores.left;
    if (row === null) own.delete(k, ts);
    else own.put(k, { row, ts }, ts);
    const l = stores.left.get(k);
    const r = stores.right.get(k);
    const otherRow = other.get(k);
    const resultTs = otherRow === undefined ? ts : Math.max(ts, otherRow.ts);
    const exists =
      (l !== undefined || !needs.left) && (r !== undefined || !needs.right) && (l ?? r) !== undefined;
    // Nothing when the other side's absence means the key never had a joined row.
    const otherNeeded = side === 'left' ? needs.right : needs.left;
    if (otherRow === undefined && otherNeeded) return [];
    if (!exists) {
      const key: Row = newRow();
      key[keyColumn] = keyValue;
      return [{ row: key, tombstone: true, ts: resultTs }];
    }
    const joined: Row = Object.assign(newRow(), l?.row ?? nulls.left, r?.row ?? nulls.right);
    joined[keyColumn] = keyValue;
    joined.ROWTIME = resultTs;
    return [{ row: joined, tombstone: false, ts: resultTs }];
  };
}

/** The join over both sides' source records (the left side's topic tells them apart). */
export function createTableTableJoin(
  join: JoinInfo,
  stores: { left: StateStore<SideRow>; right: StateStore<SideRow> },
  report: ErrorReporter,
): (record: ConsumedRecord) => JoinChange[] {
  const [left, right] = joinSides(join);
  const core = createTableTableJoinCore(
    join.type,
    stores,
    { left: left.prefixed(null), right: right.prefixed(null) },
    join.key.column,
  );
  const leftTopic = join.left.source.topic;
  return (record) => {
    const isLeft = record.topic === leftTopic;
    const side = isLeft ? left : right;
    const s = side.decoder.decode(record);
    if (s === undefined) return [];
    const row = side.decoder.toRow(s);
    let keyValue: unknown;
    try {
      keyValue = side.key(row);
    } catch (e) {
      report(e as Error, { row, stage: 'join' });
      return [];
    }
    if (keyValue === null || keyValue === undefined) return [];
    return core(isLeft ? 'left' : 'right', keyValue, s.value === null ? null : side.prefixed(row), s.ts);
  };
}
