/**
 * Pull queries (SELECT without EMIT): a table materialized by a persistent query (CTAS or CREATE
 * SOURCE TABLE) is scanned from the query's in-memory result state — so it reflects new inputs as
 * soon as the query has processed them; a stream is read from its topic up to the current end
 * ("Query Completed"). WHERE is evaluated over the materialized rows (key lookups, IN lists,
 * WINDOWSTART/WINDOWEND bounds and non-key predicates alike).
 */
import {
  analyzeQuery,
  checkDuplicates,
  type DataSource,
  KsqlTypeError,
  mapScope,
  type SqlType,
  T,
  typeOf,
  walk,
} from '../analyzer/index.js';
import {
  castValue,
  compileExpr,
  createSourceDecoder,
  newRow,
  type Row,
  renderRow,
  type TopicStore,
} from '../runtime/index.js';
import { type Expr, printExpr, type Select } from '../syntax/index.js';
import type { QueryColumn, QueryRow } from './engine.js';
import type { Metastore } from './metastore.js';
import type { PersistentQuery } from './persistent-query.js';
import { checkKeyLookup, windowBoundsToMillis } from './pull-key-lookup.js';

export interface PullResult {
  columns: QueryColumn[];
  rows: QueryRow[];
  completed: boolean;
  /** A stream's scan stopped at the query's LIMIT (ksqlDB ends it with 'Limit Reached'). */
  limited?: boolean;
}

function reject(select: Select): void {
  if (select.joins.length > 0) throw new KsqlTypeError("Pull queries don't support JOIN clauses.");
  if (select.window !== undefined) throw new KsqlTypeError("Pull queries don't support WINDOW clauses.");
  if (select.groupBy !== undefined)
    throw new KsqlTypeError(
      "Pull queries don't support GROUP BY clauses. See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.",
    );
  if (select.partitionBy !== undefined)
    throw new KsqlTypeError(
      "Pull queries don't support PARTITION BY clauses. See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.",
    );
  if (select.having !== undefined)
    throw new KsqlTypeError(
      "Pull queries don't support HAVING clauses. See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.",
    );
}

function checkWhere(where: Expr | undefined, source: DataSource, scope: Map<string, SqlType>): void {
  if (where === undefined) return;
  walk(where, (e) => {
    if (e.kind === 'column' && (e.name === 'WINDOWSTART' || e.name === 'WINDOWEND') && !scope.has(e.name)) {
      throw new KsqlTypeError(`WHERE column '${e.name}' cannot be resolved`);
    }
    if (e.kind === 'binary' && ['=', '<>', '<', '<=', '>', '>='].includes(e.op)) {
      const [col, lit] = e.left.kind === 'column' ? [e.left, e.right] : [e.right, e.left];
      if (col.kind === 'column' && lit.kind === 'literal') {
        const colType = scope.get(col.name);
        if (lit.type === 'null' && colType !== undefined) {
          throw new KsqlTypeError(
            `Error in WHERE expression: Comparison with NULL not supported: ${colType.kind} = NULL\nUse 'IS NULL' or 'IS NOT NULL' instead.\nStatement: ${printExpr(e)}`,
          );
        }
        const numeric =
          colType !== undefined && ['INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL'].includes(colType.kind);
        if (numeric && lit.type === 'string') {
          throw new KsqlTypeError(
            `Error in WHERE expression: Cannot compare ${col.name} (${colType.kind}) to ${printExpr(lit)} (STRING) with ${e.op === '=' ? 'EQUAL' : e.op}.\nStatement: ${printExpr(e)}`,
          );
        }
      }
    }
    if (e.kind === 'in' && e.operand.kind === 'column') {
      const colType = scope.get(e.operand.name);
      const isKey = source.columns.some(
        (c) => c.namespace === 'KEY' && c.name === (e.operand as { name: string }).name,
      );
      for (const x of e.list) {
        if (x.kind === 'literal' && x.type === 'null' && isKey)
          throw new KsqlTypeError(
            `Primary key columns can not be NULL: (${(e.operand as { name: string }).name} = null)`,
          );
        if (
          x.kind === 'literal' &&
          x.type === 'string' &&
          colType !== undefined &&
          ['INTEGER', 'BIGINT', 'DOUBLE'].includes(colType.kind) &&
          isKey
        ) {
          throw new KsqlTypeError(
            `'${x.value}' can not be converted to the type of the key column: ${(e.operand as { name: string }).name} ${colType.kind} KEY`,
          );
        }
      }
    }
  });
}

/** Runs a pull query against a materialized table or a stream's topic. */
export async function runPull(
  select0: Select,
  meta: Metastore,
  store: TopicStore,
  materializer: (tableName: string) => PersistentQuery | undefined,
  scanEnabled = true,
): Promise<PullResult> {
  reject(select0);
  const source = meta.sources.get(select0.from.name);
  if (source === undefined) throw new KsqlTypeError(`${select0.from.name} does not exist.`);
  const select: Select =
    select0.where === undefined ? select0 : { ...select0, where: windowBoundsToMillis(select0.where) };
  if (select.where !== undefined && source.window === undefined) {
    walk(select.where, (e) => {
      if (e.kind === 'column' && (e.name === 'WINDOWSTART' || e.name === 'WINDOWEND')) {
        throw new KsqlTypeError(`WHERE column '${e.name}' cannot be resolved`);
      }
    });
  }
  if (!scanEnabled && source.type === 'TABLE') checkKeyLookup(select.where, source);
  const q = analyzeQuery(select, source, { persistent: false });
  checkDuplicates(q.projection);
  if (q.aggregate !== undefined)
    throw new KsqlTypeError(
      "Pull queries don't support GROUP BY clauses. See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.",
    );
  checkWhere(q.where, source, q.sourceScope);
  const keyNames = new Set([
    ...source.columns.filter((c) => c.namespace === 'KEY').map((c) => c.name),
    'WINDOWSTART',
    'WINDOWEND',
  ]);
  const columns: QueryColumn[] = q.projection.map((p) => ({
    name: p.name,
    type: printTypeName(p.type),
    // ksqlDB marks key columns in a table's pull header only; a stream has no primary key
    key: source.type === 'TABLE' && p.expr.kind === 'column' && keyNames.has(p.expr.name),
  }));
  const types = q.projection.map((p) => p.type);
  const scope = mapScope(q.sourceScope, q.qualifiers);
  const where = q.where === undefined ? undefined : compileExpr(q.where, scope);
  const project = q.projection.map((p) => compileExpr(p.expr, scope));
  const rows: QueryRow[] = [];
  const limit = select.limit ?? Number.POSITIVE_INFINITY;
  let limited = false;
  const emit = (row: Row): boolean => {
    if (rows.length >= limit) {
      limited = true;
      return false;
    }
    if (where !== undefined && where(row) !== true) return true;
    rows.push({
      json: renderRow(
        project.map((f) => f(row)),
        types,
      ),
    });
    return true;
  };
  if (source.type === 'STREAM') {
    const decoder = createSourceDecoder(source);
    for (const r of await store.readToEnd(source.topic)) {
      let s: ReturnType<typeof decoder.decode>;
      try {
        s = decoder.decode(r);
      } catch {
        continue;
      }
      if (s === undefined) continue;
      if (!emit(decoder.toRow(s))) break;
    }
    return { columns, rows, completed: true, limited: limited || rows.length === limit };
  }
  const query = materializer(source.name);
  if (query === undefined) {
    throw new KsqlTypeError(
      `The \`${source.name}\` table isn't queryable. To derive a queryable table, you can do 'CREATE TABLE QUERYABLE_${source.name} AS SELECT * FROM ${source.name}'. See https://cnfl.io/queries for more info.`,
    );
  }
  const keys = source.window === undefined ? lookupKeys(select.where, source) : undefined;
  const candidates =
    keys === undefined
      ? query.pipeline.scan()
      : keys.flatMap((k) => {
          const m = query.pipeline.lookup([k]);
          return m === undefined ? [] : [m];
        });
  for (const m of candidates) {
    const row: Row = Object.assign(newRow(), m.row);
    row.ROWTIME = m.ts;
    if (m.window !== undefined) {
      row.WINDOWSTART = m.window.start;
      row.WINDOWEND = m.window.end;
    }
    if (!emit(row)) break;
  }
  return { columns, rows, completed: false };
}

import { printType } from '../syntax/index.js';
export function printTypeName(t: SqlType): string {
  return printType(t);
}
export { T };

/**
 * The key values of a `KEY = literal` / `KEY IN (literals)` conjunct on a single-key table, so the
 * pull query looks rows up instead of scanning (the full WHERE is still applied to them).
 */
function lookupKeys(where: Expr | undefined, source: DataSource): unknown[] | undefined {
  const keys = source.columns.filter((c) => c.namespace === 'KEY');
  if (where === undefined || keys.length !== 1) return undefined;
  const key = keys[0]!;
  const empty = mapScope(new Map());
  const value = (e: Expr): unknown => castValue(compileExpr(e, empty)(newRow()), typeOf(e, empty), key.type);
  const conjuncts = (e: Expr): Expr[] =>
    e.kind === 'binary' && e.op === 'AND' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
  const isKey = (e: Expr) => e.kind === 'column' && e.name === key.name;
  const isLit = (e: Expr) => e.kind === 'literal' && e.type !== 'null';
  for (const c of conjuncts(where)) {
    try {
      if (c.kind === 'binary' && c.op === '=') {
        if (isKey(c.left) && isLit(c.right)) return [value(c.right)];
        if (isKey(c.right) && isLit(c.left)) return [value(c.left)];
      }
      if (c.kind === 'in' && !c.negated && isKey(c.operand) && c.list.every(isLit)) return c.list.map(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
