/**
 * StreamSelect: WHERE then SELECT over a stream. Each input row passing the filter yields exactly
 * one upsert-style change (streams have no retractions). A record with a null value is passed on
 * as a null value when there is no WHERE (and dropped otherwise). PARTITION BY re-keys by the projected
 * partitioning columns (the key names of the result). With table functions (EXPLODE …) a row yields
 * one change per emitted element instead (`table-function-rows.ts`).
 */
import { type AnalyzedQuery, type TypeScope, tableFunctionScope } from '../../analyzer/index.js';
import { compileExpr, newRow, type Row } from '../eval/compile.js';
import type { ErrorReporter, ResultChange } from './change.js';
import { createPredicate, createProjector, pick } from './projector.js';
import { createTableFunctionExpander } from './table-function-rows.js';
import { keyPassThrough } from './table-select.js';

export function createStreamSelect(q: AnalyzedQuery, scope: TypeScope, report: ErrorReporter) {
  const where = q.where === undefined ? () => true : createPredicate(compileExpr(q.where, scope), report);
  const tfs = q.tableFunctions;
  const project = createProjector(
    q.projection,
    tfs === undefined ? scope : tableFunctionScope(tfs, scope),
    report,
  );
  const expand = tfs === undefined ? undefined : createTableFunctionExpander(tfs, scope, report);
  const passThrough = keyPassThrough(q);
  return (row: Row, ts: number, nullValue = false): ResultChange[] => {
    if (nullValue) {
      // A null value passes a plain projection as a null value (nothing to filter on otherwise).
      if (q.where !== undefined) return [];
      const keyRow: Row = newRow();
      for (const [out, src] of passThrough) keyRow[out] = row[src] ?? null;
      return [{ row: null, keyRow: q.keyNames.length ? pick(keyRow, q.keyNames) : keyRow, ts }];
    }
    if (!where(row)) return [];
    if (expand !== undefined) {
      return expand(row).map((r) => {
        const out = project(r);
        return { row: out, keyRow: pick(out, q.keyNames), ts };
      });
    }
    const out = project(row);
    return [{ row: out, keyRow: pick(out, q.keyNames), ts }];
  };
}
