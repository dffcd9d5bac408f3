/**
 * Projection: evaluates the SELECT items over a row. A failing item becomes null and is reported
 * (ksqlDB logs a RECORD_PROCESSING_ERROR and keeps the row).
 */
import type { ProjectionItem, TypeScope } from '../../analyzer/index.js';
import { compileExpr, type Evaluator, newRow, type Row } from '../eval/compile.js';
import type { ErrorReporter } from './change.js';

export type Projector = (row: Row) => Row;

export function createProjector(items: ProjectionItem[], scope: TypeScope, report: ErrorReporter): Projector {
  const compiled: [string, Evaluator][] = items.map((p) => [p.name, compileExpr(p.expr, scope)]);
  return (row) => {
    const out: Row = newRow();
    for (const [name, ev] of compiled) {
      try {
        out[name] = ev(row);
      } catch (e) {
        report(e as Error, { row, stage: 'project' });
        out[name] = null;
      }
    }
    return out;
  };
}

/** A predicate that treats null and errors as false (errors reported). */
export function createPredicate(ev: Evaluator, report: ErrorReporter): (row: Row) => boolean {
  return (row) => {
    try {
      return ev(row) === true;
    } catch (e) {
      report(e as Error, { row, stage: 'filter' });
      return false;
    }
  };
}

/** Picks the named columns of a row. */
export function pick(row: Row, names: string[]): Row {
  const out: Row = newRow();
  for (const n of names) out[n] = row[n] ?? null;
  return out;
}
