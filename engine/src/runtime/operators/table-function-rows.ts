/**
 * The rows a SELECT with table functions emits for one input row (ksqlDB's UDTFs): each call's
 * list is computed, and output row i sees element i of every list in the call's `$TF_j` slot —
 * the lists zip to the longest, a shorter one giving NULL. A null or empty list contributes no
 * rows; a call (or an argument) that throws is reported and the input row emits nothing.
 */
import type { TableFunctionCall, TypeScope } from '../../analyzer/index.js';
import { compileExpr, newRow, type Row } from '../eval/compile.js';
import type { ErrorReporter } from './change.js';

/** Expands one row into its table-function rows. */
export type TableFunctionExpander = (row: Row) => Row[];

export function createTableFunctionExpander(
  calls: readonly TableFunctionCall[],
  scope: TypeScope,
  report: ErrorReporter,
): TableFunctionExpander {
  const compiled = calls.map((c) => ({
    slot: c.slot,
    args: c.args.map((a) => compileExpr(a, scope)),
    impl: c.fn.bind(),
    nullTolerant: c.fn.nullTolerant,
  }));
  return (row) => {
    const lists: unknown[][] = [];
    try {
      for (const c of compiled) {
        const values = c.args.map((a) => a(row));
        const list = !c.nullTolerant && values.some((v) => v === null) ? null : c.impl(values);
        lists.push((list as unknown[] | null) ?? []);
      }
    } catch (e) {
      report(e as Error, { row, stage: 'project' });
      return [];
    }
    const n = Math.max(0, ...lists.map((l) => l.length));
    const out: Row[] = [];
    for (let i = 0; i < n; i++) {
      const r: Row = Object.assign(newRow(), row);
      compiled.forEach((c, j) => {
        r[c.slot] = lists[j]![i] ?? null;
      });
      out.push(r);
    }
    return out;
  };
}
