/**
 * Which types ksqlDB lets a comparison operator relate, by the left side's type: numbers with
 * numbers; STRING with STRING or a date/time type (the string is read as one); BOOLEAN, ARRAY,
 * MAP and STRUCT with their own kind under `=`, `<>` and IS [NOT] DISTINCT FROM only; DATE and
 * TIMESTAMP with each other or STRING; TIME with TIME or STRING; BYTES with BYTES. NULL literals
 * cannot be compared (use IS NULL).
 */
import { type Expr, printExpr, printType } from '../syntax/index.js';
import { isNumeric, type SqlType } from './types.js';

/** ksqlDB's name of a comparison operator in its messages. */
const OPERATOR_NAMES: Record<string, string> = {
  '=': 'EQUAL',
  '<>': 'NOT_EQUAL',
  '<': 'LESS_THAN',
  '<=': 'LESS_THAN_OR_EQUAL',
  '>': 'GREATER_THAN',
  '>=': 'GREATER_THAN_OR_EQUAL',
  'IS DISTINCT FROM': 'IS_DISTINCT_FROM',
  'IS NOT DISTINCT FROM': 'IS_NOT_DISTINCT_FROM',
};

const isTemporal = (t: SqlType) => t.kind === 'DATE' || t.kind === 'TIME' || t.kind === 'TIMESTAMP';

/** Whether `left op right` is a valid comparison (both sides typed). */
export function comparable(left: SqlType, op: string, right: SqlType): boolean {
  const equality = op === '=' || op === '<>' || op.startsWith('IS ');
  if (isNumeric(left)) return isNumeric(right);
  switch (left.kind) {
    case 'STRING':
      return right.kind === 'STRING' || isTemporal(right);
    case 'BOOLEAN':
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return right.kind === left.kind && equality;
    case 'TIME':
      return right.kind === 'TIME' || right.kind === 'STRING';
    case 'DATE':
    case 'TIMESTAMP':
      return right.kind === 'DATE' || right.kind === 'TIMESTAMP' || right.kind === 'STRING';
    case 'BYTES':
      return right.kind === 'BYTES';
    default:
      return false;
  }
}

/** The comparison as an expression, for the error's `Statement:` line. */
function comparisonExpr(op: string, left: Expr, right: Expr): Expr {
  if (op.startsWith('IS ')) return { kind: 'distinctFrom', left, right, negated: op.includes('NOT') };
  return { kind: 'binary', op: op as Extract<Expr, { kind: 'binary' }>['op'], left, right };
}

/**
 * ksqlDB's error for an invalid comparison (ending in a `Statement:` line with the comparison), or
 * undefined when `left op right` is valid.
 */
export function comparisonError(
  op: string,
  left: Expr,
  right: Expr,
  typeOf: (e: Expr) => SqlType | undefined,
): string | undefined {
  const lt = typeOf(left);
  const rt = typeOf(right);
  const name = OPERATOR_NAMES[op] ?? op;
  const statement = `\nStatement: ${printExpr(comparisonExpr(op, left, right))}`;
  if (lt === undefined || rt === undefined) {
    // IS [NOT] DISTINCT FROM is the null-safe comparison: NULL is a valid side.
    if (op.startsWith('IS ')) return undefined;
    return `Comparison with NULL not supported: ${lt === undefined ? 'NULL' : lt.kind} ${op} ${rt === undefined ? 'NULL' : rt.kind}\nUse 'IS NULL' or 'IS NOT NULL' instead.${statement}`;
  }
  if (comparable(lt, op, rt)) return undefined;
  return `Cannot compare ${printExpr(left)} (${printType(lt)}) to ${printExpr(right)} (${printType(rt)}) with ${name}.${statement}`;
}
