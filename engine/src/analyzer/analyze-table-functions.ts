/**
 * Table functions in a SELECT (ksqlDB's UDTFs): each call is lifted out of the projection into a
 * `$TF_i` slot that the runtime fills with one element of the call's list per output row (several
 * table functions zip, to the longest list, shorter ones giving NULL). Raises ksqlDB's errors:
 * table functions cannot aggregate and cannot read a table source.
 */
import type { Expr } from '../syntax/index.js';
import type { TableFunctionCall } from './analyzed-query.js';
import { callArgs, type TypeScope, typeOf } from './expr-type.js';
import { rewrite, walk } from './expr-walk.js';
import type { NamedExpr } from './projection-names.js';
import type { DataSource } from './source.js';
import { resolveTableFunction, tableFunction } from './table-functions/index.js';
import { KsqlTypeError } from './type-error.js';

/** Whether an expression calls a table function anywhere. */
export function containsTableFunction(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && tableFunction(x.name) !== undefined) found = true;
  });
  return found;
}

/** The projection with its table function calls lifted into slots, and the scope that types them. */
export interface LiftedTableFunctions {
  named: NamedExpr[];
  calls: TableFunctionCall[];
  scope: TypeScope;
}

/** Lifts the table function calls of a projection (which must not aggregate) over `source`. */
export function liftTableFunctions(
  named: NamedExpr[],
  scope: TypeScope,
  source: DataSource,
  aggregates: boolean,
): LiftedTableFunctions {
  if (!named.some((n) => containsTableFunction(n.expr))) return { named, calls: [], scope };
  if (aggregates) throw new KsqlTypeError('Table functions cannot be used with aggregations.');
  if (source.type === 'TABLE') throw new KsqlTypeError('Table source is not supported with table functions');
  const calls: TableFunctionCall[] = [];
  const lifted = named.map((n) => ({
    name: n.name,
    expr: rewrite(n.expr, (x) => {
      if (x.kind !== 'call' || tableFunction(x.name) === undefined) return undefined;
      const types = x.args.map((a) => typeOf(a, scope));
      const fn = resolveTableFunction(x.name, callArgs(x.args, types));
      const slot = `$TF_${calls.length}`;
      calls.push({ slot, args: x.args, argTypes: types, fn, type: fn.returnType });
      return { kind: 'column', name: slot };
    }),
  }));
  return { named: lifted, calls, scope: tableFunctionScope(calls, scope) };
}

/** The source scope with the table functions' slots, for the projection that reads them. */
export function tableFunctionScope(calls: readonly TableFunctionCall[], scope: TypeScope): TypeScope {
  const slots = new Map(calls.map((c) => [c.slot, c.type]));
  return {
    column: (name, src) => (src === undefined ? slots.get(name) : undefined) ?? scope.column(name, src),
  };
}
