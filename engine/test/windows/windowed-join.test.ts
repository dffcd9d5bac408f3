import { createLogger } from '@tally/common';
import { describe, expect, it } from 'vitest';
import { createKsqlEngine, type KsqlEngine } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';

const logger = createLogger('engine-test', { level: 'silent' });

/** A record of a stream windowed by 2-second tumbling windows: the KAFKA INT key, then the window start. */
function windowed(key: number, start: number, id: number) {
  const k = Buffer.alloc(12);
  k.writeInt32BE(key, 0);
  k.writeBigInt64BE(BigInt(start), 4);
  return { key: k, value: Buffer.from(JSON.stringify({ ID: id })), timestamp: start };
}

async function start(store: MemoryTopicStore): Promise<KsqlEngine> {
  const engine = await createKsqlEngine({
    store,
    serviceId: 'wjoin_',
    logger,
    config: { 'ksql.streams.auto.offset.reset': 'earliest' },
  });
  for (const name of ['left_topic', 'right_topic'])
    await store.createTopic({ name, partitions: 4, replicas: 1 });
  await engine.execute({
    ksql: `CREATE STREAM S1 (K INT KEY, ID BIGINT) WITH (KAFKA_TOPIC='left_topic', VALUE_FORMAT='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='2 SECONDS');
           CREATE STREAM S2 (K INT KEY, ID BIGINT) WITH (KAFKA_TOPIC='right_topic', VALUE_FORMAT='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='2 SECONDS');
           CREATE STREAM JOINED AS SELECT * FROM S1 JOIN S2 WITHIN 1 MINUTE ON S1.K = S2.K;`,
  });
  return engine;
}

describe('joins of windowed streams', () => {
  it('join records of the same key and window only, keyed by the left window', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    await store.produce('left_topic', [windowed(1, 0, 1), windowed(1, 2000, 2), windowed(2, 0, 3)]);
    await store.produce('right_topic', [windowed(1, 0, 10), windowed(1, 2000, 20), windowed(3, 0, 30)]);
    await store.settle();
    const q = await engine.query({ sql: 'SELECT * FROM JOINED;' });
    expect(q.columns.map((c) => c.name)).toEqual([
      'S1_K',
      'WINDOWSTART',
      'WINDOWEND',
      'S1_WINDOWSTART',
      'S1_WINDOWEND',
      'S1_ID',
      'S2_K',
      'S2_WINDOWSTART',
      'S2_WINDOWEND',
      'S2_ID',
    ]);
    const rows: string[] = [];
    for await (const r of q.rows) rows.push(r.json);
    // Both records of key 1 fall within a minute of each other, but only equal windows join.
    expect(rows.sort()).toEqual([
      '[1,0,2000,0,2000,1,1,0,2000,10]',
      '[1,2000,4000,2000,4000,2,1,2000,4000,20]',
    ]);
    await engine.close();
  });

  it('writes every window of a key to one partition, as Kafka Streams partitions windowed keys', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store);
    const starts = [0, 2000, 4000, 6000, 8000, 10000];
    await store.produce(
      'left_topic',
      starts.map((s, i) => ({ ...windowed(1, s, i), partition: 0 })),
    );
    await store.produce(
      'right_topic',
      starts.map((s, i) => ({ ...windowed(1, s, 100 + i), partition: 0 })),
    );
    await store.settle();
    const out = store.records('JOINED');
    expect(out).toHaveLength(starts.length);
    // The full windowed keys would hash to several of the 4 partitions; the key alone to one.
    expect(new Set(out.map((r) => r.partition)).size).toBe(1);
    await engine.close();
  });
});
