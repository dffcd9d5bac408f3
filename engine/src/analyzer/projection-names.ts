/**
 * The SELECT list as named items: `*` expanded (key columns, then WINDOWSTART/WINDOWEND for a
 * windowed push/pull query, then value columns) and every item named as ksqlDB names it: its alias,
 * a column's name, a field's name (`a->b` → `B`, suffixed `_1`, `_2` … on clashes), otherwise
 * `KSQL_COL_n`.
 */
import type { Expr, Select, SqlType } from '../syntax/index.js';
import { type DataSource, keyColumns } from './source.js';

/** A projection item before typing. */
export interface NamedExpr {
  expr: Expr;
  name: string;
}

/** ksqlDB's implicit column name of an unaliased expression. */
function implicitName(e: Expr): string | undefined {
  if (e.kind === 'column') return e.name;
  if (e.kind === 'deref') return e.field;
  return undefined;
}

/**
 * Expands and names the SELECT list; `uq` normalises item expressions (drops the source's
 * qualifier), `sourceScope` holds the names a field name must not clash with.
 */
export function nameProjection(
  select: Select,
  source: DataSource,
  persistent: boolean,
  uq: (e: Expr) => Expr,
  sourceScope: Map<string, SqlType>,
): NamedExpr[] {
  const raw: { expr: Expr; alias?: string }[] = [];
  for (const item of select.items) {
    if (item.kind === 'all') {
      for (const c of keyColumns(source)) raw.push({ expr: { kind: 'column', name: c.name } });
      if (source.window !== undefined && !persistent) {
        raw.push({ expr: { kind: 'column', name: 'WINDOWSTART' } });
        raw.push({ expr: { kind: 'column', name: 'WINDOWEND' } });
      }
      for (const c of source.columns)
        if (c.namespace !== 'KEY') raw.push({ expr: { kind: 'column', name: c.name } });
    } else
      raw.push(
        item.alias === undefined ? { expr: uq(item.expr) } : { expr: uq(item.expr), alias: item.alias },
      );
  }
  const used = new Set<string>();
  for (const r of raw) if (r.alias !== undefined) used.add(r.alias);
  const named: NamedExpr[] = [];
  let colN = 0;
  // A generated name is never one of the source's columns, projected or not.
  const fresh = () => {
    while (used.has(`KSQL_COL_${colN}`) || sourceScope.has(`KSQL_COL_${colN}`)) colN++;
    const n = `KSQL_COL_${colN++}`;
    used.add(n);
    return n;
  };
  for (const r of raw) {
    if (r.alias !== undefined) {
      named.push({ expr: r.expr, name: r.alias });
      continue;
    }
    let n = implicitName(r.expr);
    if (n !== undefined && r.expr.kind === 'deref') {
      const base = n;
      let i = 0;
      while (used.has(n) || sourceScope.has(n)) n = `${base}_${++i}`;
    }
    if (n === undefined) n = fresh();
    used.add(n);
    named.push({ expr: r.expr, name: n });
  }
  return named;
}
