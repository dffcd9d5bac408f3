/**
 * ksqlDB's key rule for a join's result (its `JoinNode`): the joined row's key is the join key —
 * the left side's join expression value (coalesced with the right's for outer joins). When a side's
 * join expression is a bare column, projecting that column (`L.A` or `R.A`) names the key; when
 * neither is (`ABS(L.A) = ABS(R.A)`) or the join is FULL OUTER, the key is the synthetic `ROWKEY`,
 * which the projection must select (and may alias).
 */
import { type Expr, printExpr } from '../syntax/index.js';
import type { ProjectionItem } from './analyzed-query.js';
import { KsqlTypeError } from './type-error.js';

/** The join key of a joined row, and the projected expressions that stand for it. */
export interface JoinKeyRule {
  /** The joined row's key column: `ROWKEY` when synthetic, else an internal name. */
  column: string;
  synthetic: boolean;
  /** Expressions over the joined row (prefixed columns) that project the key. */
  exprs: Expr[];
  /** The same as written in ksqlDB's messages (`L.A`). */
  printed: string[];
  /** Foreign-key joins: the result is keyed by the left table's primary key (prefixed columns). */
  foreignKey?: { table: string; columns: { joined: string; name: string }[] };
}

/** The internal name of a non-synthetic join key column (never selectable by name). */
export const JOIN_KEY_COLUMN = '$JOINKEY';
/** The synthetic key column's name. */
export const SYNTHETIC_KEY = 'ROWKEY';

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * The result key of a persistent join query without GROUP BY / PARTITION BY: the projected item
 * of the first of the rule's expressions that is projected; that item is rewritten to read the joined row's key
 * (so a LEFT join's key is the join key even where the right side is null).
 */
export function joinKeyNames(rule: JoinKeyRule, projection: ProjectionItem[], sinkName: string): string[] {
  if (rule.foreignKey !== undefined) return foreignKeyNames(rule.foreignKey, projection);
  // The left side's join column is preferred, then the right's, wherever they are projected.
  const printed = rule.exprs.map((e) => printExpr(e));
  const chosen = printed.find((e) => projection.some((p) => printExpr(p.expr) === e));
  const first = projection.find((p) => printExpr(p.expr) === chosen);
  if (first === undefined) {
    const which = rule.printed.length > 1 ? 'expressions' : 'expression';
    let message =
      'Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n' +
      `The query used to build \`${sinkName}\` must include the join ${which} ${orList(rule.printed)} in its projection (eg, SELECT ${rule.printed[0]}...).`;
    if (rule.synthetic)
      message += `\n${rule.column} was added as a synthetic key column because the join criteria did not match any source column. This expression must be included in the projection and may be aliased.`;
    throw new KsqlTypeError(message);
  }
  const p = printExpr(first.expr);
  const same = projection.filter((x) => printExpr(x.expr) === p);
  if (same.length > 1) {
    const keyName = first.expr.kind === 'column' ? first.expr.name : p;
    throw new KsqlTypeError(
      `The projection contains a key column (\`${keyName}\`) more than once, aliased as: ${same
        .map((m) => m.name)
        .sort()
        .join(' and ')}.`,
    );
  }
  first.expr = { kind: 'column', name: rule.column };
  return [first.name];
}

/** A foreign-key join's result key: every primary key column of the left table, each projected once. */
function foreignKeyNames(fk: NonNullable<JoinKeyRule['foreignKey']>, projection: ProjectionItem[]): string[] {
  const names: string[] = [];
  const missing: string[] = [];
  for (const c of fk.columns) {
    const same = projection.filter((p) => p.expr.kind === 'column' && p.expr.name === c.joined);
    if (same.length > 1)
      throw new KsqlTypeError(
        `The projection contains a key column (\`${c.joined}\`) more than once, aliased as: ${same
          .map((m) => m.name)
          .sort()
          .join(' and ')}.`,
      );
    if (same.length === 0) missing.push(c.name);
    else names.push(same[0]!.name);
  }
  if (missing.length > 0) {
    const many = missing.length > 1;
    throw new KsqlTypeError(
      `Primary key column${many ? 's' : ''} missing in projection. For foreign-key table-table joins, the projection must include all primary key columns from the left input table (\`${fk.table}\`). Missing column${many ? 's' : ''}: ${missing.map((m) => `\`${m}\``).join(', ')}.`,
    );
  }
  return names;
}
