import { createLogger } from '@tally/common';
import { describe, expect, it } from 'vitest';
import { createKsqlEngine } from '../../src/executor/index.js';
import {
  type ConsumedRecord,
  MemoryTopicStore,
  type StartPosition,
  type Tail,
} from '../../src/runtime/index.js';

const logger = createLogger('engine-test', { level: 'silent' });

/** A store whose push-query readers die after their first batch, as a consumer kafkajs gave up on. */
class DyingTailStore extends MemoryTopicStore {
  override async tail(
    topics: string[],
    from: StartPosition,
    onRecords: (records: ConsumedRecord[]) => Promise<void>,
    onFailed?: (error: Error) => void,
  ): Promise<Tail> {
    let dead = false;
    return super.tail(topics, from, async (records) => {
      if (dead) return;
      await onRecords(records);
      dead = true;
      onFailed?.(new Error('consumer crashed'));
    });
  }
}

/**
 * A push query whose reader stops for good ends with the error (the server writes it into the
 * stream), instead of staying open and silent while its client waits for rows forever.
 */
describe('a push query whose reader died', () => {
  it('delivers what it read, then fails with the reader’s error', async () => {
    const store = new DyingTailStore();
    const engine = await createKsqlEngine({ store, serviceId: 'dy_', logger, config: {} });
    await engine.execute({
      ksql: `CREATE STREAM S (K STRING KEY, V STRING) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);`,
    });
    const query = await engine.query({
      sql: 'SELECT V FROM S EMIT CHANGES;',
      properties: { 'auto.offset.reset': 'earliest' },
    });
    await store.produce('s', [{ key: Buffer.from('k'), value: Buffer.from('{"V":"one"}'), timestamp: 1 }]);
    const rows: string[] = [];
    const read = (async () => {
      for await (const row of query.rows) rows.push(row.json);
    })();
    await expect(read).rejects.toThrow('consumer crashed');
    expect(rows).toEqual(['["one"]']);
    await query.close();
  });
});
