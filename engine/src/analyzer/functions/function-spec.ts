/**
 * How a scalar function is declared: its name as ksqlDB declares it (the case its error messages
 * use, e.g. `'greatest'`), the category SHOW FUNCTIONS lists it under, and its variants — each a
 * signature, a result type and an implementation. One file per family declares its functions with
 * `scalar()`; `registry.ts` resolves calls against them.
 */
import type { SqlType } from '../types.js';

/** What an implementation is told about its call site: the argument types after implicit casts and the result type. */
export interface CallInfo {
  types: readonly SqlType[];
  returnType: SqlType;
}

export type ScalarImpl = (args: unknown[], call: CallInfo) => unknown;

export interface VariantSpec {
  /** Parameter types, optionally named (`'STRING input'`); `'...T values'` for a variadic tail. */
  params: string[];
  /**
   * The result type: a type as in `params` (generics filled from the arguments), or computed from
   * the argument types (after implicit casts) and the generics' bindings. It may throw a
   * `KsqlTypeError` to refuse a call the signature admits.
   */
  returns: string | ((args: SqlType[], generics: ReadonlyMap<string, SqlType>) => SqlType);
  impl: ScalarImpl;
  /** Called with null arguments too (COALESCE, CONCAT); otherwise any null argument gives null. */
  nullTolerant?: boolean;
  description?: string;
}

/** ksqlDB's function categories as SHOW FUNCTIONS prints them. */
export type FunctionCategory =
  | 'STRING'
  | 'MATHEMATICAL'
  | 'DATE / TIME'
  | 'JSON'
  | 'ARRAY'
  | 'MAP'
  | 'CONDITIONAL'
  | 'CONVERSIONS'
  | 'LAMBDA'
  | 'URL'
  | 'GEOGRAPHIC'
  | 'REGULAR EXPRESSION'
  | 'BYTES'
  | 'AGGREGATE'
  | 'TABLE'
  | 'OTHER';

export interface ScalarFunctionSpec {
  name: string;
  category: FunctionCategory;
  description: string;
  variants: VariantSpec[];
  /**
   * A fresh implementation per call site, for a function that keeps state between calls (ksqlDB
   * instantiates a UDF per use); replaces the variant's `impl`.
   */
  instance?: (variant: VariantSpec) => ScalarImpl;
}

/** Declares a scalar function (sugar that keeps family files readable). */
export function scalar(
  name: string,
  category: FunctionCategory,
  description: string,
  variants: VariantSpec[],
): ScalarFunctionSpec {
  return { name, category, description, variants };
}
