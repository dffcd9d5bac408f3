/**
 * Test helper for the family tests: calls a built-in function by name with typed argument values
 * through the registry, as the evaluator does (nulls short-circuit unless the variant tolerates
 * them). Not used by the engine.
 */
import type { SqlType } from '../types.js';
import { resolveScalar } from './index.js';

/** An argument: its SQL type and value (`literal` marks a literal for implicit string casts). */
export interface TestArg {
  type: SqlType;
  value: unknown;
  literal?: boolean;
}

/** Resolves `name` for the arguments' types and evaluates it on their values. */
export function callFunction(name: string, ...args: TestArg[]): unknown {
  const fn = resolveScalar(
    name,
    args.map((a) => ({ type: a.type, literal: a.literal === true })),
  );
  const values = args.map((a) => a.value);
  if (!fn.nullTolerant && values.some((v) => v === null)) return null;
  return fn.bind()(values);
}

/** The result type of `name` over these argument types. */
export function returnTypeOf(name: string, ...types: SqlType[]): SqlType {
  return resolveScalar(
    name,
    types.map((type) => ({ type })),
  ).returnType;
}
