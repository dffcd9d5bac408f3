/**
 * The untyped way to add a scalar function (kept for UDFs written before the typed registry):
 * the function computes its own result type from the argument types and accepts any arguments.
 * Typed functions are declared with `registerFunction` (`functions/`).
 */
import { registerFunction, type ScalarImpl } from './functions/index.js';
import type { SqlType } from './types.js';

export interface ScalarDef {
  returnType(args: SqlType[]): SqlType;
  impl(args: unknown[], types: SqlType[]): unknown;
  /** Called with null arguments too (COALESCE, IFNULL, CONCAT). */
  nullTolerant?: boolean;
  /**
   * A fresh implementation for each call site of each query, for a function that keeps state
   * between calls (ksqlDB instantiates a UDF per use); `impl` is used when absent.
   */
  instance?(): ScalarDef['impl'];
}

/**
 * Adds a user-defined scalar function for every engine of this process (as ksqlDB loads UDFs from
 * its extension directory at start-up). Built-in functions cannot be replaced.
 */
export function registerScalarFunction(name: string, def: ScalarDef): void {
  const adapt =
    (impl: ScalarDef['impl']): ScalarImpl =>
    (args, call) =>
      impl(args, [...call.types]);
  registerFunction({
    name: name.toUpperCase(),
    category: 'OTHER',
    description: '',
    variants: [
      {
        params: ['...ANY args'],
        returns: (types) => def.returnType(types),
        impl: adapt(def.impl.bind(def)),
        ...(def.nullTolerant === undefined ? {} : { nullTolerant: def.nullTolerant }),
      },
    ],
    ...(def.instance === undefined ? {} : { instance: () => adapt(def.instance!()) }),
  });
}
