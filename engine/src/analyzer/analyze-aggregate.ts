/**
 * GROUP BY / aggregate queries: grouping expressions become `$KEY_i` and aggregate calls `$AGG_i`
 * (identical calls share a slot), the projection and HAVING are rewritten over that
 * post-aggregation row, and the result is a table keyed by the grouping expressions. Raises
 * ksqlDB's errors for nested, misplaced or table-incompatible aggregates and non-grouped columns.
 */
import { type Expr, printExpr, type Select, type SqlType } from '../syntax/index.js';
import {
  aggregateArgs,
  aggregateFunction,
  effectiveAggregateArgs,
  isStreamOnly,
  resolveAggregate,
} from './aggregates/index.js';
import type { AggregateCall, AnalyzedQuery, AnalyzeOptions } from './analyzed-query.js';
import { checkPredicate, selectItemType } from './clause-check.js';
import { mapScope, type TypeScope, typeOf } from './expr-type.js';
import { rewrite, walk } from './expr-walk.js';
import type { NamedExpr } from './projection-names.js';
import { finishProjection, joinAnd } from './result-columns.js';
import type { DataSource } from './source.js';
import { KsqlTypeError } from './type-error.js';
import { T } from './types.js';

/** Whether an expression calls an aggregate function anywhere. */
export function containsAggregate(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && aggregateFunction(x.name) !== undefined) found = true;
  });
  return found;
}

/** What `analyzeQuery` has worked out before it knows the query aggregates. */
export interface AggregateInput {
  select: Select;
  source: DataSource;
  options: AnalyzeOptions;
  /** The named projection over the source row. */
  named: NamedExpr[];
  /** GROUP BY expressions, unqualified (undefined without GROUP BY). */
  groupExprs: Expr[] | undefined;
  /** Drops the source's qualifier from an expression. */
  uq: (e: Expr) => Expr;
  /** Types of the source row. */
  scope: TypeScope;
  /** The parts of the result that do not depend on aggregation. */
  base: Omit<AnalyzedQuery, 'projection' | 'keyNames' | 'columns' | 'resultType'>;
}

/** Analyzes the aggregation of a query that groups or calls aggregate functions. */
export function analyzeAggregate(input: AggregateInput): AnalyzedQuery {
  const { select, source, options, named, groupExprs, uq, scope, base } = input;
  const seenGroups = new Set<string>();
  (select.groupBy ?? []).forEach((raw, i) => {
    const printed = printExpr(groupExprs![i]!);
    if (seenGroups.has(printed))
      throw new KsqlTypeError(`Duplicate GROUP BY expression: ${printExpr(raw).replace(/^\((.*)\)$/, '$1')}`);
    seenGroups.add(printed);
  });
  const groupBy = (groupExprs ?? []).map((expr) => {
    walk(expr, (x) => {
      if (x.kind === 'call' && aggregateFunction(x.name) !== undefined) {
        throw new KsqlTypeError(
          `GROUP BY does not support aggregate functions: ${x.name} is an aggregate function.`,
        );
      }
    });
    return { expr, type: typeOf(expr, scope) };
  });
  const calls: AggregateCall[] = [];
  const streamOnly: string[] = [];
  const groupPrinted = groupBy.map((g) => printExpr(g.expr));
  const postScope = new Map<string, SqlType>();
  groupBy.forEach((g, i) => {
    postScope.set(`$KEY_${i}`, g.type);
  });
  postScope.set('ROWTIME', T.BIGINT);
  if (select.window !== undefined) {
    postScope.set('WINDOWSTART', T.BIGINT);
    postScope.set('WINDOWEND', T.BIGINT);
  }
  const nonAgg: string[] = [];
  const toPost = (e: Expr, inAgg: string | false = false): Expr =>
    rewrite(e, (x) => {
      const gi = groupPrinted.indexOf(printExpr(x));
      if (gi >= 0) return { kind: 'column', name: `$KEY_${gi}` };
      if (x.kind === 'call') {
        const def = aggregateFunction(x.name);
        if (def !== undefined) {
          if (inAgg !== false)
            throw new KsqlTypeError(`Aggregate functions can not be nested: ${inAgg}(${x.name}())`);
          for (const a of x.args) toPost(a, x.name);
          const printed = printExpr(x);
          const existing = calls.find((c) => c.printed === printed);
          if (existing !== undefined) return { kind: 'column', name: existing.slot };
          if (source.type === 'TABLE' && isStreamOnly(def.name) && !streamOnly.includes(def.name))
            streamOnly.push(def.name);
          const args = effectiveAggregateArgs(def.name, x.args, x.star === true);
          const types = args.map((a) => typeOf(a, scope));
          const resolved = resolveAggregate(def.name, aggregateArgs(args, types), options.functionConfig);
          const slot = `$AGG_${calls.length}`;
          const columns = resolved.columnCount;
          calls.push({
            def: resolved,
            slot,
            args: args.slice(0, columns),
            argTypes: types.slice(0, columns),
            literals: [],
            printed,
          });
          postScope.set(slot, resolved.returnType());
          return { kind: 'column', name: slot };
        }
      }
      if (
        x.kind === 'column' &&
        inAgg === false &&
        !['ROWTIME', 'WINDOWSTART', 'WINDOWEND'].includes(x.name) &&
        !x.name.startsWith('$')
      ) {
        nonAgg.push(x.name);
      }
      return undefined;
    });
  const badItems: string[] = [];
  const postExprs = named.map((n) => {
    const before = nonAgg.length;
    const expr = toPost(n.expr);
    if (nonAgg.length > before) badItems.push(printExpr(n.expr));
    return { name: n.name, expr };
  });
  const selectNonAgg = nonAgg.length;
  if (select.having !== undefined) checkPredicate('HAVING', uq(select.having), scope);
  const having = select.having === undefined ? undefined : toPost(uq(select.having));
  if (streamOnly.length > 0) {
    throw new KsqlTypeError(
      `The aggregation function${streamOnly.length > 1 ? 's' : ''} ${joinAnd(streamOnly)} cannot be applied to a table source, only to a stream source.`,
    );
  }
  if (calls.length === 0)
    throw new KsqlTypeError('GROUP BY requires aggregate functions in either the SELECT or HAVING clause.');
  if (selectNonAgg > 0) {
    throw new KsqlTypeError(
      `Non-aggregate SELECT expression(s) not part of GROUP BY: ${[...new Set(badItems)].join(', ')}\nEither add the column(s) to the GROUP BY or remove them from the SELECT.`,
    );
  }
  if (nonAgg.length > 0)
    throw new KsqlTypeError(
      `Non-aggregate HAVING expression not part of GROUP BY: ${[...new Set(nonAgg)].join(', ')}`,
    );
  if (options.persistent && groupExprs === undefined) {
    const printed = calls
      .map((c) => `${c.def.name}(${c.args.length === 0 ? 'ROWTIME' : c.args.map(printExpr).join(', ')})`)
      .join(', ');
    throw new KsqlTypeError(
      `CREATE TABLE AS SELECT statement does not support aggregate function [${printed}] without a GROUP BY clause.`,
    );
  }
  const postTypeScope = mapScope(postScope, new Set());
  const projection = postExprs.map((p) => ({
    name: p.name,
    expr: p.expr,
    type: selectItemType(p.expr, postTypeScope),
  }));

  const result: AnalyzedQuery = {
    ...base,
    aggregate: having === undefined ? { groupBy, calls } : { groupBy, calls, having },
    projection,
    keyNames: [],
    columns: [],
    resultType: 'TABLE',
  };
  if (!options.persistent) {
    result.columns = projection.map((p) => ({ name: p.name, type: p.type, namespace: 'VALUE' }));
    return result;
  }
  const keyNames: string[] = [];
  const missing: string[] = [];
  groupBy.forEach((g, i) => {
    const matches = projection.filter((p) => p.expr.kind === 'column' && p.expr.name === `$KEY_${i}`);
    if (matches.length > 1) {
      throw new KsqlTypeError(
        `The projection contains a key column more than once: ${matches.map((m) => `\`${m.name}\``).join(' and ')}.`,
      );
    }
    if (matches.length === 0) missing.push(printExpr(g.expr).replace(/^\((.*)\)$/, '$1'));
    else keyNames.push(matches[0]!.name);
  });
  if (missing.length > 0) {
    throw new KsqlTypeError(
      `The query used to build \`${options.sinkName ?? ''}\` must include the grouping expression${missing.length > 1 ? 's' : ''} ${joinAnd(missing)} in its projection (eg, SELECT ${missing.join(', ')}...).`,
    );
  }
  return finishProjection(result, projection, keyNames);
}
