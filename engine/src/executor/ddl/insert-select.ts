/** INSERT INTO … SELECT: the SELECT's result schema must equal the target's; an INSERTQUERY_ query writes it. */
import { analyzeSelect, type Column, KsqlTypeError } from '../../analyzer/index.js';
import { printType, type Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import type { EngineCore } from '../engine-core.js';
import { currentStatus } from '../entities.js';
import { sinkQueryInfo } from './sink-query.js';

type InsertSelect = Extract<Statement, { kind: 'insertSelect' }>;

/** Registers the query; starts it outside the sandbox. */
export async function insertSelect(
  core: EngineCore,
  ctx: ExecContext,
  s: InsertSelect,
  text: string,
): Promise<KsqlEntity> {
  const target = ctx.meta.sources.get(s.target);
  if (target === undefined) throw new KsqlTypeError(`${s.target} does not exist.`);
  if (target.isSource)
    throw new KsqlTypeError(`Cannot insert into read-only ${target.type.toLowerCase()}: ${target.name}`);
  if (target.columns.some((c) => c.namespace === 'HEADER'))
    throw new KsqlTypeError(`Cannot insert into ${target.name} because it has header columns`);
  const from = ctx.meta.sources.get(s.query.from.name);
  if (from === undefined) throw new KsqlTypeError(`${s.query.from.name} does not exist.`);
  const q = analyzeSelect(s.query, (n) => ctx.meta.sources.get(n), { persistent: true, sinkName: s.target });
  const same =
    q.columns.length === target.columns.length &&
    q.columns.every(
      (c, i) =>
        c.name === target.columns[i]!.name &&
        printType(c.type) === printType(target.columns[i]!.type) &&
        c.namespace === target.columns[i]!.namespace,
    );
  if (!same) {
    const fmt = (cols: Column[]) =>
      cols.map((c) => `\`${c.name}\` ${printType(c.type)}${c.namespace === 'KEY' ? ' KEY' : ''}`).join(', ');
    throw new KsqlTypeError(
      `Incompatible schema between results and sink.\nResult schema is ${fmt(q.columns)}\nSink schema is ${fmt(target.columns)}`,
    );
  }
  const queryId = ctx.replay?.queryId ?? `INSERTQUERY_${ctx.seq}`;
  const info = sinkQueryInfo(queryId, text, target, s.query, q, 'INSERT');
  ctx.meta.queries.set(queryId, info);
  if (!ctx.sandbox) await core.startQuery(info, target, ctx);
  return currentStatus(
    text,
    `stream/\`${target.name}\`/create`,
    `Created query with ID ${queryId}`,
    queryId,
    ctx.seq,
  );
}
