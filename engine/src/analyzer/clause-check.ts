/**
 * Type checks of a query's clauses with ksqlDB's framing of their errors: a WHERE / HAVING
 * expression must be BOOLEAN ("Type error in WHERE expression: Should evaluate to boolean …"), its
 * type errors read "Error in WHERE expression: …", and errors ksqlDB finds only while generating
 * code (`KsqlCodegenError`) read "Invalid Predicate: …" there and "Invalid Select: …" in the
 * projection.
 */
import { type Expr, printExpr, printType } from '../syntax/index.js';
import { NULL_TYPE, type TypeScope, typeOf } from './expr-type.js';
import { KsqlCodegenError, KsqlTypeError } from './type-error.js';
import type { SqlType } from './types.js';

/** Name-resolution errors, which ksqlDB reports as they are. */
const UNWRAPPED = /^(Cannot resolve column|Can't find any functions)/;

/** Checks a WHERE or HAVING predicate over `scope`. */
export function checkPredicate(clause: 'WHERE' | 'HAVING', e: Expr, scope: TypeScope): void {
  let t: SqlType;
  try {
    t = typeOf(e, scope);
  } catch (err) {
    if (err instanceof KsqlCodegenError) throw new KsqlTypeError(`Invalid Predicate: ${err.message}`);
    if (err instanceof KsqlTypeError && !UNWRAPPED.test(err.message))
      throw new KsqlTypeError(`Error in ${clause} expression: ${err.message}`);
    throw err;
  }
  if (t.kind !== 'BOOLEAN' && t !== NULL_TYPE)
    throw new KsqlTypeError(
      `Type error in ${clause} expression: Should evaluate to boolean but is ${printExpr(e)} (${printType(t)}) instead.`,
    );
}

/** The type of a projection item over `scope` (an unknown column: "SELECT column 'X' cannot be resolved."). */
export function selectItemType(e: Expr, scope: TypeScope): SqlType {
  try {
    return typeOf(e, scope);
  } catch (err) {
    if (err instanceof KsqlCodegenError) throw new KsqlTypeError(`Invalid Select: ${err.message}`);
    const unknown = err instanceof KsqlTypeError ? /^Cannot resolve column (\S+)$/.exec(err.message) : null;
    if (unknown !== null) throw new KsqlTypeError(`SELECT column '${unknown[1]}' cannot be resolved.`);
    throw err;
  }
}
