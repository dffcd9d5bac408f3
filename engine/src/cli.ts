#!/usr/bin/env -S node --max-semi-space-size=64
import { createLogger, onShutdown } from '@tally/common';
import { Command } from 'commander';
import { type EngineFlags, readEngineConfig } from './config.js';
import { startEngineProcess } from './main.js';

/**
 * `tally-engine`: the embedded ksqlDB-compatible server. Configuration by environment variables
 * (ENGINE_PORT, ENGINE_HOST, KAFKA_BROKERS, KSQL_SERVICE_ID, ENGINE_STATE_DIR, LOG_LEVEL,
 * KSQL_PROCESSING_GUARANTEE, KSQL_MAX_PUSH_QUERIES) or the equivalent flags. SIGTERM/SIGINT shut
 * it down gracefully.
 */
const program = new Command()
  .name('tally-engine')
  .description("Tally's embedded ksqlDB-compatible stream SQL server over Kafka")
  .option('-p, --port <port>', 'HTTP port (ENGINE_PORT, default 8088)')
  .option('--host <host>', 'address to listen on (ENGINE_HOST, default 127.0.0.1)')
  .option('--kafka-brokers <list>', 'Kafka bootstrap servers (KAFKA_BROKERS, default 127.0.0.1:9092)')
  .option('--service-id <id>', 'ksqlDB service id (KSQL_SERVICE_ID, default default_)')
  .option('--state-dir <dir>', 'state folder (ENGINE_STATE_DIR, default .tally/engine)')
  .option('--log-level <level>', 'log level (LOG_LEVEL, default info)')
  .option(
    '--processing-guarantee <guarantee>',
    'exactly_once_v2 or at_least_once (KSQL_PROCESSING_GUARANTEE)',
  )
  .action(async (flags: EngineFlags) => {
    const config = readEngineConfig(flags);
    const logger = createLogger('tally-engine', { level: config.LOG_LEVEL });
    let engine: Awaited<ReturnType<typeof startEngineProcess>> | undefined;
    onShutdown(logger, async () => engine?.close());
    engine = await startEngineProcess(config, { logger });
    engine.ready.catch((error: unknown) => {
      logger.fatal({ err: error }, 'engine failed to start');
      void engine?.close().finally(() => process.exit(1));
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  createLogger('tally-engine').fatal({ err: error }, 'tally-engine failed');
  process.exit(1);
});
