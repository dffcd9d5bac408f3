import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, spawnService, testKafka, uniqueName } from '@tally/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createKsqlClient,
  electionMigrations,
  type KsqlClient,
  type KsqlValue,
  migrationInfo,
  validateMigrations,
} from '../../src/index.js';
import { expected, voterRecords, votes } from './election-data.js';
import { ksqlServer } from './server.js';

/**
 * The election's migrations on a fresh engine over real Kafka, with topics of their own: apply,
 * info/validate, re-apply (nothing to do, exit 0), then a known set of votes — duplicates and late
 * votes included — and every live table must hold exactly the expected rows.
 */
let engine: { url: string; stop(): Promise<void> };
let client: KsqlClient;
const topics = {
  votersTopic: uniqueName('voters'),
  votesTopic: uniqueName('votes'),
  topicPrefix: `${uniqueName('election')}_`,
};
const migrations = electionMigrations(topics);

beforeAll(async () => {
  // A fresh engine; or KSQLDB_URL, which must then be a server without the election's objects.
  engine = await ksqlServer();
  client = createKsqlClient({ url: engine.url });
});

afterAll(async () => {
  await client?.close();
  await engine?.stop();
});

const sorted = (rows: KsqlValue[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('election migrations', () => {
  it('apply every migration on an empty engine', async () => {
    const result = await applyMigrations({ url: engine.url, ...migrations });
    expect(result).toEqual({ previous: 0, applied: [1, 2, 3, 4, 5], dryRun: false });
    const [tables] = await client.execute('SHOW TABLES;');
    expect((tables!['tables'] as { name: string }[]).map((t) => t.name).sort()).toEqual([
      'BALLOTS',
      'MIGRATION_SCHEMA_VERSIONS',
      'REGISTERED_BY_STATE',
      'TURNOUT_BY_STATE',
      'VOTERS',
      'VOTES_BY_AGE_BAND',
      'VOTES_BY_GENDER',
      'VOTES_BY_STATE_CANDIDATE',
      'VOTES_OVER_TIME',
      'VOTES_PER_CANDIDATE',
    ]);
  });

  it('info and validate agree', async () => {
    const info = await migrationInfo({ url: engine.url, ...migrations });
    expect(info.current).toBe(5);
    expect(info.rows.map((r) => [r.version, r.state, r.previous])).toEqual([
      [1, 'MIGRATED', '<none>'],
      [2, 'MIGRATED', '1'],
      [3, 'MIGRATED', '2'],
      [4, 'MIGRATED', '3'],
      [5, 'MIGRATED', '4'],
    ]);
    expect(await validateMigrations({ url: engine.url, ...migrations })).toEqual([5, 4, 3, 2, 1]);
  });

  it('apply again through the CLI does nothing and exits 0', async () => {
    const defines = Object.entries(migrations.variables).flatMap(([k, v]) => ['-d', `${k}=${v}`]);
    const cli = spawnService(
      'ksql/src/cli.ts',
      ['migrations', '--config-file', 'ksql/ksql-migrations.properties', 'apply', '--all', ...defines],
      { KSQLDB_URL: engine.url },
    );
    expect(await cli.exited()).toBe(0);
    expect(cli.output()).toContain('Nothing to apply: the latest migrated version is 5');
  });

  it('counts every voter once, whatever was re-sent or late', async () => {
    const producer = await testKafka().producer();
    try {
      await producer.send([{ topic: topics.votersTopic, records: voterRecords }]);
      await producer.send([{ topic: topics.votesTopic, records: votes }]);
    } finally {
      await producer.close();
    }
    await eventually(
      async () => {
        for (const [table, rows] of Object.entries(expected)) {
          const result = await client.pull(`SELECT * FROM ${table};`);
          expect({ table, rows: sorted(result.rows) }).toEqual({ table, rows: sorted(rows) });
        }
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const ballots = await client.pull(
      'SELECT VOTER_ID, CANDIDATE_ID, STATE, AGE_BAND, BALLOTS_RECEIVED FROM BALLOTS;',
    );
    expect(sorted(ballots.rows)).toEqual([
      ['v1', 'cand-1', 'OH', '35-44', 2],
      ['v2', 'cand-2', 'OH', '18-24', 1],
      ['v3', 'cand-1', 'CA', '65+', 1],
      ['v4', 'cand-1', 'TX', '25-34', 1],
      ['v5', 'cand-3', 'CA', '45-54', 1],
      ['v6', 'cand-2', 'OH', '35-44', 1],
    ]);
    // FIRST_BALLOTS holds each voter once: read it from the start as a push query.
    const first = await client.push('SELECT VOTER_ID, BALLOTS_RECEIVED FROM FIRST_BALLOTS EMIT CHANGES;', {
      properties: { 'auto.offset.reset': 'earliest' },
    });
    const firstRows: KsqlValue[][] = [];
    for await (const row of first) {
      firstRows.push(row.values);
      if (firstRows.length === 6) break;
    }
    expect(sorted(firstRows)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map((v) => [v, 1]));
  }, 150_000);
});

describe('a failing migration', () => {
  it('is recorded as ERROR, and the error names the file and the statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksql-failing-'));
    const source = uniqueName('ok').toUpperCase();
    writeFileSync(
      join(dir, 'V000001__first_try.sql'),
      `CREATE STREAM ${source} (A STRING) WITH (KAFKA_TOPIC='${source.toLowerCase()}', VALUE_FORMAT='JSON', PARTITIONS=1);\n` +
        `CREATE STREAM ${source}_BROKEN AS SELECT NOPE FROM ${source};\n`,
    );
    const options = {
      url: engine.url,
      migrationsDir: dir,
      streamName: `${source}_EVENTS`,
      tableName: `${source}_VERSIONS`,
    };
    await expect(applyMigrations(options)).rejects.toThrow(
      /^V000001__first_try.sql: statement 2 failed to execute \(error_code 40001\): .*\n {2}CREATE STREAM \w+_BROKEN AS SELECT NOPE/s,
    );
    const info = await migrationInfo(options);
    expect(info.rows).toMatchObject([
      {
        version: 1,
        state: 'ERROR',
        errorReason: expect.stringMatching(
          /^Failed to execute sql: CREATE STREAM \w+_BROKEN AS SELECT NOPE .*\. Error: /,
        ),
      },
    ]);
    expect(await validateMigrations(options)).toEqual([]);
  }, 120_000);
});
