/** SHOW / LIST / DESCRIBE / EXPLAIN: read-only statements answered from the metastore. */
import { KsqlTypeError } from '../analyzer/index.js';
import { explain } from '../planner/index.js';
import type { Statement } from '../syntax/index.js';
import type { ExecContext } from './context.js';
import type { KsqlEntity } from './engine.js';
import type { EngineCore } from './engine-core.js';
import { entity, fieldSchema, runningQuery, sourceDescription, sourceListing } from './entities.js';
import { functionNames } from './function-entities.js';
import { planOf } from './query-registry.js';

type Show = Extract<Statement, { kind: 'show' }>;

const HIDDEN_TOPICS =
  /^(_confluent.*|__confluent.*|_schemas|__consumer_offsets|__transaction_state|connect-.*)$/;

export async function show(core: EngineCore, ctx: ExecContext, s: Show, text: string): Promise<KsqlEntity> {
  const sources = [...ctx.meta.sources.values()].sort((a, b) => a.name.localeCompare(b.name));
  switch (s.what) {
    case 'STREAMS':
    case 'TABLES': {
      const type = s.what === 'STREAMS' ? 'STREAM' : 'TABLE';
      const list = sources.filter((x) => x.type === type);
      if (s.extended) {
        const descriptions = [];
        for (const src of list) descriptions.push(await describeSource(core, ctx, src.name, true));
        return entity('source_descriptions', text, { sourceDescriptions: descriptions });
      }
      return entity(s.what.toLowerCase(), text, { [s.what.toLowerCase()]: list.map(sourceListing) });
    }
    case 'QUERIES': {
      const queries = [...ctx.meta.queries.values()].map((q) => runningQuery(q, core.queryState(q.id)));
      for (const t of core.transientInfo()) queries.push(t);
      return entity('queries', text, { queries });
    }
    case 'TOPICS': {
      const topics = (await core.store.listTopics())
        .filter((t) => s.all || !HIDDEN_TOPICS.test(t.name))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({ name: t.name, replicaInfo: Array.from({ length: t.partitions }, () => t.replicas) }));
      return entity('kafka_topics', text, { topics });
    }
    case 'PROPERTIES': {
      const all = { ...core.defaultProperties(), ...core.config };
      const properties = Object.entries(all).map(([name, value]) => ({
        name,
        scope: name.startsWith('ksql.streams.') ? 'STREAMS' : 'KSQL',
        value,
        editable: true,
        level: 'SERVER',
      }));
      for (const [name, value] of Object.entries(ctx.props))
        properties.push({ name, scope: 'KSQL', value, editable: true, level: 'SESSION' });
      return entity('properties', text, {
        properties,
        overwrittenProperties: Object.keys(ctx.props),
        defaultProperties: [],
      });
    }
    case 'VARIABLES':
      return entity('variables', text, {
        variables: [...ctx.vars].map(([name, value]) => ({ name, value })),
      });
    case 'FUNCTIONS':
      return functionNames(text);
    case 'TYPES':
      return entity('type_list', text, {
        types: Object.fromEntries([...ctx.meta.types].map(([name, t]) => [name, fieldSchema(t)])),
      });
  }
}

export async function describeSource(
  core: EngineCore,
  ctx: ExecContext,
  name: string,
  extended: boolean,
): Promise<Record<string, unknown>> {
  const src = ctx.meta.sources.get(name);
  if (src === undefined) throw new KsqlTypeError(`Could not find STREAM/TABLE '${name}' in the Metastore`);
  const topic = ctx.pendingTopics.has(src.topic) ? undefined : await core.store.describeTopic(src.topic);
  const writer = ctx.meta.writersOf(name)[0];
  const stats = writer === undefined ? { statistics: '', errorStats: '' } : core.queryStats(writer.id);
  return sourceDescription(src, {
    meta: ctx.meta,
    queryState: (id) => core.queryState(id),
    partitions: topic?.partitions ?? 0,
    replication: topic?.replicas ?? 0,
    extended,
    stats: stats.statistics,
    errorStats: stats.errorStats,
  });
}

export async function describe(
  core: EngineCore,
  ctx: ExecContext,
  name: string,
  extended: boolean,
  text: string,
): Promise<KsqlEntity> {
  return entity('sourceDescription', text, {
    sourceDescription: await describeSource(core, ctx, name, extended),
  });
}

/** EXPLAIN <query id> (its plan and state) or EXPLAIN <statement> (an empty description of it). */
export function explainQuery(core: EngineCore, id: string | undefined, text: string): KsqlEntity {
  const info = id === undefined ? undefined : core.meta.queries.get(id);
  if (id !== undefined && info === undefined)
    throw new KsqlTypeError(
      `Query with id:${id} does not exist, use SHOW QUERIES to view the full set of queries.`,
    );
  return entity('queryDescription', text, {
    queryDescription: {
      id: info?.id ?? '',
      statementText: info?.sql ?? text,
      windowType: info?.analyzed.window?.type ?? null,
      fields: [],
      sources: info?.sources ?? [],
      sinks: info?.sink === undefined ? [] : [info.sink],
      topology: '',
      executionPlan:
        info === undefined
          ? ''
          : explain(planOf(info, info.sink === undefined ? undefined : core.meta.sources.get(info.sink))),
      overriddenProperties: {},
      ksqlHostQueryStatus: {},
      queryType: 'PERSISTENT',
      queryErrors: [],
      tasksMetadata: [],
      state: core.queryState(info?.id ?? ''),
    },
  });
}
