/**
 * ForeignKeyJoin: a table-table join on a left value expression that names the right table's
 * primary key (Kafka Streams' foreign-key `KTable.join/leftJoin`, as ksqlDB runs it). The result is
 * keyed by the left table's primary key; INNER and LEFT only.
 *
 * | change               | emits                                                                   |
 * |----------------------|-------------------------------------------------------------------------|
 * | left upsert          | joined row with right[fk]; none there: LEFT → right nulls, INNER →        |
 * |                      | tombstone when the key had a left row before, else nothing               |
 * | left delete          | tombstone                                                               |
 * | right upsert on key k| a joined row for every left row whose foreign key is k                  |
 * | right delete on k    | for each such left row: INNER → tombstone, LEFT → right nulls            |
 *
 * Each output carries the timestamp of the record that caused it. Left rows whose foreign key is
 * NULL never match.
 */
import type { JoinInfo } from '../../analyzer/index.js';
import { joinedColumn } from '../../analyzer/index.js';
import { valueKey } from '../eval/compare.js';
import { newRow, type Row } from '../eval/compile.js';
import type { StateStore } from '../state-store.js';
import type { ConsumedRecord } from '../topic-store.js';
import type { ErrorReporter } from './change.js';
import { joinSides } from './join-sides.js';
import type { JoinChange, SideRow } from './table-table-join.js';

/** A left row with its foreign key's store key (undefined when the foreign key is NULL). */
export interface LeftRow extends SideRow {
  fk?: string;
}

export function createForeignKeyJoinCore(
  type: 'INNER' | 'LEFT',
  stores: { left: StateStore<LeftRow>; right: StateStore<SideRow> },
  rightNulls: Row,
) {
  // Left keys by foreign key, rebuilt from the left store when first needed (after a restore).
  let index: Map<string, Set<string>> | undefined;
  const byFk = () => {
    if (index === undefined) {
      index = new Map();
      for (const [k, v] of stores.left.map) if (v.fk !== undefined) add(v.fk, k);
    }
    return index;
  };
  const add = (fk: string, k: string) => {
    const m = index!;
    const set = m.get(fk) ?? new Set<string>();
    set.add(k);
    m.set(fk, set);
  };
  const joined = (l: Row, r: Row | undefined, ts: number): JoinChange => {
    const row = Object.assign(newRow(), l, r ?? rightNulls);
    row.ROWTIME = ts;
    return { row, tombstone: false, ts };
  };
  const tombstone = (l: Row, ts: number): JoinChange => ({ row: l, tombstone: true, ts });
  return {
    left(k: string, fkValue: unknown, row: Row | null, keyRow: Row, ts: number): JoinChange[] {
      const m = byFk();
      const old = stores.left.get(k);
      if (old?.fk !== undefined) m.get(old.fk)?.delete(k);
      if (row === null) {
        stores.left.delete(k, ts);
        return [tombstone(keyRow, ts)];
      }
      const fk = fkValue === null || fkValue === undefined ? undefined : valueKey([fkValue]);
      stores.left.put(k, fk === undefined ? { row, ts } : { row, ts, fk }, ts);
      if (fk !== undefined) add(fk, k);
      const match = fk === undefined ? undefined : stores.right.get(fk);
      if (match !== undefined || type === 'LEFT') return [joined(row, match?.row, ts)];
      return old === undefined ? [] : [tombstone(row, ts)];
    },
    right(fk: string, row: Row | null, ts: number): JoinChange[] {
      if (row === null) stores.right.delete(fk, ts);
      else stores.right.put(fk, { row, ts }, ts);
      const out: JoinChange[] = [];
      for (const k of byFk().get(fk) ?? []) {
        const l = stores.left.get(k);
        if (l === undefined) continue;
        if (row === null && type === 'INNER') out.push(tombstone(l.row, ts));
        else out.push(joined(l.row, row ?? undefined, ts));
      }
      return out;
    },
  };
}

/** The join over both tables' source records (the left table's topic tells them apart). */
export function createForeignKeyJoin(
  join: JoinInfo,
  stores: { left: StateStore<LeftRow>; right: StateStore<SideRow> },
  report: ErrorReporter,
): (record: ConsumedRecord) => JoinChange[] {
  const [left, right] = joinSides(join);
  const core = createForeignKeyJoinCore(
    join.type === 'LEFT' ? 'LEFT' : 'INNER',
    stores,
    right.prefixed(null),
  );
  const leftKeys = join.left.source.columns.filter((c) => c.namespace === 'KEY').map((c) => c.name);
  const leftTopic = join.left.source.topic;
  return (record) => {
    const isLeft = record.topic === leftTopic;
    const side = isLeft ? left : right;
    const s = side.decoder.decode(record);
    if (s === undefined) return [];
    const row = side.decoder.toRow(s);
    if (!isLeft) return core.right(valueKey(s.key), s.value === null ? null : side.prefixed(row), s.ts);
    const keyRow: Row = newRow();
    for (const n of leftKeys) keyRow[joinedColumn(left.alias, n)] = row[n] ?? null;
    let fk: unknown = null;
    if (s.value !== null)
      try {
        fk = left.key(row);
      } catch (e) {
        report(e as Error, { row, stage: 'join' });
      }
    return core.left(valueKey(s.key), fk, s.value === null ? null : left.prefixed(row), keyRow, s.ts);
  };
}
