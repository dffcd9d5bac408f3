/**
 * Test kit for aggregate families: resolves a call as analysis does and folds rows through the
 * resolved implementation, so each family's table-driven test reads as "these rows give this".
 */
import type { SqlType } from '../types.js';
import type { FunctionConfig } from './aggregate-spec.js';
import { resolveAggregate } from './registry.js';
import type { AggregateArg } from './resolve.js';
import './index.js';

/** A column argument of type `type`. */
export const col = (type: SqlType): AggregateArg => ({ type, text: 'COL' });
/** A literal argument. */
export const lit = (type: SqlType, value: unknown): AggregateArg => ({
  type,
  literal: true,
  value,
  text: String(value),
});

/** The results after each row (rows give the column-argument values). */
export function steps(
  name: string,
  args: AggregateArg[],
  rows: unknown[][],
  config?: FunctionConfig,
): unknown[] {
  const impl = resolveAggregate(name, args, config).create();
  let acc = impl.init();
  return rows.map((r) => {
    acc = impl.add(acc, r);
    return impl.result(acc);
  });
}

/** Adds `added` then undoes `undone` (table retractions), returning the result. */
export function addThenUndo(
  name: string,
  args: AggregateArg[],
  added: unknown[][],
  undone: unknown[][],
): unknown {
  const impl = resolveAggregate(name, args).create();
  let acc = impl.init();
  for (const r of added) acc = impl.add(acc, r);
  for (const r of undone) acc = impl.undo!(acc, r);
  return impl.result(acc);
}
