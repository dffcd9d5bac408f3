/**
 * Join: combines the two sides of a `FROM a JOIN b` into rows of the virtual joined source
 * (columns prefixed `<ALIAS>_`), which then flow into StreamSelect or Aggregate.
 *
 * - stream-table: the table side only updates the table state (a tombstone deletes the key);
 *   each stream record looks up the current table row by its join key and emits one joined row
 *   (INNER: only when found; LEFT: with the table's columns null otherwise). No retractions.
 * - stream-stream `WITHIN (before, after)`: both sides are buffered per join key; a record joins
 *   every buffered record of the other side whose time lies in the window (left time − before ≤
 *   right time ≤ left time + after), emitting one row per match with timestamp = max of both.
 *   LEFT (RIGHT, FULL): a left (right, either) record that matches nothing when it arrives is emitted
 *   with the other side null. Buffers are
 *   trimmed as stream time passes the window plus grace. With a GRACE PERIOD, outer joins hold an
 *   unmatched record until its window closes (then emit it alone), as Kafka Streams does since 3.1.
 * Rows whose join key is NULL never join (LEFT still emits the left row). Windowed streams join
 * on key and window; a joined row carries the left side's window.
 */
import type { JoinInfo, TypeScope } from '../../analyzer/index.js';
import {
  JOIN_PSEUDO_COLUMNS,
  joinedColumn,
  mapScope,
  sourceScopeOf,
  WINDOW_BOUNDS,
} from '../../analyzer/index.js';
import { valueKey } from '../eval/compare.js';
import { compileExpr, type Evaluator, newRow, type Row } from '../eval/compile.js';
import type { Window } from '../serde/index.js';
import type { StateStore } from '../state-store.js';
import type { ConsumedRecord } from '../topic-store.js';
import type { ErrorReporter } from './change.js';
import { createSourceDecoder, type SourceDecoder } from './source-decoder.js';

export interface JoinedRow {
  row: Row;
  ts: number;
  partition: number;
  /** Joins of windowed streams: the left side's window (the joined row's windowed key). */
  window?: Window;
}

interface Buffered {
  row: Row;
  ts: number;
  /** Outer joins with a GRACE PERIOD: not joined yet; emitted alone once its window closes. */
  pending?: { partition: number; key: unknown };
}

export function createJoin(
  join: JoinInfo,
  stores: { table: StateStore<Row>; left: StateStore<Buffered[]>; right: StateStore<Buffered[]> },
  report: ErrorReporter,
): (record: ConsumedRecord) => JoinedRow[] {
  const sides = [join.left, join.right].map((s) => {
    const decoder: SourceDecoder = createSourceDecoder(s.source);
    const scope: TypeScope = mapScope(sourceScopeOf(s.source), new Set([s.alias, s.source.name]));
    const key: Evaluator = compileExpr(s.key, scope);
    const window = s.source.window;
    const names = [
      ...s.source.columns.map((c) => c.name),
      ...JOIN_PSEUDO_COLUMNS,
      ...(window === undefined ? [] : WINDOW_BOUNDS),
    ];
    // A windowed side joins on key and window as Kafka Streams compares windowed key bytes: the
    // start for time windows, start and end for sessions.
    const windowKey = (row: Row): unknown[] =>
      window === undefined
        ? []
        : window.type === 'SESSION'
          ? [row.WINDOWSTART, row.WINDOWEND]
          : [row.WINDOWSTART];
    return { ...s, decoder, key, names, windowKey };
  });
  const [left, right] = sides as [(typeof sides)[number], (typeof sides)[number]];
  const nullsOf = (side: typeof left): Row => {
    const r: Row = newRow();
    for (const n of side.names) r[joinedColumn(side.alias, n)] = null;
    return r;
  };
  const prefixed = (side: typeof left, row: Row): Row => {
    const r: Row = newRow();
    for (const n of side.names) r[joinedColumn(side.alias, n)] = row[n] ?? null;
    return r;
  };
  const [leftStart, leftEnd] = WINDOW_BOUNDS.map((bound) => joinedColumn(join.left.alias, bound)) as [
    string,
    string,
  ];
  const keyColumn = join.key.column;
  const combine = (l: Row, r: Row, ts: number, partition: number, key: unknown): JoinedRow => {
    const row: Row = Object.assign(newRow(), l, r);
    row[keyColumn] = key ?? null;
    row.ROWTIME = ts;
    row.ROWPARTITION = partition;
    if (join.left.source.window === undefined) return { row, ts, partition };
    const window = { start: l[leftStart] as number, end: l[leftEnd] as number };
    row.WINDOWSTART = window.start;
    row.WINDOWEND = window.end;
    return { row, ts, partition, window };
  };
  /** The side's join key value (undefined when null or failing) and its state-store key. */
  const keyOf = (side: typeof left, row: Row): { value: unknown; k: string } | undefined => {
    try {
      const value = side.key(row);
      return value === null || value === undefined
        ? undefined
        : { value, k: valueKey([value, ...side.windowKey(row)]) };
    } catch (e) {
      report(e as Error, { row, stage: 'join' });
      return undefined;
    }
  };
  const leftTopic = join.left.source.topic;
  let streamTime = Number.NEGATIVE_INFINITY;

  if (join.right.source.type === 'TABLE') {
    return (record) => {
      if (record.topic !== leftTopic) {
        const s = right.decoder.decode(record);
        if (s === undefined) return [];
        const row = right.decoder.toRow(s);
        const k = keyOf(right, row)?.k;
        if (k === undefined) return [];
        if (s.value === null) stores.table.delete(k, s.ts);
        else stores.table.put(k, prefixed(right, row), s.ts);
        return [];
      }
      const s = left.decoder.decode(record);
      if (s === undefined || s.value === null) return [];
      const row = left.decoder.toRow(s);
      const k = keyOf(left, row);
      const match = k === undefined ? undefined : stores.table.get(k.k);
      if (match === undefined && join.type !== 'LEFT') return [];
      return [combine(prefixed(left, row), match ?? nullsOf(right), s.ts, s.partition, k?.value)];
    };
  }

  const before = join.within?.before ?? 0;
  const after = join.within?.after ?? 0;
  const grace = join.within?.grace ?? 86_400_000;
  // Each side's buffer keeps its own stream time and retention (before + after + grace), as a
  // Kafka Streams window store does; joins see only the records the other buffer still retains.
  const sideTime = { left: Number.NEGATIVE_INFINITY, right: Number.NEGATIVE_INFINITY };
  const retention = before + after + grace;
  const trim = (store: StateStore<Buffered[]>, k: string, list: Buffered[], ts: number) => {
    const horizon = (store === stores.left ? sideTime.left : sideTime.right) - retention;
    const kept = list.filter((b) => b.ts >= horizon);
    store.put(k, kept, ts);
    return kept;
  };
  // With a GRACE PERIOD, outer joins emit an unmatched record only when its window has closed
  // (Kafka Streams' fix of spurious left/outer join results): a record arriving after its window
  // closed is emitted alone at once (outer side) or dropped.
  const lazy = join.within?.grace !== undefined;
  const closeOf = (isLeft: boolean, ts: number) => ts + (isLeft ? after : before) + grace;
  const flushClosed = (): JoinedRow[] => {
    const due: { b: Buffered; isLeft: boolean }[] = [];
    for (const [isLeft, store] of [
      [true, stores.left],
      [false, stores.right],
    ] as const)
      for (const [k, list] of store.map) {
        if (!list.some((b) => b.pending !== undefined && closeOf(isLeft, b.ts) < streamTime)) continue;
        const kept = list.map((b) => {
          if (b.pending === undefined || closeOf(isLeft, b.ts) >= streamTime) return b;
          due.push({ b, isLeft });
          return { row: b.row, ts: b.ts };
        });
        store.put(k, kept, streamTime);
      }
    due.sort((x, y) => x.b.ts - y.b.ts);
    return due.map(({ b, isLeft }) =>
      isLeft
        ? combine(b.row, nullsOf(right), b.ts, b.pending!.partition, b.pending!.key)
        : combine(nullsOf(left), b.row, b.ts, b.pending!.partition, b.pending!.key),
    );
  };
  return (record) => {
    const isLeft = record.topic === leftTopic;
    const side = isLeft ? left : right;
    const s = side.decoder.decode(record);
    if (s === undefined || s.value === null) return [];
    streamTime = Math.max(streamTime, s.ts);
    const closed = lazy ? flushClosed() : [];
    const row = prefixed(side, side.decoder.toRow(s));
    // A record of an outer side that matches nothing is emitted with the other side null (eagerly,
    // as ksqlDB does without a GRACE PERIOD).
    const outer = isLeft
      ? join.type === 'LEFT' || join.type === 'FULL'
      : join.type === 'RIGHT' || join.type === 'FULL';
    const alone = (keyValue: unknown): JoinedRow =>
      isLeft
        ? combine(row, nullsOf(right), s.ts, s.partition, keyValue)
        : combine(nullsOf(left), row, s.ts, s.partition, keyValue);
    const key = keyOf(side, side.decoder.toRow(s));
    if (key === undefined) return outer ? [...closed, alone(null)] : closed;
    const k = key.k;
    const own = isLeft ? stores.left : stores.right;
    const other = isLeft ? stores.right : stores.left;
    if (isLeft) sideTime.left = Math.max(sideTime.left, s.ts);
    else sideTime.right = Math.max(sideTime.right, s.ts);
    const ownTime = isLeft ? sideTime.left : sideTime.right;
    const otherTime = isLeft ? sideTime.right : sideTime.left;
    // An outer record whose window has already closed is emitted alone at once (and still
    // buffered, when its buffer retains it, for the other side's later records).
    if (lazy && outer && closeOf(isLeft, s.ts) < streamTime) {
      if (s.ts >= ownTime - retention) trim(own, k, [...(own.get(k) ?? []), { row, ts: s.ts }], s.ts);
      return [...closed, alone(key.value)];
    }
    const candidates = (other.get(k) ?? []).filter((c) => c.ts >= otherTime - retention);
    const out: JoinedRow[] = [...closed];
    let matched = false;
    let otherChanged = false;
    const others = candidates.map((c) => {
      const lt = isLeft ? s.ts : c.ts;
      const rt = isLeft ? c.ts : s.ts;
      if (rt < lt - before || rt > lt + after) return c;
      matched = true;
      out.push(
        isLeft
          ? combine(row, c.row, Math.max(lt, rt), s.partition, key.value)
          : combine(c.row, row, Math.max(lt, rt), s.partition, key.value),
      );
      if (c.pending === undefined) return c;
      otherChanged = true;
      return { row: c.row, ts: c.ts };
    });
    if (otherChanged) {
      const kept = other.get(k) ?? [];
      other.put(
        k,
        kept.map((c) => others.find((o) => o.row === c.row) ?? c),
        s.ts,
      );
    }
    const entry: Buffered =
      lazy && outer && !matched
        ? { row, ts: s.ts, pending: { partition: s.partition, key: key.value } }
        : { row, ts: s.ts };
    trim(own, k, [...(own.get(k) ?? []), entry], s.ts);
    if (!matched && outer && !lazy) out.push(alone(key.value));
    return out;
  };
}
