#!/usr/bin/env node
import { createLogger, defaults, TallyError } from '@tally/common';
import { Command } from 'commander';
import { migrate, migrationStatus } from './runner.js';

const logger = createLogger('tally-sql');
const program = new Command('tally-sql')
  .description("Tally's PostgreSQL schema: forward-only migrations")
  .option('--database-url <url>', 'PostgreSQL connection string (env DATABASE_URL)')
  .option('--migrations-dir <dir>', 'folder of NNNN_name.sql files (default: the bundled migrations)');

function settings() {
  const options = program.opts<{ databaseUrl?: string; migrationsDir?: string }>();
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? defaults.databaseUrl;
  return { databaseUrl, ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}) };
}

program
  .command('migrate')
  .description('apply pending migrations (creates the database if it does not exist)')
  .action(async () => {
    const result = await migrate(settings().databaseUrl, { ...settings(), logger });
    logger.info({ applied: result.applied, version: result.version }, 'database schema is up to date');
  });

program
  .command('status')
  .description('list migrations and whether each is applied, pending, changed or unknown')
  .action(async () => {
    const statuses = await migrationStatus(settings().databaseUrl, settings());
    for (const s of statuses) {
      const when = s.appliedAt ? s.appliedAt.toISOString() : '';
      process.stdout.write(`${s.state.padEnd(8)} ${s.file.padEnd(40)} ${when}\n`);
    }
    if (statuses.some((s) => s.state === 'changed')) process.exitCode = 1;
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof TallyError) {
    logger.error({ code: error.code, detail: error.detail, hint: error.hint }, error.message);
  } else {
    logger.error({ err: error }, 'tally-sql failed');
  }
  process.exit(1);
});
