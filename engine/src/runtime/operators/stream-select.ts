/**
 * StreamSelect: WHERE then SELECT over a stream. Each input row passing the filter yields exactly
 * one upsert-style change (streams have no retractions). PARTITION BY re-keys by the projected
 * partitioning columns (the key names of the result).
 */
import type { AnalyzedQuery, TypeScope } from '../../analyzer/index.js';
import { compileExpr, type Row } from '../eval/compile.js';
import type { ErrorReporter, ResultChange } from './change.js';
import { createPredicate, createProjector, pick } from './projector.js';

export function createStreamSelect(q: AnalyzedQuery, scope: TypeScope, report: ErrorReporter) {
  const where = q.where === undefined ? () => true : createPredicate(compileExpr(q.where, scope), report);
  const project = createProjector(q.projection, scope, report);
  return (row: Row, ts: number): ResultChange[] => {
    if (!where(row)) return [];
    const out = project(row);
    return [{ row: out, keyRow: pick(out, q.keyNames), ts }];
  };
}
