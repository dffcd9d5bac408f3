/**
 * Joins: a `FROM a JOIN b ON …` is analyzed as a SELECT over a virtual source whose columns are
 * both sides' columns prefixed by the side's alias (`I1_K`, `I1_ID`, `I2_K`, …, as ksqlDB names
 * them), plus each side's `ROWTIME`/`ROWPARTITION`/`ROWOFFSET` (`I1_ROWTIME`), plus the join key
 * (see `join-key.ts`). Qualified references `I1.K` become `I1_K`; unqualified ones resolve when only
 * one side has the column. As in ksqlDB, an unaliased column keeps its name unless both sides have
 * a column of that name (then `I1_K`); `*` and `I1.*` expand to prefixed names. Two windowed streams
 * join on key and window; the result is windowed by the left side's window.
 */
import type { Expr, Join, Select, SelectItem } from '../syntax/index.js';
import { mapScope, typeOf } from './expr-type.js';
import { rewrite } from './expr-walk.js';
import { checkJoinCriteria, checkJoinSources, joinTypeText, type Side } from './join-checks.js';
import { JOIN_KEY_COLUMN, type JoinKeyRule, SYNTHETIC_KEY } from './join-key.js';
import type { Column, DataSource } from './source.js';
import { sourceScopeOf } from './source-scope.js';
import { KsqlTypeError } from './type-error.js';
import { T } from './types.js';

export type { JoinKeyRule } from './join-key.js';
export { JOIN_KEY_COLUMN, joinKeyNames, SYNTHETIC_KEY } from './join-key.js';

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
  /** The joined row's key column and the projections that name it. */
  key: JoinKeyRule;
  /** A table-table join on a left value expression (the right table's primary key). */
  foreignKey?: boolean;
}

/** Each side's pseudo columns, which a joined row carries prefixed (`S1_ROWTIME`). */
export const JOIN_PSEUDO_COLUMNS = ['ROWTIME', 'ROWPARTITION', 'ROWOFFSET'] as const;
/** A windowed side's window bounds, which a joined row carries prefixed (`S1_WINDOWSTART`). */
export const WINDOW_BOUNDS = ['WINDOWSTART', 'WINDOWEND'] as const;

/** A side's column in the joined row: `<alias>_<name>`. */
export function joinedColumn(alias: string, name: string): string {
  return `${alias}_${name}`;
}

/** A side's columns in the joined row, in ksqlDB's `SELECT *` order: keys, window bounds, values. */
function sideColumns(s: Side): Column[] {
  const out: Column[] = [];
  const at = (c: Column) => ({
    name: joinedColumn(s.alias, c.name),
    type: c.type,
    namespace: 'VALUE' as const,
  });
  for (const c of s.source.columns) if (c.namespace === 'KEY') out.push(at(c));
  if (s.source.window !== undefined)
    for (const bound of WINDOW_BOUNDS) out.push(at({ name: bound, type: T.BIGINT, namespace: 'VALUE' }));
  for (const c of s.source.columns) if (c.namespace !== 'KEY') out.push(at(c));
  return out;
}

/**
 * The synthetic key's name: `ROWKEY`, or when a source has a column of that name `ROWKEY_<n>` past
 * the highest such suffix any source uses (ksqlDB's `ColumnNames.generateSyntheticJoinKey`).
 */
function syntheticKeyName(sides: Side[]): string {
  const names = sides.flatMap((s) => s.source.columns.map((c) => c.name));
  if (!names.includes(SYNTHETIC_KEY)) return SYNTHETIC_KEY;
  let max = 0;
  for (const n of names) {
    const m = /^ROWKEY_(\d+)$/.exec(n);
    if (m !== null) max = Math.max(max, Number(m[1]));
  }
  return `${SYNTHETIC_KEY}_${max + 1}`;
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
  const la = select.from.alias ?? left.name;
  const ra = j.right.alias ?? right.name;
  const sides: [Side, Side] = [
    { alias: la, source: left },
    { alias: ra, source: right },
  ];
  checkJoinSources(sides, j.type);
  const { lk, rk, foreignKey } = checkJoinCriteria(sides, j);
  if (left.type === 'STREAM' && right.type === 'STREAM' && j.within === undefined) {
    throw new KsqlTypeError(
      'Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn about how to specify a WITHIN clause with a stream-stream join, please visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select',
    );
  }
  if (left.type === 'STREAM' && right.type === 'TABLE' && (j.type === 'FULL' || j.type === 'RIGHT'))
    throw new KsqlTypeError(
      `Invalid join type: ${j.type === 'FULL' ? 'full-outer' : 'right'} join not supported for stream-table join. Got ${left.name} ${joinTypeText(j.type)} ${right.name}.`,
    );
  const windowed = left.window !== undefined && right.window !== undefined;

  // Names: a column name of more than one side is prefixed wherever it is selected unaliased.
  const counts = new Map<string, number>();
  for (const s of sides)
    for (const n of new Set([...s.source.columns.map((c) => c.name), ...JOIN_PSEUDO_COLUMNS]))
      counts.set(n, (counts.get(n) ?? 0) + 1);
  const clashing = (name: string) => (counts.get(name) ?? 0) > 1;
  const owner = (name: string, qualifier: string | undefined): Side | undefined => {
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

  // The join key: the left side's expression, or the synthetic ROWKEY (FULL OUTER, or no side a column).
  const keyType = typeOf(lk, mapScope(sourceScopeOf(left)));
  const viable = [
    { side: sides[0], e: lk },
    { side: sides[1], e: rk },
  ].filter((v) => v.e.kind === 'column');
  const rowkey = syntheticKeyName(sides);
  const synthetic = !foreignKey && (j.type === 'FULL' || viable.length === 0);
  const key: JoinKeyRule = synthetic
    ? {
        column: rowkey,
        synthetic,
        exprs: [{ kind: 'column', name: rowkey }],
        printed: [rowkey],
      }
    : {
        column: JOIN_KEY_COLUMN,
        synthetic,
        exprs: viable.map((v) => ({
          kind: 'column',
          name: joinedColumn(v.side.alias, (v.e as { name: string }).name),
        })),
        printed: viable.map((v) => `${v.side.alias}.${(v.e as { name: string }).name}`),
      };

  const columns: Column[] = [];
  for (const s of sides) columns.push(...sideColumns(s));
  if (foreignKey) {
    // A foreign-key join's rows are keyed by the left table's primary key.
    const leftKeys = left.columns.filter((c) => c.namespace === 'KEY');
    key.foreignKey = {
      table: left.name,
      columns: leftKeys.map((c) => ({ joined: joinedColumn(la, c.name), name: c.name })),
    };
    for (const c of columns) if (key.foreignKey.columns.some((k) => k.joined === c.name)) c.namespace = 'KEY';
    columns.sort((a, b) => (a.namespace === 'KEY' ? 0 : 1) - (b.namespace === 'KEY' ? 0 : 1));
  } else columns.unshift({ name: key.column, type: keyType, namespace: 'KEY' });
  const pseudo: Column[] = [];
  for (const s of sides)
    for (const p of JOIN_PSEUDO_COLUMNS)
      pseudo.push({
        name: joinedColumn(s.alias, p),
        type: p === 'ROWPARTITION' ? T.INTEGER : T.BIGINT,
        namespace: 'VALUE',
      });
  const source: DataSource = {
    name: `${la}_${ra}`,
    type: left.type === 'TABLE' && right.type === 'TABLE' ? 'TABLE' : 'STREAM',
    columns,
    topic: left.topic,
    keyFormat: left.keyFormat,
    valueFormat: left.valueFormat,
    isSource: false,
    sql: '',
  };
  source.hidden = pseudo;
  // The joined rows carry the left side's window: the result is windowed like its sources.
  if (windowed && left.window !== undefined) source.window = left.window;

  const items: SelectItem[] = [];
  const star = (s: Side) => {
    for (const c of sideColumns(s))
      items.push({ kind: 'expr', expr: { kind: 'column', name: c.name }, alias: c.name });
  };
  for (const i of select.items) {
    if (i.kind === 'all') {
      if (i.source === undefined) {
        if (synthetic) items.push({ kind: 'expr', expr: { kind: 'column', name: rowkey }, alias: rowkey });
        for (const s of sides) star(s);
      } else {
        const s = owner('', i.source)!;
        star(s);
      }
      continue;
    }
    const expr = prefixAll(i.expr);
    if (i.alias !== undefined) items.push({ kind: 'expr', expr, alias: i.alias });
    else if (i.expr.kind === 'column' && expr.kind === 'column' && expr.name !== i.expr.name)
      items.push({ kind: 'expr', expr, alias: clashing(i.expr.name) ? expr.name : i.expr.name });
    else items.push({ kind: 'expr', expr });
  }
  const rewritten: Select = { ...select, joins: [], from: { name: source.name }, items };
  if (select.where !== undefined) rewritten.where = prefixAll(select.where);
  if (select.groupBy !== undefined) rewritten.groupBy = select.groupBy.map(prefixAll);
  if (select.partitionBy !== undefined) rewritten.partitionBy = select.partitionBy.map(prefixAll);
  if (select.having !== undefined) rewritten.having = prefixAll(select.having);
  const join: JoinInfo = {
    type: j.type,
    left: { source: left, alias: la, key: lk },
    right: { source: right, alias: ra, key: rk },
    key,
  };
  if (j.within !== undefined) join.within = j.within;
  if (foreignKey) join.foreignKey = true;
  return { select: rewritten, source, join };
}
