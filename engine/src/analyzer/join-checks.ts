/**
 * ksqlDB's validation of a join before it is planned: the join order and kinds it allows, windowed
 * sources, and the ON criteria (an equality whose sides each read exactly one source, of equal
 * types, on the table's primary key where a table is joined). Messages are ksqlDB's.
 */
import { type Expr, type Join, printExpr, printType } from '../syntax/index.js';
import { mapScope, typeOf } from './expr-type.js';
import { rewrite, walk } from './expr-walk.js';
import type { DataSource } from './source.js';
import { sourceScopeOf } from './source-scope.js';
import { KsqlTypeError } from './type-error.js';
import { typeEquals } from './types.js';

export interface Side {
  alias: string;
  source: DataSource;
}

/** ksqlDB's `JoinType` text (`[INNER] JOIN`, `LEFT [OUTER] JOIN`, …). */
export function joinTypeText(type: Join['type']): string {
  switch (type) {
    case 'INNER':
      return '[INNER] JOIN';
    case 'LEFT':
      return 'LEFT [OUTER] JOIN';
    case 'RIGHT':
      return 'RIGHT [OUTER] JOIN';
    case 'FULL':
      return '[FULL] OUTER JOIN';
  }
}

/** The kinds and orders of sources ksqlDB can join. */
export function checkJoinSources([l, r]: [Side, Side], type: Join['type']): void {
  const left = l.source;
  const right = r.source;
  // Windowed tables are joined by neither primary nor foreign key here (ksqlDB refuses the latter).
  if (
    left.type === 'TABLE' &&
    right.type === 'TABLE' &&
    (left.window !== undefined || right.window !== undefined)
  )
    throw new KsqlTypeError('Foreign-key table-table joins are not supported on windowed tables.');
  if (left.name === right.name)
    throw new KsqlTypeError(
      `Can not join '${left.name}' to '${right.name}': self joins are not yet supported.`,
    );
  if (left.type === 'TABLE' && right.type === 'STREAM')
    throw new KsqlTypeError(
      `Invalid join order: table-stream joins are not supported; only stream-table joins. Got ${l.alias} ${joinTypeText(type)} ${r.alias}.`,
    );
  const kafka = [l, r].filter((s) => s.source.valueFormat === 'KAFKA').map((s) => s.source.name);
  if (kafka.length > 0)
    throw new KsqlTypeError(
      `Source(s) ${kafka.join(', ')} are using the 'KAFKA' value format. This format does not yet support JOIN.`,
    );
  if ((left.window === undefined) !== (right.window === undefined)) {
    const describe = (s: Side) =>
      `\`${s.alias}\` is ${s.source.window === undefined ? 'not windowed' : `${s.source.window.type} windowed`}`;
    throw new KsqlTypeError(
      `Can not join windowed source to non-windowed source.\n${describe(l)}\n${describe(r)}`,
    );
  }
  if (left.window !== undefined && right.window !== undefined) {
    const session = (s: DataSource) => s.window?.type === 'SESSION';
    if (session(left) !== session(right))
      throw new KsqlTypeError(
        `Incompatible windowed sources.\nLeft source: ${left.window.type}\nRight source: ${right.window.type}\nSession windowed sources can only be joined to other session windowed sources, and may still not result in expected behaviour as session bounds must be an exact match for the join to work\nHopping and tumbling windowed sources can only be joined to other hopping and tumbling windowed sources`,
      );
    if (left.type === 'TABLE' || right.type === 'TABLE')
      throw new KsqlTypeError('Joins of windowed tables are not supported by this engine.');
  }
}

const isKeyColumn = (s: Side, e: Expr) =>
  e.kind === 'column' && s.source.columns.some((c) => c.namespace === 'KEY' && c.name === e.name);

/**
 * Checks the ON clause and returns each side's join expression over its own (unqualified) columns,
 * the left source's first.
 */
export function checkJoinCriteria(sides: [Side, Side], j: Join): { lk: Expr; rk: Expr; foreignKey: boolean } {
  const on = j.on;
  if (on.kind === 'binary' && (on.op === 'AND' || on.op === 'OR'))
    throw new KsqlTypeError(
      `Invalid join condition: joins on multiple conditions are not yet supported. Got ${printExpr(on)}.`,
    );
  if (on.kind !== 'binary' || on.op !== '=')
    throw new KsqlTypeError(`Unsupported join expression: ${printExpr(on)}. Only equi-joins are supported.`);
  // Which sides an expression reads, checking that every column it names exists.
  const sidesOf = (e: Expr): Set<Side> => {
    const found = new Set<Side>();
    walk(e, (x) => {
      if (x.kind !== 'column') return;
      if (x.source !== undefined) {
        const side = sides.find((s) => s.alias === x.source || s.source.name === x.source);
        if (side === undefined)
          throw new KsqlTypeError(`'${x.source}' is not a valid stream/table name or alias.`);
        if (!sourceScopeOf(side.source).has(x.name))
          throw new KsqlTypeError(`JOIN ON column '${x.source}.${x.name}' cannot be resolved.`);
        found.add(side);
        return;
      }
      const owners = sides.filter((s) => s.source.columns.some((c) => c.name === x.name));
      if (owners.length > 1)
        throw new KsqlTypeError(
          `Column '${x.name}' is ambiguous. Could be ${owners.map((o) => `${o.alias}.${x.name}`).join(' or ')}.`,
        );
      if (owners.length === 0) throw new KsqlTypeError(`JOIN ON column '${x.name}' cannot be resolved.`);
      found.add(owners[0]!);
    });
    return found;
  };
  // Unknown qualifiers are reported before anything else.
  walk(on, (x) => {
    if (
      x.kind === 'column' &&
      x.source !== undefined &&
      !sides.some((s) => s.alias === x.source || s.source.name === x.source)
    )
      throw new KsqlTypeError(`'${x.source}' is not a valid stream/table name or alias.`);
  });
  const a = sidesOf(on.left);
  const b = sidesOf(on.right);
  for (const [e, s] of [
    [on.left, a],
    [on.right, b],
  ] as const)
    if (s.size !== 1)
      throw new KsqlTypeError(
        `Invalid comparison expression '${printExpr(e)}' in join '${printExpr(on)}'. Each side of the join comparision must contain references from exactly one source.`,
      );
  const sa = [...a][0]!;
  const sb = [...b][0]!;
  if (sa === sb)
    throw new KsqlTypeError(
      `Each side of the join must reference exactly one source and not the same source. Left side references \`${sa.alias}\` and right references \`${sb.alias}\``,
    );
  const unqualify = (e: Expr): Expr =>
    rewrite(e, (x) =>
      x.kind === 'column' && x.source !== undefined ? { kind: 'column', name: x.name } : undefined,
    );
  const qualify = (e: Expr, s: Side): Expr =>
    rewrite(e, (x) => (x.kind === 'column' ? { kind: 'column', source: s.alias, name: x.name } : undefined));
  const flipped = sa === sides[1];
  const lk = unqualify(flipped ? on.right : on.left);
  const rk = unqualify(flipped ? on.left : on.right);
  const [l, r] = sides;
  const written = `${printExpr(qualify(unqualify(on.left), sa))} = ${printExpr(qualify(unqualify(on.right), sb))}`;
  const lt = typeOf(lk, mapScope(sourceScopeOf(l.source)));
  const rt = typeOf(rk, mapScope(sourceScopeOf(r.source)));
  if (!typeEquals(lt, rt)) {
    const [ta, tb] = flipped ? [rt, lt] : [lt, rt];
    throw new KsqlTypeError(
      `Invalid join condition: types don't match. Got ${printExpr(qualify(unqualify(on.left), sa))}{${printType(ta)}} = ${printExpr(qualify(unqualify(on.right), sb))}{${printType(tb)}}.`,
    );
  }
  const rightKeys = r.source.columns.filter((c) => c.namespace === 'KEY').length;
  if (r.source.type === 'TABLE' && (!isKeyColumn(r, rk) || rightKeys !== 1)) {
    if (l.source.type === 'STREAM')
      throw new KsqlTypeError(
        `Invalid join condition: stream-table joins require to join on the table's primary key. Got ${written}.`,
      );
    throw new KsqlTypeError(
      `Invalid join condition: table-table joins require to join on the primary key of the right input table. Got ${written}.`,
    );
  }
  if (l.source.type === 'TABLE' && r.source.type === 'TABLE') {
    const leftKeys = l.source.columns.filter((c) => c.namespace === 'KEY').length;
    if (!isKeyColumn(l, lk) || leftKeys !== 1) {
      if (j.type === 'RIGHT') throw new KsqlTypeError('RIGHT OUTER JOIN on a foreign key is not supported');
      if (j.type === 'FULL') throw new KsqlTypeError('FULL OUTER JOIN on a foreign key is not supported');
      return { lk, rk, foreignKey: true };
    }
  }
  return { lk, rk, foreignKey: false };
}
