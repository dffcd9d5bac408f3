// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the SQL under test uses ksqlDB ${variables}
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, checksum, migrationInfo, validateMigrations } from '../src/index.js';
import { createFakeKsqlClient } from './support/fake-ksql-client.js';

/** The apply/info/validate logic over an in-memory KsqlClient (the engine tests cover the wire). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ksql-migrations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const files = {
  'V000001__create_votes.sql':
    "SET 'auto.offset.reset'='earliest';\nCREATE STREAM VOTES (ID STRING KEY) WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON', PARTITIONS=1);\n",
  'V000002__count_votes.sql':
    "DEFINE sink = 'COUNTS';\nCREATE TABLE ${sink} AS SELECT ID, COUNT(*) AS N FROM VOTES GROUP BY ID;\n",
  'README.md': 'not a migration',
};

/** A fresh project of `files` over a fake server: the fake, the folder, the options every command takes. */
function setup(fakeOptions?: Parameters<typeof createFakeKsqlClient>[0], topic = 't') {
  const fake = createFakeKsqlClient(fakeOptions);
  const dir = project(files);
  const options = { url: 'http://fake', migrationsDir: dir, client: fake.client, variables: { topic } };
  return { fake, dir, options };
}

describe('apply, info and validate', () => {
  it('applies every file in order, writes two rows per state change, and agrees with info/validate', async () => {
    const { fake, options } = setup(undefined, 'votes_t');

    const result = await applyMigrations(options);
    expect(result).toEqual({ previous: 0, applied: [1, 2], dryRun: false });
    expect([...fake.sources.keys()]).toEqual([
      'MIGRATION_EVENTS',
      'MIGRATION_SCHEMA_VERSIONS',
      'VOTES',
      'COUNTS',
    ]);
    const sent = fake.statements.filter((s) => /^CREATE (STREAM VOTES|TABLE COUNTS)/.test(s.text));
    expect(sent.map((s) => s.text)).toEqual([
      "CREATE STREAM VOTES (ID STRING KEY) WITH (KAFKA_TOPIC='votes_t', VALUE_FORMAT='JSON', PARTITIONS=1);",
      'CREATE TABLE COUNTS AS SELECT ID, COUNT(*) AS N FROM VOTES GROUP BY ID;',
    ]);
    // SET applies to the rest of its file only.
    expect(sent.map((s) => s.properties)).toEqual([{ 'auto.offset.reset': 'earliest' }, {}]);
    expect(fake.table.get('CURRENT')).toMatchObject({ VERSION: '2', STATE: 'MIGRATED', PREVIOUS: '1' });
    expect(fake.table.get('1')).toMatchObject({
      NAME: 'create votes',
      STATE: 'MIGRATED',
      PREVIOUS: '<none>',
      ERROR_REASON: 'N/A',
      CHECKSUM: checksum(files['V000001__create_votes.sql']),
    });

    const info = await migrationInfo(options);
    expect(info.current).toBe(2);
    expect(info.rows.map((r) => [r.version, r.state, r.previous])).toEqual([
      [1, 'MIGRATED', '<none>'],
      [2, 'MIGRATED', '1'],
    ]);
    expect(await validateMigrations(options)).toEqual([2, 1]);

    const again = await applyMigrations(options);
    expect(again).toEqual({ previous: 2, applied: [], dryRun: false });
  });

  it('records ERROR with the failing statement, then re-applies that version once fixed', async () => {
    const { fake, options } = setup({ failOn: /COUNT\(\*\)/ });
    await expect(applyMigrations(options)).rejects.toThrow(
      /V000002__count_votes.sql: statement 2 failed to execute \(error_code 40001\): Line: 1, Col: 1: bad statement\n {2}CREATE TABLE \$\{sink\}/,
    );
    expect(fake.table.get('2')).toMatchObject({
      STATE: 'ERROR',
      ERROR_REASON:
        'Failed to execute sql: CREATE TABLE ${sink} AS SELECT ID, COUNT(*) AS N FROM VOTES GROUP BY ID;. Error: Line: 1, Col: 1: bad statement',
    });
    const fixed = createFakeKsqlClient();
    // Same metadata, a server that now accepts the statement.
    for (const [k, v] of fake.table) fixed.table.set(k, v);
    for (const [k, v] of fake.sources) fixed.sources.set(k, v);
    const result = await applyMigrations({ ...options, client: fixed.client });
    expect(result).toEqual({ previous: 1, applied: [2], dryRun: false });
  });

  it('refuses a concurrent apply while a version is RUNNING', async () => {
    const { fake, options } = setup();
    await applyMigrations({ ...options, target: { next: true } });
    fake.table.set('CURRENT', {
      ...fake.table.get('1')!,
      VERSION: '2',
      STATE: 'RUNNING',
      PREVIOUS: '1',
      STARTED_ON: String(Date.now()),
    });
    await expect(applyMigrations(options)).rejects.toThrow(
      /Version 2 .* RUNNING .*another apply seems to be in progress/,
    );
    fake.table.set('CURRENT', {
      ...fake.table.get('CURRENT')!,
      STARTED_ON: String(Date.now() - 11 * 60_000),
    });
    expect((await applyMigrations(options)).applied).toEqual([2]);
  });

  it('stops when another apply writes RUNNING right after this one', async () => {
    const { fake, options } = setup();
    const insert = fake.client.insert;
    fake.client.insert = async (target, rows, options) => {
      const acks = await insert(target, rows, options);
      if (rows[0]?.['STATE'] === 'RUNNING') {
        await insert(target, [{ ...rows[0], STARTED_ON: String(Date.now() + 1), NAME: 'other apply' }]);
      }
      return acks;
    };
    await expect(applyMigrations(options)).rejects.toMatchObject({
      code: 'MIGRATION_CONCURRENT',
      message: expect.stringContaining('Another apply started version 1'),
    });
    expect(fake.sources.has('VOTES')).toBe(false);
  });

  it('fails validate when a migrated file changed, and a dry run changes nothing', async () => {
    const { fake, dir, options } = setup();
    const dry = await applyMigrations({ ...options, dryRun: true });
    expect(dry).toEqual({ previous: 0, applied: [1, 2], dryRun: true });
    expect(fake.sources.size).toBe(0);
    await applyMigrations({ ...options, target: { until: 1 } });
    writeFileSync(join(dir, 'V000001__create_votes.sql'), '-- edited\n');
    await expect(validateMigrations(options)).rejects.toThrow(
      /'V000001__create_votes.sql' changed since it was applied/,
    );
  });
});
