import { eventually, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingRecord, KafkaAdmin, KafkaClient, KafkaConsumer } from '../src/index.js';

/**
 * kafkajs 2.2.4 was never tested by its authors on Kafka 4. These cases prove, on the real 4.x
 * broker, each capability Tally builds on.
 */
describe('kafkajs adapter on Kafka 4', () => {
  let kafka: KafkaClient;
  let admin: KafkaAdmin;
  const consumers: KafkaConsumer[] = [];

  beforeAll(async () => {
    kafka = testKafka('smoke');
    admin = await kafka.admin();
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.close()));
    await admin.close();
  });

  it('creates topics and waits for their leaders', async () => {
    const topic = uniqueName('smoke_create');
    expect(
      await admin.createTopics([{ topic, partitions: 3, config: { 'cleanup.policy': 'compact' } }]),
    ).toEqual([topic]);
    expect(await admin.createTopics([{ topic, partitions: 3 }])).toEqual([]);
    const [description] = await admin.describeTopics([topic]);
    expect(description?.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(description?.partitions.every((p) => p.leader >= 0)).toBe(true);
  });

  it('produces with acks=all on the idempotent producer and reads back every record in order', async () => {
    const topic = uniqueName('smoke_idem');
    await admin.createTopics([{ topic, partitions: 2 }]);
    const producer = await kafka.producer({ idempotent: true });
    const records = Array.from({ length: 500 }, (_, i) => ({
      key: `k${i % 20}`,
      value: JSON.stringify({ i }),
    }));
    await producer.send([{ topic, records }]);
    await producer.close();
    const read = await kafka.readTopic(topic);
    expect(read).toHaveLength(500);
    // Same key → same partition, in send order.
    const byKey = new Map<string, number[]>();
    for (const r of read) {
      const list = byKey.get(r.key!.toString()) ?? [];
      list.push((JSON.parse(r.value!.toString()) as { i: number }).i);
      byKey.set(r.key!.toString(), list);
    }
    for (const list of byKey.values()) expect(list).toEqual([...list].sort((a, b) => a - b));
    expect(new Set(read.filter((r) => r.key?.toString() === 'k1').map((r) => r.partition)).size).toBe(1);
  });

  it('shares partitions between two group members and rebalances when one leaves, committing offsets', async () => {
    const topic = uniqueName('smoke_group');
    const groupId = uniqueName('smoke_group');
    await admin.createTopics([{ topic, partitions: 4 }]);
    const seen = new Map<string, Set<number>>();
    const start = (name: string) => {
      const consumer = kafka.consumer({ groupId, fromBeginning: true });
      consumers.push(consumer);
      seen.set(name, new Set());
      return consumer;
    };
    const a = start('a');
    const b = start('b');
    const handler = (name: string) => ({
      eachBatch: async (batch: { records: IncomingRecord[] }) => {
        for (const r of batch.records) seen.get(name)!.add(Number(r.value!.toString()));
      },
    });
    await a.subscribe([topic]);
    await b.subscribe([topic]);
    void a.run(handler('a'));
    void b.run(handler('b'));
    await eventually(async () => {
      const [pa, pb] = await Promise.all([a.assignment(), b.assignment()]);
      const count = (x: { partitions: number[] }[]) => x.reduce((n, t) => n + t.partitions.length, 0);
      expect(count(pa) + count(pb)).toBe(4);
      expect(count(pa)).toBeGreaterThan(0);
      expect(count(pb)).toBeGreaterThan(0);
    });
    const producer = await kafka.producer();
    await producer.send([
      { topic, records: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: String(i) })) },
    ]);
    await eventually(() => expect(seen.get('a')!.size + seen.get('b')!.size).toBe(200));
    expect([...seen.get('a')!].some((v) => seen.get('b')!.has(v))).toBe(false);

    // b leaves: a takes over all partitions and receives what comes next.
    await b.close();
    consumers.splice(consumers.indexOf(b), 1);
    await producer.send([
      { topic, records: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: String(1000 + i) })) },
    ]);
    await eventually(() => expect([...seen.get('a')!].filter((v) => v >= 1000)).toHaveLength(100));
    await producer.close();

    await eventually(async () => {
      const committed = await admin.committedOffsets(groupId, [topic]);
      const total = committed.reduce((n, o) => n + Math.max(0, o.offset), 0);
      expect(total).toBe(300);
    });
  });

  it('runs consume-transform-produce in transactions: output and offsets commit together, aborts vanish', async () => {
    const input = uniqueName('smoke_txn_in');
    const output = uniqueName('smoke_txn_out');
    const groupId = uniqueName('smoke_txn');
    await admin.createTopics([{ topic: input }, { topic: output }]);
    const source = await kafka.producer();
    await source.send([
      { topic: input, records: Array.from({ length: 50 }, (_, i) => ({ key: `v${i}`, value: String(i) })) },
    ]);
    await source.close();

    const producer = await kafka.producer({ transactionalId: uniqueName('smoke_txn_id') });
    const consumer = kafka.consumer({ groupId, fromBeginning: true, autoCommit: false });
    consumers.push(consumer);
    await consumer.subscribe([input]);
    let batches = 0;
    void consumer.run({
      eachBatch: async (batch) => {
        batches++;
        const txn = await producer.transaction();
        await txn.send([
          {
            topic: output,
            records: batch.records.map((r) => ({ key: r.key, value: String(Number(r.value) * 2) })),
          },
        ]);
        const last = batch.records.at(-1)!;
        await txn.sendOffsets(groupId, [
          { topic: input, partition: batch.partition, offset: last.offset + 1 },
        ]);
        await txn.commit();
      },
    });
    await eventually(async () => {
      const committed = await admin.committedOffsets(groupId, [input]);
      expect(committed[0]?.offset).toBe(50);
    });
    expect(batches).toBeGreaterThan(0);

    // An aborted transaction's records are never seen by read_committed readers.
    const aborted = await producer.transaction();
    await aborted.send([{ topic: output, records: [{ key: 'ghost', value: '-1' }] }]);
    await aborted.abort();
    await producer.close();

    const committedRead = await kafka.readTopic(output, { readCommitted: true });
    expect(committedRead.map((r) => Number(r.value)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i * 2),
    );
    const uncommittedRead = await kafka.readTopic(output, { readCommitted: false });
    expect(uncommittedRead.some((r) => r.key?.toString() === 'ghost')).toBe(true);
  });

  it('fences a zombie: a second producer with the same transactional id makes the first fail', async () => {
    const topic = uniqueName('smoke_fence');
    const transactionalId = uniqueName('smoke_fence_id');
    await admin.createTopics([{ topic }]);
    const zombie = await kafka.producer({ transactionalId });
    const zombieTxn = await zombie.transaction();
    await zombieTxn.send([{ topic, records: [{ key: 'z', value: 'zombie' }] }]);
    const successor = await kafka.producer({ transactionalId });
    const txn = await successor.transaction();
    await txn.send([{ topic, records: [{ key: 's', value: 'successor' }] }]);
    await txn.commit();
    await expect(zombieTxn.commit()).rejects.toThrow();
    await successor.close();
    await zombie.close().catch(() => undefined);
    const read = await kafka.readTopic(topic, { readCommitted: true });
    expect(read.map((r) => r.value?.toString())).toEqual(['successor']);
  });

  it("fence() aborts a zombie's open transaction at once, so read_committed readers reach the end", async () => {
    const topic = uniqueName('smoke_fence_now');
    const transactionalId = uniqueName('smoke_fence_now_id');
    await admin.createTopics([{ topic }]);
    const plain = await kafka.producer();
    await plain.send([{ topic, records: [{ key: 'a', value: 'before' }] }]);
    // A zombie (a killed engine) left a transaction open; its 60 s timeout has not passed.
    const zombie = await kafka.producer({ transactionalId });
    const zombieTxn = await zombie.transaction();
    await zombieTxn.send([{ topic, records: [{ key: 'z', value: 'uncommitted' }] }]);
    await plain.send([{ topic, records: [{ key: 'b', value: 'after' }] }]);

    const successor = await kafka.producer({ transactionalId });
    await successor.fence();
    const read = await kafka.readTopic(topic, { readCommitted: true });
    expect(read.map((r) => r.value?.toString())).toEqual(['before', 'after']);
    await expect(zombieTxn.commit()).rejects.toThrow();
    await Promise.all([successor.close(), plain.close(), zombie.close().catch(() => undefined)]);
  });
});

describe('readTopic', () => {
  it('reads a multi-megabyte transactional topic to its end, past fetch limits and commit markers', async () => {
    const kafka = testKafka('smoke-read');
    const admin = await kafka.admin();
    const topic = uniqueName('smoke_read_big');
    await admin.createTopics([{ topic, partitions: 2 }]);
    const producer = await kafka.producer({ transactionalId: uniqueName('smoke_read_txn') });
    const payload = 'x'.repeat(1_000);
    for (let round = 0; round < 4; round++) {
      const txn = await producer.transaction();
      await txn.send([
        {
          topic,
          records: Array.from({ length: 1_000 }, (_, i) => ({ key: `k${round}-${i}`, value: payload })),
        },
      ]);
      await txn.commit();
    }
    await producer.close();
    const records = await kafka.readTopic(topic);
    if (records.length !== 4_000) {
      // Seen once in CI (3,000: one round short) and never reproduced: say what was where.
      const rounds = (read: IncomingRecord[]) => {
        const groups = new Map<string, IncomingRecord[]>();
        for (const r of read) {
          const where = `p${r.partition} ${r.key?.toString().split('-')[0]}`;
          groups.set(where, [...(groups.get(where) ?? []), r]);
        }
        return [...groups].map(
          ([where, found]) => `${where}: ${found.length} (${found[0]?.offset}..${found.at(-1)?.offset})`,
        );
      };
      const uncommitted = await kafka.readTopic(topic, { readCommitted: false });
      const ends = await admin.topicOffsets(topic);
      expect.fail(
        `read ${records.length} of 4,000; ends ${JSON.stringify(ends)}; read_committed: ${rounds(records).join(', ')}; ` +
          `read_uncommitted (${uncommitted.length}): ${rounds(uncommitted).join(', ')}`,
      );
    }
    expect(new Set(records.map((r) => r.key?.toString())).size).toBe(4_000);
    await admin.close();
  });
});
