import type { Logger } from '@tally/common';
import pg from 'pg';
import { SqlError } from './errors.js';

/** PostgreSQL's "database does not exist" (invalid_catalog_name). */
const INVALID_CATALOG_NAME = '3D000';
/** PostgreSQL's "database already exists" (duplicate_database): another process won the race. */
const DUPLICATE_DATABASE = '42P04';

/** Quotes an SQL identifier ("my db" → "\"my db\""). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Connects to `databaseUrl`; when the database does not exist yet, creates it first (through the
 * server's `postgres` database), so that one command works on a fresh machine.
 */
export async function connectCreatingDatabase(databaseUrl: string, logger?: Logger): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw unreachable(databaseUrl, error);
  }
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    logger?.info({ database: name }, 'created database');
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw unreachable(url.toString(), error);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const created = new pg.Client({ connectionString: databaseUrl });
  await created.connect();
  return created;
}

function unreachable(databaseUrl: string, cause: unknown): SqlError {
  const url = new URL(databaseUrl);
  url.password = url.password ? '***' : '';
  return new SqlError('DATABASE_UNREACHABLE', `Cannot connect to PostgreSQL at ${url.toString()}`, {
    detail: (cause as Error).message,
    hint: 'Set DATABASE_URL to a reachable server, e.g. postgres://postgres@127.0.0.1:5432/tally.',
    cause,
  });
}
