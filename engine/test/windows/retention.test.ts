import { createLogger } from '@tally/common';
import { describe, expect, it } from 'vitest';
import { createKsqlEngine, type KsqlEngine } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';

const logger = createLogger('engine-test', { level: 'silent' });
const MINUTE = 60_000;

const click = (user: string, timestamp: number) => ({
  key: Buffer.from(user),
  value: Buffer.from(JSON.stringify({ page: 'home' })),
  timestamp,
});

async function rows(engine: KsqlEngine, sql: string): Promise<string[]> {
  const q = await engine.query({ sql });
  const out: string[] = [];
  for await (const r of q.rows) out.push(r.json);
  return out.sort();
}

async function start(store: MemoryTopicStore, window: string): Promise<KsqlEngine> {
  const engine = await createKsqlEngine({
    store,
    serviceId: 'retention_',
    logger,
    config: { 'ksql.streams.auto.offset.reset': 'earliest' },
  });
  await store.createTopic({ name: 'clicks', partitions: 1, replicas: 1 });
  await engine.execute({
    ksql: `CREATE STREAM CLICKS (USER_ID STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON');
           CREATE TABLE PER_MINUTE AS SELECT USER_ID, COUNT(*) AS N FROM CLICKS
             WINDOW ${window} GROUP BY USER_ID EMIT CHANGES;`,
  });
  return engine;
}

describe('window RETENTION', () => {
  it('drops windows that stream time has left behind by more than the retention', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(
      store,
      'TUMBLING (SIZE 1 MINUTE, RETENTION 2 MINUTES, GRACE PERIOD 0 SECONDS)',
    );
    await store.produce('clicks', [click('u1', 0), click('u1', 1 * MINUTE), click('u1', 1 * MINUTE + 5)]);
    await store.settle();
    expect(await rows(engine, 'SELECT WINDOWSTART, N FROM PER_MINUTE;')).toEqual(['[0,1]', '[60000,2]']);

    // Stream time 2.5 min: the window starting at 0 expires (0 + 2 min ≤ 2.5 min), 1 min stays.
    await store.produce('clicks', [click('u2', 2.5 * MINUTE)]);
    await store.settle();
    expect(await rows(engine, 'SELECT WINDOWSTART, N FROM PER_MINUTE;')).toEqual(['[120000,1]', '[60000,2]']);

    // Stream time 3 min: 1 min + 2 min ≤ 3 min, gone too.
    await store.produce('clicks', [click('u2', 3 * MINUTE)]);
    await store.settle();
    expect(await rows(engine, 'SELECT WINDOWSTART, N FROM PER_MINUTE;')).toEqual([
      '[120000,1]',
      '[180000,1]',
    ]);
    await engine.close();
  });

  it('keeps a window as long as it accepts records (retention at least size + grace)', async () => {
    const store = new MemoryTopicStore();
    const engine = await start(store, 'TUMBLING (SIZE 1 MINUTE, RETENTION 1 MINUTE, GRACE PERIOD 2 MINUTES)');
    await store.produce('clicks', [click('u1', 0), click('u2', 2 * MINUTE + 30_000)]);
    await store.settle();
    // A late record for window 0 inside its grace period still counts: the window was retained.
    await store.produce('clicks', [click('u1', 10_000)]);
    await store.settle();
    expect(await rows(engine, 'SELECT USER_ID, WINDOWSTART, N FROM PER_MINUTE;')).toEqual([
      '["u1",0,2]',
      '["u2",120000,1]',
    ]);
    await engine.close();
  });
});
