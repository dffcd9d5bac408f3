/**
 * ksqlDB's "magic" pseudo-timestamp rewrite of a WHERE clause: a string literal compared with
 * ROWTIME, WINDOWSTART or WINDOWEND (`ROWTIME > '2018-01-01T00:00:00.001'`, `WINDOWSTART BETWEEN
 * '2020-02-10' AND …`) is read as a partial ISO timestamp and replaced by its epoch millis, so
 * the comparison is between BIGINTs.
 */
import type { Expr } from '../syntax/index.js';
import { parsePartialTimestamp } from './functions/index.js';
import { KsqlTypeError } from './type-error.js';

const TIMESTAMP_COLUMNS = new Set(['ROWTIME', 'WINDOWSTART', 'WINDOWEND']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

const isTimestampColumn = (e: Expr) => e.kind === 'column' && TIMESTAMP_COLUMNS.has(e.name);

function toMillis(e: Expr): Expr {
  if (e.kind !== 'literal' || e.type !== 'string') return e;
  try {
    return { kind: 'literal', type: 'integer', value: String(parsePartialTimestamp(e.value)) };
  } catch (err) {
    throw new KsqlTypeError((err as Error).message);
  }
}

/** The expression with every string compared to a pseudo timestamp column replaced by its millis. */
export function rewriteMagicTimestamps(e: Expr): Expr {
  switch (e.kind) {
    case 'binary':
      if (COMPARISONS.has(e.op)) {
        if (isTimestampColumn(e.left)) return { ...e, right: toMillis(e.right) };
        if (isTimestampColumn(e.right)) return { ...e, left: toMillis(e.left) };
        return e;
      }
      return { ...e, left: rewriteMagicTimestamps(e.left), right: rewriteMagicTimestamps(e.right) };
    case 'unary':
      return { ...e, operand: rewriteMagicTimestamps(e.operand) };
    case 'between':
      return isTimestampColumn(e.operand) ? { ...e, low: toMillis(e.low), high: toMillis(e.high) } : e;
    default:
      return e;
  }
}
