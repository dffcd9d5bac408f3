/**
 * The aggregate function registry: the built-in families and the UDAFs users register, by
 * upper-case name. Resolution of one call is `resolve.ts`'s; this file only keeps the table.
 */
import { type Expr, printExpr } from '../../syntax/index.js';
import type { SqlType } from '../types.js';
import { Decimal } from '../values.js';
import type { AggregateFunctionSpec, FunctionConfig } from './aggregate-spec.js';
import { type AggregateArg, type AggregateDef, resolveAggregateCall } from './resolve.js';

const entries = new Map<string, { spec: AggregateFunctionSpec; builtIn: boolean }>();

/** Adds built-in aggregates (the family files, at module load). */
export function addBuiltInAggregates(specs: readonly AggregateFunctionSpec[]): void {
  for (const spec of specs) {
    const key = spec.name.toUpperCase();
    if (entries.has(key)) throw new Error(`built-in aggregate ${key} is declared twice`);
    entries.set(key, { spec, builtIn: true });
  }
}

/**
 * Adds a user-defined aggregate function (UDAF) for every engine of this process, as ksqlDB loads
 * UDAFs from its extension directory at start-up. Built-in functions cannot be replaced.
 */
export function registerAggregateFunction(spec: AggregateFunctionSpec): void {
  const key = spec.name.toUpperCase();
  if (entries.has(key)) throw new Error(`a function named ${key} already exists`);
  entries.set(key, { spec: { ...spec, name: key }, builtIn: false });
}

/** The aggregate named `name` (any case), if it is one. */
export function aggregateFunction(name: string): AggregateFunctionSpec | undefined {
  return entries.get(name.toUpperCase())?.spec;
}

/** Every aggregate function, for SHOW FUNCTIONS and DESCRIBE FUNCTION. */
export function aggregateFunctions(): readonly AggregateFunctionSpec[] {
  return [...entries.values()].map((e) => e.spec);
}

/** Stream-only aggregates: no undo, so a table source cannot use them. */
export function isStreamOnly(name: string): boolean {
  return aggregateFunction(name)?.streamOnly === true;
}

/** The value of a literal argument (undefined when the expression is not a literal). */
function literalValue(e: Expr, type: SqlType): unknown {
  if (e.kind !== 'literal') return undefined;
  if (e.type === 'null') return null;
  if (e.type === 'boolean' || e.type === 'string') return e.value;
  if (type.kind === 'BIGINT') return BigInt(e.value);
  if (type.kind === 'DECIMAL') return Decimal.parse(e.value);
  return Number(e.value);
}

/** The resolver's view of a call's arguments: their types, and the values of literals. */
export function aggregateArgs(exprs: readonly Expr[], types: readonly SqlType[]): AggregateArg[] {
  return exprs.map((e, i) => {
    const type = types[i]!;
    const value = literalValue(e, type);
    const arg: AggregateArg = { type, text: printExpr(e) };
    if (value !== undefined) {
      arg.literal = true;
      arg.value = value;
    }
    return arg;
  });
}

/**
 * The arguments an aggregate call aggregates: COUNT(*), COUNT() and COUNT(literal) count rows (no
 * argument); any other aggregate given `*` or nothing aggregates ROWTIME, as ksqlDB documents.
 */
export function effectiveAggregateArgs(name: string, args: readonly Expr[], star: boolean): Expr[] {
  const isCount = name.toUpperCase() === 'COUNT';
  if (isCount) return star || (args.length === 1 && args[0]!.kind === 'literal') ? [] : [...args];
  return star || args.length === 0 ? [{ kind: 'column', name: 'ROWTIME' }] : [...args];
}

/** Resolves a call of the aggregate `name`, or throws ksqlDB's error. */
export function resolveAggregate(
  name: string,
  args: readonly AggregateArg[],
  config?: FunctionConfig,
): AggregateDef {
  const spec = aggregateFunction(name);
  if (spec === undefined) throw new Error(`${name} is not an aggregate function`);
  return resolveAggregateCall(spec, args, config);
}

export function isBuiltInAggregate(name: string): boolean {
  return entries.get(name.toUpperCase())?.builtIn === true;
}
