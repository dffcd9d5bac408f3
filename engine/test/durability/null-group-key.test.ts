import { createLogger } from '@tally/common';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { createKsqlEngine } from '../../src/executor/index.js';
import { MemoryTopicStore } from '../../src/runtime/index.js';

const logger = createLogger('engine-test', { level: 'silent' });

interface LogEntry {
  LOGGER: string;
  MESSAGE: { TYPE: unknown; RECORDPROCESSINGERROR: { ERRORMESSAGE: string; RECORD: string } | null };
}

/**
 * A record whose grouping expression is NULL is dropped and logged to the processing log once
 * (ksql-contract §3.5), with the row (and so its offset) it failed on: the chaos test matches the
 * votes without a key this way.
 */
describe('a NULL group key', () => {
  it('drops the row and logs it once, also when a table row leaves its group', async () => {
    const store = new MemoryTopicStore();
    const engine = await createKsqlEngine({
      store,
      serviceId: 'nk_',
      logger,
      config: { 'ksql.streams.auto.offset.reset': 'earliest' },
    });
    await engine.execute({
      ksql: `CREATE STREAM S (K STRING KEY, G STRING) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);
        CREATE TABLE PER_KEY AS SELECT K, LATEST_BY_OFFSET(G) AS G, COUNT(*) AS N FROM S GROUP BY K EMIT CHANGES;
        CREATE TABLE PER_G AS SELECT G, COUNT(*) AS N FROM PER_KEY GROUP BY G EMIT CHANGES;`,
    });
    const rec = (key: string | null, g: string | null, ts: number) => ({
      key: key === null ? null : Buffer.from(key),
      value: Buffer.from(JSON.stringify({ g })),
      timestamp: ts,
    });
    // Offset 1 has no key; k2 first has no G (PER_G drops it), then gets one (nothing to retract).
    await store.produce('s', [rec('k1', 'a', 1), rec(null, 'a', 2), rec('k2', null, 3), rec('k2', 'b', 4)]);
    await store.settle();
    const rows = async (sql: string) => {
      const out: string[] = [];
      for await (const r of (await engine.query({ sql })).rows) out.push(r.json);
      return out.sort();
    };
    expect(await rows('SELECT * FROM PER_KEY;')).toEqual(['["k1","a",1]', '["k2","b",2]']);
    expect(await rows('SELECT * FROM PER_G;')).toEqual(['["a",1]', '["b",1]']);
    const log = store
      .records('nk_ksql_processing_log')
      .map((r) => parse(r.value!.toString()) as LogEntry)
      .map((e) => ({
        logger: e.LOGGER.replace(/_\d+\./, '.'),
        type: Number(e.MESSAGE.TYPE),
        message: e.MESSAGE.RECORDPROCESSINGERROR?.ERRORMESSAGE,
        offset: (JSON.parse(e.MESSAGE.RECORDPROCESSINGERROR?.RECORD ?? '{}') as { ROWOFFSET?: number })
          .ROWOFFSET,
      }));
    const message =
      'Group-by column with index 0 resolved to null. The source row will be excluded from the table.';
    expect(log).toEqual([
      { logger: 'processing.CTAS_PER_KEY.groupBy', type: 1, message, offset: 1 },
      { logger: 'processing.CTAS_PER_G.groupBy', type: 1, message, offset: 1 },
    ]);
    await engine.close();
  });
});
