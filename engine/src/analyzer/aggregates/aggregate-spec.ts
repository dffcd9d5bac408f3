/**
 * How an aggregate function (UDAF) is declared and what a resolved call gives the runtime. As in
 * ksqlDB, a UDAF's arguments are first the columns it aggregates (evaluated per row; the last may
 * be variadic) and then its literal parameters (given once per call site: TOPK's `k`,
 * LATEST_BY_OFFSET's `n` and `ignoreNulls`; the last may be variadic). Accumulators are values that
 * `toTagged` can write to a state changelog; `undo` makes the function usable on a table source.
 */
import type { SqlType } from '../types.js';

/** One aggregation's state transitions. */
export interface AggregateImpl {
  init(): unknown;
  /** Adds one input row's column-argument values. */
  add(acc: unknown, args: unknown[]): unknown;
  /** Removes a previously added row (table sources); absent for stream-only functions. */
  undo?(acc: unknown, args: unknown[]): unknown;
  result(acc: unknown): unknown;
}

/** Configuration an aggregate may read (ksqlDB's `ksql.functions.<name>.*` properties). */
export type FunctionConfig = Readonly<Record<string, unknown>>;

/** What a variant's factory is told about its call site. */
export interface AggregateCallSite {
  /** Types of the column arguments, after implicit casts. */
  types: readonly SqlType[];
  /** Values of the literal parameters, in order. */
  literals: readonly unknown[];
  returnType: SqlType;
  config: FunctionConfig;
}

export interface AggregateVariant {
  /** Column parameters (`'INT col'`, `'T val'`, `'...STRING rest'`), as scalar parameters are written. */
  params: string[];
  /** Literal parameters after the columns (`'INT k'`, `'...STRING words'`). */
  literals?: string[];
  /** Result type: a parameter-type text with generics, or computed from the column types. */
  returns: string | ((types: SqlType[], generics: ReadonlyMap<string, SqlType>) => SqlType);
  create(site: AggregateCallSite): AggregateImpl;
  description?: string;
}

/** A declared aggregate function. */
export interface AggregateFunctionSpec {
  /** The name as ksqlDB's messages print it (upper case). */
  name: string;
  description: string;
  variants: AggregateVariant[];
  /** No `undo`: a table source is rejected ("cannot be applied to a table source"). */
  streamOnly?: boolean;
  /** The intermediate state is a structure the DELIMITED format cannot write (AVG, TOPK, …). */
  complexState?: boolean;
  author?: string;
  version?: string;
}

/** Declares an aggregate function (sugar that keeps family files readable). */
export function udaf(
  name: string,
  description: string,
  variants: AggregateVariant[],
  flags: Pick<AggregateFunctionSpec, 'streamOnly' | 'complexState'> = {},
): AggregateFunctionSpec {
  return { name, description, variants, ...flags };
}
