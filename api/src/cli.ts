#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, onShutdown } from '@tally/common';
import { Command } from 'commander';
import { readApiConfig } from './config.js';
import { createApiServer } from './server/create-server.js';

/** The dashboard's build beside this package (`web/dist`), served when API_STATIC_DIR is unset. */
const bundledDashboard = fileURLToPath(new URL('../../web/dist', import.meta.url));

const program = new Command('tally-api')
  .description(
    `Tally's GraphQL API: queries, subscriptions (graphql-ws), GraphiQL, /healthz, /readyz, /metrics.

Environment: API_PORT (4000), API_HOST (127.0.0.1), KSQLDB_URL (http://127.0.0.1:8088),
DATABASE_URL, API_TOKEN, API_CORS_ORIGINS (comma-separated), API_STATIC_DIR (web/dist),
API_MAX_SUBSCRIPTIONS_PER_CONNECTION (20), API_WS_MAX_BUFFERED_BYTES (4194304),
API_EXPOSE_BALLOTS (false), KSQLDB_USER / KSQLDB_PASSWORD (or user:pass@ in KSQLDB_URL), LOG_LEVEL (info).`,
  )
  .action(async () => {
    const logger = createLogger('api');
    const config = readApiConfig();
    const staticDir = config.staticDir ?? (existsSync(bundledDashboard) ? bundledDashboard : undefined);
    const server = await createApiServer({ ...config, staticDir, logger });
    logger.info(
      { graphql: `${server.url}/graphql`, dashboard: staticDir ? `${server.url}/` : null },
      'tally-api ready',
    );
    onShutdown(logger, () => server.close());
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
