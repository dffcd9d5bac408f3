import { testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaAdmin, KafkaClient, OutgoingRecord } from '../src/index.js';

/**
 * Tally patches kafkajs's record encoder (patches/kafkajs+2.2.4.patch: one buffer per batch or
 * record, O(n) grouping). The broker checks every batch's CRC and framing: these records, covering the
 * patched fast path and the original path it falls back to, must come back exactly as sent.
 */
describe('record encoding (patched kafkajs) on Kafka 4', () => {
  let kafka: KafkaClient;
  let admin: KafkaAdmin;

  beforeAll(async () => {
    kafka = testKafka('encoding');
    admin = await kafka.admin();
  });
  afterAll(async () => {
    await admin.close();
  });

  it('round-trips keys, values, nulls, unicode, headers and far-apart timestamps', async () => {
    const topic = uniqueName('encoding');
    await admin.createTopics([{ topic, partitions: 1, config: { 'retention.ms': '-1' } }]);
    const now = Date.now();
    const records: OutgoingRecord[] = [
      { key: 'plain', value: '{"VOTES":1}', timestamp: now },
      { key: null, value: 'no key', timestamp: now + 1 },
      { key: 'tombstone', value: null, timestamp: now + 2 },
      { key: 'ünïcødé ✓', value: 'välue → 🗳', timestamp: now + 3 },
      { key: Buffer.from([0, 1, 2, 255]), value: Buffer.alloc(20_000, 7), timestamp: now + 4 },
      { key: 'with headers', value: 'h', timestamp: now + 5, headers: { trace: Buffer.from('abc') } },
      // 30 days before the others: a timestamp delta beyond 32 bits takes kafkajs's original path.
      { key: 'old', value: 'old', timestamp: now - 30 * 24 * 3_600_000 },
    ];
    const producer = await kafka.producer();
    // Apart: a batch with one header or one far timestamp is wholly encoded the general way.
    await producer.send([{ topic, records: records.slice(0, 5) }]);
    await producer.send([{ topic, records: records.slice(5) }]);
    await producer.close();

    const read = await kafka.readTopic(topic);
    const text = (b: Buffer | null) => (b === null ? null : b.toString('hex'));
    expect(read.map((r) => [text(r.key), text(r.value), r.timestamp])).toEqual(
      records.map((r) => [
        r.key === null ? null : text(Buffer.from(r.key)),
        r.value === null ? null : text(Buffer.from(r.value)),
        r.timestamp,
      ]),
    );
    expect(read[5]?.headers['trace']?.toString()).toBe('abc');
    expect(Object.keys(read[0]?.headers ?? {})).toEqual([]);
  });

  it('keeps the order of a 30,000-record send to one partition', async () => {
    const topic = uniqueName('encoding_big');
    await admin.createTopics([{ topic, partitions: 1 }]);
    const producer = await kafka.producer();
    const records = Array.from({ length: 30_000 }, (_, i) => ({ key: `k${i % 7}`, value: String(i) }));
    await producer.send([{ topic, records }]);
    await producer.close();
    const read = await kafka.readTopic(topic);
    expect(read.map((r) => Number(r.value!.toString()))).toEqual(records.map((_, i) => i));
  });
});
