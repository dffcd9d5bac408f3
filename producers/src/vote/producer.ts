import { setTimeout as delay } from 'node:timers/promises';
import { createLogger, type Logger } from '@tally/common';
import {
  createKafkaClient,
  type IncomingRecord,
  type OutgoingRecord,
  type RecordBatch,
} from '@tally/kafka-client';
import { migrate } from '@tally/sql';
import { resolveBrokers, resolveDatabaseUrl, resolveTopics, type Topics } from '../config.js';
import { createKafkaBatcher } from '../kafka-batcher.js';
import { seedHash } from '../seed/seed.js';
import { ensureTopics } from '../topics.js';
import { type CandidateWeights, createCandidatePicker, type StateLeanings } from './choice.js';
import { parseVoterRecord } from './parse-voter.js';
import { createRateLimiter } from './rate-limiter.js';
import { createVoteStore, type VoteStore } from './store.js';
import { voteRecord } from './vote-record.js';

export interface VoteProducerOptions {
  brokers?: string;
  databaseUrl?: string;
  topics?: Partial<Topics>;
  /** Consumer group on `voters_topic` (default `tally-vote`, env VOTE_GROUP_ID in the CLI). */
  groupId?: string;
  /** Same seed, same choices: a replayed voter picks the same candidate (default "tally"). */
  seed?: string | number;
  weights?: CandidateWeights;
  leanings?: StateLeanings | 'auto' | 'none';
  /** Votes per second at most; 0 or absent = unlimited. */
  rate?: number;
  /** Partitions of `votes_topic` and the dead-letter topic when this process creates them (default 1). */
  partitions?: number;
  logger?: Logger;
  /** The voting time of a batch (default: now). */
  clock?: () => Date;
  /** How often the counters are logged (default 5 s; 0 = never). */
  statsIntervalMs?: number;
}

/** What the producer has done since it started. */
export interface VoteCounters {
  /** Voter records read from `voters_topic`. */
  received: number;
  /** New rows in `votes`. */
  stored: number;
  /** Votes acknowledged on `votes_topic` (including re-publications). */
  published: number;
  /** Stored-but-unpublished votes found and published by the outbox (start-up and sweeps). */
  republished: number;
  /** Voters who had voted already (a replayed record): nothing stored. */
  alreadyVoted: number;
  /** Records sent to the dead-letter topic: malformed or unknown voter. */
  malformed: number;
  /** Of `malformed`, the voters unknown to PostgreSQL. */
  unknownVoters: number;
}

/** A running vote producer. */
export interface VoteProducerHandle {
  readonly counters: Readonly<VoteCounters>;
  /** Stops consuming, finishes the batch in hand, and closes connections. */
  stop(): Promise<void>;
}

/** Largest slice of a fetched batch processed in one PostgreSQL round trip. */
const maxSlice = 5_000;

/**
 * Starts the vote producer: a consumer group on `voters_topic` that casts one vote per voter.
 *
 * For each slice of records: parse (malformed → `voters_dlq`), choose candidates (deterministic
 * per voter and seed), store with `ON CONFLICT (voter_id) DO NOTHING`, publish the rows read back
 * from PostgreSQL to `votes_topic`, set `published_at`, and only then let the consumer commit the
 * offsets. Killed at any point, a restart re-publishes stored-but-unpublished votes first (the
 * outbox), then re-reads uncommitted voters, whose second vote the primary key refuses.
 */
export async function runVoteProducer(options: VoteProducerOptions = {}): Promise<VoteProducerHandle> {
  const logger = options.logger ?? createLogger('tally-vote');
  const topics = resolveTopics(options.topics);
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const hash = seedHash(options.seed ?? 'tally');
  const clock = options.clock ?? (() => new Date());
  const limiter = createRateLimiter(options.rate ?? 0);
  // With a rate cap, work in slices of a tenth of a second so votes flow evenly, not in bursts.
  const slice = options.rate ? Math.max(1, Math.min(maxSlice, Math.ceil(options.rate / 10))) : maxSlice;
  const counters: VoteCounters = {
    received: 0,
    stored: 0,
    published: 0,
    republished: 0,
    alreadyVoted: 0,
    malformed: 0,
    unknownVoters: 0,
  };

  await migrate(databaseUrl, { logger });
  const store = createVoteStore(databaseUrl);
  const kafka = createKafkaClient({
    brokers: resolveBrokers(options.brokers),
    clientId: 'tally-vote',
    logger,
  });
  const admin = await kafka.admin();
  await ensureTopics(admin, [topics.voters, topics.votes, topics.votersDlq], options.partitions ?? 1);
  await admin.close();
  const producer = await kafka.producer({ idempotent: false });
  const votes = createKafkaBatcher(producer, topics.votes, { maxInFlight: 8 });

  const candidateIds = await waitForCandidates(store, logger);
  const pick = createCandidatePicker(candidateIds, {
    seed: hash,
    ...(options.weights ? { weights: options.weights } : {}),
    ...(options.leanings ? { leanings: options.leanings } : {}),
  });

  const publishStored = async (rows: Awaited<ReturnType<VoteStore['unpublished']>>) => {
    await votes.publish(rows.map(voteRecord));
    await votes.flush();
    await store.markPublished(rows.map((r) => r.voter_id));
    counters.published += rows.length;
  };
  const drainOutbox = async (olderThanMs: number) => {
    let after = '';
    for (;;) {
      const rows = await store.unpublished(after, maxSlice, olderThanMs);
      if (rows.length === 0) return;
      await publishStored(rows);
      counters.republished += rows.length;
      after = rows.at(-1)!.voter_id;
    }
  };
  await drainOutbox(0);
  if (counters.republished > 0)
    logger.info({ republished: counters.republished }, 'outbox: re-published stored votes');

  const toDeadLetter = (record: IncomingRecord, reason: string): OutgoingRecord => {
    counters.malformed++;
    logger.warn(
      { partition: record.partition, offset: record.offset, reason },
      'voter record sent to the dead-letter topic',
    );
    return {
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
      headers: {
        'tally-error': reason,
        'tally-source': `${record.topic}/${record.partition}/${record.offset}`,
      },
    };
  };

  const handleSlice = async (records: IncomingRecord[]) => {
    await limiter.take(records.length);
    counters.received += records.length;
    const dead: OutgoingRecord[] = [];
    const ballots: { voterId: string; candidateId: string }[] = [];
    const byVoter = new Map<string, IncomingRecord>();
    for (const record of records) {
      const parsed = parseVoterRecord(record);
      if (!parsed.ok) {
        dead.push(toDeadLetter(record, parsed.reason));
        continue;
      }
      if (byVoter.has(parsed.voter.voterId)) continue;
      byVoter.set(parsed.voter.voterId, record);
      ballots.push({
        voterId: parsed.voter.voterId,
        candidateId: pick(parsed.voter.voterId, parsed.voter.state),
      });
    }
    const { toPublish, inserted, unknownVoterIds } = await store.castVotes(ballots, clock());
    for (const id of unknownVoterIds) {
      counters.unknownVoters++;
      dead.push(toDeadLetter(byVoter.get(id)!, `unknown voter "${id}": not in the voters table`));
    }
    counters.stored += inserted;
    counters.alreadyVoted += ballots.length - unknownVoterIds.length - inserted;
    counters.republished += toPublish.length - inserted;
    if (dead.length > 0) await producer.send([{ topic: topics.votersDlq, records: dead }]);
    if (toPublish.length > 0) await publishStored(toPublish);
  };

  const consumer = kafka.consumer({ groupId: options.groupId ?? 'tally-vote', fromBeginning: true });
  await consumer.subscribe([topics.voters]);
  await consumer.run({
    eachBatch: async (batch: RecordBatch, context) => {
      for (let i = 0; i < batch.records.length; i += slice) {
        if (!context.isRunning()) throw new Error('partition revoked: the batch will be re-read');
        await handleSlice(batch.records.slice(i, i + slice));
        await context.heartbeat();
      }
    },
  });
  logger.info(
    { topics, groupId: options.groupId ?? 'tally-vote', candidates: candidateIds },
    'vote producer running',
  );

  const statsEvery = options.statsIntervalMs ?? 5_000;
  const stats =
    statsEvery > 0
      ? setInterval(() => logger.info({ ...counters }, 'vote producer counters'), statsEvery)
      : undefined;
  stats?.unref();
  // Votes of a producer that died for good are published by the next sweep of any live producer.
  const sweep = setInterval(() => {
    drainOutbox(30_000).catch((error: unknown) => logger.warn({ err: error }, 'outbox sweep failed'));
  }, 30_000);
  sweep.unref();

  let stopping: Promise<void> | undefined;
  return {
    counters,
    stop: () => {
      stopping ??= (async () => {
        clearInterval(stats);
        clearInterval(sweep);
        await consumer.close();
        await votes.flush().catch(() => undefined);
        await producer.close();
        await store.close();
        logger.info({ ...counters }, 'vote producer stopped');
      })();
      return stopping;
    },
  };
}

async function waitForCandidates(store: VoteStore, logger: Logger): Promise<string[]> {
  let warned = false;
  for (;;) {
    const ids = await store.candidateIds();
    if (ids.length > 0) return ids;
    if (!warned) logger.warn('no candidates in PostgreSQL yet: waiting for tally-seed');
    warned = true;
    await delay(1_000);
  }
}
