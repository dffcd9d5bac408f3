import type { Logger } from '@tally/common';
import pg from 'pg';
import { connectCreatingDatabase } from './database.js';
import { SqlError } from './errors.js';
import { defaultMigrationsDir, loadMigrations, type MigrationFile } from './migration-files.js';

/** The table recording applied migrations. */
export const migrationsTable = 'tally_schema_migrations';

/** Advisory lock key held while migrating, so concurrent runners apply each migration once. */
const LOCK_KEY = 7_415_936_201;

export interface MigrateOptions {
  logger?: Logger;
  /** Folder of `NNNN_name.sql` files (default: Tally's `sql/migrations`). */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Files applied by this call, in order. */
  applied: string[];
  /** Highest version now applied (0 if none). */
  version: number;
}

/** How one migration stands in a database. */
export interface MigrationStatus {
  version: number;
  file: string;
  state: 'applied' | 'pending' | 'changed' | 'unknown';
  appliedAt: Date | null;
}

interface AppliedRow {
  version: number;
  file: string;
  checksum: string;
  applied_at: Date;
}

/**
 * Brings the database at `databaseUrl` up to date: creates the database if it does not exist,
 * takes an advisory lock (concurrent runners wait, then find nothing left to do), refuses to go on
 * if an applied migration was edited since, and applies each pending migration in its own
 * transaction together with its row in `tally_schema_migrations`.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = loadMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const client = await connectCreatingDatabase(databaseUrl, options.logger);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${migrationsTable} (
           version integer PRIMARY KEY,
           file text NOT NULL,
           checksum text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const applied = await readApplied(client);
      verifyUnchanged(files, applied);
      const done: string[] = [];
      for (const migration of files.filter((file) => !applied.has(file.version))) {
        await applyOne(client, migration);
        options.logger?.info({ migration: migration.file }, 'applied migration');
        done.push(migration.file);
      }
      const version = Math.max(0, ...applied.keys(), ...files.map((file) => file.version));
      return { applied: done, version };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Lists every migration known to the code or to the database with its state, without changing
 * anything (a database that does not exist yet has every migration pending).
 */
export async function migrationStatus(
  databaseUrl: string,
  options: Pick<MigrateOptions, 'migrationsDir'> = {},
): Promise<MigrationStatus[]> {
  const files = loadMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    // No database yet: nothing is applied.
    if ((error as { code?: string }).code === '3D000') {
      return files.map((file) => ({
        version: file.version,
        file: file.file,
        state: 'pending',
        appliedAt: null,
      }));
    }
    throw error;
  }
  try {
    const exists = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
      migrationsTable,
    ]);
    const applied = exists.rows[0]?.exists ? await readApplied(client) : new Map<number, AppliedRow>();
    const statuses: MigrationStatus[] = files.map((file) => {
      const row = applied.get(file.version);
      if (!row) return { version: file.version, file: file.file, state: 'pending', appliedAt: null };
      const state = row.checksum === file.checksum ? 'applied' : 'changed';
      return { version: file.version, file: file.file, state, appliedAt: row.applied_at };
    });
    const known = new Set(files.map((file) => file.version));
    for (const row of applied.values()) {
      if (!known.has(row.version)) {
        statuses.push({ version: row.version, file: row.file, state: 'unknown', appliedAt: row.applied_at });
      }
    }
    return statuses.sort((a, b) => a.version - b.version);
  } finally {
    await client.end();
  }
}

async function readApplied(client: pg.Client): Promise<Map<number, AppliedRow>> {
  const result = await client.query<AppliedRow>(
    `SELECT version, file, checksum, applied_at FROM ${migrationsTable} ORDER BY version`,
  );
  return new Map(result.rows.map((row) => [row.version, row]));
}

function verifyUnchanged(files: MigrationFile[], applied: Map<number, AppliedRow>): void {
  for (const file of files) {
    const row = applied.get(file.version);
    if (row && row.checksum !== file.checksum) {
      throw new SqlError(
        'MIGRATION_CHANGED',
        `Migration "${file.file}" was edited after it was applied: expected checksum ${row.checksum}, found ${file.checksum}`,
        {
          detail: `applied as "${row.file}" at ${row.applied_at.toISOString()}`,
          hint: 'Migrations are forward-only: restore the file and add a new migration with the change.',
        },
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(`INSERT INTO ${migrationsTable} (version, file, checksum) VALUES ($1, $2, $3)`, [
      migration.version,
      migration.file,
      migration.checksum,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new SqlError(
      'MIGRATION_FAILED',
      `Migration "${migration.file}" failed: ${(error as Error).message}`,
      {
        detail: 'The migration was rolled back; nothing of it was applied.',
        cause: error,
      },
    );
  }
}
