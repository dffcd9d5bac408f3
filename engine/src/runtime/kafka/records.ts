import type { OutgoingRecord, TopicRecords } from '@tally/kafka-client';
import type { OutputRecord, StoredRecord } from '../topic-store.js';

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
