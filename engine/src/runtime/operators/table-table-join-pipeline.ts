/**
 * The operator chain of a table-table join query: TableTableJoin (or ForeignKeyJoin) → TableSelect (WHERE, projection),
 * or TableTableJoin → TableAggregate, which retracts a key's previous joined row before adding its
 * new one (the join keeps the last joined row per key for that).
 */
import type { AnalyzedQuery, TypeScope } from '../../analyzer/index.js';
import { valueKey } from '../eval/compare.js';
import { compileExpr, type Row } from '../eval/compile.js';
import type { Pipeline } from '../pipeline.js';
import { StateStore } from '../state-store.js';
import { type AggEntry, createAggregate } from './aggregate.js';
import type { ErrorReporter, ResultChange } from './change.js';
import { createForeignKeyJoin, type LeftRow } from './foreign-key-join.js';
import { createPredicate } from './projector.js';
import type { SourceDecoder } from './source-decoder.js';
import { createTableSelect } from './table-select.js';
import { createTableTableJoin, type JoinChange, type SideRow } from './table-table-join.js';

export interface TableTableJoinContext {
  decoder: SourceDecoder;
  stores: StateStore<unknown>[];
  scope: TypeScope;
  remember: (changes: ResultChange[]) => ResultChange[];
  appId: string;
  report: ErrorReporter;
}

export function createTableTableJoinPipeline(q: AnalyzedQuery, c: TableTableJoinContext): Pipeline {
  const join = q.join!;
  const sideStores = {
    left: new StateStore<SideRow>('JoinLeft', `${c.appId}-KafkaTopic_Left-Reduce-changelog`),
    right: new StateStore<SideRow>('JoinRight', `${c.appId}-KafkaTopic_Right-Reduce-changelog`),
  };
  c.stores.push(sideStores.left as StateStore<unknown>, sideStores.right as StateStore<unknown>);
  const joined = join.foreignKey
    ? createForeignKeyJoin(
        join,
        sideStores as { left: StateStore<LeftRow>; right: StateStore<SideRow> },
        c.report,
      )
    : createTableTableJoin(join, sideStores, c.report);
  // The result key's columns in the joined row.
  const keyColumns = join.key.foreignKey?.columns.map((k) => k.joined) ?? [join.key.column];
  // The key's previous joined row: what an aggregate retracts and a WHERE's old value.
  const last = new StateStore<Row>('JoinResult', `${c.appId}-Join-Result-changelog`);
  c.stores.push(last as StateStore<unknown>);
  const previous = (j: JoinChange): Row | null => {
    const k = valueKey(keyColumns.map((n) => j.row[n]));
    const old = last.get(k) ?? null;
    if (j.tombstone) last.delete(k, j.ts);
    else last.put(k, j.row, j.ts);
    return old;
  };
  if (q.aggregate !== undefined) {
    const aggStore = new StateStore<AggEntry>(
      'Aggregate',
      `${c.appId}-Aggregate-Aggregate-Materialize-changelog`,
    );
    const meta = new StateStore<number>('StreamTime', `${c.appId}-StreamTime-changelog`);
    c.stores.push(aggStore as StateStore<unknown>, meta as StateStore<unknown>);
    const aggregate = createAggregate(q, c.scope, aggStore, meta, c.report);
    return {
      decoder: c.decoder,
      stores: c.stores,
      aggregate,
      process(record) {
        const out: ResultChange[] = [];
        for (const j of joined(record)) {
          const old = previous(j);
          if (old === null && j.tombstone) continue;
          out.push(...aggregate.change(old, j.tombstone ? null : j.row, j.ts));
        }
        return out;
      },
      scan: () => aggregate.scan(),
      lookup: (key) => aggregate.get(key),
    };
  }
  const select = createTableSelect(q, c.scope, c.report);
  // With a WHERE, a change whose old and new joined rows both fail it (or are absent) is dropped,
  // as Kafka Streams' KTableFilter does with the join's old values.
  const where = q.where === undefined ? undefined : createPredicate(compileExpr(q.where, c.scope), c.report);
  const materialized = c.stores.find((s) => s.name === 'Materialize') as
    | StateStore<{ row: Row; ts: number }>
    | undefined;
  return {
    decoder: c.decoder,
    stores: c.stores,
    process(record) {
      const out: ResultChange[] = [];
      for (const j of joined(record)) {
        const old = previous(j);
        const changes = select(j.row, j.tombstone, j.ts);
        if (where !== undefined && changes.every((x) => x.row === null) && (old === null || !where(old)))
          continue;
        out.push(...c.remember(changes));
      }
      return out;
    },
    scan: () => materialized?.values() ?? [],
    lookup: (key) => materialized?.get(valueKey(key)),
  };
}
