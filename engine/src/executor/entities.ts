/** Builders of ksqlDB's /ksql entity shapes (contract §1.3). */
import type { Column, DataSource, SqlType } from '../analyzer/index.js';
import type { KsqlEntity } from './engine.js';
import type { Metastore, QueryInfo } from './metastore.js';

export function entity(type: string, statementText: string, fields: Record<string, unknown>): KsqlEntity {
  return { '@type': type, statementText, ...fields, warnings: [] };
}

export function currentStatus(
  statementText: string,
  commandId: string,
  message: string,
  queryId: string | null,
  seq: number,
): KsqlEntity {
  return entity('currentStatus', statementText, {
    commandId,
    commandStatus: { status: 'SUCCESS', message, queryId },
    commandSequenceNumber: seq,
  });
}

export function fieldSchema(t: SqlType): Record<string, unknown> {
  switch (t.kind) {
    case 'STRUCT':
      return {
        type: 'STRUCT',
        fields: t.fields.map((f) => ({ name: f.name, schema: fieldSchema(f.type) })),
        memberSchema: null,
      };
    case 'ARRAY':
      return { type: 'ARRAY', fields: null, memberSchema: fieldSchema(t.item) };
    case 'MAP':
      return { type: 'MAP', fields: null, memberSchema: fieldSchema(t.value) };
    case 'DECIMAL':
      return {
        type: 'DECIMAL',
        fields: null,
        memberSchema: null,
        parameters: { precision: t.precision, scale: t.scale },
      };
    default:
      return { type: t.kind, fields: null, memberSchema: null };
  }
}

function field(c: Column): Record<string, unknown> {
  const f: Record<string, unknown> = { name: c.name, schema: fieldSchema(c.type) };
  if (c.namespace === 'KEY') f.type = 'KEY';
  if (c.namespace === 'HEADER') {
    f.type = 'HEADER';
    if (c.headerKey !== undefined) f.headerKey = c.headerKey;
  }
  return f;
}

export function runningQuery(q: QueryInfo, state: string): Record<string, unknown> {
  return {
    queryString: q.sql,
    sinks: q.sink === undefined ? [] : [q.sink],
    sinkKafkaTopics: q.sinkTopic === undefined ? [] : [q.sinkTopic],
    id: q.id,
    statusCount: { [state]: 1 },
    queryType: 'PERSISTENT',
    state,
  };
}

export function sourceListing(s: DataSource): Record<string, unknown> {
  return {
    type: s.type,
    name: s.name,
    topic: s.topic,
    keyFormat: s.keyFormat,
    valueFormat: s.valueFormat,
    isWindowed: s.window !== undefined,
  };
}

export interface DescribeContext {
  meta: Metastore;
  queryState(id: string): string;
  partitions: number;
  replication: number;
  extended: boolean;
  stats?: string;
  errorStats?: string;
}

export function sourceDescription(s: DataSource, ctx: DescribeContext): Record<string, unknown> {
  const windowedCols: Column[] = [];
  return {
    name: s.name,
    windowType: s.window?.type ?? null,
    readQueries: ctx.meta.readersOf(s.name).map((q) => runningQuery(q, ctx.queryState(q.id))),
    writeQueries: ctx.meta.writersOf(s.name).map((q) => runningQuery(q, ctx.queryState(q.id))),
    fields: [...s.columns, ...windowedCols].map(field),
    type: s.type,
    timestamp: s.timestampColumn ?? '',
    statistics: ctx.extended ? (ctx.stats ?? '') : '',
    errorStats: ctx.extended ? (ctx.errorStats ?? '') : '',
    extended: ctx.extended,
    keyFormat: s.keyFormat,
    valueFormat: s.valueFormat,
    topic: s.topic,
    partitions: ctx.partitions,
    replication: ctx.replication,
    statement: s.sql,
    queryOffsetSummaries: [],
    sourceConstraints: ctx.meta.readersOf(s.name).flatMap((q) => (q.sink === undefined ? [] : [q.sink])),
    clusterStatistics: [],
    clusterErrorStats: [],
  };
}
