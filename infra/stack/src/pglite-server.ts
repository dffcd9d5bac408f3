import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createLogger, onShutdown } from '@tally/common';

/**
 * An embedded PostgreSQL (PGlite, WebAssembly) served over the PostgreSQL wire protocol, for
 * machines without a PostgreSQL server. Data persists in PGLITE_DIR so a second run resumes.
 */
const logger = createLogger('pglite');
const dir = process.env['PGLITE_DIR'] ?? '.tally/pglite';
const port = Number(process.env['PGLITE_PORT'] ?? 5433);
mkdirSync(dir, { recursive: true });
const db = await PGlite.create(dir);
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 64 });
await server.start();
logger.info({ port, dir }, 'embedded PostgreSQL (PGlite) listening');
onShutdown(logger, async () => {
  await server.stop();
  await db.close();
});
