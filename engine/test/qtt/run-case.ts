/**
 * Runs one QTT case through the engine on the in-memory log, mirroring ksqlDB's TestExecutor:
 * fresh engine, topics pre-created, statements executed in order, inputs produced with the
 * formats of the source declared on their topic, outputs compared in order, post-conditions.
 */
import { createLogger } from '@tally/common';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { type DataSource, keyColumns, valueColumns } from '../../src/analyzer/index.js';
import { KsqlError } from '../../src/errors.js';
import { createEngineCore, type EngineCore } from '../../src/executor/index.js';
import {
  type ConsumedRecord,
  coerceJson,
  createKeySerde,
  createValueSerde,
  MemoryTopicStore,
  type StoredRecord,
} from '../../src/runtime/index.js';
import { parseColumnList, printType } from '../../src/syntax/index.js';
import type { QttCase, QttRecord } from './cases.js';
import { matches } from './compare.js';

const logger = createLogger('qtt', { level: 'silent' });

export interface CaseResult {
  ok: boolean;
  reason?: string;
}

function str(v: unknown): string {
  return v === undefined ? 'undefined' : typeof v === 'string' ? v : (stringify(v) ?? String(v));
}

export function topicsOf(test: QttCase): Map<string, number> {
  const topics = new Map<string, number>();
  for (const t of test.topics ?? []) topics.set(t.name, Number(t.partitions ?? 1));
  for (const s of test.statements) {
    const m = /KAFKA_TOPIC\s*=\s*'([^']+)'/i.exec(s);
    if (m !== null && !/\bAS\s+SELECT\b/i.test(s)) {
      const p = /PARTITIONS\s*=\s*(\d+)/i.exec(s);
      if (!topics.has(m[1]!)) topics.set(m[1]!, p === null ? 1 : Number(p[1]));
    }
  }
  for (const r of [...(test.inputs ?? []), ...(test.outputs ?? [])])
    if (!topics.has(r.topic)) topics.set(r.topic, 1);
  return topics;
}

export function sourceFor(core: EngineCore, topic: string, preferSink: boolean): DataSource | undefined {
  const all = [...core.meta.sources.values()].filter((s) => s.topic === topic);
  if (preferSink) {
    const sink = all.find((s) => core.meta.writersOf(s.name).length > 0);
    if (sink !== undefined) return sink;
  }
  return all[0];
}

function opts(s: DataSource) {
  return {
    ...(s.wrapSingleValue === undefined ? {} : { wrapSingleValue: s.wrapSingleValue }),
    ...(s.valueDelimiter === undefined ? {} : { delimiter: s.valueDelimiter }),
  };
}

export function encodeInput(r: QttRecord, source: DataSource | undefined): StoredRecord {
  const timestamp = r.timestamp === undefined ? 0 : Number(str(r.timestamp));
  let key: Buffer | null = null;
  let value: Buffer | null = null;
  if (source === undefined) {
    key =
      r.key === undefined || r.key === null
        ? null
        : Buffer.from(typeof r.key === 'string' ? r.key : str(r.key));
    value = r.value === null ? null : Buffer.from(typeof r.value === 'string' ? r.value : str(r.value));
    return { key, value, timestamp, partition: 0 };
  }
  const keys = keyColumns(source);
  if (r.key !== undefined && r.key !== null) {
    if (source.keyFormat === 'JSON') key = Buffer.from(str(r.key));
    else if (source.keyFormat === 'DELIMITED')
      key = Buffer.from(typeof r.key === 'string' ? r.key : str(r.key));
    else if (source.keyFormat === 'KAFKA' && keys.length === 1) {
      const serde = createKeySerde('KAFKA', keys, undefined);
      key = serde.serialize([coerceJson(r.key, keys[0]!.type)]);
    }
  }
  if (r.window !== undefined) {
    const start = Number(str(r.window.start));
    const end = Number(str(r.window.end));
    const session = r.window.type.toLowerCase() === 'session';
    const tail = Buffer.alloc(session ? 16 : 8);
    if (session) {
      tail.writeBigInt64BE(BigInt(end), 0);
      tail.writeBigInt64BE(BigInt(start), 8);
    } else tail.writeBigInt64BE(BigInt(start), 0);
    key = Buffer.concat([key ?? Buffer.alloc(0), tail]);
  }
  if (r.value !== null && r.value !== undefined) {
    if (source.valueFormat === 'JSON') value = Buffer.from(str(r.value));
    else if (source.valueFormat === 'DELIMITED')
      value = Buffer.from(typeof r.value === 'string' ? r.value : str(r.value));
    else if (source.valueFormat === 'KAFKA') {
      const cols = valueColumns(source);
      value = createValueSerde('KAFKA', cols, opts(source)).serialize([coerceJson(r.value, cols[0]!.type)]);
    }
  }
  return { key, value, timestamp, partition: 0 };
}

function typedToJson(v: unknown): unknown {
  if (typeof v === 'bigint') return parse(v.toString());
  if (v instanceof Buffer) return v.toString('base64');
  if (typeof v === 'number') return parse(String(v));
  return v;
}

function decodeKey(
  r: ConsumedRecord,
  sink: DataSource | undefined,
): { key: unknown; window?: { start: number; end: number } } {
  if (r.key === null) return { key: null };
  if (sink === undefined) return { key: r.key.toString() };
  let bytes: Buffer | null = r.key;
  let window: { start: number; end: number } | undefined;
  if (sink.window !== undefined) {
    const serde = createKeySerde(sink.keyFormat, keyColumns(sink), sink.window, opts(sink));
    const k = serde.deserialize(r.key);
    window = k.window;
    const n = r.key.length - (sink.window.type === 'SESSION' ? 16 : 8);
    bytes = n === 0 ? null : r.key.subarray(0, n);
  }
  const keys = keyColumns(sink);
  let key: unknown = null;
  if (bytes !== null) {
    if (sink.keyFormat === 'JSON') key = parse(bytes.toString());
    else if (sink.keyFormat === 'DELIMITED') key = bytes.toString();
    else if (sink.keyFormat === 'KAFKA' && keys.length === 1)
      key = typedToJson(createKeySerde('KAFKA', keys, undefined).deserialize(bytes).key[0]);
    else key = bytes.toString();
  }
  return window === undefined ? { key } : { key, window };
}

function decodeValue(r: ConsumedRecord, sink: DataSource | undefined): unknown {
  if (r.value === null) return null;
  if (sink === undefined || sink.valueFormat === 'JSON') {
    try {
      return parse(r.value.toString());
    } catch {
      return r.value.toString();
    }
  }
  if (sink.valueFormat === 'DELIMITED') return r.value.toString();
  const cols = valueColumns(sink);
  return typedToJson(createValueSerde('KAFKA', cols, opts(sink)).deserialize(r.value)?.[0] ?? null);
}

export function compareRecords(
  expected: QttRecord[],
  actual: ConsumedRecord[],
  sink: DataSource | undefined,
  topic: string,
): string | undefined {
  if (expected.length !== actual.length) {
    const render = actual.map((a) => {
      const k = decodeKey(a, sink);
      return `${str(k.key)}${k.window ? `@${k.window.start}-${k.window.end}` : ''} => ${a.value === null ? 'null' : a.value.toString()} @${a.timestamp}`;
    });
    return `topic ${topic}: expected ${expected.length} records, got ${actual.length}: ${render.join(' | ')}`;
  }
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    const k = decodeKey(a, sink);
    const v = decodeValue(a, sink);
    const expectedKey = e.key === undefined ? null : e.key;
    if (!matches(expectedKey, k.key))
      return `topic ${topic} record ${i}: key expected ${str(expectedKey)} got ${str(k.key)}`;
    if (e.window !== undefined) {
      if (
        k.window === undefined ||
        Number(str(e.window.start)) !== k.window.start ||
        Number(str(e.window.end)) !== k.window.end
      ) {
        return `topic ${topic} record ${i}: window expected ${str(e.window.start)}-${str(e.window.end)} got ${k.window?.start}-${k.window?.end}`;
      }
    }
    if (!matches(e.value, v))
      return `topic ${topic} record ${i}: value expected ${str(e.value)} got ${a.value === null ? 'null' : a.value.toString()}`;
    if (e.timestamp !== undefined && Number(str(e.timestamp)) !== a.timestamp) {
      return `topic ${topic} record ${i}: timestamp expected ${str(e.timestamp)} got ${a.timestamp}`;
    }
  }
  return undefined;
}

function schemaText(s: DataSource): string {
  return s.columns
    .map((c) => `${c.name} ${printType(c.type)}${c.namespace === 'KEY' ? ' KEY' : ''}`)
    .join(', ');
}

function checkPost(test: QttCase, core: EngineCore, topicNames: string[]): string | undefined {
  for (const ps of test.post?.sources ?? []) {
    const s = core.meta.sources.get(ps.name);
    if (s === undefined) return `post: source ${ps.name} missing`;
    if (s.type !== ps.type.toUpperCase()) return `post: ${ps.name} type ${s.type}, expected ${ps.type}`;
    if (ps.schema !== undefined) {
      const expected = parseColumnList(ps.schema)
        .map(
          (c) =>
            `${c.name} ${printType(c.type)}${c.constraint === 'KEY' || c.constraint === 'PRIMARY KEY' ? ' KEY' : ''}`,
        )
        .join(', ');
      if (expected !== schemaText(s)) return `post: ${ps.name} schema ${schemaText(s)}, expected ${expected}`;
    }
    if (ps.keyFormat?.format !== undefined && ps.keyFormat.format !== s.keyFormat)
      return `post: ${ps.name} key format ${s.keyFormat}, expected ${ps.keyFormat.format}`;
    if (ps.keyFormat?.windowType !== undefined && ps.keyFormat.windowType !== s.window?.type)
      return `post: ${ps.name} window ${s.window?.type}, expected ${ps.keyFormat.windowType}`;
    if (ps.valueFormat !== undefined && ps.valueFormat !== s.valueFormat)
      return `post: ${ps.name} value format ${s.valueFormat}, expected ${ps.valueFormat}`;
  }
  const blacklist = test.post?.topics?.blacklist;
  if (blacklist !== undefined) {
    const re = new RegExp(`^${blacklist}$`);
    const bad = topicNames.find((t) => re.test(t));
    if (bad !== undefined) return `post: topic ${bad} matches blacklist ${blacklist}`;
  }
  return undefined;
}

export async function runCase(test: QttCase): Promise<CaseResult> {
  const store = new MemoryTopicStore({ batchSize: 1 });
  const props: Record<string, string> = {};
  for (const [k, v] of Object.entries(test.properties ?? {}))
    props[k] = isLosslessNumber(v) ? str(v) : String(v);
  const core = createEngineCore({
    store,
    serviceId: 'some.ksql.service.id',
    logger,
    config: {
      'ksql.streams.auto.offset.reset': 'earliest',
      'ksql.logging.processing.topic.auto.create': 'false',
      ...props,
    },
  });
  try {
    await core.start();
    for (const [name, partitions] of topicsOf(test))
      await store.createTopic({ name, partitions, replicas: 1 });
    const expectError = test.expectedException ?? test.expectedError;
    for (let i = 0; i < test.statements.length; i++) {
      const stmt = test.statements[i]!;
      try {
        await core.execute({ ksql: stmt, streamsProperties: props });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (expectError === undefined)
          return { ok: false, reason: `statement ${i + 1} failed: ${message.split('\n')[0]}` };
        if (i !== test.statements.length - 1)
          return { ok: false, reason: `statement ${i + 1} failed, not the last: ${message.split('\n')[0]}` };
        // Messages embedding ksqlDB's re-formatted statement are matched up to that part.
        const want = expectError.message?.split('\nStatement: ')[0];
        if (want !== undefined && !message.includes(want)) {
          return {
            ok: false,
            reason: `error message mismatch: expected "${want.split('\n')[0]}", got "${message.split('\n')[0]}"`,
          };
        }
        void KsqlError;
        return { ok: true };
      }
    }
    for (const r of test.inputs ?? []) {
      await store.produce(r.topic, [encodeInput(r, sourceFor(core, r.topic, false))]);
      await store.settle();
    }
    await store.settle();
    if (process.env.QTT_DEBUG) {
      for (const t of await store.listTopics())
        console.log(
          t.name,
          store.records(t.name).map((r) => `${r.key?.toString()} => ${r.value?.toString()}`),
        );
    }
    if (expectError !== undefined) {
      const failed = core.queryMetrics().find((q) => q.state === 'ERROR' || q.errors > 0);
      if (failed === undefined) return { ok: false, reason: 'expected an exception, none was raised' };
      return { ok: true };
    }
    const byTopic = new Map<string, QttRecord[]>();
    for (const o of test.outputs ?? []) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o]);
    for (const [topic, expected] of byTopic) {
      const diff = compareRecords(expected, store.records(topic), sourceFor(core, topic, true), topic);
      if (diff !== undefined) {
        const broken = core.queryMetrics().find((q) => q.error !== undefined);
        return {
          ok: false,
          reason: broken === undefined ? diff : `${diff} (query ${broken.id} failed: ${broken.error})`,
        };
      }
    }
    const post = checkPost(
      test,
      core,
      (await store.listTopics()).map((t) => t.name),
    );
    if (post !== undefined) return { ok: false, reason: post };
    return { ok: true };
  } catch (e) {
    if (process.env.QTT_DEBUG) console.log(e);
    return {
      ok: false,
      reason: `crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(e)}`,
    };
  } finally {
    await core.close();
    await store.close();
  }
}
