/**
 * CREATE STREAM/TABLE … AS SELECT: the SELECT is analyzed, its result type must match the
 * statement, the sink inherits formats, partitions and window from the source unless WITH says
 * otherwise, and a CSAS_/CTAS_ query starts writing it (OR REPLACE keeps the old query's id).
 */
import { type AnalyzedQuery, analyzeSelect, type DataSource, KsqlTypeError } from '../../analyzer/index.js';
import { createTimestampReader } from '../../runtime/index.js';
import { printType, type Statement } from '../../syntax/index.js';
import type { ExecContext } from '../context.js';
import type { KsqlEntity } from '../engine.js';
import type { EngineCore } from '../engine-core.js';
import { currentStatus } from '../entities.js';
import { intProp, resolveFormats, strProp } from '../with-clause.js';
import { ensureTopic } from './ensure-topic.js';
import { alreadyExists } from './existing-source.js';
import { keyFormatCheck } from './key-format.js';
import { sinkQueryInfo } from './sink-query.js';
import { applySerdeProperties } from './value-format.js';

type CreateAs = Extract<Statement, { kind: 'createAs' }>;

/** Registers the sink and its query; starts the query outside the sandbox. */
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
  const q = analyzeSelect(s.query, (n) => ctx.meta.sources.get(n), {
    persistent: true,
    sinkName: s.name,
    functionConfig: ctx.props,
  });
  checkResultType(s, from, q);
  const sink = sinkSource(core, ctx, s, from, q, text);
  const fromTopic = ctx.pendingTopics.has(from.topic)
    ? undefined
    : await core.store.describeTopic(from.topic);
  const existingQuery = s.orReplace ? ctx.meta.writersOf(s.name).find((w) => w.kind !== 'INSERT') : undefined;
  const kind = s.sourceType === 'STREAM' ? 'CSAS' : 'CTAS';
  const queryId = ctx.replay?.queryId ?? existingQuery?.id ?? `${kind}_${s.name}_${ctx.seq}`;
  await ensureTopic(core, ctx, {
    topic: sink.topic,
    partitions: intProp(s.properties, 'PARTITIONS') ?? fromTopic?.partitions ?? 1,
    replicas: intProp(s.properties, 'REPLICAS') ?? fromTopic?.replicas ?? 1,
    sourceType: s.sourceType,
    text,
    config: {
      'cleanup.policy':
        s.sourceType === 'TABLE' ? (sink.window === undefined ? 'compact' : 'compact,delete') : 'delete',
    },
  }).catch((e: unknown) => {
    if (e instanceof KsqlTypeError && e.message.startsWith('A Kafka topic')) return;
    throw e;
  });
  ctx.meta.sources.set(s.name, sink);
  const info = sinkQueryInfo(queryId, text, sink, s.query, q, kind);
  ctx.meta.queries.set(queryId, info);
  if (!ctx.sandbox) {
    if (existingQuery !== undefined) await core.stopQuery(existingQuery.id);
    await core.startQuery(info, sink, ctx);
  }
  return currentStatus(
    text,
    `${s.sourceType.toLowerCase()}/\`${s.name}\`/create`,
    `Created query with ID ${queryId}`,
    queryId,
    ctx.seq,
  );
}

/** A STREAM statement needs a stream result, a TABLE one a table; KAFKA values cannot be grouped. */
function checkResultType(s: CreateAs, from: DataSource, q: AnalyzedQuery): void {
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
}

/** The sink's definition: the result columns, formats, topic, window and WITH options. */
function sinkSource(
  core: EngineCore,
  ctx: ExecContext,
  s: CreateAs,
  from: DataSource,
  q: AnalyzedQuery,
  text: string,
): DataSource {
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
  const seen = new Set<string>();
  for (const c of q.columns) {
    if (seen.has(c.name))
      throw new KsqlTypeError(`Duplicate value columns found in schema: \`${c.name}\` ${printType(c.type)}`);
    seen.add(c.name);
  }
  const topic =
    strProp(s.properties, 'KAFKA_TOPIC') ?? `${core.config['ksql.output.topic.name.prefix'] ?? ''}${s.name}`;
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
  const tsFormat = strProp(s.properties, 'TIMESTAMP_FORMAT');
  if (ts !== undefined) {
    const column = sink.columns.find((c) => c.name === ts);
    if (column === undefined)
      throw new KsqlTypeError(
        `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${ts}'`,
      );
    createTimestampReader(column, tsFormat);
    sink.timestampColumn = ts;
  }
  if (tsFormat !== undefined) sink.timestampFormat = tsFormat;
  applySerdeProperties(sink, s.properties, ctx, core.config);
  return sink;
}
