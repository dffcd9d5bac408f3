/**
 * ksqlDB's "magic" timestamps: in a WHERE clause a string literal compared with ROWTIME,
 * WINDOWSTART or WINDOWEND (`=`, `<`, …, BETWEEN) is a point in time, read as an ISO-8601
 * timestamp that may stop after any field (`'2018'`, `'2018-01-01T00:00'`) and may end in a zone
 * (`Z`, `+0445`, `-03:00`; UTC without one), and becomes that instant in epoch milliseconds.
 */
import type { Expr } from '../syntax/index.js';
import { rewrite } from './expr-walk.js';

const TIME_COLUMNS = new Set(['ROWTIME', 'WINDOWSTART', 'WINDOWEND']);
const PARTIAL_ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds of a (partial) ISO timestamp, or undefined when it is not one. */
export function partialTimestampMillis(text: string): number | undefined {
  const m = PARTIAL_ISO.exec(text.trim());
  if (m === null) return undefined;
  const n = (i: number, d: number) => (m[i] === undefined ? d : Number(m[i]));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  let t = Date.UTC(n(1, 0), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0), ms);
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const z = zone.replace(':', '');
    const offset = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
    t -= z.startsWith('-') ? -offset : offset;
  }
  return t;
}

const isTimeColumn = (e: Expr) => e.kind === 'column' && TIME_COLUMNS.has(e.name);

function asMillis(e: Expr): Expr {
  if (e.kind !== 'literal' || e.type !== 'string') return e;
  const t = partialTimestampMillis(e.value);
  return t === undefined ? e : { kind: 'literal', type: 'integer', value: String(t) };
}

/** The WHERE clause with its time-column comparisons' string literals made epoch milliseconds. */
export function rewriteMagicTimestamps(where: Expr): Expr {
  return rewrite(where, (x) => {
    if (x.kind === 'binary' && ['=', '<>', '<', '<=', '>', '>='].includes(x.op)) {
      if (isTimeColumn(x.left)) return { ...x, right: asMillis(x.right) };
      if (isTimeColumn(x.right)) return { ...x, left: asMillis(x.left) };
    }
    if (x.kind === 'between' && isTimeColumn(x.operand))
      return { ...x, low: asMillis(x.low), high: asMillis(x.high) };
    return undefined;
  });
}
