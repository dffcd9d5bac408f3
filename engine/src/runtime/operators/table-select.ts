/**
 * TableSelect: WHERE then SELECT over a table's changelog (Kafka Streams `KTable.filter/mapValues`
 * without old values). An upsert that passes the filter is re-emitted projected; an upsert that
 * fails it, or a source tombstone, becomes a tombstone for the key (downstream must tolerate
 * tombstones for keys it never saw). Tombstones carry only the key columns.
 */
import type { AnalyzedQuery, TypeScope } from '../../analyzer/index.js';
import { compileExpr, newRow, type Row } from '../eval/compile.js';
import type { ErrorReporter, ResultChange } from './change.js';
import { createPredicate, createProjector, pick } from './projector.js';

/** For each projection item that is a bare key/window column: the source column it copies. */
export function keyPassThrough(q: AnalyzedQuery): [string, string][] {
  const keyish = new Set([
    ...q.source.columns.filter((c) => c.namespace === 'KEY').map((c) => c.name),
    'WINDOWSTART',
    'WINDOWEND',
  ]);
  return q.projection
    .filter((p) => p.expr.kind === 'column' && keyish.has(p.expr.name))
    .map((p) => [p.name, (p.expr as { name: string }).name]);
}

export function createTableSelect(q: AnalyzedQuery, scope: TypeScope, report: ErrorReporter) {
  const where = q.where === undefined ? () => true : createPredicate(compileExpr(q.where, scope), report);
  const project = createProjector(q.projection, scope, report);
  const passThrough = keyPassThrough(q);
  const tombstoneKey = (row: Row): Row => {
    const k: Row = newRow();
    for (const [out, src] of passThrough) k[out] = row[src] ?? null;
    return k;
  };
  return (row: Row, tombstone: boolean, ts: number): ResultChange[] => {
    if (tombstone || !where(row)) {
      const keyRow = tombstoneKey(row);
      const change: ResultChange = {
        row: null,
        keyRow: q.keyNames.length ? pick(keyRow, q.keyNames) : keyRow,
        ts,
      };
      if (!tombstone) change.filteredOut = true;
      return [change];
    }
    const out = project(row);
    return [{ row: out, keyRow: pick(out, q.keyNames), ts }];
  };
}
