import type { IncomingRecord, OutgoingRecord, TopicRecords } from '@tally/kafka-client';
import type { ConsumedRecord, OutputRecord, StoredRecord } from '../topic-store.js';

/** A record read through the adapter, as the runtime sees it (headers without holes). */
export function toConsumedRecord(record: IncomingRecord): ConsumedRecord {
  let holes = false;
  for (const name in record.headers) if (record.headers[name] === undefined) holes = true;
  // The common case is already a ConsumedRecord (possibly with an empty `headers`): no copy.
  if (!holes) return record as ConsumedRecord;
  const consumed: ConsumedRecord = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key,
    value: record.value,
  };
  for (const name in record.headers) {
    const value = record.headers[name];
    if (value === undefined) continue;
    consumed.headers ??= {};
    consumed.headers[name] = value;
  }
  return consumed;
}

/** A record to write. No partition means the adapter's Java-compatible murmur2 partitioner picks one. */
export function toOutgoingRecord(record: StoredRecord): OutgoingRecord {
  const outgoing: OutgoingRecord = { key: record.key, value: record.value, timestamp: record.timestamp };
  if (record.partition !== undefined) outgoing.partition = record.partition;
  if (record.headers !== undefined) outgoing.headers = record.headers;
  return outgoing;
}

/** Groups output records by topic, keeping their order within each topic. */
export function groupByTopic(records: OutputRecord[]): TopicRecords {
  const byTopic = new Map<string, OutgoingRecord[]>();
  for (const record of records) {
    const list = byTopic.get(record.topic) ?? [];
    // An OutputRecord already is an OutgoingRecord (its extra `topic` is ignored): no copy.
    list.push(record);
    byTopic.set(record.topic, list);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, records: list }));
}
