/**
 * What query analysis produces (`AnalyzedQuery`) and the options it takes: the contract between
 * the analyzer and the planner.
 */
import type { Expr, Select, SqlType, WindowSpec } from '../syntax/index.js';
import type { AggregateDef, FunctionConfig } from './aggregates/index.js';
import type { JoinInfo } from './analyze-join.js';
import type { ResolvedScalar } from './functions/index.js';
import type { JoinKeyRule } from './join-key.js';
import type { Column, DataSource } from './source.js';

/** One aggregate call of a GROUP BY query, computed into its `$AGG_i` slot. */
export interface AggregateCall {
  /** The call resolved to one variant (its literal parameters bound). */
  def: AggregateDef;
  /** Column holding the result in the post-aggregation row. */
  slot: string;
  /** The column arguments, evaluated per row (literal parameters are bound in `def`). */
  args: Expr[];
  argTypes: SqlType[];
  literals: unknown[];
  /** The call as written (deduplicates identical aggregate calls). */
  printed: string;
}

/** One table function call of a SELECT, whose elements fill its `$TF_i` slot row by row. */
export interface TableFunctionCall {
  slot: string;
  /** Arguments over the source row. */
  args: Expr[];
  argTypes: SqlType[];
  /** The call resolved; `bind()` maps argument values to the list of values to emit. */
  fn: ResolvedScalar;
  /** The type of one emitted value. */
  type: SqlType;
}

/** One output column: its name and the expression computing it. */
export interface ProjectionItem {
  name: string;
  expr: Expr;
  type: SqlType;
}

/** A SELECT after analysis: everything the planner needs, names resolved and types known. */
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
  /** Table functions of the projection (stream sources only); the projection reads their slots. */
  tableFunctions?: TableFunctionCall[];
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

/** How the SELECT is used: a persistent query writing a sink, or a push/pull query. */
export interface AnalyzeOptions {
  /** CSAS/CTAS/INSERT: key columns must be projected; the result has a key/value split. */
  persistent: boolean;
  sinkName?: string;
  /** Properties functions read (`ksql.functions.collect_list.limit`, …). */
  functionConfig?: FunctionConfig;
  /** Joins: the joined row's key and the projections that name it (`join-key.ts`). */
  joinKey?: JoinKeyRule;
}
