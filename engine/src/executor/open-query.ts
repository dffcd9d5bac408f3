/**
 * A SELECT sent to /query or /query-stream: without EMIT a pull query (read once from the
 * materializing query's state or the topic), with EMIT CHANGES a push query (a tail of the source
 * topic, registered as transient until it ends).
 */
import { KsqlTypeError } from '../analyzer/index.js';
import type { StartPosition } from '../runtime/index.js';
import type { Select } from '../syntax/index.js';
import { prop } from './context.js';
import type { RunningQuery } from './engine.js';
import type { EngineCore } from './engine-core.js';
import { runPull } from './pull-query.js';
import { startPush } from './push-query.js';

/** Runs a pull query, or starts a push query, with the request's properties over the server's. */
export async function openQuery(
  core: EngineCore,
  select: Select,
  props: Record<string, string>,
): Promise<RunningQuery> {
  return select.emit === undefined ? openPull(core, select, props) : openPush(core, select, props);
}

async function openPull(
  core: EngineCore,
  select: Select,
  props: Record<string, string>,
): Promise<RunningQuery> {
  const scan = prop({ props }, core.config, 'ksql.query.pull.table.scan.enabled') ?? 'true';
  const result = await runPull(select, core.meta, core.store, (t) => core.materializer(t), scan !== 'false');
  async function* rows() {
    yield* result.rows;
  }
  return {
    queryId: `query_${Date.now()}`,
    kind: 'pull',
    columns: result.columns,
    rows: rows(),
    end: () => (result.limited === true ? 'limit' : result.completed ? 'completed' : 'closed'),
    close: async () => undefined,
  };
}

async function openPush(
  core: EngineCore,
  select: Select,
  props: Record<string, string>,
): Promise<RunningQuery> {
  const source = core.meta.sources.get(select.from.name);
  if (source === undefined) throw new KsqlTypeError(`${select.from.name} does not exist.`);
  const id = `transient_${source.name}_${BigInt.asUintN(63, BigInt(Math.floor(Math.random() * 2 ** 53)) * 1024n + BigInt(Math.floor(Math.random() * 1024)))}`;
  const from: StartPosition =
    (prop({ props }, core.config, 'auto.offset.reset') ?? 'latest') === 'earliest' ? 'earliest' : 'latest';
  const q = await startPush({
    id,
    select,
    source,
    store: core.store,
    from,
    onClose: () => core.transient.remove(id),
    lookup: (name) => core.meta.sources.get(name),
  });
  if (q.end() === 'open') core.transient.add(id, q, source.name);
  return q;
}
