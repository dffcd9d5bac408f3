/**
 * Builds a query's operator chain from its stream plan: source decoding → (table state) →
 * StreamSelect | TableSelect | (Stream|Windowed|Session|Table)Aggregate. Used by persistent queries (with changelogged stores)
 * and transient push queries (same operators, stores never written out).
 */
import { mapScope, walk } from '../analyzer/index.js';
import type { QueryPlan } from '../planner/index.js';
import type { Expr } from '../syntax/index.js';
import { valueKey } from './eval/compare.js';
import { newRow, type Row } from './eval/compile.js';
import { type AggEntry, type AggregateOperator, createAggregate } from './operators/aggregate.js';
import type { ErrorReporter, ResultChange } from './operators/change.js';
import { createJoin } from './operators/join.js';
import { createSourceDecoder, type SourceDecoder } from './operators/source-decoder.js';
import { createStreamSelect } from './operators/stream-select.js';
import { createTableSelect } from './operators/table-select.js';
import { createTableTableJoinPipeline } from './operators/table-table-join-pipeline.js';
import type { Window } from './serde/index.js';
import { StateStore } from './state-store.js';
import type { ConsumedRecord } from './topic-store.js';

/** A materialized result row (pull queries). */
export interface MaterializedRow {
  row: Row;
  window?: Window;
  ts: number;
}

export interface Pipeline {
  decoder: SourceDecoder;
  stores: StateStore<unknown>[];
  /** Processes one record; throws `SerdeError` when it cannot be decoded. */
  process(record: ConsumedRecord): ResultChange[];
  /** The current result table (table results only). */
  scan(): Iterable<MaterializedRow>;
  /** Key lookup on a non-windowed table result (key values in key-column order). */
  lookup(key: unknown[]): MaterializedRow | undefined;
  aggregate?: AggregateOperator;
}

export interface PipelineOptions {
  /** Prefix of the changelog topics (`_confluent-ksql-<serviceId>query_<ID>`). */
  appId: string;
  report: ErrorReporter;
  /** Keep the result table for pull queries (non-aggregate table results). */
  materialize: boolean;
}

interface SourceEntry {
  row: Row;
}

export function createPipeline(plan: QueryPlan, options: PipelineOptions): Pipeline {
  const q = plan.analyzed;
  const read = referencedColumns(q);
  const decoder = createSourceDecoder(q.source, read);
  const scope = mapScope(q.sourceScope, q.qualifiers);
  const { report } = options;
  const stores: StateStore<unknown>[] = [];
  const materialized =
    options.materialize && q.aggregate === undefined
      ? new StateStore<MaterializedRow>('Materialize', `${options.appId}-Materialize-changelog`)
      : undefined;
  if (materialized) stores.push(materialized as StateStore<unknown>);

  const remember = (changes: ResultChange[]): ResultChange[] => {
    if (materialized === undefined) return changes;
    for (const c of changes) {
      const k = `${valueKey(Object.values(c.keyRow))}${c.window === undefined ? '' : `@${c.window.start}`}`;
      if (c.row === null) materialized.delete(k, c.ts);
      else
        materialized.put(
          k,
          c.window === undefined ? { row: c.row, ts: c.ts } : { row: c.row, window: c.window, ts: c.ts },
          c.ts,
        );
    }
    return changes;
  };

  if (q.join !== undefined && q.join.left.source.type === 'TABLE' && q.join.right.source.type === 'TABLE')
    return createTableTableJoinPipeline(q, {
      decoder,
      stores,
      scope,
      remember,
      appId: options.appId,
      report,
    });
  if (q.join !== undefined) {
    const joinStores = {
      table: new StateStore<Row>('JoinTable', `${options.appId}-Join-Table-changelog`),
      left: new StateStore<{ row: Row; ts: number }[]>('JoinLeft', `${options.appId}-Join-this-changelog`),
      right: new StateStore<{ row: Row; ts: number }[]>('JoinRight', `${options.appId}-Join-other-changelog`),
    };
    stores.push(
      joinStores.table as StateStore<unknown>,
      joinStores.left as StateStore<unknown>,
      joinStores.right as StateStore<unknown>,
    );
    const join = createJoin(q.join, joinStores, report);
    let aggregate: AggregateOperator | undefined;
    if (q.aggregate !== undefined) {
      const aggStore = new StateStore<AggEntry>(
        'Aggregate',
        `${options.appId}-Aggregate-Aggregate-Materialize-changelog`,
      );
      const meta = new StateStore<number>('StreamTime', `${options.appId}-StreamTime-changelog`);
      stores.push(aggStore as StateStore<unknown>, meta as StateStore<unknown>);
      aggregate = createAggregate(q, scope, aggStore, meta, report);
    }
    const select = aggregate === undefined ? createStreamSelect(q, scope, report) : undefined;
    return {
      decoder,
      stores,
      ...(aggregate === undefined ? {} : { aggregate }),
      process(record) {
        const out: ResultChange[] = [];
        for (const j of join(record)) {
          if (aggregate !== undefined) out.push(...aggregate.add(j.row, j.ts, j.partition));
          else {
            const changes = select!(j.row, j.ts);
            if (j.window !== undefined) for (const c of changes) c.window = j.window;
            out.push(...remember(changes));
          }
        }
        return out;
      },
      scan: () => (aggregate !== undefined ? aggregate.scan() : (materialized?.values() ?? [])),
      lookup: (key) => (aggregate !== undefined ? aggregate.get(key) : materialized?.get(valueKey(key))),
    };
  }

  if (plan.operator !== 'StreamSelect' && plan.operator !== 'TableSelect') {
    const aggStore = new StateStore<AggEntry>(
      'Aggregate',
      `${options.appId}-Aggregate-Aggregate-Materialize-changelog`,
    );
    const meta = new StateStore<number>('StreamTime', `${options.appId}-StreamTime-changelog`);
    stores.push(aggStore as StateStore<unknown>, meta as StateStore<unknown>);
    const aggregate = createAggregate(q, scope, aggStore, meta, report);
    if (plan.operator !== 'TableAggregate') {
      return {
        decoder,
        stores,
        aggregate,
        process(record) {
          const s = decoder.decode(record);
          if (s === undefined || s.value === null) return [];
          return aggregate.add(decoder.toRow(s), s.ts, s.partition);
        },
        scan: () => aggregate.scan(),
        lookup: (key) => aggregate.get(key),
      };
    }
    const sourceStore = new StateStore<SourceEntry>('Source', `${options.appId}-KsqlTopic-Reduce-changelog`);
    stores.push(sourceStore as StateStore<unknown>);
    // The stored row is only read again to retract it (group key and arguments): the decoder's row
    // already holds just the columns the query reads; the stored copy also leaves out the pseudo
    // columns (ROWTIME, ROWPARTITION, ROWOFFSET) it does not read.
    return {
      decoder,
      stores,
      aggregate,
      process(record) {
        const s = decoder.decode(record);
        if (s === undefined) return [];
        const k = valueKey(s.key);
        const old = sourceStore.get(k);
        const current = s.value === null ? null : decoder.toRow(s);
        if (current === null) sourceStore.delete(k, s.ts);
        else sourceStore.put(k, { row: keepColumns(current, read) }, s.ts);
        return aggregate.change(old?.row ?? null, current, s.ts);
      },
      scan: () => aggregate.scan(),
      lookup: (key) => aggregate.get(key),
    };
  }

  if (plan.operator === 'StreamSelect') {
    const select = createStreamSelect(q, scope, report);
    return {
      decoder,
      stores,
      process(record) {
        const s = decoder.decode(record);
        if (s === undefined) return [];
        const changes = select(decoder.toRow(s), s.ts, s.value === null);
        if (s.window !== undefined) for (const c of changes) c.window = s.window;
        return remember(changes);
      },
      scan: () => materialized?.values() ?? [],
      lookup: (key) => materialized?.get(valueKey(key)),
    };
  }
  const select = createTableSelect(q, scope, report);
  return {
    decoder,
    stores,
    process(record) {
      const s = decoder.decode(record);
      if (s === undefined) return [];
      const changes = select(decoder.toRow(s), s.value === null, s.ts);
      if (s.window !== undefined) for (const c of changes) c.window = s.window;
      return remember(changes);
    },
    scan: () => materialized?.values() ?? [],
    lookup: (key) => materialized?.get(valueKey(key)),
  };
}

/** A row of just the named columns (those the row has). */
function keepColumns(row: Row, names: ReadonlySet<string>): Row {
  const out: Row = newRow();
  for (const name of names) if (name in row) out[name] = row[name];
  return out;
}

/** The source columns a query reads (column pruning for the decoder and stored rows). */
function referencedColumns(q: QueryPlan['analyzed']): Set<string> {
  const names = new Set<string>();
  const add = (e: Expr | undefined) => {
    if (e !== undefined)
      walk(e, (x) => {
        if (x.kind === 'column') names.add(x.name);
      });
  };
  add(q.where);
  for (const p of q.partitionBy ?? []) add(p);
  if (q.aggregate !== undefined) {
    for (const g of q.aggregate.groupBy) add(g.expr);
    for (const c of q.aggregate.calls) for (const a of c.args) add(a);
  } else {
    for (const p of q.projection) add(p.expr);
    for (const t of q.tableFunctions ?? []) for (const a of t.args) add(a);
  }
  if (q.source.timestampColumn !== undefined) names.add(q.source.timestampColumn);
  return names;
}
