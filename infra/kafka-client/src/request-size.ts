import type { TopicRecords } from './producer.js';
import type { OutgoingRecord } from './types.js';

/**
 * The broker refuses a record batch larger than `message.max.bytes` (1 MiB by default) and
 * kafkajs puts all records of one partition and request into one batch. Sends are split so
 * that no request carries more than this many bytes of records.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 768 * 1024;

/** Bytes a record takes in a batch, near enough: its key, value, header bytes and ~24 of framing. */
function recordSize(record: OutgoingRecord): number {
  let size = 24;
  if (record.key !== null) size += Buffer.byteLength(record.key);
  if (record.value !== null) size += Buffer.byteLength(record.value);
  for (const name in record.headers) size += name.length + Buffer.byteLength(record.headers[name] ?? '') + 4;
  return size;
}

/**
 * Splits records for several topics into requests of at most `maxBytes` of records each, keeping
 * the order of each topic's records (so of each partition's). A record larger than `maxBytes`
 * goes alone in its request (the broker then judges it).
 */
export function splitBySize(batch: TopicRecords, maxBytes = DEFAULT_MAX_REQUEST_BYTES): TopicRecords[] {
  const requests: TopicRecords[] = [];
  let current: TopicRecords = [];
  let currentBytes = 0;
  for (const { topic, records } of batch) {
    let entry: { topic: string; records: OutgoingRecord[] } | undefined;
    for (const record of records) {
      const size = recordSize(record);
      if (currentBytes > 0 && currentBytes + size > maxBytes) {
        requests.push(current);
        current = [];
        currentBytes = 0;
        entry = undefined;
      }
      if (entry === undefined) {
        entry = { topic, records: [] };
        current.push(entry);
      }
      entry.records.push(record);
      currentBytes += size;
    }
  }
  if (currentBytes > 0) requests.push(current);
  return requests;
}
