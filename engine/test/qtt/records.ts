/**
 * QTT records on the wire: an input record encoded with the formats of the source declared on its
 * topic, output records decoded with the sink's and compared with the expected ones in order
 * (`matches`, the Java `ExpectedRecordComparator`).
 */
import { parse, stringify } from 'lossless-json';
import { type Column, type DataSource, keyColumns, valueColumns } from '../../src/analyzer/index.js';
import {
  type ConsumedRecord,
  coerceJson,
  createKeySerde,
  createValueSerde,
  type StoredRecord,
  serdeOptions,
} from '../../src/runtime/index.js';
import { murmur2Partition } from '../../src/runtime/murmur2.js';
import type { QttCase, QttRecord } from './cases.js';
import { matches } from './compare.js';

/** Compact text of a (lossless) JSON value, for failure reasons. */
export function str(v: unknown): string {
  return v === undefined ? 'undefined' : typeof v === 'string' ? v : (stringify(v) ?? String(v));
}

/** The case's expected outputs grouped by topic, in order. */
export function outputsByTopic(test: QttCase): Map<string, QttRecord[]> {
  const byTopic = new Map<string, QttRecord[]>();
  for (const o of test.outputs ?? []) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o]);
  return byTopic;
}

const opts = (s: DataSource) => serdeOptions(s, 'value');

/**
 * A record of a PROTOBUF_NOSR source or sink through JSON: the case's JSON read with the columns'
 * JSON serde into typed values, written with the protobuf one (and back for outputs).
 */
function protobufViaJson(cols: Column[], s: DataSource, part: 'key' | 'value') {
  const json = createValueSerde('JSON', cols);
  const proto = createValueSerde('PROTOBUF_NOSR', cols, serdeOptions(s, part));
  const singleKey = part === 'key' && cols.length === 1;
  return {
    encode: (v: unknown): Buffer | null =>
      proto.serialize(
        json.deserialize(Buffer.from(singleKey ? `{${JSON.stringify(cols[0]!.name)}:${str(v)}}` : str(v))),
      ),
    decode: (b: Buffer): unknown => {
      const text = json.serialize(proto.deserialize(b))!.toString();
      const o = parse(text) as Record<string, unknown>;
      return singleKey ? o[cols[0]!.name] : o;
    },
  };
}

/**
 * Encodes an input record with the formats of `source` (raw text when no source reads its topic).
 * A windowed record goes to the partition of its key without the window, as Kafka Streams'
 * WindowedStreamPartitioner places it (`partitions`: the topic's count); others to the key's.
 */
export function encodeInput(r: QttRecord, source: DataSource | undefined, partitions = 1): StoredRecord {
  const record = encodeRecord(r, source, partitions);
  if (r.headers === undefined) return record;
  const headerList = r.headers.map((h) => ({
    key: h.KEY,
    value: h.VALUE === null ? null : Buffer.from(h.VALUE, 'base64'),
  }));
  const headers: Record<string, Buffer> = {};
  for (const h of headerList) if (h.value !== null) headers[h.key] = h.value;
  return { ...record, headers, headerList };
}

function encodeRecord(r: QttRecord, source: DataSource | undefined, partitions: number): StoredRecord {
  const timestamp = r.timestamp === undefined ? 0 : Number(str(r.timestamp));
  let key: Buffer | null = null;
  if (source === undefined) {
    key =
      r.key === undefined || r.key === null
        ? null
        : Buffer.from(typeof r.key === 'string' ? r.key : str(r.key));
    const value = r.value === null ? null : Buffer.from(typeof r.value === 'string' ? r.value : str(r.value));
    return { key, value, timestamp };
  }
  const keys = keyColumns(source);
  if (r.key !== undefined && r.key !== null) {
    // A JSON key is JSON text: a string key "k" is written with its quotes.
    if (source.keyFormat === 'JSON') key = Buffer.from(stringify(r.key) ?? 'null');
    else if (source.keyFormat === 'PROTOBUF_NOSR') key = protobufViaJson(keys, source, 'key').encode(r.key);
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
    const inner = key;
    key = Buffer.concat([key ?? Buffer.alloc(0), tail]);
    if (inner !== null) {
      const value = encodeValue(r, source);
      return { key, value, timestamp, partition: murmur2Partition(inner, partitions) };
    }
  }
  return { key, value: encodeValue(r, source), timestamp };
}

function encodeValue(r: QttRecord, source: DataSource): Buffer | null {
  if (r.value === null || r.value === undefined) return null;
  // a JSON value is written as JSON text: a string value is a JSON string (an unwrapped single value)
  if (source.valueFormat === 'JSON') return Buffer.from(stringify(r.value) ?? 'null');
  if (source.valueFormat === 'DELIMITED')
    return Buffer.from(typeof r.value === 'string' ? r.value : str(r.value));
  if (source.valueFormat === 'PROTOBUF_NOSR')
    return protobufViaJson(valueColumns(source), source, 'value').encode(r.value);
  if (source.valueFormat === 'KAFKA') {
    const cols = valueColumns(source);
    return createValueSerde('KAFKA', cols, opts(source)).serialize([coerceJson(r.value, cols[0]!.type)]);
  }
  return null;
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
    else if (sink.keyFormat === 'PROTOBUF_NOSR') key = protobufViaJson(keys, sink, 'key').decode(bytes);
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
  if (sink.valueFormat === 'PROTOBUF_NOSR')
    return protobufViaJson(valueColumns(sink), sink, 'value').decode(r.value);
  const cols = valueColumns(sink);
  return typedToJson(createValueSerde('KAFKA', cols, opts(sink)).deserialize(r.value)?.[0] ?? null);
}

/** The first difference between the expected and the actual records of `topic`, decoded with `sink`. */
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
