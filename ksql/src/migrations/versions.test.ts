import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { listMigrationFiles, type MigrationFile } from './files.js';
import type { MigrationRecord } from './metadata.js';
import { latestMigrated, refuseConcurrentApply, selectPending } from './versions.js';

const file = (version: number): MigrationFile => ({
  version,
  name: `m${version}`,
  fileName: `V${version}`,
  path: '',
});
const files = [1, 2, 3, 5].map(file);
const record = (version: number, state: MigrationRecord['state'], previous = '<none>'): MigrationRecord => ({
  version,
  name: 'x',
  state,
  checksum: '',
  startedOn: '1000',
  completedOn: '',
  previous,
  errorReason: 'N/A',
});

describe('selectPending', () => {
  it('picks all, next, until and one version after the latest migrated', () => {
    const versions = (list: MigrationFile[]) => list.map((f) => f.version);
    expect(versions(selectPending(files, 1, { all: true }))).toEqual([2, 3, 5]);
    expect(versions(selectPending(files, 1, { next: true }))).toEqual([2]);
    expect(versions(selectPending(files, 1, { until: 4 }))).toEqual([2, 3]);
    expect(versions(selectPending(files, 1, { version: 3 }))).toEqual([3]);
    expect(selectPending(files, 5, { all: true })).toEqual([]);
    expect(() => selectPending(files, 3, { version: 2 })).toThrow(/Version 2 .* is not pending/);
    expect(() => selectPending(files, 0, { version: 4 })).toThrow('No migration file with version 4');
  });
});

describe('latestMigrated', () => {
  it('uses CURRENT when migrated, else its previous version, which must be migrated', async () => {
    const read = async (v: number) =>
      v === 2 ? record(2, 'MIGRATED') : v === 1 ? record(1, 'ERROR') : undefined;
    expect(await latestMigrated(undefined, read)).toBe(0);
    expect(await latestMigrated(record(3, 'MIGRATED', '2'), read)).toBe(3);
    expect(await latestMigrated(record(3, 'ERROR', '2'), read)).toBe(2);
    expect(await latestMigrated(record(1, 'RUNNING'), read)).toBe(0);
    await expect(latestMigrated(record(2, 'ERROR', '1'), read)).rejects.toThrow(
      /previous version 1 is ERROR/,
    );
  });
});

describe('refuseConcurrentApply', () => {
  it('refuses a recent RUNNING version and lets a stale one be re-applied', () => {
    expect(() => refuseConcurrentApply(record(2, 'RUNNING'), 1000 + 5_000)).toThrow(/RUNNING for 5 s/);
    expect(() => refuseConcurrentApply(record(2, 'RUNNING'), 1000 + 11 * 60_000)).not.toThrow();
    expect(() => refuseConcurrentApply(record(2, 'ERROR'), 1000)).not.toThrow();
    expect(() => refuseConcurrentApply(undefined, 1000)).not.toThrow();
  });
});

describe('files and config', () => {
  it('lists files in version order, skipping other names, refusing duplicates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksql-files-'));
    for (const name of ['V000010__b.sql', 'V000002__a_b.sql', 'notes.txt', 'V2__short.sql'])
      writeFileSync(join(dir, name), '');
    const warnings: string[] = [];
    expect(listMigrationFiles(dir, (w) => warnings.push(w)).map((f) => [f.version, f.name])).toEqual([
      [2, 'a b'],
      [10, 'b'],
    ]);
    expect(warnings).toHaveLength(2);
    writeFileSync(join(dir, 'V000002__again.sql'), '');
    expect(() => listMigrationFiles(dir)).toThrow(/Duplicate version 2/);
  });

  it('reads the properties file; KSQLDB_URL overrides ksql.server.url', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksql-config-'));
    const path = join(dir, 'ksql-migrations.properties');
    writeFileSync(
      path,
      '# comment\nksql.server.url=http://a:8088\nksql.migrations.table.name=VERSIONS\ntally.define.topic=t1\n',
    );
    expect(loadConfig(path, {})).toMatchObject({
      url: 'http://a:8088',
      migrationsDir: join(dir, 'migrations'),
      streamName: 'MIGRATION_EVENTS',
      tableName: 'VERSIONS',
      variables: { topic: 't1' },
    });
    expect(loadConfig(path, { KSQLDB_URL: 'http://b:1' }).url).toBe('http://b:1');
  });
});
