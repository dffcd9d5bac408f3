/**
 * DROP STREAM/TABLE [IF EXISTS] [DELETE TOPIC]: refused while other queries read from the source
 * or INSERT queries write into it; stops its own queries (deleting their changelog topics).
 */
import { KsqlTypeError } from '../../analyzer/index.js';
import type { Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import type { EngineCore } from '../engine-core.js';
import { currentStatus } from '../entities.js';

type Drop = Extract<Statement, { kind: 'drop' }>;

/** Removes the source and its queries (validated only in the sandbox). */
export async function drop(core: EngineCore, ctx: ExecContext, s: Drop, text: string): Promise<KsqlEntity> {
  const src = ctx.meta.sources.get(s.name);
  const commandId = `${s.sourceType.toLowerCase()}/${s.name}/drop`;
  if (src === undefined) {
    if (s.ifExists)
      return currentStatus(text, commandId, `Source \`${s.name}\` does not exist.`, null, ctx.seq);
    throw new KsqlTypeError(`${s.sourceType === 'STREAM' ? 'Stream' : 'Table'} ${s.name} does not exist.`);
  }
  if (src.type !== s.sourceType) {
    throw new KsqlTypeError(
      `Incompatible data source type is ${src.type.toLowerCase()}, but statement was DROP ${s.sourceType.toLowerCase()}`,
    );
  }
  if (s.deleteTopic && src.isSource)
    throw new KsqlTypeError(`Cannot delete topic for read-only source: ${s.name}`);
  const readers = ctx.meta.readersOf(s.name).filter((q) => q.kind !== 'CST');
  if (readers.length > 0) {
    const sinks = readers.map((r) => r.sink ?? r.id);
    throw new KsqlTypeError(
      `Cannot drop ${s.name}.\nThe following streams and/or tables read from this source: [${sinks.join(', ')}].\nYou need to drop them before dropping ${s.name}.`,
    );
  }
  const writers = ctx.meta.writersOf(s.name);
  const inserts = writers.filter((w) => w.kind === 'INSERT');
  if (inserts.length > 0) {
    throw new KsqlTypeError(
      `Cannot drop ${s.name}.\nThe following queries write into this source: [${inserts.map((i) => i.id).join(', ')}].\nYou need to terminate them before dropping ${s.name}.`,
    );
  }
  for (const w of [...writers, ...ctx.meta.readersOf(s.name)]) {
    ctx.meta.queries.delete(w.id);
    if (!ctx.sandbox) await core.stopQuery(w.id, true);
  }
  ctx.meta.sources.delete(s.name);
  if (!ctx.sandbox && s.deleteTopic && ctx.replay === undefined) await core.store.deleteTopic(src.topic);
  return currentStatus(text, commandId, `Source ${s.name} (topic: ${src.topic}) was dropped.`, null, ctx.seq);
}
