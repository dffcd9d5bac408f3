import { createLogger } from '@tally/common';
import { describe, expect, it } from 'vitest';
import { MemoryTopicStore } from '../runtime/index.js';
import { createKsqlEngine } from './index.js';

describe('command sequence numbers', () => {
  it('reports the last applied command, the number each /ksql response carries', async () => {
    const store = new MemoryTopicStore();
    const engine = await createKsqlEngine({
      store,
      serviceId: 'seq_',
      logger: createLogger('t', { level: 'silent' }),
    });
    const core = engine as unknown as { lastCommandSequenceNumber(): number };
    expect(core.lastCommandSequenceNumber()).toBe(-1);
    const entities = (await engine.execute({
      ksql: `CREATE STREAM A (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='a', VALUE_FORMAT='JSON', PARTITIONS=1);
             CREATE STREAM B AS SELECT * FROM A;`,
    })) as { commandSequenceNumber?: number }[];
    const numbers = entities.map((e) => e.commandSequenceNumber);
    expect(numbers).toEqual([0, 1]);
    expect(core.lastCommandSequenceNumber()).toBe(1);
    // Statements that are not commands (SHOW, DESCRIBE, …) do not move it.
    await engine.execute({ ksql: 'SHOW STREAMS;' });
    expect(core.lastCommandSequenceNumber()).toBe(1);
    await engine.close();
  });
});
