/**
 * TERMINATE <id> | ALL: stops persistent queries (ids matched case-insensitively, changelog topics
 * deleted) or closes a push query; ALL spares source-table queries and closes every push query.
 */
import { KsqlTypeError } from '../../analyzer/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import type { EngineCore } from '../engine-core.js';
import { currentStatus, entity } from '../entities.js';

/** Terminates the query (validated only in the sandbox). */
export async function terminate(
  core: EngineCore,
  ctx: ExecContext,
  queryId: string,
  text: string,
): Promise<KsqlEntity> {
  if (queryId === 'ALL') {
    for (const q of [...ctx.meta.queries.values()]) {
      if (q.kind === 'CST') continue;
      ctx.meta.queries.delete(q.id);
      if (!ctx.sandbox) await core.stopQuery(q.id, true);
    }
    if (!ctx.sandbox) await core.closeAllTransient();
    return currentStatus(text, 'terminate/ALL/execute', 'Query terminated.', null, ctx.seq);
  }
  const id = ctx.meta.queries.has(queryId)
    ? queryId
    : ([...ctx.meta.queries.keys()].find((k) => k.toUpperCase() === queryId.toUpperCase()) ?? queryId);
  if (!ctx.meta.queries.has(id)) {
    if (core.transientIds().includes(queryId) || core.transientIds().includes(queryId.toLowerCase())) {
      const tid = core.transientIds().includes(queryId) ? queryId : queryId.toLowerCase();
      if (!ctx.sandbox) await core.closeQuery(tid);
      return entity('terminate_query', text, { queryId: tid, wasTerminated: true });
    }
    throw new KsqlTypeError(`Unknown queryId: ${queryId}`);
  }
  ctx.meta.queries.delete(id);
  if (!ctx.sandbox) await core.stopQuery(id, true);
  return currentStatus(text, `terminate/${id}/execute`, 'Query terminated.', null, ctx.seq);
}
