import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tally/testkit';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrate, migrationStatus } from '../../src/index.js';

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.drop()));
});

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('tally_sql');
  databases.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

describe('migrate', () => {
  it('applies every migration once, records checksums, and does nothing the second time', async () => {
    const db = await freshDatabase();
    const first = await migrate(db.url);
    expect(first.applied).toEqual([
      '0001_create_candidates.sql',
      '0002_create_voters.sql',
      '0003_create_votes.sql',
    ]);
    const second = await migrate(db.url);
    expect(second).toEqual({ applied: [], version: 3 });
    const rows = await query<{ file: string; checksum: string }>(
      db.url,
      'SELECT file, checksum FROM tally_schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.file)).toEqual(first.applied);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    expect((await migrationStatus(db.url)).map((s) => s.state)).toEqual(['applied', 'applied', 'applied']);
  });

  it('applies each migration exactly once when runners race', async () => {
    const db = await freshDatabase();
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([
      '0001_create_candidates.sql',
      '0002_create_voters.sql',
      '0003_create_votes.sql',
    ]);
  });

  it('creates the database when it does not exist', async () => {
    const db = await freshDatabase();
    await db.drop();
    await migrate(db.url);
    const rows = await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM tally_schema_migrations');
    expect(rows[0]?.n).toBe('3');
  });

  it('reports every migration pending for a database that does not exist, without creating it', async () => {
    const db = await freshDatabase();
    await db.drop();
    expect((await migrationStatus(db.url)).map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
    const admin = new URL(db.url);
    admin.pathname = '/postgres';
    expect(await query(admin.toString(), 'SELECT 1 FROM pg_database WHERE datname = $1', [db.name])).toEqual(
      [],
    );
  });

  it('refuses a migration edited after it was applied, naming the file', async () => {
    const db = await freshDatabase();
    const dir = copyOfMigrations();
    await migrate(db.url, { migrationsDir: dir });
    writeFileSync(join(dir, '0002_create_voters.sql'), '-- edited\nSELECT 1;\n');
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration "0002_create_voters.sql" was edited after it was applied/,
    );
    expect((await migrationStatus(db.url, { migrationsDir: dir })).map((s) => s.state)).toEqual([
      'applied',
      'changed',
      'applied',
    ]);
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    const db = await freshDatabase();
    const dir = copyOfMigrations();
    writeFileSync(
      join(dir, '0004_broken.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n',
    );
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration "0004_broken.sql" failed/,
    );
    const tables = await query(db.url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    expect(tables).toEqual([]);
    expect((await migrationStatus(db.url, { migrationsDir: dir })).map((s) => s.state)).toEqual([
      'applied',
      'applied',
      'applied',
      'pending',
    ]);
  });
});
