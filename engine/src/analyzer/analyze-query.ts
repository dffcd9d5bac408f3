/**
 * SELECT analysis over one source: resolves the source, expands and names the projection
 * (`projection-names.ts`), checks WHERE, and derives the result schema (key columns first);
 * aggregate queries continue in `analyze-aggregate.ts`. Raises ksqlDB's validation errors.
 */
import { type Expr, printExpr, type Select } from '../syntax/index.js';
import { aggregateFunction } from './aggregates/index.js';
import { analyzeAggregate, containsAggregate } from './analyze-aggregate.js';
import { liftTableFunctions } from './analyze-table-functions.js';
import type { AnalyzedQuery, AnalyzeOptions, ProjectionItem } from './analyzed-query.js';
import { checkPredicate, selectItemType } from './clause-check.js';
import { mapScope, type TypeScope, typeOf } from './expr-type.js';
import { rewrite, walk } from './expr-walk.js';
import { hasScalarFunction } from './functions/index.js';
import { joinKeyNames } from './join-key.js';
import { rewriteMagicTimestamps } from './magic-timestamps.js';
import { nameProjection } from './projection-names.js';
import { finishProjection, joinAnd } from './result-columns.js';
import { type DataSource, keyColumns } from './source.js';
import { sourceScopeOf } from './source-scope.js';
import { tableFunction } from './table-functions/index.js';
import { KsqlTypeError } from './type-error.js';

/** Drops a matching qualifier so `T.A` and `A` print (and compare) the same. */
function unqualify(e: Expr, qualifiers: Set<string>): Expr {
  return rewrite(e, (x) =>
    x.kind === 'column' && x.source !== undefined && qualifiers.has(x.source)
      ? { kind: 'column', name: x.name }
      : undefined,
  );
}

/** Analyzes a SELECT over `source` (a join's virtual source included). */
export function analyzeQuery(select: Select, source: DataSource, options: AnalyzeOptions): AnalyzedQuery {
  const qualifiers = new Set([source.name, ...(select.from.alias === undefined ? [] : [select.from.alias])]);
  const sourceScope = sourceScopeOf(source);
  const scope = mapScope(sourceScope, qualifiers);
  const uq = (e: Expr) => unqualify(e, qualifiers);

  // 1. Expand the projection and name every item.
  const named = nameProjection(select, source, options.persistent, uq, sourceScope);
  for (const n of named) {
    walk(n.expr, (x) => {
      if (
        x.kind === 'call' &&
        aggregateFunction(x.name) === undefined &&
        tableFunction(x.name) === undefined &&
        x.args.at(-1)?.kind !== 'lambda' &&
        !hasScalarFunction(x.name)
      )
        throw new KsqlTypeError(`Can't find any functions with the name '${x.name}'`);
    });
  }
  const where = select.where === undefined ? undefined : rewriteMagicTimestamps(uq(select.where));
  if (where !== undefined) {
    if (containsAggregate(where))
      throw new KsqlTypeError('Aggregate functions can not be used in WHERE clause.');
    checkPredicate('WHERE', where, scope);
  }

  const groupExprs = select.groupBy?.map(uq);
  const isAggregate =
    groupExprs !== undefined || named.some((n) => containsAggregate(n.expr)) || select.having !== undefined;
  const windowed = select.window !== undefined || (source.window !== undefined && !isAggregate);

  const base: Omit<AnalyzedQuery, 'projection' | 'keyNames' | 'columns' | 'resultType'> = {
    select,
    source,
    qualifiers,
    sourceScope,
    windowed,
    topics: [source.topic],
  };
  if (where !== undefined) base.where = where;
  if (select.window !== undefined) base.window = select.window;
  if (select.limit !== undefined) base.limit = select.limit;
  if (select.emit !== undefined) base.emit = select.emit;

  // 2. Table functions, then aggregation.
  const lifted = liftTableFunctions(named, scope, source, isAggregate);
  if (lifted.calls.length > 0) base.tableFunctions = lifted.calls;
  if (isAggregate) return analyzeAggregate({ select, source, options, named, groupExprs, uq, scope, base });

  if (select.window !== undefined) throw new KsqlTypeError('WINDOW clause requires a GROUP BY clause.');
  const projection = lifted.named.map((n) => ({
    name: n.name,
    expr: n.expr,
    type: selectItemType(n.expr, lifted.scope),
  }));
  const result: AnalyzedQuery = { ...base, projection, keyNames: [], columns: [], resultType: source.type };
  if (select.partitionBy !== undefined) result.partitionBy = select.partitionBy.map(uq);
  if (!options.persistent) {
    result.columns = projection.map((p) => ({ name: p.name, type: p.type, namespace: 'VALUE' }));
    return result;
  }
  return finishProjection(result, projection, plainKeyNames(result, projection, source, options, scope));
}

/**
 * The name of a key column a PARTITION BY expression adds: a column's or a field's name, else the
 * first free `KSQL_COL_n`.
 */
function partitionKeyName(e: Expr, projection: ProjectionItem[]): string {
  const taken = new Set(projection.map((p) => p.name));
  if ((e.kind === 'column' || e.kind === 'deref') && !taken.has(e.kind === 'column' ? e.name : e.field))
    return e.kind === 'column' ? e.name : e.field;
  let n = 0;
  while (taken.has(`KSQL_COL_${n}`)) n++;
  return `KSQL_COL_${n}`;
}

/**
 * The result key of a persistent query without aggregation: the PARTITION BY expressions, or else
 * the source's key columns; each must be projected (exactly once for key columns).
 */
function plainKeyNames(
  result: AnalyzedQuery,
  projection: ProjectionItem[],
  source: DataSource,
  options: AnalyzeOptions,
  scope: TypeScope,
): string[] {
  const keyNames: string[] = [];
  if (result.partitionBy !== undefined) {
    for (const pb of result.partitionBy) {
      const printed = printExpr(pb);
      const matches = projection.filter((p) => printExpr(p.expr) === printed);
      if (matches.length === 0 && result.select.items.some((i) => i.kind === 'all')) {
        // `SELECT *`: the partitioning expression is the new key column, added to the projection;
        // the source's key columns move into the value, after its value columns.
        const oldKeys = new Set(keyColumns(source).map((k) => k.name));
        const moved = projection.filter(
          (p) => p.expr.kind === 'column' && oldKeys.has(p.expr.name) && p.name === p.expr.name,
        );
        projection.splice(0, projection.length, ...projection.filter((p) => !moved.includes(p)), ...moved);
        projection.push({ name: partitionKeyName(pb, projection), expr: pb, type: typeOf(pb, scope) });
        keyNames.push(projection.at(-1)!.name);
        continue;
      }
      if (matches.length === 0) {
        throw new KsqlTypeError(
          `The query used to build \`${options.sinkName ?? ''}\` must include the partitioning expression ${printed} in its projection (eg, SELECT ${printed}...).`,
        );
      }
      keyNames.push(matches[0]!.name);
    }
    return keyNames;
  }
  if (options.joinKey !== undefined) return joinKeyNames(options.joinKey, projection, options.sinkName ?? '');
  const missing: string[] = [];
  for (const k of keyColumns(source)) {
    const matches = projection.filter((p) => p.expr.kind === 'column' && p.expr.name === k.name);
    if (matches.length > 1) {
      throw new KsqlTypeError(
        `The projection contains a key column (\`${k.name}\`) more than once, aliased as: ${matches.map((m) => m.name).join(' and ')}.`,
      );
    }
    if (matches.length === 0) missing.push(k.name);
    else keyNames.push(matches[0]!.name);
  }
  if (missing.length > 0) {
    const all = keyColumns(source).map((k) => k.name);
    throw new KsqlTypeError(
      `The query used to build \`${options.sinkName ?? ''}\` must include the key column${all.length > 1 ? 's' : ''} ${joinAnd(all)} in its projection (eg, SELECT ${all.join(', ')}...).`,
    );
  }
  return keyNames;
}
