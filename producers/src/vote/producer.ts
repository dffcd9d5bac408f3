import { setTimeout as delay } from 'node:timers/promises';
import { createLogger, type Logger } from '@tally/common';
import {
  type BatchContext,
  createKafkaClient,
  type KafkaProducer,
  type RecordBatch,
} from '@tally/kafka-client';
import { migrate } from '@tally/sql';
import { resolveBrokers, resolveDatabaseUrl, resolveTopics, type Topics } from '../config.js';
import { sendAll } from '../kafka-batcher.js';
import { seedHash } from '../seed/seed.js';
import { ensureTopics } from '../topics.js';
import { castSlice } from './cast.js';
import { type CandidateWeights, createCandidatePicker, type StateLeanings } from './choice.js';
import { type VoteCounters, type VoteTimings, zeroCounters, zeroTimings } from './counters.js';
import { createDayRateLimiter } from './rate-limiter.js';
import { createVoteStore, type VoteStore } from './store.js';
import { turnoutCurve } from './turnout-curve.js';
import { type StoredVoteRow, voteRecord } from './vote-record.js';

export type { VoteCounters, VoteTimings } from './counters.js';

export interface VoteProducerOptions {
  brokers?: string;
  databaseUrl?: string;
  topics?: Partial<Topics>;
  /** Consumer group on `voters_topic` (default `tally-vote`). */
  groupId?: string;
  /** Same seed, same choices: a replayed voter picks the same candidate (default "tally"). */
  seed?: string | number;
  weights?: CandidateWeights;
  leanings?: StateLeanings | 'auto' | 'none';
  /** Votes per second at most (on average, with `dayMs`); 0 or absent = unlimited. */
  rate?: number;
  /**
   * An election day compressed into this many ms: the rate follows the day's turnout curve (a
   * morning rush, a midday lull, an evening peak) around `rate`; 0 or absent = a flat rate.
   */
  dayMs?: number;
  /** Partitions of `votes_topic` and the dead-letter topic when this process creates them (default 1). */
  partitions?: number;
  logger?: Logger;
  /** The voting time of a batch (default: now). */
  clock?: () => Date;
  /** How often the counters are logged (default 5 s; 0 = never). */
  statsIntervalMs?: number;
  /** Slices being stored, published and committed at once, at most (default 4). */
  pipelineDepth?: number;
}

/** A running vote producer. */
export interface VoteProducerHandle {
  readonly counters: Readonly<VoteCounters>;
  readonly timings: Readonly<VoteTimings>;
  /** Rejects if the producer failed for good (e.g. Kafka refused to publish); the CLI then exits 1. */
  readonly failed: Promise<never>;
  /** Stops consuming, publishes and commits what is in hand, and closes connections. */
  stop(): Promise<void>;
}

/** Largest slice of a fetched batch stored in one PostgreSQL round trip. */
const maxSlice = 5_000;

/**
 * Starts the vote producer: a consumer group on `voters_topic` that casts one vote per voter.
 *
 * Per slice of records: parse (malformed → `voters_dlq`), choose candidates (deterministic per
 * voter and seed), store with `ON CONFLICT (voter_id) DO NOTHING`, publish the rows read back
 * from PostgreSQL to `votes_topic`, set `published_at`, and only then commit the offsets — in that
 * order for every slice, with several slices in flight. Killed at any point, a restart first
 * re-publishes stored-but-unpublished votes (the outbox), then re-reads uncommitted voters, whose
 * second vote the primary key refuses.
 */
export async function runVoteProducer(options: VoteProducerOptions = {}): Promise<VoteProducerHandle> {
  const logger = options.logger ?? createLogger('tally-vote');
  const topics = resolveTopics(options.topics);
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const groupId = options.groupId ?? 'tally-vote';
  const limiter = createDayRateLimiter(options.rate ?? 0, options.dayMs ?? 0, turnoutCurve);
  // With a rate cap, work in slices of a tenth of a second so votes flow evenly, not in bursts.
  const slice = options.rate ? Math.max(1, Math.min(maxSlice, Math.ceil(options.rate / 10))) : maxSlice;
  const depth = options.pipelineDepth ?? 4;
  const counters = zeroCounters();
  const timings = zeroTimings();

  await migrate(databaseUrl, { logger });
  const store = createVoteStore(databaseUrl, (err) =>
    logger.warn({ err }, 'PostgreSQL closed an idle connection; the next query opens a new one'),
  );
  const kafka = createKafkaClient({
    brokers: resolveBrokers(options.brokers),
    clientId: 'tally-vote',
    logger,
  });
  const admin = await kafka.admin();
  await ensureTopics(admin, [topics.voters, topics.votes, topics.votersDlq], options.partitions ?? 1);
  await admin.close();
  const producer = await kafka.producer({ idempotent: false });

  const publish = createPublisher(producer, store, topics, counters, timings);
  const republished = await drainOutbox(store, publish, counters, 0);
  if (republished > 0) logger.info({ republished }, 'outbox: re-published stored votes');

  const candidateIds = await waitForCandidates(store, logger);
  const deps = {
    store,
    pick: createCandidatePicker(candidateIds, {
      seed: seedHash(options.seed ?? 'tally'),
      ...(options.weights ? { weights: options.weights } : {}),
      ...(options.leanings ? { leanings: options.leanings } : {}),
    }),
    clock: options.clock ?? (() => new Date()),
    counters,
    timings,
    onDeadLetter: (record: { partition: number; offset: number }, reason: string) =>
      logger.warn(
        { partition: record.partition, offset: record.offset, reason },
        'voter record sent to the dead-letter topic',
      ),
  };

  // Slices in flight; each commits its offset only after it and every earlier slice is published.
  const inFlight: Promise<void>[] = [];
  let committed: Promise<void> = Promise.resolve();
  let failure: unknown;
  let rejectFailed: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    rejectFailed = reject;
  });
  failed.catch(() => undefined);
  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = error;
    logger.error(
      { err: error },
      'vote producer failed: stored votes will be published by the outbox on restart',
    );
    rejectFailed(error);
  };

  const consumer = kafka.consumer({ groupId, fromBeginning: true, autoCommit: false });
  await consumer.subscribe([topics.voters]);
  let handling: Promise<void> = Promise.resolve();
  const handle = async (batch: RecordBatch, context: BatchContext) => {
    for (let i = 0; i < batch.records.length; i += slice) {
      if (failure !== undefined) throw failure;
      if (!context.isRunning())
        throw new Error('stopping or partition revoked: the rest of the batch will be re-read');
      const records = batch.records.slice(i, i + slice);
      await limiter.take(records.length);
      const next = { topic: batch.topic, partition: batch.partition, offset: records.at(-1)!.offset + 1 };
      // Slices are stored concurrently (distinct voters; a voter in two slices waits on the first).
      const published = castSlice(deps, records).then((cast) => publish(cast.toPublish, cast.deadLetters));
      const previous = committed;
      committed = Promise.all([previous, published]).then(async () => {
        const t = performance.now();
        // A refused commit (the partition moved in a rebalance) only means a replay: harmless.
        await consumer
          .commit([next])
          .catch((error: unknown) => logger.warn({ err: error, next }, 'offset commit refused'));
        timings.commitMs += performance.now() - t;
      });
      committed.catch(fail);
      inFlight.push(committed);
      while (inFlight.length > depth) await inFlight.shift();
      await context.heartbeat();
    }
  };
  await consumer.run({
    eachBatch: (batch, context) => {
      handling = handle(batch, context);
      return handling;
    },
  });
  logger.info({ topics, groupId, candidates: candidateIds }, 'vote producer running');

  const statsEvery = options.statsIntervalMs ?? 5_000;
  const stats =
    statsEvery > 0
      ? setInterval(() => logger.info({ ...counters }, 'vote producer counters'), statsEvery)
      : undefined;
  stats?.unref();
  // Votes of a producer that died for good are published by the next sweep of any live producer.
  const sweep = setInterval(() => {
    drainOutbox(store, publish, counters, 30_000).catch((error: unknown) =>
      logger.warn({ err: error }, 'outbox sweep failed'),
    );
  }, 30_000);
  sweep.unref();

  let stopping: Promise<void> | undefined;
  return {
    counters,
    timings,
    failed,
    stop: () => {
      stopping ??= (async () => {
        clearInterval(stats);
        clearInterval(sweep);
        consumer.pause([topics.voters]);
        await handling.catch(() => undefined);
        await committed.catch(() => undefined);
        // Each closes even if one before it fails: a pool left open outlives its database.
        const failures: unknown[] = [];
        for (const close of [() => consumer.close(), () => producer.close(), () => store.close()])
          await close().catch((error: unknown) => failures.push(error));
        if (failures.length > 0) throw failures[0];
        logger.info({ ...counters }, 'vote producer stopped');
      })();
      return stopping;
    },
  };
}

type Publish = (rows: StoredVoteRow[], deadLetters?: Parameters<typeof sendAll>[2]) => Promise<void>;

/** Publishes stored votes (and dead letters), then marks the votes published. */
function createPublisher(
  producer: KafkaProducer,
  store: VoteStore,
  topics: Topics,
  counters: VoteCounters,
  timings: VoteTimings,
): Publish {
  return async (rows, deadLetters = []) => {
    const t0 = performance.now();
    await Promise.all([
      rows.length > 0 ? sendAll(producer, topics.votes, rows.map(voteRecord)) : undefined,
      deadLetters.length > 0 ? sendAll(producer, topics.votersDlq, deadLetters) : undefined,
    ]);
    const t1 = performance.now();
    timings.publishMs += t1 - t0;
    if (rows.length === 0) return;
    await store.markPublished(rows.map((r) => r.voter_id));
    timings.markMs += performance.now() - t1;
    counters.published += rows.length;
  };
}

/** Publishes every stored-but-unpublished vote older than `olderThanMs`; returns how many. */
async function drainOutbox(store: VoteStore, publish: Publish, counters: VoteCounters, olderThanMs: number) {
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await store.unpublished(after, maxSlice, olderThanMs);
    if (rows.length === 0) return total;
    await publish(rows);
    total += rows.length;
    counters.republished += rows.length;
    after = rows.at(-1)!.voter_id;
  }
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
