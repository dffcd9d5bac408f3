#!/usr/bin/env node
import { createLogger, TallyError } from '@tally/common';
import { Command } from 'commander';
import { positiveInt } from '../config.js';
import { seed } from './seed.js';

const logger = createLogger('tally-seed');
const program = new Command('tally-seed')
  .description('Registers candidates and voters in PostgreSQL and on Kafka (deterministic for --seed)')
  .option('--voters <n>', 'voters to register (env SEED_VOTERS)', process.env['SEED_VOTERS'] ?? '1000')
  .option(
    '--candidates <n>',
    'candidates, one per party (env SEED_CANDIDATES)',
    process.env['SEED_CANDIDATES'] ?? '3',
  )
  .option(
    '--seed <value>',
    'any string or number; same seed, same data (env SEED)',
    process.env['SEED'] ?? 'tally',
  )
  .option('--reset', 'empty the tables and recreate the topics first', false)
  .option(
    '--partitions <n>',
    'partitions of the topics it creates (env TOPIC_PARTITIONS)',
    process.env['TOPIC_PARTITIONS'] ?? '1',
  )
  .option('--brokers <list>', 'Kafka bootstrap servers (env KAFKA_BROKERS)')
  .option('--database-url <url>', 'PostgreSQL connection string (env DATABASE_URL)')
  .option('--candidates-topic <name>', 'env CANDIDATES_TOPIC (default candidates_topic)')
  .option('--voters-topic <name>', 'env VOTERS_TOPIC (default voters_topic)')
  .option('--votes-topic <name>', 'recreated by --reset; env VOTES_TOPIC (default votes_topic)')
  .option('--dlq-topic <name>', 'recreated by --reset; env VOTERS_DLQ_TOPIC (default voters_dlq)')
  .option('--no-progress', 'no progress bar or progress lines');

interface CliOptions {
  voters: string;
  candidates: string;
  seed: string;
  reset: boolean;
  partitions: string;
  brokers?: string;
  databaseUrl?: string;
  candidatesTopic?: string;
  votersTopic?: string;
  votesTopic?: string;
  dlqTopic?: string;
  progress: boolean;
}

program.action(async (o: CliOptions) => {
  await seed({
    voters: positiveInt('--voters', o.voters),
    candidates: positiveInt('--candidates', o.candidates),
    seed: o.seed,
    reset: o.reset,
    partitions: Math.max(1, positiveInt('--partitions', o.partitions)),
    ...(o.brokers ? { brokers: o.brokers } : {}),
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    topics: {
      ...(o.candidatesTopic ? { candidates: o.candidatesTopic } : {}),
      ...(o.votersTopic ? { voters: o.votersTopic } : {}),
      ...(o.votesTopic ? { votes: o.votesTopic } : {}),
      ...(o.dlqTopic ? { votersDlq: o.dlqTopic } : {}),
    },
    logger,
    progress: o.progress ? 'auto' : 'none',
  });
});

program.parseAsync().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof TallyError)
      logger.error({ code: error.code, detail: error.detail, hint: error.hint }, error.message);
    else logger.error({ err: error }, 'tally-seed failed');
    process.exit(1);
  },
);
