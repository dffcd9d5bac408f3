/**
 * Aggregate: GROUP BY over a stream or a table, optionally windowed (TUMBLING/HOPPING).
 *
 * Semantics (ksqlDB / Kafka Streams with caching off):
 * - every update is emitted; output timestamp = max(input timestamp, previous aggregate timestamp);
 * - rows whose grouping expression is NULL (or fails) are dropped and reported;
 * - table sources retract: a source row's previous value is undone from its old group and the new
 *   value added to its new group — old group first, then new; one combined update when the group
 *   is unchanged; a source tombstone only retracts; aggregates that reach their initial value are
 *   still emitted (COUNT 0);
 * - HAVING: a result failing the predicate becomes a tombstone if the previous result passed,
 *   otherwise nothing is emitted;
 * - windows: start inclusive, end exclusive, no negative starts; a record is dropped when the
 *   partition's stream time (max timestamp seen) ≥ window end + grace (default 24 h);
 * - session windows (bounds inclusive): a record within `gap` of existing sessions of its key merges
 *   them; each superseded session is deleted with a tombstone (carrying its own timestamp), in start
 *   order, then the merged session is emitted. Merged aggregates are recomputed from the sessions'
 *   inputs in arrival order (so LATEST/EARLIEST_BY_OFFSET stay offset-ordered);
 * - EMIT FINAL (tumbling/hopping): nothing is emitted while a window is open; once stream time
 *   reaches its end + grace, its final result is emitted once.
 */
import type { AggregateImpl, AnalyzedQuery, SqlType, TypeScope } from '../../analyzer/index.js';
import { mapScope } from '../../analyzer/index.js';
import { valueKey } from '../eval/compare.js';
import { compileExpr, type Evaluator, newRow, type Row } from '../eval/compile.js';
import type { Window } from '../serde/index.js';
import type { StateStore } from '../state-store.js';
import type { ErrorReporter, ResultChange } from './change.js';
import { createPredicate, createProjector, pick } from './projector.js';
import { effectiveRetention, WindowRetention } from './window-retention.js';

export interface AggEntry {
  key: unknown[];
  window?: Window;
  accs: unknown[];
  ts: number;
  /** The last emitted result passed HAVING (so a failing one must be a tombstone). */
  passed: boolean;
  /** EMIT FINAL: the window's final result was emitted. */
  final?: boolean;
  /** Session windows: the inputs (arrival sequence, argument values) so merged sessions recompute. */
  inputs?: [number, unknown[][]][];
}

export const DEFAULT_GRACE_MS = 86_400_000;

export interface AggregateOperator {
  /** A stream record. */
  add(row: Row, ts: number, partition: number): ResultChange[];
  /** A table change: previous and new source rows (either may be null). */
  change(oldRow: Row | null, newRow: Row | null, ts: number): ResultChange[];
  /** Current result rows (pull queries): projected rows with their windows. */
  scan(): Iterable<{ row: Row; window?: Window; ts: number }>;
  /** The current result for one (non-windowed) group key, if any. */
  get(key: unknown[]): { row: Row; ts: number } | undefined;
  /** The result row of one entry, or null if HAVING rejects it. */
  resultOf(entry: AggEntry): Row | null;
}

export function createAggregate(
  q: AnalyzedQuery,
  scope: TypeScope,
  store: StateStore<AggEntry>,
  meta: StateStore<number>,
  report: ErrorReporter,
): AggregateOperator {
  const agg = q.aggregate!;
  const groupEvals = agg.groupBy.map((g) => compileExpr(g.expr, scope));
  const impls: AggregateImpl[] = agg.calls.map((c) => c.def.create(c.argTypes, c.literals));
  const argEvals: Evaluator[][] = agg.calls.map((c) => c.args.map((a) => compileExpr(a, scope)));
  const where = q.where === undefined ? () => true : createPredicate(compileExpr(q.where, scope), report);

  const postTypes = new Map<string, SqlType>();
  agg.groupBy.forEach((g, i) => {
    postTypes.set(`$KEY_${i}`, g.type);
  });
  for (const c of agg.calls) postTypes.set(c.slot, c.def.returnType(c.argTypes));
  postTypes.set('ROWTIME', { kind: 'BIGINT' });
  postTypes.set('WINDOWSTART', { kind: 'BIGINT' });
  postTypes.set('WINDOWEND', { kind: 'BIGINT' });
  const postScope = mapScope(postTypes);
  const project = createProjector(q.projection, postScope, report);
  const having =
    agg.having === undefined ? undefined : createPredicate(compileExpr(agg.having, postScope), report);
  const win = q.window;
  const grace = win?.grace ?? DEFAULT_GRACE_MS;
  const retention =
    win === undefined
      ? undefined
      : new WindowRetention(store, effectiveRetention(win, grace), win.type === 'SESSION');

  /**
   * The group of a row; undefined (the row is dropped) when a grouping expression fails or is NULL,
   * which is reported to the processing log unless `silent` (the retraction of a row already
   * reported when it arrived).
   */
  function groupKey(row: Row, silent = false): unknown[] | undefined {
    const key: unknown[] = [];
    for (let index = 0; index < groupEvals.length; index++) {
      const ev = groupEvals[index]!;
      let v: unknown;
      try {
        v = ev(row);
      } catch (e) {
        if (!silent) report(e as Error, { row, stage: 'groupBy' });
        return undefined;
      }
      if (v === null || v === undefined) {
        if (!silent)
          report(
            new Error(
              `Group-by column with index ${index} resolved to null. The source row will be excluded from the table.`,
            ),
            { row, stage: 'groupBy' },
          );
        return undefined;
      }
      key.push(v);
    }
    return key;
  }

  function args(row: Row): unknown[][] {
    const out: unknown[][] = new Array(argEvals.length);
    for (let i = 0; i < argEvals.length; i++) {
      const evs = argEvals[i]!;
      const values: unknown[] = new Array(evs.length);
      for (let j = 0; j < evs.length; j++) {
        try {
          values[j] = evs[j]!(row);
        } catch (e) {
          report(e as Error, { row, stage: 'aggregate' });
          values[j] = null;
        }
      }
      out[i] = values;
    }
    return out;
  }

  const keySlots = agg.groupBy.map((_, i) => `$KEY_${i}`);
  const callSlots = agg.calls.map((c) => c.slot);

  function postRow(entry: AggEntry): Row {
    const r: Row = newRow();
    for (let i = 0; i < keySlots.length; i++) r[keySlots[i]!] = entry.key[i];
    for (let i = 0; i < callSlots.length; i++) r[callSlots[i]!] = impls[i]!.result(entry.accs[i]);
    r.ROWTIME = entry.ts;
    if (entry.window !== undefined) {
      r.WINDOWSTART = entry.window.start;
      r.WINDOWEND = entry.window.end;
    }
    return r;
  }

  function resultOf(entry: AggEntry): Row | null {
    const post = postRow(entry);
    if (having !== undefined && !having(post)) return null;
    return project(post);
  }

  function emit(storeKey: string, entry: AggEntry): ResultChange[] {
    const post = postRow(entry);
    const passes = having === undefined || having(post);
    const out = project(post);
    const change: ResultChange = { row: out, keyRow: pick(out, q.keyNames), ts: entry.ts };
    if (entry.window !== undefined) change.window = entry.window;
    const wasPassed = entry.passed;
    entry.passed = passes;
    store.put(storeKey, entry, entry.ts);
    if (passes) return [change];
    if (wasPassed) return [{ ...change, row: null }];
    return [];
  }

  function windowsFor(ts: number): Window[] {
    if (win === undefined) return [];
    if (win.type === 'TUMBLING') {
      const start = ts - (((ts % win.size) + win.size) % win.size);
      return [{ start, end: start + win.size }];
    }
    const advance = win.advance ?? win.size;
    const out: Window[] = [];
    let start = ts - (((ts % advance) + advance) % advance);
    const list: Window[] = [];
    while (start > ts - win.size) {
      if (start >= 0) list.push({ start, end: start + win.size });
      start -= advance;
    }
    for (const w of list.reverse()) out.push(w);
    return out;
  }

  function entryKey(key: unknown[], window: Window | undefined): string {
    return window === undefined ? valueKey(key) : `${valueKey(key)}@${window.start}`;
  }

  function apply(
    key: unknown[],
    window: Window | undefined,
    a: unknown[][],
    ts: number,
    undo: boolean,
    alsoAdd?: unknown[][],
  ): ResultChange[] {
    const sk = entryKey(key, window);
    const prev = store.get(sk);
    // Entries are updated in place: the store serializes the latest value at the end of the batch.
    const entry: AggEntry =
      prev === undefined ? { key, accs: impls.map((i) => i.init()), ts, passed: false } : prev;
    if (window !== undefined) entry.window = window;
    entry.ts = prev === undefined ? ts : Math.max(prev.ts, ts);
    try {
      for (let i = 0; i < impls.length; i++) {
        const impl = impls[i]!;
        entry.accs[i] = undo ? impl.undo!(entry.accs[i], a[i]!) : impl.add(entry.accs[i], a[i]!);
        if (alsoAdd !== undefined) entry.accs[i] = impl.add(entry.accs[i], alsoAdd[i]!);
      }
    } catch (e) {
      report(e as Error, { stage: 'aggregate' });
      return [];
    }
    const changes = emit(sk, entry);
    if (prev === undefined) retention?.track(sk, entry);
    return changes;
  }

  /**
   * One store holds every partition's windows, so they expire by the slowest partition's stream
   * time (never too early). Stream times restored from the changelog count too.
   */
  let streamTimes: Map<number, number> | undefined;
  function slowestStreamTime(partition: number, streamTime: number): number {
    if (streamTimes === undefined) {
      streamTimes = new Map();
      for (const [k, v] of meta.map) if (k.startsWith('streamtime/')) streamTimes.set(Number(k.slice(11)), v);
    }
    streamTimes.set(partition, streamTime);
    let slowest = streamTime;
    for (const t of streamTimes.values()) slowest = Math.min(slowest, t);
    return slowest;
  }

  function sessionAdd(key: unknown[], a: unknown[][], ts: number, streamTime: number): ResultChange[] {
    const gap = win!.size;
    const prefix = `${valueKey(key)}@s`;
    const overlapping: [string, AggEntry][] = [];
    for (const [k, e] of store.map) {
      if (!k.startsWith(prefix) || e.window === undefined) continue;
      if (e.window.end + gap >= ts && e.window.start - gap <= ts) overlapping.push([k, e]);
    }
    overlapping.sort((x, y) => x[1].window!.start - y[1].window!.start);
    let start = ts;
    let end = ts;
    let entryTs = ts;
    for (const [, e] of overlapping) {
      start = Math.min(start, e.window!.start);
      end = Math.max(end, e.window!.end);
      entryTs = Math.max(entryTs, e.ts);
    }
    if (end + grace <= streamTime) return [];
    const seqKey = 'sessionseq';
    const seq = (meta.get(seqKey) ?? 0) + 1;
    meta.put(seqKey, seq, ts);
    const inputs = [
      ...overlapping.flatMap(([, e]) => e.inputs ?? []),
      [seq, a] as [number, unknown[][]],
    ].sort((x, y) => x[0] - y[0]);
    const out: ResultChange[] = [];
    for (const [k, e] of overlapping) {
      store.delete(k, e.ts);
      const post = postRow(e);
      const projected = project(post);
      out.push({ row: null, keyRow: pick(projected, q.keyNames), ts: e.ts, window: e.window! });
    }
    const accs = impls.map((impl, i) => {
      let acc = impl.init();
      for (const [, args] of inputs) acc = impl.add(acc, args[i]!);
      return acc;
    });
    const window = { start, end };
    const entry: AggEntry = { key, window, accs, ts: entryTs, passed: false, inputs };
    out.push(...emit(`${prefix}${start}-${end}`, entry));
    retention?.track(`${prefix}${start}-${end}`, entry);
    return out;
  }

  /** EMIT FINAL: windows still open (results held back until end + grace passes in stream time). */
  const openWindows = new Set<string>();
  let openWindowsLoaded = false;
  /** After a restore, the still-open windows are found once, on the first record. */
  const loadOpenWindows = () => {
    if (openWindowsLoaded) return;
    openWindowsLoaded = true;
    for (const [k, e] of store.map) if (e.window !== undefined && e.final !== true) openWindows.add(k);
  };

  function closeWindows(streamTime: number): ResultChange[] {
    const out: ResultChange[] = [];
    for (const k of [...openWindows].sort()) {
      const e = store.get(k);
      if (e === undefined || e.window === undefined) {
        openWindows.delete(k);
        continue;
      }
      if (streamTime < e.window.end + grace) continue;
      openWindows.delete(k);
      e.final = true;
      store.put(k, e, e.ts);
      const row = resultOf(e);
      if (row !== null) out.push({ row, keyRow: pick(row, q.keyNames), ts: e.ts, window: e.window });
    }
    return out.sort((x, y) => x.window!.start - y.window!.start);
  }

  return {
    add(row, ts, partition) {
      if (!where(row)) return [];
      const key = groupKey(row);
      if (key === undefined) return [];
      const a = args(row);
      if (win === undefined) return apply(key, undefined, a, ts, false);
      const stKey = `streamtime/${partition}`;
      const streamTime = Math.max(meta.get(stKey) ?? Number.NEGATIVE_INFINITY, ts);
      if (streamTime !== meta.get(stKey)) meta.put(stKey, streamTime, ts);
      if (retention !== undefined) retention.expire(slowestStreamTime(partition, streamTime));
      if (win.type === 'SESSION') return sessionAdd(key, a, ts, streamTime);
      const out: ResultChange[] = [];
      if (q.emit === 'FINAL') loadOpenWindows();
      for (const w of windowsFor(ts)) {
        if (streamTime >= w.end + grace) continue;
        const changes = apply(key, w, a, ts, false);
        if (q.emit === 'FINAL') openWindows.add(entryKey(key, w));
        else out.push(...changes);
      }
      if (q.emit === 'FINAL') out.push(...closeWindows(streamTime));
      return out;
    },
    change(oldRow, newRow, ts) {
      const oldKey = oldRow !== null && where(oldRow) ? groupKey(oldRow, true) : undefined;
      const newKey = newRow !== null && where(newRow) ? groupKey(newRow) : undefined;
      const oldArgs = oldKey === undefined ? undefined : args(oldRow!);
      const newArgs = newKey === undefined ? undefined : args(newRow!);
      if (oldKey !== undefined && newKey !== undefined && valueKey(oldKey) === valueKey(newKey)) {
        return apply(newKey, undefined, oldArgs!, ts, true, newArgs);
      }
      const out: ResultChange[] = [];
      if (oldKey !== undefined) out.push(...apply(oldKey, undefined, oldArgs!, ts, true));
      if (newKey !== undefined) out.push(...apply(newKey, undefined, newArgs!, ts, false));
      return out;
    },
    get(key) {
      const entry = store.get(entryKey(key, undefined));
      if (entry === undefined) return undefined;
      const row = resultOf(entry);
      return row === null ? undefined : { row, ts: entry.ts };
    },
    *scan() {
      for (const entry of store.values()) {
        const row = resultOf(entry);
        if (row === null) continue;
        yield entry.window === undefined
          ? { row, ts: entry.ts }
          : { row, window: entry.window, ts: entry.ts };
      }
    },
    resultOf,
  };
}
