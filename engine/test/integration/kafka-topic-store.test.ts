import { createLogger } from '@tally/common';
import { eventually, testBrokers, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaTopicStore } from '../../src/runtime/kafka/index.js';
import type { ConsumedRecord, OutputRecord, TopicStore } from '../../src/runtime/topic-store.js';

const logger = createLogger('kafka-topic-store-test', { level: 'warn' });
const text = (records: { value: Buffer | null }[]) => records.map((r) => r.value?.toString() ?? null);
// Current timestamps: the broker's 7-day retention deletes records stamped in 1970 within minutes.
const record = (key: string, value: string, timestamp = Date.now()) => ({
  key: Buffer.from(key),
  value: Buffer.from(value),
  timestamp,
});
/** A processor that upper-cases every value into `sink`. */
const upperInto =
  (sink: string) =>
  (records: ConsumedRecord[]): OutputRecord[] =>
    records.map((r) => ({
      topic: sink,
      key: r.key,
      value: Buffer.from(r.value!.toString().toUpperCase()),
      timestamp: r.timestamp,
    }));

describe('Kafka TopicStore', () => {
  let store: TopicStore;
  beforeAll(async () => {
    store = await createKafkaTopicStore({ brokers: testBrokers(), logger });
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates, describes, lists and deletes topics', async () => {
    const name = uniqueName('store_topic');
    await store.createTopic({ name, partitions: 3, replicas: 1, config: { 'cleanup.policy': 'compact' } });
    expect(await store.describeTopic(name)).toEqual({ name, partitions: 3, replicas: 1 });
    expect((await store.listTopics()).map((t) => t.name)).toContain(name);
    await store.deleteTopic(name);
    await eventually(async () => expect(await store.describeTopic(name)).toBeUndefined());
  });

  it('produces records and reads them back to the end with keys, timestamps and headers', async () => {
    const name = uniqueName('store_produce');
    await store.createTopic({ name, partitions: 1, replicas: 1 });
    const now = Date.now();
    await store.produce(name, [
      { ...record('k1', 'a', now), headers: { h: Buffer.from('x') } },
      { key: Buffer.from('k1'), value: null, timestamp: now + 1 },
    ]);
    const read = await store.readToEnd(name);
    expect(read.map((r) => [r.key?.toString(), r.value?.toString() ?? null, r.timestamp, r.offset])).toEqual([
      ['k1', 'a', now, 0],
      ['k1', null, now + 1, 1],
    ]);
    expect(read[0]?.headers?.['h']?.toString()).toBe('x');
  });

  it('reads to the end of a topic whose last transaction was aborted (what a stopped processor leaves)', async () => {
    const name = uniqueName('store_aborted_tail');
    await store.createTopic({ name, partitions: 1, replicas: 1 });
    const producer = await testKafka().producer({ transactionalId: uniqueName('store_aborted_txn') });
    const committed = await producer.transaction();
    await committed.send([{ topic: name, records: [{ key: 'k', value: 'kept' }] }]);
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send([{ topic: name, records: [{ key: 'k', value: 'lost' }] }]);
    await aborted.abort();
    await producer.close();
    // The tail (aborted record + abort marker) is filtered out by kafkajs and never reaches eachBatch.
    const read = await store.readToEnd(name);
    expect(read.map((r) => r.value?.toString())).toEqual(['kept']);
  });

  it('partitions by key like the Java client when no partition is given', async () => {
    const name = uniqueName('store_partition');
    await store.createTopic({ name, partitions: 4, replicas: 1 });
    await store.produce(
      name,
      ['a', 'b', 'c', 'a', 'b', 'c'].map((k) => record(k, k)),
    );
    const read = await store.readToEnd(name);
    const partitionOf = new Map<string, Set<number>>();
    for (const r of read) {
      const set = partitionOf.get(r.key!.toString()) ?? new Set();
      set.add(r.partition);
      partitionOf.set(r.key!.toString(), set);
    }
    for (const set of partitionOf.values()) expect(set.size).toBe(1);
  });

  for (const exactlyOnce of [true, false]) {
    it(`runs a persistent processor (exactlyOnce=${exactlyOnce}) that resumes from its committed offsets`, async () => {
      const source = uniqueName('store_src');
      const sink = uniqueName('store_sink');
      const groupId = uniqueName('store_group');
      await store.createTopic({ name: source, partitions: 2, replicas: 1 });
      await store.createTopic({ name: sink, partitions: 1, replicas: 1 });
      await store.produce(source, [record('a', 'one'), record('b', 'two')]);
      const options = {
        queryId: 'CTAS_T_1',
        groupId,
        sources: [source],
        startFrom: 'earliest' as const,
        exactlyOnce,
      };
      const first = await store.runProcessor(options, { process: upperInto(sink) });
      await eventually(async () => expect(text(await store.readToEnd(sink)).sort()).toEqual(['ONE', 'TWO']));
      await first.stop();
      expect(first.state).toBe('STOPPED');

      await store.produce(source, [record('a', 'three')]);
      const second = await store.runProcessor(options, { process: upperInto(sink) });
      await eventually(async () =>
        expect(text(await store.readToEnd(sink)).sort()).toEqual(['ONE', 'THREE', 'TWO']),
      );
      await second.stop();
    });
  }

  it('starts a processor at latest: only records produced after it started', async () => {
    const source = uniqueName('store_src');
    const sink = uniqueName('store_sink');
    await store.createTopic({ name: source, partitions: 1, replicas: 1 });
    await store.createTopic({ name: sink, partitions: 1, replicas: 1 });
    await store.produce(source, [record('a', 'old')]);
    const processor = await store.runProcessor(
      { queryId: 'Q', groupId: uniqueName('g'), sources: [source], startFrom: 'latest', exactlyOnce: true },
      { process: upperInto(sink) },
    );
    await store.produce(source, [record('a', 'new')]);
    await eventually(async () => expect(text(await store.readToEnd(sink))).toEqual(['NEW']));
    await processor.stop();
  });

  it('puts a failing processor in ERROR without committing its batch', async () => {
    const source = uniqueName('store_src');
    const sink = uniqueName('store_sink');
    await store.createTopic({ name: source, partitions: 1, replicas: 1 });
    await store.createTopic({ name: sink, partitions: 1, replicas: 1 });
    await store.produce(source, [record('a', 'boom')]);
    const groupId = uniqueName('g');
    const processor = await store.runProcessor(
      { queryId: 'Q', groupId, sources: [source], startFrom: 'earliest', exactlyOnce: true },
      {
        process: () => {
          throw new Error('cannot process');
        },
      },
    );
    await eventually(() => expect(processor.state).toBe('ERROR'));
    expect(processor.error?.message).toBe('cannot process');
    const admin = await testKafka().admin();
    try {
      expect((await admin.committedOffsets(groupId, [source])).map((o) => o.offset)).toEqual([-1]);
    } finally {
      await admin.close();
    }
    await processor.stop();
  });

  it('tails from latest or earliest, with back-pressure, and deletes its group on close', async () => {
    const name = uniqueName('store_tail');
    await store.createTopic({ name, partitions: 1, replicas: 1 });
    await store.produce(name, [record('a', 'before')]);
    const fromLatest: string[] = [];
    const fromEarliest: string[] = [];
    const latest = await store.tail([name], 'latest', async (records) => {
      fromLatest.push(...text(records).map(String));
    });
    const earliest = await store.tail([name], 'earliest', async (records) => {
      fromEarliest.push(...text(records).map(String));
    });
    await store.produce(name, [record('a', 'after')]);
    await eventually(() => expect(fromLatest).toEqual(['after']));
    await eventually(() => expect(fromEarliest).toEqual(['before', 'after']));
    await latest.close();
    await earliest.close();
  });

  it('stops a tail whose reader threw and reports it once, instead of kafkajs retrying the batch', async () => {
    const name = uniqueName('store_tail_fail');
    await store.createTopic({ name, partitions: 1, replicas: 1 });
    const seen: string[] = [];
    const failures: string[] = [];
    const tail = await store.tail(
      [name],
      'earliest',
      async (records) => {
        seen.push(...text(records).map(String));
        throw new Error('reader broke');
      },
      (error) => failures.push(error.message),
    );
    await store.produce(name, [record('a', 'one')]);
    await eventually(() => expect(failures).toEqual(['reader broke']));
    await store.produce(name, [record('a', 'two')]);
    // Another tail sees 'two': by then the failed one had its chance to (wrongly) read it again.
    const witness: string[] = [];
    const other = await store.tail([name], 'earliest', async (records) => {
      witness.push(...text(records).map(String));
    });
    await eventually(() => expect(witness).toEqual(['one', 'two']));
    expect(seen).toEqual(['one']);
    expect(failures).toEqual(['reader broke']);
    await other.close();
    await tail.close();
  });

  it('fences a zombie: a second processor of the same query takes over and nothing is written twice', async () => {
    const source = uniqueName('store_src');
    const sink = uniqueName('store_sink');
    const groupId = uniqueName('g');
    await store.createTopic({ name: source, partitions: 1, replicas: 1 });
    await store.createTopic({ name: sink, partitions: 1, replicas: 1 });
    const options = {
      queryId: 'Q',
      groupId,
      sources: [source],
      startFrom: 'earliest' as const,
      exactlyOnce: true,
    };
    const zombie = await store.runProcessor(options, { process: upperInto(sink) });
    await store.produce(source, [record('a', 'one')]);
    await eventually(async () => expect(text(await store.readToEnd(sink))).toEqual(['ONE']));
    // A restarted engine starts the same query again while the old instance still runs.
    const successor = await store.runProcessor(options, { process: upperInto(sink) });
    await store.produce(source, [record('a', 'two')]);
    await eventually(async () => expect(text(await store.readToEnd(sink))).toEqual(['ONE', 'TWO']), {
      timeoutMs: 45_000,
    });
    // Whichever instance the group gave the partition, 'two' was written once: a zombie that got it
    // was fenced (its transaction failed, it went to ERROR and left the group to the successor).
    if (zombie.state === 'ERROR') expect(zombie.error?.message).toMatch(/epoch|fenced/i);
    await successor.stop();
    await zombie.stop();
    // The query restarts from its committed offsets: nothing lost, nothing twice.
    await store.produce(source, [record('a', 'three')]);
    const restarted = await store.runProcessor(options, { process: upperInto(sink) });
    await eventually(async () => expect(text(await store.readToEnd(sink))).toEqual(['ONE', 'TWO', 'THREE']));
    await restarted.stop();
  });

  it('only reads committed transactional output', async () => {
    const source = uniqueName('store_src');
    const sink = uniqueName('store_sink');
    await store.createTopic({ name: source, partitions: 1, replicas: 1 });
    await store.createTopic({ name: sink, partitions: 1, replicas: 1 });
    await store.produce(source, [record('a', 'x'), record('b', 'y')]);
    const seen: string[] = [];
    const tail = await store.tail([sink], 'earliest', async (records) => {
      seen.push(...text(records).map(String));
    });
    const processor = await store.runProcessor(
      { queryId: 'Q', groupId: uniqueName('g'), sources: [source], startFrom: 'earliest', exactlyOnce: true },
      { process: upperInto(sink) },
    );
    await eventually(() => expect(seen).toEqual(['X', 'Y']));
    await processor.stop();
    await tail.close();
  });
});
