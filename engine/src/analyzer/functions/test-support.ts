/**
 * Calls a registered function the way compiled expressions do — resolve once by argument types,
 * bind, and give null for a null argument unless the variant is null-tolerant — for the family
 * files' table-driven unit tests.
 */
import type { SqlType } from '../types.js';
import { resolveScalar } from './registry.js';

/** An argument type, or `[type, 'literal']` for a literal argument (string literal → DATE etc.). */
export type TestArg = SqlType | [SqlType, 'literal'];

export interface TestCall {
  returnType: SqlType;
  run(...values: unknown[]): unknown;
}

/** Resolves `name` for these argument types; `run` evaluates one call as a query would. */
export function callOf(name: string, ...args: TestArg[]): TestCall {
  const fn = resolveScalar(
    name,
    args.map((a) => (Array.isArray(a) ? { type: a[0], literal: true } : { type: a })),
  );
  const impl = fn.bind();
  return {
    returnType: fn.returnType,
    run: (...values) => (!fn.nullTolerant && values.some((v) => v === null) ? null : impl(values)),
  };
}
