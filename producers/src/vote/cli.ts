#!/usr/bin/env node
import { createLogger, onShutdown, TallyError } from '@tally/common';
import { Command } from 'commander';
import { positiveInt } from '../config.js';
import { parseLeanings, parseWeights } from './choice.js';
import { runVoteProducer } from './producer.js';

const logger = createLogger('tally-vote');
const env = process.env;
const program = new Command('tally-vote')
  .description('Casts one vote per voter read from voters_topic: PostgreSQL votes + votes_topic')
  .option(
    '--rate <votes/s>',
    'cap on votes per second; 0 = unlimited (env VOTE_RATE)',
    env['VOTE_RATE'] ?? '0',
  )
  .option(
    '--day-minutes <n>',
    'an election day in this many minutes: the rate follows its turnout curve around --rate; 0 = flat (env VOTE_DAY_MINUTES)',
    env['VOTE_DAY_MINUTES'] ?? '0',
  )
  .option('--seed <value>', 'same seed, same choices (env SEED)', env['SEED'] ?? 'tally')
  .option(
    '--weights <list>',
    'candidate weights, e.g. cand-1=5,cand-2=3 (env VOTE_WEIGHTS)',
    env['VOTE_WEIGHTS'],
  )
  .option(
    '--leanings <spec>',
    'per-state leanings: auto | none | TX:cand-1=1.5,cand-2=0.8;CA:… (env VOTE_LEANINGS)',
    env['VOTE_LEANINGS'] ?? 'none',
  )
  .option('--group <id>', 'consumer group (env VOTE_GROUP_ID)', env['VOTE_GROUP_ID'] ?? 'tally-vote')
  .option(
    '--partitions <n>',
    'partitions of topics it creates (env TOPIC_PARTITIONS)',
    env['TOPIC_PARTITIONS'] ?? '1',
  )
  .option('--brokers <list>', 'Kafka bootstrap servers (env KAFKA_BROKERS)')
  .option('--database-url <url>', 'PostgreSQL connection string (env DATABASE_URL)')
  .option('--voters-topic <name>', 'env VOTERS_TOPIC (default voters_topic)')
  .option('--votes-topic <name>', 'env VOTES_TOPIC (default votes_topic)')
  .option('--dlq-topic <name>', 'dead-letter topic; env VOTERS_DLQ_TOPIC (default voters_dlq)');

interface CliOptions {
  dayMinutes: string;
  rate: string;
  seed: string;
  weights?: string;
  leanings: string;
  group: string;
  partitions: string;
  brokers?: string;
  databaseUrl?: string;
  votersTopic?: string;
  votesTopic?: string;
  dlqTopic?: string;
}

program.action(async (o: CliOptions) => {
  const handle = await runVoteProducer({
    rate: positiveInt('--rate', o.rate),
    dayMs: positiveInt('--day-minutes', o.dayMinutes) * 60_000,
    seed: o.seed,
    ...(o.weights ? { weights: parseWeights(o.weights) } : {}),
    leanings: parseLeanings(o.leanings),
    groupId: o.group,
    partitions: Math.max(1, positiveInt('--partitions', o.partitions)),
    ...(o.brokers ? { brokers: o.brokers } : {}),
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    topics: {
      ...(o.votersTopic ? { voters: o.votersTopic } : {}),
      ...(o.votesTopic ? { votes: o.votesTopic } : {}),
      ...(o.dlqTopic ? { votersDlq: o.dlqTopic } : {}),
    },
    logger,
  });
  onShutdown(logger, () => handle.stop());
  handle.failed.catch(() => process.exit(1));
});

program.parseAsync().catch((error: unknown) => {
  if (error instanceof TallyError)
    logger.error({ code: error.code, detail: error.detail, hint: error.hint }, error.message);
  else logger.error({ err: error }, 'tally-vote failed');
  process.exit(1);
});
