import { testBrokers, testKafka, uniqueName } from '@tally/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaAdmin, KafkaClient } from '../src/index.js';

/**
 * Tally patches kafkajs's transaction manager (patches/kafkajs+2.2.4.patch) to keep the
 * transaction and group coordinators between requests: the original asked the broker for them
 * before every AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and EndTxn — four round trips
 * more per exactly-once commit. Transactions must commit exactly as before.
 */
describe('transactions with cached coordinators (patched kafkajs) on Kafka 4', () => {
  let kafka: KafkaClient;
  let admin: KafkaAdmin;

  beforeAll(async () => {
    kafka = testKafka('coordinators');
    admin = await kafka.admin();
  });
  afterAll(async () => {
    await admin.close();
  });

  it('commits consecutive transactions with offsets, looking each coordinator up once', async () => {
    const topic = uniqueName('coordinators');
    const groupId = uniqueName('coordinators_group');
    await admin.createTopics([{ topic, partitions: 1 }]);
    const raw = new Kafka({ clientId: 'coordinators', brokers: [testBrokers()], logLevel: logLevel.NOTHING });
    const producer = raw.producer({
      transactionalId: uniqueName('coordinators_txn'),
      maxInFlightRequests: 1,
    });
    const requests = new Map<string, number>();
    producer.on(producer.events.REQUEST, (event) => {
      const api = event.payload.apiName;
      requests.set(api, (requests.get(api) ?? 0) + 1);
    });
    await producer.connect();
    const commitOne = async (t: number) => {
      const txn = await producer.transaction();
      await txn.send({ topic, messages: [{ key: `k${t}`, value: `v${t}` }] });
      await txn.sendOffsets({
        consumerGroupId: groupId,
        topics: [{ topic, partitions: [{ partition: 0, offset: String(t + 1) }] }],
      });
      await txn.commit();
    };
    // The first transaction finds the coordinators (more than once on a fresh broker, while they
    // load); the following ones must not look them up again.
    await commitOne(0);
    requests.clear();
    const transactions = 20;
    for (let t = 1; t < transactions; t++) await commitOne(t);
    // One aborted transaction: nothing of it may be read.
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ key: 'aborted', value: 'aborted' }] });
    await aborted.abort();
    await producer.disconnect();

    // The unpatched kafkajs looked up both coordinators before every request: 4 per transaction.
    // A coordinator that moves under load may be looked up again, a few times at most.
    expect(requests.get('GroupCoordinator') ?? 0).toBeLessThanOrEqual(2);
    expect(requests.get('EndTxn')).toBeGreaterThanOrEqual(transactions);

    const read = await kafka.readTopic(topic);
    expect(read.map((r) => r.value?.toString())).toEqual(
      Array.from({ length: transactions }, (_, t) => `v${t}`),
    );
    const [committed] = await raw
      .admin()
      .fetchOffsets({ groupId, topics: [topic] })
      .then((r) => r);
    expect(committed?.partitions[0]?.offset).toBe(String(transactions));
  });
});
