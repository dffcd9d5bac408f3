import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaProducer } from '@tally/kafka-client';
import { eventually, startEngine, type TestEngine, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, type Dispatcher, http1Pool } from './http-client.js';

/**
 * State snapshots on real Kafka, the engine as a real process: a table's state survives a SIGTERM
 * restart through the snapshot written at shutdown (no changelog record read), and a SIGKILL
 * restart through the last snapshot plus the changelog records written after it — exactly: no
 * lost update, no double count, deleted rows stay deleted.
 */
interface Restored {
  store: string;
  from: 'created' | 'changelog' | 'snapshot';
  snapshotEntries: number;
  records: number;
}

let producer: KafkaProducer;
const dirs: string[] = [];
const engines: TestEngine[] = [];
const pools: Dispatcher[] = [];
beforeAll(async () => {
  producer = await testKafka('snapshot-restart').producer();
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop('SIGKILL');
  for (const p of pools.splice(0)) await p.close();
});
afterAll(async () => {
  await producer?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The `state restored` log lines of the engine process's current run (LOG_LEVEL=info). */
function restoredStores(engine: TestEngine): Restored[] {
  return engine.process
    .output()
    .split('\n')
    .filter((line) => line.includes('"state restored"'))
    .flatMap((line) => (JSON.parse(line) as { stores: Restored[] }).stores);
}

async function setUp(intervalMs: number) {
  const stateDir = mkdtempSync(join(tmpdir(), 'tally-snapshot-restart-'));
  dirs.push(stateDir);
  const engine = await startEngine({
    stateDir,
    env: { ENGINE_SNAPSHOT_INTERVAL_MS: String(intervalMs), LOG_LEVEL: 'info' },
  });
  engines.push(engine);
  const prefix = uniqueName('snap').toUpperCase();
  const pool = http1Pool(engine.url);
  pools.push(pool);
  const http = () => pool;
  const ksql = async (statement: string) => {
    const reply = await call(http(), 'POST', '/ksql', {
      ksql: statement,
      streamsProperties: { 'ksql.streams.auto.offset.reset': 'earliest' },
    });
    expect(reply.status, reply.text).toBe(200);
  };
  await ksql(
    `CREATE STREAM ${prefix}_VOTES (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='${prefix}_votes', VALUE_FORMAT='JSON', PARTITIONS=1);`,
  );
  await ksql(
    `CREATE TABLE ${prefix}_COUNTS AS SELECT ID, COUNT(*) AS C, SUM(V) AS S FROM ${prefix}_VOTES GROUP BY ID EMIT CHANGES;`,
  );
  await ksql(
    `CREATE SOURCE TABLE ${prefix}_PEOPLE (ID STRING PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='${prefix}_people', VALUE_FORMAT='JSON', PARTITIONS=1);`,
  );
  /** Table → sorted rows, by pull query. */
  const pull = async (table: string, columns: string): Promise<string[]> => {
    const reply = await call(
      http(),
      'POST',
      '/query-stream',
      { sql: `SELECT ${columns} FROM ${prefix}_${table};` },
      'application/vnd.ksqlapi.delimited.v1',
    );
    expect(reply.status, reply.text).toBe(200);
    return reply.text.trim().split('\n').slice(1).sort();
  };
  const votes = (rows: [string, number][]) =>
    producer.send([
      {
        topic: `${prefix}_votes`,
        records: rows.map(([key, v]) => ({ key, value: JSON.stringify({ V: v }) })),
      },
    ]);
  const people = (rows: [string, string | null][]) =>
    producer.send([
      {
        topic: `${prefix}_people`,
        records: rows.map(([key, name]) => ({
          key,
          value: name === null ? null : JSON.stringify({ NAME: name }),
        })),
      },
    ]);
  /** Waits until both tables show exactly what the input so far dictates. */
  const expectTables = (counts: string[], names: string[]) =>
    eventually(
      async () => {
        expect(await pull('COUNTS', 'ID, C, S')).toEqual(counts);
        expect(await pull('PEOPLE', 'ID, NAME')).toEqual(names);
      },
      { timeoutMs: 60_000 },
    );
  /**
   * Waits until every persistent query has committed its input to the end: pull queries already
   * show what a query computed before its commit, which a crash would lose and redo.
   */
  const committed = async () => {
    const reply = await call(http(), 'POST', '/ksql', { ksql: 'SHOW QUERIES;' });
    const [{ queries }] = JSON.parse(reply.text) as [{ queries: { id: string }[] }];
    const admin = await testKafka('snapshot-restart-admin').admin();
    try {
      await eventually(async () => {
        expect(queries).toHaveLength(2);
        for (const { id } of queries) {
          const group = `_confluent-ksql-${engine.serviceId}query_${id}`;
          const topic = id.includes('_COUNTS') ? `${prefix}_votes` : `${prefix}_people`;
          const [end] = await admin.topicOffsets(topic);
          expect(await admin.committedOffsets(group, [topic])).toMatchObject([{ offset: end!.high }]);
        }
      });
    } finally {
      await admin.close();
    }
  };
  const snapshotFiles = () => {
    const root = join(stateDir, 'snapshots');
    return readdirSync(root).flatMap((query) =>
      readdirSync(join(root, query)).map((file) => join(root, query, file)),
    );
  };
  return { engine, votes, people, expectTables, committed, snapshotFiles };
}

describe('state snapshots across restarts', () => {
  it('SIGTERM restarts from the shutdown snapshot; SIGKILL from the snapshot plus the changelog after it', async () => {
    const { engine, votes, people, expectTables, committed, snapshotFiles } = await setUp(3_600_000);
    await votes([
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ]);
    await people([
      ['p1', 'Ann'],
      ['p2', 'Bo'],
      ['p3', 'Cy'],
    ]);
    await expectTables(['["a",2,4]', '["b",1,2]'], ['["p1","Ann"]', '["p2","Bo"]', '["p3","Cy"]']);

    await engine.stop('SIGTERM');
    const afterTerm = snapshotFiles();
    expect(afterTerm.map((f) => f.split('/').at(-1)).sort()).toEqual([
      'Aggregate.snapshot',
      'Materialize.snapshot', // the source table's materialization
    ]);
    await engine.restart();
    await expectTables(['["a",2,4]', '["b",1,2]'], ['["p1","Ann"]', '["p2","Bo"]', '["p3","Cy"]']);
    const viaSnapshot = restoredStores(engine).filter((s) => s.store !== 'StreamTime');
    expect(viaSnapshot.length).toBeGreaterThanOrEqual(2);
    for (const s of viaSnapshot) expect(s).toMatchObject({ from: 'snapshot', records: 0 });
    const written = new Map(afterTerm.map((f) => [f, statSync(f).mtimeMs]));

    // Changelog writes after the last snapshot (the periodic one is an hour away), then a crash.
    await votes([
      ['a', 10],
      ['c', 5],
      ['b', 1],
    ]);
    await people([
      ['p2', null],
      ['p3', 'Cyd'],
      ['p4', 'Di'],
    ]);
    const counts = ['["a",3,14]', '["b",2,3]', '["c",1,5]'];
    const names = ['["p1","Ann"]', '["p3","Cyd"]', '["p4","Di"]'];
    await expectTables(counts, names);
    await committed();
    for (const [file, mtime] of written) expect(statSync(file).mtimeMs).toBe(mtime);
    await engine.stop('SIGKILL');
    await engine.restart();
    await expectTables(counts, names);
    const tail = restoredStores(engine).filter((s) => s.store !== 'StreamTime');
    for (const s of tail) expect(s).toMatchObject({ from: 'snapshot' });
    expect(tail.reduce((n, s) => n + s.records, 0)).toBeGreaterThan(0);

    // The restored state goes on counting exactly.
    await votes([['c', 1]]);
    await expectTables(['["a",3,14]', '["b",2,3]', '["c",2,6]'], names);
  }, 240_000);

  it('SIGKILL restarts from a periodic snapshot, exactly', async () => {
    const { engine, votes, people, expectTables, committed, snapshotFiles } = await setUp(200);
    let sent = 0;
    // Keep the query committing until a periodic snapshot has been written (it is taken at a commit).
    await eventually(
      async () => {
        sent++;
        await votes([['k', 1]]);
        expect(snapshotFiles().some((f) => f.endsWith('Aggregate.snapshot'))).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    await votes([
      ['k', 2],
      ['m', 7],
    ]);
    await people([['p1', 'Ann']]);
    const counts = [`["k",${sent + 1},${sent + 2}]`, '["m",1,7]'];
    await expectTables(counts, ['["p1","Ann"]']);
    await committed();
    await engine.stop('SIGKILL');
    await engine.restart();
    await expectTables(counts, ['["p1","Ann"]']);
    expect(restoredStores(engine).find((s) => s.store === 'Aggregate')).toMatchObject({ from: 'snapshot' });
    expect(
      readFileSync(snapshotFiles().find((f) => f.endsWith('Aggregate.snapshot'))!).length,
    ).toBeGreaterThan(4);
  }, 240_000);
});
