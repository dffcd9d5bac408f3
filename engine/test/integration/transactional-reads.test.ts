import { eventually, startEngine, type TestEngine, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, http1Pool } from './http-client.js';

/**
 * Every topic the engine writes under exactly-once ends in a transaction commit marker, which no
 * consumer sees as a record. Reading such a topic "to its end" — a pull query over a derived
 * stream, restoring a table's state from its changelog at restart — must still finish.
 */
describe('reading transactional topics to their end', () => {
  let engine: TestEngine;
  const pool = () => http1Pool(engine.url);
  const prefix = uniqueName('txn_reads');

  beforeAll(async () => {
    engine = await startEngine();
  });
  afterAll(async () => {
    await engine?.stop();
  });

  async function pullRows(sql: string): Promise<unknown[][]> {
    const reply = await call(
      pool(),
      'POST',
      '/query-stream',
      { sql },
      'application/vnd.ksqlapi.delimited.v1',
    );
    expect(reply.status, reply.text).toBe(200);
    return reply.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as unknown[]);
  }

  it('answers a pull query over a stream written by a persistent query, and restores state after a restart', async () => {
    const created = await call(pool(), 'POST', '/ksql', {
      ksql: `CREATE STREAM ${prefix}_IN (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='${prefix}_in', VALUE_FORMAT='JSON', PARTITIONS=1);
CREATE STREAM ${prefix}_OUT AS SELECT * FROM ${prefix}_IN WHERE N > 0 EMIT CHANGES;
CREATE TABLE ${prefix}_COUNTS AS SELECT ID, COUNT(*) AS C FROM ${prefix}_IN GROUP BY ID EMIT CHANGES;`,
      streamsProperties: { 'ksql.streams.auto.offset.reset': 'earliest' },
    });
    expect(created.status, created.text).toBe(200);

    const producer = await testKafka().producer();
    const records = ['a', 'b', 'c', 'a'].map((id, i) => ({ key: id, value: JSON.stringify({ N: i + 1 }) }));
    await producer.send([{ topic: `${prefix}_in`, records }]);
    await producer.close();

    const table = `SELECT ID, C FROM ${prefix}_COUNTS;`;
    await eventually(async () => expect((await pullRows(table)).length).toBe(3));
    // A bounded scan of a stream the engine wrote transactionally: it must end with every row.
    await eventually(async () => expect(await pullRows(`SELECT ID, N FROM ${prefix}_OUT;`)).toHaveLength(4), {
      timeoutMs: 20_000,
    });

    // Restart: the table's state is restored from its changelog (which ends in a commit marker).
    await engine.stop('SIGTERM');
    await engine.restart();
    await eventually(async () => {
      const rows = await pullRows(table);
      expect(Object.fromEntries(rows.map(([id, c]) => [id, c]))).toEqual({ a: 2, b: 1, c: 1 });
    });
  });
});
