/**
 * SELECT analysis: resolves the source, expands `*`, names projection columns (ksqlDB's implicit
 * naming), splits aggregate queries into grouping keys + aggregate calls + a post-aggregation
 * projection, and derives the result schema (key columns first). Raises ksqlDB's validation errors.
 */
import {
  type Expr,
  printExpr,
  printType,
  type Select,
  type SqlType,
  type WindowSpec,
} from '../syntax/index.js';
import { type AggregateDef, aggregateFunction, isStreamOnly } from './aggregates.js';
import { analyzeJoin, type JoinInfo } from './analyze-join.js';
import { type TypeScope, typeOf } from './expr-type.js';
import { scalarFunction } from './scalar-functions.js';
import { type Column, type DataSource, keyColumns, valueColumns } from './source.js';
import { KsqlTypeError } from './type-error.js';
import { T } from './types.js';

export interface AggregateCall {
  def: AggregateDef;
  /** Column holding the result in the post-aggregation row. */
  slot: string;
  args: Expr[];
  argTypes: SqlType[];
  literals: unknown[];
  /** The call as written (deduplicates identical aggregate calls). */
  printed: string;
}

export interface ProjectionItem {
  name: string;
  expr: Expr;
  type: SqlType;
}

export interface AnalyzedQuery {
  select: Select;
  source: DataSource;
  /** Name/alias the source can be qualified with. */
  qualifiers: Set<string>;
  /** Types of the source row's columns (incl. pseudo columns). */
  sourceScope: Map<string, SqlType>;
  where?: Expr;
  window?: WindowSpec;
  aggregate?: {
    /** Grouping expressions over the source row; their values land in `$KEY_i`. */
    groupBy: { expr: Expr; type: SqlType }[];
    calls: AggregateCall[];
    having?: Expr;
  };
  partitionBy?: Expr[];
  /** Expressions over the source row (plain) or the post-aggregation row. */
  projection: ProjectionItem[];
  /** Result key columns (persistent queries), in order; names refer to projection items. */
  keyNames: string[];
  /** Result schema: keys then values (persistent), or the projection (push/pull). */
  columns: Column[];
  resultType: 'STREAM' | 'TABLE';
  /** The result key carries a window. */
  windowed: boolean;
  limit?: number;
  emit?: 'CHANGES' | 'FINAL';
  /** Set for joins: `source` is then the virtual joined source. */
  join?: JoinInfo;
  /** The topics the query consumes (both sides for a join). */
  topics: string[];
}

export interface AnalyzeOptions {
  /** CSAS/CTAS/INSERT: key columns must be projected; the result has a key/value split. */
  persistent: boolean;
  sinkName?: string;
}

const PSEUDO: [string, SqlType][] = [
  ['ROWTIME', T.BIGINT],
  ['ROWPARTITION', T.INTEGER],
  ['ROWOFFSET', T.BIGINT],
];

/** Builds the scope of a source row. */
export function sourceScopeOf(source: DataSource): Map<string, SqlType> {
  const m = new Map<string, SqlType>();
  for (const c of source.columns) m.set(c.name, c.type);
  for (const c of source.hidden ?? []) m.set(c.name, c.type);
  for (const [n, t] of PSEUDO) if (!m.has(n)) m.set(n, t);
  if (source.window !== undefined) {
    m.set('WINDOWSTART', T.BIGINT);
    m.set('WINDOWEND', T.BIGINT);
  }
  return m;
}

function scopeOf(columns: Map<string, SqlType>, qualifiers: Set<string>): TypeScope {
  return {
    column: (name, src) => (src === undefined || qualifiers.has(src) ? columns.get(name) : undefined),
  };
}

/** ksqlDB's implicit column name of an unaliased expression. */
function implicitName(e: Expr): string | undefined {
  if (e.kind === 'column') return e.name;
  if (e.kind === 'deref') return e.field;
  return undefined;
}

function containsAggregate(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && aggregateFunction(x.name) !== undefined) found = true;
  });
  return found;
}

/** Visits every sub-expression. */
export function walk(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'deref':
      walk(e.base, f);
      break;
    case 'subscript':
      walk(e.base, f);
      walk(e.index, f);
      break;
    case 'call':
      for (const a of e.args) walk(a, f);
      break;
    case 'binary':
      walk(e.left, f);
      walk(e.right, f);
      break;
    case 'unary':
    case 'isNull':
      walk(e.operand, f);
      break;
    case 'between':
      walk(e.operand, f);
      walk(e.low, f);
      walk(e.high, f);
      break;
    case 'like':
      walk(e.operand, f);
      walk(e.pattern, f);
      break;
    case 'in':
      walk(e.operand, f);
      for (const x of e.list) walk(x, f);
      break;
    case 'distinctFrom':
      walk(e.left, f);
      walk(e.right, f);
      break;
    case 'case':
      if (e.operand) walk(e.operand, f);
      for (const w of e.whens) {
        walk(w.when, f);
        walk(w.result, f);
      }
      if (e.else) walk(e.else, f);
      break;
    case 'cast':
      walk(e.operand, f);
      break;
    case 'struct':
      for (const x of e.fields) walk(x.value, f);
      break;
    case 'array':
      for (const x of e.items) walk(x, f);
      break;
    case 'map':
      for (const x of e.entries) {
        walk(x.key, f);
        walk(x.value, f);
      }
      break;
    default:
      break;
  }
}

/** Rebuilds an expression bottom-up; `f` may replace a node (return undefined to recurse). */
export function rewrite(e: Expr, f: (e: Expr) => Expr | undefined): Expr {
  const r = f(e);
  if (r !== undefined) return r;
  const g = (x: Expr) => rewrite(x, f);
  switch (e.kind) {
    case 'deref':
      return { ...e, base: g(e.base) };
    case 'subscript':
      return { ...e, base: g(e.base), index: g(e.index) };
    case 'call':
      return { ...e, args: e.args.map(g) };
    case 'binary':
      return { ...e, left: g(e.left), right: g(e.right) };
    case 'unary':
    case 'isNull':
      return { ...e, operand: g(e.operand) };
    case 'between':
      return { ...e, operand: g(e.operand), low: g(e.low), high: g(e.high) };
    case 'like':
      return { ...e, operand: g(e.operand), pattern: g(e.pattern) };
    case 'in':
      return { ...e, operand: g(e.operand), list: e.list.map(g) };
    case 'distinctFrom':
      return { ...e, left: g(e.left), right: g(e.right) };
    case 'case': {
      const c: Expr = { kind: 'case', whens: e.whens.map((w) => ({ when: g(w.when), result: g(w.result) })) };
      if (e.operand) c.operand = g(e.operand);
      if (e.else) c.else = g(e.else);
      return c;
    }
    case 'cast':
      return { ...e, operand: g(e.operand) };
    case 'struct':
      return { ...e, fields: e.fields.map((x) => ({ name: x.name, value: g(x.value) })) };
    case 'array':
      return { ...e, items: e.items.map(g) };
    case 'map':
      return { ...e, entries: e.entries.map((x) => ({ key: g(x.key), value: g(x.value) })) };
    default:
      return e;
  }
}

/** Drops a matching qualifier so `T.A` and `A` print (and compare) the same. */
function unqualify(e: Expr, qualifiers: Set<string>): Expr {
  return rewrite(e, (x) =>
    x.kind === 'column' && x.source !== undefined && qualifiers.has(x.source)
      ? { kind: 'column', name: x.name }
      : undefined,
  );
}

function literalValue(e: Expr): unknown {
  if (e.kind !== 'literal') return undefined;
  if (e.type === 'null') return null;
  if (e.type === 'integer' || e.type === 'decimal' || e.type === 'double') return Number(e.value);
  return e.value;
}

export function analyzeQuery(select: Select, source: DataSource, options: AnalyzeOptions): AnalyzedQuery {
  const qualifiers = new Set([source.name, ...(select.from.alias === undefined ? [] : [select.from.alias])]);
  const sourceScope = sourceScopeOf(source);
  const scope = scopeOf(sourceScope, qualifiers);
  const uq = (e: Expr) => unqualify(e, qualifiers);

  // 1. Expand the projection and name every item.
  const raw: { expr: Expr; alias?: string }[] = [];
  for (const item of select.items) {
    if (item.kind === 'all') {
      for (const c of keyColumns(source)) raw.push({ expr: { kind: 'column', name: c.name } });
      if (source.window !== undefined && !options.persistent) {
        raw.push({ expr: { kind: 'column', name: 'WINDOWSTART' } });
        raw.push({ expr: { kind: 'column', name: 'WINDOWEND' } });
      }
      for (const c of valueColumns(source)) raw.push({ expr: { kind: 'column', name: c.name } });
    } else
      raw.push(
        item.alias === undefined ? { expr: uq(item.expr) } : { expr: uq(item.expr), alias: item.alias },
      );
  }
  const used = new Set<string>();
  for (const r of raw) if (r.alias !== undefined) used.add(r.alias);
  const named: { expr: Expr; name: string }[] = [];
  let colN = 0;
  const fresh = () => {
    while (used.has(`KSQL_COL_${colN}`)) colN++;
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

  for (const n of named) {
    walk(n.expr, (x) => {
      if (x.kind === 'call' && aggregateFunction(x.name) === undefined && x.args.at(-1)?.kind !== 'lambda')
        scalarFunction(x.name);
    });
  }
  const where = select.where === undefined ? undefined : uq(select.where);
  if (where !== undefined) {
    if (containsAggregate(where))
      throw new KsqlTypeError('Aggregate functions can not be used in WHERE clause.');
    typeOf(where, scope);
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

  if (!isAggregate) {
    if (select.window !== undefined) throw new KsqlTypeError('WINDOW clause requires a GROUP BY clause.');
    const projection = named.map((n) => ({ name: n.name, expr: n.expr, type: typeOf(n.expr, scope) }));
    const result: AnalyzedQuery = { ...base, projection, keyNames: [], columns: [], resultType: source.type };
    if (select.partitionBy !== undefined) result.partitionBy = select.partitionBy.map(uq);
    if (!options.persistent) {
      result.columns = projection.map((p) => ({ name: p.name, type: p.type, namespace: 'VALUE' }));
      return result;
    }
    const keyNames: string[] = [];
    if (result.partitionBy !== undefined) {
      for (const pb of result.partitionBy) {
        const printed = printExpr(pb);
        const matches = projection.filter((p) => printExpr(p.expr) === printed);
        if (matches.length === 0) {
          throw new KsqlTypeError(
            `The query used to build \`${options.sinkName ?? ''}\` must include the partitioning expression ${printed} in its projection (eg, SELECT ${printed}...).`,
          );
        }
        keyNames.push(matches[0]!.name);
      }
    } else {
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
    }
    return finishProjection(result, projection, keyNames);
  }

  // 2. Aggregation.
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
          const args =
            x.star || (def.name === 'COUNT' && x.args.length === 1 && x.args[0]!.kind === 'literal')
              ? []
              : x.args;
          const argTypes = args.map((a) => typeOf(a, scope));
          const slot = `$AGG_${calls.length}`;
          calls.push({ def, slot, args, argTypes, literals: args.map(literalValue), printed });
          postScope.set(slot, def.returnType(argTypes));
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
  const postTypeScope = scopeOf(postScope, new Set());
  const projection = postExprs.map((p) => ({
    name: p.name,
    expr: p.expr,
    type: typeOf(p.expr, postTypeScope),
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

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The checks every projection ends with: unique names, key and value columns, at least one value column. */
function finishProjection(
  result: AnalyzedQuery,
  projection: ProjectionItem[],
  keyNames: string[],
): AnalyzedQuery {
  checkDuplicates(projection);
  result.keyNames = keyNames;
  result.columns = buildColumns(projection, keyNames);
  if (!result.columns.some((c) => c.namespace === 'VALUE'))
    throw new KsqlTypeError('The projection contains no value columns.');
  return result;
}

function checkDuplicates(projection: ProjectionItem[]): void {
  const seen = new Set<string>();
  for (const p of projection) {
    if (seen.has(p.name))
      throw new KsqlTypeError(`Duplicate value columns found in schema: \`${p.name}\` ${printType(p.type)}`);
    seen.add(p.name);
  }
}

function buildColumns(projection: ProjectionItem[], keyNames: string[]): Column[] {
  const keys: Column[] = keyNames.map((k) => ({
    name: k,
    type: projection.find((p) => p.name === k)!.type,
    namespace: 'KEY',
  }));
  const values: Column[] = projection
    .filter((p) => !keyNames.includes(p.name))
    .map((p) => ({ name: p.name, type: p.type, namespace: 'VALUE' }));
  return [...keys, ...values];
}

/**
 * Analyzes a SELECT whose sources are looked up by name; joins are analyzed over their virtual
 * joined source (see `analyze-join.ts`).
 */
export function analyzeSelect(
  select: Select,
  lookup: (name: string) => DataSource | undefined,
  options: AnalyzeOptions,
): AnalyzedQuery {
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
  const q = analyzeQuery(j.select, j.source, options);
  return { ...q, select, join: j.join, topics: [left.topic, right.topic] };
}
