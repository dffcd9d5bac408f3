/**
 * Joins: a `FROM a JOIN b ON …` is analyzed as a SELECT over a virtual source whose columns are
 * both sides' columns prefixed by the side's alias (`I1_K`, `I1_ID`, `I2_K`, …, as ksqlDB names
 * them in `SELECT *`), plus each side's `ROWTIME`/`ROWPARTITION`/`ROWOFFSET` (`I1_ROWTIME`).
 * Qualified references `I1.K` become `I1_K`; unqualified ones resolve when only one side has the
 * column. The virtual source's key is the left side's join column. Two windowed streams join on key
 * and window; the result is windowed by the left side's window and carries each side's bounds.
 */
import { type Expr, type Join, printExpr, type Select } from '../syntax/index.js';
import { rewrite } from './expr-walk.js';
import type { Column, DataSource } from './source.js';
import { KsqlTypeError } from './type-error.js';
import { T } from './types.js';

export interface JoinSide {
  source: DataSource;
  alias: string;
  /** The side's join expression over its own (unprefixed) columns. */
  key: Expr;
}

export interface JoinInfo {
  type: Join['type'];
  left: JoinSide;
  right: JoinSide;
  /** Stream-stream joins: `WITHIN` bounds in ms (before / after the left record's time). */
  within?: { before: number; after: number; grace?: number };
}

/** Each side's pseudo columns, which a joined row carries prefixed (`S1_ROWTIME`). */
export const JOIN_PSEUDO_COLUMNS = ['ROWTIME', 'ROWPARTITION', 'ROWOFFSET'] as const;
/** A windowed side's window bounds, which a joined row carries prefixed (`S1_WINDOWSTART`). */
export const WINDOW_BOUNDS = ['WINDOWSTART', 'WINDOWEND'] as const;

/** A side's column in the joined row: `<alias>_<name>`. */
export function joinedColumn(alias: string, name: string): string {
  return `${alias}_${name}`;
}

/** Builds the virtual source and rewrites the SELECT over it. */
export function analyzeJoin(
  select: Select,
  left: DataSource,
  right: DataSource,
): { select: Select; source: DataSource; join: JoinInfo } {
  const j = select.joins[0]!;
  if (select.joins.length > 1)
    throw new KsqlTypeError('Only one JOIN per query is supported by this engine.');
  if (
    left.type === 'TABLE' &&
    right.type === 'TABLE' &&
    (left.window !== undefined || right.window !== undefined)
  ) {
    throw new KsqlTypeError('Foreign-key table-table joins are not supported on windowed tables.');
  }
  if (left.type === 'TABLE' && right.type === 'STREAM')
    throw new KsqlTypeError(
      'Invalid join order: table-stream joins are not supported; only stream-table joins. Got ' +
        `${left.name} [TABLE] ${j.type} JOIN ${right.name} [STREAM].`,
    );
  if (left.type === 'TABLE' || right.type === 'TABLE') {
    if (left.type === 'TABLE') throw new KsqlTypeError('Table-table joins are not supported by this engine.');
  }
  // Windowed streams join on their windowed keys (key and window), as Kafka Streams compares the
  // windowed key bytes; a windowed source with an unwindowed one, or a windowed table, is refused.
  const windowed = left.window !== undefined && right.window !== undefined;
  if ((left.window !== undefined || right.window !== undefined) && !(windowed && right.type === 'STREAM'))
    throw new KsqlTypeError('Joins of windowed sources are not supported by this engine.');
  const la = select.from.alias ?? left.name;
  const ra = j.right.alias ?? right.name;
  if (left.type === 'STREAM' && right.type === 'STREAM' && j.within === undefined) {
    throw new KsqlTypeError(
      'Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn about how to specify a WITHIN clause with a stream-stream join, please visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select',
    );
  }
  const sides = [
    { alias: la, source: left },
    { alias: ra, source: right },
  ];
  const owner = (name: string, qualifier: string | undefined) => {
    if (qualifier !== undefined) {
      const side = sides.find((s) => s.alias === qualifier || s.source.name === qualifier);
      if (side === undefined)
        throw new KsqlTypeError(`'${qualifier}' is not a valid stream/table name or alias.`);
      return side;
    }
    const found = sides.filter((s) => s.source.columns.some((c) => c.name === name));
    if (found.length > 1)
      throw new KsqlTypeError(
        `Column '${name}' is ambiguous. Could be ${found.map((f) => `${f.alias}.${name}`).join(' or ')}.`,
      );
    return found[0];
  };
  const prefixAll = (e: Expr): Expr =>
    rewrite(e, (x) => {
      if (x.kind !== 'column') return undefined;
      if (
        x.source === undefined &&
        (x.name === 'ROWTIME' || x.name === 'WINDOWSTART' || x.name === 'WINDOWEND')
      )
        return undefined;
      const side = owner(x.name, x.source);
      if (side === undefined) return undefined;
      return { kind: 'column', name: joinedColumn(side.alias, x.name) };
    });
  // The ON clause: `l.x = r.y` (either order).
  if (j.on.kind !== 'binary' || j.on.op !== '=')
    throw new KsqlTypeError(
      `Unsupported join expression: ${printExpr(j.on)}. Only equi-joins are supported.`,
    );
  const sideOf = (e: Expr) => {
    let s: (typeof sides)[number] | undefined;
    rewrite(e, (x) => {
      if (x.kind === 'column') s ??= owner(x.name, x.source);
      return undefined;
    });
    return s;
  };
  const unqualify = (e: Expr): Expr =>
    rewrite(e, (x) =>
      x.kind === 'column' && x.source !== undefined ? { kind: 'column', name: x.name } : undefined,
    );
  let lk = j.on.left;
  let rk = j.on.right;
  if (sideOf(lk)?.alias === ra) [lk, rk] = [rk, lk];
  if (sideOf(lk)?.alias !== la || sideOf(rk)?.alias !== ra)
    throw new KsqlTypeError(
      `Invalid comparison expression '${printExpr(j.on)}' in join '${printExpr(j.on)}'. Each side of the join comparision must contain references from exactly one source.`,
    );
  if (right.type === 'TABLE') {
    const keys = right.columns.filter((c) => c.namespace === 'KEY');
    const rkey = unqualify(rk);
    if (keys.length !== 1 || rkey.kind !== 'column' || rkey.name !== keys[0]!.name) {
      throw new KsqlTypeError(
        `Cannot repartition a TABLE source. If this is a join, make sure that the criteria uses the TABLE's key column ${keys[0]?.name ?? ''} instead of ${printExpr(rk)}`,
      );
    }
  }
  const columns: Column[] = [];
  for (const s of sides) {
    const keys = s.source.columns.filter((c) => c.namespace === 'KEY');
    const values = s.source.columns.filter((c) => c.namespace !== 'KEY');
    for (const c of keys)
      columns.push({ name: joinedColumn(s.alias, c.name), type: c.type, namespace: 'VALUE' });
    // A windowed side's window bounds follow its key columns (`S1_WINDOWSTART`, `S1_WINDOWEND`).
    if (s.source.window !== undefined)
      for (const bound of WINDOW_BOUNDS)
        columns.push({ name: joinedColumn(s.alias, bound), type: T.BIGINT, namespace: 'VALUE' });
    for (const c of values)
      columns.push({ name: joinedColumn(s.alias, c.name), type: c.type, namespace: 'VALUE' });
  }
  const pseudo: Column[] = [];
  for (const s of sides)
    for (const p of JOIN_PSEUDO_COLUMNS)
      pseudo.push({
        name: joinedColumn(s.alias, p),
        type: p === 'ROWPARTITION' ? T.INTEGER : T.BIGINT,
        namespace: 'VALUE',
      });
  const lkey = unqualify(lk);
  const keyName = lkey.kind === 'column' ? `${la}_${lkey.name}` : undefined;
  if (keyName !== undefined) {
    const k = columns.find((c) => c.name === keyName);
    if (k !== undefined) k.namespace = 'KEY';
  }
  const source: DataSource = {
    name: `${la}_${ra}`,
    type: 'STREAM',
    columns: [
      ...columns.filter((c) => c.namespace === 'KEY'),
      ...columns.filter((c) => c.namespace === 'VALUE'),
    ],
    topic: left.topic,
    keyFormat: left.keyFormat,
    valueFormat: left.valueFormat,
    isSource: false,
    sql: '',
  };
  source.hidden = pseudo;
  // The joined rows carry the left side's window: the result is windowed like its sources.
  if (windowed && left.window !== undefined) source.window = left.window;
  const rewritten: Select = {
    ...select,
    joins: [],
    from: { name: source.name },
    items: select.items.map((i) => {
      if (i.kind === 'all') return i.source === undefined ? i : { kind: 'all' };
      return i.alias === undefined
        ? { kind: 'expr', expr: prefixAll(i.expr) }
        : { kind: 'expr', expr: prefixAll(i.expr), alias: i.alias };
    }),
  };
  if (select.where !== undefined) rewritten.where = prefixAll(select.where);
  if (select.groupBy !== undefined) rewritten.groupBy = select.groupBy.map(prefixAll);
  if (select.partitionBy !== undefined) rewritten.partitionBy = select.partitionBy.map(prefixAll);
  if (select.having !== undefined) rewritten.having = prefixAll(select.having);
  const join: JoinInfo = {
    type: j.type,
    left: { source: left, alias: la, key: unqualify(lk) },
    right: { source: right, alias: ra, key: unqualify(rk) },
  };
  if (j.within !== undefined) join.within = j.within;
  return { select: rewritten, source, join };
}
