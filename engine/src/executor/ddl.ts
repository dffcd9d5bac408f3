/**
 * CREATE STREAM/TABLE (with columns), CREATE … AS SELECT, INSERT INTO … SELECT, DROP, TERMINATE:
 * validation with ksqlDB's messages, the metastore change, and (outside the sandbox) the side
 * effects: topics, persistent queries.
 */
import {
  analyzeQuery,
  analyzeSelect,
  type Column,
  type DataSource,
  KsqlTypeError,
  keyColumns,
} from '../analyzer/index.js';
import { printType, type Select, type Statement } from '../syntax/index.js';
import type { ExecContext } from './context.js';
import type { KsqlEntity } from './engine.js';
import type { EngineCore } from './engine-core.js';
import { currentStatus, entity } from './entities.js';
import type { QueryInfo } from './metastore.js';
import { intProp, resolveFormats, resolveWindow, strProp } from './with-clause.js';

type Create = Extract<Statement, { kind: 'createSource' }>;
type CreateAs = Extract<Statement, { kind: 'createAs' }>;
type InsertSelect = Extract<Statement, { kind: 'insertSelect' }>;
type Drop = Extract<Statement, { kind: 'drop' }>;

const lower = (t: 'STREAM' | 'TABLE') => t.toLowerCase();

function alreadyExists(
  ctx: ExecContext,
  type: 'STREAM' | 'TABLE',
  name: string,
  text: string,
  ifNotExists: boolean,
): KsqlEntity | undefined {
  const existing = ctx.meta.sources.get(name);
  if (existing === undefined) return undefined;
  if (ifNotExists) {
    return entity('warning_entity', text, {
      message: `Cannot add ${lower(type)} \`${name}\`: A ${lower(existing.type)} with the same name already exists.`,
    });
  }
  throw new KsqlTypeError(
    `Cannot add ${lower(type)} '${name}': A ${lower(existing.type)} with the same name already exists`,
  );
}

function keyFormatCheck(keyFormat: string, keys: Column[], prefix: boolean): void {
  if (keyFormat === 'KAFKA' && keys.length > 1) {
    const cols = keys.map((k) => `\`${k.name}\` ${printType(k.type)} KEY`).join(', ');
    const reason = `The 'KAFKA' format only supports a single field. Got: [${cols}]`;
    throw new KsqlTypeError(
      prefix
        ? `Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[${cols}], features=[]}\nreason: ${reason}`
        : reason,
    );
  }
  if (keyFormat === 'KAFKA') {
    for (const k of keys) {
      if (!['STRING', 'INTEGER', 'BIGINT', 'DOUBLE', 'BYTES'].includes(k.type.kind)) {
        const cols = keys.map((c) => `\`${c.name}\` ${printType(c.type)} KEY`).join(', ');
        throw new KsqlTypeError(
          `Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[${cols}], features=[]}\nreason: The 'KAFKA' format does not support type '${k.type.kind}'`,
        );
      }
    }
  }
  if (keyFormat === 'DELIMITED') {
    for (const k of keys) {
      if (['STRUCT', 'ARRAY', 'MAP'].includes(k.type.kind))
        throw new KsqlTypeError(
          `The 'DELIMITED' format does not support type '${k.type.kind}', column: \`${k.name}\``,
        );
    }
  }
}

async function ensureTopic(
  core: EngineCore,
  ctx: ExecContext,
  topic: string,
  partitions: number | undefined,
  replicas: number | undefined,
  sourceType: 'STREAM' | 'TABLE',
  name: string,
  text: string,
  config: Record<string, string> | undefined,
): Promise<void> {
  const existing = ctx.pendingTopics.has(topic)
    ? { partitions: partitions ?? 1 }
    : await core.store.describeTopic(topic);
  if (existing !== undefined) {
    if (partitions !== undefined && existing.partitions !== partitions && ctx.replay === undefined) {
      throw new KsqlTypeError(
        `A Kafka topic with the name '${topic}' already exists, with different partition/replica configuration than required by KSQL.\nKSQL requires ${partitions} partitions (topic has ${existing.partitions}).`,
      );
    }
    return;
  }
  if (partitions === undefined) {
    throw new KsqlTypeError(
      `Topic '${topic}' does not exist. If you want to create a new topic for the ${lower(sourceType)} please re-run the statement providing the required 'PARTITIONS' configuration in the WITH clause (and optionally 'REPLICAS'). For example: ${text.replace(/;\s*$/, '')} WITH (KAFKA_TOPIC='${topic}', PARTITIONS=2, REPLICAS=1);`,
    );
  }
  void name;
  if (ctx.sandbox) {
    ctx.pendingTopics.add(topic);
    return;
  }
  await core.store.createTopic(
    config === undefined
      ? { name: topic, partitions, replicas: replicas ?? 1 }
      : { name: topic, partitions, replicas: replicas ?? 1, config },
  );
}

export async function createSource(
  core: EngineCore,
  ctx: ExecContext,
  s: Create,
  text: string,
): Promise<KsqlEntity> {
  const dup = s.orReplace ? undefined : alreadyExists(ctx, s.sourceType, s.name, text, s.ifNotExists);
  if (dup !== undefined) return dup;
  if (s.columns.length === 0) throw new KsqlTypeError('The statement does not define any columns.');
  const columns: Column[] = [];
  for (const c of s.columns) {
    if (['ROWTIME', 'ROWPARTITION', 'ROWOFFSET', 'WINDOWSTART', 'WINDOWEND'].includes(c.name)) {
      throw new KsqlTypeError(
        `'${c.name}' is a reserved column name. You cannot use it as a name for a column.`,
      );
    }
    if (s.sourceType === 'STREAM' && c.constraint === 'PRIMARY KEY') {
      throw new KsqlTypeError(
        `Column \`${c.name}\` is a 'PRIMARY KEY' column: please use 'KEY' for streams.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
      );
    }
    if (s.sourceType === 'TABLE' && c.constraint === 'KEY') {
      throw new KsqlTypeError(
        `Column \`${c.name}\` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
      );
    }
    if (columns.some((x) => x.name === c.name)) throw new KsqlTypeError(`Duplicate column names: ${c.name}`);
    const namespace =
      c.constraint === 'KEY' || c.constraint === 'PRIMARY KEY'
        ? 'KEY'
        : c.constraint === 'HEADER' || c.constraint === 'HEADERS'
          ? 'HEADER'
          : 'VALUE';
    const col: Column = { name: c.name, type: c.type, namespace };
    if (c.headerKey !== undefined) col.headerKey = c.headerKey;
    columns.push(col);
  }
  const keys = columns.filter((c) => c.namespace === 'KEY');
  if (s.sourceType === 'TABLE' && keys.length === 0)
    throw new KsqlTypeError('Tables require a PRIMARY KEY. Please define the PRIMARY KEY.');
  const topic = strProp(s.properties, 'KAFKA_TOPIC');
  if (topic === undefined)
    throw new KsqlTypeError('Missing required property "KAFKA_TOPIC" which has no default value.');
  const formats = resolveFormats(
    s.properties,
    keys.length === 0 ? { keyFormat: 'KAFKA' } : {},
    core.config['ksql.persistence.default.format.key'] ?? 'KAFKA',
  );
  keyFormatCheck(formats.keyFormat, keys, false);
  const window = resolveWindow(s.properties);
  const ts = strProp(s.properties, 'TIMESTAMP')?.toUpperCase();
  if (ts !== undefined && !columns.some((c) => c.name === ts))
    throw new KsqlTypeError(
      `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${ts}'`,
    );
  await ensureTopic(
    core,
    ctx,
    topic,
    intProp(s.properties, 'PARTITIONS'),
    intProp(s.properties, 'REPLICAS'),
    s.sourceType,
    s.name,
    text,
    undefined,
  );
  const source: DataSource = {
    name: s.name,
    type: s.sourceType,
    columns: [...keys, ...columns.filter((c) => c.namespace !== 'KEY')],
    topic,
    ...formats,
    isSource: s.isSource,
    sql: text,
  };
  if (window !== undefined) source.window = window;
  if (ts !== undefined) source.timestampColumn = ts;
  const tsFormat = strProp(s.properties, 'TIMESTAMP_FORMAT');
  if (tsFormat !== undefined) source.timestampFormat = tsFormat;
  if (s.properties.WRAP_SINGLE_VALUE !== undefined)
    source.wrapSingleValue = String(s.properties.WRAP_SINGLE_VALUE).toLowerCase() === 'true';
  const delim = strProp(s.properties, 'VALUE_DELIMITER');
  if (delim !== undefined) source.valueDelimiter = delim === 'TAB' ? '\t' : delim === 'SPACE' ? ' ' : delim;
  ctx.meta.sources.set(s.name, source);
  const commandId = `${lower(s.sourceType)}/\`${s.name}\`/create`;
  let queryId: string | null = null;
  if (s.isSource && s.sourceType === 'TABLE') {
    queryId = ctx.replay?.queryId ?? `CST_${s.name}_${ctx.seq}`;
    const analyzed = analyzeQuery(
      { kind: 'select', items: [{ kind: 'all' }], from: { name: s.name }, joins: [] },
      source,
      { persistent: true, sinkName: s.name },
    );
    const info: QueryInfo = { id: queryId, sql: text, sources: [s.name], analyzed, kind: 'CST' };
    ctx.meta.queries.set(queryId, info);
    if (!ctx.sandbox) await core.startQuery(info, undefined, ctx);
  }
  return currentStatus(
    text,
    commandId,
    s.sourceType === 'STREAM' ? 'Stream created' : 'Table created',
    queryId,
    ctx.seq,
  );
}

export async function createAs(
  core: EngineCore,
  ctx: ExecContext,
  s: CreateAs,
  text: string,
): Promise<KsqlEntity> {
  const dup = s.orReplace ? undefined : alreadyExists(ctx, s.sourceType, s.name, text, s.ifNotExists);
  if (dup !== undefined) return dup;
  const from = ctx.meta.sources.get(s.query.from.name);
  if (from === undefined) throw new KsqlTypeError(`${s.query.from.name} does not exist.`);
  const q = analyzeSelect(s.query, (n) => ctx.meta.sources.get(n), { persistent: true, sinkName: s.name });
  if (s.sourceType === 'STREAM' && q.resultType === 'TABLE') {
    throw new KsqlTypeError(
      'Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.',
    );
  }
  if (s.sourceType === 'TABLE' && q.resultType === 'STREAM') {
    throw new KsqlTypeError(
      'Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead.',
    );
  }
  if (q.aggregate !== undefined && from.valueFormat === 'KAFKA') {
    throw new KsqlTypeError(
      `Source(s) ${from.name} are using the 'KAFKA' value format. This format does not yet support GROUP BY.`,
    );
  }
  const keys = q.columns.filter((c) => c.namespace === 'KEY');
  const inheritKey = from.keyFormat;
  const formats = resolveFormats(
    s.properties,
    {
      valueFormat: from.valueFormat,
      ...(inheritKey === undefined || inheritKey === 'NONE' ? {} : { keyFormat: inheritKey }),
    },
    core.config['ksql.persistence.default.format.key'] ?? 'KAFKA',
  );
  if (keys.length > 0 && formats.keyFormat === 'NONE') formats.keyFormat = 'KAFKA';
  if (keys.length === 0 && s.properties.KEY_FORMAT === undefined && s.properties.FORMAT === undefined)
    formats.keyFormat = 'KAFKA';
  keyFormatCheck(formats.keyFormat, keys, true);
  if (formats.valueFormat === 'DELIMITED' && q.aggregate?.calls.some((c) => c.def.complexState)) {
    throw new KsqlTypeError(
      'One of the functions used in the statement has an intermediate type that the value format can not handle. Please remove the function or change the format.',
    );
  }
  const values = q.columns.filter((c) => c.namespace === 'VALUE');
  const seen = new Set<string>();
  for (const c of q.columns) {
    if (seen.has(c.name))
      throw new KsqlTypeError(`Duplicate value columns found in schema: \`${c.name}\` ${printType(c.type)}`);
    seen.add(c.name);
  }
  void values;
  const topic =
    strProp(s.properties, 'KAFKA_TOPIC') ?? `${core.config['ksql.output.topic.name.prefix'] ?? ''}${s.name}`;
  const fromTopic = ctx.pendingTopics.has(from.topic)
    ? undefined
    : await core.store.describeTopic(from.topic);
  const partitions = intProp(s.properties, 'PARTITIONS') ?? fromTopic?.partitions ?? 1;
  const replicas = intProp(s.properties, 'REPLICAS') ?? fromTopic?.replicas ?? 1;
  const sink: DataSource = {
    name: s.name,
    type: s.sourceType,
    columns: q.columns,
    topic,
    ...formats,
    isSource: false,
    sql: text,
  };
  if (q.window !== undefined)
    sink.window =
      q.window.type === 'SESSION' ? { type: 'SESSION' } : { type: q.window.type, size: q.window.size };
  else if (from.window !== undefined && q.aggregate === undefined) sink.window = from.window;
  const ts = strProp(s.properties, 'TIMESTAMP')?.toUpperCase();
  if (ts !== undefined) sink.timestampColumn = ts;
  if (s.properties.WRAP_SINGLE_VALUE !== undefined)
    sink.wrapSingleValue = String(s.properties.WRAP_SINGLE_VALUE).toLowerCase() === 'true';
  const delim = strProp(s.properties, 'VALUE_DELIMITER');
  if (delim !== undefined) sink.valueDelimiter = delim;
  const existingQuery = s.orReplace ? ctx.meta.writersOf(s.name).find((w) => w.kind !== 'INSERT') : undefined;
  const kind = s.sourceType === 'STREAM' ? 'CSAS' : 'CTAS';
  const queryId = ctx.replay?.queryId ?? existingQuery?.id ?? `${kind}_${s.name}_${ctx.seq}`;
  await ensureTopic(core, ctx, topic, partitions, replicas, s.sourceType, s.name, text, {
    'cleanup.policy':
      s.sourceType === 'TABLE' ? (sink.window === undefined ? 'compact' : 'compact,delete') : 'delete',
  }).catch((e: unknown) => {
    if (e instanceof KsqlTypeError && e.message.startsWith('A Kafka topic')) return;
    throw e;
  });
  ctx.meta.sources.set(s.name, sink);
  const info: QueryInfo = {
    id: queryId,
    sql: text,
    sink: s.name,
    sinkTopic: topic,
    sources: sourceNames(s.query),
    analyzed: q,
    kind,
  };
  ctx.meta.queries.set(queryId, info);
  if (!ctx.sandbox) {
    if (existingQuery !== undefined) await core.stopQuery(existingQuery.id);
    await core.startQuery(info, sink, ctx);
  }
  return currentStatus(
    text,
    `${lower(s.sourceType)}/\`${s.name}\`/create`,
    `Created query with ID ${queryId}`,
    queryId,
    ctx.seq,
  );
}

export async function insertSelect(
  core: EngineCore,
  ctx: ExecContext,
  s: InsertSelect,
  text: string,
): Promise<KsqlEntity> {
  const target = ctx.meta.sources.get(s.target);
  if (target === undefined) throw new KsqlTypeError(`${s.target} does not exist.`);
  if (target.isSource)
    throw new KsqlTypeError(`Cannot insert into read-only ${lower(target.type)}: ${target.name}`);
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
  const info: QueryInfo = {
    id: queryId,
    sql: text,
    sink: target.name,
    sinkTopic: target.topic,
    sources: sourceNames(s.query),
    analyzed: q,
    kind: 'INSERT',
  };
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

function sourceNames(select: Select): string[] {
  return [select.from.name, ...select.joins.map((j) => j.right.name)];
}

export async function drop(core: EngineCore, ctx: ExecContext, s: Drop, text: string): Promise<KsqlEntity> {
  const src = ctx.meta.sources.get(s.name);
  const commandId = `${lower(s.sourceType)}/${s.name}/drop`;
  if (src === undefined) {
    if (s.ifExists)
      return currentStatus(text, commandId, `Source \`${s.name}\` does not exist.`, null, ctx.seq);
    throw new KsqlTypeError(`${s.sourceType === 'STREAM' ? 'Stream' : 'Table'} ${s.name} does not exist.`);
  }
  if (src.type !== s.sourceType) {
    throw new KsqlTypeError(
      `Incompatible data source type is ${lower(src.type)}, but statement was DROP ${lower(s.sourceType)}`,
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

export { keyColumns };
