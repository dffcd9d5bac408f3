import { join } from 'node:path';
import type { Logger } from '@tally/common';
import pg from 'pg';
import { stateRoot } from './paths.js';
import { isListening } from './readiness.js';
import type { Supervisor } from './supervisor.js';

export interface DatabaseChoice {
  url: string;
  /** Where the URL came from, for the start-up banner. */
  source: 'DATABASE_URL' | 'local server' | 'embedded PGlite';
}

/**
 * Picks PostgreSQL for `npm start`: DATABASE_URL when set; else the server on 127.0.0.1:5432
 * (database `tally`, created if missing); else an embedded PGlite served over the wire protocol.
 */
export async function resolveDatabase(supervisor: Supervisor, logger: Logger): Promise<DatabaseChoice> {
  const configured = process.env['DATABASE_URL'];
  if (configured) {
    await ensureDatabase(configured, logger);
    return { url: configured, source: 'DATABASE_URL' };
  }
  if (await isListening(5432)) {
    const url = 'postgres://postgres@127.0.0.1:5432/tally';
    await ensureDatabase(url, logger);
    return { url, source: 'local server' };
  }
  const port = Number(process.env['PGLITE_PORT'] ?? 5433);
  const service = supervisor.start({
    name: 'pglite',
    entry: 'infra/stack/src/pglite-server.ts',
    env: { PGLITE_PORT: String(port), PGLITE_DIR: join(stateRoot(), 'pglite') },
  });
  const deadline = Date.now() + 60_000;
  while (!(await isListening(port))) {
    if (service.child.exitCode !== null || Date.now() > deadline)
      throw new Error('embedded PGlite did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, source: 'embedded PGlite' };
}

/** Creates the database named in `url` when the server does not have it yet. */
async function ensureDatabase(url: string, logger: Logger): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    logger.info({ database: name }, 'created database');
  } finally {
    await admin.end();
  }
}
