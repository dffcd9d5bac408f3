/**
 * A SELECT whose sources are looked up by name: a single source is analyzed directly, a join over
 * its virtual joined source (see `analyze-join.ts`), keeping the SELECT as written and both topics.
 */
import type { Select, SelectItem } from '../syntax/index.js';
import { analyzeJoin } from './analyze-join.js';
import { analyzeQuery } from './analyze-query.js';
import type { AnalyzedQuery, AnalyzeOptions } from './analyzed-query.js';
import { walk } from './expr-walk.js';
import type { DataSource } from './source.js';
import { KsqlTypeError } from './type-error.js';

/**
 * Analyzes a SELECT whose sources are looked up by name; joins are analyzed over their virtual
 * joined source (see `analyze-join.ts`).
 */
export function analyzeSelect(
  select: Select,
  lookup: (name: string) => DataSource | undefined,
  options: AnalyzeOptions,
): AnalyzedQuery {
  checkReservedNames(select, options);
  const left = lookup(select.from.name);
  if (left === undefined) throw new KsqlTypeError(`${select.from.name} does not exist.`);
  if (select.joins.length === 0) return analyzeQuery(select, left, options);
  const right = lookup(select.joins[0]!.right.name);
  if (right === undefined) throw new KsqlTypeError(`${select.joins[0]!.right.name} does not exist.`);
  const j = analyzeJoin(select, left, right);
  for (const item of select.items) {
    if (item.kind !== 'expr') continue;
    walk(item.expr, (x) => {
      if (x.kind === 'column' && (x.name === 'WINDOWSTART' || x.name === 'WINDOWEND')) {
        throw new KsqlTypeError(`SELECT column '${x.name}' cannot be resolved.`);
      }
    });
  }
  const q = analyzeQuery(j.select, j.source, { ...options, joinKey: j.join.key });
  return { ...q, select, join: j.join, topics: [left.topic, right.topic] };
}

/** The pseudo and window columns, whose names no persistent query's result column may take. */
const SYSTEM_COLUMNS = new Set(['ROWTIME', 'ROWPARTITION', 'ROWOFFSET', 'WINDOWSTART', 'WINDOWEND']);
/** Pseudo columns no projection item may be aliased as, in any query. */
const RESERVED_ALIASES = new Set(['ROWPARTITION', 'ROWOFFSET']);

/** The result column name an item takes by itself: its alias, a column's name, a field's name. */
function ownName(item: Extract<SelectItem, { kind: 'expr' }>, join: boolean): string | undefined {
  if (item.alias !== undefined) return item.alias;
  const e = item.expr;
  // In a join a qualified column is named after its source (`L.ROWTIME` → `L_ROWTIME`).
  if (e.kind === 'column') return join && e.source !== undefined ? undefined : e.name;
  if (e.kind === 'deref') return e.field;
  return undefined;
}

/**
 * ksqlDB's projection names: a qualified `X.*` names a source of the query, ROWPARTITION /
 * ROWOFFSET are never an alias, and a persistent query's
 * result columns are never named like a pseudo or window column (alias them instead).
 */
function checkReservedNames(select: Select, options: AnalyzeOptions): void {
  const relations = [select.from, ...select.joins.map((j) => j.right)];
  for (const item of select.items) {
    if (item.kind === 'all' && item.source !== undefined) {
      const q = item.source;
      if (!relations.some((r) => r.name === q || r.alias === q))
        throw new KsqlTypeError(`'${q}' is not a valid stream/table name or alias.`);
    }
    if (item.kind === 'expr' && item.alias !== undefined && RESERVED_ALIASES.has(item.alias))
      throw new KsqlTypeError(
        `\`${item.alias}\` is a reserved column name. You cannot use it as an alias for a column.`,
      );
  }
  if (!options.persistent) return;
  for (const item of select.items) {
    if (item.kind !== 'expr') continue;
    const name = ownName(item, select.joins.length > 0);
    if (name !== undefined && SYSTEM_COLUMNS.has(name))
      throw new KsqlTypeError(
        `Reserved column name in select: \`${name}\`. Please remove or alias the column.`,
      );
  }
}
