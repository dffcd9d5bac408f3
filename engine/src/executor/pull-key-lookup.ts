/**
 * Pull-query WHERE checks when table scans are disabled (`ksql.query.pull.table.scan.enabled=false`):
 * only `key = literal` / `key IN (literals)` on every key column, optionally with window bounds.
 * Messages are ksqlDB's.
 */
import { type DataSource, KsqlTypeError, walk } from '../analyzer/index.js';
import { type Expr, printExpr } from '../syntax/index.js';

function conjuncts(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'AND' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

function hasColumn(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'column') found = true;
  });
  return found;
}

const WINDOW_BOUNDS = new Set(['WINDOWSTART', 'WINDOWEND']);

export function checkKeyLookup(where: Expr | undefined, source: DataSource): void {
  const keys = source.columns.filter((c) => c.namespace === 'KEY');
  if (where === undefined) throw new KsqlTypeError('WHERE clause missing key column for disjunct');
  const keyUses = new Map<string, number>();
  let nonKey: Expr | undefined;
  for (const c of conjuncts(where)) {
    if (c.kind === 'in') {
      if (c.operand.kind !== 'column')
        throw new KsqlTypeError('A comparison must directly reference a key column.');
      if (!keys.some((k) => k.name === (c.operand as { name: string }).name)) {
        nonKey ??= c;
        continue;
      }
      if (c.list.some(hasColumn))
        throw new KsqlTypeError('A comparison must be between a key column and a resolvable expression.');
      keyUses.set(c.operand.name, (keyUses.get(c.operand.name) ?? 0) + 1);
      continue;
    }
    if (c.kind === 'binary' && ['=', '<>', '<', '<=', '>', '>='].includes(c.op)) {
      const col = c.left.kind === 'column' ? c.left : c.right.kind === 'column' ? c.right : undefined;
      if (col === undefined || col.kind !== 'column')
        throw new KsqlTypeError('A comparison must directly reference a key column.');
      if (WINDOW_BOUNDS.has(col.name)) continue;
      const other = col === c.left ? c.right : c.left;
      const key = keys.find((k) => k.name === col.name);
      if (key === undefined) {
        nonKey ??= c;
        continue;
      }
      if (hasColumn(other))
        throw new KsqlTypeError('A comparison must be between a key column and a resolvable expression.');
      const uses = (keyUses.get(col.name) ?? 0) + 1;
      keyUses.set(col.name, uses);
      if (
        c.op !== '=' &&
        uses === 1 &&
        conjuncts(where).filter((x) => x !== c && mentions(x, col.name)).length === 0
      ) {
        throw new KsqlTypeError(
          `Bound on key columns '[\`${key.name}\` ${key.type.kind} KEY]' must currently be '='. `,
        );
      }
      continue;
    }
    nonKey ??= c;
  }
  for (const n of keyUses.values()) {
    if (n > 1)
      throw new KsqlTypeError(
        'A comparison condition on the key column cannot be combined with other comparisons such as an IN predicate',
      );
  }
  if (keyUses.size === 0) {
    throw new KsqlTypeError(
      `WHERE clause missing key column for disjunct${nonKey === undefined ? '' : `: ${printExpr(where)}`}`,
    );
  }
  if (keyUses.size < keys.length)
    throw new KsqlTypeError('Multi-column sources must specify every key in the WHERE clause');
}

function mentions(e: Expr, name: string): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'column' && x.name === name) found = true;
  });
  return found;
}

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses ksqlDB's window-bound text datetimes (`2020-02-23T23:45:12.000`, partial, with offset). */
export function parseDatetime(text: string): number | undefined {
  const m = DATETIME.exec(text.trim());
  if (m === null) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  let ms = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), Number((m[7] ?? '0').padEnd(3, '0')));
  const tz = m[8];
  if (tz !== undefined && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

/** Rewrites `WINDOWSTART >= '2020-…'` string bounds into epoch-millisecond literals. */
export function windowBoundsToMillis(e: Expr): Expr {
  const conv = (x: Expr): Expr => {
    if (x.kind === 'literal' && x.type === 'string') {
      const ms = parseDatetime(x.value);
      if (ms !== undefined) return { kind: 'literal', type: 'integer', value: String(ms) };
    }
    return x;
  };
  switch (e.kind) {
    case 'binary':
      if (e.op === 'AND' || e.op === 'OR')
        return { ...e, left: windowBoundsToMillis(e.left), right: windowBoundsToMillis(e.right) };
      if (e.left.kind === 'column' && WINDOW_BOUNDS.has(e.left.name)) return { ...e, right: conv(e.right) };
      if (e.right.kind === 'column' && WINDOW_BOUNDS.has(e.right.name)) return { ...e, left: conv(e.left) };
      return e;
    case 'between':
      if (e.operand.kind === 'column' && WINDOW_BOUNDS.has(e.operand.name))
        return { ...e, low: conv(e.low), high: conv(e.high) };
      return e;
    default:
      return e;
  }
}
